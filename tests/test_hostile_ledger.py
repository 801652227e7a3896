"""Hostile ledger files: every fault is one located problem, never a traceback, a hang or a
record silently lost or misread; and ``kpi record`` never appends where its record would not be
read back as written.

What test_ledger.py already holds is not repeated here: BOM with CRLF and reordered columns
(test_bom_crlf_reordered_columns_and_blank_lines_are_read), a bad header, a whole file in GBK,
seven fields for eight, NaN/inf/negative/``12万`` values, a line cut short by hand, a full disk.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from linzi_kpi import ledger
from linzi_kpi.errors import KpiError
from linzi_kpi.ledger import COLUMNS, RecordChecker, append, scan
from linzi_kpi.load import load_plan
from linzi_kpi.model import Record

ROOT = Path(__file__).resolve().parent.parent
HEADER = ",".join(COLUMNS) + "\n"
STAMP = "2023-07-01T09:00:00+08:00"
AT = dt.datetime(2023, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def good(value: int, note: str = "") -> str:
    return f"23.1,{value},个,2023-06-30,{STAMP},a,,{note}\n"


@pytest.fixture(scope="module")
def plan():
    loaded = load_plan(ROOT / "data" / "tasks.yaml", use_cache=True)
    assert loaded.plan is not None
    return loaded.plan


@pytest.fixture
def checker(plan) -> RecordChecker:
    return RecordChecker(plan, dt.date(2024, 3, 1))


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    folder = tmp_path / "progress"
    folder.mkdir()
    return folder


def found_in(progress: Path, checker, content: bytes, name: str = "bad.csv"):
    (progress / name).write_bytes(content)
    found = scan(progress, checker, display_dir="data/progress", keep=True)
    return ([(p.line, p.column, p.message, p.hint) for p in found.problems],
            sorted(int(r.value) for r in found.records))


FIX_QUOTES = ('write one record per line; quote a field with "…", and double a quote inside it '
              '("")')
NUL_HINT = ("remove it (a crash or a power cut can leave NUL bytes at the end of a file); "
            "records are plain UTF-8 text")
UTF8_HINT = "save the file as UTF-8 (Excel/WPS: 另存为 CSV UTF-8)"
OPEN_QUOTE = "the file ends inside a quoted field that opens on this line"
OPEN_QUOTE_HINT = ('close the quote (") or remove the stray one; a record after it would be read '
                   "as part of the field")


# ------------------------------------------------------------------ reading


def test_an_empty_file_and_a_header_alone_are_no_records_and_no_problem(progress, checker):
    assert found_in(progress, checker, b"") == ([], [])
    assert found_in(progress, checker, HEADER.encode()) == ([], [])
    assert found_in(progress, checker, b"\n\r\n\n") == ([], [])


def test_a_nul_byte_in_a_record_is_that_record_s_problem(progress, checker):
    content = (HEADER + good(1) + good(2, "no\x00te") + good(3)).encode()
    assert found_in(progress, checker, content) == (
        [(3, 1, "line contains a NUL byte", NUL_HINT)], [1, 3])


def test_a_run_of_nul_bytes_left_by_a_power_cut(progress, checker):
    # ext4 and others can leave the tail of a file zero-filled after a crash
    content = (HEADER + good(1) + good(2)).encode() + b"\x00" * 4096
    assert found_in(progress, checker, content) == (
        [(4, 1, "line contains a NUL byte", NUL_HINT)], [1, 2])


def test_kpi_record_after_a_nul_tail_starts_a_fresh_line_that_counts(progress, checker):
    (progress / "2023-06.csv").write_bytes((HEADER + good(1)).encode() + b"\x00" * 100)
    append(progress, "2023-06.csv", [Record("23.1", 7.0, None, dt.date(2023, 6, 30), AT,
                                            unit="个")])
    found = scan(progress, checker, keep=True)
    assert [int(r.value) for r in found.records] == [1, 7]
    assert [p.message for p in found.problems] == ["line contains a NUL byte"]


def test_a_control_character_in_a_record_edited_by_hand_is_that_record_s_problem(progress,
                                                                                  checker):
    # before: read as is, and `kpi log` sent the escape sequences to the terminal
    content = (HEADER + good(1, "\x1b]0;pwned\x07\x1b[2J") + good(2, "°C\x85")
               + good(3, '"tab\there\r\nand a line, °"') + good(4)).encode()
    hint = "remove it; text may hold tabs and line breaks, never a control character"
    assert found_in(progress, checker, content) == (  # at the character, in its column
        [(2, 50, "note holds the control character U+001B", hint),
         (3, 52, "note holds the control character U+0085", hint)], [3, 4])


def test_a_byte_that_is_not_utf8_late_in_a_file_is_located_exactly(progress, checker):
    # before: located wherever the 8 KB decoding block began (line 946 of 1002), and the
    # records of the blocks before it were counted
    content = (HEADER + good(1) * 1000).encode() + "23.1,2,个,备注".encode() + b"\xff\n"
    problems, records = found_in(progress, checker, content)
    assert problems == [(1002, 12, "file is not UTF-8 text", UTF8_HINT)]
    assert records == []  # a file that is not text counts as a whole or not at all


def test_a_byte_that_is_not_utf8_at_the_very_start_after_a_bom(progress, checker):
    # the rest reads as GBK, but a file that opens with a UTF-8 BOM was saved as UTF-8: no
    # iconv from GBK for it (that would turn the BOM into 锘)
    assert found_in(progress, checker, b"\xef\xbb\xbfta\xc3rget\n")[0] == [
        (1, 3, "file is not UTF-8 text", UTF8_HINT)]


def test_a_multibyte_character_cut_at_the_end_of_the_file(progress, checker):
    content = (HEADER + good(1)).encode() + "备".encode()[:2]
    assert found_in(progress, checker, content)[0] == [(3, 1, "file is not UTF-8 text", UTF8_HINT)]


def test_binary_garbage(progress, checker):
    garbage = bytes(range(256)) * 64
    problems, records = found_in(progress, checker, garbage)
    assert [p[2] for p in problems] == ["file is not UTF-8 text"] and records == []


def test_a_file_that_ends_inside_a_quoted_field(progress, checker):
    # before: read as a note holding every line after the quote, reported as nothing at all
    content = (HEADER + good(1) + '23.1,2,个,2023-06-30,' + STAMP + ',a,,"unterminated\n'
               + good(3)).encode()
    assert found_in(progress, checker, content) == ([(3, 1, OPEN_QUOTE, OPEN_QUOTE_HINT)], [1])


def test_a_file_truncated_mid_record_without_a_newline(progress, checker):
    content = (HEADER + good(1)).encode() + b"23.1,2,\xe4\xb8\xaa,2023-06"
    assert found_in(progress, checker, content) == (
        [(3, 1, f"line has 4 fields, the header has {len(COLUMNS)}",
          "quote a field that contains a comma; write one record per line")], [1])


def test_a_stray_character_after_a_closing_quote_is_reported_and_reading_goes_on(progress,
                                                                                  checker):
    # before: '"ab"c' was read silently as 'abc'
    content = (HEADER + good(1) + good(2, '"ab"c') + good(3)).encode()
    assert found_in(progress, checker, content) == (
        [(3, 1, "unreadable CSV: ',' expected after '\"'", FIX_QUOTES)], [1, 3])


def test_a_field_beyond_the_csv_limit_is_reported_at_its_line_and_reading_goes_on(progress,
                                                                                  checker):
    # before: reported one line too far down, and every later record was dropped
    content = (HEADER + good(1) + good(2, "x" * 200_000) + good(3)).encode()
    assert found_in(progress, checker, content) == (
        [(3, 1, "unreadable CSV: field larger than field limit (131072)", FIX_QUOTES)], [1, 3])


@pytest.mark.parametrize(("row", "count"), [("23.1", 1), (good(1).strip() + ",x" * 4, 12),
                                            ("," * 5000, 5001)])
def test_too_few_or_too_many_fields(progress, checker, row: str, count: int):
    content = (HEADER + row + "\n" + good(2)).encode()
    assert found_in(progress, checker, content) == (
        [(2, 1, f"line has {count} fields, the header has {len(COLUMNS)}",
          "quote a field that contains a comma; write one record per line")], [2])


def test_a_file_of_bad_lines_lists_a_hundred_and_counts_the_rest(progress, checker):
    # before: one Problem per line, so a 10 MB file of short lines took gigabytes
    content = (HEADER + "z\n" * 150 + good(1) + "99.9,1,,2023-06-30," + STAMP + ",a,,\n").encode()
    (progress / "bad.csv").write_bytes(content)
    found = scan(progress, checker, display_dir="data/progress")
    assert len(found.problems) == 101
    assert [p.line for p in found.problems[:100]] == list(range(2, 102))
    last = found.problems[-1]
    assert (last.file, last.line, last.message, last.hint) == (
        "data/progress/bad.csv", 0, "51 more problems in this file are not listed",
        "fix the ones above and run `kpi validate` again")
    assert found.latest["23.1"].value == 1  # the good record still counts


def test_a_header_of_many_columns_is_one_problem(progress, checker):
    content = (",".join(f"c{i}" for i in range(20_000)) + "\n" + good(1)).encode()
    assert found_in(progress, checker, content) == (
        [(1, 1, "unknown column 'c0' in the header",
          "the header is " + ",".join(COLUMNS))], [])


def test_a_symbolic_link_is_not_followed(progress, checker, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("API_KEY=do-not-print-me\n", encoding="utf-8")
    (progress / "leak.csv").symlink_to(secret)
    found = scan(progress, checker, display_dir="data/progress")
    assert [(p.file, p.message, p.hint) for p in found.problems] == [
        ("data/progress/leak.csv", "a symbolic link, not read",
         "ledger files are plain files inside progress/; put the file itself here")]
    assert "do-not-print-me" not in repr(found.problems)


def test_validate_reports_every_hostile_file_in_one_run_without_a_traceback(kpi, data_dir):
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "a-nul.csv").write_bytes((HEADER + good(1, "x\x00")).encode())
    (progress / "b-gbk.csv").write_bytes((HEADER + good(1, "含公共桩")).encode("gbk"))
    (progress / "c-open.csv").write_bytes((HEADER + good(1, '"open')).encode())
    (progress / "d-binary.csv").write_bytes(os.urandom(3000) + b"\xff")
    (progress / "e-empty.csv").write_bytes(b"")
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    import json

    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["line"], p["message"]) for p in problems] == [
        ("data/progress/a-nul.csv", 2, "line contains a NUL byte"),
        ("data/progress/b-gbk.csv", 2, "file is not UTF-8 text"),
        ("data/progress/c-open.csv", 2, OPEN_QUOTE),
        ("data/progress/d-binary.csv", problems[3]["line"], "file is not UTF-8 text"),
    ]
    text = kpi("validate")
    assert text.exit_code == 1 and "Traceback" not in text.stdout + text.stderr
    assert "␀" in text.stdout and "\x00" not in text.stdout  # shown as a symbol, never sent raw
    assert text.stdout.endswith("4 problems found\n")


# ------------------------------------------------------------------ appending


def rec(value: float) -> Record:
    return Record("23.1", value, None, dt.date(2023, 6, 30), AT, unit="个")


def test_record_refuses_to_append_after_an_open_quote(kpi, data_dir, monkeypatch):
    # before: the new record was read as part of the open note: acknowledged, and gone
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")
    progress = data_dir / "progress"
    progress.mkdir()
    path = progress / "2023-06.csv"
    before = (HEADER + good(1, '"a ""quoted"", note"') + good(2, '"never closed')).encode()
    path.write_bytes(before)
    result = kpi("record", "23.1", "800")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: progress/2023-06.csv ends inside a quoted field that opens on line 3: a record "
        "appended to it would be read as part of that field; close the quote (`kpi validate` "
        "shows where); nothing was recorded\n")
    assert path.read_bytes() == before


def test_record_appends_after_quoted_notes_that_are_closed(progress, checker):
    path = progress / "a.csv"
    path.write_bytes((HEADER + good(1, '"two\nlines, and ""quotes"""')
                      + good(2, 'a literal " inside')).encode())
    append(progress, "a.csv", [rec(3)])
    found = scan(progress, checker, keep=True)
    assert found.problems == []
    assert [int(r.value) for r in found.records] == [1, 2, 3]


