"""Output for people (issue 12): the export workbook as it prints, and every department's
template in one run. LibreOffice, where installed, opens the workbook and prints it to PDF.

LibreOffice (Debian: ``apt-get install -y libreoffice-calc poppler-utils``) makes the slow tests
here; without it they are skipped with the reason. ``.ci/run`` installs it.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import shipped

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

#: Illustrative figures (made up), enough to fill every kind of cell.
FIGURES = """target,value,date,source,note
23.1,535,2023-06-30,区交通运输局月报,
28.1,2,2023-06-30,区发改局月报,
1.1,2,2023-06-30,区科技局月报,补报
19,in_progress,2023-06-30,区发改局月报,
25,blocked,2023-06-30,临淄生态环境分局月报,
"""


@pytest.fixture
def filled(data_dir: Path, kpi) -> Path:
    (data_dir.parent / "figures.csv").write_text(FIGURES, encoding="utf-8")
    result = kpi("record", "--from", "figures.csv")
    assert result.exit_code == 0, result.stderr
    return data_dir


@pytest.fixture
def exported(filled: Path, kpi, tmp_path: Path) -> Path:
    result = kpi("export", "--as-of", "2023-06-30", "standing.xlsx")
    assert (result.exit_code, result.stdout) == (
        0, "已写入 standing.xlsx：91 个指标、67 项任务，截至 2023-06-30\n")
    return tmp_path / "standing.xlsx"


@pytest.mark.lang("zh")
def test_the_export_holds_dates_and_numbers_as_such(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb["指标"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "23.1")
    cell = {h: c for h, c in zip(header, row, strict=True)}
    assert cell["数据日期"].value == dt.datetime(2023, 6, 30)
    assert cell["数据日期"].is_date and cell["数据日期"].number_format == "yyyy-mm-dd"
    assert cell["期限"].value == dt.datetime(2023, 12, 31) and cell["期限"].is_date
    figure = shipped("23.1")["target"]
    assert (cell["目标"].value, cell["实际"].value) == (figure, 535)
    assert cell["实际"].data_type == "n" and cell["任务"].data_type == "n"
    assert cell["完成进度"].value == pytest.approx(535 / figure, abs=5e-5) and cell["完成进度"].number_format == "0.0%"
    assert cell["编号"].data_type == "s"  # 23.10 would otherwise become 23.1
    # codes appear as their Chinese words
    assert (cell["状态"].value, cell["比较"].value, cell["类型"].value) == ("正常", "不少于", "新增")
    tasks = wb["任务"]
    states = {r[0].value: (r[3].value, r[4].value, r[5].value) for r in tasks.iter_rows(min_row=2)}
    assert states[19] == ("正常", "进行中", dt.datetime(2023, 6, 30))
    assert states[25] == ("滞后", "受阻", dt.datetime(2023, 6, 30))
    assert (wb["说明"]["A5"].value, wb["说明"]["B5"].value) == ("截至", dt.datetime(2023, 6, 30))
    assert wb["说明"]["B5"].is_date


@pytest.mark.lang("zh")
def test_the_export_is_set_up_to_print(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize == 9  # A4
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$1:$1"  # the header row on every page
        assert ws.freeze_panes == "B2"  # the header row and the id column stay in view
    ws = wb["指标"]
    widths = {ws.cell(1, i).value: ws.column_dimensions[ws.cell(1, i).column_letter].width
              for i in range(1, ws.max_column + 1)}
    assert (widths["编号"], widths["原文"], widths["期限"], widths["责任部门"]) == (6, 28, 11, 20)
    # a long quote wraps, and its row is tall enough for it
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "3.2")
    assert row[4].alignment.wrap_text is True
    assert ws.row_dimensions[row[0].row].height == 30


def _pdf(xlsx: Path, folder: Path) -> Path:
    assert SOFFICE is not None
    profile = folder / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
                   capture_output=True, timeout=300, check=True)
    return folder / (xlsx.stem + ".pdf")


def _pages(pdf: Path) -> list[str]:
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None,
                    reason="LibreOffice and pdftotext are not installed (Debian: apt-get install "
                           "-y libreoffice-calc poppler-utils)")
@pytest.mark.lang("zh")
def test_libreoffice_prints_the_export_landscape_one_page_wide(exported: Path,
                                                               tmp_path: Path) -> None:
    pdf = _pdf(exported, tmp_path)
    raw = pdf.read_bytes()
    # every page is A4 landscape: 842 × 595 points
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", raw)
    assert boxes and all(round(float(w)) == 842 and round(float(h)) == 595 for w, h in boxes)
    pages = _pages(pdf)
    targets = [p for p in pages if "原文" in p.splitlines()[0]]
    # 91 targets on 3 pages (26 portrait pages before), each page headed by the header row
    # and showing every column, the last (填报人) included
    assert len(targets) == 3
    for page in targets:
        first = page.splitlines()[0].split()
        assert first[:3] == ["编号", "任务", "部分"] and first[-1] == "填报人"
    assert sum(len(re.findall(r"^\s*\d+\.\d+\s", p, re.M)) for p in targets) == 91
    # the first sheet (进度, 11 columns to print) before them, on pages of its own
    brief = [p for p in pages if p.splitlines()[0].split()[:3] == ["编号", "指标", "目标"]]
    assert 2 <= len(brief) <= 4
    assert sum(len(re.findall(r"^\s*\d+\.\d+\s", p, re.M)) for p in brief) == 91
    assert len(pages) <= 14
    assert not re.search(r"in_progress|not_started|blocked|on_track|at_least|increment",
                         "".join(pages))
