"""Fuzz the plan loader and the ledger reader/appender with arbitrary bytes.

Two engines run the same checks on each input:

* atheris (coverage-guided, libFuzzer): ``pip install atheris``, then
  ``python fuzz/fuzz_loaders.py plan -max_total_time=300``
* Hypothesis (no build needed; a byte strategy with the shipped files as seeds):
  ``python fuzz/fuzz_loaders.py plan --engine hypothesis --examples 2000``

Targets: ``plan`` (bytes as data/tasks.yaml, through what ``kpi validate`` and the commands run
often do: decode, YAML with its guards, schema, checks, the plan cache, the problem report) and
``ledger`` (bytes as a ledger file, through what ``kpi validate`` does, then one record appended
by ``kpi record``'s own code: it must be refused with a KpiError and leave the file as it was, or
be read back). Anything else (an exception, a record acknowledged and not read back) is a
finding: the input is saved under the crash folder; make it a test in tests/ (see README.md).
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "tasks.yaml"
SOURCE = ROOT / "data" / "source"
TODAY = dt.date(2023, 12, 31)


class Finding(AssertionError):
    """A broken promise that is not an exception of its own."""


class Harness:
    """A scratch workspace (a copy of the shipped plan and its source) and the checks."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kpi-fuzz-"))
        atexit.register(shutil.rmtree, self.root, True)
        os.environ["KPI_CACHE_DIR"] = str(self.root / "cache")  # never the user's own cache
        self.data = self.root / "data"
        self.data.mkdir()
        shutil.copytree(SOURCE, self.data / "source")
        shutil.copy(PLAN, self.data / "tasks.yaml")
        self.progress = self.data / "progress"
        from linzi_kpi import ledger, service
        from linzi_kpi.load import load_plan
        from linzi_kpi.model import Record
        from linzi_kpi.render import problems as render
        from linzi_kpi.workspace import Workspace

        self.ledger, self.service, self.render, self.Record = ledger, service, render, Record
        self.load_plan = load_plan
        self.ws = Workspace(self.data)
        self.plan = load_plan(PLAN, check=False).plan

    def _report(self, problems) -> None:
        """What validate prints: every form of the report is built."""
        lines = {}

        def read(file: str, line: int):
            path = self.data.parent / file
            if file not in lines:
                try:
                    lines[file] = path.read_text(encoding="utf-8-sig").split("\n")
                except (OSError, UnicodeDecodeError):
                    lines[file] = []
            got = lines[file]
            return got[line - 1] if 0 < line <= len(got) else None

        self.render.text(problems, read)
        self.render.as_json(problems)
        self.render.github(problems)
        self.render.github_summary(problems)

    def plan_input(self, data: bytes) -> None:
        (self.data / "tasks.yaml").write_bytes(data)
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            problems = self.service.validate(self.ws, TODAY)
            self._report(problems)
            self.load_plan(self.data / "tasks.yaml", check=False)  # the commands run often
        finally:
            os.chdir(cwd)

    def ledger_input(self, data: bytes) -> None:
        from linzi_kpi.errors import KpiError

        shutil.rmtree(self.progress, ignore_errors=True)
        self.progress.mkdir()
        path = self.progress / "fuzz.csv"
        path.write_bytes(data)
        checker = self.ledger.RecordChecker(self.plan, TODAY)
        before = self.ledger.scan(self.progress, checker, keep=True)
        self._report(before.problems)
        stamp = dt.datetime(2024, 1, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        record = self.Record("23.1", 777.0, None, dt.date(2023, 6, 30), stamp, "fuzz", "", "ack",
                             "个")
        try:
            self.ledger.append(self.progress, "fuzz.csv", [record])
        except KpiError:
            if path.read_bytes() != data:
                raise Finding("a refused record changed the file") from None
            return
        after = self.ledger.scan(self.progress, self.ledger.RecordChecker(self.plan, TODAY),
                                 keep=True)
        if record not in after.records:
            raise Finding("an acknowledged record was not read back")
        if len(after.records) != len(before.records) + 1:
            raise Finding("appending changed how the records before it are read")


def seeds(target: str) -> list[bytes]:
    if target == "plan":
        text = PLAN.read_bytes()
        return [text, text[:4000], b"plan:\n  title: x\n", b"- !!python/name:os.system ''\n",
                b"a: &a [1]\nb: *a\n"]
    header = b"target,value,unit,date,recorded_at,by,source,note\n"
    line = b"23.1,600,\xe4\xb8\xaa,2023-06-30,2023-07-01T09:00:00+08:00,a,,\n"
    return [header + line, header + line + b'19,done,,2023-06-30,2023-07-01T09:00:00+08:00,a,,'
            b'"x,\n""y"""\n', b"\xef\xbb\xbf" + header.replace(b"\n", b"\r\n") + line, header]


def run_atheris(target: str, argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        import linzi_kpi.ledger  # noqa: F401
        import linzi_kpi.load  # noqa: F401
        import linzi_kpi.yamlio  # noqa: F401
    harness = Harness()
    check = harness.plan_input if target == "plan" else harness.ledger_input
    corpus = [a for a in argv if not a.startswith("-")]
    if not corpus:  # seed a fresh corpus folder with the shipped files
        folder = Path(tempfile.mkdtemp(prefix=f"kpi-corpus-{target}-"))
        for i, seed in enumerate(seeds(target)):
            (folder / f"seed-{i}").write_bytes(seed)
        argv = argv + [str(folder)]
        print(f"corpus: {folder}", file=sys.stderr)
    if not any(a.startswith("-max_len") for a in argv):
        argv = argv + [f"-max_len={100_000 if target == 'plan' else 4096}"]
    atheris.Setup([sys.argv[0]] + argv, check)
    atheris.Fuzz()


def run_hypothesis(target: str, examples: int, crashes: Path) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    harness = Harness()
    check = harness.plan_input if target == "plan" else harness.ledger_input
    base = seeds(target)

    def mutate(args):
        seed, edits = args
        out = base[seed % len(base)]
        for at, cut, new in edits:
            at = at % (len(out) + 1)
            out = out[:at] + new + out[at + cut:]
        return out

    edits = st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 64), st.binary(max_size=16)),
                     max_size=6)
    inputs = st.binary(max_size=4096) | st.tuples(st.integers(0, 10), edits).map(mutate)
    found: list[bytes] = []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(inputs)
    def fuzz(data: bytes) -> None:
        try:
            check(data)
        except BaseException:
            found.append(data)
            raise

    try:
        fuzz()
    except BaseException as exc:  # Hypothesis has shrunk it: keep the smallest input
        crashes.mkdir(parents=True, exist_ok=True)
        out = crashes / f"{target}-crash-{len(list(crashes.iterdir()))}"
        out.write_bytes(found[-1] if found else b"")
        print(f"finding: {type(exc).__name__}: {exc}\ninput saved to {out}", file=sys.stderr)
        return 1
    print(f"{target}: {examples} inputs, no finding", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=["plan", "ledger"])
    parser.add_argument("--engine", choices=["atheris", "hypothesis"], default=None,
                        help="default: atheris when installed, else hypothesis")
    parser.add_argument("--examples", type=int, default=1000, help="hypothesis: inputs to try")
    parser.add_argument("--crashes", type=Path, default=Path(tempfile.gettempdir()) / "kpi-fuzz",
                        help="hypothesis: where a finding's input is saved")
    args, rest = parser.parse_known_args()
    sys.path.insert(0, str(ROOT / "src"))
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if engine == "atheris":
        run_atheris(args.target, rest)
        return 0
    return run_hypothesis(args.target, args.examples, args.crashes)


if __name__ == "__main__":
    sys.exit(main())
