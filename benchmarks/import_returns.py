"""Benchmark: the month at its real size — one return from every department, imported at once.

    python benchmarks/import_returns.py          # 5 runs of each set; prints a table
    python benchmarks/import_returns.py --runs 3

Goal (issue 12): sixty returns imported in under 3 s on the project's machine (2 cores).

Writes, under benchmarks/work/returns/ (not committed; every figure in them is synthetic), one
filled-in template per department that has work in the plan — kpi's own template, every target
and task of the department filled in (a figure at half its target, a state of 进行中) — as
.xlsx, and the same returns saved as .ods, .xls and .csv. Then it times, as whole processes,
``kpi import`` of all of them at once: the real import (all or nothing, one locked append into a
fresh ledger) and a --dry-run, and the same with a quarter of the returns in each format.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work" / "returns"
KPI = [sys.executable, "-m", "linzi_kpi"]
TODAY = "2023-07-15"
JUNE = dt.date(2023, 6, 30)


def write_returns() -> dict[str, list[Path]]:
    """One filled-in return per department, in each format; the file lists by format."""
    sys.path.insert(0, str(ROOT / "src"))
    import openpyxl
    import xlwt
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    from linzi_kpi.files.returns import TEMPLATE_COLUMNS, template_rows
    from linzi_kpi.files.spreadsheet import write_template
    from linzi_kpi.load import load_plan

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    plan = load_plan(ROOT / "data" / "tasks.yaml", "tasks.yaml").plan
    assert plan is not None
    keys = [c.key for c in TEMPLATE_COLUMNS]
    files: dict[str, list[Path]] = {"xlsx": [], "ods": [], "xls": [], "csv": []}
    for dept in plan.departments:
        rows = template_rows(plan, {}, dept.name)
        if not rows:
            continue
        path = WORK / f"{dept.name}-2023-06.xlsx"
        write_template(path, rows, dept.name, f"{dept.name} 月报", (plan.plan.period_start,
                                                                   plan.plan.period_end))
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        filled: list[list[object]] = []
        for r, row in enumerate(rows, start=4):
            value: object = "进行中" if row.is_state else round(float(row.goal) / 2, 1)
            ws.cell(row=r, column=keys.index("value") + 1).value = value
            ws.cell(row=r, column=keys.index("date") + 1).value = JUNE
            filled.append([row.target, value, JUNE])
        wb.save(path)
        files["xlsx"].append(path)
        stem = WORK / path.stem
        # the same figures in the other formats, with the columns import needs
        doc = OpenDocumentSpreadsheet()
        table = Table(name=dept.name[:31])
        for values in [["编号", "本次数值", "数据日期"]] + filled:
            tr = TableRow()
            for v in values:
                if isinstance(v, float):
                    cell = TableCell(valuetype="float", value=v)
                elif isinstance(v, dt.date):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat())
                else:
                    cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(v)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
        doc.save(str(stem) + ".ods")
        files["ods"].append(Path(str(stem) + ".ods"))
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet(dept.name[:31])
        day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
        for r, values in enumerate([["编号", "本次数值", "数据日期"]] + filled):
            for c, v in enumerate(values):
                sheet.write(r, c, v, day) if isinstance(v, dt.date) else sheet.write(r, c, v)
        book.save(str(stem) + ".xls")
        files["xls"].append(Path(str(stem) + ".xls"))
        with open(str(stem) + ".csv", "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["编号", "本次数值", "数据日期"])
            out.writerows([t, v, d.isoformat()] for t, v, d in filled)
        files["csv"].append(Path(str(stem) + ".csv"))
    return files


def workspace() -> Path:
    data = WORK / "data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    shutil.copy(ROOT / "data" / "tasks.yaml", data / "tasks.yaml")
    shutil.copytree(ROOT / "data" / "source", data / "source")
    return data


def timed(argv: list[str], env: dict[str, str], before=None, runs: int = 5) -> float:
    """Median wall time of ``runs`` runs (after one unmeasured run that warms the caches)."""
    times = []
    for i in range(runs + 1):
        if before:
            before()
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"failed: {' '.join(argv[:6])} …\n{done.stderr[-2000:]}")
        if i:
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = write_returns()
    data = workspace()
    env = dict(os.environ, KPI_DATA_DIR=str(data), KPI_TODAY=TODAY, KPI_USER="bench",
               KPI_CACHE_DIR=str(WORK / "plan-cache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def fresh_ledger() -> None:
        shutil.rmtree(data / "progress", ignore_errors=True)

    count = len(files["xlsx"])
    figures = sum(1 for line in files["csv"] for _ in open(line, encoding="utf-8-sig")) - count
    mixed = [paths[i] for i in range(count) for fmt, paths in files.items()
             if ["xlsx", "ods", "xls", "csv"][i % 4] == fmt]
    print(f"{count} returns, {figures} rows to record; {args.runs} runs each, median "
          f"(goal: under 3 s)")
    for name, paths in (("xlsx (kpi's template)", files["xlsx"]), ("ods", files["ods"]),
                        ("xls", files["xls"]), ("csv", files["csv"]),
                        ("a quarter of each", mixed)):
        real = timed(KPI + ["import", *map(str, paths)], env, fresh_ledger, args.runs)
        dry = timed(KPI + ["import", "--dry-run", *map(str, paths)], env, None, args.runs)
        print(f"  {name:<24} import {real:6.2f} s   --dry-run {dry:6.2f} s", flush=True)


if __name__ == "__main__":
    main()
