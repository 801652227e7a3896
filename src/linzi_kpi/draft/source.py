"""A plan document's text: plain text in any encoding kpi detects, a Word .docx file, a web page
(``webpage``), a spreadsheet (``sheets``: a 任务分解表 as .xlsx, .xls, .ods or .csv) or a PDF
(``pdf``, through poppler's pdftotext). Which reader reads a document is decided by its content
where the content says (a zip holding word/ or xl/, a PDF's or an old Office file's signature, a
page's doctype), else by its suffix.

.docx is read with python-docx, a dependency imported only here: a
maintained reader that knows the format's corners (runs split inside a word, fields, tables),
where a hand-rolled reader of the XML would quietly lose text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KpiError, os_reason
from ..freetext import fault
from ..i18n import N_, _

#: Bounds no plan document comes near (the shipped one is 30 KB of text, a .docx of it 40 KB
#: holding a few hundred paragraphs), so that a crafted document cannot take the machine: the
#: file on disk, what a .docx unpacks to, its parts, and its paragraphs (counted in the XML
#: before a word of it is parsed).
DOCUMENT_CAP = 16 << 20
DOCX_UNPACKED = 64 << 20
DOCX_PARTS = 1_000
DOCX_PARAGRAPHS = 50_000

if TYPE_CHECKING:
    import zipfile

DOCX_MISSING = N_("reading .docx needs python-docx, which kpi installs with it: reinstall kpi "
                  "(pip install --force-reinstall linzi_kpi), or save the document as plain text")

#: The suffixes of web pages, read as such whatever they hold.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
#: The signature of the old Office files (.doc, .xls).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Read:
    """A document read: its text, how (``utf-8``, ``gbk``, ``docx``, ``html``, ``xlsx``,
    ``pdf`` …), the document itself when it is kept beside its text in source/ (all but plain
    text), and notes on how it was read."""

    text: str
    how: str
    original: bytes | None = None
    notes: tuple[str, ...] = ()


def read(path: Path, display: str) -> Read:
    """The document's text, and how it was read."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise KpiError(_("{display}: the old .doc format is not read; save it as .docx (Word/WPS: "
                         "另存为 .docx) or as plain text").format(display=display))
    from ..inputs import InputError, read_capped

    try:
        raw = read_capped(path, DOCUMENT_CAP)
    except InputError as exc:
        raise KpiError(_("{doc}: {why} ({hint})").format(doc=display, why=exc.message,
                                                         hint=exc.hint)) from None
    except FileNotFoundError:
        raise KpiError(_("{display}: file not found").format(display=display)) from None
    except IsADirectoryError:
        raise KpiError(_("{display}: this is a folder, not a document").format(display=display)) from None
    except OSError as exc:
        raise KpiError(_("{display}: cannot read the document: {strerror}")
                        .format(display=display, strerror=os_reason(exc))) from None
    kind = kind_of(raw, suffix)
    if kind == "docx":
        return Read(_docx(path, display), "docx", raw)
    if kind in ("xlsx", "xls", "ods", "csv"):
        from .sheets import sheet_text

        text, notes = sheet_text(path, raw, kind, display)
        _check_characters(text, display)
        return Read(text, kind, raw, tuple(notes))
    if kind == "pdf":
        from .pdf import pdf_text

        text = pdf_text(path, display, DOCUMENT_CAP)
        _check_characters(text, display)
        return Read(text, "pdf", raw, (_(
            "a PDF: source/ holds the text pdftotext gives of it (its layout kept), and the PDF "
            "is kept beside it"),))
    if kind == "html":
        return _page(raw, display)
    if raw.startswith(_OLE):
        raise KpiError(_("{display}: an old Word or Excel file (.doc, .xls) named otherwise; save "
                         "it as .docx or .xlsx, or name an Excel file .xls").format(display=display))
    text, used = _text(raw, display)
    return Read(text, used)


def kind_of(raw: bytes, suffix: str) -> str:
    """Which reader reads a document: ``docx``, ``xlsx``, ``ods``, ``xls``, ``csv``, ``pdf``,
    ``html`` or ``text``, by its content where it says, else by its suffix."""
    if raw.startswith(b"PK\x03\x04"):
        return _zip_kind(raw, suffix)
    if raw.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    from .webpage import is_page

    if suffix in PAGE_SUFFIXES or is_page(raw):  # (a page saved as .xls, as sites offer them)
        return "html"
    if raw.startswith(_OLE):
        return "xls" if suffix == ".xls" else "text"
    return {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".xls": "xls",
            ".csv": "csv"}.get(suffix, "text")


