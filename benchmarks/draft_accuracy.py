"""How well `kpi draft` reads the shipped 2023 document: draft it, compare with data/tasks.yaml;
and how well it reads the documents of benchmarks/draft_corpus/ (other offices' layouts,
illustrative), each against its reviewed plan in short.

    .venv/bin/python benchmarks/draft_accuracy.py            # the shares, the misses and extras
    .venv/bin/python benchmarks/draft_accuracy.py --json     # the same as JSON
    .venv/bin/python benchmarks/draft_accuracy.py --time     # and how long drafting takes
    .venv/bin/python benchmarks/draft_accuracy.py --corpus   # each corpus document, and the goals

The reviewed plan is read as it is at run time (a target added to it is counted). The draft goes
through `kpi draft` itself into a temporary folder, and is read back as `kpi targets` reads it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
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


CORPUS = ROOT / "benchmarks" / "draft_corpus"
#: The goals of issue 17 for every corpus document, as shares.
CORPUS_GOALS = {"found": (">=", 0.95), "extras": ("<=", 0.05), "deadline": (">=", 0.95),
                "lead": (">=", 0.95), "year": (">=", 1.0)}
CORPUS_FIELDS = ("number", "unit", "comparator", "kind", "deadline")


@dataclass
class CorpusResult:
    """One corpus document drafted and compared with its reviewed plan in short."""

    name: str
    drafted: bool = False
    tasks_expected: int = 0
    tasks_found: int = 0
    expected: int = 0
    found: int = 0
    extras: list[str] = field(default_factory=list)
    drafted_targets: int = 0
    agree: dict[str, int] = field(default_factory=lambda: {f: 0 for f in CORPUS_FIELDS})
    lead: int = 0
    year: bool = False
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    error: str = ""

    def share(self, name: str) -> float:
        if name == "found":
            return self.found / self.expected if self.expected else 1.0
        if name == "extras":
            return len(self.extras) / self.drafted_targets if self.drafted_targets else 0.0
        if name == "lead":
            return self.lead / self.tasks_expected if self.tasks_expected else 1.0
        if name == "year":
            return 1.0 if self.year else 0.0
        if name == "tasks":
            return self.tasks_found / self.tasks_expected if self.tasks_expected else 1.0
        return self.agree[name] / self.found if self.found else 1.0

    def failed_goals(self) -> list[str]:
        if not self.drafted:
            return [f"no draft: {self.error}"]
        out = []
        for name, (how, goal) in CORPUS_GOALS.items():
            value = self.share(name)
            if (how == ">=" and value < goal) or (how == "<=" and value > goal):
                out.append(f"{name} {value:.1%} (goal {how} {goal:.0%})")
        return out


def _same_number(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def measure_corpus_document(source: Path) -> CorpusResult:
    """Draft ``source`` as `kpi draft` does and compare it with ``source``'s .yaml beside it."""
    import yaml

    from linzi_kpi.errors import KpiError

    result = CorpusResult(source.stem)
    expected = yaml.safe_load(source.with_suffix(".yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "draft"
        try:
            made = make(source, out, str(source), str(out), dt.date(2000, 1, 1))
        except KpiError as exc:
            result.error = str(exc)
            result.tasks_expected = len(expected["tasks"])
            result.expected = sum(len(t["targets"]) for t in expected["tasks"])
            return result
        plan = _plan(load_plan(made.plan_path))
    result.drafted = True
    result.year = plan.plan.period_start.year == expected["year"]
    if not result.year:
        result.wrong.append(f"year: drafted {plan.plan.period_start.year}, reviewed {expected['year']}")
    mine = {t.number: t for t in plan.tasks}
    result.drafted_targets = sum(len(t.targets) for t in plan.tasks)
    seen = set()
    for task in expected["tasks"]:
        result.tasks_expected += 1
        n = task["n"]
        drafted = mine.get(n)
        seen.add(n)
        if drafted is not None:
            result.tasks_found += 1
        if drafted is not None and list(drafted.lead) == task["lead"]:
            result.lead += 1
        else:
            result.wrong.append(f"task {n}: lead {list(drafted.lead) if drafted else None} "
                                f"!= {task['lead']}")
        if drafted is not None and list(drafted.responsible) != task["responsible"]:
            result.wrong.append(f"task {n}: responsible {list(drafted.responsible)} "
                                f"!= {task['responsible']}")
        left = list(drafted.targets) if drafted else []
        for number, unit, comparator, kind, deadline in task["targets"]:
            result.expected += 1
            match = next((t for t in left if _same_number(t.target, number) and t.unit == unit),
                         None) or next((t for t in left if _same_number(t.target, number)), None)
            if match is None:
                result.misses.append(f"task {n}: {number} {unit}")
                continue
            left.remove(match)
            result.found += 1
            values = {"number": (match.target, number), "unit": (match.unit, unit),
                      "comparator": (match.comparator.value, comparator),
                      "kind": (match.kind.value, kind),
                      "deadline": (plan.deadline(match).isoformat(), str(deadline))}
            for name, (theirs, ours) in values.items():
                if theirs == ours or (name == "number" and _same_number(theirs, ours)):
                    result.agree[name] += 1
                else:
                    result.wrong.append(f"{match.id} {name}: drafted {theirs}, reviewed {ours} "
                                        f"«{match.quote}»")
        result.extras += [f"{t.id} {t.target:g} {t.unit} «{t.quote}»" for t in left]
    for task in plan.tasks:
        if task.number not in seen:
            result.extras += [f"{t.id} {t.target:g} {t.unit} «{t.quote}»" for t in task.targets]
    return result


#: The forms a corpus document may take: text, and the forms offices publish besides it.
CORPUS_SUFFIXES = (".txt", ".html", ".csv", ".xlsx", ".docx")


def corpus_documents(folder: Path = CORPUS) -> list[Path]:
    """Each document of the corpus: a file of a ``CORPUS_SUFFIXES`` form with its .yaml."""
    return sorted(p for p in folder.iterdir() if p.suffix in CORPUS_SUFFIXES)


def measure_corpus(folder: Path = CORPUS) -> list[CorpusResult]:
    return [measure_corpus_document(p) for p in corpus_documents(folder)]


def corpus_report(results: list[CorpusResult]) -> str:
    names = ("tasks", "found", "extras", *CORPUS_FIELDS, "lead", "year")
    lines = [f"{'document':<30} {'targets':>9} " + " ".join(f"{n:>10}" for n in names)]
    for r in results:
        if not r.drafted:
            lines.append(f"{r.name:<30} NO DRAFT: {r.error}")
            continue
        lines.append(f"{r.name:<30} {r.found:>4}/{r.expected:<4} "
                     + " ".join(f"{r.share(n):>10.1%}" for n in names))
    for r in results:
        details = [*(f"miss {m}" for m in r.misses), *(f"extra {e}" for e in r.extras), *r.wrong]
        failed = r.failed_goals()
        if details or failed:
            lines.append(f"{r.name}: " + ("goals missed: " + "; ".join(failed) if failed
                                          else "goals met"))
            lines += [f"  {d}" for d in details]
    met = sum(not r.failed_goals() for r in results)
    lines.append(f"goals met by {met} of {len(results)} documents")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if "--corpus" in argv:
        results = measure_corpus()
        if "--json" in argv:
            print(json.dumps([{"document": r.name, "drafted": r.drafted, "expected": r.expected,
                               "found": r.found, "extras": r.extras, "misses": r.misses,
                               "wrong": r.wrong,
                               "shares": {n: round(r.share(n), 4) for n in
                                          ("tasks", "found", "extras", *CORPUS_FIELDS, "lead",
                                           "year")}} for r in results],
                             ensure_ascii=False, indent=2))
        else:
            print(corpus_report(results))
        return 0
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
