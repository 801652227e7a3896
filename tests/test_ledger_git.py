"""The ledger in git: two branches that record for the same month merge with no conflict (the
ledger folder's .gitattributes asks for a union merge, and kpi writes it with the folder); the
lock file is never committed; conflict markers left in a ledger are named as such and block
appends to that file. With the real git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _july(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(repo.parent), GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run([GIT or "git", *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=60)


def figures(kpi, *options: str) -> dict[str, object]:
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json", *options).stdout)
    return {t["id"]: t["actual"] for t in data["targets"] if t["actual"] is not None}


def test_kpi_writes_the_ledger_folders_git_files_with_the_folder(kpi, data_dir: Path) -> None:
    assert kpi("record", "23.1", "600", "--date", "2023-06-30").exit_code == 0
    progress = data_dir / "progress"
    assert (progress / ".gitattributes").read_text(encoding="utf-8") == (
        "# kpi: ledger files only gain lines; a merge keeps the lines of both sides\n"
        "*.csv merge=union\n")
    assert (progress / ".gitignore").read_text(encoding="utf-8") == (
        "# kpi: the lock file and the journal of a recording are local to each machine\n"
        ".kpi.lock\n.kpi-journal\n")


def test_a_git_file_a_person_wrote_is_never_replaced(kpi, data_dir: Path) -> None:
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / ".gitignore").write_text("*.bak\n", encoding="utf-8")
    assert kpi("record", "23.1", "600", "--date", "2023-06-30").exit_code == 0
    assert (progress / ".gitignore").read_text(encoding="utf-8") == "*.bak\n"
    assert (progress / ".gitattributes").is_file()


@needs_git
def test_two_branches_that_record_the_same_month_merge_with_both_figures(
        kpi, data_dir: Path, tmp_path: Path) -> None:
    repo = tmp_path
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "the plan").returncode == 0
    # each branch creates the month file (an add/add for git) and appends to it
    assert git(repo, "checkout", "-q", "-b", "fgj").returncode == 0
    assert kpi("record", "15.1", "4", "--date", "2023-06-30").exit_code == 0
    assert kpi("record", "15.1", "5", "--date", "2023-06-30", "--note", "更正").exit_code == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "区发改局 June").returncode == 0
    assert git(repo, "checkout", "-q", "main").returncode == 0
    assert kpi("record", "23.1", "600", "--date", "2023-06-30").exit_code == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "区交通运输局 June").returncode == 0

    merged = git(repo, "merge", "--no-edit", "fgj")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout
    lines = (data_dir / "progress" / "2023-06.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "target,value,unit,date,recorded_at,by,source,note,recording,withdraws,corrects"
    assert sorted(line.split(",")[0] + "=" + line.split(",")[1] for line in lines[1:]) == [
        "15.1=4", "15.1=5", "23.1=600"]
    assert figures(kpi) == {"15.1": 5, "23.1": 600}
    assert kpi("validate").exit_code == 0
    # the lock was never committed, and the merged file takes the next record
    tracked = git(repo, "ls-files", "data/progress").stdout.split()
    assert tracked == ["data/progress/.gitattributes", "data/progress/.gitignore",
                       "data/progress/2023-06.csv"]
    assert git(repo, "status", "--porcelain").stdout == ""
    assert kpi("record", "27.1", "60", "--date", "2023-06-30").exit_code == 0
    assert figures(kpi) == {"15.1": 5, "23.1": 600, "27.1": 60}


CONFLICTED = (
    "target,value,unit,date,recorded_at,by,source,note\n"
    "23.1,500,个,2023-05-31,2023-06-01T09:00:00+08:00,a,,\n"
    "<<<<<<< HEAD\n"
    "23.1,600,个,2023-06-30,2023-07-01T09:00:00+08:00,a,,\n"
    "=======\n"
    '15.1,4,个,2023-06-30,2023-07-01T10:00:00+08:00,b,,"a note, quoted"\n'
    ">>>>>>> fgj\n"
)


def test_conflict_markers_are_named_and_both_sides_still_count(kpi, data_dir: Path) -> None:
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "2023-06.csv").write_text(CONFLICTED, encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/progress/2023-06.csv:3:1: unresolved merge conflict\n"
        "  |\n"
        "3 | <<<<<<< HEAD\n"
        "  | ^\n"
        "  fix: keep both sides' lines and delete the markers (<<<<<<<, ======= and >>>>>>>); "
        "ledger files merge without conflicts where progress/.gitattributes says merge=union\n"
        "\n"
        "1 problem found\n")
    data = json.loads(kpi("validate", "--format", "json").stdout)
    assert [(p["line"], p["title"], p["message"]) for p in data["problems"]] == [
        (3, "merge conflict", "unresolved merge conflict")]
    # a ledger with a problem stops a report, naming the file and the fix ...
    result = kpi("status", "--as-of", "2023-06-30", "--format", "json")
    assert result.exit_code == 1
    assert [(p["line"], p["title"]) for p in json.loads(result.stdout)["problems"]] == [
        (3, "merge conflict")]
    assert result.stderr == (
        "error: data/progress/2023-06.csv:3: unresolved merge conflict (3 lines left out); fix: "
        "keep both sides' lines and delete the markers (<<<<<<<, ======= and >>>>>>>); ledger "
        "files merge without conflicts where progress/.gitattributes says merge=union\n"
        "error: 1 ledger file has problems, and their records would be left out of the report: "
        "fix them (`kpi validate` lists every one), or pass --allow-problems to report without "
        "them\n")
    # ... and with --allow-problems only the three marker lines are left out: both sides count
    result = kpi("status", "--as-of", "2023-06-30", "--format", "json", "--allow-problems")
    assert json.loads(result.stdout)["left_out"] == {"data/progress/2023-06.csv": 3}
    assert figures(kpi, "--allow-problems") == {"15.1": 4, "23.1": 600}


def test_conflict_markers_block_appends_to_that_file_only(kpi, data_dir: Path) -> None:
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "2023-06.csv").write_text(CONFLICTED, encoding="utf-8")
    for args in (("record", "27.1", "60", "--date", "2023-06-30"),
                 ("mark", "19", "进行中", "--date", "2023-06-30")):
        result = kpi(*args)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            "error: progress/2023-06.csv has an unresolved merge conflict at line 3: keep both "
            "sides' lines and delete the markers (<<<<<<<, ======= and >>>>>>>); nothing was "
            "recorded\n")
    assert (progress / "2023-06.csv").read_text(encoding="utf-8") == CONFLICTED
    # another month's file takes records as before
    assert kpi("record", "23.1", "650", "--date", "2023-07-10").exit_code == 0
    # resolved as git's union would: both sides kept, the markers deleted
    resolved = "".join(line + "\n" for line in CONFLICTED.splitlines()
                       if not line.startswith(("<<<<<<<", "=======", ">>>>>>>")))
    (progress / "2023-06.csv").write_text(resolved, encoding="utf-8")
    assert kpi("record", "27.1", "60", "--date", "2023-06-30").exit_code == 0
    assert kpi("validate").exit_code == 0


def test_a_stray_marker_is_a_conflict_too(kpi, data_dir: Path) -> None:
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "2023-06.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "23.1,600,个,2023-06-30,2023-07-01T09:00:00+08:00,a,,\n"
        ">>>>>>> theirs\n", encoding="utf-8")
    data = json.loads(kpi("validate", "--format", "json").stdout)
    assert [(p["line"], p["message"]) for p in data["problems"]] == [
        (3, "unresolved merge conflict")]
