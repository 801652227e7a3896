"""`kpi validate` names what the ledger holds without effect or cannot read: a record that
corrects itself, a withdrawal that withdraws nothing (its target or date is not its figure's,
or no record has the recording it names), and a folder, a pipe or a link to a folder named
like a ledger file. The small plan of conftest."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

HEADER = "target,value,unit,date,recorded_at,by,source,note,recording,withdraws,corrects\n"
AT = "2023-07-01T09:00:00+08:00"
FIGURE = f"1.1,600,个,2023-06-30,{AT},甲,,,abcdefghjk\n"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-05")


def problems(kpi) -> list[tuple[str, int, int, str, str, str]]:
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1, result.stdout
    return [(p["file"], p["line"], p["column"], p["title"], p["message"], p["hint"])
            for p in json.loads(result.stdout)["problems"]]


def ledger(small_plan: Path, *lines: str) -> None:
    progress = small_plan / "progress"
    progress.mkdir(exist_ok=True)
    (progress / "2023-06.csv").write_text(HEADER + "".join(lines), encoding="utf-8")


WITHDRAW_FIX = ("withdraw the figure meant with kpi withdraw ID --note WHY (`kpi log` shows the "
                "recording of each figure), then delete this line")


def test_a_record_that_corrects_itself_is_a_problem_at_its_corrects(kpi,
                                                                   small_plan: Path) -> None:
    ledger(small_plan, FIGURE, f"1.1,610,个,2023-06-30,{AT},乙,,,abcdefghjm,,abcdefghjm\n")
    assert problems(kpi) == [(
        "data/progress/2023-06.csv", 3, 64, "ledger record",
        "corrects names the record's own recording abcdefghjm: a figure cannot correct itself",
        "name the recordings it corrects (`kpi log` shows them), or leave corrects empty")]


def test_a_correction_of_another_recording_is_no_problem(kpi, small_plan: Path) -> None:
    ledger(small_plan, FIGURE, f"1.1,610,个,2023-06-30,{AT},乙,,,abcdefghjm,,abcdefghjk\n")
    assert kpi("validate").exit_code == 0


def test_a_withdrawal_of_another_date_than_its_figure_withdraws_nothing(kpi,
                                                                       small_plan: Path) -> None:
    ledger(small_plan, FIGURE, f"1.1,,,2023-06-29,{AT},甲,,wrong,abcdefghjm,abcdefghjk\n")
    assert problems(kpi) == [(
        "data/progress/2023-06.csv", 3, 1, "withdrawal without effect",
        "this withdrawal names 1.1 on 2023-06-29 of recording abcdefghjk, which has no figure of "
        "that target and date (it has 1.1 on 2023-06-30): it withdraws nothing", WITHDRAW_FIX)]
    # and it has none: the figure still counts
    data = json.loads(kpi("status", "--as-of", "2023-06-30", "--format", "json").stdout)
    assert {t["id"]: t["actual"] for t in data["targets"]}["1.1"] == 600


def test_a_withdrawal_of_another_target_than_its_figure_withdraws_nothing(kpi,
                                                                         small_plan: Path) -> None:
    ledger(small_plan, FIGURE, f"1.2,,,2023-06-30,{AT},甲,,wrong,abcdefghjm,abcdefghjk\n")
    assert problems(kpi) == [(
        "data/progress/2023-06.csv", 3, 1, "withdrawal without effect",
        "this withdrawal names 1.2 on 2023-06-30 of recording abcdefghjk, which has no figure of "
        "that target and date (it has 1.1 on 2023-06-30): it withdraws nothing", WITHDRAW_FIX)]


def test_a_withdrawal_of_a_recording_no_record_has_withdraws_nothing(kpi,
                                                                    small_plan: Path) -> None:
    ledger(small_plan, FIGURE, f"1.1,,,2023-06-30,{AT},甲,,wrong,abcdefghjm,zzzzzzzzzz\n",
           f"1.1,,,2023-06-30,{AT},甲,,wrong,abcdefghjn,-\n")
    assert problems(kpi) == [
        ("data/progress/2023-06.csv", 3, 1, "withdrawal without effect",
         "this withdrawal names recording zzzzzzzzzz, which no record of the ledger has: it "
         "withdraws nothing", WITHDRAW_FIX),
        ("data/progress/2023-06.csv", 4, 1, "withdrawal without effect",
         "this withdrawal names a figure of 1.1 on 2023-06-30 recorded without a recording id, "
         "and there is none: it withdraws nothing", WITHDRAW_FIX)]


def test_a_withdrawal_kpi_writes_is_no_problem_and_neither_is_one_of_a_withdrawn_figure(
        kpi, small_plan: Path) -> None:
    ledger(small_plan, FIGURE)
    assert kpi("withdraw", "abcdefghjk", "--note", "wrong").exit_code == 0
    assert kpi("validate").exit_code == 0


@pytest.mark.lang("zh")
def test_a_withdrawal_without_effect_in_chinese(kpi, small_plan: Path) -> None:
    ledger(small_plan, FIGURE, f"1.1,,,2023-06-30,{AT},甲,,wrong,abcdefghjm,zzzzzzzzzz\n")
    assert [(p[4], p[5]) for p in problems(kpi)] == [(
        "此撤回记录指向录入编号 zzzzzzzzzz，但账本中没有该编号的记录：此撤回不起作用",
        "请用 kpi withdraw 录入编号 --note 原因 撤回本应撤回的数值（`kpi log` 显示每个数值的录入编号），"
        "然后删除此行")]


FOLDER_FIX = ("ledger files are plain files inside progress/; move the folder out of progress/ "
              "or rename it without .csv")


def test_a_folder_named_like_a_ledger_file_is_a_problem(kpi, small_plan: Path) -> None:
    ledger(small_plan, FIGURE)
    (small_plan / "progress" / "2023-05.csv").mkdir()
    assert problems(kpi) == [("data/progress/2023-05.csv", 0, 0, "unreadable file",
                              "a folder named like a ledger file, not read", FOLDER_FIX)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_named_like_a_ledger_file_is_a_problem(kpi, small_plan: Path) -> None:
    ledger(small_plan, FIGURE)
    os.mkfifo(small_plan / "progress" / "2023-05.csv")
    assert problems(kpi) == [(
        "data/progress/2023-05.csv", 0, 0, "unreadable file",
        "not a regular file (a device, a pipe or a socket), not read",
        "ledger files are plain files inside progress/; move it out of progress/ or rename it "
        "without .csv")]


def test_a_link_to_a_folder_named_like_a_ledger_file_is_a_problem(kpi, small_plan: Path,
                                                                  tmp_path: Path) -> None:
    ledger(small_plan, FIGURE)
    (tmp_path / "elsewhere").mkdir()
    try:
        (small_plan / "progress" / "2023-05.csv").symlink_to(tmp_path / "elsewhere",
                                                             target_is_directory=True)
    except OSError:
        pytest.skip("no symbolic links here")
    assert problems(kpi) == [(
        "data/progress/2023-05.csv", 0, 0, "unreadable file", "a symbolic link, not read",
        "ledger files are plain files inside progress/; put the file itself here")]
