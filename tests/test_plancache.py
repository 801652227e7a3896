"""The plan cache is keyed by content: an edited plan is never served from it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from conftest import shipped
from linzi_kpi import plancache
from linzi_kpi.load import load_plan
from linzi_kpi.model import Plan, Target

#: The figure and quote of 23.1 as the shipped plan has them (M: a figure its quote does not hold).
N = shipped("23.1")["target"]
Q = shipped("23.1")["quote"]
M = N + 100


def piles(plan: Plan) -> Target:
    """23.1 (新增充电桩), found by its id."""
    return next(target for _, target in plan.targets() if target.id == "23.1")


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
    assert piles(load_plan(path, use_cache=True).plan).label == "新增充电桩"
    # (an edit that keeps the plan valid: 1300 would fail the quote check, and is not cached)
    path.write_text(path.read_text(encoding="utf-8").replace("label: 新增充电桩",
                                                             "label: 新增各类充电桩"),
                    encoding="utf-8")
    assert piles(load_plan(path, use_cache=True).plan).label == "新增各类充电桩"
    assert len(_cached_files(tmp_path)) == 2


def test_a_plan_that_fails_a_check_is_not_used_nor_cached(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"target: {N}", f"target: {M}"),
                    encoding="utf-8")
    result = load_plan(path, use_cache=True)
    assert result.plan is None
    assert result.checked is not None and piles(result.checked).target == M
    assert [p.message for p in result.problems] == [
        f"the number {M} does not appear in the quote '{Q}'"]
    assert _cached_files(tmp_path) == []


def test_an_edited_source_document_misses_the_cache(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    assert load_plan(path, use_cache=True).problems == []
    source = data_dir / "source" / "linzi-2023-key-tasks.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(Q, Q.replace(str(N), str(M))),
                      encoding="utf-8")
    result = load_plan(path, use_cache=True)  # the cached plan's quotes are checked again
    assert result.plan is None
    assert [p.message for p in result.problems] == [
        "the text of task 23 is not in the source document"]


def test_an_invalid_plan_is_never_cached(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"target: {N}", f'target: "{N}"'),
                    encoding="utf-8")
    result = load_plan(path, use_cache=True)
    assert result.plan is None
    assert _cached_files(tmp_path) == []


def test_a_damaged_cache_entry_is_ignored(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    load_plan(path, use_cache=True)
    (entry,) = _cached_files(tmp_path)
    entry.write_text("{not json", encoding="utf-8")
    assert piles(load_plan(path, use_cache=True).plan).id == "23.1"
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


def test_an_edit_to_any_module_of_the_package_changes_the_key(tmp_path, monkeypatch):
    # before: the key hashed a hand-kept list of eight modules; an edit to any other module the
    # load runs (errors.py, dates.py, counting.py …) served plans checked by the old code
    copy = tmp_path / "linzi_kpi"
    shutil.copytree(plancache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    modules = sorted(copy.rglob("*.py"))
    assert {m.relative_to(copy).as_posix() for m in modules} >= {
        "load.py", "schema.py", "model.py", "checks.py", "errors.py", "dates.py",
        "plancache.py", "ledger/rules.py", "files/returns.py"}
    original = plancache.code_digest(copy)
    digests = set()
    for module in modules:
        text = module.read_bytes()
        module.write_bytes(text + b"\n")
        plancache.code_digest.cache_clear()
        digests.add(plancache.code_digest(copy))
        module.write_bytes(text)
    assert len(digests) == len(modules) and original not in digests
    (copy / "ledger" / "new.py").write_text("", encoding="utf-8")  # a module added
    plancache.code_digest.cache_clear()
    added = plancache.code_digest(copy)
    (copy / "ledger" / "new.py").rename(copy / "ledger" / "newer.py")  # and renamed
    plancache.code_digest.cache_clear()
    assert len({original, added, plancache.code_digest(copy)}) == 3
    plancache.code_digest.cache_clear()
    before = plancache.key(b"plan: 1")
    monkeypatch.setattr(plancache, "code_digest", lambda: "edited")
    assert plancache.key(b"plan: 1") != before


# ------------------------------------------------------------------ issue 11: proof and pruning


def test_a_tampered_entry_is_a_miss_and_is_written_afresh(data_dir, tmp_path):
    # before: an entry edited to say 9999 was believed by every command but validate
    path = data_dir / "tasks.yaml"
    load_plan(path, use_cache=True)
    (entry,) = _cached_files(tmp_path)
    good = entry.read_text(encoding="utf-8")
    assert good.startswith('{"digest": "')
    assert f'"target": {N}' in good
    entry.write_text(good.replace(f'"target": {N}', '"target": 9999', 1), encoding="utf-8")
    assert json.loads(entry.read_text(encoding="utf-8"))["plan"]["plan"]["document_number"]
    assert piles(load_plan(path, use_cache=True).plan).target == N
    assert entry.read_text(encoding="utf-8") == good  # replaced by the plan's own


def test_an_entry_copied_under_another_plan_s_name_is_a_miss(data_dir, tmp_path):
    path = data_dir / "tasks.yaml"
    load_plan(path, use_cache=True)
    (first,) = _cached_files(tmp_path)
    original = path.read_bytes()
    # (an edit every check still passes: a number would no longer match its quote)
    path.write_bytes(original.replace("label: 新增充电桩\n".encode(), "label: 新增充电桩桩\n".encode()))
    edited = plancache.entry_path(tmp_path / "plan-cache", path.read_bytes(), path)
    edited.write_bytes(first.read_bytes())  # a valid entry, of the other plan
    assert piles(load_plan(path, use_cache=True).plan).label == "新增充电桩桩"


def test_each_workspace_keeps_its_newest_entries(data_dir, tmp_path):
    # before: one more file per plan edit, never removed
    cache = tmp_path / "plan-cache"
    cache.mkdir()
    older = cache / f"plan-{'0' * 64}.json"  # the layout before workspaces
    older.write_text("{}", encoding="utf-8")
    other = cache / f"plan-{'f' * 16}-{'1' * 64}.json"  # another workspace's
    other.write_text("{}", encoding="utf-8")
    path = data_dir / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(10):
        path.write_text(text.replace("label: 新增充电桩\n", f"label: 新增充电桩{n}\n"),
                        encoding="utf-8")
        assert piles(load_plan(path, use_cache=True).plan).label == f"新增充电桩{n}"
        os.utime(plancache.entry_path(cache, path.read_bytes(), path), (n, n))  # in order
    mine = [p for p in _cached_files(tmp_path) if p != other]
    assert len(mine) == plancache.KEEP
    assert plancache.entry_path(cache, path.read_bytes(), path) in mine  # the newest stays
    assert other.exists() and not older.exists()
