"""``--help`` in Chinese fits the terminal: Click counts characters, and a Chinese character
takes two cells, so its lines ran up to twice the terminal's width and its list of commands cut
a Chinese sentence at its spaces, or to nothing (``withdraw  ...``). Help is wrapped in cells
where a reader breaks a line (``linebreak``), and each command's line is its first sentence,
cut with … where it must be."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linzi_kpi.cli import COMMANDS
from linzi_kpi.linebreak import cells, wrap

NAMES = [name for name, _module, _function in COMMANDS]
#: An example's line, a command as it is typed: not rewrapped (Click's ``\b`` paragraph).
EXAMPLE = "    kpi "


def test_wrap_breaks_between_chinese_characters_never_inside_a_number_or_a_word() -> None:
    assert wrap("新增各类充电桩1200个，光伏装机容量达到21万千瓦", 16) == [
        "新增各类充电桩", "1200个，光伏装机", "容量达到21万千瓦"]
    assert wrap("Track the targets (序时进度) of KPI_LANG", 20) == [
        "Track the targets", "(序时进度) of", "KPI_LANG"]
    assert wrap("同比增长6.5%。", 8) == ["同比增长", "6.5%。"]  # never "6." and "5%"
    assert cells("临淄 kpi") == 8


@pytest.mark.lang("zh")
@pytest.mark.parametrize("name", [None, *NAMES])
def test_every_chinese_help_line_fits_the_terminal(kpi, small_plan: Path, name: str | None,
                                                   ) -> None:
    result = kpi(*([name] if name else []), "--help")  # (Typer's runner: 80 columns)
    assert result.exit_code == 0
    wide = [line for line in result.stdout.splitlines() if cells(line) > 80]
    assert [line for line in wide if not line.startswith(EXAMPLE)] == []


@pytest.mark.parametrize("args", [["--help"], ["record", "--help"], ["import", "--help"]])
def test_help_fits_a_narrow_terminal(small_plan: Path, args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": "60", "KPI_LANG": "zh"}
    result = subprocess.run([sys.executable, "-m", "linzi_kpi", *args], capture_output=True,
                            text=True, env=env, check=True)
    lines = result.stdout.splitlines()
    assert [line for line in lines if cells(line) > 60 and not line.startswith(EXAMPLE)] == []
    assert max(cells(line) for line in lines) >= 50  # wrapped to the width, not far inside it


@pytest.mark.lang("zh")
def test_the_list_of_commands_says_each_command_s_first_sentence(kpi, small_plan: Path,
                                                                  ) -> None:
    lines = {line.split()[0]: line for line in kpi("--help").stdout.splitlines()
             if line.startswith("  ") and not line.startswith("   ")
             and not line.lstrip().startswith("-")}
    assert lines["record"] == "  record    向进度账本追加一个实际数值，并显示该指标的最新状态。"
    # too long for the line: cut where a line may break, with …, never to nothing
    assert lines["withdraw"] == (
        "  withdraw  撤回一次录入（该次录入的全部数值）或某一指标在某日的数值：追加撤…")
    assert cells(lines["withdraw"]) == 77  # (Click leaves the text 80 - 6 - 8 = 66 cells)
    assert not any(line.endswith("...") for line in lines.values())


@pytest.mark.lang("zh")
def test_examples_keep_their_lines_and_indent(kpi, small_plan: Path) -> None:
    out = kpi("record", "--help").stdout
    assert ("  示例：\n"
            "    kpi record 23.1 600 --date 2023-06-30 --source 区交通运输局月报\n"
            "    kpi record --from june.csv\n") in out


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Folder holding tasks.yaml and progress/ [default: ./data] [env var: KPI_DATA_DIR]"),
    ("zh", "存放 tasks.yaml 和 progress/ 的文件夹 [默认：./data] [环境变量：KPI_DATA_DIR]"),
])
def test_the_data_folders_variable_is_named_once(kpi, small_plan: Path, lang: str,
                                                 said: str) -> None:
    # the help said it, and Typer's [env var: …] after it said it again
    result = kpi("--lang", lang, "status", "--help")
    assert result.exit_code == 0
    help_text = result.stdout[result.stdout.index("--data-dir"):result.stdout.index("-h, --help")]
    # (wrapped where a reader breaks a line: between two Chinese characters too)
    unwrapped = "".join(help_text.split())
    assert (unwrapped.count("KPI_DATA_DIR"), unwrapped) == (
        1, "".join(("--data-dir <path> " + said).split()))
