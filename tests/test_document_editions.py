"""Any ``Document`` written as HTML or as Word loses nothing the terminal and Markdown show: a
table's title and what follows it, the word a table without rows says (and no header then), a
cell's look (struck out, muted, a task's line), a status's colour on a word, a row and a column's
head, a bar's figure. Small documents built here; the HTML parsed, the Word read back."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from linzi_kpi.enums import Status
from linzi_kpi.render.bulletin import write_html
from linzi_kpi.render.document import Cell, Column, Document, Part, Row, Table, Text
from linzi_kpi.render.labels import INK

LEAD = Table("lead", (Column("id"), Column("label", wrap=True), Column("value", num=True),
                      Column("progress", num=True), Column("at risk", num=True,
                                                           status=Status.at_risk)),
             (Row((Cell("1.1"), Cell("新增充电桩"), Cell("✗ 600 个", style="struck"),
                   Cell("39.5%", bar=(0.395, 0.496)), Cell("1/0"))),
              Row((Cell("3"), Cell("推进城市更新", style="task"),
                   Cell("[withdrawn]", style="muted"), Cell(""),
                   Cell("at risk", Status.at_risk)), status=Status.off_track)),
             title="lead (2 lines)",
             then=(Cell(": "), Cell("at risk 1", Status.at_risk), Cell(" · "),
                   Cell("off track 1", Status.off_track)))
SHARED = Table("shared", LEAD.columns, (), title="shared (0 lines)", empty="none")
DOC = Document(lang="en", title="区发改局", heading="区发改局", meta="",
               parts=(Part("dept", "", (
                   Text("区发改局", kind="strong", then=(Cell(" — as of "),
                                                        Cell("off track", Status.off_track))),
                   LEAD, SHARED)),))


class Parsed(HTMLParser):
    """Each element's tag, attributes and the text directly inside it, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}, []))
        if tag not in ("meta", "col", "br"):
            self.open.append(len(self.found) - 1)

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for i in self.open:  # an element's text is all the text inside it
            self.found[i][2].append(data)

    def text(self, tag: str, **attrs: str) -> list[str]:
        return ["".join(t) for name, a, t in self.found if name == tag
                and all(a.get(k) == v for k, v in attrs.items())]

    def attrs(self, tag: str, text: str) -> dict[str, str]:
        return next(a for name, a, t in self.found if name == tag and "".join(t) == text)


@pytest.fixture(scope="module")
def page() -> Parsed:
    parsed = Parsed()
    parsed.feed(write_html(DOC))
    return parsed


def test_html_writes_a_tables_title_and_what_follows_it_in_its_colours(page: Parsed) -> None:
    assert page.text("h3") == ["lead (2 lines): at risk 1 · off track 1", "shared (0 lines)"]
    assert page.attrs("span", "at risk 1")["style"] == f"color:#{INK[Status.at_risk]}"
    assert page.attrs("span", "off track 1")["style"] == f"color:#{INK[Status.off_track]}"
    assert page.text("p", **{"class": "strong"}) == ["区发改局 — as of off track"]


def test_html_writes_the_word_for_none_and_no_header_for_a_table_without_rows(
        page: Parsed) -> None:
    assert page.text("p", **{"class": "empty"}) == ["none"]
    assert len(page.text("table")) == 1 and len(page.text("thead")) == 1


def test_html_keeps_a_cells_look_a_rows_colour_and_a_columns_head(page: Parsed) -> None:
    assert page.text("del") == ["✗ 600 个"]
    assert page.text("span", **{"class": "muted"}) == ["[withdrawn]"]
    assert page.text("i") == ["", "推进城市更新"]  # the bar's share, and the task
    assert page.attrs("tr", "3推进城市更新[withdrawn]at risk")["style"] == (
        f"color:#{INK[Status.off_track]}")
    assert page.attrs("span", "at risk")["style"] == f"color:#{INK[Status.at_risk]}"  # the head
    assert page.text("td", **{"class": "num"})[1] == "39.5%"  # the figure, its bar beside it
    share = next(a for name, a, _ in page.found if name == "i" and "width" in a.get("style", ""))
    assert share["style"] == "width:39.5%"


def test_html_of_a_document_without_a_bulletin_has_no_empty_headings(page: Parsed) -> None:
    assert page.text("h1") == ["区发改局"] and page.text("h2") == [] and page.text("footer") == []


docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory):
    from linzi_kpi.render import docx_writer

    path = tmp_path_factory.mktemp("word") / "dept.docx"
    docx_writer.write(DOC, path)
    return docx.Document(str(path))


def runs_of(word) -> dict[str, object]:
    """Every run of the document, its text to the run (paragraphs and table cells)."""
    paragraphs = list(word.paragraphs) + [p for t in word.tables for row in t.rows
                                          for cell in row.cells for p in cell.paragraphs]
    return {r.text: r for p in paragraphs for r in p.runs}


def colour(run) -> str | None:
    return None if run.font.color.rgb is None else str(run.font.color.rgb)


def test_word_writes_a_tables_title_and_the_word_for_none_without_a_header(word) -> None:
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 3"]
    assert headings == ["lead (2 lines): at risk 1 · off track 1", "shared (0 lines)"]
    texts = [p.text for p in word.paragraphs]
    assert texts[texts.index("shared (0 lines)") + 1] == "none"
    assert len(word.tables) == 1  # the table without rows has no header either
    runs = runs_of(word)
    assert colour(runs["at risk 1"]) == INK[Status.at_risk]
    assert colour(runs["off track 1"]) == INK[Status.off_track]
    assert [p.text for p in word.paragraphs][1] == "区发改局 — as of off track"


def test_word_keeps_a_cells_look_a_rows_colour_and_a_columns_head(word) -> None:
    runs = runs_of(word)
    struck = runs["✗ 600 个"]
    assert struck.font.strike and colour(struck) == "59636E"
    assert colour(runs["3"]) == INK[Status.off_track]  # its row's colour
    assert colour(runs["[withdrawn]"]) == "59636E"  # muted even there
    assert runs["推进城市更新"].font.italic
    assert runs["at risk"].font.bold and colour(runs["at risk"]) == INK[Status.at_risk]
    assert colour(runs["新增充电桩"]) is None
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["id", "label", "value", "progress", "at risk"]
    assert colour(table.rows[0].cells[4].paragraphs[0].runs[0]) == INK[Status.at_risk]
    assert table.rows[1].cells[3].text == "39.5%"  # a bar's figure, written alone


def test_word_of_a_struck_cell_in_a_plain_row_is_grey(tmp_path: Path) -> None:
    from linzi_kpi.render import docx_writer

    plain = Document(lang="en", title="t", heading="t", meta="", parts=(Part("p", "", (
        Table("t", (Column("a"),), (Row((Cell("gone", style="struck"),)),
                                    Row((Cell("quiet", style="muted"),)))),)),))
    docx_writer.write(plain, tmp_path / "t.docx")
    runs = runs_of(docx.Document(str(tmp_path / "t.docx")))
    assert runs["gone"].font.strike and colour(runs["gone"]) == "59636E"
    assert not runs["quiet"].font.strike and colour(runs["quiet"]) == "59636E"
