"""All or nothing under any kill (issue 21, item 1): a recording killed at any instant — SIGKILL,
which nothing can hold back, or SIGTERM and SIGHUP, which are held back like Ctrl-C — leaves
every ledger file with none of it or all of it, and the next command of any kind finds the
ledger clean, undoing what the killed run left through the rollback journal and saying so in
one line."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linzi_kpi.ledger import JOURNAL_NAME, journal

KPI = [sys.executable, "-m", "linzi_kpi"]
#: The note every row of the large return carries: long, so that its write takes a while.
MARK = "kill-test-" + "长" * 600
UNDONE = ("kpi: an interrupted recording was undone; nothing of it is left in "
          "data/progress/2023-12.csv\n")


def env_for(data_dir: Path) -> dict[str, str]:
    return dict(os.environ, KPI_DATA_DIR=str(data_dir), KPI_TODAY="2024-03-01",
                KPI_USER="tester", NO_COLOR="1", KPI_LANG="en", KPI_CACHE_DIR="")


def big_return(path: Path) -> int:
    """A return of a figure a day for three increment targets from 2023-01-01 to 2023-12-31,
    each with a long note (about 2 MB in all); returns its number of rows."""
    lines = ["target,value,date,note\n"]
    day = 0
    first = 738521  # 2023-01-01 as a proleptic ordinal
    while (date := dt.date.fromordinal(first + day)) <= dt.date(2023, 12, 31):
        for target in ("1.1", "1.3", "1.4"):
            lines.append(f"{target},{day % 9 + 1},{date.isoformat()},{MARK}\n")
        day += 1
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines) - 1


def rows_of_batch(path: Path) -> int:
    if not path.exists():
        return 0
    return path.read_bytes().count(MARK.encode("utf-8"))


@pytest.fixture
def base(small_plan: Path, tmp_path: Path) -> tuple[Path, Path, bytes]:
    """The small plan with one record in progress/2023-12.csv (the file the return lands in),
    a copy of its progress folder to restore before each kill, and that file's bytes."""
    # a target the return leaves alone: a figure of 1.1 that day would disagree with the
    # return's (two sources, a validate problem since issue 19), not what this test is about
    done = subprocess.run(KPI + ["record", "1.2", "3", "--date", "2023-12-31"],
                          env=env_for(small_plan), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    saved = tmp_path / "saved-progress"
    shutil.copytree(small_plan / "progress", saved)
    return small_plan, saved, (small_plan / "progress" / "2023-12.csv").read_bytes()


def _restore(data_dir: Path, saved: Path) -> None:
    shutil.rmtree(data_dir / "progress")
    shutil.copytree(saved, data_dir / "progress")


def _kill_at(proc: subprocess.Popen[bytes], journal_path: Path, rng: random.Random,
             span: float, how: signal.Signals, early: bool = False) -> None:
    """Kill ``proc`` at a random instant: half the time anywhere in its life, half the time
    within the append itself (once the journal appears), where a kill can cut a write; or,
    ``early``, at once, long before it writes (so that a busy machine, where every run takes
    longer than the span measured, still sees a run killed before it wrote)."""
    if early:
        time.sleep(0.01)
        proc.send_signal(how)
        return
    if rng.random() < 0.5:
        try:
            proc.wait(timeout=rng.uniform(0.0, 1.1) * span)
        except subprocess.TimeoutExpired:
            proc.send_signal(how)
        return
    deadline = time.monotonic() + 10 * span
    while not journal_path.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0002)
    time.sleep(rng.uniform(0.0, 0.03))
    if proc.poll() is None:
        proc.send_signal(how)


@pytest.mark.slow
@pytest.mark.parametrize(("how", "kills"), [(signal.SIGKILL, 110), (signal.SIGTERM, 50),
                                            (signal.SIGHUP, 40)],
                         ids=["SIGKILL", "SIGTERM", "SIGHUP"])
