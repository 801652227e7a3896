"""Paths: nothing a person types or a file holds leads a write outside the data folder (or the
plan cache folder, or the file the user names as the output); a read-only, missing or odd data
folder is a clear error, exit 1 or 2, never a traceback or a hang.

Already held elsewhere: ``--file ../outside.csv`` through kpi record
(test_cli_record.py::test_file_option_names_the_ledger_file), every refused ledger name at the
function (test_values.py::test_ledger_name_refused), a data folder that does not exist or has no
plan (test_cli_plan.py::test_a_data_dir_that_does_not_exist, ::test_a_data_dir_without_a_plan),
a symbolic link in progress/ (test_hostile_ledger.py).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linzi_kpi import ledger

pytestmark = pytest.mark.usefixtures("warm_plan_cache")


@pytest.fixture(autouse=True)
def _june(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")


def tree(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` (the plan cache aside), with the bytes of each file."""
    out: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if rel.startswith("plan-cache"):
            continue
        out[rel] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return out


# ------------------------------------------------------------------ ledger file names

BAD_NAMES = ["../x.csv", "../../x.csv", "/tmp/kpi-absolute.csv", "a/b.csv", "..\\x.csv",
             "progress/../../x.csv", "x\x00.csv", "x.csv\x00../../y.csv", ".kpi.lock",
             ".kpi.lock.csv", "..csv", "x.csv/", "C:\\x.csv", "x.txt", ""]


@pytest.mark.parametrize("name", BAD_NAMES)
@pytest.mark.parametrize("command", [("record", "23.1", "600"),
                                     # the same check, through the other commands (slow: many)
                                     pytest.param(("mark", "19", "done"), marks=pytest.mark.slow),
                                     pytest.param(("import", "in.csv"), marks=pytest.mark.slow)])
def test_a_ledger_file_name_never_leads_outside_progress(kpi, data_dir, tmp_path, name, command):
    (tmp_path / "in.csv").write_text("target,value,date\n23.1,600,2023-06-30\n", encoding="utf-8")
    before = tree(tmp_path)
    result = kpi(*command, "--file", name)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"error: ledger file name {name[:60]!r} must be a plain file name "
                             "ending in .csv, e.g. 2023-06.csv\n")
    assert tree(tmp_path) == before
    assert not Path("/tmp/kpi-absolute.csv").exists()


# ------------------------------------------------------------------ ids and department names


@pytest.mark.parametrize("key", ["../../x", "23.1/../../x", "/etc/passwd", "..", "23.1\x00",
                                 "..\\..\\x", "23.1/"])
def test_a_target_id_is_never_a_path(kpi, data_dir, tmp_path, key):
    before = tree(tmp_path)
    # a key one character off an id is answered with that id
    hint = ("did you mean 23.1?" if key in ("23.1\x00", "23.1/") else
            "use a target id such as 1.1 or a task number such as 5;")
    unknown = f"error: unknown target {key[:40]!r} ({hint} `kpi targets` lists them)\n"
    for args in (("record", key, "5"), ("mark", key, "done"), ("log", key), ("history", key)):
        result = kpi(*args)
        assert (result.exit_code, result.stderr) == (1, unknown), args
    assert tree(tmp_path) == before