def _zip_kind(raw: bytes, suffix: str) -> str:
    """A zip's kind by the parts it holds: word/ a .docx, xl/ an .xlsx, an OpenDocument
    spreadsheet's mimetype an .ods; else by its suffix (a .docx when it names none)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist()[:DOCX_PARTS + 1])
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100 and \
                    archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.sp"):
                return "ods"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError,
            RuntimeError, NotImplementedError):
        pass
    return {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods"}.get(suffix, "docx")


def _page(raw: bytes, display: str) -> Read:
    from ..files.decoding import decode_page
    from .webpage import page_text

    try:
        html, used = decode_page(raw, display)
    except KpiError:
        raise KpiError(_("{display}: a web page neither in the encoding it declares nor in UTF-8 "
                         "or GBK; save it again as UTF-8").format(display=display)) from None
    try:
        text = page_text(html)
    except KpiError as exc:  # a bound passed
        raise KpiError(_("{display}: {why}").format(display=display, why=exc)) from None
    _check_characters(text, display)
    return Read(text, "html", raw, (_(
        "a web page ({encoding}): source/ holds its text, a paragraph a line and a table's row "
        "a line with its cells parted by tabs, and the page is kept beside it").format(
            encoding=used.upper()),))


def _text(raw: bytes, display: str) -> tuple[str, str]:
    from ..files.decoding import decode  # the one place that detects a text's encoding

    try:
        text, used = decode(raw, display, None)
    except KpiError:
        raise KpiError(_("{display}: neither UTF-8 nor GBK text; save the document as UTF-8 text "
                         "or as .docx").format(display=display)) from None
    if "\x00" in text:
        raise KpiError(_("{display}: not a text document (it holds NUL bytes); give a plain text "
                         "or .docx file").format(display=display))
    _check_characters(text, display)
    return text, used


def _check_characters(text: str, display: str) -> None:
    """Refuse a document holding what a plan's text may not (``freetext``, as ``yamlio`` asks it
    of a plan's values): a plan quotes its text verbatim, so the draft could never load. A page
    break or vertical tab (text taken from a PDF) is let through, as the drafter reads either
    as a line end."""
    found = fault(_("the document"), text, invisible=False, page_breaks=True)
    if found is not None:
        line = text.count("\n", 0, found.at) + 1
        raise KpiError(_("{doc}:{line}: {message}, which a plan cannot quote; remove it and "
                         "draft again").format(doc=display, line=line, message=found.message))


def _docx(path: Path, display: str) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
    except ImportError:
        raise KpiError(_(DOCX_MISSING)) from None
    _check_docx(path, display)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a zip that is no Word document, a damaged file
        raise KpiError(_("{display}: not a readable .docx file; open it in Word or WPS and save it "
                         "again, or save it as plain text").format(display=display)) from exc
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
    text = "\n".join(lines) + "\n"
    _check_characters(text, display)
    return text


def _check_docx(path: Path, display: str) -> None:
    """Refuse a .docx that unpacks to more than ``DOCX_UNPACKED`` bytes or ``DOCX_PARTS`` parts,
    or whose text has more than ``DOCX_PARAGRAPHS`` paragraphs, before python-docx parses a byte
    of it. The sizes are those the archive declares; reading a part past its declared size
    fails, so a part cannot lie its way past the cap."""
    import zipfile

    refused = _("{doc}: not a readable .docx file; open it in Word or WPS and save it again, "
                "or save it as plain text").format(doc=display)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            size = sum(part.file_size for part in parts)
            if len(parts) > DOCX_PARTS or size > DOCX_UNPACKED:
                raise KpiError(_(
                    "{doc}: the .docx unpacks to {size} MB in {parts} parts, more than a plan "
                    "document needs (at most {cap} MB in {most} parts); save it as plain text"
                ).format(doc=display, size=size >> 20, parts=len(parts), cap=DOCX_UNPACKED >> 20,
                         most=DOCX_PARTS))
            paragraphs = _paragraphs(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            KeyError, RuntimeError, NotImplementedError):
        raise KpiError(refused) from None
    if paragraphs > DOCX_PARAGRAPHS:
        raise KpiError(_("{doc}: the .docx holds more than {cap} paragraphs, more than a plan "
                         "document needs; save it as plain text").format(
            doc=display, cap=f"{DOCX_PARAGRAPHS:,}"))


def _paragraphs(archive: zipfile.ZipFile) -> int:
    """The paragraphs (``<w:p>`` and ``<w:p …>``, ``<w:p/>``) of the document's XML, counted a
    block at a time as it unpacks, stopping once past the cap."""
    opening = re.compile(rb"<w:p[\s>/]")
    count = 0
    tail = b""
    with archive.open("word/document.xml") as part:
        while block := part.read(1 << 20):
            data = tail + block
            count += len(opening.findall(data))
            tail = data[-4:]  # a match is 5 bytes: none lies wholly in the tail
            if count > DOCX_PARAGRAPHS:
                break
    return count
