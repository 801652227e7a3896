"""Figures two sources disagree on (issue 19) in every edition of issue 18's report model: the
bulletin's banner is part of the document, so the HTML page, the Markdown and the Word document
all carry it, and the export workbook's cover sheet (说明) has a 注意 row for it."""

from __future__ import annotations

from pathlib import Path

import pytest

SAID = ("两个来源数值不同：1.1 2023-06-30：610（区发改局）计入，600（区交通运输局）不同；"
        "以后录入者计；核实后用 kpi record … --corrects 记录正确数值，或用 kpi withdraw 撤回错误的一条")


@pytest.fixture
def disputed(kpi, small_plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    for by, value in (("区交通运输局", "600"), ("区发改局", "610")):
        result = kpi("record", "1.1", value, "--date", "2023-06-30", "--by", by)
        assert result.exit_code == 0, result.stderr


def test_every_edition_of_the_bulletin_carries_the_banner(kpi, disputed, tmp_path: Path) -> None:
    import docx

    html = kpi("report", "--format", "html", "--as-of", "2023-06-30", "--lang", "zh").stdout
    assert f'<p class="banner" role="alert">{SAID}</p>' in html
    markdown = kpi("report", "--format", "markdown", "--as-of", "2023-06-30", "--lang", "zh")
    assert f"> **{SAID}**" in markdown.stdout
    out = tmp_path / "通报.docx"
    result = kpi("report", str(out), "--as-of", "2023-06-30", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert SAID in [p.text for p in docx.Document(str(out)).paragraphs]


def test_the_export_cover_sheet_says_it(kpi, disputed, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "export.xlsx"
    result = kpi("export", str(out), "--as-of", "2023-06-30")
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["进度", "指标", "任务", "说明"]
    assert ["注意", SAID] in [[c.value for c in row] for row in wb["说明"].iter_rows()]