@pytest.mark.parametrize("name", ["../../x", "区发改局/../../x", "/etc", "..", "区发改局\x00"])
def test_a_department_name_is_never_a_path(kpi, data_dir, tmp_path, name):
    before = tree(tmp_path)
    for args in (("template", "--dept", name, "t.xlsx"), ("dept", name), ("status", "--dept", name)):
        result = kpi(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith(f"error: unknown department {name!r}"), result.stderr
        assert result.stderr.count("\n") == 1
    assert tree(tmp_path) == before


def test_a_ledger_holding_hostile_ids_writes_nothing_anywhere(kpi, data_dir, tmp_path):
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "2023-06.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "../../x,1,,2023-06-30,2023-07-01T09:00:00+08:00,a,../../y,/etc/passwd\n", encoding="utf-8")
    before = tree(tmp_path)
    for args in (("validate",), ("status",), ("log",), ("dept",), ("report",),
                 ("export", "-", "--format", "csv")):
        assert kpi(*args).exit_code in (0, 1), args
    assert tree(tmp_path) == before


# ------------------------------------------------------------------ outputs the user names


openpyxl_needed = pytest.mark.skipif(
    __import__("importlib").util.find_spec("openpyxl") is None, reason="openpyxl not installed")


@openpyxl_needed
@pytest.mark.parametrize("args", [("template", "sub/t.xlsx"), ("export", "sub/x.xlsx"),
                                  ("export", "sub/x.csv"), ("export", "sub/x.json"),
                                  ("report", "--html", "sub/r.html")])
def test_an_output_writes_the_named_file_and_nothing_else(kpi, data_dir, tmp_path, args):
    (tmp_path / "sub").mkdir()
    before = tree(tmp_path)
    result = kpi(*args)
    assert result.exit_code == 0, result.stderr
    after = tree(tmp_path)
    assert sorted(set(after) - set(before)) == [args[-1]]  # no temporary file left behind
    assert {k: v for k, v in after.items() if k in before} == before


@openpyxl_needed
@pytest.mark.parametrize("args", [("export", "x.csv"), ("report", "--html", "x.html"),
                                  ("template", "--force", "x.xlsx"), ("export", "x.xlsx")])
def test_an_output_that_is_a_symbolic_link_is_refused_not_written_through(kpi, data_dir,
                                                                        tmp_path, args):
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    Path(args[-1]).symlink_to(victim)
    result = kpi(*args)
    assert (result.exit_code, result.stderr) == (
        1, f"error: {args[-1]} is not a regular file (a symbolic link); name a new file or an "
           "existing regular file\n")
    assert victim.read_text() == "keep me\n"
    assert Path(args[-1]).is_symlink()


@openpyxl_needed
@pytest.mark.parametrize("args", [("template", "nowhere/t.xlsx"), ("export", "nowhere/x.csv"),
                                  ("export", "nowhere/x.xlsx"), ("report", "--html",
                                                                  "nowhere/x.html")])
def test_an_output_in_a_missing_folder_is_a_usage_error(kpi, data_dir, args):
    result = kpi(*args)
    out = args[-1]
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"error: {out}: folder nowhere does not exist\n")


@openpyxl_needed
@pytest.mark.parametrize("args", [("export", "d.csv"), ("export", "d.xlsx"),
                                  ("report", "--html", "d.html")])
def test_an_output_that_is_a_folder_is_one_line_not_a_traceback(kpi, data_dir, tmp_path, args):
    (tmp_path / args[-1]).mkdir()
    result = kpi(*args)
    assert (result.exit_code, result.stderr) == (
        1, f"error: {args[-1]} is not a regular file (a folder); name a new file or an existing "
           "regular file\n")
    assert (tmp_path / args[-1]).is_dir()


# ------------------------------------------------------------------ read-only, missing, odd


def _can_chattr(folder: Path) -> bool:
    """Whether the immutable attribute works here: it stops root too, where chmod does not."""
    if shutil.which("chattr") is None:
        return False
    probe = folder / "probe"
    probe.mkdir()
    try:
        done = subprocess.run(["chattr", "+i", str(probe)], capture_output=True)
        if done.returncode != 0:
            return False
        subprocess.run(["chattr", "-i", str(probe)], check=True)
        return True
    finally:
        probe.rmdir()


@pytest.fixture
def read_only(tmp_path: Path):
    """Makes a folder read-only for this process: chmod when not root; the immutable attribute
    when root (chmod does not stop root); skipped when neither works."""
    made: list[Path] = []

    def make(folder: Path) -> str:
        if os.geteuid() != 0:
            folder.chmod(0o555)
            made.append(folder)
            return "Permission denied"
        if not _can_chattr(tmp_path):
            pytest.skip("running as root, where chmod does not make a folder read-only, and "
                        "chattr +i is not available here (the simulated test still runs)")
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        made.append(folder)
        return "Operation not permitted"

    yield make
    for folder in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        else:
            folder.chmod(0o755)


