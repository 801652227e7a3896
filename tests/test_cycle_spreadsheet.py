"""Spreadsheet returns: kpi template → filled in with openpyxl → kpi import, and CSV returns."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import said, shipped

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

HEADERS = ["编号", "任务", "指标", "单位", "目标", "期限", "上次数值", "上次日期", "上年末数",
           "本次数值", "数据日期", "数据来源", "备注"]


def ledger_bytes(data_dir: Path) -> dict[str, bytes]:
    progress = data_dir / "progress"
    if not progress.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(progress.iterdir()) if p.suffix == ".csv"}


def fill(path: Path, figures: dict[str, tuple[object, object, str, str]], out: Path | None = None) -> Path:
    """Fill rows of a template by id: (本次数值, 数据日期, 数据来源, 备注), as a person would."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    col = {ws.cell(row=3, column=i).value: i for i in range(1, ws.max_column + 1)}
    for row in range(4, ws.max_row + 1):
        key = ws.cell(row=row, column=1).value
        if key in figures:
            value, day, source, note = figures[key]
            for name, v in (("本次数值", value), ("数据日期", day), ("数据来源", source),
                            ("备注", note)):
                ws.cell(row=row, column=col[name]).value = v
    out = out or path
    wb.save(out)
    return out


@pytest.fixture
def template(data_dir: Path, kpi, tmp_path: Path) -> Path:
    result = kpi("template", "--dept", "区发改局", "fgj.xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("wrote fgj.xlsx: 25 targets and 9 tasks without a number for 区发改局\n"
                             "fill in 本次数值 and 数据日期, then: kpi import fgj.xlsx\n")
    return tmp_path / "fgj.xlsx"


# ---------------------------------------------------------------- the template


def test_template_has_chinese_headers_locked_given_columns_and_a_protected_sheet(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb.active
    assert ws.title == "区发改局"
    assert [ws.cell(row=3, column=i).value for i in range(1, 14)] == HEADERS
    assert ws.protection.sheet is True
    ids = [ws.cell(row=r, column=1).value for r in range(4, ws.max_row + 1)]
    assert ids[:4] == ["1.1", "7.1", "7.2", "8.1"] and "19" in ids and len(ids) == 34
    row = 4 + ids.index("15.1")  # a target 区发改局 reports (its lead)
    given = {h: ws.cell(row=row, column=i + 1) for i, h in enumerate(HEADERS)}
    t = shipped("15.1")
    assert (given["指标"].value, given["单位"].value, given["目标"].value) == (
        t["label"], t["unit"], t["target"])
    assert given["期限"].value == dt.datetime(2023, 12, 31)
    for name in ("编号", "任务", "指标", "单位", "目标", "期限", "上次数值", "上次日期"):
        assert given[name].protection.locked is True, name
    for name in ("本次数值", "数据日期", "数据来源", "备注"):
        assert given[name].protection.locked is False, name
    # 上年末数 is filled in only for a level whose baseline is not known: not for an increment
    assert (given["上年末数"].value, given["上年末数"].protection.locked) == (None, True)
    level = {h: ws.cell(row=4 + ids.index("8.1"), column=i + 1) for i, h in enumerate(HEADERS)}
    assert (level["上年末数"].value, level["上年末数"].protection.locked) == (None, False)
    assert level["上年末数"].fill.fgColor.rgb == given["本次数值"].fill.fgColor.rgb  # yellow
    assert given["编号"].data_type == "s" and given["编号"].number_format == "@"
    # the id and target headers say not to edit them
    assert ws.cell(row=3, column=1).comment.text == "由 kpi 生成，请勿修改"
    kinds = sorted(dv.type for dv in ws.data_validations.dataValidation)
    assert kinds == ["date", "decimal", "list"]
    # a task's state is chosen from the template's own words, and its cell is task 19's
    states = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert states.formula1 == '"未开始,进行中,已完成,受阻"'
    value = openpyxl.utils.get_column_letter(HEADERS.index("本次数值") + 1)
    assert f"{value}{4 + ids.index('19')}" in states.sqref
    assert f"{value}{4 + ids.index('23.1')}" not in states.sqref
    assert "本次数值填写状态：未开始 / 进行中 / 已完成 / 受阻。" in ws.cell(row=2, column=1).value


def test_template_shows_the_last_recorded_figure(data_dir: Path, kpi, tmp_path: Path) -> None:
    assert kpi("record", "23.1", "535", "--date", "2023-06-30").exit_code == 0
    assert kpi("template", "--dept", "区交通运输局", "jt.xlsx").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "jt.xlsx").active
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "23.1")
    assert (ws.cell(row=row, column=7).value, ws.cell(row=row, column=8).value) == (
        535, dt.datetime(2023, 6, 30))


