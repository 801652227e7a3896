"""Benchmark `kpi draft` on large and crafted documents: time and peak memory grow linearly.

    python benchmarks/draft_large.py

Each document is generated (illustrative: every figure made up) under benchmarks/work/ and
drafted as a whole process; the wall time and the peak resident memory are printed and written
to benchmarks/draft_large.md:

* a plan document of about 1 MB: sections of numbered tasks, each a few sentences of targets;
* the "cubic" document: ``1、任务`` then ``1个`` a thousand times, 4 KB (it took 65 s before
  the clause and sentence ends were found once per task);
* 20 KB of ``新增1个`` with no punctuation (every quote was the whole task: a 40 MB plan);
* each crafted one again, doubled, and a plan document of half the size: the growth per
  doubling. (A plan document much over 1 MB makes a plan of more than the 200,000 values a plan
  file may hold, and is refused saying so.)
* crafted documents up to the 16 MB cap, refused (by the bounds of ``draft/bounds.py``) or
  drafted: 新增充电桩1200个 ×400,000 on one line (it took 73 s and 2.8 GB before it was
  refused), tasks of 49,000 characters each of figures without units, of targets, of commas,
  400,000 short lines, 199,000 lines of 一、 headings, a review of past work and review headings
  (``crafted.py``, the shapes ``tests/test_bounds.py`` holds to their bounds too).

Goal: the 1 MB document drafts in seconds and well under 300 MB; every document up to the cap
is drafted or refused in seconds and under 300 MB.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crafted import SHAPES, plan_document  # noqa: E402
from run import KPI, TODAY, WORK  # noqa: E402


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time, peak resident memory in MB and exit code of one process (a refusal, exit 1,
    is a result here)."""
    import subprocess
    import time

    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"benchmark command failed ({code}): {' '.join(argv)}")
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return elapsed, peak, code


def main() -> None:
    work = WORK / "draft"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    env = dict(os.environ, KPI_TODAY=TODAY, KPI_CACHE_DIR="", NO_COLOR="1")
    # each text built when its turn comes (a child's peak counts what this script holds)
    docs: dict[str, Callable[[], str]] = {
        "plan document, 1 MB": lambda: plan_document(1 << 20),
        "plan document, 512 KB": lambda: plan_document(1 << 19),
        "cubic: 1、任务 then 1个 ×1,000 (4 KB)": lambda: "1、任务\n" + "1个" * 1000 + "\n",
        "cubic: 1、任务 then 1个 ×2,000 (8 KB)": lambda: "1、任务\n" + "1个" * 2000 + "\n",
        "新增1个 ×4,000, no punctuation (20 KB)": lambda: "1、任务" + "新增1个" * 4000 + "\n",
        "新增1个 ×8,000, no punctuation (40 KB)": lambda: "1、任务" + "新增1个" * 8000 + "\n",
    }
    docs.update(dict(SHAPES.values()))
    rows = []
    for i, (name, text) in enumerate(docs.items()):
        doc = work / f"doc{i}.txt"
        doc.write_text(text(), encoding="utf-8")
        out = work / f"out{i}"
        elapsed, peak, code = run(KPI + ["draft", str(doc), "--out", str(out)], env)
        plan = (out / "data" / "tasks.yaml").stat().st_size if code == 0 else None
        rows.append((name, doc.stat().st_size, elapsed, peak, plan))
        print(f"  {name:<44} {elapsed:6.2f} s {peak:7.1f} MB  "
              + (f"plan {plan / 1e6:6.2f} MB" if plan is not None else "refused"), flush=True)
    lines = ["# `kpi draft` on large and crafted documents", "",
             f"Run on {dt.date.today()} by `python benchmarks/draft_large.py` — "
             f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}. "
             "One whole process per document; wall time and peak resident memory (a child's "
             "peak counts what it shared with this script before it started kpi: about 80 MB "
             "is the floor here).", "",
             "| document | bytes | time | peak memory | tasks.yaml |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for name, size, elapsed, peak, plan in rows:
        shown = f"{plan:,} bytes" if plan is not None else "refused"
        lines.append(f"| {name} | {size:,} | {elapsed:.2f} s | {peak:.0f} MB | {shown} |")
    big = rows[0]
    slowest = max(r[2] for r in rows)
    largest = max(r[3] for r in rows)
    lines += ["", f"Goal: the 1 MB document in seconds and under 300 MB: {big[2]:.1f} s, "
              f"{big[3]:.0f} MB ({'met' if big[2] < 10 and big[3] < 300 else '**not met**'}).",
              f"Every document, up to the 16 MB cap, in seconds and under 300 MB: at most "
              f"{slowest:.1f} s and {largest:.0f} MB "
              f"({'met' if slowest < 10 and largest < 300 else '**not met**'}).", ""]
    (Path(__file__).resolve().parent / "draft_large.md").write_text("\n".join(lines),
                                                                    encoding="utf-8")
    print("wrote benchmarks/draft_large.md")


if __name__ == "__main__":
    main()
