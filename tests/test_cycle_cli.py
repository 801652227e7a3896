"""kpi dept, history, changes, export and report through the command line, with exact output."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shipped

#: Figures of a few targets over the first half of 2023 (23.1 reaches 1,080 at its March pace).
FIGURES = """target,value,date,source,note
23.1,216,2023-03-14,区交通运输局月报,
23.1,320,2023-05-31,区交通运输局月报,
23.1,535,2023-06-30,区交通运输局月报,
28.1,2,2023-06-30,区发改局月报,"=HYPERLINK(""http://example.com"",""x"")"
8.1,140,2023-05-31,区发改局月报,
19,in_progress,2023-06-30,区发改局月报,
"""


@pytest.fixture
def filled(data_dir: Path, kpi) -> Path:
    (data_dir.parent / "figures.csv").write_text(FIGURES, encoding="utf-8")
    result = kpi("record", "--from", "figures.csv")
    assert result.exit_code == 0, result.stderr
    return data_dir


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


# ---------------------------------------------------------------- dept


@pytest.mark.lang("zh")
def test_dept_overview_ranks_departments_best_first(filled: Path, kpi) -> None:
    result = kpi("dept", "--as-of", "2023-06-30")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[0] == "截至 2023-06-30"
    assert re.split(r"\s+", out[1]) == ["部门", "项数", "落后", "未完成", "滞后", "预警", "无数据",
                                        "正常", "已完成"]
    # Ranked by the share of lines behind, smallest first, where a line without a figure counts
    # against the department that owes it (its first lead): 临淄交警大队's one line is on track
    # (0 %, and all of it standing well) first; 区妇联 reported none of the 3 it leads (100 %)
    # and ranks last, below 区大数据局 (1 at risk and 2 unreported of 5, 60 %): silence is never
    # ranked above a figure behind.
    assert re.split(r"\s+", out[3]) == ["临淄交警大队", "0/1", "0%", "·", "·", "·", "·", "0/1", "·"]
    assert out.index(next(x for x in out if x.startswith("区大数据局"))) == 55
    assert re.split(r"\s+", out[-2]) == ["区妇联", "3/0", "100%", "·", "·", "·", "3/0", "·", "·"]
    fdc = re.split(r"\s+", next(x for x in out if x.startswith("区发改局")))
    assert fdc == ["区发改局", "15/19", "59%", "·", "·", "1/1", "13/17", "1/1", "·"]
    assert out[-1] == "每格：牵头/责任 · 按落后（未完成、滞后、预警、应报未报）比例排序，低者在前"


def test_dept_overview_rows_take_the_colour_of_their_worst_status(filled: Path, kpi,
                                                                  monkeypatch) -> None:
    from rich.console import Console

    from linzi_kpi.cli import app  # noqa: F401  (the runner below goes through it)

    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    out = kpi("dept", "--as-of", "2023-06-30").stdout
    row = next(line for line in out.splitlines() if "区发改局" in line)
    # worst of 区发改局 is 预警 (at risk): yellow; 区检察院 has only lines without data: dim
    assert row.startswith("\x1b[33m")
    quiet = next(line for line in out.splitlines() if "区农业农村局" in line)
    assert quiet.startswith("\x1b[2m")


def test_dept_overview_json_and_csv_agree(filled: Path, kpi) -> None:
    data = json.loads(kpi("dept", "--as-of", "2023-06-30", "--format", "json").stdout)
    first = next(d for d in data["departments"] if d["department"] == "区发改局")
    assert [d["department"] for d in data["departments"][:4]] == ["临淄交警大队", "区机关事务管理局",
                                                                  "区综合行政执法局", "各开发区"]
    assert first == {"department": "区发改局", "collective": False,
                     "lead": {"met": 0, "on_track": 1, "at_risk": 1, "off_track": 0, "missed": 0,
                              "no_data": 13}, "lead_total": 15,
                     "shared": {"met": 0, "on_track": 1, "at_risk": 1, "off_track": 0,
                                "missed": 0, "no_data": 17}, "shared_total": 19,
                     "unreported": 18, "behind": 20}
    text = kpi("dept", "--as-of", "2023-06-30", "--format", "csv").stdout
    assert text.startswith("\ufeffdepartment,collective,lead_total,lead_met,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r["department"] for r in rows] == [d["department"] for d in data["departments"]]
    fdc = [r["department"] for r in rows].index("区发改局")
    assert rows[fdc]["lead_at_risk"] == "1" and rows[fdc]["collective"] == "false"
    names = [r["department"] for r in rows]
    assert "区卫健局" in names and "区卫生健康局" not in names


@pytest.mark.lang("zh")
def test_dept_with_a_name_splits_lead_and_shared(filled: Path, kpi) -> None:
    result = kpi("dept", "区发改局", "--as-of", "2023-06-30", "--format", "markdown")
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[:8] == [
        "**区发改局** — 截至 2023-06-30",
        "",
        "### 牵头 (15 项): 预警 1 · 无数据 13 · 正常 1",
        "",
        "| 编号 | 指标 | 实际/目标 | 完成进度 | 序时进度 | 状态 |",
        "| --- | --- | ---: | ---: | ---: | --- |",
        "| 12 | 发展壮大绿色低碳环保产业 | — |  |  | 无数据 |",
        "| 15.1 | 现代服务业重点项目 | —/8 个 | — | 49.6% | 无数据 |",
    ]
    assert "| 15.2 | 现代服务业增加值比重 | —/53 % | — | 缺基数 | 无数据 |" in out
    assert "| 19 | 持续扩大有效投资 | 进行中 |  |  | 正常 |" in out  # the state's label
    assert "| 28.1 | 关停煤电机组台数 | 2/8 台 | 25.0% | 49.6% | 预警 |" in out
    shared = out.index("### 责任 (19 项): 预警 1 · 无数据 17 · 正常 1")
    assert "| 8.1 | 入库新经济企业 | 140/160 家 | 87.5% | 缺基数 | 预警 |" in out[shared:]
    n = shipped("23.1")["target"]
    assert [r for r in out[shared:] if r.startswith(f"| 23.1 | 新增充电桩 | 535/{n} 个 | ")] != []
    # a floor shows the rule it is held to, not a progress
    assert "| 61.2 | 社保待遇资格认证覆盖率 | —/99 % | ≥ 99 | — | 无数据 |" in out[shared:]


def test_dept_json_with_an_alias(filled: Path, kpi) -> None:
    data = json.loads(kpi("dept", "区卫生健康局", "--format", "json").stdout)
    # (today is after the 2023 period: the report is as of its last day)
    assert (data["department"], data["as_of"]) == ("区卫健局", "2023-12-31")
    assert [t["id"] for t in data["lead"]["targets"]] == ["60.1", "60.2", "60.3"]


def test_dept_unknown_name_suggests_one(filled: Path, kpi) -> None:
    result = kpi("dept", "区发改")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: unknown department '区发改' (did you mean 区发改局?)\n"


# ---------------------------------------------------------------- history


@pytest.mark.golden
def test_history_table_shows_figures_sparkline_pace_and_projection(filled: Path, kpi,
                                                                   golden) -> None:
    result = kpi("history", "23.1", "--as-of", "2023-06-30", "--lang", "en")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[0] == "23.1 新增充电桩"
    assert re.split(r"\s{2,}", out[2]) == ["date", "value", "progress", "expected", "status", "by",
                                          "source"]
    assert out[-3] == "trend ▂▃▄"
    assert out[-1].startswith("at this pace: ")
    # the figures against 23.1's target, its pace and its projection: as the golden file has them
    golden("history-23.1-en.txt", "\n".join(out) + "\n")


@pytest.mark.golden
def test_history_reproduces_the_issue_example(filled: Path, kpi, golden) -> None:
    result = kpi("history", "23.1", "--as-of", "2023-03-31", "--lang", "en")
    golden("history-23.1-march-projection.txt", lines(result.stdout)[-1] + "\n")


@pytest.mark.lang("zh")
@pytest.mark.golden
def test_history_json(filled: Path, kpi, golden) -> None:
    text = kpi("history", "23.1", "--as-of", "2023-06-30", "--format", "json").stdout
    data = json.loads(text)
    assert [(f["date"], f["value"]) for f in data["figures"]] == [
        ("2023-03-14", 216), ("2023-05-31", 320), ("2023-06-30", 535)]
    assert data["sparkline"] == "▂▃▄"
    assert list(data["projection"]) == ["value", "target", "deadline", "gap", "reaches"]
    assert data["pace"]["method"] == "from_start"
    # the statuses, the projection and its summary: as the golden file has them (when each
    # figure was recorded is the test's own time)
    golden("history-23.1.json", re.sub(r'"recorded_at": "[^"]*"', '"recorded_at": "…"', text))


def test_history_of_a_task_or_unknown_target_is_refused(filled: Path, kpi) -> None:
    result = kpi("history", "19")
    assert (result.exit_code, result.stderr) == (
        1, "error: 19 is a task that carries no number: it has states, not figures "
           "(`kpi log 19` lists them)\n")
    result = kpi("history", "99.9")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown target '99.9' (")


# ---------------------------------------------------------------- changes


def test_changes_table(filled: Path, kpi) -> None:
    result = kpi("changes", "2023-05-31", "2023-06-30", "--task", "23", "--lang", "en")
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "2023-05-31 to 2023-06-30",
        "status moves (1)",
        "id     label        before    after                  value",
        "──────────────────────────────────────────────────────────",
        "23.1   新增充电桩   at risk   ↑ on track   320 个 → 535 个",
        "new figures (1)",
        "date         id     label         value   by       source",
        "───────────────────────────────────────────────────────────────────",
        "2023-06-30   23.1   新增充电桩   535 个   tester   区交通运输局月报",
        "not reported 2023-06 (0): none",
    ]


def test_changes_json_for_a_department(filled: Path, kpi) -> None:
    data = json.loads(kpi("changes", "2023-05-31", "2023-06-30", "--dept", "区发改局",
                          "--format", "json").stdout)
    assert (data["from"], data["to"], data["reporting_month"]) == ("2023-05-31", "2023-06-30",
                                                                   "2023-06")
    assert [(m["id"], m["before"], m["after"], m["direction"]) for m in data["moves"]] == [
        ("28.1", "no_data", "at_risk", "worse"), ("19", "no_data", "on_track", "better"),
        ("23.1", "at_risk", "on_track", "better")]
    assert [(r["target"], r["value"], r["state"]) for r in data["new"]] == [
        ("19", None, "in_progress"), ("23.1", 535, None), ("28.1", 2, None)]
    stale = {s["id"]: s["last_date"] for s in data["stale"]}
    assert stale["8.1"] == "2023-05-31"  # reported in May, not in June: 未报送
    assert stale["15.1"] is None
    assert "23.1" not in stale and "28.1" not in stale


@pytest.mark.lang("zh")
def test_changes_markdown_groups_stale_lines_by_department(filled: Path, kpi) -> None:
    # Task 8 has no lead department: its stale target is owed by its first responsible one.
    out = kpi("changes", "2023-05-31", "2023-06-30", "--task", "8", "--format", "markdown").stdout
    assert out == ("**2023-05-31 至 2023-06-30**\n\n### 状态变化 (0)\n\n无\n\n### 新报数据 (0)\n\n无\n\n"
                   "### 未报送 2023-06 (1)\n\n| 部门 | 编号 |\n| --- | --- |\n| 区发改局 | 8.1 |\n")


def test_changes_needs_dates_in_order(filled: Path, kpi) -> None:
    result = kpi("changes", "2023-06-30", "2023-05-31")
    assert (result.exit_code, result.stderr) == (
        2, "error: FROM (2023-06-30) must be before TO (2023-05-31) (`kpi changes -h` shows how to use it)\n")
    result = kpi("changes", "31/05/2023", "2023-06-30")
    assert result.exit_code == 2
    assert result.stderr == ("error: FROM: date '31/05/2023' is not in a form kpi reads: write it "
                             "as 2023-06-30 (or 2023/6/30, 2023.6.30, 2023年6月30日)"
                             " (`kpi changes -h` shows how to use it)\n")


# ---------------------------------------------------------------- export


def test_export_csv_keeps_formula_like_text_as_text(filled: Path, kpi, tmp_path: Path) -> None:
    result = kpi("export", "--format", "csv", "--as-of", "2023-06-30", "out.csv")
    assert (result.exit_code, result.stdout) == (0, "wrote out.csv: 91 targets as of 2023-06-30\n")
    raw = (tmp_path / "out.csv").read_bytes().decode("utf-8")
    assert raw.startswith("\ufeffid,task,section,label,quote,target,unit,comparator,kind,deadline,"
                          "baseline,lead,responsible,reporter,review,baseline_source,baseline_date,actual,"
                          "actual_date,progress,expected,gap,rule,status,source,note,by\r\n")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw.removeprefix("\ufeff")))}
    assert (rows["23.1"]["actual"], rows["23.1"]["status"], rows["23.1"]["source"]) == (
        "535", "on_track", "区交通运输局月报")
    # the note that would run as a formula in Excel is stored as text (a leading apostrophe)
    assert rows["28.1"]["note"] == "'=HYPERLINK(\"http://example.com\",\"x\")"


def test_export_json_to_stdout(filled: Path, kpi) -> None:
    data = json.loads(kpi("export", "-", "--format", "json", "--as-of", "2023-06-30").stdout)
    assert data["plan"]["document_number"] == "临政办字〔2023〕21号"
    assert data["summary"] == {"met": 0, "on_track": 1, "at_risk": 2, "off_track": 0,
                               "missed": 0, "no_data": 88}
    assert [t["status"] for t in data["tasks"] if t["task"] == 19] == ["on_track"]


def test_export_needs_a_format_it_can_tell(filled: Path, kpi) -> None:
    result = kpi("export", "out.txt")
    assert (result.exit_code, result.stderr) == (
        2, "error: cannot tell the format from 'out.txt': pass --format xlsx, csv or json"
           " (`kpi export -h` shows how to use it)\n")
    result = kpi("export", "-", "--format", "xlsx")
    assert (result.exit_code, result.stderr) == (
        2, "error: a workbook cannot go to standard output: name a file (`kpi export -h` shows how to use it)\n")


# ---------------------------------------------------------------- report


@pytest.mark.golden
@pytest.mark.lang("zh")
def test_report_markdown(filled: Path, kpi, golden) -> None:
    result = kpi("report", "--as-of", "2023-06-30", "--format", "markdown")
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[:6] == [
        "# 临淄区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务 进度通报",
        "",
        "临政办字〔2023〕21号 · 截至 2023年6月30日 · 序时进度 49.6%",
        "",
        "## 总体情况",
        "",
    ]
    # the overview opens with a sentence of the counts and what went unreported, then the table
    assert out[6].startswith("截至 2023年6月30日，") and "未报送" in out[6]
    assert out[7:10] == ["", "| 状态 | 指标数 | 占比 |", "| --- | ---: | ---: |"]
    assert "## 本期变化（2023年5月31日至2023年6月30日）" in out
    assert "⚑" not in result.stdout  # one sentence says why, no flag beside a green grade
    short = next(n for n, line in enumerate(out) if line.startswith("## 按当前进度将无法完成（"))
    assert out[short + 2].startswith(
        "两种口径：**状态**按序时进度评定——完成进度落后序时进度不足 10 个百分点为正常，10–30 个百分点为预警")
    assert "| 19 | 持续扩大有效投资 | 正常 | 进行中（2023-06-30） |  |" in out
    assert not re.search(r"in_progress|not_started|blocked|on_track|at_risk", result.stdout)
    # the counts; 23.1 on track against 序时进度 (535/1200 = 44.6 % at 49.6 %) but short at the
    # pace so far (535 × 365/181 = 1,079 by the deadline), its row saying why; one number format
    # (separators, a space either side of the slash): golden
    golden("report-2023-06-30.md", result.stdout)


@pytest.mark.golden
def test_report_markdown_in_english(filled: Path, kpi, golden) -> None:
    result = kpi("report", "--as-of", "2023-06-30", "--format", "markdown", "--lang", "en")
    out = result.stdout.splitlines()
    assert out[:3] == ["# 临淄区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务 progress bulletin", "",
                       "临政办字〔2023〕21号 · as of 2023-06-30 · expected (序时进度) 49.6%"]
    # the counts (23.1 on track alone: 8.1, a level without a baseline, is at risk): golden
    assert "## Overview" in out
    assert "| 19 | 持续扩大有效投资 | on track | in progress (2023-06-30) |  |" in out
    assert not re.search(r"[\u4e00-\u9fff]", "\n".join(
        line for line in out if line.startswith("## ")))  # headings in English
    golden("report-2023-06-30-en.md", result.stdout)


@pytest.mark.lang("zh")
def test_report_html_is_one_self_contained_page(filled: Path, kpi, tmp_path: Path) -> None:
    result = kpi("report", "--html", "bulletin.html", "--as-of", "2023-06-30")
    assert result.exit_code == 0
    assert re.fullmatch(r"已写入 bulletin\.html：91 个指标，截至 2023-06-30（\d+ KB，独立文件）\n",
                        result.stdout)
    page = (tmp_path / "bulletin.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')
    # Nothing to fetch: no URL, no external reference, no script (28.1's note, ledger text that
    # holds a URL, is shown as escaped text, never as a link).
    note = "=HYPERLINK(&quot;http://example.com&quot;,&quot;x&quot;)"
    assert page.count(note) == 1
    assert not re.search(r"(?i)https?:|//[a-z0-9]|url\(|@import|<script|<link|<img|src=|href=",
                         page.replace(note, ""))
    assert "@page { size: A4;" in page and "@media print" in page
    assert page.count('<svg class="chart sections"') == 1
    assert page.count('<tr class="target"') == 91
    # 23.1 has three figures: its trend is a line with a point at the latest
    row = re.search(r'<tr class="target" data-id="23\.1">.*?</tr>', page, re.S)
    assert row is not None and "<polyline" in row.group(0) and "<circle" in row.group(0)
    assert '<span class="n">88</span><span class="l">无数据</span>' in page


def test_report_usage_errors(filled: Path, kpi) -> None:
    result = kpi("report", "--html", "b.html", "--format", "markdown")
    assert (result.exit_code, result.stderr) == (
        2, "error: --html writes HTML; leave out --format markdown, or --html (`kpi report -h` shows how to use it)\n")
    result = kpi("report", "--html", "b.pdf")
    assert (result.exit_code, result.stderr) == (2, "error: b.pdf: name the page *.html"
                                                    " (`kpi report -h` shows how to use it)\n")
    result = kpi("report", "--as-of", "2023-06-30", "--since", "2023-07-01")
    assert (result.exit_code, result.stderr) == (
        2, "error: --since (2023-07-01) must be before the as-of date (2023-06-30)"
           " (`kpi report -h` shows how to use it)\n")


# ---------------------------------------------------------------- help, docs, start-up


CYCLE_COMMANDS = ("dept", "template", "import", "export", "history", "changes", "report")


@pytest.mark.parametrize("command", CYCLE_COMMANDS)
def test_every_cycle_command_has_help_with_an_example_and_a_docs_section(command: str, kpi) -> None:
    result = kpi(command, "--help")
    assert result.exit_code == 0
    assert re.search(r"Examples?:\s+kpi " + command + r"\b", result.stdout), result.stdout
    docs = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"\n### `kpi {command}" in docs


def test_importing_the_cli_stays_light() -> None:
    code = ("import sys, linzi_kpi.cli; "
            "heavy = [m for m in ('openpyxl', 'linzi_kpi.compute', 'linzi_kpi.files', "
            "'linzi_kpi.render.bulletin', "
            "'linzi_kpi.service', 'pydantic') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


def test_completion_offers_targets_and_departments(data_dir: Path, monkeypatch) -> None:
    from linzi_kpi.cli.common import complete_department, complete_target

    monkeypatch.chdir(data_dir.parent)
    assert ("23.1", "新增充电桩") in complete_target("23")
    assert "区发改局" in complete_department("区发")
    from typer.testing import CliRunner

    from linzi_kpi.cli import app

    result = CliRunner().invoke(app, [], prog_name="kpi", env={
        "_KPI_COMPLETE": "complete_bash", "COMP_WORDS": "kpi history 23.", "COMP_CWORD": "2"})
    assert "23.1" in result.stdout.split()
    result = CliRunner().invoke(app, [], prog_name="kpi", env={
        "_KPI_COMPLETE": "complete_bash", "COMP_WORDS": "kpi dept 区卫", "COMP_CWORD": "2"})
    assert result.stdout.split() == ["区卫健局", "区卫生健康局"]


def test_install_completion_writes_a_script_for_kpi(tmp_path: Path, monkeypatch) -> None:
    import shellingham
    from typer.testing import CliRunner

    from linzi_kpi.cli import app

    monkeypatch.setenv("HOME", str(tmp_path))
    # whatever runs pytest (a shell, CI, an IDE): the shell Typer finds is bash
    monkeypatch.setattr(shellingham, "detect_shell", lambda *a, **k: ("bash", "/bin/bash"))
    result = CliRunner().invoke(app, ["--install-completion", "bash"], prog_name="kpi")
    assert result.exit_code == 0
    script = (tmp_path / ".bash_completions" / "kpi.sh").read_text(encoding="utf-8")
    assert "_KPI_COMPLETE=complete_bash" in script


# ---------------------------------------------------------------- without openpyxl (the xlsx extra)


def test_without_openpyxl_workbooks_fail_in_one_line_and_csv_still_works(
        data_dir: Path, kpi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # `import openpyxl` now raises ImportError
    message = ("error: reading and writing .xlsx files needs openpyxl, which kpi installs with "
               "it: reinstall kpi (pip install --force-reinstall linzi_kpi)\n")
    for args in (("template", "t.xlsx"), ("export", "e.xlsx")):
        result = kpi(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    (tmp_path / "r.xlsx").write_bytes(b"PK")
    assert kpi("import", "r.xlsx").stderr == message
    assert not (tmp_path / "t.xlsx").exists()
    (tmp_path / "june.csv").write_text("target,value,date\n23.1,535,2023-06-30\n", encoding="utf-8")
    assert kpi("import", "june.csv").exit_code == 0


# ---------------------------------------------------------------- 未报送 (issue 9)


@pytest.fixture
def finished_in_may(data_dir: Path, kpi, monkeypatch) -> Path:
    """Task 19 done and 27.1 met in May; 20 and 27.2 still under way; nothing reported in June."""
    monkeypatch.setenv("KPI_TODAY", "2023-07-15")
    for args in (("mark", "19", "done", "--date", "2023-05-31"),
                 ("mark", "20", "in_progress", "--date", "2023-05-31"),
                 ("record", "27.1", "100", "--date", "2023-05-31"),
                 ("record", "27.2", "50", "--date", "2023-05-31")):
        assert kpi(*args).exit_code == 0
    return data_dir


def test_finished_work_is_not_listed_as_unreported(finished_in_may: Path, kpi) -> None:
    # before: a task marked done in May was listed 未报送 in June and July
    data = json.loads(kpi("changes", "2023-05-31", "2023-06-30", "--section", "3",
                          "--format", "json").stdout)
    assert [s["id"] for s in data["stale"]] == ["20", "21", "22.1", "22.2", "23.1"]
    data = json.loads(kpi("changes", "2023-05-31", "2023-06-30", "--task", "27",
                          "--format", "json").stdout)
    assert [(s["id"], s["last_date"]) for s in data["stale"]] == [("27.2", "2023-05-31")]
    data = json.loads(kpi("changes", "2023-06-30", "2023-07-15", "--task", "19",
                          "--format", "json").stdout)
    assert data["stale"] == []


@pytest.mark.lang("zh")
def test_the_bulletin_counts_unreported_lines_without_finished_work(finished_in_may: Path,
                                                                    kpi) -> None:
    out = kpi("report", "--as-of", "2023-06-30", "--format", "markdown").stdout
    # 91 targets and 30 tasks without a number, less 19 (done) and 27.1 (met)
    assert "状态变化 0 个，新报数据 0 条，2023年6月未报送 119 个。" in out
    # 无数据 (no figure at all) and 未报送 (none this month) are two different counts
    assert "| 无数据 | 89 | 97.8% |" in out
