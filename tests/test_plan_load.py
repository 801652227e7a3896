"""The shipped plan as data, and what the loader refuses before any check runs.

Each broken plan is a copy of data/tasks.yaml with one exact line replaced, and each assertion
holds the whole output of ``kpi validate``: the location, the excerpt with its caret, the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import edit, path_of, shipped, validate
from linzi_kpi.load import load_plan
from linzi_kpi.query import select_tasks

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "tasks.yaml"

#: The figure and quote of 23.1, the target these tests break, as the shipped plan has them.
N = shipped("23.1")["target"]
Q = shipped("23.1")["quote"]


# ------------------------------------------------------------------ the shipped plan


@pytest.fixture(scope="module")
def plan():
    loaded = load_plan(PLAN, "data/tasks.yaml")
    assert loaded.problems == []
    return loaded.plan


def test_the_shipped_plan_validates(kpi, data_dir):
    assert validate(kpi) == (0, "data/tasks.yaml and data/progress/: no problems found\n")


def test_the_shipped_data_folder_itself_validates(kpi):
    result = kpi("validate", "--data-dir", str(ROOT / "data"))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith(": no problems found\n")


def test_the_plan_names_its_document_and_period(plan):
    info = plan.plan
    assert info.document_number == "临政办字〔2023〕21号"
    assert info.issuer == "临淄区人民政府办公室"
    assert (info.issued.isoformat(), info.period_start.isoformat(), info.period_end.isoformat()) \
        == ("2023-08-23", "2023-01-01", "2023-12-31")
    assert (plan.grading.at_risk_gap, plan.grading.off_track_gap) == (0.10, 0.30)


def test_twelve_sections_sixty_seven_tasks_ninety_one_targets(plan):
    assert [s.number for s in plan.sections] == list(range(1, 13))
    assert [t.number for t in plan.tasks] == list(range(1, 68))
    assert len(plan.targets()) == 91  # 90 until task 40's 清零 target (40.8) was added
    assert {t.section for t in plan.tasks} == set(range(1, 13))
    # Ids are "<task>.<n>", numbered 1, 2, … within each task.
    for task in plan.tasks:
        assert [g.id for g in task.targets] == [f"{task.number}.{n}"
                                                 for n in range(1, len(task.targets) + 1)]


@pytest.fixture
def rows(kpi, data_dir):
    import json

    result = kpi("targets", "--format", "json")
    assert result.exit_code == 0
    return {row["id"]: row for row in json.loads(result.stdout)}


def test_target_23_1_in_full(rows):
    assert rows["23.1"] == {
        "id": "23.1", "task": 23, "section": 3, "label": "新增充电桩",
        "quote": Q, "target": N, "unit": "个",
        "comparator": "at_least", "kind": "increment", "deadline": "2023-12-31",
        "baseline": None, "lead": ["区综合行政执法局", "区交通运输局"],
        "responsible": ["区发改局", "区工信局", "区住建局", "区机关事务管理局", "临淄交警大队"],
        "reporter": "区综合行政执法局",  # the first lead: the plan names no reporter:
        "review": None,
    }


@pytest.mark.parametrize(("id", "quote", "target", "unit", "comparator", "kind", "deadline"), [
    ("26.1", "光伏装机容量达到21万千瓦", 21, "万千瓦", "at_least", "level", "2023-12-31"),
    ("49.2", "全区有进出口实绩企业稳定在230家以上", 230, "家", "maintain_at_least", "level",
     "2025-12-31"),
    ("15.1", "实施现代服务业重点项目8个左右", 8, "个", "approx", "increment", "2023-12-31"),
    ("33.1", "新增绿色建筑力争达到10万平方米以上", 10, "万平方米", "at_least", "increment",
     "2023-12-31"),
    ("27.1", "实施华能100兆瓦/200兆瓦时储能项目", 100, "兆瓦", "at_least", "increment",
     "2023-12-31"),
    ("27.2", "实施华能100兆瓦/200兆瓦时储能项目", 200, "兆瓦时", "at_least", "increment",
     "2023-12-31"),
    ("3.2", "高新技术企业和科技型中小企业数量达到170家和180家", 170, "家", "at_least", "level",
     "2023-12-31"),
    ("3.3", "高新技术企业和科技型中小企业数量达到170家和180家", 180, "家", "at_least", "level",
     "2023-12-31"),
    # 建成区黑臭水体动态清零: a target with no digit in it, a ceiling of zero (was missing)
    ("40.8", "建成区黑臭水体动态清零", 0, "处", "at_most", "level", "2023-12-31"),
])
def test_spot_checked_targets(rows, id, quote, target, unit, comparator, kind, deadline):
    row = rows[id]
    assert (row["quote"], row["target"], row["unit"], row["comparator"], row["kind"],
            row["deadline"], row["baseline"]) == (quote, target, unit, comparator, kind, deadline,
                                                  None)


def test_every_department_a_task_names_resolves(plan):
    index = plan.department_index()
    named = {name for task in plan.tasks for name in task.lead + task.responsible}
    assert named - set(index) == set()
    assert index["区卫生健康局"] == "区卫健局"
    assert index["区卫健局"] == "区卫健局"


def test_the_alias_selects_the_same_tasks_as_the_canonical_name(plan):
    by_alias = [t.number for t in select_tasks(plan, dept="区卫生健康局")]
    assert by_alias == [t.number for t in select_tasks(plan, dept="区卫健局")]
    # Task 34 writes 区卫生健康局, the others 区卫健局: both are found either way.
    assert by_alias == [15, 20, 34, 44, 45, 59, 60, 62]


def test_task_60_splits_lead_and_responsible(plan):
    task = next(task for task in plan.tasks if task.number == 60)
    assert list(task.lead) == ["区妇联", "团区委", "区民政局", "区卫健局"]
    assert list(task.responsible) == ["各镇、街道", "儿童友好城市建设工作领导小组成员单位"]


def test_tasks_66_and_67_have_no_departments_and_no_targets(plan):
    last = [task for task in plan.tasks if task.number in (66, 67)]
    assert [task.number for task in last] == [66, 67]
    for task in last:
        assert (task.lead, task.responsible, task.targets) == ((), (), ())


# ------------------------------------------------------------------ refused before any check


def test_yaml_syntax_error(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', "        label: 新增充电桩\n", "        label: 新增充电桩: [\n")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:21: YAML error: mapping values are not allowed in this context
    |
{n} |         label: 新增充电桩: [
    |                          ^
  fix: check indentation, quotes and colons on this line or the one before it

1 problem found
""")


