"""The library for scripts (``linzi_kpi.api``): values and problems, never an exception for bad
data; and the README's example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

from linzi_kpi import api

ROOT = Path(__file__).resolve().parent.parent


def test_open_record_report_and_import(small_plan: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    opened = api.open_workspace("data")
    assert opened.ok and opened.value is not None
    kpi = opened.value
    done = kpi.record("1.1", "600", "2023-06-30", source="区发改局月报", by="王五")
    assert done.ok and done.value is not None
    assert [r.value for r in done.value.records] == [600]
    report = kpi.report("2023-06-30").value
    assert report is not None
    assert {s.target.id: s.status.value for s in report.targets}["1.1"] == "on_track"
    (tmp_path / "june.csv").write_text("编号,数值,日期\n1.2,四,2023-06-30\n", encoding="utf-8")
    bad = kpi.import_returns(["june.csv"])
    assert bad.value is None
    assert [(p.file, p.line, p.column, p.dotted, p.title) for p in bad.problems] == [
        ("june.csv", 2, 2, "数值", "invalid row")]


def test_problems_instead_of_exceptions(small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    assert api.open_workspace("nowhere").problems[0].message.startswith(
        "data folder nowhere does not exist")
    kpi = api.open_workspace().value
    assert kpi is not None
    unknown = kpi.record("9.9", "1", "2023-06-30")
    assert (unknown.value, unknown.problems[0].message) == (None, "unknown target '9.9'")
    assert kpi.report("2023-13-01").problems[0].message == "date '2023-13-01' does not exist"
    (small_plan / "tasks.yaml").write_text("plan: [", encoding="utf-8")
    broken = api.open_workspace()
    assert broken.value is None
    assert (broken.problems[0].file, broken.problems[0].title) == ("data/tasks.yaml", "syntax")


def test_the_readme_example_runs(data_dir: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Library: kpi from a script", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    (tmp_path / "june.csv").write_text("编号,数值,日期\n99.9,5,2023-06-30\n", encoding="utf-8")
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "recorded"
    assert out[1].startswith("june.csv:2:1 编号 unknown target '99.9' use a target id")
    assert out[2].startswith("2023-06-30 {'met': ")
    assert out[3] == "0 [] {}"


def test_status_carries_the_disagreements_and_the_lines_left_out(small_plan: Path,
                                                                   monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    kpi = api.open_workspace().value
    assert kpi is not None
    kpi.record("1.1", "600", "2023-06-30", source="区发改局月报", by="王五")
    kpi.record("1.1", "700", "2023-06-30", source="区交通运输局月报", by="李四")
    shown = kpi.status("2023-06-30", task=1).value
    assert shown is not None
    assert [(s.target.id, s.status.value, s.actual) for s in shown.report.targets] == [
        ("1.1", "on_track", 700), ("1.2", "no_data", None), ("1.3", "no_data", None),
        ("1.4", "no_data", None)]
    assert list(shown.disputes) == ["1.1"] and shown.left_out == {}
    both = shown.disputes["1.1"]
    assert (both.earlier.record.value, both.earlier.place(), both.later.record.value,
            both.later.place()) == (600, "data/progress/2023-06.csv:2", 700,
                                    "data/progress/2023-06.csv:3")
    assert kpi.status("2023-06-30", task=2).value.disputes == {}  # of the targets shown only
    lagging = kpi.status("2023-06-30", statuses=["on_track"], dept="区交通运输局").value
    assert [s.target.id for s in lagging.report.targets] == ["1.1"]
    assert kpi.status(task=9).problems[0].message == "no task 9 in the plan (tasks run from 1 to 3)"
    assert kpi.status(statuses=["late"]).problems[0].title == "status"
    (small_plan / "progress" / "bad.csv").write_text(
        "target,value,unit,date,recorded_at,by,source,note\n"
        "1.3,abc,,2023-06-30,2023-07-01T09:00:00+08:00,x,,\n", encoding="utf-8")
    refused = kpi.status("2023-06-30")
    assert refused.value is None and refused.problems[0].file == "data/progress/bad.csv"
    assert kpi.status("2023-06-30", allow_problems=True).value.left_out == {
        "data/progress/bad.csv": 1}


def test_record_corrects_forces_and_names_its_file(small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    kpi = api.open_workspace().value
    assert kpi is not None
    first = kpi.record("1.1", "600", "2023-06-30", source="区发改局月报").value
    other = kpi.record("1.1", "700", "2023-06-30", source="区交通运输局月报").value
    fixed = kpi.record("1.1", "650", "2023-06-30", source="区统计局", corrects=True).value
    assert fixed.records[0].corrects == " ".join(sorted([first.recording, other.recording]))
    assert kpi.status("2023-06-30").value.disputes == {}
    fraction = kpi.record("2.2", "0.95", "2023-06-30")
    assert fraction.problems[0].message == "value 0.95 looks like a fraction: did you mean 95?"
    forced = kpi.record("2.2", "0.95", "2023-06-30", force=True, file="forced.csv").value
    assert (forced.records[0].note, forced.path.name) == ("[--force]", "forced.csv")
    outside = kpi.record("1.2", "3", "2023-06-30", file="../x.csv")
    assert outside.error is not None and outside.error.code == 2  # a usage error
    assert outside.problems[0].message.startswith("ledger file name '../x.csv' must be")
    kpi.record("1.2", "3", "2023-06-30", dry_run=True)
    assert sorted(p.name for p in (small_plan / "progress").glob("*.csv")) == [
        "2023-06.csv", "forced.csv"]


def test_withdraw_a_recording_or_a_day(small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    kpi = api.open_workspace().value
    assert kpi is not None
    first = kpi.record("1.1", "600", "2023-06-30", by="王五").value
    kpi.record("1.1", "700", "2023-06-30", by="王五")
    day = kpi.withdraw("1.1", date="2023-06-30", note="all wrong", dry_run=True).value
    assert [(r.target, r.value) for r in day.figures] == [("1.1", 600), ("1.1", 700)]
    done = kpi.withdraw(first.recording, note="the June return, imported as May", by="李四")
    assert done.ok and done.value is not None
    assert [(r.target, r.value) for r in done.value.figures] == [("1.1", 600)]
    assert [(w.withdraws, w.by, w.note) for w in done.value.records] == [
        (first.recording, "李四", "the June return, imported as May")]
    again = kpi.withdraw(first.recording, note="again")
    assert again.problems[0].message.startswith(
        f"recording {first.recording} is withdrawn already: 1.1 600 on 2023-06-30")
    assert kpi.withdraw("1.1", note=" ").problems[0].message.startswith("say why with --note")
    assert [(p.title, p.message) for p in kpi.withdraw("1.1", date="2023-02-30",
                                                        note="x").problems] == [
        ("date", "date '2023-02-30' does not exist")]
    assert kpi.report("2023-06-30").value.targets[0].actual == 700


def test_import_says_its_notes_and_what_it_read(small_plan: Path, tmp_path: Path,
                                                monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    kpi = api.open_workspace().value
    assert kpi is not None
    (tmp_path / "june.csv").write_bytes(
        "编号,数值,日期\n1.2,4,2023-06-30\n1.3,20,2023-06-30\n1.4,,\n".encode("gbk"))
    said: list[str] = []
    done = kpi.import_returns(["june.csv"], say=said.append, file="imports.csv", by="王五").value
    assert done is not None
    assert said == ["note: june.csv is not UTF-8; read it as GBK (name another encoding with "
                    "--encoding)"]
    assert [(r.target, r.value, r.by, r.source) for r in done.records] == [
        ("1.2", 4, "王五", "june.csv"), ("1.3", 20, "王五", "june.csv")]
    assert (done.path.name, done.tail, done.per_return) == (
        "imports.csv", "; 1 blank row skipped", None)
    assert (done.summary["encoding"], done.summary["blank_rows"]) == ("gbk", 1)
    again = kpi.import_returns(["june.csv"], encoding="gbk").value
    assert (again.records, len(again.already)) == ([], 2)  # nothing counted twice
    twice = kpi.import_returns(["june.csv", "./june.csv"])
    assert twice.error is not None and twice.error.code == 2


def test_validate_and_unwrap(small_plan: Path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    checked = api.validate()
    assert checked.ok and checked.value is not None and checked.value.problems == []
    kpi = api.open_workspace().value
    assert kpi is not None
    kpi.record("1.1", "600", "2023-06-30", source="区发改局月报")
    kpi.record("1.1", "700", "2023-06-30", source="区交通运输局月报")
    found = api.validate("data").value
    assert found is not None and not found.ok
    assert [(p.title, p.file, p.line) for p in found.problems] == [
        ("sources disagree", "data/progress/2023-06.csv", 3)]
    assert api.validate("nowhere").problems[0].message.startswith(
        "data folder nowhere does not exist")
    assert kpi.report("2023-06-30").unwrap().as_of.isoformat() == "2023-06-30"
    unknown = kpi.record("9.9", "1", "2023-06-30")
    try:
        unknown.unwrap()
    except api.KpiError as exc:  # the error itself, for an error boundary (as the commands')
        assert exc is unknown.error and str(exc).startswith("unknown target '9.9' (use a")
    else:
        raise AssertionError("unwrap returned")


def test_status_takes_statuses_by_code_or_word_as_kpi_status_does(small_plan: Path,
                                                                 monkeypatch) -> None:
    monkeypatch.setenv("KPI_TODAY", "2023-07-01")
    kpi = api.open_workspace().value
    assert kpi is not None
    kpi.record("1.1", "100", "2023-06-30")

    def ids(**asked: object) -> list[str]:
        shown = kpi.status("2023-06-30", **asked)  # type: ignore[arg-type]
        assert shown.value is not None, shown.problems
        return [s.target.id for s in shown.value.report.targets]

    assert ids(statuses=["off_track"]) == ["1.1"]
    # a word of the output, a word for several, a single code: as --status takes them
    assert ids(statuses=["滞后"]) == ids(statuses=["off track"]) == ["1.1"]
    assert ids(statuses=["behind"]) == ["1.1"]
    assert ids(statuses="off_track") == ["1.1"]  # not the letters of off_track
    late = kpi.status(statuses=["late"]).problems
    assert [(p.title, p.message) for p in late] == [("status", (
        "status 'late' is not one of: met, on track, at risk, off track, missed, no data "
        "(已完成, 正常, 预警, 滞后, 未完成, 无数据)"))]
