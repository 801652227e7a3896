"""A plan document's text: plain text in any encoding kpi detects, or a Word .docx file.

.docx is read with python-docx, an optional extra (``pip install 'linzi_kpi[docx]'``): a
maintained reader that knows the format's corners (runs split inside a word, fields, tables),
where a hand-rolled reader of the XML would quietly lose text.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import KpiError
from ..i18n import N_, _

DOCX_MISSING = N_("reading .docx needs python-docx: pip install 'linzi_kpi[docx]' "
                  "(or save the document as plain text)")


def read(path: Path, display: str) -> tuple[str, str]:
    """The document's text, and how it was read (``utf-8``, ``gbk``, ``docx`` …)."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise KpiError(_("{display}: the old .doc format is not read; save it as .docx (Word/WPS: "
                         "另存为 .docx) or as plain text").format(display=display))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KpiError(_("{display}: file not found").format(display=display)) from None
    except IsADirectoryError:
        raise KpiError(_("{display}: this is a folder, not a document").format(display=display)) from None
    except OSError as exc:
        raise KpiError(_("{display}: cannot read the document: {strerror}")
                        .format(display=display, strerror=exc.strerror)) from None
    if suffix == ".docx" or raw.startswith(b"PK\x03\x04"):
        return _docx(path, display), "docx"
    return _text(raw, display)


def _text(raw: bytes, display: str) -> tuple[str, str]:
    from ..files.spreadsheet import decode  # the one place that detects a text's encoding

    try:
        text, used = decode(raw, display, None)
    except KpiError:
        raise KpiError(_("{display}: neither UTF-8 nor GBK text; save the document as UTF-8 text "
                         "or as .docx").format(display=display)) from None
    if "\x00" in text:
        raise KpiError(_("{display}: not a text document (it holds NUL bytes); give a plain text "
                         "or .docx file").format(display=display))
    return text, used


def _docx(path: Path, display: str) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
    except ImportError:
        raise KpiError(_(DOCX_MISSING)) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a zip that is no Word document, a damaged file
        raise KpiError(_("{display}: not a readable .docx file; open it in Word or WPS and save it "
                         "again, or save it as plain text").format(display=display)) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n"