@pytest.mark.parametrize(("header", "shown"), [
    # a valid ledger, but the new line would misalign
    ("date,target,value,recorded_at\n", "date,target,value,recorded_at"),
    # would swap source and note
    ("target,value,unit,date,recorded_at,by,note,source\n",
     "target,value,unit,date,recorded_at,by,note,source"),
    # found by fuzz/fuzz_loaders.py: a lone CR ends the header for the reader, not for a readline
    ("target,value,unit,date,recorded_at,\x0c\r\x0cby,source,note\n",
     "target,value,unit,date,recorded_at,\x0c"),
    ('"target,value",unit\n', "target,value,unit"),
    ("", ""),  # (an empty file gets kpi's header; this one is only a newline)
])
def test_record_refuses_a_file_whose_header_is_not_kpi_s(progress, header: str, shown: str):
    header = header or "\n"
    path = progress / "theirs.csv"
    path.write_bytes(header.encode())
    with pytest.raises(KpiError) as caught:
        append(progress, "theirs.csv", [rec(3)])
    assert str(caught.value) == (
        f"progress/theirs.csv has the header {shown!r}, not kpi's "
        f"{','.join(COLUMNS)}: a record appended to it would be "
        "read in the wrong columns; record into another file (--file NAME.csv) or fix the "
        "header; nothing was recorded")
    assert path.read_bytes() == header.encode()


