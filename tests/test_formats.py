"""Every spreadsheet a department may send: .ods as LibreOffice saves it (read by python-calamine),
.xls as Excel 97-2003 (and LibreOffice) save it (read by xlrd), through the one tabular reader of
kpi import and kpi record --from; WPS's .et refused with how to save it as .xlsx; an .ods or .xls
without its reader gets the install line.

The .ods files are written with odfpy and the .xls files with xlwt, cell by cell as those
programs store them (a percentage cell, a date cell, repeated empty rows and columns, a note on
a cell); test_libreoffice_* converts kpi's own template with the real LibreOffice (soffice
--headless --convert-to) where it is installed (.ci/run installs it).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from conftest import said, soffice_convert

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

pytest.importorskip("python_calamine", reason="the ods extra (python-calamine) is not installed")
pytest.importorskip("xlrd", reason="the xls extra (xlrd) is not installed")


@pytest.fixture(autouse=True)
def _july(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")


def ledger(data_dir: Path) -> list[list[str]]:
    """The ledger's records as (target, value, unit, date, by, source, note)."""
    path = data_dir / "progress" / "2023-06.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("target,value,unit,date,recorded_at,by,source,note,recording,withdraws,"
                        "corrects")
    return [line.split(",")[:4] + line.split(",")[5:8] for line in lines[1:]]


# ---------------------------------------------------------------- .ods, as LibreOffice writes it


def ods(path: Path, sheets: dict[str, list[list[object]]], *, lead_rows: int = 0,
        lead_columns: int = 0) -> Path:
    """An .ods file: each cell a string, a number, a date, ("%", 0.512) for a percentage cell
    or ("note", text, value) for a cell with a comment; ``lead_rows`` empty rows and
    ``lead_columns`` empty columns before the table, written as LibreOffice writes them (one
    repeated row, one repeated cell), and the empty rest of the sheet likewise."""
    odf = pytest.importorskip("odf", reason="odfpy is not installed")
    del odf
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        if lead_rows:
            table.addElement(TableRow(numberrowsrepeated=lead_rows))
        for row in rows:
            tr = TableRow()
            if lead_columns:
                tr.addElement(TableCell(numbercolumnsrepeated=lead_columns))
            for value in row:
                note = None
                if isinstance(value, tuple) and value[0] == "note":
                    _, note, value = value
                if value is None:
                    cell = TableCell()
                elif isinstance(value, tuple):  # a percentage
                    cell = TableCell(valuetype="percentage", value=value[1])
                    cell.addElement(P(text=f"{value[1] * 100:g}%"))
                elif isinstance(value, (int, float)):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                elif isinstance(value, dt.date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat())
                    cell.addElement(P(text=value.isoformat()))
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                if note is not None:
                    annotation = Annotation()
                    annotation.addElement(P(text=note))
                    cell.addElement(annotation)
                tr.addElement(cell)
            tr.addElement(TableCell(numbercolumnsrepeated=1000))
            table.addElement(tr)
        table.addElement(TableRow(numberrowsrepeated=1_048_000))
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


JUNE = dt.date(2023, 6, 30)


def test_an_ods_return_is_read_cell_by_cell(data_dir: Path, kpi, tmp_path: Path) -> None:
    ods(tmp_path / "区发改局-2023-06.ods", {
        "说明": [["这一页没有表头"]],
        "六月": [["区发改局 2023年6月 月报"],
                 ["编号", "指标", "本次数值", "数据日期", "数据来源", "备注"],
                 ["15.1", "现代服务业重点项目", 4, JUNE, "区发改局月报", ("note", "批注", "一期")],
                 ["15.2", "现代服务业增加值比重", ("%", 0.512), "2023/6/30", "", ""],
                 ["19", "持续扩大有效投资", "进行中", "2023年6月30日", "", ""],
                 ["27.1", "华能储能项目功率", None, None, None, None]],
    }, lead_rows=2, lead_columns=1)
    result = kpi("import", "区发改局-2023-06.ods")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == ("15.1 现代服务业重点项目 4/8 个 50.0% on track\n"
                             "15.2 现代服务业增加值比重 51.2/53 % 96.6% (no baseline) met\n"
                             "19 持续扩大有效投资 in progress on track\n"
                             "recorded 3 in data/progress/2023-06.csv; 1 blank row skipped\n")
    assert ledger(data_dir) == [
        ["15.1", "4", "个", "2023-06-30", "tester", "区发改局月报", "一期"],
        ["15.2", "51.2", "%", "2023-06-30", "tester", "区发改局-2023-06.ods", ""],
        ["19", "in_progress", "", "2023-06-30", "tester", "区发改局-2023-06.ods", ""],
    ]  # a row that names no source names the return it came from


