"""A plan published as a PDF → its text, through poppler's ``pdftotext -layout`` (a program,
not a dependency of kpi: where it is missing, one line says to install it or to save the
document as text or .docx). Its layout (a table's columns parted by spaces, paragraphs wrapped
at a fixed width) is what the drafter reads (``layout``, ``document.unwrap``). The program runs
at most ``TIMEOUT`` seconds and its text is read to at most ``source.DOCUMENT_CAP`` bytes.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

from ..errors import KpiError, os_reason
from ..i18n import _

#: How long pdftotext may take: a plan of a hundred pages takes well under a second.
TIMEOUT = 60


def pdf_text(path: Path, display: str, cap: int) -> str:
    """The text of the PDF at ``path`` (pages parted by form feeds)."""
    program = shutil.which("pdftotext")
    if program is None:
        raise KpiError(_("{display}: reading a PDF needs pdftotext, which is not installed: "
                         "install poppler-utils (Debian, Ubuntu: apt-get install poppler-utils; "
                         "macOS: brew install poppler), or save the document as text or .docx")
                       .format(display=display))
    try:
        # (the path absolute: a name starting with - is no option)
        process = subprocess.Popen([program, "-layout", "-enc", "UTF-8", "-eol", "unix", "-q",
                                    str(path.absolute()), "-"], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError as exc:
        raise KpiError(_("{display}: cannot run pdftotext: {why}").format(
            display=display, why=os_reason(exc))) from None
    timer = threading.Timer(TIMEOUT, process.kill)
    timer.start()
    chunks: list[bytes] = []
    size = 0
    out = process.stdout
    try:
        while out is not None and (block := out.read(1 << 16)):
            size += len(block)
            if size > cap:
                process.kill()
                raise KpiError(_("{display}: the PDF's text is larger than {mb} MB, far beyond "
                                 "a plan document").format(display=display, mb=cap >> 20))
            chunks.append(block)
        code = process.wait()
    finally:
        timer.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
        if out is not None:
            out.close()
    if code < 0:  # killed: it ran past the time it may take
        raise KpiError(_("{display}: pdftotext did not finish within {seconds} seconds; save "
                         "the document as text or .docx").format(display=display,
                                                                 seconds=TIMEOUT))
    if code != 0:
        raise KpiError(_("{display}: pdftotext cannot read this PDF (damaged, or protected by a "
                         "password); open it and save it as text or .docx").format(
            display=display))
    raw = b"".join(chunks)
    text = raw.decode("utf-8", errors="replace")
    if not text.strip(" \n\f"):
        raise KpiError(_("{display}: the PDF holds no text (a scan of paper?); the drafter needs "
                         "its words: save it as text or .docx, or run it through OCR first")
                       .format(display=display))
    return text
