"""The export to print (kpi export OUT.xlsx) and the notes where they are read (kpi dept NAME,
the export), on the small plan built in conftest.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def june(small_plan: Path, kpi, monkeypatch) -> Path:
    monkeypatch.chdir(small_plan.parent)
    monkeypatch.setenv("KPI_TODAY", "2023-07-10")
    for args in (("record", "1.1", "100", "--date", "2023-06-30", "--note", "受雨季影响施工延误"),
                 ("record", "1.2", "4", "--date", "2023-06-30"),
                 ("record", "1.3", "40", "--date", "2023-05-31", "--note", "专项债已申报"),
                 ("record", "1.3", "50", "--date", "2023-06-30"),
                 ("mark", "3", "in_progress", "--date", "2023-06-30", "--note", "已部署")):
        assert kpi(*args).exit_code == 0, args
    return small_plan


@pytest.mark.lang("zh")  # the workbook in Chinese
def test_the_first_sheet_prints_on_landscape_a4_in_twelve_columns_or_fewer(june: Path,
                                                                          kpi) -> None:
    assert kpi("export", "out.xlsx", "--as-of", "2023-06-30").exit_code == 0
    wb = openpyxl.load_workbook(june.parent / "out.xlsx")
    assert wb.sheetnames == ["进度", "指标", "任务", "说明"]
    ws = wb["进度"]
    assert [c.value for c in ws[1]] == ["编号", "指标", "目标", "单位", "实际", "完成进度", "序时进度",
                                        "落后（百分点）", "状态", "牵头部门", "备注"]
    assert ws.max_column <= 12 and wb["指标"].max_column > 20  # the full data on its own sheet
    assert (ws.page_setup.orientation, str(ws.page_setup.paperSize)) == ("landscape", "9")
    assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$1:$1"
    # legible: the printed width at 100 % is no wider than landscape A4's (about 135 characters)
    widths = [ws.column_dimensions[c[0].column_letter].width for c in ws.iter_cols()]
    assert sum(widths) <= 135, sum(widths)
    for sheet in wb.worksheets:  # a Chinese font on every cell, never Calibri
        for row in sheet.iter_rows():
            for cell in row:
                assert (cell.font.name, cell.font.charset) == ("宋体", 134), (sheet.title, cell)
                assert cell.font.sz >= 9


@pytest.mark.lang("zh")  # the workbook in Chinese
def test_the_gap_is_in_points_as_kpi_status_shows_it(june: Path, kpi) -> None:
    assert kpi("export", "out.xlsx", "--as-of", "2023-06-30").exit_code == 0
    status = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)
    gaps = {t["id"]: t["gap"] for t in status["targets"] if t["gap"] is not None}
    wb = openpyxl.load_workbook(june.parent / "out.xlsx")
    for name in ("进度", "指标"):
        ws = wb[name]
        header = [c.value for c in ws[1]]
        gap = header.index("落后（百分点）")
        shown = {r[0].value: r[gap] for r in ws.iter_rows(min_row=2) if r[gap].value is not None}
        assert {k: c.value for k, c in shown.items()} == {
            k: round(v * 100, 1) for k, v in gaps.items()}
        assert shown["1.1"].value == 41.3 and shown["1.1"].number_format == "+0.0;−0.0;0.0"


def test_the_latest_note_is_in_the_export_and_kpi_dept(june: Path, kpi, monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    assert kpi("export", "out.xlsx", "--as-of", "2023-06-30").exit_code == 0
    ws = openpyxl.load_workbook(june.parent / "out.xlsx")["进度"]
    notes = {r[0].value: r[10].value for r in ws.iter_rows(min_row=2)}
    # 1.3's June figure came without a note: the department's latest word (May) stands
    assert (notes["1.1"], notes["1.3"], notes["1.2"]) == ("受雨季影响施工延误", "专项债已申报", None)
    rows = json.loads(kpi("export", "-", "--format", "json", "--as-of", "2023-06-30").stdout)
    assert {t["id"]: t["note"] for t in rows["targets"]}["1.3"] == "专项债已申报"
    out = kpi("dept", "区发改局", "--as-of", "2023-06-30", "--format", "markdown").stdout
    assert out.endswith("### 备注 (2)\n\n| 编号 | 指标 | 日期 | 备注 |\n| --- | --- | --- | --- |\n"
                        "| 1.1 | 新增充电桩 | 2023-06-30 | 受雨季影响施工延误 |\n"
                        "| 1.3 | 新建改造道路 | 2023-05-31 | 专项债已申报 |\n")
    data = json.loads(kpi("dept", "各镇、街道", "--as-of", "2023-06-30", "--format", "json").stdout)
    assert data["notes"] == [{"id": "3", "note": "已部署", "date": "2023-06-30", "by": "tester"}]
    table = kpi("dept", "区发改局", "--as-of", "2023-06-30").stdout
    assert "备注 (2)" in table and "专项债已申报" in table


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not "
                    "installed: apt-get install libreoffice-calc-nogui")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed: "
                    "apt-get install poppler-utils")
@pytest.mark.lang("zh")  # the workbook in Chinese
def test_libreoffice_prints_the_first_sheet_on_one_landscape_page(june: Path, kpi,
                                                                  tmp_path: Path) -> None:
    import os

    assert kpi("export", "out.xlsx", "--as-of", "2023-06-30").exit_code == 0
    wb = openpyxl.load_workbook(june.parent / "out.xlsx")
    for name in wb.sheetnames[1:]:
        del wb[name]  # print the first sheet alone, as a person prints the active sheet
    wb.save(tmp_path / "first.xlsx")
    out = tmp_path / "pdf"
    out.mkdir()
    done = subprocess.run(["soffice", f"-env:UserInstallation={(out / 'lo').as_uri()}",
                           "--headless", "--convert-to", "pdf", "--outdir", str(out),
                           str(tmp_path / "first.xlsx")], capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, HOME=str(out)))
    pdf = out / "first.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info
    width = float(info.split("Page size:")[1].split("x")[0])
    assert round(width) == 842  # landscape A4: 842 × 595 points
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "落后（百分" in text and "受雨季影响施工延误" in text and "+41.3" in text
