"""Data in tables is shown as written: square brackets are never read as Rich markup."""

from __future__ import annotations


def test_a_note_with_brackets_is_shown_literally_in_the_log(kpi, data_dir) -> None:
    assert kpi("record", "23.1", "600", "--date", "2023-06-30",
               "--note", "[bold]见附件[/bold]").exit_code == 0
    out = kpi("log").stdout
    assert "[bold]见附件[/bold]" in out


def test_a_label_with_brackets_is_shown_literally_in_status(kpi, data_dir) -> None:
    path = data_dir / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: 新增充电桩",
                                                             "label: 新增充电桩[red]"),
                    encoding="utf-8")
    out = kpi("status", "--task", "23").stdout
    assert "新增充电桩[red]" in out
