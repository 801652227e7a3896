"""Whose return a workbook is: one with a sheet named for a department is that department's
return, every sheet of it, so that a second sheet (visible or hidden) cannot carry a figure
another department reports; one with sheets named for several departments is each such sheet's
own, and a sheet with rows named for none of them is refused. A hidden sheet's rows are not
imported, and a note says so. The small plan of conftest: 1.x are reported by 区发改局, 2.x by
区科技局 (the first responsible department); 区农业局 is an alias of 区农业农村局."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import soffice_convert

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")

HEADER = ["编号", "本次数值", "数据日期"]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-05")


def book(path: Path, *sheets: tuple[str, list[list[object]], str]) -> Path:
    """A workbook of sheets (name, rows, state: visible, hidden or veryHidden)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows, state in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        ws.sheet_state = state
    wb.save(path)
    return path


def recorded(small_plan: Path) -> list[tuple[str, str]]:
    path = small_plan / "progress" / "2023-06.csv"
    if not path.exists():
        return []
    return [tuple(line.split(",")[:2]) for line in path.read_text(encoding="utf-8").splitlines()[1:]]


REFUSED = ("error: {place}: column 本次数值: {target} is reported by {reporter}, not by {dept} "
           "(leave the cell empty and send the figure to {reporter}, which reports it; the "
           "template shows such rows locked)\n"
           "error: 1 of {rows} rows are invalid; nothing was recorded\n")


