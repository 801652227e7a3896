"""Output files (kpi template, export, report --html): one helper writes them all; whatever goes
wrong is one line naming the path, nothing is left behind, and the file gets the user's umask."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from linzi_kpi import atomic

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

pytest.importorskip("openpyxl")

WRITERS = [("export", "{out}.csv"), ("export", "{out}.json"), ("export", "{out}.xlsx"),
           ("report --html", "{out}.html"), ("template", "{out}.xlsx")]


def write(kpi, command: str, path: str):
    return kpi(*command.split(), path)


@pytest.fixture(autouse=True)
def _june(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")


@pytest.mark.parametrize("command, name", WRITERS)
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_an_output_gets_the_mode_of_the_user_s_umask(kpi, data_dir, tmp_path, command, name,
                                                    umask, mode):
    # before: 0600 whatever the umask, so colleagues on a shared folder could not open it
    path = tmp_path / name.format(out="out")
    old = os.umask(umask)
    try:
        result = write(kpi, command, str(path))
    finally:
        os.umask(old)
    assert (result.exit_code, result.stderr) == (0, "")
    assert oct(path.stat().st_mode & 0o777) == oct(mode)


def _left(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name not in ("data", "plan-cache"))


@pytest.mark.slow
@pytest.mark.parametrize("command, name", WRITERS)
@pytest.mark.parametrize("where, reason", [
    ("/proc/{name}", "No such file or directory"),
    ("/sys/{name}", "Permission denied"),
    ("{long}{name}", "File name too long"),
])
def test_an_output_that_cannot_be_written_is_one_line_naming_it(kpi, data_dir, tmp_path,
                                                               command, name, where, reason):
    # before: a traceback (the temporary file was created outside the error handling)
    path = where.format(name=name.format(out="out"), long="x" * 300)
    result = write(kpi, command, path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: could not write {path}: {reason}\n")
    assert _left(tmp_path) == []


@pytest.mark.parametrize("command, name", WRITERS)
def test_a_folder_that_refuses_writes_is_one_line(kpi, data_dir, tmp_path, monkeypatch,
                                                 command, name):
    real = os.open

    def refusing(path, flags, *args, **kwargs):  # root ignores chmod: refuse as a folder would
        if os.path.basename(str(path)).startswith(".kpi-"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "open", refusing)  # the one routine
    path = name.format(out="out")
    result = write(kpi, command, path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: could not write {path}: Permission denied\n")
    assert _left(tmp_path) == []


def test_an_output_name_as_long_as_the_system_allows_is_written(kpi, data_dir, tmp_path):
    # before: the temporary name (.NAME.XXXXXXXX.tmp) was longer than the name, and too long
    path = tmp_path / ("x" * 250 + ".csv")
    result = kpi("export", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert path.read_bytes().startswith("\ufeffid,".encode())
    assert _left(tmp_path) == [path.name]


def test_a_file_name_with_a_line_break_cannot_forge_a_line_of_the_error(kpi, data_dir):
    result = kpi("export", "/proc/x\nerror: forged.csv")
    assert (result.exit_code, result.stderr) == (
        1, "error: could not write /proc/x\\nerror: forged.csv: No such file or directory\n")


def test_record_with_a_ledger_name_too_long_for_the_system_is_one_line(kpi, data_dir):
    # before: a traceback from the check for a symbolic link
    name = "x" * 300 + ".csv"
    result = kpi("record", "23.1", "600", "--file", name)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: could not write progress/{name}: File name too long; nothing was "
               "recorded\n")
    assert not (data_dir / "progress" / name[:200]).exists()
