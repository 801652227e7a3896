"""The Word bulletin (kpi report --format docx) and one department's page (--dept), on the small
plan built in conftest.py: read back with python-docx; the slow tests convert it with the real
LibreOffice and read the PDF's text with pdftotext."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from docx.oxml.ns import qn  # noqa: E402
from lxml import etree  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample"

#: Status and state codes that must never show in the Chinese edition.
CODES = re.compile(r"in_progress|not_started|blocked|\bdone\b|on_track|at_risk|off_track|"
                   r"no_data|\bmet\b|missed|on track|at risk|off track|no data")
FONTS = {"黑体", "仿宋", "宋体"}


@pytest.fixture
def june(small_plan: Path, kpi, monkeypatch) -> Path:
    """A few figures of the small plan in June, two of them with the department's note."""
    monkeypatch.chdir(small_plan.parent)
    monkeypatch.setenv("KPI_TODAY", "2023-07-10")
    for args in (("record", "1.1", "100", "--date", "2023-06-30", "--note", "受雨季影响施工延误"),
                 ("record", "1.2", "4", "--date", "2023-06-30"),
                 ("record", "1.3", "40", "--date", "2023-05-31", "--note", "专项债已申报"),
                 ("record", "1.3", "50", "--date", "2023-06-30")):
        assert kpi(*args).exit_code == 0, args
    return small_plan


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(parts)


def _summary(kpi) -> dict[str, int]:
    return json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)["summary"]


def test_the_word_bulletin_reads_back_with_its_counts_names_and_notes(june: Path, kpi,
                                                                      monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    result = kpi("report", "--as-of", "2023-06-30", "--format", "docx", "通报.docx")
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(r"已写入 通报\.docx：8 个指标，截至 2023-06-30（\d+ KB）\n", result.stdout)
    document = docx.Document(str(june.parent / "通报.docx"))
    text = _text(document)
    counts = _summary(kpi)
    words = {"met": "已完成", "on_track": "正常", "at_risk": "预警", "off_track": "滞后",
             "missed": "未完成", "no_data": "无数据"}
    shown = "、".join(f"{words[s]} {counts[s]} 个" for s in words if counts[s])
    assert f"截至 2023年6月30日，{sum(counts.values())} 个数值指标中，{shown}。" in text
    assert (counts["off_track"], counts["on_track"]) == (1, 2)  # 1.1 behind; 1.2, 1.3 on track
    # the status groups, 滞后 first, with figure, progress, 序时进度, gap, lead and the note
    assert text.index("滞后（1 个）") < text.index("正常（2 个）")
    assert ("1.1 | 新增充电桩 | 100 / 1,200 个 | 8.3% | 49.6% | +41.3 | 区发改局 | "
            "受雨季影响施工延误（2023-06-30）") in text
    # the latest note, though a later figure came without one
    assert "1.3 | 新建改造道路 | 50 / 116.1 公里 | 43.1% | 49.6% | +6.5 | 区发改局 | 专项债已申报（2023-05-31）" in text
    # 未报送 by the department that owes it, by name
    assert ("区科技局 | 4 | 2.1 高新技术企业数量；2.2 生活污水处理率；2.3 粮食播种面积；2.4 黑臭水体"
            in text)
    assert "区发改局 | 1 | 1.4 公共充电站" in text
    assert "排序规则" in text
    assert not CODES.search(text), CODES.search(text)
    # A4 portrait, the margins of official documents
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    # page numbers: a PAGE field in the footer
    footer = section.footer.paragraphs[0]._p.xml
    assert "<w:instrText" in footer and " PAGE " in footer


def test_every_style_and_run_names_a_chinese_east_asian_font(june: Path, kpi) -> None:
    assert kpi("report", "--as-of", "2023-06-30", "b.docx").exit_code == 0
    document = docx.Document(str(june.parent / "b.docx"))
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for r in p.runs]
    runs += [r for p in document.sections[0].footer.paragraphs for r in p.runs]
    assert len(runs) > 100
    for run in runs:
        fonts = run._element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) in FONTS, run.text
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) in FONTS, name
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
    defaults = etree.tostring(document.styles.element.find(qn("w:docDefaults")), encoding=str)
    assert 'w:eastAsia="仿宋"' in defaults and "Theme" not in defaults.split("<w:rFonts", 1)[1].split(">")[0]
    assert 'w:eastAsia="zh-CN"' in defaults
    # each face declared with its English name and the GB2312 character set (the fallbacks)
    table = next(p for p in document.part.package.iter_parts()
                 if str(p.partname) == "/word/fontTable.xml").blob.decode("utf-8")
    for name, alt in (("黑体", "SimHei"), ("仿宋", "FangSong"), ("宋体", "SimSun")):
        assert f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>' in table


