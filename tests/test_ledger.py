"""The progress ledger (ledger.py): reading, the latest record, appending, and its problems."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from pathlib import Path

import pytest

from linzi_kpi import ledger
from linzi_kpi.errors import KpiError
from linzi_kpi.ledger import COLUMNS, RecordChecker, RecordError, append, encode, scan
from linzi_kpi.model import Record, State
from linzi_kpi.values import NUMBER_FORM

HEADER = ",".join(COLUMNS) + "\n"
CST = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2024, 3, 1)


@pytest.fixture(scope="module")
def plan(small_plan_model):
    """The tests' own three-task plan (conftest.SMALL_PLAN), not the shipped one."""
    return small_plan_model


@pytest.fixture
def checker(plan) -> RecordChecker:
    return RecordChecker(plan, TODAY)


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    folder = tmp_path / "progress"
    folder.mkdir()
    return folder


def line(target: str, value: str, date: str, recorded_at: str = "2023-07-01T09:00:00+08:00",
         unit: str = "", by: str = "a", source: str = "", note: str = "") -> str:
    return ",".join([target, value, unit, date, recorded_at, by, source, note]) + "\n"


def write(path: Path, *lines: str, header: str = HEADER) -> Path:
    path.write_text(header + "".join(lines), encoding="utf-8")
    return path


def rec(target: str, value: float, day: str, at: dt.datetime, **kw: str) -> Record:
    return Record(target, value, None, dt.date.fromisoformat(day), at, unit=kw.pop("unit", "个"), **kw)


# ------------------------------------------------------------------ the latest record


def test_latest_is_by_figure_date_then_recording_time(progress: Path, checker) -> None:
    write(progress / "a.csv",
          line("1.1", "700", "2023-06-30", "2023-07-01T09:00:00+08:00"),
          line("1.1", "900", "2023-05-31", "2023-08-01T09:00:00+08:00"),  # recorded later, older
          line("1.1", "650", "2023-06-30", "2023-07-02T09:00:00+08:00"),  # a correction
          line("1.1", "640", "2023-06-30", "2023-07-01T12:00:00+08:00"))  # between the two
    found = scan(progress, checker)
    assert found.problems == []
    assert found.count == 4
    assert found.latest["1.1"].value == 650


def test_recording_times_compare_across_time_zones(progress: Path, checker) -> None:
    write(progress / "a.csv",
          line("1.1", "2", "2023-06-30", "2023-07-01T02:00:00+00:00"),  # 10:00 in Beijing
          line("1.1", "1", "2023-06-30", "2023-07-01T09:00:00+08:00"))  # 01:00 UTC: earlier
    assert scan(progress, checker).latest["1.1"].value == 2


def test_a_tie_goes_to_the_later_line(progress: Path, checker) -> None:
    write(progress / "a.csv", line("1.1", "1", "2023-06-30"), line("1.1", "2", "2023-06-30"))
    write(progress / "b.csv", line("1.1", "3", "2023-06-30"))  # files are read in name order
    assert scan(progress, checker).latest["1.1"].value == 3


def test_every_csv_file_is_read_and_nothing_else(progress: Path, checker) -> None:
    write(progress / "区发改局.csv", line("1.1", "1", "2023-01-31"))
    write(progress / "2023-02.CSV", line("2.1", "150", "2023-02-28"))
    write(progress / "notes.txt", line("2.3", "1", "2023-01-31"))
    write(progress / ".hidden.csv", line("2.4", "1", "2023-01-31"))
    (progress / "sub.csv").mkdir()
    found = scan(progress, checker)
    assert sorted(found.latest) == ["1.1", "2.1"]
    # a folder named like a ledger file is not read, and said (tests/test_ledger_idle.py)
    assert [(p.file, p.message) for p in found.problems] == [
        ("progress/sub.csv", "a folder named like a ledger file, not read")]


