"""Bounded on every input (issue 21, item 2): ledger files and the documents ``kpi draft`` reads
are opened as regular files within a stated cap, or refused with the cap named; what a
crafted document asks of the drafter grows linearly with it (the speed is in benchmarks/)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from linzi_kpi.draft import source as draft_source
from linzi_kpi.ledger import reading


def _crafted():
    """benchmarks/crafted.py: the crafted documents, shared with the benchmark."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "crafted.py"
    spec = importlib.util.spec_from_file_location("crafted", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CRAFTED = _crafted()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


def test_a_sparse_ledger_file_is_one_problem_and_read_no_further(small_plan: Path, kpi) -> None:
    progress = small_plan / "progress"
    progress.mkdir()
    with (progress / "2023-06.csv").open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: 1 GiB of NUL bytes, no line end, within the cap
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/progress/2023-06.csv: line 1 is longer than 64 MB: no ledger line is, so the "
        "file is not read\n"
        "  fix: this is not a ledger file (a sparse or binary file?); move it out of "
        "progress/\n\n1 problem found\n")


def test_the_lines_left_out_are_counted_without_following_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("a\nb\nc\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(outside)
    assert reading._record_lines(link) == 0
    plain = tmp_path / "plain.csv"
    plain.write_bytes(b"header\n1\n  \n2\r\n\n3")
    assert reading._record_lines(plain) == 3


def test_the_lines_left_out_of_a_file_past_the_cap_are_not_counted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "LEDGER_CAP", 10)
    big = tmp_path / "big.csv"
    big.write_bytes(b"header\n" + b"x\n" * 100)
    assert reading._record_lines(big) == 0


def _docx(path: Path, document_xml: str, extra: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
        for i in range(extra):
            archive.writestr(f"word/media/{i}.xml", "")
    return path


def test_draft_refuses_a_fifo_and_a_device_without_waiting(tmp_path: Path, kpi) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    for name in (str(fifo), os.devnull):
        result = kpi("draft", name, "--out", str(tmp_path / "out"))
        assert result.exit_code == 1
        assert result.stderr == (f"error: {name}: not a regular file (a device, a pipe or a "
                                 "socket), not read (point at a plain file)\n")
    assert not (tmp_path / "out").exists()


def test_draft_refuses_a_document_past_its_cap(tmp_path: Path, kpi,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(draft_source, "DOCUMENT_CAP", 1000)
    doc = tmp_path / "plan.txt"
    doc.write_text("1、任务新增1个。\n" * 200, encoding="utf-8")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {doc}: file is larger than 1000 bytes ({doc.stat().st_size} "
                             "bytes), not read (a file kpi reads here holds at most 1000 bytes)\n")


def test_a_docx_that_unpacks_past_the_cap_is_refused_before_it_is_parsed(tmp_path: Path,
                                                                          kpi) -> None:
    pytest.importorskip("docx")
    doc = _docx(tmp_path / "bomb.docx", "<w:document><!--" + "a" * (65 << 20) + "--></w:document>")
    assert doc.stat().st_size < 1 << 20
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {doc}: the .docx unpacks to 65 MB in 2 parts, more than a "
                             "plan document needs (at most 64 MB in 1000 parts); save it as "
                             "plain text\n")


def test_a_docx_of_too_many_parts_is_refused(tmp_path: Path, kpi) -> None:
    pytest.importorskip("docx")
    doc = _docx(tmp_path / "parts.docx", "<w:document/>", extra=1000)
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "the .docx unpacks to 0 MB in 1002 parts" in result.stderr


@pytest.mark.parametrize("name", ["paras.docx", "paras.txt"])
def test_a_docx_of_too_many_paragraphs_is_refused_whatever_its_name(tmp_path: Path, kpi,
                                                                    name: str) -> None:
    pytest.importorskip("docx")
    doc = _docx(tmp_path / name, "<w:document><w:body>" + "<w:p/>" * 50_001
                + "</w:body></w:document>")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {doc}: the .docx holds more than 50,000 paragraphs, more "
                             "than a plan document needs; save it as plain text\n")


