"""One routine writes a whole file or folder (``atomic.py``): every writer goes through it, and
it leaves the old content or the new, never a part, on POSIX and Windows alike."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from linzi_kpi import atomic

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "linzi_kpi"


def test_a_file_is_replaced_whole_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    atomic.replace_bytes(path, "新".encode())
    assert path.read_text(encoding="utf-8") == "新"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")

    def half(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        atomic.replace_file(path, half)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_the_mode_is_the_umask_s_unless_asked(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic.replace_bytes(tmp_path / "shared", b"x")
        atomic.replace_bytes(tmp_path / "private", b"x", mode=0o600)
    finally:
        os.umask(old)
    assert oct((tmp_path / "shared").stat().st_mode & 0o777) == oct(0o644)
    assert oct((tmp_path / "private").stat().st_mode & 0o777) == oct(0o600)


def test_a_folder_takes_the_place_of_an_empty_one_as_on_windows(tmp_path: Path,
                                                               monkeypatch) -> None:
    building = tmp_path / ".building"
    (building / "data").mkdir(parents=True)
    (building / "data" / "tasks.yaml").write_text("plan", encoding="utf-8")
    target = tmp_path / "work"
    target.mkdir()
    real = os.replace

    def windows_replace(src, dst) -> None:  # Windows renames no folder onto a folder
        if Path(dst).is_dir():
            raise PermissionError(13, "Access is denied")
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", windows_replace)
    atomic.place_folder(building, target)
    assert (target / "data" / "tasks.yaml").read_text(encoding="utf-8") == "plan"
    assert not building.exists()


def test_a_folder_never_replaces_one_that_holds_something(tmp_path: Path) -> None:
    building = tmp_path / ".building"
    building.mkdir()
    target = tmp_path / "work"
    target.mkdir()
    (target / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OSError):
        atomic.place_folder(building, target)
    assert (target / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert not building.exists()


def test_only_the_routine_renames_into_place() -> None:
    # every whole-file writer (outputs, templates, the plan cache, kpi init, kpi draft) goes
    # through atomic.py; the ledger appends in place (ledger/), and is not a whole-file writer
    renames = re.compile(r"\bos\.(replace|rename)\(|\bmkstemp\(|\bNamedTemporaryFile\(")
    found = [str(path.relative_to(PACKAGE)) for path in sorted(PACKAGE.rglob("*.py"))
             if renames.search(path.read_text(encoding="utf-8"))]
    assert [f for f in found if not f.startswith("ledger")] == ["atomic.py"]
