"""The command line as a careless user or a script meets it, round three: what the system
refuses is said in the run's language.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from linzi_kpi import ledger
from linzi_kpi.errors import os_reason


@pytest.mark.lang("zh")
def test_a_ledger_file_that_is_a_folder_is_refused_in_chinese(small_plan: Path, kpi) -> None:
    (small_plan / "progress" / "2023-06.csv").mkdir(parents=True)
    result = kpi("record", "1.1", "600", "--date", "2023-06-30")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "错误：无法写入 progress/2023-06.csv：这是文件夹，不是文件；未录入任何数据\n")


def test_a_ledger_file_that_is_a_folder_is_refused_in_english(small_plan: Path, kpi) -> None:
    (small_plan / "progress" / "2023-06.csv").mkdir(parents=True)
    result = kpi("record", "1.1", "600", "--date", "2023-06-30")
    assert (result.exit_code, result.stderr) == (
        1, "error: could not write progress/2023-06.csv: Is a directory; nothing was recorded\n")


@pytest.mark.lang("zh")
def test_a_progress_folder_that_cannot_be_listed_says_why_in_chinese(
        small_plan: Path, kpi, monkeypatch: pytest.MonkeyPatch) -> None:
    (small_plan / "progress").mkdir()
    real = ledger.reading.os.scandir

    def refuse(path):
        if str(path).endswith("progress"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path)

    monkeypatch.setattr(ledger.reading.os, "scandir", refuse)  # chmod 000 does not stop root
    result = kpi("status")
    assert (result.exit_code, result.stderr) == (
        1, "错误：data/progress: 无法列出文件夹内容：没有权限（请检查其权限）\n")


@pytest.mark.parametrize(("lang", "reason"), [("en", "Permission denied"), ("zh", "没有权限")])
def test_a_reason_is_worded_by_its_errno_not_by_the_system(lang: str, reason: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", lang)
    # Windows words EACCES "Access is denied": the same reason in the same words everywhere
    assert os_reason(PermissionError(errno.EACCES, "Access is denied")) == reason


def test_a_reason_kpi_has_no_words_for_keeps_the_systems() -> None:
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == \
        "Invalid cross-device link"
    assert os_reason(OSError("no errno at all")) == "no errno at all"


@pytest.mark.lang("zh")
def test_a_bad_row_of_a_return_is_worded_in_chinese_throughout(small_plan: Path, kpi) -> None:
    """The field is named as the tables name it (备注, not note), and the row's place is
    followed by a full-width colon, as the column's is."""
    (small_plan.parent / "june.csv").write_text(
        "编号,本次数值,数据日期,备注,填报人\n1.1,abc,2023-06-30,,\n1.1,5,2023-06-30,\"a\x1bb\",\n"
        "1.2,3,2023-06-30,,\"甲\n乙\"\n", encoding="utf-8")
    result = kpi("import", "june.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "错误：june.csv:2：列 本次数值：数值 'abc' 不是数字：请写成以指标单位计的普通数字，例如 "
        "1200、1,200 或 50.7（可带指标自身的单位，如 95%；不能用万或亿）",
        "错误：june.csv:3：列 备注：备注 含有控制字符 U+001B（请删除该字符：文字中可以有制表符和换行，"
        "但不能有控制字符）",
        "错误：june.csv:4：列 填报人：录入人 含有换行符（U+000A）（请删除换行：填报人、来源和部门名称"
        "均应为单行文字）",
        "错误：3 行中有 3 行无效；未录入任何数据"]


@pytest.mark.lang("zh")
def test_a_long_note_typed_is_named_in_chinese(small_plan: Path, kpi) -> None:
    result = kpi("record", "1.1", "600", "--date", "2023-06-30", "--note", "x" * 10_001)
    assert (result.exit_code, result.stderr) == (
        1, "错误：备注 长 10,001 个字符，超过 10,000（请缩短；较长的说明请放在原始文件中）\n")
    assert not (small_plan / "progress").exists()


def test_a_bad_row_of_a_return_keeps_its_english_words(small_plan: Path, kpi) -> None:
    (small_plan.parent / "june.csv").write_text(
        "target,value,date,note\n1.1,5,2023-06-30,\"a\x1bb\"\n", encoding="utf-8")
    result = kpi("import", "june.csv")
    assert result.stderr.splitlines() == [
        "error: june.csv:2: column note: note holds the control character U+001B (remove it; "
        "text may hold tabs and line breaks, never a control character)",
        "error: 1 of 1 rows are invalid; nothing was recorded"]



