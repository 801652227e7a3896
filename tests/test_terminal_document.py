"""The terminal writer of a ``Document`` (render/terminal.py), and the views built once as one:
``kpi changes``, ``kpi history`` and ``kpi dept`` print the same rows as a table and as
Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

from linzi_kpi.enums import Status
from linzi_kpi.render import terminal
from linzi_kpi.render.document import Cell, Column, Document, Part, Row, Table, Text
from linzi_kpi.render.labels import STYLE


def doc(*blocks: Text | Table) -> Document:
    return Document(lang="en", title="t", heading="", meta="", parts=(Part("p", "", blocks),))


def printed(document: Document, width: int) -> tuple[list[str], Console]:
    screen = Console(width=width, record=True, force_terminal=True, color_system="truecolor",
                     markup=False, highlight=False, emoji=False, soft_wrap=False)
    screen.print(terminal.render(document))
    return [line.rstrip() for line in screen.export_text(clear=False).splitlines()], screen


def styled(screen: Console, document: Document, text: str) -> str:
    """The style of the piece of output that reads ``text``."""
    found = [str(s.style) for s in screen.render(terminal.render(document)) if s.text == text]
    assert found, text
    return found[0]


LONG_LABEL = "新增各类充电桩和公共充电站及配套设施"

TABLE = Table("moves", (Column("id"), Column("label", wrap=True), Column("department"),
                        Column("value", num=True)),
              (Row((Cell("23.1"), Cell(LONG_LABEL), Cell("区综合行政执法局"), Cell("1,080 个"))),
               Row((Cell("8.1"), Cell("入库新经济企业"), Cell("区发改局"), Cell("12 家")))),
              title="moves (2)")


def test_a_table_keeps_ids_names_and_figures_whole_and_wraps_its_labels() -> None:
    lines, _ = printed(doc(TABLE), 52)
    # the label takes what the id, the name and the figure leave of 52 columns
    assert lines == [
        "moves (2)",
        "id     label             department            value",
        "────────────────────────────────────────────────────",
        "23.1   新增各类充电桩    区综合行政执法局   1,080 个",
        "       和公共充电站及",
        "       配套设施",
        "8.1    入库新经济企业    区发改局              12 家",
    ]


def test_a_table_that_fits_is_drawn_at_its_natural_widths() -> None:
    lines, _ = printed(doc(TABLE), 120)
    assert lines[1:] == [
        "id     label                                  department            value",
        "─────────────────────────────────────────────────────────────────────────",
        f"23.1   {LONG_LABEL}   区综合行政执法局   1,080 个",
        "8.1    入库新经济企业                         区发改局              12 家",
    ]


def test_a_table_without_rows_says_so_on_one_line_under_its_title_word() -> None:
    empty = Table("new", (Column("id"),), (), title="new figures (0)", empty="none")
    lines, screen = printed(doc(Text("2023-05-31 to 2023-06-30", kind="strong"), empty), 80)
    assert lines == ["2023-05-31 to 2023-06-30", "new figures (0): none"]
    assert styled(screen, doc(empty), "new figures (0): none") == "bold"


def test_a_status_word_is_in_its_colour_and_data_is_never_markup() -> None:
    said = doc(Text("as of 2023-06-30: ", then=(Cell("off track", Status.off_track),)),
               Text("[red]x[/red] **not bold**"))
    lines, screen = printed(said, 80)
    assert lines == ["as of 2023-06-30: off track", "[red]x[/red] **not bold**"]
    assert styled(screen, said, "off track") == STYLE[Status.off_track]
    assert styled(screen, said, "as of 2023-06-30: ") == "none"


def test_a_struck_figure_and_a_muted_note_keep_their_words() -> None:
    gone = doc(Text("", then=(Cell("✗ 2023-07-15 600 个", style="struck"),
                              Cell(" [withdrawn by tester]", style="muted"))))
    lines, screen = printed(gone, 80)
    assert lines == ["✗ 2023-07-15 600 个 [withdrawn by tester]"]
    assert styled(screen, gone, "✗ 2023-07-15 600 个") == "dim strike"
    assert styled(screen, gone, " [withdrawn by tester]") == "dim"


# ---------------------------------------------------------------- the views, one value

FIGURES = """target,value,date,source
1.1,300,2023-05-31,区发改局月报
1.1,474,2023-06-30,区发改局月报
2.1,160,2023-06-30,区科技局月报
"""


@pytest.fixture
def filled(small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KPI_TODAY", "2023-07-05")
    monkeypatch.setenv("COLUMNS", "200")  # every row on one line: the cells read apart
    (small_plan.parent / "figures.csv").write_text(FIGURES, encoding="utf-8")
    assert kpi("record", "--from", "figures.csv").exit_code == 0
    return small_plan


def table_rows(text: str) -> list[list[str]]:
    """The rows of every table on a terminal: the lines under a rule, cells apart by 3 spaces."""
    rows, inside = [], False
    for line in text.splitlines():
        if line.startswith("─"):
            inside = True
        elif inside and line.startswith(" ") or not line.strip():
            continue
        elif inside and re.search(r"\S {3,}\S", line):
            rows.append(re.split(r" {3,}", line.strip()))
        else:
            inside = False
    return rows


def markdown_rows(text: str) -> list[list[str]]:
    """The rows of every Markdown table, without its header and its rule."""
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    heads = {i for i, line in enumerate(lines) if i + 1 < len(lines)
             and lines[i + 1].startswith("| ---")}
    return [line[2:-2].split(" | ") for i, line in enumerate(lines)
            if i not in heads and not line.startswith("| ---")]


def test_changes_prints_the_same_rows_as_a_table_and_as_markdown(filled: Path, kpi) -> None:
    args = ("changes", "2023-05-31", "2023-06-30", "--lang", "en")
    table = kpi(*args).stdout
    markdown = kpi(*args, "--format", "markdown").stdout
    expected = [
        ["2.1", "高新技术企业数量", "no data", "↑ on track", "— → 160 家"],
        ["2023-06-30", "1.1", "新增充电桩", "474 个", "tester", "区发改局月报"],
        ["2023-06-30", "2.1", "高新技术企业数量", "160 家", "tester", "区科技局月报"],
        ["区发改局", "1.2 1.3 1.4"],
        ["区科技局", "2.2 2.3 2.4"],
        ["—", "3"],  # 各镇、街道 is a collective name: nobody owes task 3
    ]
    assert markdown_rows(markdown) == expected
    assert table_rows(table) == expected
    # the headings: each table's title on the terminal, a ### heading in Markdown
    titles = ["status moves (1)", "new figures (2)", "not reported 2023-06 (7)"]
    assert [line.rstrip() for line in table.splitlines() if line.rstrip() in titles] == titles
    assert [line[4:] for line in markdown.splitlines() if line.startswith("### ")] == titles


def test_history_prints_the_same_rows_as_a_table_and_as_markdown(filled: Path, kpi) -> None:
    args = ("history", "1.1", "--as-of", "2023-06-30", "--lang", "en")
    table = kpi(*args).stdout
    markdown = kpi(*args, "--format", "markdown").stdout
    expected = [["2023-05-31", "300", "25.0%", "41.4%", "at risk", "tester", "区发改局月报"],
                ["2023-06-30", "474", "39.5%", "49.6%", "at risk", "tester", "区发改局月报"]]
    assert markdown_rows(markdown) == expected
    assert table_rows(table) == expected
    # the sentences around the table: the same words, the first and last bold in Markdown
    sentences = ["1.1 新增充电桩",
                 "target 1200 个 · deadline 2023-12-31 · as of 2023-06-30: at risk",
                 "trend ▃▄",
                 "pace so far: 474 个 by 2023-06-30 (2.62 个 a day), 39.5% done at 49.6% 序时进度",
                 "at this pace: 956 of 1,200 by 2023-12-31, short by 244"]
    lines = [line.rstrip() for line in table.splitlines()]
    assert lines[:2] + lines[-3:] == sentences
    said = [line for line in markdown.splitlines() if line and not line.startswith("|")]
    assert said == [f"**{sentences[0]}**", *sentences[1:4], f"**{sentences[4]}**"]



# ---------------------------------------------------------------- bars, heads, a row's colour

BARS = Table("t", (Column("id"), Column("progress", num=True), Column("status")),
             (Row((Cell("1.1"), Cell("39.5%", bar=(0.395, 0.496)), Cell("at risk"))),
              Row((Cell("1.2"), Cell("≥ 56"), Cell("met"))),
              Row((Cell("1.3"), Cell("—", bar=(None, None)), Cell("no data")))))


@pytest.mark.parametrize(("width", "bar"), [(80, "██│░░"), (100, "████░│░░░░"),
                                            (120, "████████░░│░░░░░░░░░")])
def test_a_bar_is_as_wide_as_the_terminal_affords_and_its_column_flush_left(
        width: int, bar: str) -> None:
    lines, _ = printed(doc(BARS), width)
    room = " " * len(bar)
    assert lines == [f"id    progress{room[1:]}   status", "─" * (23 + len(bar)),
                     f"1.1    39.5% {bar}   at risk",
                     f"1.2   ≥ 56      {room}met",  # flush left, as the bars are
                     f"1.3        —    {room}no data"]  # no figure: an empty bar
    # the other editions write the figure alone
    from linzi_kpi.render.document import markdown

    assert "| 1.1 | 39.5% | at risk |" in markdown(doc(BARS))


WIDE = Table("t", (Column("department", wrap=True),
                   *(Column(f"{w} track", num=True, status=Status.on_track)
                     for w in ("off", "on", "far", "near"))),
             (Row((Cell("区综合行政执法局"), *(Cell("15/19") for _ in range(4))),
                  status=Status.at_risk),))


def test_heads_take_a_word_to_a_line_where_they_do_not_fit_on_one() -> None:
    assert printed(doc(WIDE), 80)[0] == [
        "department         off track   on track   far track   near track", "─" * 64,
        "区综合行政执法局       15/19      15/19       15/19        15/19"]
    lines, screen = printed(doc(WIDE), 60)
    assert lines == ["                     off      on     far    near",
                     "department         track   track   track   track", "─" * 48,
                     "区综合行政执法局   15/19   15/19   15/19   15/19"]
    # the row in its status's colour, a status's column headed in its colour
    assert styled(screen, doc(WIDE), "区综合行政执法局") == STYLE[Status.at_risk]
    assert STYLE[Status.on_track] in styled(screen, doc(WIDE), "track")
    # narrower still, the name folds where a reader breaks it, its head a word whole at least
    assert printed(doc(WIDE), 44)[0][-2:] == ["区综合行政执   15/19   15/19   15/19   15/19",
                                              "法局"]


def test_what_follows_a_title_keeps_its_colours_and_is_in_the_markdown_heading() -> None:
    from linzi_kpi.render.document import markdown

    counted = Table("lead", (Column("id"),), (Row((Cell("1.1"),)),), title="lead (1 line)",
                    then=(Cell(": "), Cell("at risk 1", Status.at_risk)))
    lines, screen = printed(doc(counted), 80)
    assert lines == ["lead (1 line): at risk 1", "id", "───", "1.1"]  # not folded to the table
    assert styled(screen, doc(counted), "at risk 1") == f"bold {STYLE[Status.at_risk]}"
    assert markdown(doc(counted)).startswith("### lead (1 line): at risk 1\n\n| id |\n")


def test_dept_prints_the_same_rows_as_a_table_and_as_markdown(filled: Path, kpi) -> None:
    args = ("dept", "区发改局", "--as-of", "2023-06-30", "--lang", "en")
    table = kpi(*args).stdout
    markdown = kpi(*args, "--format", "markdown").stdout
    rows = markdown_rows(markdown)
    assert rows[:2] == [["1.1", "新增充电桩", "474/1200 个", "39.5%", "49.6%", "at risk"],
                        ["1.2", "重点项目", "—/8 个", "—", "49.6%", "no data"]]
    # on the terminal the same cells, the share with its bar (20 cells at 200 columns)
    drawn = table_rows(table)
    assert drawn[0] == ["1.1", "新增充电桩", "474/1200 个", "39.5% ████████░░│░░░░░░░░░",
                        "49.6%", "at risk"]
    assert [r[:3] + r[-2:] for r in drawn] == [r[:3] + r[-2:] for r in rows]
    titles = [line[4:] for line in markdown.splitlines() if line.startswith("### ")]
    assert titles == ["lead (4 lines): at risk 1 · no data 3", "shared (0 lines)"]
    assert titles[0] in table.splitlines()
    assert "shared (0 lines): none" in table.splitlines()  # in Markdown, its own paragraph
    assert markdown.endswith("### shared (0 lines)\n\nnone\n")
    assert markdown.splitlines()[0] == "**区发改局** — as of 2023-06-30"
    assert table.splitlines()[0] == "区发改局 — as of 2023-06-30"
