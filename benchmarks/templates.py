"""Benchmark ``kpi template --each-dept``: every department's workbook in one run.

    python benchmarks/templates.py            # 5 runs; prints the median and the goal

Goal (issue 12): every department's template (about sixty workbooks) in under 3 s on the
project's machine (2 cores, shared). Runs as a whole process, with the illustrative sample
ledger so that the 上次数值 columns are filled, each run into an empty folder under
benchmarks/work/ (not committed). Not a test: the suite carries no timing assertions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work" / "templates"
GOAL = 3.0  # seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "KPI_TODAY": "2024-01-05", "KPI_DATA_DIR": str(ROOT / "examples" / "sample")}
    env.pop("CI", None)
    times = []
    count = 0
    for i in range(args.runs + 1):  # the first run warms the plan cache and is not counted
        shutil.rmtree(WORK, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linzi_kpi", "template", "--each-dept", str(WORK),
                        "--month", "2023-12"], env=env, check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        count = len(list(WORK.glob("*.xlsx")))
        if i:
            times.append(elapsed)
    median = statistics.median(times)
    verdict = "met" if median < GOAL else "NOT met"
    print(f"kpi template --each-dept: {count} workbooks, median {median:.2f} s of {args.runs} runs "
          f"({', '.join(f'{t:.2f}' for t in times)}); goal < {GOAL:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