@pytest.mark.parametrize("typed", ["１.１", "１．１", " 1.1"])
def test_a_target_id_typed_in_full_width_digits_is_the_target(small_plan: Path, kpi,
                                                              typed: str) -> None:
    """A Chinese input method types ２３．１; task numbers (--task ２) and dates were read so,
    target ids were unknown."""
    result = kpi("record", typed, "600", "--date", "2023-06-30")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (small_plan / "progress" / "2023-06.csv").read_text(encoding="utf-8").splitlines()[1] \
        .startswith("1.1,600,个,2023-06-30,")
    for command in (("log", typed), ("history", typed)):
        assert kpi(*command).exit_code == 0, command


def test_a_full_width_target_id_is_not_marked(small_plan: Path, kpi) -> None:
    result = kpi("mark", "１.１", "done")
    assert (result.exit_code, result.stderr) == (
        2, "error: １.１ is a target: record its figure with kpi record １.１ VALUE\n")


def test_other_digits_are_no_target_id(small_plan: Path, kpi) -> None:
    result = kpi("record", "①.１", "600", "--date", "2023-06-30")
    assert (result.exit_code, result.stderr) == (
        1, "error: unknown target '①.1' (did you mean 1.1 or 2.1? `kpi targets` lists them)\n")


@pytest.mark.lang("zh")
def test_a_plan_that_is_a_broken_link_is_said_to_be_one(tmp_path: Path, kpi) -> None:
    """``cp -r examples/sample copy`` copies its plan's link, which leads nowhere from there."""
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "tasks.yaml").symlink_to("../../data/tasks.yaml")
    result = kpi("status", "--data-dir", "copy")
    assert (result.exit_code, result.stderr) == (
        2, "错误：copy/tasks.yaml 是指向 ../../data/tasks.yaml 的符号链接，但该文件不存在"
           "（请把计划文件本身复制到文件夹中，或修复该链接）\n")


@pytest.mark.parametrize("name", ["a\nb.csv", "a\u202eb.csv", "a\x1bb.csv", "a:b.csv", "CON.csv",
                                  "com1.june.csv", "june .csv", "june..csv"])
def test_a_ledger_file_name_is_one_line_a_windows_checkout_can_hold(small_plan: Path, kpi,
                                                                    name: str) -> None:
    """``--file "a<newline>b.csv"`` made a ledger file whose name forged a line wherever kpi
    named it; ``CON.csv`` or ``a:b.csv`` one a clone of the ledger on Windows cannot check out."""
    for command in (("record", "1.1", "600", "--date", "2023-06-30"), ("import", "june.csv")):
        (small_plan.parent / "june.csv").write_text("target,value,date\n1.1,600,2023-06-30\n",
                                                   encoding="utf-8")
        result = kpi(*command, "--file", name)
        assert (result.exit_code, result.stderr) == (
            2, f"error: ledger file name {name!r} must be a plain file name ending in .csv, "
               "e.g. 2023-06.csv\n"), command
    assert not (small_plan / "progress").exists()


@pytest.mark.parametrize("name", ["第二批.csv", "june returns.csv", "console.csv"])
def test_a_ledger_file_name_may_be_any_plain_name(small_plan: Path, kpi, name: str) -> None:
    assert kpi("record", "1.1", "600", "--date", "2023-06-30", "--file", name).exit_code == 0
    assert (small_plan / "progress" / name).is_file()


@pytest.mark.lang("zh")
@pytest.mark.parametrize(("name", "kind"), [("r.xlsx", ".xlsx 工作簿"), ("r.ods", ".ods 电子表格")])
def test_a_return_that_is_no_zip_says_so_in_chinese(small_plan: Path, kpi, name: str,
                                                    kind: str) -> None:
    (small_plan.parent / name).write_bytes(b"")  # a 0-byte return, or any file renamed
    result = kpi("import", name)
    assert (result.exit_code, result.stderr) == (
        1, f"错误：{name}：不是 {kind}（文件不是 zip 压缩包）；请重新另存为 .xlsx 或 CSV\n")
