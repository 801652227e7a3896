"""Recording ids and `kpi withdraw` (issue 19): every recording gets an id, kept in the ledger
and shown by `kpi log`; a withdrawal appends records (the ledger's bytes never change), and a
withdrawn figure counts nowhere until it is recorded again. The small plan of conftest."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ID = re.compile(r"recording ([0-9a-z]{10}) \(to take it back: kpi withdraw \1 --note WHY\)\n")
FIRST = "target,value,unit,date,recorded_at,by,source,note\n"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    # the recording's id is said to a person at a terminal: here, stderr stands for one
    monkeypatch.setattr("linzi_kpi.cli.record._on_terminal", lambda: True)


def recorded_id(result) -> str:
    assert result.exit_code == 0, result.stderr
    found = ID.search(result.stderr)
    assert found is not None, result.stderr
    return found.group(1)


def status(kpi) -> dict[str, object]:
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)
    return {t["id"]: (t["actual"], t["status"]) for t in data["targets"]}


def june(small_plan: Path) -> Path:
    return small_plan / "progress" / "2023-06.csv"


def test_each_recording_has_an_id_in_its_confirmation_the_ledger_and_the_log(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    one = recorded_id(kpi("record", "1.1", "600", "--date", "2023-06-30"))
    (tmp_path / "june.csv").write_text("target,value,date\n1.2,4,2023-06-30\n1.3,50,2023-06-30\n",
                                       encoding="utf-8")
    both = recorded_id(kpi("import", "june.csv"))
    assert one != both
    lines = june(small_plan).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "target,value,unit,date,recorded_at,by,source,note,recording,withdraws,corrects"
    assert [line.split(",")[8] for line in lines[1:]] == [one, both, both]
    rows = json.loads(kpi("log", "--format", "json").stdout)
    assert [(r["target"], r["recording"], r["withdrawn"]) for r in rows] == [
        ("1.1", one, None), ("1.2", both, None), ("1.3", both, None)]
    out = json.loads(kpi("record", "1.1", "610", "--date", "2023-06-30", "-f", "json").stdout)
    assert re.fullmatch("[0-9a-z]{10}", out["recording"])
    dry = json.loads(kpi("record", "1.1", "620", "--date", "2023-06-30", "--dry-run", "-f",
                         "json").stdout)
    assert dry["recording"] is None


def test_withdrawing_an_import_only_appends_and_restores_the_status_before_it(
        kpi, small_plan: Path, tmp_path: Path, monkeypatch) -> None:
    recorded_id(kpi("record", "1.1", "300", "--date", "2023-05-31"))
    before_import = status(kpi)
    (tmp_path / "june.csv").write_text("target,value,date\n1.1,600,2023-06-30\n1.3,50,2023-06-30\n",
                                       encoding="utf-8")
    batch = recorded_id(kpi("import", "june.csv"))
    assert status(kpi)["1.1"] == (600, "on_track")
    before = june(small_plan).read_bytes()
    result = kpi("withdraw", batch, "--note", "the May return, imported as June", "--by", "王五")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"withdrawn: 1.1 600 on 2023-06-30 (recording {batch})",
                         f"withdrawn: 1.3 50 on 2023-06-30 (recording {batch})"]
    assert re.fullmatch(r"wrote the withdrawal [0-9a-z]{10} in data/progress/2023-06\.csv", lines[2])
    after = june(small_plan).read_bytes()
    assert after.startswith(before) and len(after) > len(before)  # the file only grew
    assert status(kpi) == before_import
    rows = json.loads(kpi("log", "--format", "json").stdout)
    gone = [(r["target"], r["withdrawn"]["by"], r["withdrawn"]["note"]) for r in rows
            if r["withdrawn"]]
    assert gone == [("1.1", "王五", "the May return, imported as June"),
                    ("1.3", "王五", "the May return, imported as June")]
    # the history and the report leave the withdrawn figures out too
    history = json.loads(kpi("history", "1.1", "--as-of", "2023-06-30", "-f", "json").stdout)
    assert [f["value"] for f in history["figures"]] == [300]
    assert [(f["value"], f["recording"], f["withdrawn"]["note"]) for f in history["withdrawn"]] == [
        (600, batch, "the May return, imported as June")]
    monkeypatch.setenv("COLUMNS", "160")
    table = kpi("history", "1.1", "--as-of", "2023-06-30", "--lang", "en").stdout
    assert re.search(r"^✗ 2023-06-30 600 个 \[withdrawn by 王五 \d{4}-\d\d-\d\d \d\d:\d\d "
                     r"[0-9a-z]{10}: the May return, imported as June\]$", table, re.M), table


def test_withdrawing_one_figure_by_target_and_date(kpi, small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    kept = recorded_id(kpi("record", "1.2", "4", "--date", "2023-06-30"))
    recorded_id(kpi("record", "1.1", "600", "--date", "2023-06-30"))
    before = june(small_plan).read_bytes()
    result = kpi("withdraw", "1.1", "--date", "2023-06-30", "--note", "数据来源有误")
    assert result.exit_code == 0, result.stderr
    assert june(small_plan).read_bytes().startswith(before)
    figures = status(kpi)
    assert figures["1.1"] == (None, "no_data")
    assert figures["1.2"][0] == 4
    log = kpi("log", "1.1")
    assert re.search(r"^2023-06-30\s+1\.1\s+✗ 600 个\s+tester\s.*\[withdrawn by tester "
                     r"\d{4}-\d\d-\d\d \d\d:\d\d [0-9a-z]{10}: 数据来源有误\]", log.stdout, re.M)
    assert [r["recording"] for r in json.loads(kpi("log", "1.2", "-f", "json").stdout)] == [kept]


def test_withdrawing_twice_is_an_error_and_recording_again_restores(
        kpi, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text("target,value,date\n1.1,600,2023-06-30\n", encoding="utf-8")
    batch = recorded_id(kpi("import", "june.csv"))
    assert kpi("withdraw", batch, "--note", "wrong month").exit_code == 0
    before = june(small_plan).read_bytes()
    again = kpi("withdraw", batch, "--note", "again")
    assert again.exit_code == 1
    assert again.stderr.startswith(
        f"error: recording {batch} is withdrawn already: 1.1 600 on 2023-06-30 was withdrawn "
        "by tester at ")
    assert re.fullmatch(
        f"error: recording {batch} is withdrawn already: 1.1 600 on 2023-06-30 was withdrawn by "
        r"tester at \d{4}-\d\d-\d\d \d\d:\d\d \(wrong month\); record the figure again to "
        r"restore it\n", again.stderr)  # (the time to the minute, as kpi log shows it)
    by_day = kpi("withdraw", "1.1", "--date", "2023-06-30", "--note", "again")
    assert by_day.exit_code == 1
    assert "error: 1.1 on 2023-06-30 is withdrawn already" in by_day.stderr
    assert june(small_plan).read_bytes() == before  # nothing written
    # the same return imported again is not "already recorded": the figure counts again
    restored = kpi("import", "june.csv")
    assert restored.exit_code == 0, restored.stderr
    assert status(kpi)["1.1"][0] == 600


def test_what_is_not_in_the_ledger_cannot_be_withdrawn(kpi, small_plan: Path) -> None:
    recorded_id(kpi("record", "1.1", "600", "--date", "2023-06-30"))
    missing = kpi("withdraw", "kzzzzzzzzz", "--note", "x")
    assert (missing.exit_code, missing.stderr) == (1, (
        "error: no recording kzzzzzzzzz in the ledger (`kpi log` shows the recording of each "
        "figure)\n"))
    # a target or a task without --date: what it is, and what to add
    for key in ("1.1", "3"):
        bare = kpi("withdraw", key, "--note", "x")
        assert (bare.exit_code, bare.stderr) == (1, (
            f"error: {key} is a target or a task, not a recording id: add --date YYYY-MM-DD to "
            f"withdraw its figures of that day (`kpi log {key}` lists them)\n"))
    no_day = kpi("withdraw", "1.1", "--date", "2023-05-31", "--note", "x")
    assert (no_day.exit_code, no_day.stderr) == (1, (
        "error: no figure of 1.1 on 2023-05-31 in the ledger (`kpi log 1.1` lists its "
        "figures)\n"))
    why = kpi("withdraw", "1.1", "--date", "2023-06-30", "--note", " ")
    assert (why.exit_code, why.stderr) == (1, (
        "error: say why with --note: the withdrawal keeps it, and `kpi log` shows it\n"))


def test_a_withdrawn_baseline_is_no_baseline(kpi, small_plan: Path) -> None:
    base = recorded_id(kpi("record", "2.1", "150", "--date", "2022-12-31"))
    recorded_id(kpi("record", "2.1", "165", "--date", "2023-06-30"))
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "-f", "json").stdout)
    assert next(t for t in data["targets"] if t["id"] == "2.1")["baseline"] == 150
    assert kpi("withdraw", base, "--note", "not the 2022 year-end figure").exit_code == 0
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "-f", "json").stdout)
    assert next(t for t in data["targets"] if t["id"] == "2.1")["baseline"] is None


def ledger_without_ids(small_plan: Path) -> bytes:
    """June's two figures as a ledger wrote them before recordings had ids."""
    (small_plan / "progress").mkdir()
    old = (FIRST + "1.1,500,个,2023-06-30,2023-07-01T09:00:00+08:00,a,,\n"
           "1.2,3,个,2023-06-30,2023-07-01T09:00:00+08:00,a,,\n").encode()
    june(small_plan).write_bytes(old)
    return old


