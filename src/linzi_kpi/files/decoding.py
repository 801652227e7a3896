"""The text of a CSV return or a plain-text plan document: its encoding detected (a byte-order
mark, UTF-8, else GBK) or named (``--encoding``, from a listed set).
"""

from __future__ import annotations

from ..errors import KpiError, OptionError
from ..i18n import _

#: The text encodings ``--encoding`` takes (as spelled, after lower case and _ → -): what
#: Excel, WPS and LibreOffice save CSV in, in China and elsewhere. Not any codec Python has:
#: some are not text (punycode, rot13, zlib) and fail in ways no return should reach.
ENCODINGS = {"utf-8": "utf-8-sig", "utf8": "utf-8-sig", "utf-8-sig": "utf-8-sig",
             "utf-16": "utf-16", "utf16": "utf-16", "utf-16-le": "utf-16-le",
             "utf-16le": "utf-16-le", "utf-16-be": "utf-16-be", "utf-16be": "utf-16-be",
             "gbk": "gbk", "cp936": "gbk", "gb2312": "gb2312", "gb18030": "gb18030",
             "big5": "big5", "cp950": "cp950", "big5hkscs": "big5hkscs"}
ENCODINGS_SHOWN = ("utf-8", "utf-16", "gbk", "gb18030", "gb2312", "big5")


def decode(raw: bytes, display: str, encoding: str | None) -> tuple[str, str]:
    """CSV bytes → text: a byte-order mark decides, else UTF-8, else GBK (older Excel in China).

    ``encoding`` forces one. Returns the text and the name of the encoding used.
    """
    if encoding:
        name = ENCODINGS.get(encoding.strip().lower().replace("_", "-"))
        if name is None:
            raise OptionError(_("--encoding {encoding!r} is not an encoding of returns kpi reads: "
                                "use one of {join}").format(encoding=encoding[:40],
                                                            join=_(", ").join(ENCODINGS_SHOWN)))
        try:
            text = raw.decode(name)
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise KpiError(_("{display}:{line}: not {encoding} text (byte 0x{raw:02x}); try "
                             "another --encoding, or leave it out to detect it").format(
                                 display=display, line=line, encoding=encoding,
                                 raw=raw[exc.start])) from None
        return text.removeprefix("\ufeff"), encoding
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gbk"
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise KpiError(_("{display}:{line}: neither UTF-8 nor GBK text; save it as CSV UTF-8, or "
                         "name the encoding with --encoding").format(display=display, line=line)) from None


#: A page's declared encoding: <meta charset="gbk">, <meta http-equiv="Content-Type"
#: content="text/html; charset=gb2312">, <?xml … encoding="…"?>.
_DECLARED = (rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{1,20})""",
             rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_-]{1,20})""")
#: Pages declared GB2312 or GBK hold characters of GBK and GB18030 beyond it, as browsers
#: read them: the superset is read.
_SUPERSET = {"gbk": "gb18030", "gb2312": "gb18030"}


def decode_page(raw: bytes, display: str) -> tuple[str, str]:
    """A web page's bytes → text: a byte-order mark decides, else the encoding its first 4 KB
    declare (when kpi reads it and the page is in it), else as ``decode`` detects one."""
    import re

    if not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        head = raw[:4096]
        for pattern in _DECLARED:
            found = re.search(pattern, head, re.IGNORECASE)
            name = ENCODINGS.get(found.group(1).decode("ascii").lower().replace("_", "-")) \
                if found else None
            if name is not None and not name.startswith("utf-16"):
                try:
                    text = raw.decode(_SUPERSET.get(name, name))
                except UnicodeDecodeError:
                    break  # declared wrongly: detected below
                return text.removeprefix("\ufeff"), "utf-8" if name == "utf-8-sig" else name
    return decode(raw, display, None)
