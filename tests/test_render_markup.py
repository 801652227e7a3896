"""Data in tables is shown as written: square brackets are never read as Rich markup."""

from __future__ import annotations

import pytest


@pytest.mark.lang("zh")
def test_a_note_with_brackets_is_shown_literally_in_the_log(kpi, data_dir, columns: int) -> None:
    assert kpi("record", "23.1", "600", "--date", "2023-06-30",
               "--note", "[bold]见附件[/bold]").exit_code == 0
    out = kpi("log").stdout
    # at 80 columns the note gives way (…) to the columns before it
    assert ("[bold]见附件[/bold]" if columns > 80 else "[bold]见附件[/b…") in out


@pytest.mark.lang("zh")
def test_a_label_with_brackets_is_shown_literally_in_status(kpi, data_dir) -> None:
    path = data_dir / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: 新增充电桩",
                                                             "label: 新增充电桩[red]"),
                    encoding="utf-8")
    out = kpi("status", "--task", "23").stdout
    assert "新增充电桩[red]" in out
