"""``kpi record --from`` and ``kpi import`` accept exactly the same CSV files: one reader (the
header names of the template and of the older --from files, in English or Chinese, in any of
the encodings Excel, WPS and LibreOffice save), one set of refusals with the same words.

Each file of the corpus goes to both commands (--dry-run, JSON): the exit code, the output and
the messages must be the same, and which files are accepted is pinned here too, so that two
readers refusing everything alike would not pass.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest

ROW = ["23.1", "600", "2023-06-30"]

#: (name, header, row): the header names a row is written under, and the row itself.
HEADERS = [
    ("english", "target,value,date", ROW),
    ("english, capitalised", "Target,Value,DATE", ROW),
    ("the template's", "编号,本次数值,数据日期", ROW),
    ("the older --from names", "编号,数值,日期,来源,备注,填报人", ROW + ["月报", "含公共桩", "张三"]),
    ("other Chinese names", "指标编号,完成值,统计日期,数据来源,说明,录入人,计量单位",
     ROW + ["月报", "", "张三", "个"]),
    ("the template's reading columns", "编号,任务,指标,单位,目标,本次数值,数据日期",
     ["23.1", "23 任务", "新增充电桩", "个", "1200", "600", "2023-06-30"]),
    ("a title row above", "区交通运输局 2023年6月\r\n编号,本次数值,数据日期", ROW),
    ("tab-separated", "target\tvalue\tdate", ROW),
]
HEADER_FORM = ("the header needs target (编号), value (本次数值) and date (数据日期); source "
               "(数据来源), note (备注), by (填报人), unit (单位) and baseline (上年末数) are "
               "optional")
#: (name, header, row, what both commands say about it: {f} is the file).
REFUSED = [
    ("no date column", "target,value", ROW[:2],
     f"error: {{f}}:1: no header row found ({HEADER_FORM})\n"),
    ("an unknown column", "target,value,date,amount", ROW + ["1"],
     f"error: {{f}}:1: unknown column 'amount' ({HEADER_FORM})\n"),
    ("a column named twice", "target,value,date,数值", ROW + ["600"],
     "error: {f}:1: column '数值' repeats 'value'; keep one of them\n"),
    ("a row one field short", "target,value,date,note", ROW,
     ("error: {f}:2: row has 3 fields, the header has 4 (quote a field that contains a comma)\n"
      "error: 1 of 1 rows are invalid; nothing was recorded\n")),
]
#: How each encoding writes the text: a byte-order mark where the encoding has one.
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "gbk": lambda text: text.encode("gbk"),
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16": lambda text: text.encode("utf-16"),
}
NOTE_GBK = "note: {f} is not UTF-8; read it as GBK (name another encoding with --encoding)\n"


def content(header: str, row: list[str], line_end: str) -> str:
    separator = "\t" if "\t" in header else ","
    return header.replace("\r\n", line_end) + line_end + separator.join(row) + line_end


def both(kpi, path: Path) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """What each command does with the file; the recording time (the clock's) left out."""
    results = [kpi(*how, str(path), "--dry-run", "--format", "json")
               for how in (("record", "--from"), ("import",))]
    return tuple((r.exit_code, re.sub(r'"recorded_at": "[^"]*"', "", r.stdout), r.stderr)
                 for r in results)  # type: ignore[return-value]


@pytest.fixture
def june(monkeypatch: pytest.MonkeyPatch, data_dir: Path, warm_plan_cache) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")


@pytest.mark.slow
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(("name", "header", "row"), [h[:3] for h in HEADERS + REFUSED],
                         ids=[h[0] for h in HEADERS + REFUSED])
def test_record_from_and_import_accept_the_same_files(kpi, june, tmp_path: Path, name: str,
                                                      header: str, row: list[str], encoding: str,
                                                      line_end: str) -> None:
    path = tmp_path / "return.csv"
    path.write_bytes(ENCODINGS[encoding](content(header, row, line_end)))
    record_from, import_ = both(kpi, path)
    assert record_from == import_
    code, stdout, stderr = record_from
    refused = {r[0]: r[3] for r in REFUSED}
    if name in refused:
        assert (code, stderr) == (1, refused[name].format(f=path))
        # (asked for JSON: the error is JSON on stdout too, its last line the summary)
        last = stderr.splitlines()[-1].removeprefix("error: ")
        assert json.loads(stdout)["error"] == last
        return
    try:
        path.read_bytes().decode("utf-8")
        note = ""
    except UnicodeDecodeError:  # (an English header in GBK is ASCII, and so UTF-8 too)
        note = "" if encoding == "utf-16" else NOTE_GBK.format(f=path)
    assert (code, stderr) == (0, note)
    assert '"target": "23.1"' in stdout and '"value": 600' in stdout
    assert not (tmp_path / "data" / "progress").exists()


@pytest.mark.parametrize("data", [b"\xff\xfeA\x00\x00\xd8", bytes(range(0x80, 0x100)) * 4],
                         ids=["broken utf-16", "neither utf-8 nor gbk"])
def test_both_refuse_the_same_undecodable_files_alike(kpi, june, tmp_path: Path,
                                                      data: bytes) -> None:
    path = tmp_path / "return.csv"
    path.write_bytes(b"target,value,date\n" + data + b"\n")
    record_from, import_ = both(kpi, path)
    assert record_from == import_
    assert record_from[0] == 1 and record_from[2].startswith(f"error: {path}")