def test_template_for_every_department(data_dir: Path, kpi, tmp_path: Path) -> None:
    result = kpi("template", "all.xlsx")
    assert result.stdout == ("wrote all.xlsx: 91 targets and 30 tasks without a number\n"
                             "fill in 本次数值 and 数据日期, then: kpi import all.xlsx\n")
    ws = openpyxl.load_workbook(tmp_path / "all.xlsx").active
    assert (ws.title, ws.max_row) == ("全部部门", 3 + 121)


def test_template_will_not_overwrite_a_workbook(template: Path, kpi) -> None:
    result = kpi("template", "--dept", "区发改局", "fgj.xlsx")
    assert (result.exit_code, result.stderr) == (
        1, "error: fgj.xlsx exists (it may hold figures already filled in); choose another "
           "name, or pass --force to overwrite it\n")
    assert kpi("template", "--dept", "区发改局", "fgj.xlsx", "--force").exit_code == 0
    result = kpi("template", "out.csv")
    assert (result.exit_code, result.stderr) == (
        2, "error: out.csv: the template is an Excel workbook; name it *.xlsx"
           " (`kpi template -h` shows how to use it)\n")


# ---------------------------------------------------------------- the round trip


def test_round_trip_template_fill_import_status(template: Path, data_dir: Path, kpi) -> None:
    fill(template, {"15.1": (4, dt.date(2023, 6, 30), "区发改局月报", ""),
                    "27.1": ("60", "2023-06-30", "", "华能储能一期"),
                    "19": ("进行中", dt.datetime(2023, 6, 30), "", "")})  # from the dropdown
    result = kpi("import", "fgj.xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("15.1 现代服务业重点项目 4/8 个 50.0% on track\n"
                             "19 持续扩大有效投资 in progress on track\n"
                             "27.1 华能储能项目功率 60/100 兆瓦 60.0% on track\n"
                             "recorded 3 in data/progress/2023-06.csv; 31 blank rows skipped\n")
    status = json.loads(kpi("status", "--format", "json", "--as-of", "2023-06-30").stdout)
    shown = {t["id"]: (t["actual"], t["actual_date"], t["status"]) for t in status["targets"]}
    assert shown["15.1"] == (4, "2023-06-30", "on_track")
    assert shown["27.1"] == (60, "2023-06-30", "on_track")
    assert [t["state"] for t in status["tasks"] if t["task"] == 19] == ["in_progress"]
    log = json.loads(kpi("log", "27.1", "--format", "json").stdout)
    assert [(r["note"], r["by"]) for r in log] == [("华能储能一期", "tester")]


def test_dry_run_records_nothing_and_says_what_it_would(template: Path, data_dir: Path, kpi) -> None:
    fill(template, {"15.1": (4, dt.date(2023, 6, 30), "", "")})
    result = kpi("import", "fgj.xlsx", "--dry-run", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["dry_run"], data["file"], data["sheets"], data["blank_rows"]) == (
        True, "data/progress/2023-06.csv", ["区发改局"], 33)
    assert [r["record"]["target"] for r in data["recorded"]] == ["15.1"]
    assert ledger_bytes(data_dir) == {}