def test_as_of_keeps_only_records_dated_on_or_before_it(progress: Path, checker) -> None:
    write(progress / "a.csv",
          line("1.1", "300", "2023-03-31"),
          line("1.1", "600", "2023-06-30"),
          line("2.1", "160", "2023-07-31"))
    june = scan(progress, checker, as_of=dt.date(2023, 6, 30))
    assert june.latest["1.1"].value == 600  # the as-of day itself counts
    assert "2.1" not in june.latest
    may = scan(progress, checker, as_of=dt.date(2023, 6, 29))
    assert may.latest["1.1"].value == 300
    assert scan(progress, checker, as_of=dt.date(2023, 3, 30)).latest == {}


def test_keep_collects_every_valid_record_in_file_order(progress: Path, checker) -> None:
    write(progress / "a.csv", line("1.1", "600", "2023-06-30"), line("99.9", "1", "2023-06-30"),
          line("3", "done", "2023-03-31"))
    found = scan(progress, checker, keep=True)
    assert [(r.target, r.value, r.state) for r in found.records] == [
        ("1.1", 600, None), ("3", None, State.done)]
    assert scan(progress, checker).records == []  # only with keep


def test_a_missing_folder_is_an_empty_ledger(tmp_path: Path, checker) -> None:
    found = scan(tmp_path / "nowhere", checker)
    assert (found.latest, found.problems, found.count) == ({}, [], 0)


def test_bom_crlf_reordered_columns_and_blank_lines_are_read(progress: Path, checker) -> None:
    header = "date,target,value,recorded_at\r\n"  # unit, by, source, note are optional
    (progress / "excel.csv").write_bytes(
        ("\ufeff" + header + "2023-06-30,1.1,\"1,200\",2023-07-01T09:00:00+08:00\r\n\r\n"
         "2023-05-31,3,in_progress,2023-07-01T09:00:00+08:00\r\n").encode("utf-8"))
    found = scan(progress, checker)
    assert found.problems == []
    assert found.latest["1.1"].value == 1200 and found.latest["1.1"].unit == "个"
    assert found.latest["3"].state is State.in_progress


# ------------------------------------------------------------------ problems, with file:line:column


def problems_of(progress: Path, checker, content: str, name: str = "bad.csv"):
    (progress / name).write_text(content, encoding="utf-8")
    return [(p.file, p.line, p.column, p.message, p.hint) for p in
            scan(progress, checker, display_dir="data/progress").problems]


