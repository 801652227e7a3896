"""Output in the terminal (issue 12): words for codes, the terminal's width, plain words for an
empty result, English counts, the end of the plan period; every department's template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

FIGURES = """target,value,date,source,note
23.1,600,2023-06-30,区交通运输局月报（示例）,第二季度补报的充电桩数量
1.1,2,2023-06-30,区科技局月报,
3.1,1,2023-06-30,区科技局月报,
19,in_progress,2023-06-30,区发改局月报,专项债已申报
"""


@pytest.fixture
def filled(data_dir: Path, kpi, monkeypatch) -> Path:
    monkeypatch.setenv("KPI_TODAY", "2023-07-05")
    (data_dir.parent / "figures.csv").write_text(FIGURES, encoding="utf-8")
    result = kpi("record", "--from", "figures.csv", "--by", "区综合行政执法局统计科")
    assert result.exit_code == 0, result.stderr
    return data_dir


@pytest.mark.lang("zh")
def test_log_shows_one_line_a_record(filled: Path, kpi, columns: int) -> None:
    out = kpi("log").stdout.splitlines()
    assert len(out) == 2 + 4  # header, rule, one line per record
    assert max(cell_len(line) for line in out) <= columns
    row = next(line for line in out if " 19 " in line)
    assert re.match(r"2023-06-30\s+19\s+进行中\s+\S", row)  # the state's label, not its code
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", row)  # the time recorded, never broken
    if columns == 80:
        assert "…" in row  # the note gives way
    en = kpi("log", "--lang", "en").stdout
    assert re.search(r"^2023-06-30\s+19\s+in progress\s", en, re.M)


@pytest.mark.lang("zh")
def test_status_says_when_the_plan_period_has_ended(filled: Path, kpi, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2024-03-01")
    after = ("--as-of", "2024-03-01")  # asked for: without it, the report is as of the end
    out = kpi("status", "--task", "23", *after).stdout.splitlines()
    assert out[1:3] == ["截至 2024-03-01", "计划期已于 2023-12-31 结束"]
    en = kpi("status", "--task", "23", "--lang", "en", *after).stdout.splitlines()
    assert en[1:3] == ["as of 2024-03-01", "the plan period ended on 2023-12-31"]
    md = kpi("status", "--task", "23", "--format", "markdown", *after).stdout.splitlines()
    assert md[2] == "计划期已于 2023-12-31 结束"
    inside = kpi("status", "--task", "23", "--as-of", "2023-12-30").stdout
    assert "计划期" not in inside
    last = kpi("status", "--task", "23", "--as-of", "2023-12-31").stdout.splitlines()
    assert last[1:3] == ["截至 2023-12-31", "计划期已于 2023-12-31 结束"]  # its last day: final
    dept = kpi("dept", *after).stdout.splitlines()
    assert dept[:2] == ["截至 2024-03-01", "计划期已于 2023-12-31 结束"]
    # no --as-of: as of the period's end, and a note on stderr says why
    monkeypatch.setenv("KPI_LANG", "en")
    ended = kpi("status", "--task", "23")
    assert ended.stdout.splitlines()[1:3] == ["as of 2023-12-31",
                                              "the plan period ended on 2023-12-31"]
    assert ended.stderr == ("note: the plan period ended on 2023-12-31: reported at its end, "
                            "each standing final (--as-of names another day)\n")


def test_repeated_filters_combine_and_english_counts_agree(filled: Path, kpi) -> None:
    out = kpi("status", "--task", "1", "--task", "23", "--lang", "en", "--as-of",
              "2023-06-30").stdout
    ids = re.findall(r"^(\d+\.\d+) ", out, re.M)
    assert ids == ["1.1", "23.1"]
    assert "2 targets: on track 1 · at risk 1" in out
    assert "2 tasks: on track 1 · at risk 1" in out
    one = kpi("status", "--task", "23", "--lang", "en", "--as-of", "2023-06-30").stdout
    assert "1 target: on track 1" in one and "1 task: on track 1" in one
    sections = kpi("status", "--section", "1", "--section", "3", "--format", "json",
                   "--as-of", "2023-06-30").stdout
    assert '"section": 2' not in sections and '"section": 3' in sections


@pytest.mark.lang("zh")
def test_an_empty_result_says_so(filled: Path, kpi) -> None:
    result = kpi("status", "--task", "1", "--status", "met", "--as-of", "2023-06-30")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:] == ["没有符合条件的指标或任务"]
    assert "0 个指标" not in result.stdout
    en = kpi("status", "--task", "1", "--status", "met", "--lang", "en", "--format", "markdown",
             "--as-of", "2023-06-30")
    assert en.stdout.endswith("\n\nno targets or tasks match\n")


@pytest.mark.lang("zh")
def test_dept_detail_fits_the_terminal(filled: Path, kpi, columns: int) -> None:
    out = kpi("dept", "区发改局", "--as-of", "2023-06-30").stdout
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    assert re.search(r"^19\s+持续扩大有效投资\s+进行中\s+正常", out, re.M)
    bars = re.findall(r"(\d+)% ([█░│]+) ", out)
    # 5 cells below 100 columns, 20 from 120; each with the 序时 mark
    assert bars and {len(b) for _, b in bars} == {5 if columns < 100 else 20}
    assert all("│" in b for _, b in bars)


def test_dept_overview_in_english_fits_the_terminal(filled: Path, kpi, columns: int) -> None:
    # before: at 80 columns the English headers left the department 8 cells (departme/nt) and
    # the last column, met, was cut off the screen
    out = kpi("dept", "--as-of", "2023-06-30", "--lang", "en").stdout.splitlines()
    assert max(cell_len(line) for line in out) <= columns
    rule = next(i for i, line in enumerate(out) if line.startswith("─"))
    head = [re.split(r"\s{2,}", line.strip()) for line in out[1:rule]]
    if columns >= 100:  # every header on one line
        assert head == [["department", "lines", "behind", "missed", "off track", "at risk",
                         "no data", "on track", "met"]]
    else:  # the two-word headers over two lines
        assert [line.split() for line in out[1:rule]] == [
            ["off", "at", "no", "on"],
            ["department", "lines", "behind", "missed", "track", "risk", "data", "track", "met"]]
    row = next(line for line in out if line.startswith("区发改局"))
    # 3 % behind before the fair ranking; now also the 20 lines it owes without a figure
    assert row.split() == ["区发改局", "15/19", "62%", "·", "·", "0/1", "14/17", "1/1", "·"]  # nine columns
    # a name as long as 区综合行政执法局 stays on one line
    assert any(line.startswith("区综合行政执法局 ") for line in out)


def test_template_for_each_department(filled: Path, kpi, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    result = kpi("template", "--each-dept", "returns", "--month", "2023-06")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == ("wrote 56 workbooks in returns for 2023-06, one per department with work "
                         "in the plan")
    files = sorted(p.name for p in (tmp_path / "returns").iterdir())
    assert len(files) == 56 and "区发改局-2023-06.xlsx" in files and "区卫健局-2023-06.xlsx" in files
    assert "区卫生健康局-2023-06.xlsx" not in files  # an alias is not a department of its own
    assert "returns/区发改局-2023-06.xlsx: 25 targets, 9 tasks without a number" in lines
    ws = openpyxl.load_workbook(tmp_path / "returns" / "区发改局-2023-06.xlsx").active
    assert ws.title == "区发改局" and ws["A1"].value.startswith("区发改局 2023年6月月报填报表")
    # the same rows as the single department's template
    assert kpi("template", "--dept", "区发改局", "one.xlsx").stdout.startswith(
        "wrote one.xlsx: 25 targets and 9 tasks without a number for 区发改局")
    one = openpyxl.load_workbook(tmp_path / "one.xlsx").active
    assert [c.value for c in one["A"]][3:] == [c.value for c in ws["A"]][3:]
    # a second run refuses to overwrite what may hold figures, and names the files
    again = kpi("template", "--each-dept", "returns", "--month", "2023-06")
    assert again.exit_code == 1
    assert re.fullmatch(r"error: returns/\S+-2023-06\.xlsx and 55 more exist \(they may hold "
                        r"figures already filled in\); choose another folder, or pass --force "
                        r"to overwrite them\n", again.stderr)
    assert kpi("template", "--each-dept", "returns", "--month", "2023-06", "--force").exit_code == 0


def test_template_each_dept_usage(filled: Path, kpi) -> None:
    both = kpi("template", "x.xlsx", "--each-dept", "d")
    assert (both.exit_code, both.stderr) == (
        2, "error: give OUT.xlsx, or --each-dept DIR for one workbook per department"
           " (`kpi template -h` shows how to use it)\n")
    dept = kpi("template", "--each-dept", "d", "--dept", "区发改局")
    assert dept.stderr == ("error: --each-dept writes every department's workbook; leave out "
                           "--dept (`kpi template -h` shows how to use it)\n")
    month = kpi("template", "--each-dept", "d", "--month", "06/2023")
    assert month.stderr == ("error: --month '06/2023' is not in the form YYYY-MM, e.g. 2023-06"
                            " (`kpi template -h` shows how to use it)\n")
    default = kpi("template", "--each-dept", "d")  # today 2023-07-05: June's returns
    assert default.stdout.splitlines()[-1].endswith("in d for 2023-06, one per department with "
                                                    "work in the plan")