def test_a_ledger_without_ids_reads_takes_appends_and_withdrawals(kpi, small_plan: Path) -> None:
    old = ledger_without_ids(small_plan)
    assert status(kpi)["1.1"][0] == 500
    recorded_id(kpi("record", "1.3", "40", "--date", "2023-06-30"))
    result = kpi("withdraw", "1.1", "--date", "2023-06-30", "--note", "typo")
    assert result.exit_code == 0
    # a figure without an id is said without one (not "(recording -)")
    assert result.stdout.splitlines()[0] == "withdrawn: 1.1 500 on 2023-06-30"
    text = june(small_plan).read_bytes()
    assert text.startswith(old)
    assert re.fullmatch(r"1\.1,,,2023-06-30,[^,]+,tester,,typo,[0-9a-z]{10},-",
                        text.decode().splitlines()[-1])  # withdraws "-": a figure without an id
    assert {k: v[0] for k, v in status(kpi).items() if v[0] is not None} == {"1.2": 3, "1.3": 40}
    assert kpi("validate").exit_code == 0


def test_a_withdrawal_counts_wherever_it_lies_in_the_ledger(kpi, small_plan: Path) -> None:
    # a merge may put a withdrawal in a file read before the figure it withdraws
    progress = small_plan / "progress"
    progress.mkdir()
    (progress / "a.csv").write_text(
        FIRST.rstrip() + ",recording,withdraws\n"
        "1.1,,,2023-06-30,2023-07-02T09:00:00+08:00,b,,wrong,kwwwwwwwww,kfffffffff\n",
        encoding="utf-8")
    (progress / "b.csv").write_text(
        FIRST.rstrip() + ",recording\n"
        "1.1,600,个,2023-06-30,2023-07-01T09:00:00+08:00,a,,,kfffffffff\n"
        "1.1,550,个,2023-05-31,2023-06-01T09:00:00+08:00,a,,,khhhhhhhhh\n", encoding="utf-8")
    assert status(kpi)["1.1"][0] == 550
    assert kpi("validate").exit_code == 0