def test_paragraphs_are_counted_across_blocks() -> None:
    import io

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("word/document.xml", "<w:p>" + "x" * ((1 << 20) - 7) + "<w:p>" * 3)
    with zipfile.ZipFile(data) as archive:
        assert draft_source._paragraphs(archive) == 4


def test_a_document_with_a_control_character_is_refused_naming_its_line(tmp_path: Path,
                                                                        kpi) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("一、发展\n1、新增充电桩12个。\n2、新增\x1b[31m道路3公里。\n", encoding="utf-8")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {doc}:3: the document holds the control character U+001B, "
                             "which a plan cannot quote; remove it and draft again\n")
    assert not (tmp_path / "out").exists()


def test_years_outside_1900_to_2100_are_review_items_not_a_traceback(tmp_path: Path,
                                                                     kpi) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("示例区人民政府办公室\n示例区9999年重点工作任务\n0000年1月1日\n一、发展\n"
                   "1、到9999年新增充电桩1200个。\n", encoding="utf-8")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert ("note: the year 9999 in the title is outside the years kpi takes (1900–2100): not "
            "used as the plan year\n") in result.stderr
    plan = (tmp_path / "out" / "data" / "tasks.yaml").read_text(encoding="utf-8")
    assert "deadline:" not in plan.replace("# deadline", "")
    assert ("# 到9999年 earlier in the sentence is outside the years kpi takes (1900–2100): not "
            "used as a deadline") in plan
    assert kpi("targets", "--data-dir", str(tmp_path / "out" / "data")).exit_code == 0


def test_a_docx_named_txt_is_read_as_a_docx_and_kept_apart_from_its_text(tmp_path: Path,
                                                                         kpi) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ("一、发展", "1、新增充电桩1200个。"):
        document.add_paragraph(line)
    named = tmp_path / "plan.txt"
    document.save(str(named))
    result = kpi("draft", str(named), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    source = tmp_path / "out" / "data" / "source"
    assert sorted(p.name for p in source.iterdir()) == ["plan.docx", "plan.txt"]
    assert (source / "plan.txt").read_text(encoding="utf-8") == "一、发展\n1、新增充电桩1200个。\n"
    assert (source / "plan.docx").read_bytes() == named.read_bytes()


def test_a_draft_too_large_to_be_a_plan_is_refused_in_one_line(tmp_path: Path, kpi) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("一、发展\n" + "".join(f"{i}、新增充电桩{i}个。\n" for i in range(1, 12_001)),
                   encoding="utf-8")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {doc}: the draft of this document cannot be a plan: "
                             "document has more than 200000 values (split or shorten the file); "
                             "nothing was written\n")
    assert "please report" not in result.stderr


@pytest.mark.parametrize("repeat", [250, 1000])
def test_the_cubic_document_drafts_with_quotes_that_stay_short(tmp_path: Path, kpi,
                                                               repeat: int) -> None:
    """`1、任务` then `1个` a thousand times took 65 s (each number compared with every one
    before it, each comparison walking the text); and 新增1个 without punctuation made every
    quote the whole task. Each quote now reaches at most 200 characters either side of its
    number."""
    doc = tmp_path / "plan.txt"
    doc.write_text("1、任务" + "新增1个" * repeat + "\n", encoding="utf-8")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    plan = (tmp_path / "out" / "data" / "tasks.yaml").read_text(encoding="utf-8")
    quotes = [line.split("quote: ", 1)[1] for line in plan.splitlines() if "quote: " in line]
    assert len(quotes) == repeat
    assert max(len(q) for q in quotes) <= 2 + 200 + len("新增1个") + 200
    assert len(plan) < 2_000 * repeat


def _draft_measured(doc: Path, out: Path) -> tuple[int, str, int]:
    """``kpi draft doc --out out`` as a process of its own: exit code, stderr, and its peak
    resident memory in MB (read by a parent that runs nothing else)."""
    import subprocess
    import sys

    parent = ("import resource, subprocess, sys\n"
              "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
              "sys.stdout.write(f'{r.returncode}\\n{resource.getrusage(resource.RUSAGE_CHILDREN)"
              ".ru_maxrss}\\n{r.stderr}')\n")
    env = dict(os.environ, KPI_LANG="en", KPI_CACHE_DIR="", NO_COLOR="1")
    done = subprocess.run([sys.executable, "-c", parent, sys.executable, "-m", "linzi_kpi",
                           "draft", str(doc), "--out", str(out)],
                          capture_output=True, text=True, env=env, check=True)
    code, peak, stderr = done.stdout.split("\n", 2)
    return int(code), stderr, int(peak) // 1024