def test_record_problems_are_located(progress: Path, checker) -> None:
    content = HEADER + "".join([
        line("99.9", "5", "2023-06-30"),  # 2
        line("1.1", "NaN", "2023-06-30"),  # 3
        line("1.1", "inf", "2023-06-30"),  # 4
        line("1.1", "5", "2024-03-02"),  # 5: in the future (today is 2024-03-01)
        line("1.1", "5", "2024-01-31"),  # 6: after the deadline
        line("1.1", "5", "2022-12-31"),  # 7: before the period starts
        line("3", "finished", "2023-06-30"),  # 8
        line("1.1", "5", "2023-06-30", unit="万个"),  # 9
        "1.1,5,个,2023-06-30,2023-07-01T09:00:00+08:00,a,\n",  # 10: 7 fields
        line("1.1", "-5", "2023-06-30"),  # 11
        line("1.1", "5", "30/6/2023"),  # 12: day first
        line("1.1", "5", "2023-06-30", "2023-07-01T09:00:00"),  # 13: no time zone
        line("1", "done", "2023-06-30"),  # 14: task 1 is graded by its targets
    ])
    found = problems_of(progress, checker, content)
    f = "data/progress/bad.csv"
    accepted = "use a date from 2023-01-01 to 2023-12-31"
    assert found == [
        (f, 2, 1, "unknown target '99.9'",
         "use a target id such as 1.1 or a task number such as 3; `kpi targets` lists them"),
        # (the hint names the shipped plan's ids whatever the plan: ledger.check_key)
        (f, 3, 5, f"value 'NaN' is not a number: write {NUMBER_FORM}", ""),
        (f, 4, 5, f"value 'inf' is not a number: write {NUMBER_FORM}", ""),
        (f, 5, 8, "date 2024-03-02 is in the future", accepted),
        (f, 6, 8, "date 2024-01-31 is after the deadline of 1.1 (2023-12-31)", accepted),
        (f, 7, 8, "date 2022-12-31 is before the period starts (2023-01-01), and 1.1, an "
                  "increment, has no baseline",
         "only a level target takes a figure dated before the period (its baseline, 上年末数); "
         + accepted),
        (f, 8, 3, "state 'finished' is not one of: not started, in progress, done, blocked "
                  "(未开始, 进行中, 已完成, 受阻)",
         "task 3 has no number: record a state"),
        (f, 9, 7, "unit '万个' contradicts target 1.1, counted in 个",
         "convert the figure to 个, or leave the unit empty"),
        (f, 10, 1, f"line has 7 fields, the header has {len(COLUMNS)}",
         "quote a field that contains a comma; write one record per line"),
        (f, 11, 5, "value -5 is negative", "figures for 1.1 count 个; write 0 or more"),
        (f, 12, 8, "date '30/6/2023' is not in a form kpi reads: write it as 2023-06-30 (or "
                   "2023/6/30, 2023.6.30, 2023年6月30日)", ""),
        (f, 13, 19, "recorded_at '2023-07-01T09:00:00' has no time zone",
         "add the offset, e.g. +08:00"),
        (f, 14, 1, "task 1 is graded by its targets (1.1, 1.2, 1.3, 1.4), not by a state",
         "record a figure for a target, e.g. kpi record 1.1 VALUE"),
    ]


def test_a_multi_line_record_is_reported_where_it_starts(progress: Path, checker) -> None:
    content = HEADER + '1.1,5,,2023-06-30,2023-07-01T09:00:00+08:00,a,,"two\nlines"\n' + \
        line("1.1", "x", "2023-06-30")
    found = problems_of(progress, checker, content)
    assert [(p[1], p[2]) for p in found] == [(4, 5)]


def test_columns_follow_the_header_not_the_default_order(progress: Path, checker) -> None:
    content = "value,target,date,recorded_at\n12万,1.1,2023-06-30,2023-07-01T09:00:00+08:00\n"
    found = problems_of(progress, checker, content)
    assert [(p[1], p[2], p[3]) for p in found] == [
        (2, 1, f"value '12万' is not a number: write {NUMBER_FORM}")]


@pytest.mark.parametrize(("header", "message"), [
    ("target,value,unit,when,recorded_at\n", "unknown column 'when' in the header"),
    ("target,value,unit,recorded_at\n", "missing column 'date' in the header"),
    ("1.1,600,个,2023-06-30,2023-07-01T09:00:00+08:00,a,,\n", "unknown column '1.1' in the header"),
])
def test_a_bad_header_is_one_problem_for_the_file(progress: Path, checker, header: str,
                                                  message: str) -> None:
    found = problems_of(progress, checker, header + line("1.1", "1", "2023-06-30") * 3)
    assert found == [("data/progress/bad.csv", 1, 1, message,
                      "the header is " + ",".join(COLUMNS))]


def test_a_file_that_is_not_utf8(progress: Path, checker) -> None:
    (progress / "gbk.csv").write_bytes((HEADER + line("1.1", "1", "2023-06-30", note="含公共桩"))
                                       .encode("gbk"))
    found = scan(progress, checker, display_dir="data/progress").problems
    # a file Excel or WPS re-saved as GBK: the hint gives the exact conversion
    assert [(p.file, p.message, p.hint) for p in found] == [
        ("data/progress/gbk.csv", "file is not UTF-8 text",
         "it reads as GBK (as Excel and WPS save CSV on Chinese Windows): convert it with iconv "
         "-f GB18030 -t UTF-8 data/progress/gbk.csv > gbk.csv.utf8, check that file, then move "
         "it over data/progress/gbk.csv; or open it in Excel/WPS and save as CSV UTF-8")]
    assert found_left_out(progress, checker) == {"data/progress/gbk.csv": 1}


