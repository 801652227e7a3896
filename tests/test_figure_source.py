"""Who explains a figure: the standing rows of kpi status and kpi dept (JSON and CSV) carry the
source, the recorder and the note of the record behind ``actual`` — the figure that counts, not
an earlier one — as ``actual_source``, ``actual_by`` and ``actual_note``. On the small plan."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

AS_OF = ("--as-of", "2023-06-30")
FIELDS = ("actual_source", "actual_by", "actual_note")


@pytest.fixture
def figures(small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(small_plan.parent)
    monkeypatch.setenv("KPI_TODAY", "2023-07-10")
    for args in (
            # May's figure has a note; June's, the one that counts, has none of its own
            ("record", "1.1", "300", "--date", "2023-05-31", "--source", "区发改局5月报",
             "--by", "王科长", "--note", "受雨季影响施工延误"),
            ("record", "1.1", "474", "--date", "2023-06-30", "--source", "区发改局6月报",
             "--by", "李科员"),
            ("record", "1.3", "50", "--date", "2023-06-30", "--source", "区交通运输局台账",
             "--by", "张三", "--note", "含县道改造"),
            # a later figure, dated after the as-of date: it does not count on 2023-06-30
            ("record", "1.3", "60", "--date", "2023-07-05", "--source", "区交通运输局7月报",
             "--by", "张三", "--note", "七月"),
            ("mark", "3", "进行中", "--date", "2023-06-30", "--by", "赵镇长", "--note", "已部署")):
        assert kpi(*args).exit_code == 0, args
    return small_plan


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


EXPECTED = {"1.1": ("区发改局6月报", "李科员", ""), "1.2": (None, None, None),
            "1.3": ("区交通运输局台账", "张三", "含县道改造")}


def test_status_json_and_csv_say_where_the_figure_that_counts_came_from(figures: Path,
                                                                        kpi) -> None:
    data = json.loads(kpi("status", "--task", "1", *AS_OF, "--format", "json").stdout)
    found = {t["id"]: tuple(t[f] for f in FIELDS) for t in data["targets"]}
    assert {k: found[k] for k in EXPECTED} == EXPECTED
    # added after the fields scripts already read, none renamed
    keys = list(data["targets"][0])
    assert keys[keys.index("status") + 1:] == list(FIELDS) + ["disagreement"]
    text = kpi("status", "--task", "1", *AS_OF, "--format", "csv").stdout
    assert text.splitlines()[0].endswith(",rule,status,actual_source,actual_by,actual_note")
    rows = {r["id"]: tuple(r[f] for f in FIELDS) for r in rows_of(text)}
    assert rows["1.1"] == ("区发改局6月报", "李科员", "")
    assert rows["1.2"] == ("", "", "")  # no figure: empty cells
    assert rows["1.3"] == ("区交通运输局台账", "张三", "含县道改造")
    # a later day makes the later figure count, with its own source and note
    later = json.loads(kpi("status", "--task", "1", "--as-of", "2023-07-31",
                           "--format", "json").stdout)
    assert [tuple(t[f] for f in FIELDS) for t in later["targets"] if t["id"] == "1.3"] == [
        ("区交通运输局7月报", "张三", "七月")]


def test_dept_json_and_csv_say_it_too_and_a_tasks_state_its_marks(figures: Path, kpi) -> None:
    data = json.loads(kpi("dept", "区发改局", *AS_OF, "--format", "json").stdout)
    found = {t["id"]: tuple(t[f] for f in FIELDS) for t in data["lead"]["targets"]}
    assert {k: found[k] for k in EXPECTED} == EXPECTED
    # the department's latest note of 1.1 is May's: the notes list keeps saying so
    assert {n["id"]: n["note"] for n in data["notes"]}["1.1"] == "受雨季影响施工延误"
    rows = rows_of(kpi("dept", "区发改局", *AS_OF, "--format", "csv").stdout)
    assert {r["id"]: tuple(r[f] for f in FIELDS) for r in rows}["1.1"] == (
        "区发改局6月报", "李科员", "")
    town = rows_of(kpi("dept", "各镇、街道", *AS_OF, "--format", "csv").stdout)
    assert [(r["id"], r["actual_date"], *(r[f] for f in FIELDS)) for r in town] == [
        ("3", "2023-06-30", "", "赵镇长", "已部署")]


def test_export_keeps_its_columns_and_its_json_has_the_fields(figures: Path, kpi) -> None:
    text = kpi("export", "-", "--format", "csv", *AS_OF).stdout
    head = text.splitlines()[0].removeprefix("\ufeff").split(",")
    assert not set(FIELDS) & set(head)  # its source, note and by say it already
    assert head[-3:] == ["source", "note", "by"]
    row = {r["id"]: r for r in rows_of(text)}["1.1"]
    # its note is the department's latest word (May's), its source and by June's figure's
    assert (row["source"], row["by"], row["note"]) == ("区发改局6月报", "李科员", "受雨季影响施工延误")
    data = json.loads(kpi("export", "-", "--format", "json", *AS_OF).stdout)
    one = {t["id"]: t for t in data["targets"]}["1.1"]
    assert (one["actual_source"], one["actual_by"], one["actual_note"], one["note"]) == (
        "区发改局6月报", "李科员", "", "受雨季影响施工延误")
