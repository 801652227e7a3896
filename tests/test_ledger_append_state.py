"""An append reads nothing of a ledger file it has already checked, unless the file changed since."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from linzi_kpi import ledger
from linzi_kpi.errors import KpiError
from linzi_kpi.model import Record

AT = dt.datetime(2023, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def figure(value: float) -> Record:
    return Record("23.1", value, None, dt.date(2023, 6, 30), AT, "张三", "月报", "", "个")


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    folder = tmp_path / "progress"
    ledger.append(folder, "2023-06.csv", [figure(100)])
    return folder


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files that an append read in full."""
    seen: list[str] = []
    check = ledger.writing._check_appendable

    def counting(fd: int, shown: str) -> None:
        seen.append(shown)
        check(fd, shown)

    monkeypatch.setattr(ledger.writing, "_check_appendable", counting)
    return seen


def test_appending_again_reads_nothing_of_the_file(progress: Path, full_checks: list[str]) -> None:
    ledger.append(progress, "2023-06.csv", [figure(200)])
    ledger.append(progress, "2023-06.csv", [figure(300)])
    assert full_checks == []
    assert (progress / "2023-06.csv").read_text(encoding="utf-8").count("\n23.1,") == 3


def test_a_file_changed_by_hand_is_checked_in_full_and_refused(progress: Path,
                                                               full_checks: list[str]) -> None:
    path = progress / "2023-06.csv"
    with open(path, "ab") as handle:  # Excel saved a line in GBK
        handle.write("23.1,5,个,2023-06-30,2023-07-01T09:30:00+08:00,王五,,\n".encode("gbk"))
    before = path.read_bytes()
    with pytest.raises(KpiError, match="is not UTF-8 text"):
        ledger.append(progress, "2023-06.csv", [figure(400)])
    assert full_checks == ["progress/2023-06.csv"]
    assert path.read_bytes() == before


def test_a_file_replaced_by_another_is_checked_in_full(progress: Path,
                                                       full_checks: list[str]) -> None:
    path = progress / "2023-06.csv"
    content = path.read_bytes()
    path.unlink()
    path.write_bytes(content)  # the same bytes, a different file
    ledger.append(progress, "2023-06.csv", [figure(500)])
    assert full_checks == ["progress/2023-06.csv"]


def test_junk_in_the_lock_file_only_means_a_full_check(progress: Path,
                                                       full_checks: list[str]) -> None:
    (progress / ledger.LOCK_NAME).write_bytes(b"\x00junk{")
    ledger.append(progress, "2023-06.csv", [figure(600)])
    ledger.append(progress, "2023-06.csv", [figure(700)])
    assert full_checks == ["progress/2023-06.csv"]
