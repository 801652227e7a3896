"""What a person's text may hold: the one rule, asked of who, source and note as typed
(``service``) and as read back from the ledger (``ledger.lines``), of the values of a plan file
(``yamlio``) and its department names (``checks``), and of a plan document the drafter reads
(``draft.source``).

Text may not hold a control character (a NUL, an escape: through ``kpi log`` it would reach a
terminal as a command; a tab and line ends are text), a lone surrogate (bytes that were not
UTF-8, which cannot be written back as UTF-8), a line break where it is one line (who, source,
a department's name), or an invisible character that reorders or hides it (a bidirectional
control, a zero-width character). A fault is worded here, once: its message and its fix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .i18n import _

#: Control characters: C0 but tab, line feed and carriage return; DEL; C1.
_CONTROLS = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F))
#: What a plan document may hold beyond text (``page_breaks``): a vertical tab or a page break,
#: in text taken from a PDF, which the drafter reads as a line end.
_PAGE_BREAKS = ((0x0B, 0x0C),)
#: Line breaks of every kind, refused where text is one line: line feed, carriage return, the
#: next-line control (also a C1 control) and the Unicode line and paragraph separators.
_LINE_BREAKS = ((0x0A, 0x0A), (0x0D, 0x0D), (0x85, 0x85), (0x2028, 0x2029))
#: Bidirectional controls (U+202A–U+202E, U+2066–U+2069) and zero-width characters
#: (U+200B–U+200D, U+2060, U+FEFF): invisible, they reorder or hide text where kpi shows it
#: (``kpi log``'s columns, the file names of ``kpi template --each-dept``).
_INVISIBLE = ((0x200B, 0x200D), (0x202A, 0x202E), (0x2060, 0x2060), (0x2066, 0x2069),
              (0xFEFF, 0xFEFF))
_SURROGATES = ((0xD800, 0xDFFF),)

Ranges = tuple[tuple[int, int], ...]


def _class(*groups: Ranges) -> str:
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" if a < b else re.escape(chr(a))
                         for group in groups for a, b in group) + "]"


#: The control characters alone.
CONTROL = re.compile(_class(_CONTROLS))
#: Any character that some text may not hold, whatever the parameters of ``fault``: text
#: without one has no fault (the ledger reader's test of a whole row).
SUSPECT = re.compile(_class(_CONTROLS, _LINE_BREAKS, _INVISIBLE, _SURROGATES))
_BREAK = re.compile(_class(_LINE_BREAKS))

#: Who and source are one line of text; a note may hold line breaks.
ONE_LINE = frozenset({"by", "source"})


@dataclass(frozen=True)
class Fault:
    """What text holds that it may not: ``message`` and ``hint`` (the fix), in the language of
    the run; ``at``, the index of the character in the text."""

    message: str
    hint: str
    at: int


@cache
def _pattern(one_line: bool, invisible: bool, page_breaks: bool) -> re.Pattern[str]:
    controls = tuple((a, b) for a, b in _CONTROLS if not (page_breaks and (a, b) in _PAGE_BREAKS))
    return re.compile(_class(controls, _LINE_BREAKS if one_line else (),
                             _INVISIBLE if invisible else (), _SURROGATES))


def fault(label: str, text: str, *, one_line: bool = False, invisible: bool = True,
          page_breaks: bool = False) -> Fault | None:
    """The first character of ``text`` that it may not hold, as a ``Fault`` naming ``label``
    (what the text is: ``by``, ``department name '区发改局'``, ``the value``); None when it
    holds none.

    ``one_line``: a line break is a fault too. ``invisible``: so is a bidirectional control or
    a zero-width character, for text kpi shows where it could reorder or hide what is printed
    (a plan's quotes keep them as the document wrote them). ``page_breaks``: a vertical tab and
    a page break are let through (a plan document, which reads them as line ends).
    """
    found = _pattern(one_line, invisible, page_breaks).search(text)
    if found is None:
        return None
    char, at = found.group(), found.start()
    code = ord(char)
    if one_line and _BREAK.match(char):
        return Fault(_("{label} holds a line break (U+{code:04X})").format(label=label, code=code),
                     _("remove it; who, source and a department's name are one line of text"), at)
    if CONTROL.match(char):
        return Fault(_("{label} holds the control character U+{code:04X}").format(
                         label=label, code=code),
                     _("remove it; who, source and a department's name are one line of printable "
                       "text") if one_line else
                     _("remove it; text may hold tabs and line breaks, never a control character"),
                     at)
    if 0xD800 <= code <= 0xDFFF:
        return Fault(_("{label} holds bytes that are not UTF-8 text").format(label=label),
                     _("type it in a UTF-8 terminal, or save the file as UTF-8"), at)
    return Fault(_("{label} holds the invisible character U+{code:04X} ({name})").format(
                     label=label, code=code, name=unicodedata.name(char, "")),
                 _("remove it: it reorders or hides what kpi shows (kpi log, file names)"), at)


def _encodings() -> dict[int, list[bytes]]:
    """The UTF-8 of every character ``SUSPECT`` matches but tab and line ends (which every
    file of lines holds) and the surrogates (which UTF-8 cannot hold), by their first byte."""
    out: dict[int, list[bytes]] = {}
    for a, b in (*_CONTROLS, *_LINE_BREAKS, *_INVISIBLE):
        for code in range(a, b + 1):
            if chr(code) not in "\t\n\r":
                encoded = chr(code).encode("utf-8")
                out.setdefault(encoded[0], []).append(encoded)
    return out


_BY_LEAD = _encodings()
#: Every byte but those that begin a suspect character: deleted, they leave the leads a block holds.
_NOT_LEAD = bytes(b for b in range(256) if b not in _BY_LEAD)
#: The bytes of an ASCII lead: found, the block holds a control character for sure.
_MULTIBYTE_LEADS = bytes(b for b in _BY_LEAD if b >= 0x80)
def _byte_class(values: set[int]) -> bytes:
    return b"[" + b"".join(re.escape(bytes([v])) for v in sorted(values)) + b"]"


def _sequence(lead: int, encoded: list[bytes]) -> re.Pattern[bytes]:
    """A pattern of the characters whose UTF-8 begins with ``lead`` (a literal first byte, and a
    class of last bytes: quick to search)."""
    middles: dict[bytes, set[int]] = {}
    for e in encoded:
        middles.setdefault(e[1:-1], set()).add(e[-1])
    return re.compile(re.escape(bytes([lead])) + b"(?:" + b"|".join(
        re.escape(middle) + _byte_class(last) for middle, last in sorted(middles.items())) + b")")


#: Of each lead of a multibyte character, a pattern of the characters it begins.
_SEQUENCES = tuple((bytes([lead]), _sequence(lead, encoded))
                   for lead, encoded in sorted(_BY_LEAD.items()) if lead >= 0x80)

def may_hold(data: bytes) -> bool:
    """Whether UTF-8 bytes may hold a character ``SUSPECT`` matches (besides tab and line ends):
    a test of a block of a million bytes in about a millisecond, so that a reader of a large file
    asks ``fault`` only of the rows of a file that holds one. (A character cut at the start of
    ``data`` is not seen: the caller gives the last bytes of the block before with it.)"""
    leads = data.translate(None, _NOT_LEAD)
    if not leads:
        return False
    if leads.translate(None, _MULTIBYTE_LEADS):  # an ASCII control character
        return True
    return any(lead in leads and pattern.search(data) is not None for lead, pattern in _SEQUENCES)