def test_record_appends_after_blank_lines_before_the_header(progress, checker):
    (progress / "a.csv").write_bytes(("\n\r\n" + HEADER + good(1)).encode())
    append(progress, "a.csv", [rec(2)])
    found = scan(progress, checker, keep=True)
    assert found.problems == [] and [int(r.value) for r in found.records] == [1, 2]


def test_record_appends_after_a_bom_and_crlf_header_of_kpi_s_own(progress, checker):
    path = progress / "excel.csv"
    path.write_bytes(("\ufeff" + HEADER.replace("\n", "\r\n") + good(1).replace("\n", "\r\n"))
                     .encode())
    append(progress, "excel.csv", [rec(2)])
    found = scan(progress, checker, keep=True)
    assert found.problems == [] and [int(r.value) for r in found.records] == [1, 2]


def test_record_never_writes_through_a_symbolic_link(progress, tmp_path):
    outside = tmp_path / "outside.csv"
    (progress / "2023-07.csv").symlink_to(outside)  # dangling: the write would create it
    with pytest.raises(KpiError) as caught:
        append(progress, "2023-07.csv", [rec(1)])
    assert str(caught.value) == ("progress/2023-07.csv is a symbolic link: kpi appends only to "
                                 "plain files inside progress/; nothing was recorded")
    assert not outside.exists()
    bashrc = tmp_path / "bashrc"
    bashrc.write_text("echo hi\n")
    (progress / "2023-08.csv").symlink_to(bashrc)
    with pytest.raises(KpiError):
        append(progress, "2023-08.csv", [rec(1)])
    assert bashrc.read_text() == "echo hi\n"


