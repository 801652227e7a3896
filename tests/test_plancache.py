"""The plan cache is keyed by content: an edited plan is never served from it."""

from __future__ import annotations

import json
from pathlib import Path

from linzi_kpi import plancache
from linzi_kpi.load import load_plan


def _cached_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "plan-cache").glob("plan-*.json"))


def test_a_validated_plan_is_cached_and_read_back_equal(data_dir, tmp_path):
    first = load_plan(data_dir / "tasks.yaml", use_cache=True)
    assert first.problems == []
    assert len(_cached_files(tmp_path)) == 1
    second = load_plan(data_dir / "tasks.yaml", use_cache=True)
    assert second.plan == first.plan


def test_an_edited_plan_misses_the_cache(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    assert load_plan(path, use_cache=True).plan.tasks[22].targets[0].target == 1200
    path.write_text(path.read_text(encoding="utf-8").replace("target: 1200", "target: 1300"),
                    encoding="utf-8")
    assert load_plan(path, use_cache=True).plan.tasks[22].targets[0].target == 1300
    assert len(_cached_files(tmp_path)) == 2


def test_an_invalid_plan_is_never_cached(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("target: 1200", 'target: "1200"'),
                    encoding="utf-8")
    result = load_plan(path, use_cache=True)
    assert result.plan is None
    assert _cached_files(tmp_path) == []


def test_a_damaged_cache_entry_is_ignored(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    load_plan(path, use_cache=True)
    (entry,) = _cached_files(tmp_path)
    entry.write_text("{not json", encoding="utf-8")
    assert load_plan(path, use_cache=True).plan.tasks[22].targets[0].id == "23.1"
    assert json.loads(entry.read_text(encoding="utf-8"))["plan"]["document_number"] == "临政办字〔2023〕21号"


def test_an_empty_cache_setting_turns_the_cache_off(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KPI_CACHE_DIR", "")
    assert plancache.directory() is None
    assert load_plan(data_dir / "tasks.yaml", use_cache=True).plan is not None
    assert not (tmp_path / "plan-cache").exists()


def test_the_key_changes_with_the_bytes():
    assert plancache.key(b"plan: 1") != plancache.key(b"plan: 2")
    assert plancache.key(b"plan: 1") == plancache.key(b"plan: 1")
