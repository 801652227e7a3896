"""Names that are safe as file names (issue 21, item 5): `kpi template --each-dept` gives each
department a file name that cannot be read as an option or a path, of bounded length, distinct
under case-folding and Unicode normalisation, and writes all of the workbooks or none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from linzi_kpi.files.templates import file_name

JUNE = dt.date(2023, 6, 1)


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")


@pytest.mark.parametrize(("department", "name"), [
    ("区发改局", "区发改局-2023-06.xlsx"),
    ("--by=区长", "_--by=区长-2023-06.xlsx"),
    ("-rf", "_-rf-2023-06.xlsx"),
    (".", "_-2023-06.xlsx"),
    ("..", "_-2023-06.xlsx"),
    (".hidden", "hidden-2023-06.xlsx"),
    ("a/b\\c", "a_b_c-2023-06.xlsx"),
    ("区\x1b[31m局", "区_[31m局-2023-06.xlsx"),
])
def test_a_department_s_file_name_is_safe(department: str, name: str) -> None:
    assert file_name(department, JUNE) == name


def test_a_long_name_is_cut_and_two_long_names_stay_apart() -> None:
    a, b = "局" * 299 + "甲", "局" * 299 + "乙"
    name_a, name_b = file_name(a, JUNE), file_name(b, JUNE)
    assert name_a != name_b
    assert len(name_a) == len(name_b) == 60 + len("-2023-06.xlsx")
    assert name_a.startswith("局" * 51 + "~")
    assert len(name_a.encode("utf-8")) < 255


def _plan_with(small_plan: Path, first: str, second: str) -> None:
    plan = small_plan / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("- name: 区发改局", f"- name: {first!r}").replace(
        "- name: 区交通运输局", f"- name: {second!r}")
    text = text.replace('lead: ["区发改局"]', f"lead: [{first!r}]").replace(
        'responsible: ["区交通运输局"]', f"responsible: [{second!r}]")
    plan.write_text(text, encoding="utf-8")


def test_a_department_named_like_an_option_gets_a_file_no_shell_reads_as_one(
        small_plan: Path, kpi, tmp_path: Path) -> None:
    _plan_with(small_plan, "--by=区长", "区交通运输局")
    assert kpi("validate").exit_code in (0, 1)  # (the text names other departments)
    result = kpi("template", "--each-dept", str(tmp_path / "out"), "--month", "2023-06")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "_--by=区长-2023-06.xlsx" in names
    assert not any(n.startswith(("-", ".")) for n in names)


@pytest.mark.parametrize(("first", "second"), [("ABC", "abc"), ("Straße", "STRASSE"), (".", "..")])
def test_names_that_one_file_system_would_take_for_one_are_refused_naming_both(
        small_plan: Path, kpi, tmp_path: Path, first: str, second: str) -> None:
    _plan_with(small_plan, first, second)
    result = kpi("template", "--each-dept", str(tmp_path / "out"), "--month", "2023-06")
    assert result.exit_code == 1
    shown = file_name(first, JUNE)
    assert result.stderr == (f"error: departments {first!r} and {second!r} give the same file "
                             f"name {file_name(second, JUNE)} (on a system that ignores case, if "
                             "not here); rename one in tasks.yaml; nothing was written\n")
    assert shown
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_failure_part_way_writes_none_of_the_workbooks(
        small_plan: Path, kpi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from linzi_kpi.files import writing

    real = writing.write_template
    calls = []

    def failing(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(writing, "write_template", failing)
    out = tmp_path / "out"
    result = kpi("template", "--each-dept", str(out), "--month", "2023-06")
    assert result.exit_code == 1
    assert result.stderr == (f"error: cannot write the workbooks in {out}: No space left on "
                             "device; nothing was written\n")
    assert len(calls) == 3
    assert list(out.iterdir()) == []
