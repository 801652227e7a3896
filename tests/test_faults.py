"""Faults while recording, through the commands themselves: a full disk at any byte, a failed
fsync, a crash that left an empty file, a lock whose holder died holding it, a holder that lets
go late, ``kpi record --from`` and ``kpi import`` killed at random instants. After each, every
acknowledged record is there, nothing half-written is, and ``kpi validate`` passes.

Already held: twenty ``kpi record`` at once, twenty ``--from`` files at once, a writer killed in
a loop, ``kpi record`` killed at random instants, writers racing to create a file
(test_concurrency.py); a full disk and a failed fsync at the function (test_ledger.py); a lock
held by a live process for ever (test_hostile_ledger.py).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

from linzi_kpi import ledger
from linzi_kpi.ledger import COLUMNS

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

KPI = [sys.executable, "-m", "linzi_kpi"]
HEADER = ",".join(COLUMNS) + "\n"


@pytest.fixture(autouse=True)
def _june(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")


def notes_in(text: str) -> Counter[str]:
    """How many rows of a ledger file carry each note."""
    return Counter(row["note"] for row in csv.DictReader(io.StringIO(text)))


def env_for(data_dir: Path) -> dict[str, str]:
    return dict(os.environ, KPI_DATA_DIR=str(data_dir), KPI_TODAY="2023-06-30",
                KPI_USER="tester", NO_COLOR="1")


def notes(kpi) -> list[str]:
    result = kpi("log", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [r["note"] for r in json.loads(result.stdout)]


def assert_valid(kpi) -> None:
    result = kpi("validate")
    assert (result.exit_code, result.stdout) == (
        0, "data/tasks.yaml and data/progress/: no problems found\n")


# ------------------------------------------------------------------ a full disk, at every byte


def full_disk_after(monkeypatch: pytest.MonkeyPatch, allowed: int, code: int = errno.ENOSPC):
    """os.write takes ``allowed`` bytes in all, then the disk is full."""
    real = os.write
    left = [allowed]

    def write(fd: int, data: bytes) -> int:
        if left[0] <= 0:
            raise OSError(code, os.strerror(code))
        taken = real(fd, bytes(data)[:left[0]])
        left[0] -= taken
        return taken

    monkeypatch.setattr(ledger.writing.os, "write", write)


def test_a_full_disk_at_any_byte_of_kpi_record(kpi, data_dir, monkeypatch):
    assert kpi("record", "23.1", "300", "--note", "before").exit_code == 0
    path = data_dir / "progress" / "2023-06.csv"
    before = path.read_bytes()
    line = len("23.1,600,个,2023-06-30,2023-06-30T00:00:00+00:00,tester,,during\n".encode())
    for allowed in range(0, line + 1, 3):
        with monkeypatch.context() as m:
            full_disk_after(m, allowed)
            result = kpi("record", "23.1", "600", "--note", "during")
        if result.exit_code == 0:  # the whole line fitted
            assert allowed >= line - 10
            path.write_bytes(before)
            continue
        assert (result.exit_code, result.stdout, result.stderr) == (
            1, "", "error: could not write progress/2023-06.csv: No space left on device; "
                   "nothing was recorded\n"), allowed
        assert path.read_bytes() == before, allowed
    assert notes(kpi) == ["before"]
    assert_valid(kpi)


def test_a_full_disk_in_the_middle_of_a_return_records_none_of_it(kpi, data_dir, tmp_path,
                                                                   monkeypatch):
    assert kpi("record", "23.1", "300", "--note", "before").exit_code == 0
    before = (data_dir / "progress" / "2023-06.csv").read_bytes()
    # 50 different figures (a return gives one figure per target and day, or is refused)
    rows = "".join(f"{'23.1' if i < 25 else '22.1'},{400 + i},2023-06-{i % 25 + 1:02d},row-{i}\n"
                   for i in range(50))
    (tmp_path / "june.csv").write_text("target,value,date,note\n" + rows, encoding="utf-8")
    for how in (("record", "--from", "june.csv"), ("import", "june.csv")):
        with monkeypatch.context() as m:
            full_disk_after(m, 1000)
            result = kpi(*how)
        assert result.exit_code == 1, how
        assert result.stderr.endswith("No space left on device; nothing was recorded\n")
        assert (data_dir / "progress" / "2023-06.csv").read_bytes() == before
    assert notes(kpi) == ["before"]
    assert kpi("record", "--from", "june.csv").exit_code == 0  # and with room, all of it
    assert sorted(notes(kpi)) == sorted(["before"] + [f"row-{i}" for i in range(50)])
    assert_valid(kpi)


def test_a_full_disk_on_a_new_month_leaves_no_file(kpi, data_dir, monkeypatch):
    assert kpi("record", "23.1", "300", "--date", "2023-05-31").exit_code == 0
    full_disk_after(monkeypatch, 20)
    result = kpi("record", "23.1", "600")
    assert result.exit_code == 1
    assert sorted(p.name for p in (data_dir / "progress").iterdir()) == [
        ".gitattributes", ".gitignore", ".kpi.lock", "2023-05.csv"]
    monkeypatch.undo()
    assert_valid(kpi)


@pytest.mark.parametrize(("code", "text"), [(errno.EIO, "Input/output error"),
                                            (errno.EDQUOT, "Disk quota exceeded"),
                                            (errno.EFBIG, "File too large")])
def test_other_write_failures_through_the_command(kpi, data_dir, monkeypatch, code, text):
    assert kpi("record", "23.1", "300").exit_code == 0
    before = (data_dir / "progress" / "2023-06.csv").read_bytes()
    full_disk_after(monkeypatch, 7, code)
    result = kpi("record", "23.1", "600")
    assert (result.exit_code, result.stderr) == (
        1, f"error: could not write progress/2023-06.csv: {text}; nothing was recorded\n")
    assert (data_dir / "progress" / "2023-06.csv").read_bytes() == before


def test_a_failed_fsync_through_the_command_takes_the_record_back(kpi, data_dir, monkeypatch):
    assert kpi("record", "23.1", "300").exit_code == 0
    before = (data_dir / "progress" / "2023-06.csv").read_bytes()

    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(ledger.writing.os, "fsync", fsync)
    result = kpi("record", "23.1", "600")
    assert (result.exit_code, result.stderr) == (
        1, "error: could not write progress/2023-06.csv: Input/output error; nothing was "
           "recorded\n")
    assert (data_dir / "progress" / "2023-06.csv").read_bytes() == before


def test_a_full_disk_for_the_plan_cache_is_not_an_error(kpi, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KPI_CACHE_DIR", str(tmp_path / "plan-cache"))  # a cold one of its own

    real = Path.write_bytes

    def full(self, data):  # the disk fills while the entry is written (through atomic.py)
        if self.name.startswith(".plan-"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    result = kpi("record", "23.1", "600")
    assert (result.exit_code, result.stderr) == (0, "")
    assert list((tmp_path / "plan-cache").iterdir()) == []  # no temporary file left


# ------------------------------------------------------------------ what a crash leaves


def test_an_empty_file_left_by_a_crash_gets_its_header(kpi, data_dir):
    # killed between creating the file and writing to it
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / "2023-06.csv").write_bytes(b"")
    assert kpi("record", "23.1", "600").exit_code == 0
    assert (progress / "2023-06.csv").read_text(encoding="utf-8").startswith(HEADER)
    assert_valid(kpi)


def test_a_lock_file_left_with_anything_in_it_is_only_a_lock(kpi, data_dir):
    progress = data_dir / "progress"
    progress.mkdir()
    (progress / ".kpi.lock").write_bytes(b"pid 12345\x00garbage")
    assert kpi("record", "23.1", "600").exit_code == 0
    assert_valid(kpi)


HOLDER = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
""")


