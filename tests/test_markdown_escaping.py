"""Markdown output carries plan and ledger text as text: no shifted cell, no forged heading, no
raw HTML. Rendered by a real CommonMark renderer with GitHub's tables (markdown-it-py, which
Rich depends on) with raw HTML allowed, as a page that shows a bulletin would."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import edit, shipped
from linzi_kpi.render.markdown import md_text

pytestmark = pytest.mark.usefixtures("warm_plan_cache")

HOSTILE = "充电桩|<img src=x onerror=alert(1)>*粗*_斜_[链](http://x)`码`#\\"
FORGED = "区统计局\r## 区政府批示\n<script>alert(1)</script>"


def render(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_md_text_escapes_every_character_markdown_could_read_as_syntax():
    assert md_text("a|b\\c*d_e[f]g<h>i#j`k") == "a\\|b\\\\c\\*d\\_e\\[f\\]g\\<h\\>i\\#j\\`k"
    assert md_text("one\rtwo\r\nthree\nfour\u2028five") == "one two three four five"
    assert md_text("临淄区 1,200 个 50% (2023-06-30) & ~ ! ") == "临淄区 1,200 个 50% (2023-06-30) & ~ ! "


def _rows(html: str) -> list[int]:
    """The number of cells of every table row."""
    return [len(re.findall(r"<t[dh][ >]", row)) for row in re.findall(r"<tr>.*?</tr>", html, re.S)]


def _no_markup(html: str) -> None:
    assert "<img" not in html and "<script" not in html
    assert "<em>" not in html and "<strong>粗" not in html and "<a " not in html
    assert "<code>" not in html


TITLE = "临淄区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务"


@pytest.fixture
def hostile_plan(data_dir: Path) -> Path:
    """Plan text holding Markdown's characters: a label, a unit, a section title, the title."""
    edit(data_dir, 'id: "23.1"', "label: 新增充电桩", f"label: {json.dumps(HOSTILE)}")
    edit(data_dir, 'id: "23.1"', "unit: 个", 'unit: "个|<b>"')
    edit(data_dir, "\nunits:", '"%"]', '"%", "个|<b>"]')  # a unit must be in the plan's list
    edit(data_dir, "sections:", "title: 加快推进国家创新型城市建设", 'title: "# 创新<i>|"')
    edit(data_dir, "plan:", f"title: {TITLE}", f'title: "<h1>x</h1>|{TITLE}"')
    return data_dir


@pytest.mark.lang("zh")
def test_plan_text_in_status_report_and_dept_markdown_is_escaped(kpi, hostile_plan, monkeypatch):
    # before: the | in the unit and the label shifted the cells; the HTML went through
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")
    assert kpi("record", "23.1", "600").exit_code == 0
    out = kpi("status", "--format", "markdown").stdout
    html = render(out)
    assert set(_rows(html)) == {7}
    _no_markup(html)
    assert "<h1>" not in html and "<b>" not in html and "<i>" not in html
    assert "<h3>一、\\# 创新" not in html and "<h3>一、# 创新&lt;i&gt;|</h3>" in html
    # the label and the unit escaped in their cells (the figures are the plan's: not pinned here)
    row = ("| 23.1 | 充电桩\\|\\<img src=x onerror=alert(1)\\>\\*粗\\*\\_斜\\_\\[链\\]"
           f"(http://x)\\`码\\`\\#\\\\ | 600/{shipped('23.1')['target']} 个\\|\\<b\\> | ")
    assert [line for line in out.splitlines() if line.startswith(row)] != []
    for command in (("report", "--format", "markdown", "--as-of", "2023-06-30"),
                    ("dept", "区交通运输局", "--format", "markdown", "--as-of", "2023-06-30")):
        html = render(kpi(*command).stdout)
        _no_markup(html)
        assert "<h1>x" not in html and "<b>" not in html and "<i>" not in html
        tables = re.findall(r"<table>.*?</table>", html, re.S)
        assert tables
        for table in tables:
            assert len(set(_rows(table))) == 1, command


def test_ledger_text_in_changes_markdown_cannot_forge_a_heading_or_html(kpi, data_dir):
    # before: a lone carriage return in --source reached the page as a line of its own; now a
    # line break in who or source is refused when the ledger is read (freetext), and the rest
    # of what a hand-edited line holds is escaped
    progress = data_dir / "progress"
    progress.mkdir()

    def ledger(source: str) -> None:
        body = "target,value,unit,date,recorded_at,by,source,note\n" + (
            '23.1,600,个,2023-06-20,2023-06-21T09:00:00+08:00,"<img src=x onerror=alert(1)>",'
            '"' + source + '",\n')
        (progress / "2023-06.csv").write_bytes(body.encode("utf-8"))

    ledger(FORGED)
    refused = kpi("changes", "2023-05-31", "2023-06-30", "--format", "markdown")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr.startswith(
        "error: data/progress/2023-06.csv:2: source holds a line break (U+000D) (")
    ledger(FORGED.replace("\r", " ").replace("\n", " "))
    out = kpi("changes", "2023-05-31", "2023-06-30", "--format", "markdown").stdout
    assert not any(line.startswith("## ") for line in out.replace("\r", "\n").splitlines())
    assert "\r" not in out
    html = render(out)
    _no_markup(html)
    assert "<h2>" not in html
    assert ("| 2023-06-20 | 23.1 | 新增充电桩 | 600 个 | \\<img src=x onerror=alert(1)\\> | "
            "区统计局 \\#\\# 区政府批示 \\<script\\>alert(1)\\</script\\> |") in out.splitlines()


@pytest.mark.parametrize("name", ["by", "source"])
def test_who_and_source_refuse_a_lone_carriage_return(kpi, data_dir, tmp_path, name):
    option = "--by" if name == "by" else "--source"
    result = kpi("record", "23.1", "600", "--date", "2023-06-30", option, "区统计局\r## 区政府批示")
    message = (f"{name} holds a line break (U+000D) (remove it; who, source and a department's "
               "name are one line of text)")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {message}\n")
    (tmp_path / "in.csv").write_bytes(
        f"target,value,date,{name}\n23.1,600,2023-06-30,\"a\rb\"\n".encode())
    result = kpi("import", "in.csv")
    assert result.stderr.splitlines()[0] == f"error: in.csv:2: column {name}: {message}"
    # a line break of either whole kind is still fine in a note; in who and source even CRLF
    # is refused (test_one_line_text.py)
    ok = kpi("record", "23.1", "600", "--date", "2023-06-30", "--note", "a\rb\nc", option, "x")
    assert ok.exit_code == 0, ok.stderr
    assert not (data_dir / "progress" / "in.csv").exists()
