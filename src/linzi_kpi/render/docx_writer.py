"""The Word edition of a ``Document`` (python-docx): what the office edits in Word or WPS and
issues. A4 portrait with the margins of official documents (GB/T 9704: top 37 mm, bottom 35 mm,
left 28 mm, right 26 mm); Chinese fonts set as the East Asian font of every style and every run
(黑体 for the title and headings, 仿宋 for the text, 宋体 in tables), so that no reader falls back
to Calibri for Chinese; page numbers in the footer; table rows that do not split across pages and
header rows repeated on each page. Charts are left out: their figures are in the tables.

python-docx is imported inside ``write`` only (start-up stays light).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .document import Cell, Document, Heading, Table, Text, shown
from .labels import INK
from .standing import section_number

#: East Asian fonts by role, and the Latin font beside each.
TITLE_FONT, HEADING_FONT, BODY_FONT, TABLE_FONT = "黑体", "黑体", "仿宋", "宋体"
LATIN = "Times New Roman"
#: Other names of the same faces, declared in the document's font table, so that a reader
#: without the Chinese name finds the face by its English one (and, with neither, a GB2312 font).
ALT_NAMES = {"黑体": "SimHei", "仿宋": "FangSong", "宋体": "SimSun"}

#: Sizes in points: 二号 title, 三号 text and headings (the official sizes), 五号 tables.
TITLE_PT, BODY_PT, H2_PT, H3_PT, TABLE_PT, NOTE_PT = 22, 16, 16, 15, 10.5, 12

#: The margins of official documents, in millimetres (GB/T 9704-2012).
MARGINS = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def _fonts(element: Any, east_asia: str, latin: str = LATIN) -> None:
    """Set the fonts of a run's or a style's properties, the East Asian one above all: theme
    fonts (which name Calibri, or the reader's own choice) are removed."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")
    # the language of East Asian text: a reader without the face picks a Simplified Chinese one
    # (LibreOffice asks fontconfig for zh-CN), never the Japanese forms of the glyphs
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _run(paragraph: Any, text: str, font: str, size: float, bold: bool = False,
         colour: str | None = None) -> Any:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    _fonts(run._element, font)
    return run


def _styles(doc: Any) -> None:
    """Every style the document uses, and the defaults under them, with Chinese fonts."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = rpr.makeelement(qn("w:rFonts"), {})
                rpr.insert(0, fonts)
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attr), LATIN)
            fonts.set(qn("w:eastAsia"), BODY_FONT)
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = rpr.makeelement(qn("w:lang"), {})
                rpr.append(lang)
            lang.set(qn("w:eastAsia"), "zh-CN")
    for style in doc.styles:
        if style.type is None or not hasattr(style, "font"):
            continue
        name = style.name or ""
        east = HEADING_FONT if name.startswith(("Heading", "Title")) else BODY_FONT
        if name in ("Table Grid", "Normal Table"):
            east = TABLE_FONT
        _fonts(style.element, east)
        if name.startswith(("Heading", "Title")):
            style.font.color.rgb = RGBColor(0, 0, 0)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    for name, size in (("Heading 1", TITLE_PT), ("Heading 2", H2_PT), ("Heading 3", H3_PT)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.paragraph_format.keep_with_next = True


def _font_table(doc: Any) -> None:
    """Declare each Chinese face with its English name and the GB2312 character set."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    part = next((r.target_part for r in doc.part.rels.values() if r.reltype == RT.FONT_TABLE),
                None)
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in ALT_NAMES.items():
        if name in have:
            continue
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "modern"})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "fixed"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    section.footer_distance = Mm(20)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "— ", BODY_FONT, 14)
    _field(footer, "PAGE")
    _run(footer, " —", BODY_FONT, 14)