def found_left_out(progress: Path, checker) -> dict[str, int]:
    return scan(progress, checker, display_dir="data/progress").left_out


def test_the_conversion_of_a_gbk_file_is_quoted_for_the_shell(progress: Path, checker) -> None:
    (progress / "区科技局 6月.csv").write_bytes(
        (HEADER + line("1.1", "1", "2023-06-30", note="含公共桩")).encode("gbk"))
    [found] = scan(progress, checker, display_dir="data/progress").problems
    assert found.hint == (
        "it reads as GBK (as Excel and WPS save CSV on Chinese Windows): convert it with iconv "
        "-f GB18030 -t UTF-8 'data/progress/区科技局 6月.csv' > '区科技局 6月.csv.utf8', check that "
        "file, then move it over 'data/progress/区科技局 6月.csv'; or open it in Excel/WPS and "
        "save as CSV UTF-8")


def test_a_file_that_is_neither_utf8_nor_gbk(progress: Path, checker) -> None:
    (progress / "bad.csv").write_bytes(HEADER.encode() + b"1.1,1,,2023-06-30,x,a,,\x80\n")
    [found] = scan(progress, checker, display_dir="data/progress").problems
    assert (found.message, found.hint) == (
        "file is not UTF-8 text", "save the file as UTF-8 (Excel/WPS: 另存为 CSV UTF-8)")


def test_valid_records_beside_bad_ones_still_count(progress: Path, checker) -> None:
    write(progress / "a.csv", line("1.1", "600", "2023-06-30"), line("1.1", "NaN", "2023-07-31"))
    found = scan(progress, checker)
    assert found.count == 1 and len(found.problems) == 1
    assert found.latest["1.1"].value == 600


# ------------------------------------------------------------------ the checker


def test_checker_accepts_what_the_cli_accepts(checker) -> None:
    at = dt.datetime(2023, 7, 1, 9, tzinfo=CST)
    r = checker.build(" 1.1 ", "１，２００", "2023-06-30", recorded_at=at, unit="个", by="张三",
                      source="区交通运输局月报", note="含公共桩")
    assert r == Record("1.1", 1200.0, None, dt.date(2023, 6, 30), at, "张三", "区交通运输局月报",
                       "含公共桩", "个")
    s = checker.build("3", "done", dt.date(2023, 6, 30), recorded_at=at)
    assert (s.target, s.value, s.state, s.unit) == ("3", None, State.done, "")


def test_checker_window_follows_today_and_the_deadline(plan) -> None:
    at = dt.datetime(2024, 1, 5, tzinfo=CST)
    early = RecordChecker(plan, dt.date(2022, 6, 1))
    with pytest.raises(RecordError) as caught:
        early.build("1.1", "1", "2022-06-01", recorded_at=at)
    assert caught.value.message == ("date 2022-06-01 is before the period starts (2023-01-01), "
                                    "and 1.1, an increment, has no baseline")
    assert caught.value.hint == ("only a level target takes a figure dated before the period "
                                 "(its baseline, 上年末数); no figure can be dated yet: the period "
                                 "starts 2023-01-01")
    later = RecordChecker(plan, dt.date(2024, 3, 1))
    assert later.accepted_window("1.1") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert later.accepted_window("1.4") == (dt.date(2023, 1, 1), dt.date(2024, 3, 1))  # 到2025年
    assert later.accepted_window("3") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    # a level takes a figure from before the period: its baseline (上年末数)
    assert later.accepted_window("2.1") == (dt.date(1900, 1, 1), dt.date(2023, 12, 31))
    base = later.build("2.1", "150", "2022-12-31", recorded_at=at)
    assert (base.value, base.date) == (150, dt.date(2022, 12, 31))
    assert later.build("1.4", "20", "2024-02-29", recorded_at=at).value == 20


