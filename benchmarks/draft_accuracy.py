"""How well `kpi draft` reads the shipped 2023 document: draft it, compare with data/tasks.yaml.

    .venv/bin/python benchmarks/draft_accuracy.py            # the shares, the misses and extras
    .venv/bin/python benchmarks/draft_accuracy.py --json     # the same as JSON
    .venv/bin/python benchmarks/draft_accuracy.py --time     # and how long drafting takes

The reviewed plan is read as it is at run time (a target added to it is counted). The draft goes
through `kpi draft` itself into a temporary folder, and is read back as `kpi targets` reads it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from linzi_kpi.draft import draft_text, make  # noqa: E402
from linzi_kpi.draft.compare import FIELDS, compare  # noqa: E402
from linzi_kpi.load import load_plan  # noqa: E402

SOURCE = ROOT / "data" / "source" / "linzi-2023-key-tasks.txt"
#: The goals of issue 13, as shares.
GOALS = {"found": (">=", 0.97), "extras": ("<=", 0.03), "unit": (">=", 0.95),
         "comparator": (">=", 0.95), "deadline": (">=", 1.0), "lead": (">=", 1.0),
         "responsible": (">=", 1.0)}


def _plan(loaded):
    """The plan as it parsed, problems or not (a draft always has some: its review lines)."""
    return loaded.plan or loaded.checked


def measure(expected_dir: Path = ROOT / "data", source: Path = SOURCE):
    expected = _plan(load_plan(expected_dir / "tasks.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "draft"
        made = make(source, out, str(source), str(out), dt.date.today())
        drafted = _plan(load_plan(made.plan_path))
    return compare(expected, drafted)


def main(argv: list[str]) -> int:
    result = measure()
    if "--json" in argv:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"reviewed targets {result.expected}, drafted {result.drafted}, found {result.found}")
    for name in ("found", "extras", *FIELDS, "lead", "responsible"):
        goal = GOALS.get(name)
        shown = f"  goal {goal[0]} {goal[1]:.0%}" if goal else ""
        print(f"  {name:<12} {result.share(name):7.1%}{shown}")
    for title, items in (("misses", result.misses), ("extras", result.extras),
                         ("fields that differ", result.wrong)):
        print(f"{title} ({len(items)}):")
        for item in items:
            print(f"  {item}")
    if "--time" in argv:
        text = SOURCE.read_text(encoding="utf-8")
        runs = []
        for _ in range(20):
            start = time.perf_counter()
            draft_text(text, "source/x.txt", dt.date.today())
            runs.append(time.perf_counter() - start)
        runs.sort()
        print(f"drafting the 2023 document in-process: median {runs[10] * 1000:.1f} ms over 20 runs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
