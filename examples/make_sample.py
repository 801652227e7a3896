"""ILLUSTRATIVE ONLY: writes the made-up sample ledger in examples/sample/progress/.

Every figure this script writes is invented, from a seeded random generator, to show what
`kpi status`, `kpi log` and `kpi validate` look like with a year of monthly returns in them.
None of them is a real figure of 临淄区 or of any department.

    python examples/make_sample.py            # rewrite examples/sample/progress/*.csv
    python examples/make_sample.py OUT_DIR    # write the same files somewhere else

The output depends only on SEED and on data/tasks.yaml, so running it again gives the same
bytes; tests/test_cli_status.py checks that the committed files are exactly what it writes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import linzi_kpi  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from linzi_kpi.enums import Comparator, Kind, State  # noqa: E402
from linzi_kpi.ledger import encode  # noqa: E402
from linzi_kpi.ledger.fileformat import FIRST_COLUMNS  # noqa: E402
from linzi_kpi.load import load_plan  # noqa: E402
from linzi_kpi.model import Plan, Record, Target  # noqa: E402

SEED = 20230823  # the day the plan was issued
YEAR = 2023
PLAN = ROOT / "data" / "tasks.yaml"
OUT = Path(__file__).resolve().parent / "sample" / "progress"
TZ = dt.timezone(dt.timedelta(hours=8))
SOURCE = "{dept}月报（示例数据，虚构）"
BASELINE_SOURCE = "{dept}2022年末数（示例数据，虚构）"
BASELINE_DAY = dt.date(YEAR - 1, 12, 31)
BASELINE_AT = dt.datetime(YEAR, 1, 6, 9, 0, tzinfo=TZ)

#: Units counted in whole things; other units (公里, 亿元, %, …) get one decimal.
WHOLE = {"家", "人", "个", "项", "场次", "场", "处", "所", "台", "条", "部"}

#: How a made-up target moves against 序时进度: a pace factor range, and how often it is drawn.
PROFILES = (
    ("ahead", (1.10, 1.30), 2),
    ("on_pace", (0.97, 1.08), 4),
    ("lagging", (0.70, 0.88), 3),
    ("far_behind", (0.35, 0.60), 1),
)
SILENT_SHARE = 0.08  # targets that never report: no_data


def month_end(month: int) -> dt.date:
    return dt.date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def recorded(rng: random.Random, month: int) -> dt.datetime:
    """Monthly returns are keyed in early the following month."""
    year, nxt = (YEAR + 1, 1) if month == 12 else (YEAR, month + 1)
    return dt.datetime(year, nxt, rng.randint(3, 8), rng.randint(8, 17), rng.randint(0, 59),
                       tzinfo=TZ)


def rounded(target: Target, value: float) -> float:
    value = max(0.0, value)
    return float(round(value)) if target.unit in WHOLE else round(value, 1)


def elapsed(plan: Plan, target: Target, day: dt.date) -> float:
    start, deadline = plan.plan.period_start, plan.deadline(target)
    return min(1.0, ((day - start).days + 1) / ((deadline - start).days + 1))


def trajectory(plan: Plan, target: Target, rng: random.Random) -> tuple[list[float | None], float]:
    """Twelve month-end figures (None before the target first reports), and where a level
    stood when the year began (its baseline)."""
    name, (low, high), _ = rng.choices(PROFILES, weights=[w for *_, w in PROFILES])[0]
    pace = rng.uniform(low, high)
    first = rng.choice((1, 1, 1, 2, 3))
    goal = target.target
    base = goal * rng.uniform(0.70, 0.85)  # where a stock stood when the year began
    start = rounded(target, base if target.unit != "%" else goal * 0.9)
    out: list[float | None] = []
    level = None
    for month in range(1, 13):
        if month < first:
            out.append(None)
            continue
        share = elapsed(plan, target, month_end(month))
        if target.comparator is Comparator.maintain_at_least:
            # held at or a little above the line, with the odd month below it
            dip = rng.random() < 0.12
            value = goal * (rng.uniform(0.96, 0.995) if dip else rng.uniform(1.0, 1.04))
            if target.unit == "%":
                value = min(value, 100.0)
        elif target.kind is Kind.level and target.unit != "%":
            # a stock: starts from most of the target and climbs at the profile's pace
            value = base + max(0.0, goal * pace - base) * share * rng.uniform(0.9, 1.1)
        elif target.kind is Kind.level:
            # a ratio: drifts towards the target from a few points under it
            value = goal * (0.9 + 0.1 * pace * share) + rng.uniform(-0.5, 0.5)
            value = min(value, 100.0)
        else:
            # an increment: the work done so far, with month-to-month noise
            value = goal * pace * share * rng.uniform(0.9, 1.1)
        value = rounded(target, value)
        if (target.comparator is not Comparator.maintain_at_least and level is not None
                and target.unit != "%"):
            value = max(value, level)  # a count or a stock never goes down in this story
        level = value
        out.append(value)
    return out, start


def states(rng: random.Random, tasks: list[int]) -> dict[int, list[tuple[int, State]]]:
    """A few tasks without numbers move through their states."""
    chosen = sorted(rng.sample(tasks, 12))
    out: dict[int, list[tuple[int, State]]] = {}
    for i, number in enumerate(chosen):
        started = rng.randint(1, 5)
        steps = [(1, State.not_started)] if started > 1 else []
        steps.append((started, State.in_progress))
        if i % 4 == 0:
            steps.append((rng.randint(started + 1, 11), State.done))
        elif i % 4 == 1:
            steps.append((rng.randint(started + 1, 9), State.blocked))
        out[number] = steps
    return out


def build(plan: Plan) -> dict[int, list[Record]]:
    """Every made-up record, by the month its figure refers to."""
    rng = random.Random(SEED)
    months: dict[int, list[Record]] = {m: [] for m in range(0, 13)}  # 0: the baselines
    corrected = False
    levels = 0
    for task, target in plan.targets():
        if rng.random() < SILENT_SHARE:
            continue
        dept = (task.lead or task.responsible or ("区发改局",))[0]
        figures, start = trajectory(plan, target, rng)
        if (target.kind is Kind.level and target.comparator in (Comparator.at_least,
                                                                Comparator.approx)):
            levels += 1
            if levels % 5:  # every fifth level is left without one, to show 缺基数
                months[0].append(Record(target.id, start, None, BASELINE_DAY, BASELINE_AT,
                                        dept, BASELINE_SOURCE.format(dept=dept), "",
                                        target.unit))
        for month, value in enumerate(figures, start=1):
            if value is None:
                continue
            day = month_end(month)
            record = Record(target.id, value, None, day, recorded(rng, month), dept,
                            SOURCE.format(dept=dept), "", target.unit)
            months[month].append(record)
            if not corrected and month == 6 and value > 0:
                # a correction: a later record for the same day replaces the figure
                corrected = True
                fixed = rounded(target, value * 1.05)
                months[month].append(Record(
                    target.id, fixed, None, day,
                    record.recorded_at + dt.timedelta(days=2), dept, SOURCE.format(dept=dept),
                    "更正：补报漏统数据（示例）", target.unit))
    wordy = [task.number for task in plan.tasks if not task.targets]
    for number, steps in states(rng, wordy).items():
        task = next(t for t in plan.tasks if t.number == number)
        dept = (task.lead or task.responsible or ("区发改局",))[0]
        for month, state in steps:
            months[month].append(Record(str(number), None, state, month_end(month),
                                        recorded(rng, month), dept, SOURCE.format(dept=dept),
                                        "", ""))
    for records in months.values():
        records.sort(key=lambda r: (r.recorded_at, r.target))
    return months


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    loaded = load_plan(PLAN)
    if loaded.plan is None:
        print(f"cannot load {PLAN}: {loaded.problems[0].one_line()}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for month, records in build(loaded.plan).items():
        path = out / (f"{YEAR}-{month:02d}.csv" if month else f"{YEAR - 1}-12.csv")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            # the first columns: a ledger begun before recording ids, as many are
            handle.write(",".join(FIRST_COLUMNS) + "\n" + encode(records))
    print(f"wrote 13 illustrative ledger files to {out} (2022-12.csv: baselines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