def test_a_read_only_progress_folder(kpi, data_dir, read_only):
    progress = data_dir / "progress"
    progress.mkdir()
    assert kpi("record", "23.1", "300").exit_code == 0
    before = (progress / "2023-06.csv").read_bytes()
    for path in [*progress.iterdir(), progress]:  # the files (and the lock), then the folder
        why = read_only(path)
    for args, name in ((("record", "23.1", "600"), "2023-06.csv"),
                       (("record", "23.1", "600", "--file", "new.csv"), "new.csv")):
        result = kpi(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (
            1, "", f"error: could not write progress/{name}: {why}; nothing was recorded\n")
    assert (progress / "2023-06.csv").read_bytes() == before
    assert kpi("status").exit_code == 0  # reading still works
    assert kpi("validate").exit_code == 0


def test_a_read_only_data_folder_without_progress(kpi, data_dir, read_only):
    why = read_only(data_dir)
    result = kpi("record", "23.1", "600")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: cannot create progress/: {why}\n")
    assert kpi("status").exit_code == 0


@pytest.mark.parametrize(("code", "text"), [(errno.EROFS, "Read-only file system"),
                                            (errno.EACCES, "Permission denied"),
                                            (errno.EDQUOT, "Disk quota exceeded")])
def test_a_folder_that_refuses_writes_simulated(kpi, data_dir, monkeypatch, code, text):
    """The same as above without needing root or chattr: the OS refuses to open for writing."""
    progress = data_dir / "progress"
    progress.mkdir()
    real = os.open

    def refusing(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(code, os.strerror(code), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(ledger.writing.os, "open", refusing)
    result = kpi("record", "23.1", "600")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: could not write progress/2023-06.csv: {text}; nothing was recorded\n")
    assert list(progress.iterdir()) == []


def test_a_plan_that_cannot_be_read(kpi, data_dir, monkeypatch):
    real = os.open

    def refusing(path, flags, *args, **kwargs):  # every input file is opened by os.open
        if str(path).endswith("tasks.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    result = kpi("status")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "error: data/tasks.yaml: cannot read file: Permission denied (check the file's "
               "permissions) (run `kpi validate` for details)\n")
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith("data/tasks.yaml: cannot read file: Permission denied\n")


def test_a_ledger_file_that_cannot_be_read(kpi, data_dir, monkeypatch):
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "2023-06.csv").write_text("target\n", encoding="utf-8")
    real = os.open

    def refusing(path, flags, *args, **kwargs):
        if str(path).endswith("2023-06.csv"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(ledger.writing.os, "open", refusing)
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith("data/progress/2023-06.csv: cannot read file: Permission "
                                    "denied\n")


@pytest.mark.parametrize("how", ["folder", "fifo", "dangling link"])
def test_a_plan_that_is_not_a_file_is_a_usage_error_not_a_hang(data_dir, how):
    plan = data_dir / "tasks.yaml"
    plan.unlink()
    if how == "folder":
        plan.mkdir()
    elif how == "fifo":
        os.mkfifo(plan)  # reading it would wait for a writer for ever
    else:
        plan.symlink_to(data_dir / "nowhere.yaml")
    env = dict(os.environ, KPI_DATA_DIR=str(data_dir))
    for command in ("status", "record"):
        args = [command] + (["23.1", "600"] if command == "record" else [])
        result = subprocess.run([sys.executable, "-m", "linzi_kpi", *args], capture_output=True,
                                text=True, env=env, timeout=60)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            f"error: {plan} is a symbolic link to {data_dir / 'nowhere.yaml'}, which does not "
            "exist (copy the plan itself into the folder, or mend the link)\n"
            if how == "dangling link" else
            f"error: no tasks.yaml in {data_dir} (point --data-dir or KPI_DATA_DIR at the folder "
            "that holds it)\n")


def test_a_data_dir_that_is_a_file(kpi, tmp_path):
    (tmp_path / "plain").write_text("x")
    result = kpi("status", "--data-dir", "plain")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "error: plain is a file, not a data folder (point --data-dir or KPI_DATA_DIR at "
               "the folder that holds tasks.yaml)\n")


def test_a_progress_path_that_is_a_file(kpi, data_dir):
    (data_dir / "progress").write_text("not a folder")
    # not an empty ledger (issue 11): its records are unknown
    assert kpi("status").stderr == ("error: data/progress: not a folder (the ledger files live "
                                    "in a folder named progress; move this file out of the way)\n")
    result = kpi("record", "23.1", "600")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "error: cannot create progress/: File exists\n")
    assert (data_dir / "progress").read_text() == "not a folder"
