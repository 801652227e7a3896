"""Files kpi reads, round two: the plan's source document only from inside the data folder,
every input file only if it is a regular file and within its cap, the progress folder as a
folder, and a bound on the problems one run collects and prints, whatever the files hold.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import edit, shipped
from linzi_kpi import inputs, ledger
from linzi_kpi.errors import MAX_LISTED

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

SOURCE_LINE = "  source: source/linzi-2023-key-tasks.txt"
HINT = ("name it by a relative path inside the folder that holds tasks.yaml, e.g. "
        "source/linzi-2023-key-tasks.txt: no absolute path, no .., no link out of the folder")


def run(data_dir: Path, *args: str, timeout: float = 60,
        cwd: Path | None = None) -> subprocess.CompletedProcess:
    """kpi as its own process: a read that blocks fails the test by its timeout, not by a hang."""
    env = dict(os.environ, KPI_DATA_DIR=str(data_dir), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "linzi_kpi", *args], capture_output=True,
                          text=True, env=env, timeout=timeout, cwd=cwd)


def set_source(data_dir: Path, source: str) -> None:
    edit(data_dir, "plan:", SOURCE_LINE, f"  source: {json.dumps(source)}")


# ------------------------------------------------------------------ plan.source


def _outside(tmp_path: Path, data_dir: Path, holds_the_text: bool) -> str:
    """A file beside the data folder: a copy of the real source document, or not."""
    outside = tmp_path / "outside.txt"
    real = (data_dir / "source" / "linzi-2023-key-tasks.txt").read_text(encoding="utf-8")
    outside.write_text(real if holds_the_text else "nothing of the plan here\n", encoding="utf-8")
    return "../outside.txt"


@pytest.mark.slow
@pytest.mark.parametrize("how", ["/etc/passwd", "../../x", "/dev/zero", "fifo", "link-out",
                                 "link-to-device", "dotdot-inside", "outside-holding-the-text",
                                 "outside-not-holding-it", "backslash", "home"])
def test_a_source_outside_the_data_folder_is_one_problem_and_never_read(data_dir, tmp_path, how):
    # before: validate read whatever the plan named, and told "not in task 23" from "not in the
    # source document" (an oracle on any file of the CI runner), hung on a FIFO, and ran out of
    # memory on /dev/zero
    source = how
    if how == "fifo":
        os.mkfifo(data_dir / "source" / "fifo")
        source = "source/fifo"
    elif how == "link-out":
        (data_dir / "source" / "secret.txt").symlink_to("/etc/passwd")
        source = "source/secret.txt"
    elif how == "link-to-device":
        (data_dir / "source" / "zero.txt").symlink_to("/dev/zero")
        source = "source/zero.txt"
    elif how == "dotdot-inside":
        source = "source/../source/linzi-2023-key-tasks.txt"
    elif how.startswith("outside"):
        source = _outside(tmp_path, data_dir, how == "outside-holding-the-text")
    elif how == "backslash":
        source = "source\\linzi-2023-key-tasks.txt"
    elif how == "home":
        source = "~/.ssh/id_rsa"
    set_source(data_dir, source)
    result = run(data_dir, "validate", "--format", "json", timeout=20)
    assert (result.returncode, result.stderr) == (1, "")
    assert json.loads(result.stdout)["problems"] == [{
        "file": "data/tasks.yaml", "line": 17, "column": 11, "path": "plan.source",
        "title": "source",
        "message": f"source document {source!r} is not a regular file inside the data folder",
        "hint": HINT}]


def test_the_answer_is_the_same_whatever_the_file_outside_holds(data_dir, tmp_path, kpi):
    set_source(data_dir, _outside(tmp_path, data_dir, True))
    # a quote from the document that is in no task: before, "is not in task 23" when the file
    # read held it, "is not in the source document" when it did not
    edit(data_dir, 'id: "23.1"', f'"{shipped("23.1")["quote"]}"', '"临政办字"')
    holding = kpi("validate")
    _outside(tmp_path, data_dir, False)
    not_holding = kpi("validate")
    assert holding.exit_code == not_holding.exit_code == 1
    assert holding.stdout == not_holding.stdout
    assert "../outside.txt' is not a regular file inside the data folder" in holding.stdout
    assert "is not in" not in holding.stdout


def test_a_source_reached_through_links_inside_the_folder_is_read(tmp_path, kpi):
    # the shape of examples/sample: the plan and source/ are links into the real data folder
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(Path(__file__).parent.parent / "data" / "tasks.yaml", real / "tasks.yaml")
    shutil.copytree(Path(__file__).parent.parent / "data" / "source", real / "source")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "tasks.yaml").symlink_to(real / "tasks.yaml")
    (linked / "source").symlink_to(real / "source")
    # and a link from one place inside a folder to another place inside it
    inner = tmp_path / "inner"
    shutil.copytree(real, inner)
    (inner / "docs").mkdir()
    (inner / "docs" / "linzi-2023-key-tasks.txt").symlink_to(
        "../source/linzi-2023-key-tasks.txt")
    edit(inner, "plan:", SOURCE_LINE, "  source: docs/linzi-2023-key-tasks.txt")
    for folder in (real, linked, inner):
        result = kpi("validate", "--data-dir", str(folder))
        assert (result.exit_code, result.stderr) == (0, ""), result.stdout


def test_a_missing_source_inside_the_folder_still_says_so(data_dir, kpi):
    set_source(data_dir, "source/nothere.txt")
    result = kpi("validate", "--format", "json")
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["message"] == "source document data/source/nothere.txt: file not found"


def test_a_source_past_its_cap_is_refused_before_it_is_read(data_dir, kpi):
    big = data_dir / "source" / "big.txt"
    with open(big, "wb") as handle:  # sparse: 17 MB long, nothing on disk
        handle.truncate(inputs.SOURCE_CAP + (1 << 20))
    set_source(data_dir, "source/big.txt")
    result = kpi("validate", "--format", "json")
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["message"] == ("source document data/source/big.txt: file is larger than "
                                  "16 MB (17825792 bytes), not read")


# ------------------------------------------------------------------ every input file


def _special(tmp_path: Path, name: str, kind: str) -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        with open(path, "wb") as handle:  # sparse: past the cap, nothing on disk
            handle.truncate(inputs.RETURN_CAP + 1)
    return path


NOT_REGULAR = ("not a regular file (a device, a pipe or a socket), not read (point at a plain "
               "file)")
TOO_LARGE = (f"file is larger than 64 MB ({inputs.RETURN_CAP + 1} bytes), not read (a file kpi "
             "reads here holds at most 64 MB)")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "device", "large"])
@pytest.mark.parametrize("command", ["record --from", "import csv", "import xlsx"])
def test_a_return_that_is_not_a_regular_file_or_too_large_is_one_line(
        data_dir, tmp_path, kind, command):
    # before: a FIFO hung, /dev/zero and a multi-GB file ran out of memory
    name = "in.xlsx" if command == "import xlsx" else "in.csv"
    path = _special(tmp_path, name, kind)
    args = ["record", "--from", str(path)] if command == "record --from" else ["import", str(path)]
    result = run(data_dir, *args, timeout=20)
    expected = NOT_REGULAR if kind != "large" else TOO_LARGE
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {path}: {expected}\n"
    assert not (data_dir / "progress").exists()


def test_a_plan_past_its_cap_is_refused_before_it_is_read(data_dir, kpi):
    with open(data_dir / "tasks.yaml", "r+b") as handle:
        handle.truncate(inputs.PLAN_CAP + 1)
    result = kpi("status")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"error: data/tasks.yaml: file is larger than 64 MB "
                             f"({inputs.PLAN_CAP + 1} bytes), not read (a file kpi reads here "
                             "holds at most 64 MB) (run `kpi validate` for details)\n")


@pytest.mark.slow
def test_ledger_files_that_are_not_regular_or_too_large_are_problems_not_read(data_dir, kpi):
    progress = data_dir / "progress"
    progress.mkdir()
    os.mkfifo(progress / "2023-05.csv")
    with open(progress / "2023-06.csv", "wb") as handle:  # sparse
        handle.truncate(inputs.LEDGER_CAP + 1)
    result = run(data_dir, "validate", "--format", "json", timeout=20)
    assert result.returncode == 1
    problems = [(p["file"], p["message"]) for p in json.loads(result.stdout)["problems"]]
    # a FIFO is not a file: named, never opened (opening it would wait for a writer); the large
    # file is one problem
    assert problems == [
        ("data/progress/2023-05.csv", "not a regular file (a device, a pipe or a socket), not read"),
        ("data/progress/2023-06.csv",
         f"file is larger than 1024 MB ({inputs.LEDGER_CAP + 1} bytes), not read")]


def test_inputs_refuse_what_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(inputs.InputError, match="not a regular file"):
        inputs.read_capped(tmp_path / "fifo", 10)  # returns at once: no writer is waited for
    with pytest.raises(inputs.InputError, match="not a regular file"):
        inputs.read_capped("/dev/zero", 10)
    with pytest.raises(IsADirectoryError):
        inputs.read_capped(tmp_path, 10)
    (tmp_path / "ten").write_bytes(b"0123456789")
    assert inputs.read_capped(tmp_path / "ten", 10) == b"0123456789"
    with pytest.raises(inputs.InputError, match=r"^file is larger than 9 bytes \(10 bytes\)"):
        inputs.read_capped(tmp_path / "ten", 9)
    (tmp_path / "link").symlink_to(tmp_path / "ten")
    with pytest.raises(OSError):
        inputs.read_capped(tmp_path / "link", 10, follow=False)


# ------------------------------------------------------------------ the progress folder


def test_a_progress_that_is_a_plain_file_is_an_error_not_an_empty_ledger(data_dir, kpi):
    (data_dir / "progress").write_text("23.1,600\n", encoding="utf-8")
    status = kpi("status")
    assert (status.exit_code, status.stdout) == (1, "")
    assert status.stderr == ("error: data/progress: not a folder (the ledger files live in a "
                             "folder named progress; move this file out of the way)\n")
    found = kpi("validate", "--format", "json")
    assert found.exit_code == 1
    assert json.loads(found.stdout)["problems"] == [{
        "file": "data/progress", "line": 0, "column": 0, "path": "", "title": "unreadable folder",
        "message": "not a folder",
        "hint": "the ledger files live in a folder named progress; move this file out of the way"}]


def test_a_progress_folder_that_cannot_be_listed_is_an_error(data_dir, kpi, monkeypatch):
    (data_dir / "progress").mkdir()
    real = os.scandir

    def refuse(path):
        if str(path).endswith("progress"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(ledger.reading.os, "scandir", refuse)  # chmod 000 does not stop root
    for command in ("status", "log", "dept", "report"):
        result = kpi(command)
        assert (command, result.exit_code, result.stdout, result.stderr) == (
            command, 1, "", "error: data/progress: cannot list the folder: Permission denied "
                            "(check its permissions)\n")
    found = kpi("validate")
    assert (found.exit_code, found.stdout) == (1, (
        "data/progress: cannot list the folder: Permission denied\n  fix: check its permissions"
        "\n\n1 problem found\n"))


# ------------------------------------------------------------------ bounded problems


HEADER = "target,value,unit,date,recorded_at,by,source,note\n"


def test_one_cap_on_the_problems_of_all_files_with_a_count_of_the_rest(data_dir, kpi):
    # before: 100 per file, without end: 3,000 files of bad lines printed 68 MB
    progress = data_dir / "progress"
    progress.mkdir()
    for n in range(15):
        (progress / f"f{n:02}.csv").write_text(HEADER + "junk\n" * 150, encoding="utf-8")
    result = kpi("validate", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert MAX_LISTED == 1000
    assert len(problems) == 1001
    summaries = [(p["file"], p["message"]) for p in problems
                 if p["message"] != "line has 1 fields, the header has 8"]
    # nine files list 100 and count 50 each; the tenth fills the list (91), the rest are counted
    assert summaries == [(f"data/progress/f{n:02}.csv", "50 more problems in this file are not "
                          "listed") for n in range(9)] + [
        ("data/progress", "809 more problems in 6 ledger files are not listed (at most 1000 "
                          "are)")]
    text = kpi("validate")
    assert text.stdout.endswith("\n1001 problems found\n")


@pytest.mark.slow
def test_three_thousand_files_of_bad_lines_cost_a_bounded_report(data_dir):
    progress = data_dir / "progress"
    progress.mkdir()
    body = HEADER + "23.1,x,个,2023-06-30,2023-07-01T09:00:00+08:00,a,b,c\n" * 160  # 8 KB
    for n in range(3000):
        (progress / f"f{n:04}.csv").write_text(body, encoding="utf-8")
    for form in (["--format", "json"], []):
        result = run(data_dir, "validate", *form, timeout=300)
        assert result.returncode == 1
        # before: 68 MB of output and 745 MB of memory
        assert len(result.stdout) < 1_000_000
    problems = json.loads(run(data_dir, "validate", "--format", "json",
                              timeout=300).stdout)["problems"]
    assert problems[-1]["message"] == ("478469 more problems in 2991 ledger files are not "
                                       "listed (at most 1000 are)")


def test_excerpts_read_only_the_lines_they_quote(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\n\xff\xfe not text\nfour\n")
    read = inputs.line_reader([(str(path), 1), (str(path), 2), (str(path), 4), ("", 3)])
    assert [read(str(path), n) for n in (1, 2, 3, 4, 5)] == ["one", "two", None, "four", None]
    assert read(str(tmp_path / "missing.csv"), 1) is None


# ------------------------------------------------------------------ smaller findings


def test_a_sheet_name_with_line_breaks_cannot_forge_lines_of_import_s_report(data_dir, tmp_path,
                                                                              kpi, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "区发改局\nerror, forged\r"
    sheet.append(["编号", "本次数值", "数据日期"])
    sheet.append(["23.1", "abc", "2023-06-30"])
    book.save(tmp_path / "in.xlsx")
    result = kpi("import", "in.xlsx")
    assert (result.exit_code, result.stderr.splitlines()) == (1, [
        "error: in.xlsx:区发改局\\nerror, forged\\r!B2: column 本次数值: value 'abc' is not a "
        "number: write plain digits in the target's unit, e.g. 1200, 1,200 or 50.7 (the "
        "target's own unit may follow, as in 95%; no 万 or 亿)",
        "error: 1 of 1 rows are invalid; nothing was recorded"])


@pytest.mark.slow
@pytest.mark.parametrize("name", ["punycode", "rot13", "zlib", "idna", "unicode-escape",
                                  "raw-unicode-escape", "hex", "uu", "klingon", "utf-7"])
def test_encoding_takes_only_a_listed_set(data_dir, tmp_path, kpi, name):
    # before: punycode ended in a traceback (its errors are not UnicodeDecodeError)
    (tmp_path / "in.csv").write_bytes(b"target,value,date\n23.1,600,2023-06-30\n\xff")
    result = kpi("import", "in.csv", "--encoding", name)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"error: --encoding {name!r} is not an encoding of returns kpi reads: use one of "
               "utf-8, utf-16, gbk, gb18030, gb2312, big5 (`kpi import -h` shows how to use it)\n")


@pytest.mark.parametrize("name, text", [("GBK", "gbk"), ("cp936", "gbk"), ("GB18030", "gb18030"),
                                        ("UTF_8", "utf-8"), ("utf-16", "utf-16"),
                                        ("big5", "big5")])
def test_the_listed_encodings_read_a_return(data_dir, tmp_path, kpi, monkeypatch, name, text):
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")
    (tmp_path / "in.csv").write_bytes("target,value,date,source\n23.1,600,2023-06-30,月報\n"
                                      .encode(text))
    result = kpi("import", "in.csv", "--encoding", name, "--dry-run", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["recorded"][0]["record"]["source"] == "月報"


def test_a_kpi_lang_that_is_not_a_language_is_one_line(data_dir):
    # before: a usage message of four lines about an option nobody typed
    for command in (["status"], ["dept"], ["status", "--help"]):
        result = subprocess.run([sys.executable, "-m", "linzi_kpi", *command], text=True,
                                capture_output=True, timeout=60,
                                env=dict(os.environ, KPI_LANG="fr", KPI_DATA_DIR=str(data_dir),
                                         LANG="en_US.UTF-8"))
        assert (result.returncode, result.stdout, result.stderr) == (
            2, "", "error: KPI_LANG='fr' is not a language kpi speaks: set it to zh or en, or "
                   "unset it\n")


def _strict(text: str) -> object:
    def refuse(constant: str) -> object:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_history_json_never_holds_infinity(data_dir, kpi, monkeypatch):
    # a level target whose baseline is at the edge of what a float holds: the pace overflowed,
    # and `kpi history --format json` printed Infinity, which is not JSON (the ledger keeps no
    # figure of 10^15 or more now: the largest it keeps, against the plan's edge)
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")
    edit(data_dir, 'id: "3.2"', "kind: level",
         "baseline: -1.7976931348623157e+308\n        baseline_source: 测试\n        kind: level")
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "2023-03.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "3.2,999999999999999,家,2023-03-01,2023-03-02T09:00:00+08:00,a,b,\n", encoding="utf-8")
    result = kpi("history", "3.2", "--format", "json")
    assert result.exit_code == 0
    assert "Infinity" not in result.stdout and "NaN" not in result.stdout
    _strict(result.stdout)


def test_json_writes_a_number_that_is_not_finite_as_null():
    from linzi_kpi.render.rows import to_json

    assert to_json({"a": float("inf"), "b": [float("nan"), 1.5, -float("inf")], "c": "inf"}) == (
        '{\n  "a": null,\n  "b": [\n    null,\n    1.5,\n    null\n  ],\n  "c": "inf"\n}')


def test_validate_json_is_written_as_it_is_made_and_reads_the_same(data_dir, kpi):
    from linzi_kpi.errors import Problem
    from linzi_kpi.render.problems import as_json, json_chunks
    from linzi_kpi.render.rows import to_json

    cases = [[], [Problem("m\n\"区\"", "h", ("tasks", 1), "f.yaml", 2, 3)],
             [Problem("a"), Problem("b\\", file="x", title="t"), Problem("c")]]
    for problems in cases:
        whole = to_json({"valid": not problems,
                         "problems": [p.as_dict() for p in problems]}) + "\n"
        assert as_json(problems) == whole
        chunks = list(json_chunks(iter(problems)))
        assert "".join(chunks) == whole
        assert len(chunks) == (1 if not problems else len(problems) + 2)
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "x.csv").write_text(HEADER + "junk\n" * 3, encoding="utf-8")
    result = kpi("validate", "--format", "json")
    assert [p["line"] for p in _strict(result.stdout)["problems"]] == [2, 3, 4]
