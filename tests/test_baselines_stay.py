"""Baselines that stay baselines, and every record costing the same (issue 21, items 4 and 7):
a figure inside the period never displaces a baseline dated before it; a baseline in both the
plan and the ledger is a validate problem naming both; recording a level target without a
baseline in the plan finds its baseline without reading the ledger record by record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from linzi_kpi import ledger as ledger_mod
from linzi_kpi import service
from linzi_kpi.counting import baseline_supersedes
from linzi_kpi.ledger import RecordChecker
from linzi_kpi.model import Record

HEADER = "target,value,unit,date,recorded_at,by,source,note\n"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


def _rec(date: str, stamp: str, value: float = 1.0) -> Record:
    return Record("2.1", value, None, dt.date.fromisoformat(date),
                  dt.datetime.fromisoformat(stamp))


def test_a_figure_before_the_start_beats_one_dated_on_it() -> None:
    start = dt.date(2023, 1, 1)
    before = _rec("2022-12-31", "2023-01-05T09:00:00+08:00")
    on = _rec("2023-01-01", "2023-02-01T09:00:00+08:00")
    assert baseline_supersedes(on, None, start)
    assert not baseline_supersedes(on, before, start)
    assert baseline_supersedes(before, on, start)
    later = _rec("2022-12-31", "2023-03-01T09:00:00+08:00", 2.0)
    assert baseline_supersedes(later, before, start)  # a correction of the baseline itself


def test_a_figure_of_the_first_day_never_displaces_last_year_s(small_plan: Path, kpi) -> None:
    assert kpi("record", "2.1", "150", "--date", "2022-12-31").exit_code == 0
    assert kpi("record", "2.1", "167", "--date", "2023-01-01").exit_code == 0
    done = kpi("record", "2.1", "160", "--date", "2023-06-30")
    assert done.stdout.startswith("2.1 高新技术企业数量 160/170 家 50.0% on track")
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)
    row = next(t for t in data["targets"] if t["id"] == "2.1")
    assert (row["actual"], row["baseline"], row["progress"]) == (160, 150, 0.5)


def test_a_baseline_in_the_plan_and_in_the_ledger_is_a_problem_naming_both(small_plan: Path,
                                                                           kpi) -> None:
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "unit: 家, comparator: at_least, kind: level}",
        "unit: 家, comparator: at_least, kind: level, baseline: 100, baseline_source: 示例}"),
        encoding="utf-8")
    done = kpi("record", "2.1", "150", "--date", "2022-12-31")
    assert done.exit_code == 0
    assert done.stdout.startswith(
        "2.1 高新技术企业数量 baseline 150 家 on 2022-12-31 (not used: the plan gives the "
        "baseline 100 家; keep one of the two)")
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/progress: target 2.1 has a baseline in the plan (100 家) and in the ledger (150 家 "
        "on 2022-12-31): the plan's is used\n"
        "  fix: keep one: remove baseline and baseline_source from the plan, or the ledger's "
        "line\n\n1 problem found\n")


def _ledger(folder: Path, files: dict[str, str]) -> Path:
    progress = folder / "progress"
    progress.mkdir(exist_ok=True)
    for name, text in files.items():
        (progress / name).write_bytes(text.encode("utf-8"))
    return progress


LEDGERS = {
    "plain": {"a.csv": HEADER + "2.1,150,家,2022-12-31,2023-01-05T09:00:00+08:00,t,,\n"
                                "2.1,160,家,2023-06-30,2023-07-01T09:00:00+08:00,t,,\n"
                                "2.2,80,%,2022-12-31,2023-01-05T09:00:00+08:00,t,,\n",
              "b.csv": HEADER + "2.1,155,家,2022-12-31,2023-02-05T09:00:00+08:00,t,,\n"
                                "2.1,167,家,2023-01-01,2023-02-06T09:00:00+08:00,t,,\n"},
    "crlf and bom": {"a.csv": "\ufeff" + (HEADER + "2.1,150,家,2022-12-31,"
                                          "2023-01-05T09:00:00+08:00,t,,\n").replace("\n", "\r\n")},
    "only the first day": {"a.csv": HEADER + "2.1,167,家,2023-01-01,2023-02-06T09:00:00+08:00,,,\n"},
    "bad lines": {"a.csv": HEADER + "2.1,abc,家,2022-12-31,2023-01-05T09:00:00+08:00,t,,\n"
                                    "2.1,150,家,2022-12-31\n"
                                    "2.1,140,家,2022-06-30,2023-01-05T09:00:00+08:00,t,,\n"},
    "no baseline": {"a.csv": HEADER + "2.1,160,家,2023-06-30,2023-07-01T09:00:00+08:00,t,,\n"},
}


@pytest.mark.parametrize("name", sorted(LEDGERS))
def test_the_baselines_found_by_their_lines_are_the_scan_s(small_plan: Path, small_plan_model,
                                                           name: str) -> None:
    progress = _ledger(small_plan, LEDGERS[name])
    checker = RecordChecker(small_plan_model, dt.date(2024, 3, 1))
    fast = ledger_mod.baselines(progress, checker, {"2.1", "2.2"})
    scanned = ledger_mod.scan(progress, checker).baselines
    assert fast is not None
    assert fast == {k: v for k, v in scanned.items() if k in ("2.1", "2.2")}
    assert name == "no baseline" or fast["2.1"].value in (140, 155, 150, 167)


@pytest.mark.parametrize("text", [
    HEADER + '2.1,150,家,2022-12-31,2023-01-05T09:00:00+08:00,t,,"a, b"\n',  # a quoted field
    HEADER + "2.1,150,家,2022-12-31,2023-01-05T09:00:00+08:00,t,,x\ry\n",  # a lone CR
    "value,target,unit,date,recorded_at,by,source,note\n",  # target not first
    HEADER + "2.1,150,家,2022-12-31,2023-01-05T09:00:00+08:00,t,,\xff\n",  # not UTF-8
])
def test_a_file_not_plain_enough_leaves_the_baselines_to_the_scan(small_plan: Path,
                                                                  small_plan_model,
                                                                  text: str) -> None:
    progress = small_plan / "progress"
    progress.mkdir()
    (progress / "a.csv").write_bytes(text.encode("utf-8", errors="surrogateescape")
                                     if "\xff" not in text else
                                     text.replace("\xff", "").encode() + b"\xff\n")
    checker = RecordChecker(small_plan_model, dt.date(2024, 3, 1))
    assert ledger_mod.baselines(progress, checker, {"2.1"}) is None


def test_recording_a_level_without_a_plan_baseline_never_scans_the_ledger(
        small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> None:
    assert kpi("record", "2.1", "150", "--date", "2022-12-31").exit_code == 0
    assert kpi("record", "1.1", "5", "--date", "2023-06-30").exit_code == 0

    def no_scan(*args: object, **kwargs: object) -> None:
        raise AssertionError("the ledger was scanned")

    monkeypatch.setattr(ledger_mod, "scan", no_scan)
    monkeypatch.setattr(service, "read_ledger", no_scan)
    done = kpi("record", "2.1", "160", "--date", "2023-06-30")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("2.1 高新技术企业数量 160/170 家 50.0% on track")


def test_a_file_with_quotes_falls_back_to_the_scan_and_grades_the_same(
        small_plan: Path, kpi) -> None:
    assert kpi("record", "2.1", "150", "--date", "2022-12-31", "--note", "a, b").exit_code == 0
    done = kpi("record", "2.1", "160", "--date", "2023-06-30")
    assert done.stdout.startswith("2.1 高新技术企业数量 160/170 家 50.0% on track")


def test_a_template_left_as_it_was_records_nothing(small_plan: Path, kpi, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "unit: 家, comparator: at_least, kind: level}",
        "unit: 家, comparator: at_least, kind: level, baseline: 100, baseline_source: 示例}"),
        encoding="utf-8")
    assert kpi("record", "2.2", "80", "--date", "2022-06-30").exit_code == 0
    ledger = small_plan / "progress" / "2022-06.csv"
    before = ledger.read_bytes()
    workbook = tmp_path / "t.xlsx"
    assert kpi("template", "--dept", "区科技局", str(workbook)).exit_code == 0
    result = kpi("import", str(workbook))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("nothing recorded; 2 blank rows skipped: 1 row already "
                                    "recorded on ")
    assert sorted(p.name for p in (small_plan / "progress").glob("*.csv")) == ["2022-06.csv"]
    assert ledger.read_bytes() == before
    assert kpi("validate").exit_code == 0