def _field(paragraph: Any, code: str) -> None:
    """A field (PAGE) the reader fills in: begin, instruction, separator, a shown value, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        run = _run(paragraph, "", BODY_FONT, 14)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._element.append(el)

    char("begin")
    run = _run(paragraph, "", BODY_FONT, 14)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run._element.append(instr)
    char("separate")
    _run(paragraph, "1", BODY_FONT, 14)
    char("end")


def _row_props(row: Any, header: bool) -> None:
    """A row that does not split across pages; a header row repeated on every page."""
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _narrow_cells(grid: Any) -> None:
    """Cell margins of 1 mm at the sides (Word's 1.9 mm wraps 87.5% in a column of figures)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "57")  # twentieths of a point: 1 mm
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    grid._tbl.tblPr.append(margins)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


#: The grey of a muted or struck-out stretch.
MUTED = "59636E"


def _cell_runs(p: Any, cell: Cell, font: str, size: float, bold: bool = False,
               colour: str | None = None) -> None:
    """A cell's words in its look: a status word bold in its colour, a struck-out figure struck
    and grey, a muted stretch grey, a task's line in italics; its muted part grey."""
    if cell.status is not None:
        bold, colour = True, INK[cell.status]
    elif cell.style in ("struck", "muted"):
        colour = MUTED
    run = _run(p, cell.text, font, size, bold=bold, colour=colour)
    run.font.strike = cell.style == "struck" or None
    run.font.italic = cell.style == "task" or None
    if cell.sub:
        _run(p, cell.sub, font, size, colour=MUTED)


def _table(doc: Any, table: Table, width_mm: float) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    if table.title:  # its heading, and what follows it in its look (": 预警 1 · 正常 2")
        title = _heading(doc, table.title, 3)
        for c in table.then:
            _cell_runs(title, c, HEADING_FONT, H3_PT, bold=True, colour="000000")
    if not table.rows and table.empty:  # the word for none, and no header either
        _paragraph(doc, Text(table.empty), indent=False, muted=True)
        return
    cols = shown(table)
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(cols))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    total = sum(table.columns[i].width for i in cols) or 1
    widths = [Mm(width_mm * table.columns[i].width / total) for i in cols]
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = w  # the table grid, which LibreOffice and WPS lay out by
    _narrow_cells(grid)

    def fill(cell: Any, c: Cell, j: int, bold: bool = False, colour: str | None = None) -> None:
        cell.width = widths[j]
        p = cell.paragraphs[0]
        p.paragraph_format.space_before = Pt(0)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        p.paragraph_format.first_line_indent = None
        if table.columns[cols[j]].num:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _cell_runs(p, c, TABLE_FONT, TABLE_PT, bold=bold, colour=colour)

    head = grid.rows[0]
    _row_props(head, header=True)
    for j, i in enumerate(cols):
        column = table.columns[i]
        # a status's column headed in its colour
        fill(head.cells[j], Cell(column.head), j, bold=True,
             colour=INK[column.status] if column.status is not None else None)
        _shade(head.cells[j], "E7EBEF")
    for row, source in zip(grid.rows[1:], table.rows, strict=True):
        _row_props(row, header=False)
        # the whole row in its status's colour (a department's worst)
        ink = INK[source.status] if source.status is not None else None
        for j, i in enumerate(cols):
            fill(row.cells[j], source.cells[i], j, colour=ink)


def _paragraph(doc: Any, text: Text, size: float = BODY_PT, indent: bool = True,
               muted: bool = False) -> None:
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.line_spacing = Pt(size * 1.6) if size >= BODY_PT else Pt(size * 1.4)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)  # 首行缩进两字
    for stretch, bold in text.own_pieces():
        _run(p, stretch, BODY_FONT, size, bold=bold, colour=MUTED if muted else None)
    for c in text.then:  # what follows it, each part in its look
        _cell_runs(p, c, BODY_FONT, size, colour=MUTED if muted else None)


def _heading(doc: Any, text: str, level: int) -> Any:
    from docx.shared import Pt

    p = doc.add_paragraph(style=f"Heading {level}")
    p.paragraph_format.space_before = Pt(12 if level == 2 else 8)
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.keep_with_next = True
    _run(p, text, HEADING_FONT, H2_PT if level == 2 else H3_PT, bold=True, colour="000000")
    return p


def build(d: Document) -> Any:
    """The Word document (a python-docx ``Document``) of ``d``: the parts for the brief."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = docx.Document()
    _styles(doc)
    _font_table(doc)
    _page(doc)
    doc.core_properties.title = d.title
    doc.core_properties.language = d.names.get("html_lang", "")
    width = 210 - MARGINS["left"] - MARGINS["right"]
    title = doc.add_paragraph(style="Heading 1")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    _run(title, d.names.get("plan", d.heading), TITLE_FONT, TITLE_PT, colour="000000")
    if d.names.get("bulletin"):
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(sub, d.names["bulletin"], HEADING_FONT, H2_PT, bold=True)
    if d.meta:
        meta = doc.add_paragraph()
        meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
        meta.paragraph_format.space_after = Pt(12)
        _run(meta, d.meta, BODY_FONT, 14)
    for banner in d.banners:
        _paragraph(doc, Text(banner), NOTE_PT, indent=False)
    numbered = d.lang == "zh"  # a 公文 numbers its headings: 一、 and under it （一）
    n = 0
    for part in (part for part in d.parts if part.brief):
        if part.heading:
            n += 1
            _heading(doc, f"{section_number(n)}、{part.heading}" if numbered else part.heading, 2)
        item = 0
        for block in part.blocks:
            if isinstance(block, Heading):
                item += 1
                _heading(doc, f"（{section_number(item)}）{block.text}" if numbered else block.text,
                         3)
            elif isinstance(block, Text):
                note = block.kind == "note"
                _paragraph(doc, block, NOTE_PT if note else BODY_PT, indent=not note,
                           muted=note)
            elif isinstance(block, Table):
                _table(doc, block, width)
                doc.add_paragraph().paragraph_format.space_after = Pt(0)
    footer = d.brief_footer or d.footer
    if footer:
        _paragraph(doc, Text(footer), NOTE_PT, indent=False, muted=True)
    return doc


def write(d: Document, path: Path) -> None:
    """Save the Word edition of ``d`` at ``path`` (the caller writes whole or not at all)."""
    build(d).save(str(path))
