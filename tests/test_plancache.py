"""The plan cache is keyed by content: an edited plan is never served from it."""

from __future__ import annotations

import hashlib
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
    assert load_plan(path, use_cache=True).plan.tasks[22].targets[0].label == "新增充电桩"
    # (an edit that keeps the plan valid: 1300 would fail the quote check, and is not cached)
    path.write_text(path.read_text(encoding="utf-8").replace("label: 新增充电桩",
                                                             "label: 新增各类充电桩"),
                    encoding="utf-8")
    assert load_plan(path, use_cache=True).plan.tasks[22].targets[0].label == "新增各类充电桩"
    assert len(_cached_files(tmp_path)) == 2


def test_a_plan_that_fails_a_check_is_not_used_nor_cached(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("target: 1200", "target: 1300"),
                    encoding="utf-8")
    result = load_plan(path, use_cache=True)
    assert result.plan is None
    assert result.checked is not None and result.checked.tasks[22].targets[0].target == 1300
    assert [p.message for p in result.problems] == [
        "the number 1300 does not appear in the quote '新增各类充电桩1200个'"]
    assert _cached_files(tmp_path) == []


def test_an_edited_source_document_misses_the_cache(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    assert load_plan(path, use_cache=True).problems == []
    source = data_dir / "source" / "linzi-2023-key-tasks.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("新增各类充电桩1200个",
                                                                 "新增各类充电桩1300个"),
                      encoding="utf-8")
    result = load_plan(path, use_cache=True)  # the cached plan's quotes are checked again
    assert result.plan is None
    assert [p.message for p in result.problems] == [
        "the text of task 23 is not in the source document"]


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
    stored = json.loads(entry.read_text(encoding="utf-8"))
    assert stored["plan"]["plan"]["document_number"] == "临政办字〔2023〕21号"
    source = data_dir / "source" / "linzi-2023-key-tasks.txt"
    assert stored["source"] == hashlib.sha256(source.read_bytes()).hexdigest()


def test_an_empty_cache_setting_turns_the_cache_off(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KPI_CACHE_DIR", "")
    assert plancache.directory() is None
    assert load_plan(data_dir / "tasks.yaml", use_cache=True).plan is not None
    assert not (tmp_path / "plan-cache").exists()


def test_the_key_changes_with_the_bytes():
    assert plancache.key(b"plan: 1") != plancache.key(b"plan: 2")
    assert plancache.key(b"plan: 1") == plancache.key(b"plan: 1")