GIT = shutil.which("git")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(repo.parent), GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run([GIT or "git", *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_a_withdrawal_merges_in_git_like_any_record(kpi, small_plan: Path, tmp_path: Path) -> None:
    repo = tmp_path
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    figure = recorded_id(kpi("record", "1.1", "600", "--date", "2023-06-30"))
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "June").returncode == 0
    assert git(repo, "checkout", "-q", "-b", "fix").returncode == 0
    assert kpi("withdraw", figure, "--note", "wrong").exit_code == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "withdrawn").returncode == 0
    assert git(repo, "checkout", "-q", "main").returncode == 0
    recorded_id(kpi("record", "1.2", "4", "--date", "2023-06-30"))
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "more").returncode == 0
    merged = git(repo, "merge", "--no-edit", "fix")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    figures = status(kpi)
    assert (figures["1.1"][0], figures["1.2"][0]) == (None, 4)
    assert kpi("validate").exit_code == 0


def test_an_empty_recording_id_withdraws_nothing(kpi, small_plan: Path) -> None:
    # figures recorded before recording ids have none: "" must not name them all
    old = ledger_without_ids(small_plan)
    for blank in ("", "  "):
        empty = kpi("withdraw", blank, "--note", "x")
        assert (empty.exit_code, empty.stdout, empty.stderr) == (1, "", (
            "error: give the recording id to withdraw (`kpi log` shows the recording of each "
            "figure), or a target or a task with --date YYYY-MM-DD\n"))
    assert june(small_plan).read_bytes() == old
    assert status(kpi)["1.1"][0] == 500


def test_a_recording_id_is_ten_characters_of_its_alphabet_a_letter_first_none_favoured() -> None:
    from collections import Counter

    from linzi_kpi.recording import ID_ALPHABET, new_recording_id

    ids = [new_recording_id() for _ in range(4000)]
    assert all(len(i) == 10 and set(i) <= set(ID_ALPHABET) and i[0] in ID_ALPHABET[10:]
               for i in ids)
    assert len(set(ids)) == len(ids)
    firsts, rest = Counter(i[0] for i in ids), Counter(c for i in ids for c in i[1:])
    assert set(firsts) == set(ID_ALPHABET[10:]) and set(rest) == set(ID_ALPHABET)
    # each first letter ~182 times, each later character ~1,125: none far from its share
    assert max(firsts.values()) < 2 * min(firsts.values())
    assert max(rest.values()) < 1.3 * min(rest.values())
