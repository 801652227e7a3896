"""kpi init DIR (a new workspace that validates, with the ledger's git settings; a folder that is
not empty refused) and kpi --version."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from linzi_kpi.ledger import git_files


def test_version(kpi) -> None:
    result = kpi("--version")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"kpi {importlib.metadata.version('linzi_kpi')}\n"


def test_init_makes_a_workspace_that_validates(kpi, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    result = kpi("init", "临淄区2024")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "wrote a new kpi workspace in 临淄区2024:\n"
        "  .gitignore\n"
        "  README.md\n"
        "  data/progress/.gitattributes\n"
        "  data/progress/.gitignore\n"
        "  data/source/plan.txt\n"
        "  data/tasks.schema.json\n"
        "  data/tasks.yaml\n"
        "next: draft the plan from its document, kpi init FOLDER --from DOCUMENT (or kpi draft "
        "DOCUMENT --out FOLDER) into a new folder; or put its text in "
        "临淄区2024/data/source/plan.txt, replace the placeholders （…） in "
        "临淄区2024/data/tasks.yaml, and run kpi validate in 临淄区2024\n")
    root = tmp_path / "临淄区2024"
    for name, text in git_files().items():
        assert (root / "data" / "progress" / name).read_text(encoding="utf-8") == text
    assert ".kpi.lock" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert (root / "README.md").read_text(encoding="utf-8").startswith("# 临淄区2024\n")
    plan = (root / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert "  period_start: 2024-01-01\n  period_end: 2024-12-31\n" in plan  # KPI_TODAY's year
    assert plan.endswith("sections: []       # - {number: 1, title: （部分标题）}\ntasks: []\n")
    assert (root / "data" / "tasks.schema.json").read_text(encoding="utf-8") == kpi("schema").stdout
    monkeypatch.chdir(root)
    # the stub validates but for its placeholders, which are for a person to fill in
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    assert [(p["path"], p["title"]) for p in json.loads(result.stdout)["problems"]] == [
        ("plan.title", "placeholder"), ("plan.issuer", "placeholder"),
        ("plan.document_number", "placeholder")]


def test_init_takes_an_empty_folder_and_refuses_any_other(kpi, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert kpi("init", "empty").exit_code == 0
    assert (tmp_path / "empty" / "data" / "tasks.yaml").is_file()
    result = kpi("init", "empty")
    assert (result.exit_code, result.stderr) == (
        1, "error: empty is not empty (it holds .gitignore, README.md, data); kpi init makes a "
           "workspace in a new or empty folder\n")
    (tmp_path / "plan.txt").write_text("x", encoding="utf-8")
    result = kpi("init", "plan.txt")
    assert (result.exit_code, result.stderr) == (
        1, "error: plan.txt exists and is not a folder; name a new or empty folder\n")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "notes.md").write_text("mine", encoding="utf-8")
    result = kpi("init", "one")
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["notes.md"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".kpi-init-")]


def test_a_folder_that_cannot_be_written_is_one_line_and_leaves_nothing(
        kpi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import linzi_kpi.scaffold as scaffold

    def refused(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as m:  # as a read-only folder does (root could write into it)
        m.setattr(scaffold.tempfile, "mkdtemp", refused)
        result = kpi("init", "ws")
    assert (result.exit_code, result.stderr) == (1, "error: cannot create ws: Permission denied\n")
    with monkeypatch.context() as m:  # the last step fails: nothing half made is left
        m.setattr(scaffold.os, "replace", refused)
        result = kpi("init", "ws")
    assert (result.exit_code, result.stderr) == (1, "error: cannot create ws: Permission denied\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "plan-cache") == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_fresh_workspace_in_git_never_commits_the_lock(kpi, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert kpi("init", "ws").exit_code == 0
    root = tmp_path / "ws"
    (root / "data" / "progress" / ".kpi.lock").write_text("{}", encoding="utf-8")
    env = dict(os.environ, HOME=str(tmp_path), GIT_CONFIG_NOSYSTEM="1")
    for args in (("init", "-q"), ("add", "-A")):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    listed = subprocess.run(["git", "ls-files"], cwd=root, env=env, check=True,
                            capture_output=True, text=True).stdout.split()
    assert ".kpi.lock" not in " ".join(listed)
    attrs = subprocess.run(["git", "check-attr", "merge", "data/progress/2024-06.csv"], cwd=root,
                           env=env, check=True, capture_output=True, text=True).stdout
    assert attrs == "data/progress/2024-06.csv: merge: union\n"
