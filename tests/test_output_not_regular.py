"""An output that is there must be a regular file: a named pipe, a device, a folder or a symbolic
link (to anything) is refused before anything is written, in one line, and left as it was
(``atomic.check_destination``, the one rule; ``files/output.py`` words it)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from linzi_kpi import atomic

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

pytest.importorskip("openpyxl")

WRITERS = [("export", "x.csv"), ("export", "x.json"), ("export", "x.xlsx"),
           ("report", "x.html"), ("report", "x.md"), ("report", "x.docx"),
           ("template", "x.xlsx"), ("template", "--force", "x.xlsx")]

KINDS = {"fifo": "a named pipe", "link": "a symbolic link", "folder": "a folder",
         "dangling": "a symbolic link"}


@pytest.fixture(autouse=True)
def _june(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")


def _make(kind: str, path: Path, victim: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link":
        path.symlink_to(victim)
    elif kind == "dangling":
        path.symlink_to(path.parent / "nowhere.csv")
    else:
        path.mkdir()


def _state(path: Path) -> tuple[int, str]:
    st = os.lstat(path)
    return stat.S_IFMT(st.st_mode), os.readlink(path) if path.is_symlink() else ""


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_an_output_that_is_not_a_regular_file_is_refused_and_left_as_it_was(
        kpi, small_plan, tmp_path, kind, args):
    if args[0] == "report" and args[-1].endswith(".docx"):
        pytest.importorskip("docx")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / args[-1]
    _make(kind, out, victim)
    before = _state(out), sorted(p.name for p in tmp_path.iterdir())
    result = kpi(*args[:-1], str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"error: {out} is not a regular file ({KINDS[kind]}); name a new file or an "
               "existing regular file\n")
    assert (_state(out), sorted(p.name for p in tmp_path.iterdir())) == before
    assert victim.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.lang("zh")
def test_the_refusal_in_chinese(kpi, small_plan, tmp_path):
    os.mkfifo(tmp_path / "x.csv")
    result = kpi("export", "x.csv")
    assert (result.exit_code, result.stderr) == (
        1, "错误：x.csv 不是普通文件（命名管道）；请指定一个新文件或已有的普通文件\n")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "x.csv").st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="mknod of a device needs root")
@pytest.mark.parametrize("args", [("export", "x.csv"), ("report", "x.html"),
                                  ("template", "--force", "x.xlsx")], ids=" ".join)
def test_a_device_is_never_replaced(kpi, small_plan, tmp_path, args):
    out = tmp_path / args[-1]
    os.mknod(out, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # as /dev/full
    result = kpi(*args[:-1], str(out))
    assert (result.exit_code, result.stderr) == (
        1, f"error: {out} is not a regular file (a device); name a new file or an existing "
           "regular file\n")
    assert stat.S_ISCHR(os.lstat(out).st_mode) and os.lstat(out).st_rdev == os.makedev(1, 7)


@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_template_each_dept_refuses_a_workbook_name_that_is_not_a_file_and_writes_none(
        kpi, small_plan, tmp_path, kind):
    folder = tmp_path / "out"
    folder.mkdir()
    name = folder / "区科技局-2023-06.xlsx"
    _make(kind, name, tmp_path / "victim.txt")
    result = kpi("template", "--each-dept", str(folder), "--month", "2023-06", "--force")
    assert (result.exit_code, result.stderr) == (
        1, f"error: {name} is not a regular file ({KINDS[kind]}); name a new file or an "
           "existing regular file\n")
    assert [p.name for p in folder.iterdir()] == [name.name]


def test_the_rule_is_asked_again_just_before_the_rename(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"

    def sneak(tmp: Path) -> None:  # something takes the name while the file is written
        tmp.write_text("new", encoding="utf-8")
        os.mkfifo(path)

    with pytest.raises(atomic.NotRegularFile) as caught:
        atomic.replace_file(path, sneak)
    assert caught.value.kind == "fifo"
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_regular_file_and_a_new_name_are_written(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("old", encoding="utf-8")
    atomic.replace_bytes(tmp_path / "old.txt", b"new")
    atomic.replace_bytes(tmp_path / "new.txt", b"new")
    assert [(tmp_path / n).read_bytes() for n in ("old.txt", "new.txt")] == [b"new", b"new"]