def test_a_state_has_no_unit(checker) -> None:
    with pytest.raises(RecordError) as caught:
        checker.build("3", "done", "2023-06-30", unit="个",
                      recorded_at=dt.datetime(2023, 7, 1, tzinfo=CST))
    assert (caught.value.message, caught.value.column) == ("a state of task 3 has no unit", "unit")


# ------------------------------------------------------------------ appending


AT = dt.datetime(2023, 7, 1, 9, 30, tzinfo=CST)


def test_append_writes_the_header_once_then_one_line_per_record(progress: Path, checker) -> None:
    path = append(progress, "2023-06.csv", [rec("1.1", 600, "2023-06-30", AT, by="张三",
                                                source="区交通运输局月报", note='含"公共",桩')])
    append(progress, "2023-06.csv", [rec("2.1", 160, "2023-06-30", AT, unit="家"),
                                     Record("3", None, State.done, dt.date(2023, 6, 30), AT)])
    assert path == progress / "2023-06.csv"
    assert path.read_text(encoding="utf-8") == (
        HEADER
        + '1.1,600,个,2023-06-30,2023-07-01T09:30:00+08:00,张三,区交通运输局月报,"含""公共"",桩"\n'
        + "2.1,160,家,2023-06-30,2023-07-01T09:30:00+08:00,,,\n"
        + "3,done,,2023-06-30,2023-07-01T09:30:00+08:00,,,\n")
    found = scan(progress, checker, keep=True)
    assert found.problems == [] and found.records[0].note == '含"公共",桩'


def test_append_never_rewrites_what_is_there(progress: Path) -> None:
    path = append(progress, "a.csv", [rec("1.1", 1, "2023-06-30", AT)])
    before = path.read_bytes()
    inode = path.stat().st_ino
    append(progress, "a.csv", [rec("1.1", 2, "2023-06-30", AT)])
    assert path.read_bytes().startswith(before)
    assert path.stat().st_ino == inode  # the same file, not a replacement


def test_append_after_a_line_cut_short_starts_a_fresh_line(progress: Path, checker) -> None:
    path = progress / "a.csv"
    path.write_bytes((HEADER + "1.1,5,个,2023-06-3").encode())
    append(progress, "a.csv", [rec("1.1", 600, "2023-06-30", AT)])
    assert path.read_text().endswith("\n1.1,5,个,2023-06-3\n1.1,600,个,2023-06-30,"
                                     "2023-07-01T09:30:00+08:00,,,\n")
    found = scan(progress, checker)
    assert [(p.line, p.message) for p in found.problems] == [
        (2, f"line has 4 fields, the header has {len(COLUMNS)}")]
    assert found.latest["1.1"].value == 600


def test_encode_round_trips_through_scan(progress: Path, checker) -> None:
    records = [rec("1.1", 0.0000001, "2023-06-30", AT),  # tiny: written as plain digits
               rec("1.3", 116.1, "2023-06-30", AT, unit="公里", note="多行\n备注"),
               rec("2.2", 50.7, "2023-06-30", AT, unit="%")]
    (progress / "a.csv").write_text(HEADER + encode(records), encoding="utf-8")
    found = scan(progress, checker, keep=True)
    assert found.problems == []
    assert found.records == records


def test_append_nothing_is_an_error(progress: Path) -> None:
    with pytest.raises(KpiError, match="nothing to record"):
        append(progress, "a.csv", [])