def test_a_bad_cell_of_an_ods_return_is_named_by_sheet_and_cell(data_dir: Path, kpi,
                                                               tmp_path: Path) -> None:
    # two empty rows and one empty column before the table: the cell names count them
    ods(tmp_path / "r.ods", {"六月": [["编号", "本次数值", "数据日期"],
                                      ["23.1", 600, "30/6/2023"],
                                      ["15.1", "四", JUNE]]}, lead_rows=2, lead_columns=1)
    result = kpi("import", "r.ods")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: r.ods:六月!D4: column 数据日期: date '30/6/2023' is not in a form kpi reads: "
        "write it as 2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)\n"
        "error: r.ods:六月!C5: column 本次数值: value '四' is not a number: write plain digits in "
        "the target's unit, e.g. 1200, 1,200 or 50.7 (the target's own unit may follow, as in 95%; no 万 or 亿)\n"
        "error: 2 of 2 rows are invalid; nothing was recorded\n")
    assert not (data_dir / "progress").exists()


def test_record_from_reads_an_ods_file_as_import_does(data_dir: Path, kpi, tmp_path: Path) -> None:
    first = said(kpi, "23.1", 600)  # before anything is recorded
    ods(tmp_path / "r.ods", {"Sheet1": [["target", "value", "date"], ["23.1", 600, JUNE]]})
    result = kpi("record", "--from", "r.ods")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (first +
                             "recorded 1 in data/progress/2023-06.csv\n")


def test_an_ods_whose_cells_reach_past_any_return_is_refused_before_it_is_laid_out(
        data_dir: Path, kpi, tmp_path: Path) -> None:
    # one value 3,000 rows down and 1,000 columns across: 3 million cells for python-calamine
    # to lay out; refused from the file's own description of its rows
    ods(tmp_path / "far.ods", {"六月": [["编号", "本次数值", "数据日期"], ["23.1", 600, JUNE]]},
        lead_rows=3000, lead_columns=1000)
    result = kpi("import", "far.ods")
    assert (result.exit_code, result.stderr) == (
        1, "error: far.ods: sheet '六月' reaches row 3001, column 1001: more than 2000000 cells, "
           "far beyond a return; delete the rows and columns past the table, or send a CSV file\n")


def test_a_file_named_ods_that_is_not_one(data_dir: Path, kpi, tmp_path: Path) -> None:
    (tmp_path / "r.ods").write_text("编号,本次数值,数据日期\n", encoding="utf-8")
    result = kpi("import", "r.ods")
    assert (result.exit_code, result.stderr) == (
        1, "error: r.ods: not an .ods spreadsheet (File is not a zip file); save it again as "
           ".xlsx, or as CSV\n")


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                    for i in range(1, 10)).replace("&lol0;", "&lol;") + "]>")