def test_a_string_where_a_number_belongs(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:17: {path_of('23.1')}.target: input should be a valid number, got '{N}'
    |
{n} |         target: "{N}"
    |                 ^
  fix: write a plain number without quotes or units

1 problem found
""")


def test_an_unknown_key_is_located_at_the_key_and_its_spelling_suggested(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', "quote:", "qoute:")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n - 2}:9: {path_of('23.1')}.quote: required key 'quote' is missing
    |
{n - 2} |       - id: "23.1"
    |         ^
  fix: add it; `kpi schema` describes every key

data/tasks.yaml:{n}:9: {path_of('23.1')}.qoute: unknown key 'qoute'
    |
{n} |         qoute: "{Q}"
    |         ^
  fix: did you mean 'quote'? the keys allowed here are id, label, quote, target, unit, \
comparator, kind, deadline, baseline, baseline_source, stretch, review, reporter

2 problems found
""")


def test_an_unknown_key_at_the_top(kpi, data_dir):
    n = edit(data_dir, "\ngrading:\n", "grading:", "gradings:")
    code, out = validate(kpi)
    assert code == 1
    assert f"""\
data/tasks.yaml:{n}:1: gradings: unknown key 'gradings'
   |
{n} | gradings:
   | ^
  fix: did you mean 'grading'? the keys allowed here are plan, grading, units, count_units, \
departments, sections, tasks
""" in out