def test_one_bad_row_records_nothing_and_is_named(template: Path, data_dir: Path, kpi) -> None:
    assert kpi("record", "23.1", "100", "--date", "2023-06-30").exit_code == 0
    before = ledger_bytes(data_dir)
    fill(template, {"15.1": (4, dt.date(2023, 6, 30), "", ""),
                    "27.1": (60, "30/06/2023", "", ""),
                    "28.1": (2, dt.date(2023, 6, 30), "", "")})
    result = kpi("import", "fgj.xlsx")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: fgj.xlsx:区发改局!K21: column 数据日期: date '30/06/2023' is not in a form kpi "
        "reads: write it as 2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)\n"
        "error: 1 of 3 rows are invalid; nothing was recorded\n")
    assert ledger_bytes(data_dir) == before


def test_every_bad_row_is_reported_with_its_cell(template: Path, data_dir: Path, kpi) -> None:
    fill(template, {"15.1": ("12万", dt.date(2023, 6, 30), "", ""),
                    "19": ("going", dt.date(2023, 6, 30), "", ""),
                    "28.1": (-2, dt.date(2023, 6, 30), "", ""),
                    "27.1": (60, dt.date(2099, 1, 1), "", "")})
    result = kpi("import", "fgj.xlsx")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        # 上年末数 (I) comes before 本次数值 (J) and 数据日期 (K)
        "error: fgj.xlsx:区发改局!J10: column 本次数值: value '12万' is not a number: write plain "
        "digits in the target's unit, e.g. 1200, 1,200 or 50.7 (the target's own unit may follow, "
        "as in 95%; no 万 or 亿)",
        "error: fgj.xlsx:区发改局!J14: column 本次数值: state 'going' is not one of: not started, "
        "in progress, done, blocked (未开始, 进行中, 已完成, 受阻) (task 19 has no number: record a "
        "state)",
        "error: fgj.xlsx:区发改局!K21: column 数据日期: date 2099-01-01 is in the future "
        "(use a date from 2023-01-01 to 2023-12-31)",
        "error: fgj.xlsx:区发改局!J23: column 本次数值: value -2 is negative (figures for 28.1 "
        "count 台; write 0 or more)",
        "error: 4 of 4 rows are invalid; nothing was recorded",
    ]
    assert ledger_bytes(data_dir) == {}


def test_a_template_left_blank_records_nothing(template: Path, data_dir: Path, kpi) -> None:
    result = kpi("import", "fgj.xlsx")
    assert (result.exit_code, result.stderr) == (
        1, "error: fgj.xlsx: no figures to record; 34 blank rows skipped\n")


