"""The HTML bulletin at any width: on a phone (390 CSS pixels wide) in headless Chromium, and
printed on A4 (no heading stranded at the foot of a page). Slow: it starts a browser; skipped
where no Chromium is installed (Debian: apt-get install -y chromium fonts-noto-cjk)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.lang("zh"),  # the bulletin as the office circulates it, in Chinese
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium or chromium-browser on PATH; "
                       "install it to run the browser tests (Debian: apt-get install -y chromium "
                       "fonts-noto-cjk)"),
]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

#: The page inside a frame 390 pixels wide (a browser window is never narrower than 500), and a
#: script that measures it once it has loaded: the frame's page is the bulletin as a phone shows
#: it, with its own media queries.
PROBE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="f" style="width:{width}px;height:844px;border:0" srcdoc="{page}"></iframe>
<pre id="probe"></pre><script>
document.getElementById("f").addEventListener("load", () => {{
  const w = document.getElementById("f").contentWindow, d = w.document;
  const cards = [...d.querySelectorAll(".card")];
  const tops = new Set(cards.map(c => Math.round(c.getBoundingClientRect().top)));
  const outside = [...d.querySelectorAll("body *")].filter(
      e => !e.closest(".tbl") && e.getBoundingClientRect().right > w.innerWidth + 0.5);
  const labels = [...d.querySelectorAll("table")].map(t => {{
      const i = [...t.querySelectorAll("th")].findIndex(th => /^(指标|名称|部门)$/.test(th.textContent));
      return i < 0 ? [] : [...t.querySelectorAll("tbody tr")].map(
          r => r.children[i].getBoundingClientRect().width);
  }}).flat();
  document.getElementById("probe").textContent = JSON.stringify({{
    width: w.innerWidth, scroll: d.documentElement.scrollWidth, cards: cards.length,
    rows: tops.size, clipped: cards.filter(c => c.scrollWidth > c.clientWidth + 1).length,
    outside: outside.map(e => e.tagName + "." + e.className).slice(0, 5),
    narrowest_label: Math.min(...labels),
    charts: [...d.querySelectorAll("svg.chart")].map(s => s.getBoundingClientRect().right)}});
}});
</script></body></html>"""

FALLBACK = """target,value,date,source,note
23.1,216,2023-03-14,示例,
23.1,320,2023-05-31,示例,
23.1,535,2023-06-30,示例,受场地限制进度偏慢
1.1,2,2023-06-30,示例,
7.1,17,2023-06-30,示例,
8.1,140,2023-06-30,示例,
28.1,8,2023-06-30,示例,
19,in_progress,2023-06-30,示例,
"""


@pytest.fixture
def page(tmp_path: Path, data_dir: Path, kpi) -> Path:
    """The bulletin of the illustrative sample if present, else of a few records."""
    where: list[str] = []
    if (SAMPLE / "tasks.yaml").is_file() and any((SAMPLE / "progress").glob("*.csv")):
        where = ["--data-dir", str(SAMPLE)]
    else:
        (tmp_path / "figures.csv").write_text(FALLBACK, encoding="utf-8")
        assert kpi("record", "--from", "figures.csv").exit_code == 0
    out = tmp_path / "bulletin.html"
    result = kpi("report", *where, "--as-of", "2023-06-30", "--html", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def chromium(profile: Path, *args: str) -> str:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180, check=True).stdout


def measure(page: Path, width: int, tmp_path: Path) -> dict[str, object]:
    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(PROBE.format(width=width, page=html.escape(
        page.read_text(encoding="utf-8"), quote=True)), encoding="utf-8")
    dom = chromium(tmp_path / "profile", "--window-size=1000,900", "--virtual-time-budget=5000",
                   "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found is not None and found.group(1), "the probe did not run"
    return json.loads(html.unescape(found.group(1)))


def test_on_a_phone_nothing_scrolls_sideways_and_the_cards_sit_in_rows(page: Path,
                                                                       tmp_path: Path) -> None:
    m = measure(page, 390, tmp_path)
    assert m["width"] == 390
    assert m["scroll"] <= 390, m  # no horizontal scroll of the page
    assert m["outside"] == [], m  # nothing reaches past the right edge (tables scroll in a box)
    assert m["cards"] == 6 and m["rows"] in (2, 3), m  # rows of three (or two)
    assert m["clipped"] == 0, m  # no card cut ("已完|")
    assert m["narrowest_label"] >= 56, m  # a label column is never two characters wide
    assert all(right <= 390 for right in m["charts"]), m  # the charts scale to the width


def test_on_a_wide_screen_the_cards_stand_in_one_row(page: Path, tmp_path: Path) -> None:
    m = measure(page, 1100, tmp_path)
    assert (m["rows"], m["clipped"], m["outside"]) == (1, 0, []), m


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (Debian: apt-get "
                    "install -y poppler-utils)")
def test_printed_on_a4_no_heading_stands_at_the_foot_of_a_page(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bulletin.pdf"
    chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
             page.as_uri())
    assert PDFTOTEXT is not None
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    headings = set(re.findall(r"<h[23]>(.*?)</h[23]>", page.read_text(encoding="utf-8")))
    assert "各指标进度" in headings
    pages = re.findall(r"<page [^>]*>(.*?)</page>", out, re.S)
    assert len(pages) > 1
    for n, body in enumerate(pages[:-1], start=1):
        words = [(float(y), html.unescape(w)) for y, w in
                 re.findall(r'<word xMin="[0-9.]+" yMin="([0-9.]+)"[^>]*>(.*?)</word>', body)]
        last_y = max(y for y, _ in words)
        last = "".join(w for y, w in words if abs(y - last_y) < 2)
        assert last not in headings, f"page {n} ends with the heading {last!r}"
