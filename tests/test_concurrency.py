"""Never lost: concurrent `kpi record` processes, and processes killed while recording.

These start real processes, so they are slow: run them with ``pytest -m slow``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from linzi_kpi.ledger import COLUMNS, RecordChecker, encode, recover, scan
from linzi_kpi.load import load_plan

pytestmark = pytest.mark.slow

KPI = [sys.executable, "-m", "linzi_kpi"]
HEADER = ",".join(COLUMNS)


def env_for(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(KPI_DATA_DIR=str(data_dir), KPI_TODAY="2023-06-30", KPI_USER="tester",
               NO_COLOR="1")
    return env


def read_ledger(data_dir: Path, today: dt.date = dt.date(2023, 6, 30)):
    plan = load_plan(data_dir / "tasks.yaml", use_cache=True).plan
    assert plan is not None
    return scan(data_dir / "progress", RecordChecker(plan, today), keep=True)


def validate(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(KPI + ["validate"], capture_output=True, text=True,
                          env=env_for(data_dir))


def test_twenty_concurrent_records_all_land(data_dir: Path) -> None:
    env = env_for(data_dir)
    procs = [subprocess.Popen(KPI + ["record", "23.1", str(100 + i), "--note", f"proc-{i}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for i in range(20)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results]
    for i, (_, out, _) in enumerate(results):
        assert out == f"23.1 新增充电桩 {100 + i}/1200 个 {(100 + i) / 1200 * 100:.1f}% off track\n"
    text = (data_dir / "progress" / "2023-06.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == HEADER and lines.count(HEADER) == 1
    assert len(lines) == 21 and text.endswith("\n")
    found = read_ledger(data_dir)
    assert found.problems == []
    assert sorted(r.note for r in found.records) == sorted(f"proc-{i}" for i in range(20))
    assert sorted(r.value for r in found.records) == [100.0 + i for i in range(20)]
    check = validate(data_dir)
    assert check.returncode == 0, check.stdout


def test_twenty_concurrent_bulk_records_stay_whole(data_dir: Path, tmp_path: Path) -> None:
    """A --from file is one write: its rows are never interleaved with another process's."""
    env = env_for(data_dir)
    files = []
    for i in range(20):
        path = tmp_path / f"in-{i}.csv"
        path.write_text("target,value,date,note\n" + "".join(
            # a figure a day: a return gives one figure per target and day
            f"23.1,{i * 10 + j},2023-06-{j + 1:02d},p{i}\n" for j in range(10)), encoding="utf-8")
        files.append(path)
    procs = [subprocess.Popen(KPI + ["record", "--from", str(f)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=env) for f in files]
    assert [p.wait(timeout=120) for p in procs] == [0] * 20
    notes = [r.note for r in read_ledger(data_dir).records]
    assert len(notes) == 200
    runs = [notes[k] for k in range(0, 200, 10)]
    assert sorted(runs) == sorted(f"p{i}" for i in range(20))
    assert all(notes[k:k + 10] == [notes[k]] * 10 for k in range(0, 200, 10))


WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from pathlib import Path
    from linzi_kpi.ledger import append
    from linzi_kpi.model import Record

    progress, start = Path(sys.argv[1]), int(sys.argv[2])
    at = dt.datetime(2023, 7, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    print("ready", flush=True)
    i = start
    while True:
        records = [Record("23.1", float(i), None, dt.date(2023, 6, 30), at, note=f"n{i}-{k}",
                          unit="个") for k in range(1 + i % 3)]
        append(progress, "2023-06.csv", records)
        print(i, flush=True)  # acknowledged: append returned
        i += 1
""")


def test_sigkill_while_appending_loses_no_acknowledged_record(data_dir: Path,
                                                              tmp_path: Path) -> None:
    """A writer appends in a loop and is killed at a random instant, many times over."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    progress = data_dir / "progress"
    rng = random.Random(20230630)
    acknowledged: set[int] = set()
    start = 0
    for _ in range(25):
        proc = subprocess.Popen([sys.executable, str(script), str(progress), str(start)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        # (an append makes five fsyncs with its rollback journal: some 15 ms on this disk)
        time.sleep(rng.uniform(0.0, 0.2))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        done = [int(n) for n in out.split()]
        acknowledged.update(done)
        start = (max(done) if done else start) + 1000  # no number is used twice
        found = read_ledger(data_dir)
        assert found.problems == [], found.problems[0]
        present = {int(r.value) for r in found.records}
        assert acknowledged <= present
        # every record of an append is there, or none: a call is one write
        for value in present:
            notes = {r.note for r in found.records if int(r.value) == value}
            assert notes == {f"n{value}-{k}" for k in range(1 + value % 3)}
    assert len(acknowledged) > 25  # the writer really ran between the kills
    recover(progress)  # what the last kill left between its append and its commit
    raw = (progress / "2023-06.csv").read_bytes()
    # exactly the header and the lines of the records read, in order: nothing cut, nothing more
    assert raw.decode("utf-8") == HEADER + "\n" + encode(read_ledger(data_dir).records)
    check = validate(data_dir)
    assert check.returncode == 0, check.stdout


def test_sigkill_of_kpi_record_at_random_instants(data_dir: Path) -> None:
    """The command itself, killed anywhere from start-up to exit: acknowledged records stay."""
    env = env_for(data_dir)
    rng = random.Random(1200)
    acknowledged: list[int] = []
    # how long one record takes here, so that kills land across the whole run
    began = time.monotonic()
    subprocess.run(KPI + ["record", "23.1", "1", "--note", "warm-up"], env=env, check=True,
                   capture_output=True)
    span = time.monotonic() - began
    for i in range(2, 32):
        proc = subprocess.Popen(KPI + ["record", "23.1", str(i), "--note", f"kill-{i}"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            proc.wait(timeout=rng.uniform(0.3, 1.2) * span)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        if proc.returncode == 0:
            assert out.startswith(f"23.1 新增充电桩 {i}/1200 个")
            acknowledged.append(i)
        found = read_ledger(data_dir)
        assert found.problems == []
        values = [int(r.value) for r in found.records]
        assert set(acknowledged) <= set(values)
        assert len(values) == len(set(values))  # nothing written twice
    check = validate(data_dir)
    assert check.returncode == 0, check.stdout


STARTER = textwrap.dedent("""
    import datetime as dt, sys
    from pathlib import Path
    from linzi_kpi.ledger import append
    from linzi_kpi.model import Record

    progress, me, rounds = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    at = dt.datetime(2023, 7, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    print("ready", flush=True)
    for n in range(rounds):
        sys.stdin.readline()  # every writer waits here, then all go at once
        append(progress, f"round-{n}.csv",
               [Record("23.1", float(me), None, dt.date(2023, 6, 30), at, note=f"w{me}", unit="个")])
        print("done", flush=True)
""")


def test_writers_racing_to_create_a_file_write_one_header(data_dir: Path, tmp_path: Path) -> None:
    """The header goes on a new file under the lock: writers released together never double it."""
    script = tmp_path / "starter.py"
    script.write_text(STARTER, encoding="utf-8")
    progress = data_dir / "progress"
    rounds = 10
    procs = [subprocess.Popen([sys.executable, str(script), str(progress), str(i), str(rounds)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for i in range(20)]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline() == "ready\n"
    for _ in range(rounds):
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in procs:
            assert p.stdout is not None and p.stdout.readline() == "done\n"
    for p in procs:
        p.communicate(timeout=60)
        assert p.returncode == 0
    for n in range(rounds):
        lines = (progress / f"round-{n}.csv").read_text(encoding="utf-8").splitlines()
        assert lines[0] == HEADER and lines.count(HEADER) == 1, f"round-{n}.csv"
        assert sorted(line.split(",")[7] for line in lines[1:]) == sorted(f"w{i}" for i in range(20))
    assert read_ledger(data_dir).problems == []
