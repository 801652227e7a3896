"""`kpi init` that keeps the folder it is given (issue 21, item 6): `kpi init .` and an existing
empty folder work and keep its mode and setgid; a non-empty folder is refused; a long name is a
clean error; `kpi draft --out` makes the same workspace with the same permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_kpi_init_dot_in_an_empty_folder_keeps_it(tmp_path: Path, kpi,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    os.chmod(folder, 0o2700)
    before = os.stat(folder)
    monkeypatch.chdir(folder)
    result = kpi("init", ".")
    assert result.exit_code == 0, result.stderr
    after = os.stat(folder)
    assert (after.st_ino, _mode(folder), after.st_uid, after.st_gid) == (
        before.st_ino, 0o2700, before.st_uid, before.st_gid)
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "README.md", "data"]
    assert _mode(folder / "data") & stat.S_ISGID  # inherited, as a plain mkdir gives
    assert (folder / "data" / "progress" / ".gitattributes").is_file()


def test_an_existing_empty_folder_is_kept_not_replaced(tmp_path: Path, kpi) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    os.chmod(folder, 0o700)
    inode = os.stat(folder).st_ino
    assert kpi("init", str(folder)).exit_code == 0
    assert (os.stat(folder).st_ino, _mode(folder)) == (inode, 0o700)
    assert not [p for p in folder.iterdir() if p.name.startswith(".kpi-init-")]


def test_a_non_empty_folder_is_refused(tmp_path: Path, kpi) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = kpi("init", str(folder))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {folder} is not empty (it holds notes.txt); kpi init makes "
                             "a workspace in a new or empty folder\n")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_name_too_long_for_the_system_is_one_line(tmp_path: Path, kpi,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "x" * 300
    for _ in range(2):  # and again: nothing left behind that would change the answer
        result = kpi("init", name)
        assert result.exit_code == 1
        assert result.stderr == f"error: cannot create {'x' * 80}…: File name too long\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "plan-cache"] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_an_empty_folder_in_a_read_only_parent(tmp_path: Path, kpi) -> None:
    parent = tmp_path / "ro"
    (parent / "ws").mkdir(parents=True)
    os.chmod(parent, 0o555)
    try:
        assert kpi("init", str(parent / "ws")).exit_code == 0
    finally:
        os.chmod(parent, 0o755)
    assert (parent / "ws" / "data" / "tasks.yaml").is_file()


def test_kpi_draft_out_gets_the_mode_of_a_plain_folder_and_the_ledger_s_git_files(
        tmp_path: Path, kpi) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("一、发展\n1、新增充电桩1200个。\n", encoding="utf-8")
    out = tmp_path / "out"
    umask = os.umask(0o022)
    try:
        result = kpi("draft", str(doc), "--out", str(out))
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.stderr
    assert _mode(out) == 0o755
    assert sorted(p.name for p in (out / "data" / "progress").iterdir()) == [".gitattributes",
                                                                    ".gitignore"]