def test_a_large_import_killed_at_random_instants_is_all_there_or_absent(
        base: tuple[Path, Path, bytes], tmp_path: Path, kpi, monkeypatch: pytest.MonkeyPatch,
        how: signal.Signals, kills: int) -> None:
    data_dir, saved, before = base
    monkeypatch.setenv("KPI_LANG", "en")
    monkeypatch.setenv("KPI_TODAY", "2024-03-01")
    env = env_for(data_dir)
    ret = tmp_path / "big.csv"
    rows = big_return(ret)
    ledger = data_dir / "progress" / "2023-12.csv"
    journal_path = data_dir / "progress" / JOURNAL_NAME
    rng = random.Random(f"kill-{how.name}")

    began = time.monotonic()
    whole = subprocess.run(KPI + ["import", str(ret)], env=env, capture_output=True, timeout=300)
    span = time.monotonic() - began
    assert whole.returncode == 0, whole.stderr
    assert rows_of_batch(ledger) == rows

    outcomes = {"all": 0, "none": 0, "undone": 0}
    for kill in range(kills):
        _restore(data_dir, saved)
        proc = subprocess.Popen(KPI + ["import", str(ret)], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        _kill_at(proc, journal_path, rng, span, how, early=kill == 0)
        out, err = proc.communicate(timeout=300)
        assert b"Traceback" not in err, err.decode()
        if how is not signal.SIGKILL:  # held back like Ctrl-C: the run itself is all or none
            assert proc.returncode in (0, 130, -how), (proc.returncode, err.decode())
            if proc.returncode == 130:
                assert err.decode().endswith("error: interrupted\n")
            assert not journal_path.exists() or proc.returncode == -how
        landed = rows_of_batch(ledger)
        left_journal = journal_path.exists()
        # before the next command: either the whole return, or the ledger as it was plus
        # perhaps part of the return that the journal will undo
        assert ledger.read_bytes().startswith(before)
        if proc.returncode == 0:
            assert landed == rows and not left_journal
        status = kpi("status", "--format", "json", "--as-of", "2023-12-31")
        assert status.exit_code == 0, status.stderr
        json.loads(status.stdout)
        after = rows_of_batch(ledger)
        assert after in (0, rows), after
        assert not journal_path.exists()
        if after == 0:
            assert ledger.read_bytes() == before
            outcomes["none"] += 1
        else:
            outcomes["all"] += 1
        if left_journal and landed:
            assert status.stderr == UNDONE
            outcomes["undone"] += 1
        else:
            assert "undone" not in status.stderr
        assert kpi("validate").exit_code == 0
    # the kills landed before, during and after the append
    assert outcomes["all"] > 0 and outcomes["none"] > 0, outcomes
    if how is signal.SIGKILL:
        assert outcomes["undone"] > 0, outcomes


def test_recovery_cuts_a_grown_file_back_and_says_so_once(
        small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a SIGKILL between the journal and its removal leaves, made by hand: the next
    command of any kind (here `kpi targets`, which reads no ledger) undoes it, once."""
    monkeypatch.setenv("KPI_LANG", "en")
    assert kpi("record", "1.1", "5", "--date", "2023-06-30").exit_code == 0
    progress = small_plan / "progress"
    ledger = progress / "2023-06.csv"
    before = ledger.read_bytes()
    created = progress / "2023-07.csv"
    created.write_bytes(b"")
    journal.begin(progress, [_entry(ledger, len(before)), _entry(created, -1)])
    with ledger.open("ab") as handle:
        handle.write(b"1.1,7,\xe4\xb8")  # a line cut in the middle of a character
    created.write_bytes(b"target,value,unit,date,recor")
    result = kpi("targets")
    assert result.exit_code == 0
    assert result.stderr == ("kpi: an interrupted recording was undone; nothing of it is left in "
                             "data/progress/2023-06.csv, data/progress/2023-07.csv\n")
    assert ledger.read_bytes() == before
    assert not (progress / "2023-07.csv").exists()
    assert not (progress / JOURNAL_NAME).exists()
    again = kpi("status")
    assert again.exit_code == 0 and "undone" not in again.stderr


def _entry(path: Path, size: int) -> journal.Entry:
    info = path.stat()
    return journal.Entry(path.name, size, info.st_dev, info.st_ino)


def test_a_journal_carried_to_another_copy_of_the_folder_cuts_nothing(
        small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal committed by mistake and checked out elsewhere names files of the same name
    that are not the ones it was written for (another inode): they are left whole."""
    monkeypatch.setenv("KPI_LANG", "en")
    assert kpi("record", "1.1", "5", "--date", "2023-06-30").exit_code == 0
    progress = small_plan / "progress"
    ledger = progress / "2023-06.csv"
    journal.begin(progress, [_entry(ledger, 0)])
    text = ledger.read_bytes()
    copy = progress / "copy.tmp"
    copy.write_bytes(text)  # the same name and bytes, another file (a checkout, a clone)
    copy.replace(ledger)
    result = kpi("status", "--as-of", "2023-06-30")  # (without it, a note: the period ended)
    assert (result.exit_code, result.stderr) == (0, "")
    assert ledger.read_bytes() == text
    assert not (progress / JOURNAL_NAME).exists()


def test_a_journal_cut_short_means_nothing_was_appended(small_plan: Path, kpi,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A kill while the journal itself was being written: no append had begun, so the files
    are left as they are and the journal goes, silently."""
    monkeypatch.setenv("KPI_LANG", "en")
    assert kpi("record", "1.1", "5", "--date", "2023-06-30").exit_code == 0
    progress = small_plan / "progress"
    before = (progress / "2023-06.csv").read_bytes()
    (progress / JOURNAL_NAME).write_bytes(b'{"kpi-journal": 1, "files": [["2023-06.csv", 1')
    result = kpi("status", "--as-of", "2023-06-30")  # (without it, a note: the period ended)
    assert (result.exit_code, result.stderr) == (0, "")
    assert (progress / "2023-06.csv").read_bytes() == before
    assert not (progress / JOURNAL_NAME).exists()


def test_a_journal_never_leads_outside_the_progress_folder(small_plan: Path, kpi,
                                                           tmp_path: Path) -> None:
    """A journal planted to name a file elsewhere (or a link) cuts nothing outside progress/."""
    assert kpi("record", "1.1", "5", "--date", "2023-06-30").exit_code == 0
    progress = small_plan / "progress"
    victim = tmp_path / "victim.csv"
    victim.write_text("precious\n", encoding="utf-8")
    (progress / "link.csv").symlink_to(victim)
    (progress / JOURNAL_NAME).write_text(json.dumps({"kpi-journal": 1, "files": [
        ["../../victim.csv", 0], [str(victim), -1], ["link.csv", 0]]}), encoding="utf-8")
    assert kpi("log").exit_code == 0
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (progress / JOURNAL_NAME).exists()


def test_a_record_after_an_interrupted_one_undoes_it_first(small_plan: Path, kpi,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The next append finds the journal under the lock and undoes it before it writes."""
    monkeypatch.setenv("KPI_LANG", "en")
    assert kpi("record", "1.1", "5", "--date", "2023-06-30").exit_code == 0
    progress = small_plan / "progress"
    ledger = progress / "2023-06.csv"
    before = ledger.read_bytes()
    journal.begin(progress, [_entry(ledger, len(before))])
    with ledger.open("ab") as handle:
        handle.write(b"1.1,999,")
    from linzi_kpi import ledger as ledger_mod
    from linzi_kpi.model import Record

    record = Record(target="1.1", value=6.0, state=None, unit="个", date=dt.date(2023, 6, 30),
                    recorded_at=dt.datetime(2023, 7, 1, 9, 0), by="tester", source="", note="")
    ledger_mod.append(progress, "2023-06.csv", [record])
    assert ledger.read_bytes() == before + ledger_mod.encode([record]).encode("utf-8")
    assert not (progress / JOURNAL_NAME).exists()


def test_sigterm_and_sighup_are_held_back_like_ctrl_c() -> None:
    from linzi_kpi.recording import HELD_SIGNALS, Interrupts

    assert set(HELD_SIGNALS) == {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    for number in HELD_SIGNALS:
        with Interrupts() as interrupts:
            os.kill(os.getpid(), number)
            assert interrupts.held
            with pytest.raises(KeyboardInterrupt):
                interrupts.check()
        assert signal.getsignal(number) is not interrupts._hold