def test_a_missing_required_key(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', "        label: 新增充电桩\n", "")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n - 1}:9: {path_of('23.1')}.label: required key 'label' is missing
    |
{n - 1} |       - id: "23.1"
    |         ^
  fix: add it; `kpi schema` describes every key

1 problem found
""")


def test_an_unquoted_id_reads_as_a_float(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', 'id: "23.1"', "id: 23.1")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:13: {path_of('23.1')}.id: input should be a valid string, got 23.1
    |
{n} |       - id: 23.1
    |             ^
  fix: quote the id so it stays a string, e.g. id: "23.1"

1 problem found
""")


def test_a_value_outside_its_vocabulary(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', "comparator: at_least", "comparator: atleast")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:21: {path_of('23.1')}.comparator: input should be 'at_least', 'at_most', \
'approx' or 'maintain_at_least', got 'atleast'
    |
{n} |         comparator: atleast
    |                     ^
  fix: use one of the values listed

1 problem found
""")


def test_a_rule_across_keys_speaks_plainly(kpi, data_dir):
    n = edit(data_dir, "\nplan:\n", "period_end: 2023-12-31", "period_end: 2022-12-31")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:15: plan.period_end: period_end 2022-12-31 is before period_start 2023-01-01
   |
{n} |   period_end: 2022-12-31
   |               ^
  fix: swap the two dates

1 problem found
""")


def test_an_impossible_date_is_located_not_a_traceback(kpi, data_dir):
    n = edit(data_dir, "\nplan:\n", "issued: 2023-08-23", "issued: 2023-02-30")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:11: 2023-02-30 is not a valid date (day is out of range for month)
   |
{n} |   issued: 2023-02-30
   |           ^
  fix: write a date that exists, as YYYY-MM-DD

1 problem found
""")


def test_a_number_too_long_to_read_is_located_not_a_traceback(kpi, data_dir):
    # Python itself refuses to read an int of more than 4300 digits (with a ValueError); the
    # loader refuses anything longer than any figure, whatever the interpreter.
    n = edit(data_dir, 'id: "23.1"', f"target: {N}", "target: " + "9" * 5000)
    code, out = validate(kpi)
    assert code == 1
    assert out.startswith(f"data/tasks.yaml:{n}:17: a number of 5000 characters is too large to "
                          "read\n")
    assert out.endswith("  fix: write a plain number of reasonable size\n\n1 problem found\n")

    edit(data_dir, 'id: "23.1"', "9" * 5000, "9" * 150)
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:17: a number of 150 characters is too large to read
    |
{n} |         target: {"9" * 150}
    |                 ^
  fix: write a plain number of reasonable size

1 problem found
""")


def test_a_key_given_twice_is_refused(kpi, data_dir):
    # YAML itself would keep the second label silently.
    n = edit(data_dir, 'id: "23.1"', "        label: 新增充电桩\n",
             "        label: 新增充电桩\n        label: 新建充电桩\n")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n + 1}:9: key 'label' appears twice in the same mapping
    |
{n + 1} |         label: 新建充电桩
    |         ^
  fix: keep one of the two; YAML would silently use the last

1 problem found
""")


def test_a_file_that_is_not_utf8(kpi, data_dir):
    path = data_dir / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    before, after = text.split("        label: 新增充电桩\n", 1)
    line = before.count("\n") + 1
    offset = len(before.encode()) + len("        label: 新增".encode())
    path.write_bytes(before.encode() + "        label: 新增".encode() + "充电桩".encode("gbk")
                     + b"\n" + after.encode())
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{line}:18: file is not UTF-8 text (byte 0xb3 at offset {offset})
  fix: save the file as UTF-8

1 problem found
""")


def test_a_byte_order_mark_is_fine(kpi, data_dir):
    path = data_dir / "tasks.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(kpi)[0] == 0


def test_an_empty_file(kpi, data_dir):
    (data_dir / "tasks.yaml").write_text("", encoding="utf-8")
    assert validate(kpi) == (1, """\
data/tasks.yaml:1:1: file is empty
  fix: a plan starts with `plan:`

1 problem found
""")