@pytest.mark.slow
def test_a_lock_held_by_a_process_that_died_holding_it(data_dir):
    progress = data_dir / "progress"
    progress.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(progress / ".kpi.lock"), "600"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (progress / ".kpi.lock").exists()  # the file stays; the lock went with the process
    result = subprocess.run(KPI + ["record", "23.1", "600", "--note", "after"], text=True,
                            capture_output=True, env=env_for(data_dir), timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    check = subprocess.run(KPI + ["validate"], capture_output=True, text=True,
                           env=env_for(data_dir), timeout=60)
    assert check.returncode == 0, check.stdout


@pytest.mark.slow
def test_a_record_waits_for_a_holder_then_lands(data_dir):
    progress = data_dir / "progress"
    progress.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(progress / ".kpi.lock"), "2"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    began = time.monotonic()
    record = subprocess.run(KPI + ["record", "23.1", "600", "--note", "waited"], text=True,
                            capture_output=True, env=env_for(data_dir), timeout=60)
    holder.wait(timeout=60)
    assert (record.returncode, record.stderr) == (0, "")
    assert time.monotonic() - began > 1  # it did wait for the holder
    assert "waited" in (progress / "2023-06.csv").read_text(encoding="utf-8")


# ------------------------------------------------------------------ killed at random instants


@pytest.mark.slow
@pytest.mark.parametrize("how", ["record --from", "import"])
def test_a_return_killed_at_random_instants_is_all_there_or_absent(data_dir, tmp_path, how):
    env = env_for(data_dir)
    rng = random.Random(20230630)
    rows = 12

    def source(run: int) -> Path:
        path = tmp_path / f"run-{run}.csv"
        path.write_text("target,value,date,source,note\n" + "".join(
            # a figure a day: a return gives one figure per target and day; every run is the
            # same return sent again (one source), so a later run corrects an earlier one
            f"23.1,{run * 100 + i},2023-06-{i + 1:02d},weekly return,run-{run}\n"
            for i in range(rows)),
            encoding="utf-8")
        return path

    # How long a return takes here: the slowest of a few whole runs (a busy machine varies),
    # so that the kills below land before, during and after the write.
    spans = []
    for run in (100, 101, 102):
        began = time.monotonic()
        subprocess.run(KPI + how.split() + [str(source(run))], env=env, check=True,
                       capture_output=True)
        spans.append(time.monotonic() - began)
    span = max(spans)
    acknowledged = {100, 101, 102}
    for run in range(0, 26):
        proc = subprocess.Popen(KPI + how.split() + [str(source(run))], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
        try:
            proc.wait(timeout=rng.uniform(0.3, 2.0) * span)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        proc.communicate()
        if proc.returncode == 0:
            acknowledged.add(run)
        text = (data_dir / "progress" / "2023-06.csv").read_text(encoding="utf-8")
        notes = notes_in(text)
        counts = {r: notes[f"run-{r}"] for r in (100, 101, 102, *range(run + 1))}
        assert all(c in (0, rows) for c in counts.values()), counts  # a return is one write
        assert all(counts[r] == rows for r in acknowledged)
    assert 3 < len(acknowledged) < 29  # some were killed, some finished
    check = subprocess.run(KPI + ["validate"], capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stdout


@pytest.mark.slow
def test_writers_and_a_killer_at_once(data_dir):
    """Two writers through the same lock while a third is killed over and over: every line the
    two acknowledged is there once, and the file stays valid."""
    env = env_for(data_dir)
    rng = random.Random(7)
    writers = [subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import subprocess, sys
            for i in range(15):
                done = subprocess.run({KPI!r} + ["record", "23.1", str({w} * 1000 + i),
                                                 "--note", "w{w}-" + str(i)],
                                      capture_output=True)
                if done.returncode == 0:
                    print(i, flush=True)
        """)], stdout=subprocess.PIPE, text=True, env=env) for w in (1, 2)]
    killed = 0
    while any(w.poll() is None for w in writers):
        victim = subprocess.Popen(KPI + ["record", "23.1", "5", "--note", "victim"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.05, 0.4))
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        killed += 1
    notes = notes_in((data_dir / "progress" / "2023-06.csv").read_text(encoding="utf-8"))
    for w, proc in zip((1, 2), writers, strict=True):
        out, _ = proc.communicate()
        for i in out.split():
            assert notes[f"w{w}-{i}"] == 1
    assert killed > 0
    check = subprocess.run(KPI + ["validate"], capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stdout
