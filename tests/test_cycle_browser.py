"""The HTML bulletin in a real browser: headless Chromium renders ``kpi report --html``.

Slow (it starts a browser) and skipped where no Chromium is installed. In CI (Debian/Ubuntu):
``apt-get install -y chromium fonts-noto-cjk`` (the fonts so that the Chinese text renders as
text rather than boxes; the checks below hold either way).
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium or chromium-browser on PATH; "
                       "install it to run the browser test (Debian: apt-get install -y chromium "
                       "fonts-noto-cjk)"),
]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

#: A ledger to fall back on when the illustrative sample is not in the tree.
FALLBACK = """target,value,date,source
23.1,216,2023-03-14,示例
23.1,320,2023-05-31,示例
23.1,535,2023-06-30,示例
1.1,2,2023-06-30,示例
7.1,17,2023-06-30,示例
8.1,120,2023-03-31,示例
8.1,140,2023-06-30,示例
28.1,8,2023-06-30,示例
19,in_progress,2023-06-30,示例
"""


@pytest.fixture
def ledger_dir(tmp_path: Path, data_dir: Path, kpi) -> Path:
    """The illustrative sample workspace if present, else a few records in a temp workspace."""
    if (SAMPLE / "tasks.yaml").is_file() and any((SAMPLE / "progress").glob("*.csv")):
        return SAMPLE
    (tmp_path / "figures.csv").write_text(FALLBACK, encoding="utf-8")
    assert kpi("record", "--from", "figures.csv").exit_code == 0
    return data_dir


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180, check=True)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png_rows(data: bytes, rows: int) -> list[bytes]:
    """The first ``rows`` scanlines of an 8-bit RGB or RGBA PNG, unfiltered (stdlib zlib only)."""
    width, _ = png_size(data)
    depth, colour = data[24], data[25]
    assert depth == 8 and colour in (2, 6), f"unexpected PNG format: depth {depth}, colour {colour}"
    bpp = 4 if colour == 6 else 3
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompressobj().decompress(idat, rows * (1 + width * bpp))
    stride = width * bpp
    out: list[bytes] = []
    prev = bytearray(stride)
    for r in range(rows):
        kind = raw[r * (stride + 1)]
        line = bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        out.append(bytes(line))
        prev = line
    return [bytes(x for i, x in enumerate(line) if i % bpp < 3) for line in out]


def colours(rows: list[bytes]) -> set[str]:
    found = set()
    for line in rows:
        for i in range(0, len(line), 3):
            found.add(line[i:i + 3].hex())
    return found


@pytest.mark.lang("zh")
def test_the_bulletin_renders_with_its_charts(ledger_dir: Path, tmp_path: Path, kpi) -> None:
    page = tmp_path / "bulletin.html"
    result = kpi("report", "--data-dir", str(ledger_dir), "--as-of", "2023-06-30",
                 "--html", str(page))
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"(?i)https?:|url\(|<script|<link|src=|href=", html)
    summary = json.loads(kpi("status", "--data-dir", str(ledger_dir), "--as-of", "2023-06-30",
                             "--format", "json").stdout)["summary"]

    # What the browser built from the page: the title, the counts, the charts.
    dom = chromium(tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    assert ("<title>临淄区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务 "
            "进度通报（截至 2023年6月30日）</title>") in dom
    labels = {"met": "已完成", "on_track": "正常", "at_risk": "预警", "off_track": "滞后",
              "missed": "未完成", "no_data": "无数据"}
    for status, label in labels.items():
        assert f'<span class="n">{summary[status]}</span><span class="l">{label}</span>' in dom
    assert f'截至 2023年6月30日，{sum(summary.values())} 个数值指标中，' in dom
    chart = re.search(r'<svg class="chart sections".*?</svg>', dom, re.S)
    assert chart is not None
    assert len(re.findall(r'<rect [^>]*class="seg s-', chart.group(0))) >= 10
    assert dom.count('<svg class="progress"') == sum(summary.values())
    assert dom.count('<svg class="trend"') >= 3
    assert dom.count("<polyline") >= 1

    # What it painted: a page-sized PNG whose top shows the status colours of the charts.
    shot = tmp_path / "bulletin.png"
    chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,3000",
             "--hide-scrollbars", page.as_uri())
    data = shot.read_bytes()
    assert png_size(data) == (1200, 3000)
    top = colours(png_rows(data, 700))
    assert len(top) > 50, "the page looks blank"
    painted = {"met": "1a7f37", "on_track": "57ab5a", "at_risk": "d4a72c", "off_track": "e5534b",
               "missed": "8e1519", "no_data": "a8aeb4"}
    for status, colour in painted.items():
        if summary[status]:
            assert colour in top, f"no {status} colour ({colour}) painted in the charts"


PDFTOTEXT = shutil.which("pdftotext")

#: Status and state codes that must never show in the Chinese edition.
CODES = re.compile(r"in_progress|not_started|blocked|\bdone\b|on_track|at_risk|off_track|"
                   r"no_data|\bmet\b|missed|on track|at risk|off track|no data")


def _print_to_pdf(page: Path, pdf: Path, profile: Path) -> None:
    chromium(profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.read_bytes()[:5] == b"%PDF-"


def _words(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Each page's words with their left and top positions, from ``pdftotext -bbox``."""
    assert PDFTOTEXT is not None
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        pages.append([(html_unescape(w), float(x), float(y)) for x, y, w in re.findall(
            r'<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>(.*?)</word>', body)])
    return pages


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (Debian: apt-get "
                    "install -y poppler-utils)")
