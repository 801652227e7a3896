"""Standard output and error, whatever they are: not UTF-8, full, closed, or a pipe whose reader
left. Every case runs the real ``kpi`` program through bash, as a shell redirects it."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from linzi_kpi import streams

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

KPI = [sys.executable, "-m", "linzi_kpi"]
FULL = "error: cannot write to standard output: No space left on device\n"
CLOSED = "error: cannot write to standard output: Bad file descriptor\n"


def shell(data_dir: Path, line: str, **env: str) -> subprocess.CompletedProcess:
    """``line`` run by bash, ``kpi`` standing for the program under test."""
    environment = dict(os.environ, KPI_DATA_DIR=str(data_dir), KPI_TODAY="2023-06-30",
                       COLUMNS="100", **env)
    environment.pop("PYTHONIOENCODING", None)
    environment.update(env)
    program = " ".join(shlex.quote(part) for part in KPI)
    return subprocess.run(["bash", "-c", f"kpi() {{ {program} \"$@\"; }}; {line}"],
                          capture_output=True, env=environment, timeout=120)


COMMANDS = ["status", "log", "validate --format json", "--help", "status --help"]


@pytest.fixture
def ledger(data_dir: Path) -> Path:
    (data_dir / "progress").mkdir()
    (data_dir / "progress" / "2023-06.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "23.1,600,个,2023-06-30,2023-07-01T09:00:00+08:00,张三,区交通运输局月报,"
        "过半\n", encoding="utf-8")
    return data_dir


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("redirect, stderr", [("> /dev/full", FULL), (">&-", CLOSED)])
def test_a_full_or_closed_stdout_is_one_line_and_exit_1(ledger, command, redirect, stderr):
    # before: a traceback (or "Exception ignored … BrokenPipeError") and exit 120
    result = shell(ledger, f"kpi {command} {redirect}")
    assert (result.returncode, result.stderr.decode()) == (1, stderr)


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("env", [{"LC_ALL": "C", "PYTHONUTF8": "0"},
                                 {"PYTHONIOENCODING": "ascii"}])
def test_a_stdout_that_is_not_utf8_gets_replacement_characters(ledger, command, env):
    # before: UnicodeEncodeError at the first Chinese character
    utf8 = shell(ledger, f"kpi {command}", PYTHONUTF8="1")
    result = shell(ledger, f"kpi {command}", **env)
    assert (result.returncode, result.stderr) == (0, b"")
    text = result.stdout.decode("ascii")  # nothing but ASCII went out
    expected = "".join(c if c.isascii() else "?" for c in utf8.stdout.decode("utf-8"))
    if command.startswith("validate") or "--help" in command:
        assert text == expected
    else:  # a table: its frame is drawn in ASCII; the words in its cells are the same
        def words(out: str) -> list[str]:
            return [w for w in out.replace("|", " ").split() if w.strip("-+─?")]

        assert words(text) == words(expected)
        assert text.count("?") > 10


def test_json_stays_json_on_an_ascii_stdout(ledger):
    result = shell(ledger, "kpi log --format json", PYTHONIOENCODING="ascii")
    assert json.loads(result.stdout)[0]["by"] == "??"


def test_a_reader_that_leaves_ends_the_command_quietly(ledger):
    process = subprocess.Popen([*KPI, "log"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=dict(os.environ, KPI_DATA_DIR=str(ledger)))
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    assert (process.wait(timeout=60), process.stderr.read()) == (1, b"")


@pytest.mark.slow
def test_errors_on_a_full_or_closed_stderr_keep_their_exit_status(ledger):
    for redirect in ("2>/dev/full", "2>&-"):
        assert shell(ledger, f"kpi status --bogus {redirect}").returncode == 2
        assert shell(ledger, f"kpi record 99.9 1 {redirect}").returncode == 1
        assert shell(ledger, f"kpi status >&- {redirect}").returncode == 1


@pytest.mark.slow
@pytest.mark.parametrize("redirect, reason", [("> /dev/full", "No space left on device"),
                                              (">&-", "Bad file descriptor")])
@pytest.mark.parametrize("command", ["record 23.1 700", "mark 19 in_progress",
                                     "import in.csv", "record 23.1 700 --format json"])
def test_a_durable_record_exits_0_even_when_its_confirmation_cannot_be_printed(
        ledger, tmp_path, command, redirect, reason):
    # issue 9, item 9: the record is written; a failed print must not tell a script otherwise
    (tmp_path / "in.csv").write_text("target,value,date\n23.1,700,2023-06-30\n",
                                     encoding="utf-8")
    before = (ledger / "progress" / "2023-06.csv").read_text(encoding="utf-8")
    result = shell(ledger, f"kpi {command} {redirect}")
    assert (result.returncode, result.stderr.decode()) == (
        0, "warning: 1 recorded in data/progress/2023-06.csv, but the "
           f"confirmation could not be printed (cannot write to standard output: {reason})\n")
    after = (ledger / "progress" / "2023-06.csv").read_text(encoding="utf-8")
    # exactly one record more, and nothing of the output landed in the ledger (with stdout
    # closed, the ledger file could otherwise have been opened as descriptor 1)
    assert after.startswith(before)
    (line,) = after[len(before):].splitlines()
    assert line.split(",")[:4] in (["23.1", "700", "个", "2023-06-30"],
                                   ["19", "in_progress", "", "2023-06-30"])


def test_a_dry_run_that_cannot_print_is_an_error(ledger):
    result = shell(ledger, "kpi record 23.1 700 --dry-run > /dev/full")
    assert (result.returncode, result.stderr.decode()) == (1, FULL)


def test_a_closed_stdin_is_harmless(ledger):
    result = shell(ledger, "kpi status --format json <&-")
    assert (result.returncode, result.stderr) == (0, b"")
    assert json.loads(result.stdout)["summary"]["on_track"] == 1


def test_the_stdout_guard_keeps_its_first_failure():
    class Full:
        encoding = "utf-8"

        def write(self, text):
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

        def fileno(self):
            raise ValueError("no descriptor")

    guard = streams._Stdout(Full())
    with pytest.raises(streams.OutputError) as first:
        guard.write("x")
    # a caller that swallowed it does not get to go on as if all was well
    with pytest.raises(streams.OutputError) as again:
        guard.flush()
    assert again.value is first.value
    assert str(first.value) == "cannot write to standard output: No space left on device"
    guard.settle()
    guard.flush()
    with pytest.raises(AttributeError):
        guard.buffer  # noqa: B018  (Click must write text through the guard)


def test_a_withdrawal_whose_confirmation_cannot_be_printed_says_so_in_the_runs_language(ledger):
    # the warning named what was withdrawn in English, in a Chinese run too
    result = shell(ledger, "kpi withdraw 23.1 --date 2023-06-30 --note 有误 > /dev/full",
                   KPI_LANG="zh")
    assert (result.returncode, result.stderr.decode()) == (
        0, "警告：已撤回 1 个数值，写入 data/progress/2023-06.csv，但无法打印确认信息（无法写入"
           "标准输出：磁盘空间已满）\n")