def test_record_never_writes_into_a_linked_progress_folder(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(KpiError) as caught:
        append(data / "progress", "2023-06.csv", [rec(1)])
    assert str(caught.value) == ("progress/ is a symbolic link: kpi writes only into a real "
                                 "folder inside the data folder; nothing was recorded")
    assert list(elsewhere.iterdir()) == []


def test_a_linked_lock_file_is_not_followed(progress, tmp_path):
    target = tmp_path / "created-outside"
    (progress / ".kpi.lock").symlink_to(target)
    with pytest.raises(KpiError) as caught:
        append(progress, "a.csv", [rec(1)])
    assert str(caught.value).startswith("could not write progress/a.csv: ")
    assert str(caught.value).endswith("; nothing was recorded")
    assert not target.exists()
    assert not (progress / "a.csv").exists()


def test_a_fifo_named_like_a_ledger_file_is_refused_not_waited_on(progress, checker):
    os.mkfifo(progress / "2023-06.csv")
    with pytest.raises(KpiError) as caught:
        append(progress, "2023-06.csv", [rec(1)])
    assert str(caught.value) == "progress/2023-06.csv is not a plain file; nothing was recorded"
    # and reading never waits on it: it is a problem, named, never passed over in silence
    assert [(p.file, p.message) for p in scan(progress, checker).problems] == [
        ("progress/2023-06.csv", "not a regular file (a device, a pipe or a socket), not read")]


HOLDER = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("held", flush=True)
    time.sleep(60)
""")


def test_a_live_process_that_never_lets_go_of_the_lock_is_an_error_not_a_hang(
        progress, tmp_path, monkeypatch):
    monkeypatch.setattr(ledger.locking, "LOCK_WAIT", 0.3)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(progress / ".kpi.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        began = time.monotonic()
        with pytest.raises(KpiError) as caught:
            append(progress, "a.csv", [rec(1)])
        assert time.monotonic() - began < 30
        assert str(caught.value) == ("progress/.kpi.lock has been held by another process for "
                                     "more than 0.3 seconds; try again when it has finished; "
                                     "nothing was recorded")
        assert not (progress / "a.csv").exists()
    finally:
        holder.kill()
        holder.wait()
    append(progress, "a.csv", [rec(1)])  # the OS let go when the holder died
    assert (progress / "a.csv").read_text(encoding="utf-8").count("\n") == 2


# ------------------------------------------------------------------ enormous files (slow)


def _limit_memory() -> None:
    """At most 1.5 GB of address space: a loader that reads without bound fails instead."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
    except (ValueError, OSError):  # a platform without the limit: the timeout still holds
        pass


def _validate(data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, KPI_DATA_DIR=str(data_dir), KPI_TODAY="2024-03-01", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "linzi_kpi", "validate", "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120,
                          preexec_fn=_limit_memory)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "content", "line", "message"), [
    ("line-50mb.csv", HEADER + "x" * 50_000_000 + "\n" + good(1), 2,
     "unreadable CSV: field larger than field limit (131072)"),
    ("field-10mb.csv", HEADER + good(1, '"' + "y" * 10_000_000 + '"') + good(2), 2,
     "unreadable CSV: field larger than field limit (131072)"),
    ("open-10mb.csv", HEADER + good(1, '"' + "z\n" * 5_000_000), 2,
     "unreadable CSV: field larger than field limit (131072)"),
    ("columns.csv", ",".join(f"column{i}" for i in range(1_000_000)) + "\n", 1,
     "unknown column 'column0' in the header"),
    ("fields.csv", HEADER + "," * 5_000_000 + "\n", 2, f"line has 5000001 fields, the header has {len(COLUMNS)}"),
    ("nul-50mb.csv", HEADER + good(1) + "\x00" * 50_000_000, 3,
     "unreadable CSV: field larger than field limit (131072)"),
    ("short-lines.csv", HEADER + "z\n" * 5_000_000, 2, f"line has 1 fields, the header has {len(COLUMNS)}"),
])
def test_enormous_ledger_files_are_reported_in_bounded_time_and_memory(
        data_dir: Path, name: str, content: str, line: int, message: str) -> None:
    import json

    progress = data_dir / "progress"
    progress.mkdir()
    (progress / name).write_text(content, encoding="utf-8")
    del content
    result = _validate(data_dir)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert (problems[0]["file"], problems[0]["line"], problems[0]["message"]) == (
        f"data/progress/{name}", line, message)