@pytest.mark.parametrize("doctype", [
    LAUGHS, '<!DOCTYPE x [<!ENTITY lol SYSTEM "file:///etc/passwd"><!ENTITY lol9 "">]>',
], ids=["entity-bomb", "external-entity"])
def test_an_ods_with_entities_in_its_xml_is_refused_in_one_line(doctype: str, data_dir: Path, kpi,
                                                                tmp_path: Path) -> None:
    import zipfile

    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = (f'<?xml version="1.0"?>{doctype}<office:document-content xmlns:office="{office}" '
               f'xmlns:table="{table}" xmlns:text="{text}"><office:body><office:spreadsheet>'
               '<table:table table:name="S"><table:table-row><table:table-cell '
               'office:value-type="string"><text:p>&lol9;&lol;</text:p></table:table-cell>'
               '</table:table-row></table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    with zipfile.ZipFile(tmp_path / "lol.ods", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    result = kpi("import", "lol.ods")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: lol.ods: cannot read the spreadsheet (ParseError: ")
    assert result.stderr.endswith("); save it again as .ods or .xlsx\n")
    assert result.stderr.count("\n") == 1 and "root:" not in result.stderr
    assert not (data_dir / "progress").exists()


def test_an_ods_or_xls_without_its_reader_says_what_to_install(
        data_dir: Path, kpi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ods(tmp_path / "r.ods", {"Sheet1": [["target", "value", "date"], ["23.1", 600, JUNE]]})
    xls(tmp_path / "r.xls", {"Sheet1": [["target", "value", "date"], ["23.1", 600, JUNE]]})
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails, as if absent
    monkeypatch.setitem(sys.modules, "xlrd", None)
    for command in (("import", "r.ods"), ("record", "--from", "r.ods")):
        result = kpi(*command)
        assert (result.exit_code, result.stderr) == (
            1, "error: r.ods: reading .ods files needs python-calamine, which kpi installs with "
               "it: reinstall kpi (pip install --force-reinstall linzi_kpi), or save the file "
               "as .xlsx or CSV\n")
    result = kpi("import", "r.xls")
    assert (result.exit_code, result.stderr) == (
        1, "error: r.xls: reading .xls files needs xlrd, which kpi installs with it: reinstall "
           "kpi (pip install --force-reinstall linzi_kpi), or save the file as .xlsx or CSV\n")
    assert not (data_dir / "progress").exists()


# ---------------------------------------------------------------- .xls, as Excel 97-2003 writes it


def xls(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An .xls file: strings, numbers, dates with a date format, ("%", 0.512) with 0.0%."""
    xlwt = pytest.importorskip("xlwt", reason="xlwt is not installed")
    book = xlwt.Workbook(encoding="utf-8")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    percent = xlwt.easyxf(num_format_str="0.0%")
    for name, rows in sheets.items():
        ws = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, tuple):
                    ws.write(r, c, value[1], percent)
                elif isinstance(value, dt.date):
                    ws.write(r, c, value, day)
                else:
                    ws.write(r, c, value)
    book.save(str(path))
    return path


def test_an_xls_return_is_read_cell_by_cell(data_dir: Path, kpi, tmp_path: Path) -> None:
    first = said(kpi, "23.1", 535)  # before anything is recorded
    xls(tmp_path / "区交通运输局.xls", {"六月": [
        ["区交通运输局 六月"],
        ["编号", "本次数值", "数据日期", "数据来源", "填报人"],
        ["23.1", 535, JUNE, "区交通运输局月报", "王五"],
        ["15.2", ("%", 0.512), JUNE, None, None],  # typed as 51.2%: Excel stores 0.512
        ["19", "受阻", "2023.6.30", None, None],
    ]})
    result = kpi("import", "区交通运输局.xls")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (first +
                             "15.2 现代服务业增加值比重 51.2/53 % 96.6% (no baseline) met\n"
                             "19 持续扩大有效投资 blocked off track\n"
                             "recorded 3 in data/progress/2023-06.csv\n")
    assert ledger(data_dir) == [["23.1", "535", "个", "2023-06-30", "王五", "区交通运输局月报", ""],
                                ["15.2", "51.2", "%", "2023-06-30", "tester", "区交通运输局.xls", ""],
                                ["19", "blocked", "", "2023-06-30", "tester", "区交通运输局.xls", ""]]


def test_a_bad_cell_of_an_xls_return_is_named_by_sheet_and_cell(data_dir: Path, kpi,
                                                               tmp_path: Path) -> None:
    xls(tmp_path / "r.xls", {"六月": [["编号", "本次数值", "数据日期"], ["23.1", "12万", JUNE]]})
    result = kpi("import", "r.xls")
    assert (result.exit_code, result.stderr) == (
        1, "error: r.xls:六月!B2: column 本次数值: value '12万' is not a number: write plain digits "
           "in the target's unit, e.g. 1200, 1,200 or 50.7 (the target's own unit may follow, as in 95%; no 万 or 亿)\n"
           "error: 1 of 1 rows are invalid; nothing was recorded\n")


def test_a_damaged_xls_is_refused_in_one_line(data_dir: Path, kpi, tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = kpi("import", "old.xls")
    assert (result.exit_code, result.stderr) == (
        1, "error: old.xls: cannot read the workbook (XLRDError: Unsupported format, or corrupt "
           "file: Expected BOF record; found b'\\xd0\\xcf\\x11\\xe0'); save it again as .xls or "
           ".xlsx\n")


def test_an_xls_cell_at_the_far_corner_makes_no_sheet_of_its_size(data_dir: Path, kpi,
                                                                  tmp_path: Path) -> None:
    first = said(kpi, "23.1", 600)  # before anything is recorded
    xlwt = pytest.importorskip("xlwt", reason="xlwt is not installed")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("六月")
    for c, text in enumerate(["编号", "本次数值", "数据日期"]):
        ws.write(0, c, text)
    ws.write(1, 0, "23.1")
    ws.write(1, 1, 600)
    ws.write(1, 2, "2023-06-30")
    ws.write(65535, 255, "远处")  # IV65536: a row of its own, read as far as that cell
    book.save(str(tmp_path / "far.xls"))
    result = kpi("import", "far.xls", "--dry-run")  # xlrd reads each row as far as its cells
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (first +
                             "would record 1 in data/progress/2023-06.csv; 65534 blank rows "
                             "skipped\n")


# ---------------------------------------------------------------- what is not read


def test_wps_et_is_refused_with_how_to_save_it_as_xlsx(data_dir: Path, kpi, tmp_path: Path) -> None:
    (tmp_path / "区发改局.et").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    for command in (("import", "区发改局.et"), ("record", "--from", "区发改局.et")):
        result = kpi(*command)
        assert (result.exit_code, result.stderr) == (
            1, "error: 区发改局.et: WPS's own .et format is not read; save it as .xlsx (WPS: 文件 → "
               "另存为 → Excel 工作簿 *.xlsx) or as CSV\n")


def test_other_files_are_a_usage_error(data_dir: Path, kpi, tmp_path: Path) -> None:
    (tmp_path / "r.numbers").write_bytes(b"PK")
    result = kpi("import", "r.numbers")
    assert (result.exit_code, result.stderr) == (
        2, "error: r.numbers: kpi reads returns saved as .xlsx, .xls, .ods or .csv\n")


# ---------------------------------------------------------------- the real LibreOffice


@pytest.mark.slow
@pytest.mark.parametrize("to", ["ods", "xls"])
def test_libreoffice_saves_kpi_template_and_kpi_imports_it(to: str, data_dir: Path, kpi,
                                                          tmp_path: Path) -> None:
    """kpi's own template, filled in (a figure, a percentage cell, a date cell, a state in
    Chinese), saved by LibreOffice as .ods or .xls, imported."""
    openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    assert kpi("template", "--dept", "区发改局", "fgj.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "fgj.xlsx")
    ws = wb.active
    column = {ws.cell(row=3, column=i).value: i for i in range(1, ws.max_column + 1)}
    filled = {"15.1": 4, "15.2": 0.512, "19": "进行中"}
    for row in range(4, ws.max_row + 1):
        key = ws.cell(row=row, column=1).value
        if key in filled:
            value = ws.cell(row=row, column=column["本次数值"])
            value.value = filled[key]
            if key == "15.2":
                value.number_format = "0.0%"
            ws.cell(row=row, column=column["数据日期"]).value = JUNE
    wb.save(tmp_path / "filled.xlsx")
    converted = soffice_convert(tmp_path / "filled.xlsx", to, tmp_path / "out")
    result = kpi("import", str(converted), "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["sheets"], data["blank_rows"]) == (["区发改局"], 31)
    recorded = [(r["record"]["target"], r["record"]["value"], r["record"]["state"],
                 r["record"]["date"]) for r in data["recorded"]]
    assert recorded == [("15.1", 4, None, "2023-06-30"), ("15.2", 51.2, None, "2023-06-30"),
                        ("19", None, "in_progress", "2023-06-30")]