def test_a_second_sheet_of_a_department_s_template_is_that_department_s_too(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    assert kpi("template", "--dept", "区交通运输局", "jt.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "jt.xlsx")
    extra = wb.create_sheet("x")
    extra.append(HEADER)
    extra.append(["1.1", 9, "2023-06-29"])
    wb.save(tmp_path / "jt.xlsx")
    result = kpi("import", "jt.xlsx")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == REFUSED.format(place="jt.xlsx:x!B2", target="1.1", reporter="区发改局",
                                           dept="区交通运输局", rows=1)
    assert recorded(small_plan) == []


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_not_imported_and_a_note_says_so(kpi, small_plan: Path,
                                                           tmp_path: Path, state: str) -> None:
    book(tmp_path / "fg.xlsx", ("区发改局", [HEADER, ["1.1", 600, "2023-06-30"]], "visible"),
         ("x", [HEADER, ["2.1", 160, "2023-06-29"], ["1.2", 4, "2023-06-29"]], state))
    result = kpi("import", "fg.xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "note: fg.xlsx: sheet x is hidden, and its 2 rows are not imported; unhide the sheet "
        "(Excel/WPS: 取消隐藏) and import the return again to record them\n")
    assert recorded(small_plan) == [("1.1", "600")]


def test_a_hidden_sheet_without_a_header_row_is_a_helper_said_nothing_of(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    book(tmp_path / "fg.xlsx", ("区发改局", [HEADER, ["1.1", 600, "2023-06-30"]], "visible"),
         ("lists", [["区发改局"], ["区科技局"]], "veryHidden"))
    result = kpi("import", "fg.xlsx")
    assert result.exit_code == 0
    assert "hidden" not in result.stderr
    assert recorded(small_plan) == [("1.1", "600")]


def test_a_workbook_whose_only_rows_are_hidden_says_so(kpi, small_plan: Path,
                                                       tmp_path: Path) -> None:
    book(tmp_path / "fg.xlsx", ("说明", [["填报说明"]], "visible"),
         ("区发改局", [HEADER, ["1.1", 600, "2023-06-30"]], "hidden"))
    result = kpi("import", "fg.xlsx")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("error: fg.xlsx: the only sheets with a header row are hidden "
                             "(区发改局); unhide the sheet to import its rows\n")
    assert recorded(small_plan) == []


def test_a_hidden_sheet_named_for_a_department_makes_the_workbook_its_return(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    book(tmp_path / "r.xlsx", ("Sheet1", [HEADER, ["2.1", 160, "2023-06-30"]], "visible"),
         ("区发改局", [["编号"]], "veryHidden"))
    result = kpi("import", "r.xlsx")
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(place="r.xlsx:Sheet1!B2", target="2.1",
                                           reporter="区科技局", dept="区发改局", rows=1)


def test_sheets_named_for_two_departments_are_each_that_department_s(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    book(tmp_path / "two.xlsx", ("区发改局", [HEADER, ["1.1", 600, "2023-06-30"]], "visible"),
         ("区科技局", [HEADER, ["2.1", 160, "2023-06-30"]], "visible"))
    result = kpi("import", "two.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert recorded(small_plan) == [("1.1", "600"), ("2.1", "160")]


def test_of_two_departments_each_sheet_is_held_to_its_own(kpi, small_plan: Path,
                                                          tmp_path: Path) -> None:
    book(tmp_path / "two.xlsx", ("区发改局", [HEADER, ["1.1", 600, "2023-06-30"]], "visible"),
         ("区农业局", [HEADER, ["1.2", 4, "2023-06-30"]], "visible"))  # (an alias)
    result = kpi("import", "two.xlsx")
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(place="two.xlsx:区农业局!B2", target="1.2",
                                           reporter="区发改局", dept="区农业农村局", rows=2)
    assert recorded(small_plan) == []


def test_a_sheet_named_for_no_one_beside_two_departments_is_refused(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    book(tmp_path / "two.xlsx", ("区发改局", [HEADER, ["1.1", 600, "2023-06-30"]], "visible"),
         ("区科技局", [HEADER, ["2.1", 160, "2023-06-30"]], "visible"),
         ("Sheet3", [HEADER, ["1.2", 4, "2023-06-30"]], "visible"))
    result = kpi("import", "two.xlsx")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: two.xlsx: sheet Sheet3 is named for no department, but the workbook holds the "
        "returns of 区发改局, 区科技局: name the sheet for the department whose figures it gives, "
        "or send it as a return of its own\n")
    assert recorded(small_plan) == []


def test_a_workbook_naming_no_department_is_not_asked(kpi, small_plan: Path,
                                                     tmp_path: Path) -> None:
    book(tmp_path / "any.xlsx", ("Sheet1", [HEADER, ["1.1", 600, "2023-06-30"],
                                            ["2.1", 160, "2023-06-30"]], "visible"))
    assert kpi("import", "any.xlsx").exit_code == 0
    assert recorded(small_plan) == [("1.1", "600"), ("2.1", "160")]


@pytest.mark.lang("zh")
def test_the_hidden_sheet_note_in_chinese(kpi, small_plan: Path, tmp_path: Path) -> None:
    book(tmp_path / "fg.xlsx", ("区发改局", [HEADER, ["1.1", 600, "2023-06-30"]], "visible"),
         ("x", [HEADER, ["1.2", 4, "2023-06-29"]], "hidden"))
    result = kpi("import", "fg.xlsx")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "注：fg.xlsx：工作表 x 已隐藏，其中 1 行数据未导入；请取消隐藏该工作表（Excel/WPS：取消隐藏）"
        "后重新导入该报表\n")


@pytest.mark.slow
@pytest.mark.parametrize("to", ["ods", "xls:MS Excel 97"])
def test_a_hidden_sheet_saved_by_libreoffice_is_not_imported_either(
        kpi, small_plan: Path, tmp_path: Path, to: str) -> None:
    # the same workbook saved by the real LibreOffice as .ods and as .xls: each reader (calamine
    # for .ods, xlrd for .xls) sees the sheet's hidden state
    book(tmp_path / "fg.xlsx", ("区发改局", [HEADER, ["1.1", 600, "2023-06-30"]], "visible"),
         ("x", [HEADER, ["2.1", 160, "2023-06-29"], ["1.2", 4, "2023-06-29"]], "hidden"))
    converted = soffice_convert(tmp_path / "fg.xlsx", to, tmp_path)
    result = kpi("import", converted.name)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        f"note: {converted.name}: sheet x is hidden, and its 2 rows are not imported; unhide the "
        "sheet (Excel/WPS: 取消隐藏) and import the return again to record them\n")
    assert recorded(small_plan) == [("1.1", "600")]