def test_a_file_of_comments_only(kpi, data_dir):
    (data_dir / "tasks.yaml").write_text("# the plan comes later\n\n", encoding="utf-8")
    assert validate(kpi) == (1, """\
data/tasks.yaml:1:1: file holds no data, only comments
  |
1 | # the plan comes later
  | ^
  fix: a plan starts with `plan:`

1 problem found
""")


def test_a_file_that_is_a_list(kpi, data_dir):
    (data_dir / "tasks.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    assert validate(kpi) == (1, """\
data/tasks.yaml:1:1: a plan file is a mapping of keys to values
  |
1 | - 1
  | ^
  fix: start the file with `plan:`

1 problem found
""")


def test_a_nul_byte_is_shown_as_a_symbol_not_sent_to_the_terminal(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', "        label: 新增充电桩\n", "        label: 新增充电\x00桩\n")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:20: file contains a NUL byte
    |
{n} |         label: 新增充电\u2400桩
    |                        ^
  fix: save the file as plain UTF-8 text

1 problem found
""")


def test_a_python_tag_is_refused_and_never_runs(kpi, data_dir, tmp_path):
    marker = tmp_path / "payload-ran"
    payload = f'!!python/object/apply:os.system ["touch {marker}"]'
    # The marker works: PyYAML's unsafe loader does run this payload.
    control = tmp_path / "control-ran"
    yaml.unsafe_load(payload.replace(str(marker), str(control)))
    assert control.exists()

    n = edit(data_dir, 'id: "23.1"', f"target: {N}", f"target: {payload}")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:17: the tag !!python/object/apply:os.system is not allowed
    |
{n} |         target: {payload}
    |                 ^
  fix: plan files hold plain values only; remove the tag

1 problem found
""")
    assert not marker.exists()
    assert kpi("targets").exit_code == 1
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!custom x"])
def test_other_tags_are_refused(kpi, data_dir, tag):
    n = edit(data_dir, 'id: "23.1"', "label: 新增充电桩", f"label: {tag}")
    code, out = validate(kpi)
    assert code == 1
    assert out.startswith(f"data/tasks.yaml:{n}:16: the tag {tag.split()[0]} is not allowed\n")


BOMB = "".join(
    [f"x0: &x0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n" for i in range(1, 10)]
)


def test_an_alias_bomb_is_refused_before_it_expands(kpi, data_dir):
    # Nine levels of nine aliases would build 9**10 strings: refused before anything is built.
    n = edit(data_dir, "\ngrading:\n", "grading:", BOMB + "grading:")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:5: anchors and aliases are not allowed
   |
{n} | x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]
   |     ^
  fix: remove the &anchor here and write the value out in full wherever *alias names it

1 problem found
""")


def test_one_alias_is_refused_too(kpi, data_dir):
    n = edit(data_dir, "\nunits:", "units: [", "units: &u [")
    edit(data_dir, "\ndepartments:\n", "departments:", "extra: *u\ndepartments:")
    code, out = validate(kpi)
    assert code == 1
    assert out.startswith(f"data/tasks.yaml:{n}:8: anchors and aliases are not allowed\n")