@pytest.mark.lang("zh")
def test_the_bulletin_printed_on_a4_fits_its_summary_row_and_shows_no_codes(
        ledger_dir: Path, tmp_path: Path, kpi) -> None:
    page = tmp_path / "bulletin.html"
    assert kpi("report", "--data-dir", str(ledger_dir), "--as-of", "2023-06-30",
               "--html", str(page)).exit_code == 0
    pdf = tmp_path / "bulletin.pdf"
    _print_to_pdf(page, pdf, tmp_path / "profile")
    raw = pdf.read_bytes()
    sizes = {(round(float(w)), round(float(h))) for w, h in
             re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", raw)}
    assert sizes == {(595, 842)}  # A4 portrait
    pages = _words(pdf)
    first = pages[0]
    # the header's 序时进度 comes first (181/365 days on 2023-06-30: 49.6%); the six cards each
    # show a share (3.3%); the next six shares on the page are the cards', and they stand on one
    # line: no card wrapped onto a row of its own
    shares = [(w, x, y) for w, x, y in first if re.fullmatch(r"\d+\.\d%|—", w)]
    assert shares[0][0] == "49.6%"
    shares = shares[1:7]
    assert len(shares) == 6
    assert max(y for _, _, y in shares) - min(y for _, _, y in shares) < 2, shares
    # left to right, in the order 已完成 正常 预警 滞后 未完成 无数据 (by position on the row:
    # pdftotext may list a dimmed card's words after the next card's)
    row = [(x, w) for w, x, y in first if abs(y - shares[0][2]) < 2
           and w in ("已完成", "正常", "预警", "滞后", "未完成", "无数据")]
    assert [w for _, w in sorted(row)] == ["已完成", "正常", "预警", "滞后", "未完成", "无数据"]
    labels = [w for w, _, _ in first if w in ("已完成", "正常", "预警", "滞后", "未完成", "无数据")]
    assert {"已完成", "正常", "预警", "滞后", "未完成", "无数据"} <= set(labels)
    text = "\n".join(" ".join(w for w, _, _ in p) for p in pages)
    assert not CODES.search(text), CODES.search(text)
    assert "进行中" in text  # task 19's state, in words


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (Debian: apt-get "
                    "install -y poppler-utils)")
def test_the_english_edition_prints_in_english(ledger_dir: Path, tmp_path: Path, kpi) -> None:
    page = tmp_path / "bulletin-en.html"
    assert kpi("report", "--data-dir", str(ledger_dir), "--as-of", "2023-06-30",
               "--html", str(page), "--lang", "en").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    pdf = tmp_path / "bulletin-en.pdf"
    _print_to_pdf(page, pdf, tmp_path / "profile")
    text = "\n".join(" ".join(w for w, _, _ in p) for p in _words(pdf))
    for heading in ("Overview", "Targets by section", "Departments", "Every target"):
        assert heading in text
    assert "on track" in text.replace("\n", " ")
    for word in ("总体情况", "各部门情况", "正常", "滞后", "未报送", "进行中"):
        assert word not in text, word
    assert "临淄区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务" in text  # plan text as written


def test_trend_charts_are_clipped_to_their_boxes(ledger_dir: Path, tmp_path: Path, kpi) -> None:
    page = tmp_path / "bulletin.html"
    assert kpi("report", "--data-dir", str(ledger_dir), "--as-of", "2023-06-30",
               "--html", str(page)).exit_code == 0
    dom = chromium(tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    charts = re.findall(r'<svg class="trend".*?</svg></svg>', dom, re.S)
    assert len(charts) == dom.count('<svg class="trend"') and charts
    for chart in charts:  # every line and point is drawn inside the clipping viewport
        inner = chart.split('<svg class="plot"', 1)
        assert len(inner) == 2 and "<polyline" not in inner[0] and "<circle" not in inner[0]
        assert 'overflow="hidden"' in inner[1].split(">", 1)[0]
