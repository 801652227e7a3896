"""Benchmark kpi as whole processes: start-up, large ledgers, peak memory.

    python benchmarks/run.py            # every size, writes benchmarks/results.md
    python benchmarks/run.py --quick    # up to 100,000 records, fewer runs

Each command runs several times as a separate process; the median wall time and the peak
resident memory are reported, side by side with the "floor": the time Python takes merely to
import the libraries kpi is built on. Ratios to the floor hold across machines where absolute
times drift. Workspaces are generated under benchmarks/work/ (not committed); every figure in
them is synthetic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
KPI = [sys.executable, "-m", "linzi_kpi"]
FLOOR = [sys.executable, "-c", "import typer, pydantic, yaml, rich.console, rich.table"]
TODAY = "2024-03-01"
HEADER = "target,value,unit,date,recorded_at,by,source,note\n"


@dataclass
class Measure:
    name: str
    median: float
    runs: list[float]
    peak_mb: float
    floor: float  # the median of the floor runs taken between this command's runs


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    # stderr to a file, not a pipe: a command that writes more than a pipe holds would wait
    # for a reader that only reads after it has ended
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        # 1 only from `validate` (it may find something wrong in a synthetic ledger); from
        # anything else, as from a floor that cannot import, it is a failure, not a time
        if proc.returncode not in ((0, 1) if "validate" in argv else (0,)):
            err.seek(0)
            raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(argv)}\n"
                             + err.read().decode(errors="replace"))
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return elapsed, peak


def measure(name: str, argv: list[str], env: dict[str, str], runs: int,
            before: list[str] | None = None) -> Measure:
    """Median of ``runs`` runs, each paired with a run of the floor just before it, so that a
    machine that slows down or speeds up during the benchmark moves both alike."""
    run_once(argv, env)  # warm the file cache and the plan cache
    times, peaks, floors = [], [], []
    for _ in range(runs):
        if before:
            subprocess.run(before, check=True)
        floors.append(run_once(FLOOR, env)[0])
        t, p = run_once(argv, env)
        times.append(t)
        peaks.append(p)
    m = Measure(name, statistics.median(times), times, max(peaks), statistics.median(floors))
    print(f"  {name:<48} {m.median * 1000:8.1f} ms  {m.median / m.floor:5.2f}×  "
          f"{m.peak_mb:7.1f} MB", flush=True)
    return m


def measure_pair(names: tuple[str, str], argvs: tuple[list[str], list[str]],
                 env: dict[str, str], runs: int) -> tuple[Measure, Measure]:
    """Two commands run alternately, each first in every other pair (A B, B A, …), for a
    comparison that neither drift nor the order of a pair can tilt."""
    for argv in argvs:
        run_once(argv, env)
    samples: tuple[list[float], list[float]] = ([], [])
    peaks: tuple[list[float], list[float]] = ([], [])
    for n in range(runs):
        for i in ((0, 1) if n % 2 == 0 else (1, 0)):
            t, p = run_once(argvs[i], env)
            samples[i].append(t)
            peaks[i].append(p)
    out = tuple(Measure(names[i], statistics.median(samples[i]), samples[i], max(peaks[i]),
                        float("nan")) for i in (0, 1))
    for m in out:
        print(f"  {m.name:<48} {m.median * 1000:8.1f} ms  {m.peak_mb:7.1f} MB", flush=True)
    return out  # type: ignore[return-value]


# ------------------------------------------------------------------ workspaces


def shipped_year(folder: Path) -> Path:
    """The shipped plan with a year of synthetic monthly figures for every target."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "tasks.yaml", folder / "tasks.yaml")
    shutil.copytree(ROOT / "data" / "source", folder / "source")
    sys.path.insert(0, str(ROOT / "src"))
    from linzi_kpi.load import load_plan

    plan = load_plan(folder / "tasks.yaml").plan
    assert plan is not None
    rng = random.Random(2023)
    lines = [HEADER]
    for month in range(1, 13):
        day = (dt.date(2023, month % 12 + 1, 1) - dt.timedelta(days=1)) if month < 12 else dt.date(2023, 12, 31)
        for _, target in plan.targets():
            value = round(target.target * month / 12 * rng.uniform(0.6, 1.2), 1)
            lines.append(f"{target.id},{value},{target.unit},{day},{day + dt.timedelta(days=3)}"
                         f"T09:00:00+08:00,bench,synthetic,\n")
    (folder / "progress").mkdir()
    (folder / "progress" / "2023.csv").write_text("".join(lines), encoding="utf-8")
    return folder