def test_table_rows_do_not_split_and_header_rows_repeat(june: Path, kpi) -> None:
    assert kpi("report", "--as-of", "2023-06-30", "b.docx").exit_code == 0
    document = docx.Document(str(june.parent / "b.docx"))
    assert len(document.tables) >= 5
    for table in document.tables:
        first, *rest = table.rows
        assert first._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rest)


def test_the_english_edition(june: Path, kpi) -> None:
    assert kpi("report", "--as-of", "2023-06-30", "--lang", "en", "b.docx").exit_code == 0
    text = _text(docx.Document(str(june.parent / "b.docx")))
    for heading in ("Overview", "Targets by status", "Departments", "off track (1)"):
        assert heading in text, heading
    assert "总体情况" not in text and "滞后" not in text
    assert "示例区2023年重点工作任务" in text  # plan text as written


def test_one_departments_page_in_every_edition(june: Path, kpi, monkeypatch) -> None:
    monkeypatch.setenv("KPI_LANG", "zh")
    out = kpi("report", "--as-of", "2023-06-30", "--dept", "区发改局", "--format", "markdown").stdout
    lines = out.splitlines()
    assert lines[0] == "# 区发改局 工作进度（截至 2023年6月30日）"
    assert ("区发改局牵头 4 项、参与（责任）0 项。牵头的：正常 2 项、滞后 1 项、无数据 1 项。"
            "2023年6月尚有 1 项未报送，见下。") in lines
    assert "| 1.4 | 公共充电站 | — |" in lines  # owed, never reported
    assert ("| 1.1 | 新增充电桩 | 100 / 1,200 个 | 8.3% | 49.6% | +41.3 | 滞后 | "
            "受雨季影响施工延误（2023-06-30） |") in lines
    # an alias, the other editions
    assert kpi("report", "--as-of", "2023-06-30", "--dept", "区农业局", "p.html").exit_code == 0
    page = (june.parent / "p.html").read_text(encoding="utf-8")
    assert "<h1>区农业农村局</h1>" in page and "参与（责任，4 项）" in page
    result = kpi("report", "--as-of", "2023-06-30", "--dept", "区发改局", "p.docx")
    assert re.fullmatch(r"已写入 p\.docx：区发改局进度页，截至 2023-06-30（\d+ KB）\n",
                        result.stdout)
    text = _text(docx.Document(str(june.parent / "p.docx")))
    assert "1.4 | 公共充电站 | —" in text
    result = kpi("report", "--dept", "区财政局")
    assert (result.exit_code, result.stderr) == (
        1, "错误：未知部门 '区财政局'（您是否要找 区科技局？）\n")


def test_report_usage_errors_for_files(june: Path, kpi) -> None:
    result = kpi("report", "--format", "docx")
    assert (result.exit_code, result.stderr) == (
        2, "error: a Word document cannot go to standard output: name a file, e.g. kpi report "
           "--format docx 通报.docx (`kpi report -h` shows how to use it)\n")
    result = kpi("report", "--format", "docx", "b.html")
    assert (result.exit_code, result.stderr) == (2, "error: b.html: name the Word document *.docx"
                                                    " (`kpi report -h` shows how to use it)\n")
    result = kpi("report", "b.pdf")
    assert (result.exit_code, result.stderr) == (
        2, "error: cannot tell the form from b.pdf: name it *.docx, *.html or *.md, or pass "
           "--format (`kpi report -h` shows how to use it)\n")
    result = kpi("report", "--format", "markdown", "b.docx")
    assert (result.exit_code, result.stderr) == (2, "error: b.docx: name the Markdown file *.md"
                                                    " (`kpi report -h` shows how to use it)\n")
    result = kpi("report", "b.docx", "--html", "b.html")
    assert (result.exit_code, result.stderr) == (2, "error: give OUT or --html OUT.html, not both"
                                                    " (`kpi report -h` shows how to use it)\n")
    assert not any(june.parent.glob("b.*"))


