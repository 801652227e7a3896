"""The smaller items of issue 21 (item 8), each with a test."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from linzi_kpi import plancache
from linzi_kpi.load import load_plan


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


def test_a_header_swapped_with_its_mtime_restored_is_still_refused(small_plan: Path,
                                                                    kpi) -> None:
    """The lock remembers each file's identity after an append, and the next append skips the
    full check of an unchanged file; a header swapped with the size and modification time put
    back used to pass for unchanged, and the record was acknowledged and never counted."""
    assert kpi("record", "1.1", "5", "--date", "2023-06-30").exit_code == 0
    ledger = small_plan / "progress" / "2023-06.csv"
    info = ledger.stat()
    text = ledger.read_text(encoding="utf-8")
    swapped = text.replace("target,value,unit,date", "value,target,unit,date", 1)
    assert len(swapped) == len(text)
    ledger.write_text(swapped, encoding="utf-8")
    os.utime(ledger, ns=(info.st_atime_ns, info.st_mtime_ns))
    result = kpi("record", "1.1", "6", "--date", "2023-06-30")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: progress/2023-06.csv has the header "
                                    "'value,target,unit,date,")
    assert ledger.read_text(encoding="utf-8") == swapped


def test_a_refused_record_writes_no_git_files(small_plan: Path, kpi) -> None:
    progress = small_plan / "progress"
    progress.mkdir()
    (progress / "2023-06.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    result = kpi("record", "1.1", "5", "--date", "2023-06-30")
    assert result.exit_code == 1
    assert sorted(p.name for p in progress.iterdir()) == [".kpi.lock", "2023-06.csv"]


def test_history_never_shows_infinity(small_plan: Path, kpi) -> None:
    assert kpi("record", "2.3", "1", "--date", "2023-02-01", "--force").exit_code == 0
    # a figure of 10^15 or more is refused now; the largest kept is the edge to test at
    assert kpi("record", "2.3", "9" * 308, "--date", "2023-02-02", "--force").exit_code == 1
    assert kpi("record", "2.3", "9" * 15, "--date", "2023-02-02", "--force").exit_code == 0
    text = kpi("history", "2.3", "--as-of", "2023-03-01", "--lang", "en")
    assert text.exit_code == 0
    assert "inf" not in text.stdout
    data = json.loads(kpi("history", "2.3", "--as-of", "2023-03-01", "--format", "json").stdout)
    assert data["projection"]["value"] == 332999999999999360  # a finite projection, not inf


def test_other_workspaces_entries_are_pruned_when_stale_or_too_many(small_plan: Path,
                                                                    tmp_path: Path) -> None:
    cache = tmp_path / "plan-cache"
    cache.mkdir()
    now = time.time()
    stale = cache / f"plan-{'e' * 16}-{'1' * 64}.json"
    stale.write_text("{}", encoding="utf-8")
    os.utime(stale, (now - plancache.STALE_SECONDS - 60,) * 2)
    recent = []
    for n in range(plancache.MAX_ENTRIES + 5):
        entry = cache / f"plan-{n:016x}-{'2' * 64}.json"
        entry.write_text("{}", encoding="utf-8")
        os.utime(entry, (now - 1000 + n,) * 2)
        recent.append(entry)
    assert load_plan(small_plan / "tasks.yaml", use_cache=True).plan is not None
    left = sorted(p.name for p in cache.iterdir())
    assert len(left) == plancache.MAX_ENTRIES
    assert not stale.exists()
    assert all(p.exists() for p in recent[-(plancache.MAX_ENTRIES - 1):])
    assert not recent[0].exists()
