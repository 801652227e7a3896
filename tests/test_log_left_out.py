"""`kpi log` lists the records it can read, and says on stderr how many lines it left out (one
note, as every report says it), never dropping a line in silence. The small plan of conftest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HEADER = "target,value,unit,date,recorded_at,by,source,note,recording\n"
AT = "2023-07-01T09:00:00+08:00"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-05")


def ledger(small_plan: Path) -> None:
    progress = small_plan / "progress"
    progress.mkdir()
    (progress / "2023-06.csv").write_text(
        HEADER + f"1.1,600,个,2023-06-30,{AT},甲,,,abcdefghjk\n"
        f"1.1,6OO,个,2023-06-30,{AT},甲,,,abcdefghjm\n"  # letters O, not zeros
        f"1.2,4,个,2023-06-31,{AT},甲,,,abcdefghjn\n", encoding="utf-8")


@pytest.mark.parametrize("form", ["table", "json"])
def test_log_says_how_many_lines_it_left_out(kpi, small_plan: Path, form: str) -> None:
    ledger(small_plan)
    result = kpi("log", "--format", form)
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: the ledger has problems; 2 lines of records are left out "
        "(data/progress/2023-06.csv: 2); run kpi validate to see and fix them.\n")
    if form == "json":
        assert [r["value"] for r in json.loads(result.stdout)] == [600]


def test_log_of_a_sound_ledger_says_nothing_on_stderr(kpi, small_plan: Path) -> None:
    assert kpi("record", "1.1", "600", "--date", "2023-06-30").exit_code == 0
    result = kpi("log")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.lang("zh")
def test_log_says_it_in_chinese(kpi, small_plan: Path) -> None:
    ledger(small_plan)
    result = kpi("log")
    assert result.exit_code == 0
    assert result.stderr == ("警告：账本有问题，2 行记录未计入（data/progress/2023-06.csv 2 行）；"
                             "运行 kpi validate 查看并修正。\n")