def test_a_percent_cell_is_read_as_the_number_shown(data_dir: Path, kpi, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "六月"
    ws.append(["target", "value", "date"])
    ws.append(["15.2", 0.512, dt.date(2023, 6, 30)])
    ws["B2"].number_format = "0.0%"
    wb.save(tmp_path / "pct.xlsx")
    result = kpi("import", "pct.xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "15.2 现代服务业增加值比重 51.2/53 % 96.6% (no baseline) met"


def test_any_sheet_with_record_columns_is_read_and_others_skipped(data_dir: Path, kpi,
                                                                 tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["这张表没有表头"])
    ws = wb.create_sheet("数据")
    ws.append(["区交通运输局 六月"])
    ws.append(["指标编号", "完成值", "日期", "来源", "填报人"])
    ws.append(["23.1", 535, "2023-06-30", "月报", "王五"])
    ws.append([None, None, None, None, None])
    ws.append(["23.1", "=B3*2", "2023-07-31", "", ""])  # a formula Excel never computed
    wb.save(tmp_path / "any.xlsx")
    result = kpi("import", "any.xlsx")
    assert result.stderr == ("error: any.xlsx:数据!B5: column 完成值: value '=B3*2' is not a "
                             "number: write plain digits in the target's unit, e.g. 1200, 1,200 "
                             "or 50.7 (the target's own unit may follow, as in 95%; no 万 or 亿)\n"
                             "error: 1 of 2 rows are invalid; nothing was recorded\n")
    ws.delete_rows(5)
    wb.save(tmp_path / "any.xlsx")
    data = json.loads(kpi("import", "any.xlsx", "--format", "json").stdout)
    assert (data["sheets"], data["skipped_sheets"], data["blank_rows"]) == (["数据"], ["说明"], 0)
    assert data["recorded"][0]["record"]["by"] == "王五"


def test_an_unknown_column_is_refused_before_anything_is_checked(data_dir: Path, kpi,
                                                                 tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["编号", "本次数值", "数据日期", "联系电话"])
    wb.active.append(["23.1", 535, "2023-06-30", "123"])
    wb.save(tmp_path / "extra.xlsx")
    result = kpi("import", "extra.xlsx")
    assert (result.exit_code, result.stderr) == (
        1, "error: extra.xlsx:Sheet!D1: unknown column '联系电话' (the header needs target (编号), "
           "value (本次数值) and date (数据日期); source (数据来源), note (备注), by (填报人), "
           "unit (单位) and baseline (上年末数) are optional)\n")


# ---------------------------------------------------------------- formula injection


def test_a_formula_like_note_stays_text_through_import_and_export(template: Path, data_dir: Path,
                                                                   kpi, tmp_path: Path) -> None:
    note = '=HYPERLINK("http://example.com","点击")'
    wb = openpyxl.load_workbook(template)
    ws = wb.active
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "15.1")
    ws.cell(row=row, column=10).value = 4
    ws.cell(row=row, column=11).value = dt.date(2023, 6, 30)
    cell = ws.cell(row=row, column=13)
    cell.value = note
    cell.data_type = "s"  # typed as text, as Excel stores '=… entered with a leading apostrophe
    wb.save(template)
    assert kpi("import", "fgj.xlsx").exit_code == 0
    assert [r["note"] for r in json.loads(kpi("log", "15.1", "--format", "json").stdout)] == [note]

    assert kpi("export", "out.xlsx", "--as-of", "2023-06-30", "--lang", "zh").stdout == (
        "已写入 out.xlsx：91 个指标、67 项任务，截至 2023-06-30\n")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["指标"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "15.1")
    exported = row[header.index("备注")]
    assert (exported.value, exported.data_type) == (note, "s")  # a string, not a formula
    assert row[header.index("状态")].value == "正常"

    assert kpi("export", "out.csv", "--as-of", "2023-06-30").exit_code == 0
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(\"\"http://example.com\"\",\"\"点击\"\")" in text


# ---------------------------------------------------------------- CSV returns


#: A return as older Excel saves it in China: GBK, CRLF, a row left blank in the middle.
GBK_RETURN = ("编号,数值,日期,来源,备注\r\n,,,,\r\n23.1,535,2023-06-30,区交通运输局月报,六月\r\n"
              "\r\n")


def test_a_gbk_csv_is_detected_and_read(data_dir: Path, kpi, tmp_path: Path) -> None:
    first = said(kpi, "23.1", 535)  # before anything is recorded
    (tmp_path / "june.csv").write_bytes(GBK_RETURN.encode("gbk"))
    result = kpi("import", "june.csv")
    assert result.exit_code == 0
    assert result.stderr == ("note: june.csv is not UTF-8; read it as GBK (name another "
                             "encoding with --encoding)\n")
    assert result.stdout == (first +
                             "recorded 1 in data/progress/2023-06.csv; 1 blank row skipped\n")
    log = json.loads(kpi("log", "23.1", "--format", "json").stdout)
    assert [(r["source"], r["note"]) for r in log] == [("区交通运输局月报", "六月")]


def test_a_gbk_csv_named_with_encoding_gives_no_note(data_dir: Path, kpi, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_bytes(GBK_RETURN.encode("gbk"))
    result = kpi("import", "june.csv", "--encoding", "gbk", "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")
    result = kpi("import", "june.csv", "--encoding", "utf-8")
    assert result.exit_code == 1
    assert result.stderr == ("error: june.csv:1: not utf-8 text (byte 0xb1); try another "
                             "--encoding, or leave it out to detect it\n")
    result = kpi("import", "june.csv", "--encoding", "klingon")
    assert (result.exit_code, result.stderr) == (
        2, "error: --encoding 'klingon' is not an encoding of returns kpi reads: use one of "
           "utf-8, utf-16, gbk, gb18030, gb2312, big5 (`kpi import -h` shows how to use it)\n")
    result = kpi("import", "june.csv", "--encoding", "klingon", "--lang", "zh")
    assert result.stderr == ("错误：--encoding 'klingon' 不是 kpi 能读取的报表编码：请使用 utf-8、utf-16、"
                             "gbk、gb18030、gb2312、big5 之一（`kpi import -h` 可查看用法）\n")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_a_utf8_csv_with_or_without_bom(bom: bytes, data_dir: Path, kpi, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_bytes(bom + GBK_RETURN.encode("utf-8"))
    result = kpi("import", "june.csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.endswith("recorded 1 in data/progress/2023-06.csv; 1 blank row skipped\n")


def test_a_bad_csv_row_is_named_by_line_and_column(data_dir: Path, kpi, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text("编号,数值,日期\n23.1,535,2023-06-30\n23.9,1,2023-06-30\n",
                                       encoding="utf-8")
    result = kpi("import", "june.csv")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: june.csv:3: column 编号: unknown target '23.9' (did you mean 23.1? `kpi targets` "
        "lists them)\n"
        "error: 1 of 2 rows are invalid; nothing was recorded\n")
    assert ledger_bytes(data_dir) == {}


def test_import_refuses_other_files(data_dir: Path, kpi, tmp_path: Path) -> None:
    (tmp_path / "wps.et").write_bytes(b"\xd0\xcf\x11\xe0")  # .xls is read (test_formats.py)
    result = kpi("import", "wps.et")
    assert (result.exit_code, result.stderr) == (
        1, "error: wps.et: WPS's own .et format is not read; save it as .xlsx (WPS: 文件 → 另存为 → "
           "Excel 工作簿 *.xlsx) or as CSV\n")
    result = kpi("import", "missing.csv")
    assert (result.exit_code, result.stderr) == (1, "error: missing.csv: file not found\n")


def test_a_utf16_tab_separated_export_from_excel(data_dir: Path, kpi, tmp_path: Path) -> None:
    first = said(kpi, "23.1", 535)  # before anything is recorded
    text = "编号\t本次数值\t数据日期\r\n23.1\t535\t2023-06-30\r\n"
    (tmp_path / "unicode.txt").write_bytes(text.encode("utf-16"))  # with its byte-order mark
    result = kpi("import", "unicode.txt", "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (first +
                             "would record 1 in data/progress/2023-06.csv\n")


# ---------------------------------------------------------------- issue 9


@pytest.mark.parametrize(("number_format", "scaled"), [
    ("0%", True), ("0.0%", True), ("#,##0.00%", True), ("[Red]0.0%", True),
    ('0"%"', False), ("0\\%", False), ('0.0"%"', False), ('[$%-804]0', False), ("@", False),
    ("General", False), ("0_%", False), ("0*%", False),
])
def test_only_a_real_percent_format_scales(number_format: str, scaled: bool) -> None:
    from linzi_kpi.files.spreadsheet import cell_text, is_percent_format

    assert is_percent_format(number_format) is scaled
    assert cell_text(0.95 if scaled else 95, number_format) == "95"


def test_a_cell_formatted_with_a_literal_percent_is_not_multiplied(data_dir: Path, kpi,
                                                                   tmp_path: Path) -> None:
    # 95 in a cell formatted 0"%" was read as 9500 (graded met); 0\% likewise
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["target", "value", "date"])
    ws.append(["29.2", 95, dt.date(2023, 6, 30)])
    ws.append(["15.2", 51.2, dt.date(2023, 6, 30)])
    ws.append(["40.5", 0.6, dt.date(2023, 6, 30)])
    ws["B2"].number_format = '0"%"'
    ws["B3"].number_format = "0.0\\%"
    ws["B4"].number_format = "0%"  # a real percent: 0.6 is shown, and meant, as 60%
    wb.save(tmp_path / "pct.xlsx")
    result = kpi("import", "pct.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == ("29.2 危废管理抽查合格率 95/95 % 100.0% (no baseline) met\n"
                             "15.2 现代服务业增加值比重 51.2/53 % 96.6% (no baseline) met\n"
                             "40.5 垃圾分类设施覆盖率 60/95 % 63.2% (no baseline) off track\n"
                             "recorded 3 in data/progress/2023-06.csv\n")


def test_a_fraction_typed_for_a_percent_in_a_return_is_refused_at_its_cell(
        data_dir: Path, kpi, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["target", "value", "date"])
    ws.append(["29.2", 0.95, dt.date(2023, 6, 30)])
    wb.save(tmp_path / "frac.xlsx")
    result = kpi("import", "frac.xlsx")
    assert (result.exit_code, result.stderr) == (
        1, "error: frac.xlsx:S!B2: column value: value 0.95 looks like a fraction: did you mean "
           "95? (write a percentage as the percent figure, e.g. 95 for 95 %; if the figure is "
           "right, record it with --force)\n"
           "error: 1 of 1 rows are invalid; nothing was recorded\n")
    assert ledger_bytes(data_dir) == {}
    result = kpi("import", "frac.xlsx", "--force")
    assert result.exit_code == 0
    assert [r["note"] for r in json.loads(kpi("log", "29.2", "--format", "json").stdout)] == [
        "[--force]"]


def test_a_baseline_filled_in_the_template_is_recorded_before_the_period(
        template: Path, data_dir: Path, kpi) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb.active
    col = {ws.cell(row=3, column=i).value: i for i in range(1, ws.max_column + 1)}
    rows = {ws.cell(row=r, column=1).value: r for r in range(4, ws.max_row + 1)}
    ws.cell(row=rows["8.1"], column=col["上年末数"]).value = 130
    ws.cell(row=rows["8.1"], column=col["本次数值"]).value = 145
    ws.cell(row=rows["8.1"], column=col["数据日期"]).value = dt.date(2023, 6, 30)
    ws.cell(row=rows["15.2"], column=col["上年末数"]).value = 48  # the baseline alone
    wb.save(template)
    result = kpi("import", "fgj.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == ("8.1 入库新经济企业 baseline 130 家 on 2022-12-31\n"
                             "8.1 入库新经济企业 145/160 家 50.0% on track\n"
                             "15.2 现代服务业增加值比重 baseline 48 % on 2022-12-31\n"
                             "recorded 3 in data/progress/2023-06.csv; 32 blank rows skipped\n")
    log = json.loads(kpi("log", "8.1", "--format", "json").stdout)
    assert [(r["value"], r["date"], r["source"]) for r in log] == [
        (130, "2022-12-31", "上年末数"), (145, "2023-06-30", "fgj.xlsx")]
    # the next template shows the baselines, and no longer asks for them
    assert kpi("template", "--dept", "区发改局", "next.xlsx").exit_code == 0
    ws = openpyxl.load_workbook(template.parent / "next.xlsx").active
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "8.1")
    cell = ws.cell(row=row, column=col["上年末数"])
    assert (cell.value, cell.protection.locked) == (130, True)
