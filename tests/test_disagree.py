"""Figures that disagree (issue 19): two figures of one target and date, with different values,
from different sources (who recorded them, or the return they came from), neither recorded as a
correction of the other, are a problem of `kpi validate` naming both, and a mark on the target
in status, the bulletin and the export; the later still counts. The small plan of conftest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FILE = "data/progress/2023-06.csv"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


def record(kpi, *args: str) -> None:
    result = kpi("record", *args)
    assert result.exit_code == 0, result.stderr


def marks(kpi) -> dict[str, object]:
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)
    return {t["id"]: t["disagreement"] for t in data["targets"] if t["disagreement"]}


def two_sources(kpi) -> None:
    record(kpi, "1.1", "600", "--date", "2023-06-30", "--by", "区交通运输局")
    record(kpi, "1.1", "610", "--date", "2023-06-30", "--by", "区发改局")


def test_two_sources_that_disagree_are_a_problem_naming_both_and_a_mark(kpi, small_plan) -> None:
    two_sources(kpi)
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["line"], problem["message"]) == (
        FILE, 3, f"1.1 on 2023-06-30: 610 (区发改局, {FILE}:3) disagrees with 600 (区交通运输局, "
        f"{FILE}:2), from another source; the later counts")
    assert problem["hint"] == (
        "check with both sources, then record the right figure with kpi record 1.1 VALUE --date "
        "2023-06-30 --corrects, or withdraw the wrong one with kpi withdraw ID --note WHY")
    # the later counts, and the target is marked
    mark = marks(kpi)["1.1"]
    assert (mark["date"], mark["counts"]["value"], mark["counts"]["by"], mark["counts"]["at"],
            mark["differs"]["value"], mark["differs"]["by"], mark["differs"]["at"]) == (
        "2023-06-30", 610, "区发改局", f"{FILE}:3", 600, "区交通运输局", f"{FILE}:2")
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)
    assert next(t for t in data["targets"] if t["id"] == "1.1")["actual"] == 610


def test_a_correction_settles_it(kpi, small_plan) -> None:
    two_sources(kpi)
    record(kpi, "1.1", "605", "--date", "2023-06-30", "--by", "区发改局", "--corrects")
    assert kpi("validate").exit_code == 0
    assert marks(kpi) == {}
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)
    assert next(t for t in data["targets"] if t["id"] == "1.1")["actual"] == 605


def test_a_resend_or_a_source_correcting_itself_is_no_disagreement(kpi, small_plan) -> None:
    record(kpi, "1.1", "600", "--date", "2023-06-30", "--by", "区交通运输局")
    record(kpi, "1.1", "600", "--date", "2023-06-30", "--by", "区发改局")  # the same figure
    record(kpi, "1.2", "4", "--date", "2023-06-30", "--by", "区发改局")
    record(kpi, "1.2", "5", "--date", "2023-06-30", "--by", "区发改局")  # its own correction
    assert kpi("validate").exit_code == 0
    assert marks(kpi) == {}


def test_a_source_that_changes_its_figure_after_another_agreed_with_it_disagrees(
        kpi, small_plan) -> None:
    # 交通 and 发改 agree on 600; then 交通 corrects its own figure to 610: 发改's 600 now
    # disagrees with the figure that counts (the scan reads the day's figures again only once
    # they differ in value and in source)
    record(kpi, "1.1", "600", "--date", "2023-06-30", "--by", "区交通运输局")
    record(kpi, "1.1", "600", "--date", "2023-06-30", "--by", "区发改局")
    record(kpi, "1.1", "610", "--date", "2023-06-30", "--by", "区交通运输局")
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["line"], problem["message"]) == (
        FILE, 4, f"1.1 on 2023-06-30: 610 (区交通运输局, {FILE}:4) disagrees with 600 (区发改局, "
        f"{FILE}:3), from another source; the later counts")


def test_two_returns_that_disagree_and_a_return_s_correction_column(kpi, small_plan,
                                                                    tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("target,value,date\n1.3,50,2023-06-30\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("target,value,date\n1.3,52,2023-06-30\n", encoding="utf-8")
    assert kpi("import", "a.csv").exit_code == 0
    assert kpi("import", "b.csv").exit_code == 0  # the same person, another return
    assert kpi("validate").exit_code == 1
    assert marks(kpi)["1.3"]["differs"]["source"] == "a.csv"
    (tmp_path / "c.csv").write_text("target,value,date,更正\n1.3,51,2023-06-30,是\n",
                                    encoding="utf-8")
    assert kpi("import", "c.csv").exit_code == 0
    assert kpi("validate").exit_code == 0
    assert marks(kpi) == {}


@pytest.mark.parametrize(("mark", "corrects"), [
    ("是", True), ("更正", True), ("Ｙ", True), ("１", True), ("✓", True), ("", False),
    ("否", False), ("不是", False), ("無", False), ("０", False), ("×", False), ("No", False)])
def test_the_correction_column_reads_only_its_marks(mark: str, corrects: bool) -> None:
    from linzi_kpi.files.returns import corrects_mark

    assert corrects_mark(mark) is corrects


@pytest.mark.parametrize("mark", ["0.0", "x", "?", "对"])
def test_a_mark_the_correction_column_does_not_read_is_refused_at_its_cell(
        kpi, small_plan, tmp_path: Path, mark: str) -> None:
    record(kpi, "1.3", "50", "--date", "2023-06-30", "--by", "A")
    (tmp_path / "c.csv").write_text(f"target,value,date,by,更正\n1.3,52,2023-06-30,B,{mark}\n",
                                    encoding="utf-8")
    result = kpi("import", "c.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: c.csv:2: column 更正: {mark!r} is no mark of the correction column (write 是 "
        "(or 更正, Y, 1, ✓) for a figure that corrects the one on record; leave it blank (or 否, "
        "N, 0, ×) for one that does not)\nerror: 1 of 1 rows are invalid; nothing was recorded\n")


def test_withdrawing_one_of_them_settles_it(kpi, small_plan) -> None:
    two_sources(kpi)
    assert kpi("withdraw", "1.1", "--date", "2023-06-30", "--note", "both wrong").exit_code == 0
    assert kpi("validate").exit_code == 0


def test_the_bulletin_the_export_and_the_table_mark_it(kpi, small_plan, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    two_sources(kpi)
    said = ("two sources differ: 1.1 2023-06-30: 610 (区发改局) counts, 600 (区交通运输局) "
            "differs; the later one counts; settle it with kpi record … --corrects (the right "
            "figure) or kpi withdraw (the wrong one)")
    bulletin = kpi("report", "--format", "markdown", "--as-of", "2023-06-30", "--lang", "en")
    assert f"> **{said}**" in bulletin.stdout
    table = kpi("status", "--as-of", "2023-06-30", "--lang", "en")
    assert said in table.stdout
    zh = kpi("status", "--as-of", "2023-06-30", "--lang", "zh")
    assert "两个来源数值不同：1.1 2023-06-30：610（区发改局）计入，600（区交通运输局）不同" in zh.stdout
    export = json.loads(kpi("export", "-", "--format", "json", "--as-of", "2023-06-30").stdout)
    marked = {t["id"]: t["disagreement"]["differs"]["value"] for t in export["targets"]
              if t["disagreement"]}
    assert marked == {"1.1": 600}


def test_branches_merged_in_any_order_disagree_the_same(kpi, small_plan) -> None:
    progress = small_plan / "progress"
    progress.mkdir()
    header = "target,value,unit,date,recorded_at,by,source,note,recording\n"
    (progress / "a.csv").write_text(
        header + "1.1,610,个,2023-06-30,2023-07-02T09:00:00+08:00,b,,,kbbbbbbbbb\n",
        encoding="utf-8")
    (progress / "b.csv").write_text(
        header + "1.1,600,个,2023-06-30,2023-07-01T09:00:00+08:00,a,,,kaaaaaaaaa\n",
        encoding="utf-8")
    mark = marks(kpi)["1.1"]
    assert (mark["counts"]["at"], mark["differs"]["at"]) == ("data/progress/a.csv:2",
                                                              "data/progress/b.csv:2")