def test_append_creates_the_progress_folder(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "progress"
    append(folder, "a.csv", [rec("1.1", 1, "2023-06-30", AT)])
    assert (folder / "a.csv").read_text().startswith(HEADER)


def _full_disk_after(count: int, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """os.write writes ``count`` bytes of its first call, then the disk is full."""
    real = os.write
    calls: list[int] = []

    def write(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) == 1 and count:
            real(fd, bytes(data)[:count])
            return count
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(ledger.writing.os, "write", write)
    return calls


@pytest.mark.parametrize("partial", [0, 1, 30])
def test_a_full_disk_leaves_the_file_byte_for_byte(progress: Path, partial: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = append(progress, "2023-06.csv", [rec("1.1", 600, "2023-06-30", AT)])
    before = path.read_bytes()
    calls = _full_disk_after(partial, monkeypatch)
    with pytest.raises(KpiError) as caught:
        append(progress, "2023-06.csv", [rec("1.1", 700, "2023-06-30", AT)])
    assert str(caught.value) == ("could not write progress/2023-06.csv: No space left on device; "
                                 "nothing was recorded")
    assert calls  # the failure really happened inside the write
    assert path.read_bytes() == before


def test_a_full_disk_on_a_new_file_leaves_no_file(progress: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _full_disk_after(10, monkeypatch)
    with pytest.raises(KpiError):
        append(progress, "2023-07.csv", [rec("1.1", 700, "2023-07-31", AT)])
    assert not (progress / "2023-07.csv").exists()


def test_a_failed_fsync_takes_the_record_back(progress: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = append(progress, "2023-06.csv", [rec("1.1", 600, "2023-06-30", AT)])
    before = path.read_bytes()

    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(ledger.writing.os, "fsync", fsync)
    with pytest.raises(KpiError) as caught:
        append(progress, "2023-06.csv", [rec("1.1", 700, "2023-06-30", AT)])
    assert str(caught.value) == ("could not write progress/2023-06.csv: Input/output error; "
                                 "nothing was recorded")
    assert path.read_bytes() == before


# ------------------------------------------------------------------ kpi validate on the ledger


def test_validate_reports_ledger_problems_with_file_and_line(kpi, small_plan: Path) -> None:
    progress = small_plan / "progress"
    progress.mkdir()
    write(progress / "2023-06.csv", line("1.1", "600", "2023-06-30"), line("99.9", "5", "2023-06-30"),
          line("1.1", "12万", "2023-06-30"))
    write(progress / "odd.csv", line("1.1", "1", "2023-06-30"), header="target,value\n")
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found["valid"] is False
    assert [(p["file"], p["line"], p["column"], p["title"]) for p in found["problems"]] == [
        ("data/progress/2023-06.csv", 3, 1, "ledger record"),
        ("data/progress/2023-06.csv", 4, 5, "ledger record"),
        ("data/progress/odd.csv", 1, 1, "ledger header"),
    ]
    text = kpi("validate")
    assert text.exit_code == 1
    assert "data/progress/2023-06.csv:3:1: unknown target '99.9'\n" in text.stdout
    assert "data/progress/odd.csv:1:1: missing column 'date' in the header\n" in text.stdout
    assert text.stdout.endswith("3 problems found\n")


def test_validate_passes_on_a_clean_ledger(kpi, small_plan: Path) -> None:
    assert kpi("record", "1.1", "600", "--date", "2023-06-30").exit_code == 0
    result = kpi("validate")
    assert (result.exit_code, result.stdout) == (
        0, "data/tasks.yaml and data/progress/: no problems found\n")


def test_status_refuses_a_ledger_with_problems(kpi, small_plan: Path) -> None:
    # it used to warn and exit 0, the bad line's figure silently missing from the report
    progress = small_plan / "progress"
    progress.mkdir()
    write(progress / "a.csv", line("1.1", "600", "2023-06-30"), line("99.9", "5", "2023-06-30"))
    result = kpi("status", "--task", "1", "--format", "json")
    assert result.exit_code == 1
    # the problem as a value on stdout (JSON was asked for), and said on stderr
    assert [(p["file"], p["line"], p["message"]) for p in json.loads(result.stdout)["problems"]] == [
        ("data/progress/a.csv", 3, "unknown target '99.9'")]
    assert result.stderr == (
        "error: data/progress/a.csv:3: unknown target '99.9' (1 line left out); fix: use a target "
        "id such as 1.1 or a task number such as 3; `kpi targets` lists them\n"
        "error: 1 ledger file has problems, and their records would be left out of the report: "
        "fix them (`kpi validate` lists every one), or pass --allow-problems to report without "
        "them\n")


def test_status_with_allow_problems_says_what_it_left_out(kpi, small_plan: Path) -> None:
    progress = small_plan / "progress"
    progress.mkdir()
    write(progress / "a.csv", line("1.1", "600", "2023-06-30"), line("99.9", "5", "2023-06-30"))
    result = kpi("status", "--task", "1", "--format", "json", "--allow-problems", "--as-of",
                 "2023-12-31")
    assert result.exit_code == 0
    assert result.stderr == ("warning: the ledger has problems; 1 line of records is left out "
                             "(data/progress/a.csv: 1); run kpi validate to see and fix them.\n")
    out = json.loads(result.stdout)
    assert out["left_out"] == {"data/progress/a.csv": 1}
    assert out["targets"][0]["actual"] == 600


# ------------------------------------------------------------------ recording times (issue 9)


def test_a_recording_time_in_the_future_is_a_problem_and_does_not_count(progress: Path,
                                                                        plan) -> None:
    clock = dt.datetime(2024, 3, 1, 12, 0, tzinfo=CST)
    checker = RecordChecker(plan, TODAY, clock=clock)
    write(progress / "a.csv",
          line("1.1", "900", "2023-06-30", "2099-01-01T09:00:00+08:00"),  # hand-edited
          line("1.1", "650", "2023-06-30", "2024-02-01T09:00:00+08:00"),  # a later correction
          line("1.1", "700", "2023-06-30", "2024-03-02T11:59:00+08:00"))  # within a day's skew
    found = scan(progress, checker, display_dir="data/progress")
    assert [(p.line, p.column, p.message, p.hint) for p in found.problems] == [
        (2, 21, "recorded_at 2099-01-01T09:00:00+08:00 is in the future",
         "the recording time is when the record was written: restore it (a correction is a new "
         "record, added by kpi record); this record is not counted until then")]
    # before: the 2099 record shadowed every later correction
    assert found.latest["1.1"].value == 700
    assert found.left_out == {"data/progress/a.csv": 1}
    later = RecordChecker(plan, TODAY, clock=dt.datetime(2099, 1, 2, tzinfo=CST))
    assert scan(progress, later).latest["1.1"].value == 900  # its time has come


def test_a_future_recording_time_is_a_validate_problem(kpi, small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")
    progress = small_plan / "progress"
    progress.mkdir()
    write(progress / "2023-06.csv", line("1.1", "900", "2023-06-30", "2099-01-01T09:00:00+08:00"))
    assert kpi("record", "1.1", "650", "--date", "2023-06-30", "--note", "更正").exit_code == 0
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    assert [(p["file"], p["line"], p["message"]) for p in json.loads(result.stdout)["problems"]] \
        == [("data/progress/2023-06.csv", 2,
             "recorded_at 2099-01-01T09:00:00+08:00 is in the future")]
    status = json.loads(kpi("status", "--format", "json", "--task", "1",
                            "--allow-problems").stdout)
    assert (status["targets"][0]["actual"], status["left_out"]) == (
        650, {"data/progress/2023-06.csv": 1})


def test_an_unknown_key_is_answered_with_this_plans_own_examples(small_plan_model) -> None:
    # the hint named 23.1 and 19, the shipped plan's, whatever plan was tracked
    from dataclasses import replace

    def hint(plan) -> str:
        with pytest.raises(RecordError) as raised:
            RecordChecker(plan, dt.date(2023, 6, 30)).check_key("99.9")
        return raised.value.hint

    assert hint(small_plan_model) == ("use a target id such as 1.1 or a task number such as 3; "
                                      "`kpi targets` lists them")
    every_task_counts = replace(small_plan_model,
                                tasks=tuple(t for t in small_plan_model.tasks if t.targets))
    assert hint(every_task_counts) == "use a target id such as 1.1; `kpi targets` lists them"