# ---------------------------------------------------------------- LibreOffice and pdftotext

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def _pdf(source: Path, out_dir: Path) -> tuple[str, int]:
    """The text of the document as LibreOffice prints it, and its number of pages."""
    assert SOFFICE is not None and PDFTOTEXT is not None
    profile = (out_dir / "lo-profile").as_uri()
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, HOME=str(out_dir)))
    pdf = out_dir / (source.stem + ".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text, text.count("\f") or 1


def _sample_or_june() -> list[str]:
    """--data-dir of the illustrative sample when it is in the tree, else the small plan's."""
    if (SAMPLE / "tasks.yaml").is_file() and any((SAMPLE / "progress").glob("*.csv")):
        return ["--data-dir", str(SAMPLE)]
    return []


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install libreoffice-writer-nogui")
@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed: apt-get install "
                    "poppler-utils")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_prints_the_word_bulletin_with_its_counts(june: Path, kpi, tmp_path: Path,
                                                              lang: str, monkeypatch) -> None:
    where = _sample_or_june()
    if where:
        monkeypatch.delenv("KPI_TODAY")  # the sample holds figures after the small plan's today
    out = tmp_path / "pdf"
    out.mkdir()
    source = out / f"通报-{lang}.docx"
    assert kpi("report", *where, "--as-of", "2023-06-30", "--lang", lang,
               str(source)).exit_code == 0
    text, pages = _pdf(source, out)
    flat = re.sub(r"\s+", "", text)
    counts = json.loads(kpi("status", *where, "--as-of", "2023-06-30", "--format",
                            "json").stdout)["summary"]
    total = sum(counts.values())
    if lang == "zh":
        words = {"met": "已完成", "on_track": "正常", "at_risk": "预警", "off_track": "滞后",
                 "missed": "未完成", "no_data": "无数据"}
        shown = "、".join(f"{words[s]}{counts[s]}个" for s in words if counts[s])
        assert f"{total}个数值指标中，{shown}。" in flat
        assert not CODES.search(text), CODES.search(text)
        assert "总体情况" in text and "未报送" in text and "排序规则" in text
    else:
        assert f"of{total}numerictargets" in flat
        assert "Overview" in text and "总体情况" not in text
    assert 1 <= pages <= 14, pages  # a bulletin, not a dump of every table


def test_plan_text_is_written_as_is_never_read_as_bold(small_plan: Path, kpi, monkeypatch) -> None:
    """A section title holding ** stays as written in every edition (no bold, no markup)."""
    monkeypatch.chdir(small_plan.parent)
    monkeypatch.setenv("KPI_TODAY", "2023-07-10")
    plan = small_plan / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "title: 抓好组织实施", 'title: "抓好**组织**实施"'), encoding="utf-8")
    assert kpi("validate").exit_code == 0
    out = kpi("report", "--as-of", "2023-06-30", "--format", "markdown").stdout
    assert "二、抓好\\*\\*组织\\*\\*实施" in out  # in the note naming sections without targets
    assert kpi("report", "--as-of", "2023-06-30", "b.html").exit_code == 0
    page = (small_plan.parent / "b.html").read_text(encoding="utf-8")
    assert "二、抓好**组织**实施" in page and "<b>组织</b>" not in page
    assert kpi("report", "--as-of", "2023-06-30", "b.docx").exit_code == 0
    document = docx.Document(str(small_plan.parent / "b.docx"))
    note = next(p for p in document.paragraphs if "抓好" in p.text)
    assert "二、抓好**组织**实施" in note.text and not any(r.bold for r in note.runs)
