"""What the ledger decides is decided under the lock of the append it decides: processes that
withdraw one recording at once, or import one return at once, leave one withdrawal, one
recording; the others say what one process says on its own when it comes second.

These start real processes, so they are slow: run them with ``pytest -m slow``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linzi_kpi.dates import minute
from linzi_kpi.ledger import RecordChecker, scan
from linzi_kpi.load import load_plan

pytestmark = pytest.mark.slow

KPI = [sys.executable, "-m", "linzi_kpi"]
TODAY = dt.date(2023, 7, 5)
#: Processes started at once, and how many times over (the race, unguarded, lost most rounds).
RACERS = 4
ROUNDS = 5


def env_for(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(KPI_DATA_DIR=str(data_dir), KPI_TODAY=TODAY.isoformat(), KPI_USER="tester",
               KPI_LANG="en", NO_COLOR="1")
    return env


def race(args: list[str], data_dir: Path) -> list[tuple[int, str, str]]:
    """``kpi ARGS`` started RACERS times at once: each one's exit code, stdout and stderr."""
    procs = [subprocess.Popen(KPI + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env_for(data_dir), cwd=data_dir.parent)
             for _ in range(RACERS)]
    return [(p.wait(timeout=120), *p.communicate()) for p in procs]


def ledger(data_dir: Path):
    plan = load_plan(data_dir / "tasks.yaml").plan
    assert plan is not None
    return scan(data_dir / "progress", RecordChecker(plan, TODAY), keep=True)


def test_one_recording_withdrawn_at_once_by_many_is_withdrawn_once(small_plan: Path) -> None:
    for round_ in range(ROUNDS):
        figure = str(600 + round_)
        made = subprocess.run(KPI + ["record", "1.1", figure, "--date", "2023-06-30",
                                     "--format", "json"], capture_output=True, text=True,
                              env=env_for(small_plan), check=True)
        recording = json.loads(made.stdout)["recording"]
        results = race(["withdraw", recording, "--note", "wrong"], small_plan)
        found = ledger(small_plan)
        withdrawals = [w for r, w in found.withdrawn if r.recording == recording]
        assert len(withdrawals) == 1, results
        lines = (small_plan / "progress" / "2023-06.csv").read_text(encoding="utf-8")
        assert lines.count(f",{recording}") == 2  # the figure and its one withdrawal
        w = withdrawals[0]
        assert sorted(code for code, _, _ in results) == [0] + [1] * (RACERS - 1), results
        for code, out, err in results:
            if code == 0:
                assert out == (f"withdrawn: 1.1 {figure} on 2023-06-30 (recording {recording})\n"
                               f"wrote the withdrawal {w.recording} in "
                               "data/progress/2023-06.csv\n")
                assert err == ""
            else:
                assert out == ""
                assert err == (f"error: recording {recording} is withdrawn already: 1.1 {figure} "
                               f"on 2023-06-30 was withdrawn by tester at "
                               f"{minute(w.recorded_at)} (wrong); record the figure again "
                               "to restore it\n")


def test_one_return_imported_at_once_by_many_is_recorded_once(small_plan: Path,
                                                              tmp_path: Path) -> None:
    for round_ in range(ROUNDS):
        figure = 700 + round_
        ret = tmp_path / f"return-{round_}.csv"
        ret.write_text(f"target,value,date\n1.1,{figure},2023-06-30\n", encoding="utf-8")
        results = race(["import", str(ret)], small_plan)
        found = [r for r in ledger(small_plan).records if r.value == figure]
        assert len(found) == 1, results
        day = found[0].recorded_at.date()
        assert [code for code, _, _ in results] == [0] * RACERS, results
        outs = sorted(out.splitlines()[-1] for _, out, _ in results)
        assert outs == ["nothing recorded: 1 row already recorded on "
                        f"{day} from return-{round_}.csv"] * (RACERS - 1) + [
                            "recorded 1 in data/progress/2023-06.csv"], results
        assert all(err == "" for _, _, err in results), results