#: 16 MB is the cap on a document; drafting one may take a small multiple of it, no more.
MEMORY_MB = 300


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(CRAFTED.SHAPES))
def test_a_crafted_document_at_the_cap_is_refused_or_drafted_in_little_memory(
        tmp_path: Path, shape: str) -> None:
    """新增充电桩1200个 400,000 times on one line took 73 s and 2.8 GB before it was refused
    for its values; every shape up to the 16 MB cap now stays under 300 MB."""
    refusal = {
        "one line": ("a paragraph of 4,000,000 characters (it opens "
                     "«新增充电桩1200个新增充电桩1200个»): a plan's paragraph holds at most 50,000; "
                     "break it into lines, one task a line, and draft again"),
        "numbers without units": ("more than 200,000 numbers in the paragraphs read for "
                                  "targets, more than any plan document holds; split or "
                                  "shorten the document"),
        "targets": ("the draft of this document cannot be a plan: document has more than "
                    "200000 values (split or shorten the file); nothing was written"),
        "commas": "",
        "a review of past work": ("more than 200,000 numbers in the paragraphs read for "
                                  "targets, more than any plan document holds; split or shorten "
                                  "the document"),
        "review headings": ("the draft of this document cannot be a plan: document has more "
                            "than 200000 values (split or shorten the file); nothing was "
                            "written"),
        "400k short lines": ("the document has 400,001 lines, more than any plan document (at "
                             "most 200,000); split or shorten it"),
        "headings": ("no numbered task found: looked for paragraphs opening with a task number "
                     "(1. 1． 1、 (1) （1） （一） or a table row's number) or holding a number with "
                     "a unit"),
    }[shape]
    text = CRAFTED.SHAPES[shape][1]()  # the documents benchmarks/draft_large.py measures
    doc = tmp_path / "plan.txt"
    doc.write_text(text, encoding="utf-8")
    assert doc.stat().st_size <= 16 << 20
    code, stderr, peak = _draft_measured(doc, tmp_path / "out")
    if refusal:
        assert (code, stderr) == (1, f"error: {doc}: {refusal}\n")
        assert not (tmp_path / "out").exists()
    else:
        assert code == 0, stderr
    assert peak < MEMORY_MB, f"{shape}: {peak} MB"


def test_a_paragraph_past_the_cap_is_refused_before_it_is_read(tmp_path: Path, kpi) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("一、发展\n1、" + "（" * 50_000 + "新增1个\n", encoding="utf-8")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {doc}: a paragraph of 50,006 characters (it opens "
                             "«1、（（（（（（（（（（（（（（（（（（»): a plan's paragraph holds at most "
                             "50,000; break it into lines, one task a line, and draft again\n")
    assert not (tmp_path / "out").exists()


def test_paragraphs_left_out_are_noted_twenty_times_then_counted(tmp_path: Path, kpi) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("一、发展\n" + "1、新增1个。\n" * 1_000, encoding="utf-8")
    result = kpi("draft", str(doc), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "left out" in line]
    assert len(notes) == 21
    assert notes[-1] == ("note: 979 more paragraphs opening with a number no greater than the "
                         "task's before them were left out")


def test_a_docx_of_one_huge_paragraph_is_refused_in_little_memory(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("1、任务" + "新增充电桩1200个" * 200_000)
    doc = tmp_path / "plan.docx"
    document.save(str(doc))
    code, stderr, peak = _draft_measured(doc, tmp_path / "out")
    assert (code, stderr) == (1, f"error: {doc}: a paragraph of 2,000,004 characters (it opens "
                                 "«1、任务新增充电桩1200个新增充电桩1»): a plan's paragraph holds "
                                 "at most 50,000; break it into lines, one task a line, and "
                                 "draft again\n")
    assert peak < MEMORY_MB