def synthetic_plan(folder: Path, tasks: int = 300, per_task: int = 5) -> list[str]:
    """A plan of ``tasks × per_task`` targets with its own source document; returns target ids."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "source").mkdir(parents=True)
    paragraphs, yaml_tasks, ids = [], [], []
    for n in range(1, tasks + 1):
        phrases = [f"新增第{n}类设施{k}号{100 + k}个" for k in range(1, per_task + 1)]
        text = f"{n}.合成任务{n}。" + ",".join(phrases) + "。(责任部门:区发改局)"
        paragraphs.append(text)
        targets = []
        for k, phrase in enumerate(phrases, start=1):
            ids.append(f"{n}.{k}")
            targets.append(f'      - {{id: "{n}.{k}", label: 设施{k}, quote: "{phrase}", '
                           f"target: {100 + k}, unit: 个, comparator: at_least, kind: increment}}")
        yaml_tasks.append(f"  - number: {n}\n    section: 1\n    title: 合成任务{n}\n"
                          f'    text: "{text}"\n    responsible: [区发改局]\n    targets:\n'
                          + "\n".join(targets))
    (folder / "source" / "synthetic.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (folder / "tasks.yaml").write_text(
        "plan:\n  title: 合成计划\n  issuer: 基准测试\n  document_number: 无\n  issued: 2023-01-01\n"
        "  period_start: 2023-01-01\n  period_end: 2023-12-31\n  source: source/synthetic.txt\n"
        "units: [个]\ndepartments:\n  - name: 区发改局\nsections:\n  - {number: 1, title: 合成}\n"
        "tasks:\n" + "\n".join(yaml_tasks) + "\n", encoding="utf-8")
    (folder / "progress").mkdir()
    return ids


def fill_ledger(folder: Path, ids: list[str], records: int) -> None:
    """A ledger of exactly ``records`` records: every other file of the folder (the figures
    that the runs of kpi record and kpi record --from before left) goes."""
    for old in (folder / "progress").glob("*.csv"):
        old.unlink()
    rng = random.Random(records)
    start = dt.date(2023, 1, 1)
    with open(folder / "progress" / "big.csv", "w", encoding="utf-8") as out:
        out.write(HEADER)
        chunk = []
        for i in range(records):
            day = start + dt.timedelta(days=rng.randrange(365))
            chunk.append(f"{ids[i % len(ids)]},{rng.randrange(150)},个,{day},"
                         f"{day}T18:00:00+08:00,bench,synthetic,\n")
            if len(chunk) == 10_000:
                out.write("".join(chunk))
                chunk = []
        out.write("".join(chunk))


def bulk_file(path: Path, ids: list[str], rows: int) -> None:
    rng = random.Random(7)
    lines = ["target,value,date\n"]
    start = dt.date(2023, 1, 1)
    for i in range(rows):  # one figure per target and day: a return says one thing per day
        day = start + dt.timedelta(days=i // len(ids))
        lines.append(f"{ids[i % len(ids)]},{rng.randrange(150)},{day}\n")
    path.write_text("".join(lines), encoding="utf-8")


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip 1,000,000 records; 3 runs")
    parser.add_argument("--runs", type=int, default=None, help="runs per command (default 7, quick 3)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    WORK.mkdir(exist_ok=True)
    # Bytecode is cached as it is on any installed copy; PYTHONDONTWRITEBYTECODE would make every
    # run compile every module, and measure the compiler instead of kpi.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    env = dict(os.environ, KPI_TODAY=TODAY, KPI_USER="bench", KPI_CACHE_DIR=str(WORK / "cache"),
               NO_COLOR="1", COLUMNS="100", PYTHONPATH=str(ROOT / "src"))
    results: dict[str, Measure] = {}

    def m(name: str, argv: list[str], n: int = runs, before: list[str] | None = None) -> None:
        results[name] = measure(name, argv, env, n, before)

    print("floor and start-up")
    m("floor: import typer, pydantic, yaml, rich", FLOOR)
    m("kpi --help", KPI + ["--help"])
    shipped = shipped_year(WORK / "shipped")
    d = ["--data-dir", str(shipped)]
    print("shipped plan, a year of monthly figures (1,080 records)")
    m("shipped: kpi status", KPI + ["status"] + d)
    m("shipped: kpi status --format json", KPI + ["status", "--format", "json"] + d)
    m("shipped: kpi validate", KPI + ["validate"] + d)
    m("shipped: kpi record", KPI + ["record", "23.1", "700", "--date", "2023-07-31"] + d)

    ids = synthetic_plan(WORK / "large")
    large = WORK / "large"
    d = ["--data-dir", str(large)]
    bulk = WORK / "bulk.csv"
    bulk_file(bulk, ids, 10_000)
    sizes = [0, 10_000, 100_000] + ([] if args.quick else [1_000_000])
    for size in sizes:
        print(f"1,500 targets, {size:,} records")
        fill_ledger(large, ids, size)
        label = f"{size:,} records"
        n = runs if size < 1_000_000 else max(3, runs // 2)
        m(f"{label}: kpi status", KPI + ["status"] + d, n)
        m(f"{label}: kpi status --format json", KPI + ["status", "--format", "json"] + d, n)
        m(f"{label}: kpi validate", KPI + ["validate"] + d, n)
        m(f"{label}: kpi record", KPI + ["record", ids[0], "5", "--date", "2023-06-30",
                                        "--file", "big.csv"] + d, n)
        if size == 0:
            m(f"{label}: kpi record --from (10,000 rows)",
              KPI + ["record", "--from", str(bulk), "--file", "bulk.csv"] + d, n,
              before=["rm", "-f", str(large / "progress" / "bulk.csv")])
    # kpi record into a ledger of 0 records and into one of the largest size, alternately
    empty = WORK / "large-empty"
    synthetic_plan(empty)
    biggest = max(sizes)
    a, b = measure_pair(
        ("record, 0 records (paired)", f"record, {biggest:,} records (paired)"),
        (KPI + ["record", ids[0], "5", "--date", "2023-06-30", "--file", "big.csv",
                "--data-dir", str(empty)],
         KPI + ["record", ids[0], "5", "--date", "2023-06-30", "--file", "big.csv"] + d),
        env, max(runs, 9))
    results[a.name], results[b.name] = a, b
    write_results(args.out, results, sizes)


def write_results(out: Path, r: dict[str, Measure], sizes: list[int]) -> None:
    floor = r["floor: import typer, pydantic, yaml, rich"].median
    lines = [
        "# kpi benchmark results", "",
        f"Run on {dt.date.today()} by `python benchmarks/run.py` — {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}. Whole processes; median of "
        "several runs; peak resident memory of the process. Each run of a command follows a run "
        "of the floor, `python -c \"import typer, pydantic, yaml, rich.console, rich.table\"` "
        f"(median {floor * 1000:.0f} ms here), and its ratio is to the floor runs beside it. "
        "The two `(paired)` rows ran alternately, for the comparison of their own goal.", "",
        "| command | median | × floor | peak memory |", "| --- | ---: | ---: | ---: |",
    ]
    for name, x in r.items():
        ratio = "—" if x.floor != x.floor else f"{x.median / x.floor:.2f}"  # nan: unpaired
        lines.append(f"| {name} | {x.median * 1000:.0f} ms | {ratio} | {x.peak_mb:.0f} MB |")
    goals = []

    def goal(text: str, ok: bool, detail: str) -> None:
        goals.append(f"| {text} | {detail} | {'met' if ok else '**not met**'} |")

    def ratio(name: str) -> float:
        return r[name].median / r[name].floor

    rec = ratio("shipped: kpi record")
    goal("`kpi record` of one figure ≤ 1.0× floor", rec <= 1.0, f"{rec:.2f}×")
    hlp = ratio("kpi --help")
    goal("`kpi --help` ≤ 1.2× floor", hlp <= 1.2, f"{hlp:.2f}×")
    st = ratio("shipped: kpi status")
    goal("`kpi status`, shipped plan + a year of figures ≤ 1.5× floor", st <= 1.5, f"{st:.2f}×")
    if 100_000 in sizes:
        grows = r["100,000 records: kpi status"].median / r["0 records: kpi status"].median
        goal("`kpi status` with 100,000 records ≤ 3× with none", grows <= 3, f"{grows:.2f}×")
    biggest = max(sizes)
    a = r["record, 0 records (paired)"].median
    b = r[f"record, {biggest:,} records (paired)"].median
    goal(f"`kpi record` the same with 0 and {biggest:,} records (±10 %)", abs(b - a) <= 0.1 * a,
         f"{a * 1000:.0f} ms vs {b * 1000:.0f} ms ({(b - a) / a:+.0%})")
    peak = max(x.peak_mb for name, x in r.items() if name.startswith(f"{biggest:,}"))
    goal(f"peak memory with {biggest:,} records < 500 MB", peak < 500, f"{peak:.0f} MB")
    lines += ["", "## Goals", "", "| goal | measured | |", "| --- | --- | --- |", *goals, ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")
    print("\n".join(goals))


if __name__ == "__main__":
    main()
