"""Cells wrap where a reader breaks a line: never inside a number with its unit, a Latin word or
a department's name (``kpi targets`` at 80 columns)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from linzi_kpi.render.wrapping import Wrapped


def lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    with console.capture() as capture:
        console.print(renderable)
    return [line.rstrip() for line in capture.get().splitlines()]


def test_a_number_keeps_its_digits_and_its_unit() -> None:
    quote = Text("“高新技术企业和科技型中小企业数量达到170家和180家”")
    assert lines(Wrapped(quote), 20) == ["“高新技术企业和科技", "型中小企业数量达到", "170家和180家”"]
    assert lines(Wrapped(Text("实施路面状况改善工程116.1公里")), 14) == [
        "实施路面状况改", "善工程", "116.1公里"]


def test_latin_words_and_closing_marks_stay_whole() -> None:
    assert lines(Wrapped(Text("keep at least the figure")), 10) == ["keep at", "least the", "figure"]
    assert lines(Wrapped(Text("新增“充电桩”。")), 8) == ["新增“充", "电桩”。"]


def test_names_break_only_between_them() -> None:
    text = Text("责任：区发改局、各镇、街道、临淄交警大队")
    breaks = {3, 8, 14, 20}
    assert lines(Wrapped(text, breaks), 16) == ["责任：区发改局、", "各镇、街道、", "临淄交警大队"]
    # a name wider than the cell is folded: nothing else can be done
    assert lines(Wrapped(Text("区机关事务管理局"), {8}), 8) == ["区机关事", "务管理局"]


def test_kpi_targets_splits_no_department_at_80_columns(kpi, small_plan: Path,
                                                        monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = kpi("targets", "--task", "1", "--task", "2", "--lang", "zh").stdout
    for name in ("区发改局", "区交通运输局", "区科技局", "区农业农村局"):
        assert name in out, name  # on one line, whole
    assert "116.1公里" in out and "1200个" in out
