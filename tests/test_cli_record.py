"""`kpi record` and `kpi mark`: what they accept, what they print, and what they refuse."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from linzi_kpi.ledger import COLUMNS
from linzi_kpi.values import NUMBER_FORM

HEADER = ",".join(COLUMNS)
NOT_A_NUMBER = ("is not a number: write plain digits in the target's unit, e.g. 1200, 1,200 or "
                "50.7 (the target's own unit may follow, as in 95%; no 万 or 亿)")


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every file under the data folder's progress/, byte for byte."""
    progress = data_dir / "progress"
    if not progress.exists():
        return {}
    return {str(p.relative_to(progress)): p.read_bytes() for p in sorted(progress.rglob("*"))
            if p.is_file()}


def ledger_lines(data_dir: Path, name: str = "2023-06.csv") -> list[list[str]]:
    text = (data_dir / "progress" / name).read_text(encoding="utf-8")
    return [row.split(",") for row in text.splitlines()[1:]]


def status_of(kpi, *args: str) -> dict:
    result = kpi("status", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def data_dir(small_plan: Path) -> Path:
    """Every test here records against the tests' own three-task plan (conftest.SMALL_PLAN)."""
    return small_plan


@pytest.fixture
def june(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")


# ------------------------------------------------------------------ the charging-pile scenario


def test_charging_piles_through_the_cli(kpi, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", "--source", "区交通运输局月报")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "1.1 新增充电桩 600/1200 个 50.0% on track\n", "")
    row = status_of(kpi, "--task", "1", "--as-of", "2023-06-30")["targets"][0]
    assert (row["actual"], row["actual_date"], row["progress"], row["expected"], row["status"]) == (
        600, "2023-06-30", 0.5, 0.4959, "on_track")

    result = kpi("record", "1.1", "100", "--date", "2023-06-30", "--note", "更正")
    assert result.stdout == "1.1 新增充电桩 100/1200 个 8.3% off track\n"
    row = status_of(kpi, "--task", "1", "--as-of", "2023-06-30")["targets"][0]
    assert (row["actual"], row["status"]) == (100, "off_track")  # the later record wins

    result = kpi("record", "1.1", "1250", "--date", "2023-06-30")
    assert result.stdout == "1.1 新增充电桩 1250/1200 个 104.2% met\n"
    assert status_of(kpi, "--task", "1", "--as-of", "2023-06-30")["targets"][0]["status"] == "met"

    monkeypatch.setenv("KPI_TODAY", "2024-01-15")
    result = kpi("record", "1.1", "1000", "--date", "2023-12-31")
    # as of its own date, the deadline: the year is over, the standing final
    assert result.stdout == "1.1 新增充电桩 1000/1200 个 83.3% missed\n"
    row = status_of(kpi, "--task", "1", "--as-of", "2024-01-15")["targets"][0]
    assert (row["actual"], row["actual_date"], row["expected"], row["status"]) == (
        1000, "2023-12-31", 1.0, "missed")
    # the default as-of date is today
    assert status_of(kpi, "--task", "1")["targets"][0]["status"] == "missed"
    # and looking back, June still reads as it did
    assert status_of(kpi, "--task", "1", "--as-of", "2023-06-30")["targets"][0]["status"] == "met"

    lines = ledger_lines(data_dir, "2023-06.csv")
    assert [(r[0], r[1], r[2], r[3], r[5], r[6], r[7]) for r in lines] == [
        ("1.1", "600", "个", "2023-06-30", "tester", "区交通运输局月报", ""),
        ("1.1", "100", "个", "2023-06-30", "tester", "", "更正"),
        ("1.1", "1250", "个", "2023-06-30", "tester", "", ""),
    ]
    assert ledger_lines(data_dir, "2023-12.csv")[0][:4] == ["1.1", "1000", "个", "2023-12-31"]


def test_record_json_for_scripts(kpi, data_dir: Path, june) -> None:
    before = dt.datetime.now().astimezone().replace(microsecond=0)
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", "--format", "json",
                 "--by", "李四", "--source", "区交通运输局月报", "--note", "含公共桩")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert list(out) == ["dry_run", "file", "already_recorded", "repeated_rows", "recorded",
                         "recording"]
    assert (out["already_recorded"], out["repeated_rows"]) == (0, 0)
    assert (out["dry_run"], out["file"]) == (False, "data/progress/2023-06.csv")
    [one] = out["recorded"]
    assert list(one) == ["record", "standing"]
    recorded_at = dt.datetime.fromisoformat(one["record"].pop("recorded_at"))
    assert recorded_at.tzinfo is not None and recorded_at >= before
    assert one["record"] == {"target": "1.1", "value": 600, "state": None, "unit": "个",
                             "date": "2023-06-30", "by": "李四", "source": "区交通运输局月报",
                             "note": "含公共桩"}
    standing = one["standing"]
    assert list(standing)[-12:] == ["baseline_source", "baseline_date", "actual", "actual_date",
                                    "progress", "expected", "gap", "rule", "status",
                                    "actual_source", "actual_by", "actual_note"]
    # the figure just recorded is the one that counts: its source, recorder and note
    assert (standing["actual_source"], standing["actual_by"], standing["actual_note"]) == (
        "区交通运输局月报", "李四", "含公共桩")
    assert {k: standing[k] for k in ("id", "task", "label", "target", "unit", "baseline",
                                     "baseline_source", "baseline_date", "actual",
                                     "actual_date", "progress", "expected", "gap", "rule",
                                     "status")} == {
        "id": "1.1", "task": 1, "label": "新增充电桩", "target": 1200, "unit": "个",
        "baseline": None, "baseline_source": None, "baseline_date": None,
        "actual": 600, "actual_date": "2023-06-30", "progress": 0.5, "expected": 0.4959,
        "gap": -0.0041, "rule": "pace", "status": "on_track"}


def test_default_date_is_today_and_by_comes_from_the_environment(kpi, data_dir: Path, june,
                                                                 monkeypatch) -> None:
    monkeypatch.setenv("KPI_USER", "王五")
    assert kpi("record", "1.1", "600").exit_code == 0
    [row] = ledger_lines(data_dir)
    assert (row[3], row[5]) == ("2023-06-30", "王五")
    stamp = dt.datetime.fromisoformat(row[4])
    assert stamp.tzinfo is not None and stamp.microsecond == 0


def test_dry_run_writes_nothing(kpi, data_dir: Path, june) -> None:
    result = kpi("record", "1.1", "600", "--dry-run")
    assert (result.exit_code, result.stdout) == (
        0, "1.1 新增充电桩 600/1200 个 50.0% on track\nwould record 1 in data/progress/2023-06.csv\n")
    assert snapshot(data_dir) == {}
    out = json.loads(kpi("record", "1.1", "600", "--dry-run", "--format", "json").stdout)
    assert out["dry_run"] is True
    assert snapshot(data_dir) == {}


def test_file_option_names_the_ledger_file(kpi, data_dir: Path, june) -> None:
    assert kpi("record", "1.1", "600", "--file", "区交通运输局.csv").exit_code == 0
    assert ledger_lines(data_dir, "区交通运输局.csv")[0][:2] == ["1.1", "600"]
    result = kpi("record", "1.1", "600", "--file", "../outside.csv")
    assert result.exit_code == 2
    assert result.stderr == ("error: ledger file name '../outside.csv' must be a plain file name "
                             "ending in .csv, e.g. 2023-06.csv\n")
    assert not (data_dir / "outside.csv").exists()


def test_accepted_forms_of_a_figure(kpi, data_dir: Path, june) -> None:
    assert kpi("record", "1.1", "1,200").stdout == "1.1 新增充电桩 1200/1200 个 100.0% met\n"
    assert kpi("record", "1.1", "１２００").stdout == "1.1 新增充电桩 1200/1200 个 100.0% met\n"
    assert kpi("record", "1.3", "58.05").stdout == \
        "1.3 新建改造道路 58.05/116.1 公里 50.0% on track\n"
    # the target's own unit may follow the figure (1200个 and 95% used to be refused)
    assert kpi("record", "1.1", "1200个").stdout == "1.1 新增充电桩 1200/1200 个 100.0% met\n"
    assert kpi("record", "2.2", "95%").stdout == \
        "2.2 生活污水处理率 95/95 % 100.0% (no baseline) met\n"
    assert [r[1] for r in ledger_lines(data_dir)] == ["1200", "1200", "58.05", "1200", "95"]


# ------------------------------------------------------------------ refused: exit 1, one line, no change


@pytest.fixture
def seeded(kpi, data_dir: Path, june) -> dict[str, bytes]:
    """A ledger with one record in it, and its bytes."""
    assert kpi("record", "1.1", "300", "--date", "2023-03-31").exit_code == 0
    return snapshot(data_dir)


@pytest.mark.parametrize(("args", "message"), [
    (("99.9", "5"), "unknown target '99.9' (use a target id such as 1.1 or a task number such "
                    "as 3; `kpi targets` lists them)"),
    (("68", "done"), "unknown target '68' (use a target id such as 1.1 or a task number such "
                     "as 3; `kpi targets` lists them)"),
    (("1.1", "NaN"), f"value 'NaN' {NOT_A_NUMBER}"),
    (("1.1", "inf"), f"value 'inf' {NOT_A_NUMBER}"),
    (("1.1", "1e309"), f"value '1e309' {NOT_A_NUMBER}"),
    (("1.1", "1" + "0" * 400), f"value '{'1' + '0' * 39}…' is too large: kpi keeps figures "
                                "below 1,000,000,000,000,000 (10^15); check the figure and its "
                                "unit"),
    (("1.1", "12万"), f"value '12万' {NOT_A_NUMBER}"),  # a word for a number, not a digit form
    (("1.1", "600家"), f"value '600家' {NOT_A_NUMBER}"),  # another target's unit
    # footnote marks and other digit forms were read as digits: 1200¹ as 12001, ⑫ and ₁₂ as 12
    (("1.1", "1200¹"), f"value '1200¹' holds '¹' (SUPERSCRIPT ONE), which is not a digit kpi "
                       f"reads: write {NUMBER_FORM}"),
    (("1.1", "⑫"), f"value '⑫' holds '⑫' (CIRCLED NUMBER TWELVE), which is not a digit kpi "
                   f"reads: write {NUMBER_FORM}"),
    (("1.1", "₁₂"), f"value '₁₂' holds '₁' (SUBSCRIPT ONE), which is not a digit kpi "
                    f"reads: write {NUMBER_FORM}"),
    (("1.1", ""), f"value '' {NOT_A_NUMBER}"),
    (("1.1", "--", "-5"), "value -5 is negative (figures for 1.1 count 个; write 0 or more)"),
    (("1.1", "600", "--date", "6/30/2023"),
     "date '6/30/2023' is not in a form kpi reads: write it as 2023-06-30 (or 2023/6/30, "
     "2023.6.30, 2023年6月30日)"),
    (("1.1", "600", "--date", "2023-02-30"), "date '2023-02-30' does not exist"),
    (("1.1", "600", "--date", ""), "date '' is not in a form kpi reads: write it as 2023-06-30 "
                                    "(or 2023/6/30, 2023.6.30, 2023年6月30日)"),
    (("1.1", "600", "--date", "2023-07-01"),
     "date 2023-07-01 is in the future (use a date from 2023-01-01 to 2023-06-30)"),
    # a level takes its baseline dated any day before the period: no first day to name
    (("2.1", "150", "--date", "2023-07-01"),
     "date 2023-07-01 is in the future (use a date up to 2023-06-30)"),
    (("1.1", "600", "--date", "2022-12-31"),
     "date 2022-12-31 is before the period starts (2023-01-01), and 1.1, an increment, has no "
     "baseline (only a level target takes a figure dated before the period (its baseline, "
     "上年末数); use a date from 2023-01-01 to 2023-06-30)"),
    (("3", "done", "--date", "2022-12-31"),
     "date 2022-12-31 is before the period starts (2023-01-01), and a state has no baseline "
     "(only a level target takes a figure dated before the period (its baseline, 上年末数); use "
     "a date from 2023-01-01 to 2023-06-30)"),
    (("3", "600"), "state '600' is not one of: not started, in progress, done, blocked (未开始, "
                   "进行中, 已完成, 受阻) (task 3 has no number: record a state)"),
    (("1", "done"), "task 1 is graded by its targets (1.1, 1.2, 1.3, 1.4), not by a state "
                    "(record a figure for a target, e.g. kpi record 1.1 VALUE)"),
])
def test_bad_input_exits_1_and_leaves_the_ledger_unchanged(kpi, data_dir: Path, seeded,
                                                           args: tuple[str, ...],
                                                           message: str) -> None:
    result = kpi("record", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {message}\n")
    assert snapshot(data_dir) == seeded


@pytest.mark.parametrize(("today", "args", "message"), [
    ("2024-03-01", ("1.1", "600", "--date", "2024-01-05"),
     "date 2024-01-05 is after the deadline of 1.1 (2023-12-31) (use a date from 2023-01-01 to "
     "2023-12-31)"),
    ("2024-03-01", ("1.1", "600"),  # today by default, which is past the deadline
     "date 2024-03-01 is after the deadline of 1.1 (2023-12-31) (use a date from 2023-01-01 to "
     "2023-12-31)"),
    ("2024-03-01", ("1.4", "20", "--date", "2024-03-02"),  # 到2025年: only the future is refused
     "date 2024-03-02 is in the future (use a date from 2023-01-01 to 2024-03-01)"),
    ("2022-11-30", ("1.1", "600"),
     "date 2022-11-30 is before the period starts (2023-01-01), and 1.1, an increment, has no "
     "baseline (only a level target takes a figure dated before the period (its baseline, "
     "上年末数); no figure can be dated yet: the period starts 2023-01-01)"),
])
def test_a_date_the_target_cannot_take_says_which_dates_it_can(kpi, data_dir: Path, seeded,
                                                              monkeypatch, today: str,
                                                              args: tuple[str, ...],
                                                              message: str) -> None:
    monkeypatch.setenv("KPI_TODAY", today)
    result = kpi("record", *args)
    assert (result.exit_code, result.stderr) == (1, f"error: {message}\n")
    assert snapshot(data_dir) == seeded


def test_a_multi_year_target_takes_dates_past_the_plan_year(kpi, data_dir: Path,
                                                            monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2024-03-01")
    result = kpi("record", "1.4", "20", "--date", "2024-02-29")
    assert (result.exit_code, result.stdout) == (0, "1.4 公共充电站 20/50 处 40.0% on track\n")


@pytest.mark.parametrize(("args", "message"), [
    ((), "give TARGET VALUE (e.g. kpi record 23.1 600), or --from FILE.csv"),
    (("1.1",), "give TARGET VALUE (e.g. kpi record 23.1 600), or --from FILE.csv"),
    (("1.1", "600", "--from", "x.csv"), "give either TARGET VALUE or --from FILE, not both"),
    (("--from", "x.csv", "--date", "2023-06-30"),
     "--date goes with TARGET VALUE; in --from FILE.csv each row has its date"),
    (("1.1", "600", "--encoding", "gbk"), "--encoding goes with --from FILE.csv"),
])
def test_usage_errors_exit_2(kpi, data_dir: Path, seeded, args: tuple[str, ...],
                             message: str) -> None:
    result = kpi("record", *args)
    assert (result.exit_code, result.stderr) == (
        2, f"error: {message} (`kpi record -h` shows how to use it)\n")
    assert snapshot(data_dir) == seeded


@pytest.mark.parametrize("args", [
    ("1.1", "600", "--format", "xml"),
    ("1.1", "600", "--no-such-option"),
    ("1.1", "600", "extra"),
    ("1.1", "-x"),  # (a negative figure, -5, is no option: tests/test_rate.py)
])
def test_click_usage_errors_exit_2(kpi, data_dir: Path, seeded, args: tuple[str, ...]) -> None:
    result = kpi("record", *args)
    assert result.exit_code == 2
    # one line: the fault, then where the usage is
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert result.stderr.endswith(" (`kpi record -h` shows how to use it)\n")
    assert snapshot(data_dir) == seeded


def test_no_plan_is_a_usage_error(kpi, tmp_path: Path) -> None:
    result = kpi("record", "1.1", "600")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no plan found: ./data/tasks.yaml does not exist")


# ------------------------------------------------------------------ kpi record --from


def write_csv(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    return path


def test_from_records_every_row_in_one_write(kpi, data_dir: Path, june, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "june.csv",
                       "编号,数值,日期,来源,备注,填报人\r\n"
                       "1.1,600,2023-06-30,区交通运输局月报,含公共桩,张三\r\n"
                       ",,,,,\r\n"
                       "\r\n"
                       "2.1,\"1,160\",2023-05-31,区科技局月报,,\r\n"
                       "3,in_progress,2023-06-30,,\"两行\n备注\",\r\n", bom=True)
    result = kpi("record", "--from", str(source))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == ("1.1 新增充电桩 600/1200 个 50.0% on track\n"
                             "2.1 高新技术企业数量 1160/170 家 682.4% (no baseline) met\n"
                             "3 加强组织领导 in progress on track\n"
                             "recorded 3 in data/progress/2023-06.csv; 2 blank rows skipped\n")
    log = json.loads(kpi("log", "--format", "json").stdout)
    assert [(r["target"], r["value"], r["state"], r["by"], r["source"], r["note"]) for r in log] == [
        ("2.1", 1160, None, "tester", "区科技局月报", ""),  # by: $KPI_USER when the row has none
        ("1.1", 600, None, "张三", "区交通运输局月报", "含公共桩"),
        ("3", None, "in_progress", "tester", "june.csv", "两行\n备注"),  # source: the return
    ]
    assert len({r["recorded_at"] for r in log}) == 1  # one call, one recording time


def test_from_is_all_or_nothing(kpi, data_dir: Path, seeded, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "bad.csv",
                       "target,value,date,unit\n"
                       "1.1,600,2023-06-30,\n"  # 2: fine
                       "2.1,abc,2023-06-30,\n"  # 3
                       "\n"  # 4: blank, skipped but counted
                       "99.1,5,2023-06-30,\n"  # 5
                       "1.1,600\n"  # 6: too few fields
                       "2.1,-3,2023-06-30,\n"  # 7
                       "1.2,5,1/6/2023,\n"  # 8
                       "1.1,5,2023-06-30,万个\n"  # 9
                       "3,done,2023-07-01,\n"  # 10: the future
                       "2.1,175,2023-06-30,家\n")  # 11: fine
    result = kpi("record", "--from", str(source))
    f = str(source)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {f}:3: column value: value 'abc' {NOT_A_NUMBER}\n"
        f"error: {f}:5: column target: unknown target '99.1' (use a target id such as 1.1 or a "
        "task number such as 3; `kpi targets` lists them)\n"
        f"error: {f}:6: row has 2 fields, the header has 4 (quote a field that contains a comma)\n"
        f"error: {f}:7: column value: value -3 is negative (figures for 2.1 count 家; write 0 or "
        "more)\n"
        f"error: {f}:8: column date: date '1/6/2023' is not in a form kpi reads: write it as "
        "2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)\n"
        f"error: {f}:9: column unit: unit '万个' contradicts target 1.1, counted in 个 (convert "
        "the figure to 个, or leave the unit empty)\n"
        f"error: {f}:10: column date: date 2023-07-01 is in the future (use a date from "
        "2023-01-01 to 2023-06-30)\n"
        "error: 7 of 9 rows are invalid; nothing was recorded\n")
    assert snapshot(data_dir) == seeded


#: What a return's header must name (kpi record --from reads a file as kpi import does).
HEADER_FORM = ("the header needs target (编号), value (本次数值) and date (数据日期); source "
               "(数据来源), note (备注), by (填报人), unit (单位) and baseline (上年末数) are "
               "optional")


# Changed on purpose (issue 10: one reader for every tabular file): the header problems of
# record --from are those of kpi import, which names the Chinese headers too.
@pytest.mark.parametrize(("content", "message"), [
    ("target,value\n1.1,600\n", "{f}:1: no header row found (" + HEADER_FORM + ")"),
    ("target,value,date,amount\n1.1,600,2023-06-30,1\n",
     "{f}:1: unknown column 'amount' (" + HEADER_FORM + ")"),
    ("", "{f}:1: no header row found (" + HEADER_FORM + ")"),
    ("target,value,date\n\n,,\n", "{f}: no figures to record"),
    ("target,value,date\n1.1,,\n,,\n1.1,,\n", "{f}: no figures to record; 3 blank rows skipped"),
])
def test_from_file_problems(kpi, data_dir: Path, seeded, tmp_path: Path, content: str,
                            message: str) -> None:
    source = write_csv(tmp_path / "in.csv", content)
    result = kpi("record", "--from", str(source))
    assert (result.exit_code, result.stderr) == (1, "error: " + message.format(f=source) + "\n")
    assert snapshot(data_dir) == seeded


def test_from_reads_a_gbk_file_as_import_does(kpi, data_dir: Path, june, tmp_path: Path) -> None:
    # before: refused as "not UTF-8 text", while kpi import read the same file (issue 10)
    source = tmp_path / "gbk.csv"
    source.write_bytes("编号,本次数值,数据日期\n1.1,600,2023-06-30\n".encode("gbk"))
    result = kpi("record", "--from", str(source))
    assert (result.exit_code, result.stderr) == (
        0, f"note: {source} is not UTF-8; read it as GBK (name another encoding with --encoding)\n")
    assert result.stdout == ("1.1 新增充电桩 600/1200 个 50.0% on track\n"
                             "recorded 1 in data/progress/2023-06.csv\n")
    source.write_bytes("target,value,date,note\n1.1,700,2023-06-30,臺灣\n".encode("big5"))
    result = kpi("record", "--from", str(source), "--encoding", "big5", "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")


def test_from_a_missing_file(kpi, data_dir: Path, seeded) -> None:
    result = kpi("record", "--from", "nowhere.csv")
    assert (result.exit_code, result.stderr) == (1, "error: nowhere.csv: file not found\n")
    assert snapshot(data_dir) == seeded


def test_from_writes_the_file_of_the_latest_figure_month(kpi, data_dir: Path, june,
                                                         tmp_path: Path) -> None:
    source = write_csv(tmp_path / "q.csv", "target,value,date\n1.1,100,2023-04-30\n"
                                           "1.1,300,2023-05-31\n2.1,150,2023-03-31\n")
    result = kpi("record", "--from", str(source), "--dry-run")
    assert result.stdout.endswith("would record 3 in data/progress/2023-05.csv\n")
    assert snapshot(data_dir) == {}
    assert kpi("record", "--from", str(source)).exit_code == 0
    assert list(snapshot(data_dir)) == [".gitattributes", ".gitignore", ".kpi.lock", "2023-05.csv"]


# ------------------------------------------------------------------ kpi mark


@pytest.mark.parametrize(("state", "status"), [
    ("not_started", "at_risk"), ("in_progress", "on_track"), ("done", "met"),
    ("blocked", "off_track"),
])
def test_mark_a_task_without_numbers(kpi, data_dir: Path, june, state: str, status: str) -> None:
    result = kpi("mark", "3", state, "--note", "专项债已申报")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, f"3 加强组织领导 {state.replace('_', ' ')} {status.replace('_', ' ')}\n", "")
    [row] = ledger_lines(data_dir)
    assert (row[0], row[1], row[2], row[3], row[7]) == ("3", state, "", "2023-06-30", "专项债已申报")
    task = next(t for t in status_of(kpi, "--task", "3")["tasks"] if t["task"] == 3)
    assert (task["status"], task["state"]) == (status, state)


def test_mark_after_the_period_grades_as_missed_unless_done(kpi, data_dir: Path,
                                                            monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2024-03-01")
    assert kpi("mark", "3", "in_progress", "--date", "2023-12-31").stdout == \
        "3 加强组织领导 in progress on track\n"  # graded as of its own date
    task = status_of(kpi, "--task", "3")["tasks"][0]
    assert (task["task"], task["status"]) == (3, "missed")
    assert kpi("mark", "3", "done", "--date", "2023-12-31").exit_code == 0
    assert status_of(kpi, "--task", "3")["tasks"][0]["status"] == "met"


def test_mark_json(kpi, data_dir: Path, june) -> None:
    out = json.loads(kpi("mark", "3", "blocked", "--format", "json").stdout)
    [one] = out["recorded"]
    assert list(one) == ["record", "status"]
    assert (one["record"]["target"], one["record"]["value"], one["record"]["state"],
            one["record"]["unit"], one["status"]) == ("3", None, "blocked", "", "off_track")


@pytest.mark.parametrize(("args", "code", "message"), [
    (("1.1", "done"), 2, "error: 1.1 is a target: record its figure with kpi record 1.1 VALUE\n"),
    (("1", "done"), 1, "error: task 1 is graded by its targets (1.1, 1.2, 1.3, 1.4), not by a state (record a "
                        "figure for a target, e.g. kpi record 1.1 VALUE)\n"),
    (("3.0", "done"), 1, "error: unknown target '3.0' (use a target id such as 1.1 or a task "
                          "number such as 3; `kpi targets` lists them)\n"),
    (("99", "done"), 1, "error: unknown target '99' (use a target id such as 1.1 or a task "
                        "number such as 3; `kpi targets` lists them)\n"),
    (("3", "done", "--date", "2023-07-01"), 1,
     "error: date 2023-07-01 is in the future (use a date from 2023-01-01 to 2023-06-30)\n"),
])
def test_mark_refuses(kpi, data_dir: Path, seeded, args: tuple[str, ...], code: int,
                      message: str) -> None:
    result = kpi("mark", *args)
    assert (result.exit_code, result.stderr) == (code, message)
    assert snapshot(data_dir) == seeded


def test_mark_a_bad_state_is_a_usage_error(kpi, data_dir: Path, seeded) -> None:
    result = kpi("mark", "3", "finished")
    assert result.exit_code == 2
    assert result.stderr == ("error: STATE: state 'finished' is not one of: not started, "
                             "in progress, done, blocked (未开始, 进行中, 已完成, 受阻) (`kpi mark -h` "
                             "shows how to use it)\n")
    assert snapshot(data_dir) == seeded


# ------------------------------------------------------------------ baselines (issue 9)


def test_a_baseline_recorded_before_the_period_grades_the_level_from_it(kpi, data_dir: Path,
                                                                        june) -> None:
    result = kpi("record", "2.1", "150", "--date", "2022-12-31", "--source", "2022年末数")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "2.1 高新技术企业数量 baseline 150 家 on 2022-12-31\n", "")
    assert ledger_lines(data_dir, "2022-12.csv")[0][:4] == ["2.1", "150", "家", "2022-12-31"]
    # the figure after it is graded from it: 10 of 20 travelled at mid-year
    result = kpi("record", "2.1", "160")
    assert result.stdout == "2.1 高新技术企业数量 160/170 家 50.0% on track\n"
    row = next(t for t in status_of(kpi, "--task", "2")["targets"] if t["id"] == "2.1")
    assert {k: row[k] for k in ("baseline", "baseline_source", "baseline_date", "actual",
                                "progress", "expected", "gap", "rule", "status")} == {
        "baseline": 150, "baseline_source": "2022年末数", "baseline_date": "2022-12-31",
        "actual": 160, "progress": 0.5, "expected": 0.4959, "gap": -0.0041,
        "rule": "from_baseline", "status": "on_track"}
    # a baseline is never the current figure
    assert [(r["value"], r["date"]) for r in json.loads(kpi("log", "2.1", "--format",
                                                             "json").stdout)] == [
        (150, "2022-12-31"), (160, "2023-06-30")]


def test_a_baseline_in_json_is_marked_as_one(kpi, data_dir: Path, june) -> None:
    out = json.loads(kpi("record", "2.1", "150", "--date", "2022-12-31", "--format",
                         "json").stdout)
    [one] = out["recorded"]
    assert (list(one), one["baseline"], one["record"]["date"]) == (
        ["record", "baseline"], True, "2022-12-31")
    assert out["file"] == "data/progress/2022-12.csv"


def test_a_level_without_a_baseline_says_so(kpi, data_dir: Path, june) -> None:
    result = kpi("record", "2.1", "156")
    assert result.stdout == "2.1 高新技术企业数量 156/170 家 91.8% (no baseline) on track\n"
    row = next(t for t in status_of(kpi, "--task", "2")["targets"] if t["id"] == "2.1")
    assert (row["rule"], row["expected"], row["gap"], row["baseline"]) == (
        "shortfall", None, 0.0824, None)


def test_floors_and_ceilings_confirm_the_rule_they_hold_to(kpi, data_dir: Path, june) -> None:
    assert kpi("record", "2.3", "54.1").stdout == \
        "2.3 粮食播种面积 54.1/56 万亩 ≥ 56 off track\n"  # it read 97% … 滞后
    assert kpi("record", "2.4", "0").stdout == "2.4 黑臭水体 0/0 处 ≤ 0 on track\n"
    assert kpi("record", "2.4", "2").stdout == "2.4 黑臭水体 2/0 处 ≤ 0 off track\n"


# ------------------------------------------------------------------ implausible figures (issue 9)


@pytest.mark.parametrize(("args", "message"), [
    # 0.95 typed for a 95 % target was recorded, and graded 1 %
    (("2.2", "0.95"), "value 0.95 looks like a fraction: did you mean 95? (write a percentage "
                       "as the percent figure, e.g. 95 for 95 %; if the figure is right, record "
                       "it with --force)"),
    (("2.2", "120"), "value 120 is more than 100 % (a share cannot exceed 100 %: check the "
                      "figure (a cell formatted as 0\"%\" or a figure multiplied by 100?); if "
                      "the figure is right, record it with --force)"),
    (("1.1", "3.5"), "value 3.5 is not a whole number (个 counts whole things; if the figure "
                      "is right, record it with --force)"),
])
def test_an_implausible_figure_is_refused_unless_forced(kpi, data_dir: Path, seeded,
                                                        args: tuple[str, ...],
                                                        message: str) -> None:
    result = kpi("record", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {message}\n")
    assert snapshot(data_dir) == seeded


def test_force_records_an_implausible_figure_and_keeps_the_override(kpi, data_dir: Path,
                                                                    june) -> None:
    result = kpi("record", "2.2", "0.95", "--force", "--note", "抽查样本")
    assert (result.exit_code, result.stdout) == (
        0, "2.2 生活污水处理率 0.95/95 % 1.0% (no baseline) off track\n")
    assert kpi("record", "1.1", "3.5", "--force").exit_code == 0
    [first, second] = ledger_lines(data_dir)
    assert (first[0], first[1], first[7]) == ("2.2", "0.95", "抽查样本 [--force]")
    assert (second[0], second[1], second[7]) == ("1.1", "3.5", "[--force]")
    assert kpi("validate").exit_code == 0  # reading back never second-guesses a figure


def test_a_plausible_share_and_a_target_above_100_are_not_questioned(kpi, data_dir: Path,
                                                                     june) -> None:
    assert kpi("record", "2.2", "1.5").exit_code == 0  # the edge: 1.5 % may be meant
    assert kpi("record", "2.2", "100").exit_code == 0
    assert kpi("record", "1.3", "0.5").exit_code == 0  # 公里: not a count


# ------------------------------------------------------------------ free text (issue 9)


@pytest.mark.parametrize("field", ["--note", "--source", "--by"])
def test_text_over_the_limit_is_refused_at_the_door(kpi, data_dir: Path, seeded,
                                                    field: str) -> None:
    # a note longer than the reader's field limit used to be acknowledged and never counted
    name = field.removeprefix("--")
    result = kpi("record", "1.1", "600", field, "备" * 10_001)
    assert (result.exit_code, result.stderr) == (
        1, f"error: {name} is 10,001 characters long, more than 10,000 (shorten it; keep long "
           "explanations in the source document)\n")
    assert snapshot(data_dir) == seeded
    assert kpi("record", "1.1", "600", field, "备" * 10_000).exit_code == 0  # the limit itself


def test_text_over_the_limit_in_a_return_is_named_at_its_cell(kpi, data_dir: Path, seeded,
                                                              tmp_path: Path) -> None:
    source = write_csv(tmp_path / "long.csv", "target,value,date,note\n"
                                              f"1.1,600,2023-06-30,{'x' * 20_000}\n")
    result = kpi("record", "--from", str(source))
    assert (result.exit_code, result.stderr) == (
        1, f"error: {source}:2: column note: note is 20,000 characters long, more than 10,000 "
           "(shorten it; keep long explanations in the source document)\n"
           "error: 1 of 1 rows are invalid; nothing was recorded\n")
    assert snapshot(data_dir) == seeded