def test_deeply_nested_lists(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', f"target: {N}", "target: " + "[" * 100 + "]" * 100)
    code, out = validate(kpi)
    assert code == 1
    head, bar, line, caret, fix, blank, total = out.split("\n")[:7]
    assert head == f"data/tasks.yaml:{n}:44: values are nested more than 32 levels deep"
    assert line == f"{n} |         target: " + "[" * 100 + "]" * 84 + "…"
    assert caret == "    | " + " " * 43 + "^"
    assert (fix, blank, total) == (
        "  fix: a plan is only a few levels deep; check the indentation", "", "1 problem found")


def test_nesting_beyond_the_parser_limit(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', f"target: {N}", "target: " + "[" * 5000 + "]" * 5000)
    code, out = validate(kpi)
    assert code == 1
    assert out.split("\n")[0].startswith(f"data/tasks.yaml:{n}:")
    assert out.split("\n")[0].endswith(": values are nested more than 32 levels deep")
    assert out.endswith("  fix: a plan is only a few levels deep; check the brackets\n\n"
                        "1 problem found\n")
    # A long line is cut to a window around the column, and the caret stays on screen.
    assert all(len(line) < 220 for line in out.split("\n"))


def test_several_schema_problems_are_all_reported_in_file_order(kpi, data_dir):
    b = edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')
    a = edit(data_dir, 'id: "23.1"', 'id: "23.1"', "id: 23.1")
    c = edit(data_dir, 'id: "3.2"', "kind: level", "knid: level")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{c - 6}:9: {path_of('3.2')}.kind: required key 'kind' is missing
    |
{c - 6} |       - id: "3.2"
    |         ^
  fix: add it; `kpi schema` describes every key

data/tasks.yaml:{c}:9: {path_of('3.2')}.knid: unknown key 'knid'
    |
{c} |         knid: level
    |         ^
  fix: did you mean 'kind'? the keys allowed here are id, label, quote, target, unit, \
comparator, kind, deadline, baseline, baseline_source, stretch, review, reporter

data/tasks.yaml:{a}:13: {path_of('23.1')}.id: input should be a valid string, got 23.1
    |
{a} |       - id: 23.1
    |             ^
  fix: quote the id so it stays a string, e.g. id: "23.1"

data/tasks.yaml:{b}:17: {path_of('23.1')}.target: input should be a valid number, got '{N}'
    |
{b} |         target: "{N}"
    |                 ^
  fix: write a plain number without quotes or units

4 problems found
""")


def test_other_commands_refuse_a_broken_plan_in_one_line(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')
    result = kpi("targets")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: data/tasks.yaml:{n}:17: {path_of('23.1')}.target: input should be a valid "
        f"number, got '{N}' (write a plain number without quotes or units) "
        "(run `kpi validate` for details)\n")


def test_an_alias_to_nothing(kpi, data_dir):
    n = edit(data_dir, "\ngrading:\n", "grading:", "extra: *nowhere\ngrading:")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:8: YAML error: found undefined alias
   |
{n} | extra: *nowhere
   |        ^
  fix: plan files use no anchors or aliases; write the value out in full

1 problem found
""")


def test_a_control_character_is_located_and_shown_as_a_symbol(kpi, data_dir):
    # An escape character would otherwise reach the terminal (or a CI log) as is.
    n = edit(data_dir, 'id: "23.1"', "label: 新增充电桩", "label: 新增\x1b[31m充电桩")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:18: the control character U+001B is not allowed in YAML
    |
{n} |         label: 新增\u241b[31m充电桩
    |                    ^
  fix: remove it; plan files hold printable text only

1 problem found
""")


@pytest.mark.parametrize(("after", "old", "new", "column", "head", "fix"), [
    ('id: "23.1"', 'id: "23.1"', 'id: "23-1"', 13,
     f"{path_of('23.1')}.id: target id '23-1' is not of the form <task>.<n>",
     'target ids are "<task>.<n>", e.g. "23.1"'),
    ('id: "23.1"', "label: 新增充电桩", "label:", 15,
     f"{path_of('23.1')}.label: input should be a valid string, got nothing (the value is "
     "empty)", "write text; quote it if YAML reads it as a number or date"),
    ('id: "23.1"', "label: 新增充电桩", 'label: ""', 16,
     f"{path_of('23.1')}.label: string should have at least 1 character, got ''",
     "write the text; it cannot be empty"),
    ("\nplan:\n", "issued: 2023-08-23", 'issued: "2023-08-23"', 11,
     "plan.issued: input should be a valid date, got '2023-08-23'",
     "write a date as YYYY-MM-DD without quotes"),
    ("\ngrading:\n", "at_risk_gap: 0.10", "at_risk_gap: -0.10", 16,
     "grading.at_risk_gap: input should be greater than or equal to 0, got -0.1",
     "use a value inside the range; `kpi schema` gives it"),
    ("  - number: 23\n", 'lead: ["区综合行政执法局", "区交通运输局"]', "lead: {区交通运输局: 1}", 11,
     f"{path_of('23')}.lead: expected a list (items starting with -), got keys and values",
     "see `kpi schema` for the expected form"),
])
def test_schema_messages_in_plain_words(kpi, data_dir, after, old, new, column, head, fix):
    n = edit(data_dir, after, old, new)
    code, out = validate(kpi)
    lines = out.split("\n")
    assert code == 1
    assert lines[0] == f"data/tasks.yaml:{n}:{column}: {head}"
    assert lines[4:] == [f"  fix: {fix}", "", "1 problem found", ""]


# ------------------------------------------------------------------ a plan is checked before use (issue 9)


@pytest.mark.parametrize("command", [("status",), ("record", "3.1", "1"), ("targets",),
                                     ("report",)])
def test_a_duplicated_id_stops_every_command_in_one_line(kpi, data_dir, command):
    # before: `kpi record 3.1 …` recorded against the second target holding the id
    n = edit(data_dir, 'id: "3.2"', 'id: "3.2"', 'id: "3.1"')
    result = kpi(*command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: data/tasks.yaml:{n}:13: {path_of('3.2')}.id: target id '3.1' is already used "
        f"by {path_of('3.1')} (give it a free id, e.g. 3.2) (run `kpi validate` for details)\n")
    assert not (data_dir / "progress").exists()


def test_a_deadline_before_the_period_stops_status_without_a_traceback(kpi, data_dir):
    # before: a ZeroDivisionError traceback from 序时进度
    n = edit(data_dir, 'id: "23.1"', "kind: increment\n",
             "kind: increment\n        deadline: 2022-06-30\n") + 1
    result = kpi("status")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: data/tasks.yaml:{n}:19: {path_of('23.1')}.deadline: deadline 2022-06-30 is "
        "before the period starts (2023-01-01) (use the date the text names (到2025年 → "
        "2025-12-31), or leave it out for the period end) (run `kpi validate` for details)\n")


def test_a_plan_with_several_problems_names_the_first_and_counts_the_rest(kpi, data_dir):
    n = edit(data_dir, 'id: "3.2"', 'id: "3.2"', 'id: "3.1"')
    edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')
    result = kpi("status")
    assert (result.exit_code, result.stderr) == (
        1, f"error: data/tasks.yaml:{n}:13: {path_of('3.2')}.id: target id '3.1' is already "
           f"used by {path_of('3.1')} (give it a free id, e.g. 3.2); 1 more (run `kpi "
           "validate` for details)\n")


def test_a_schema_error_and_a_duplicated_id_are_found_in_one_run(kpi, data_dir):
    # before: the schema error alone; the duplicate showed only once it was fixed
    b = edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')
    a = edit(data_dir, 'id: "3.2"', 'id: "3.2"', 'id: "3.1"')
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{a}:13: {path_of('3.2')}.id: target id '3.1' is already used by {path_of('3.1')}
    |
{a} |       - id: "3.1"
    |             ^
  fix: give it a free id, e.g. 3.2

data/tasks.yaml:{b}:17: {path_of('23.1')}.target: input should be a valid number, got '{N}'
    |
{b} |         target: "{N}"
    |                 ^
  fix: write a plain number without quotes or units

2 problems found
""")


def test_what_a_part_left_out_of_the_checks_would_cause_is_not_reported(kpi, data_dir):
    # sections[2] fails the schema: its tasks do not also name "an undeclared section 3"
    n = edit(data_dir, "{number: 3, title: 坚定不移扩大内需}", "number: 3", 'number: "x"')
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:14: sections[2].number: input should be a valid integer, got 'x'
    |
{n} |   - {{number: "x", title: 坚定不移扩大内需}}
    |              ^
  fix: write a plain number without quotes or units

1 problem found
""")


def test_a_department_left_out_of_the_checks_is_not_reported_as_unknown(kpi, data_dir):
    n = edit(data_dir, "  - name: 区科技局\n", "name: 区科技局", "nmae: 区科技局")
    code, out = validate(kpi)
    assert code == 1
    assert re.findall(r"^data/tasks\.yaml:\d+:\d+: (\S+): (.*)$", out, re.M) == [
        ("departments[0].name", "required key 'name' is missing"),
        ("departments[0].nmae", "unknown key 'nmae'"),
    ]
    assert f"data/tasks.yaml:{n}:5:" in out
