"""A plan document's text: plain text in any encoding kpi detects, or a Word .docx file.

.docx is read with python-docx, a dependency imported only here: a
maintained reader that knows the format's corners (runs split inside a word, fields, tables),
where a hand-rolled reader of the XML would quietly lose text.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import KpiError
from ..i18n import _

DOCX_MISSING = ("reading .docx needs python-docx, which kpi installs with it: reinstall kpi "
                "(pip install --force-reinstall linzi_kpi), or save the document as plain text")


def read(path: Path, display: str) -> tuple[str, str]:
    """The document's text, and how it was read (``utf-8``, ``gbk``, ``docx`` …)."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise KpiError(f"{display}: the old .doc format is not read; save it as .docx "
                       "(Word/WPS: 另存为 .docx) or as plain text")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KpiError(f"{display}: file not found") from None
    except IsADirectoryError:
        raise KpiError(f"{display}: this is a folder, not a document") from None
    except OSError as exc:
        raise KpiError(f"{display}: cannot read the document: {exc.strerror}") from None
    if suffix == ".docx" or raw.startswith(b"PK\x03\x04"):
        return _docx(path, display), "docx"
    return _text(raw, display)


def _text(raw: bytes, display: str) -> tuple[str, str]:
    from ..files.decoding import decode  # the one place that detects a text's encoding

    try:
        text, used = decode(raw, display, None)
    except KpiError:
        raise KpiError(f"{display}: neither UTF-8 nor GBK text; save the document as UTF-8 "
                       "text or as .docx") from None
    if "\x00" in text:
        raise KpiError(f"{display}: not a text document (it holds NUL bytes); give a plain "
                       "text or .docx file")
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
        raise KpiError(f"{display}: not a readable .docx file; open it in Word or WPS and save it "
                       "again, or save it as plain text") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                # a row is one line, its cells joined by tabs (a cell merged across columns
                # once), as a table flattened to text is read: 33\t新培育…\t区科技局\t…
                cells: list[str] = []
                seen: list[object] = []
                for cell in row.cells:
                    if any(cell._tc is other for other in seen):
                        continue
                    seen.append(cell._tc)
                    cells.append("\n".join(p.text for p in cell.paragraphs).strip())
                lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n"
