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
  and 199,000 lines of 一、 headings.

Goal: the 1 MB document drafts in seconds and well under 300 MB; every document up to the cap
is drafted or refused in seconds and under 300 MB.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import KPI, TODAY, WORK  # noqa: E402

SENTENCES = ["新增各类充电桩{n}个,实施重点项目{k}个左右。",
             "坚持统筹推进,强化要素保障,完善工作机制,加强督促检查,确保各项工作落地见效。",
             "到2025年,全面完成各项改造提升任务,群众满意度持续提高。",
             "健全协调联动机制,压实各方责任,形成工作合力,推动高质量发展取得新成效。"]


def plan_document(size: int) -> str:
    parts = ["示例区人民政府办公室", "示例区2023年重点工作任务(基准测试用示例)", ""]
    n = 0
    section = 0
    while sum(len(p.encode("utf-8")) + 1 for p in parts) < size:
        section += 1
        parts.append(f"{_chinese(section)}、示例方面{section}")
        for _ in range(100):
            n += 1
            body = "".join(s.format(n=100 + n % 900, k=1 + n % 9) for s in SENTENCES)
            parts.append(f"{n}.示例任务{n}。{body}(牵头部门:区发改局,责任部门:区交通运输局)")
        parts.append("")
    return "\n".join(parts) + "\n"


def at_the_cap(unit: str, head: str = "任务") -> str:
    """Numbered tasks of just under 50,000 characters each (the longest a paragraph may be), up
    to the 16 MB cap."""
    body = unit * ((49_000 - len(head)) // len(unit))
    out, size, n = [], 0, 0
    while size < (16 << 20) - 200_000:
        n += 1
        out.append(f"{n}、{head}{body}\n")
        size += len(out[-1].encode())
    return "".join(out)


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


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def main() -> None:
    work = WORK / "draft"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    env = dict(os.environ, KPI_TODAY=TODAY, KPI_CACHE_DIR="", NO_COLOR="1")
    docs = {
        "plan document, 1 MB": plan_document(1 << 20),
        "plan document, 512 KB": plan_document(1 << 19),
        "cubic: 1、任务 then 1个 ×1,000 (4 KB)": "1、任务\n" + "1个" * 1000 + "\n",
        "cubic: 1、任务 then 1个 ×2,000 (8 KB)": "1、任务\n" + "1个" * 2000 + "\n",
        "新增1个 ×4,000, no punctuation (20 KB)": "1、任务" + "新增1个" * 4000 + "\n",
        "新增1个 ×8,000, no punctuation (40 KB)": "1、任务" + "新增1个" * 8000 + "\n",
        "新增充电桩1200个 ×400,000, one line (8.8 MB)": "新增充电桩1200个" * 400_000,
        "tasks of 2023年 ×9,800 (16 MB)": at_the_cap("2023年"),
        "tasks of 新增充电桩1200个 ×4,900 (16 MB)": at_the_cap("新增充电桩1200个"),
        "tasks of ， ×49,000 (16 MB)": at_the_cap("，", "任务新增1个"),
        "一、示例 ×199,000 lines (2.6 MB)": "一、示例\n" * 199_000,
    }
    rows = []
    for i, (name, text) in enumerate(docs.items()):
        doc = work / f"doc{i}.txt"
        doc.write_text(text, encoding="utf-8")
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
