"""What a district office would not accept in what kpi circulates (the Word and HTML bulletin, a
department's page, the 催报 list, the return form): each case on the small plan of conftest.py,
its figures made up for the test (示例)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest


@pytest.fixture
def workspace(small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(small_plan.parent)
    monkeypatch.setenv("KPI_TODAY", "2023-07-10")
    return small_plan


@pytest.mark.lang("zh")
def test_the_return_form_shows_a_tasks_last_state_in_words(workspace: Path, kpi,
                                                           tmp_path: Path) -> None:
    assert kpi("mark", "3", "blocked", "--date", "2023-05-31").exit_code == 0
    assert kpi("template", "all.xlsx").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "all.xlsx").active
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "3")
    assert row[6] == "受阻"  # 上次数值: the word the form asks for, never the code 'blocked'
