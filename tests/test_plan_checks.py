"""The rules across records: ids, sections, quotes against the document, departments, units,
deadlines. Each broken plan is a copy of data/tasks.yaml with one exact line replaced; each
assertion holds the whole output of ``kpi validate``.
"""

from __future__ import annotations

from conftest import edit, path_of, shipped, validate

#: The figure and quote of 23.1, the target these tests break, as the shipped plan has them
#: (M: a figure its quote does not hold).
N = shipped("23.1")["target"]
Q = shipped("23.1")["quote"]
M = N + 100


def test_a_duplicated_target_id(kpi, data_dir):
    n = edit(data_dir, 'id: "3.2"', 'id: "3.2"', 'id: "3.1"')
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:13: {path_of('3.2')}.id: target id '3.1' is already used by \
{path_of('3.1')}
    |
{n} |       - id: "3.1"
    |             ^
  fix: give it a free id, e.g. 3.2

1 problem found
""")


def test_a_target_under_the_wrong_task(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', 'id: "23.1"', 'id: "24.1"')
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:13: {path_of('23.1')}.id: target '24.1' sits under task 23
    |
{n} |       - id: "24.1"
    |             ^
  fix: target ids start with their task's number: 23.1

1 problem found
""")


def test_a_duplicated_task_number(kpi, data_dir):
    n = edit(data_dir, "  - number: 67\n", "number: 67", "number: 66")
    m = n - 6
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{m}:13: {path_of('66')}.number: task number 66 is used by 2 tasks
     |
{m} |   - number: 66
     |             ^
  fix: each task keeps the number it has in the document

data/tasks.yaml:{n}:13: {path_of('67')}.number: task number 66 is used by 2 tasks
     |
{n} |   - number: 66
     |             ^
  fix: each task keeps the number it has in the document

data/tasks.yaml:{n}:13: {path_of('67')}.number: task 66's text opens with the number 67
     |
{n} |   - number: 66
     |             ^
  fix: a task keeps the number its paragraph has in the document

3 problems found
""")


def test_a_quote_that_is_not_in_the_document(kpi, data_dir):
    spaced = Q.replace(str(N), f" {N}")
    n = edit(data_dir, 'id: "23.1"', f'quote: "{Q}"', f'quote: "{spaced}"')
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:16: {path_of('23.1')}.quote: quote '{spaced}' is not in the \
source document
    |
{n} |         quote: "{spaced}"
    |                ^
  fix: copy the shortest span that holds the number, character for character, from the \
task's text

1 problem found
""")


def test_a_quote_from_another_task(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', f'quote: "{Q}"', 'quote: "光伏装机容量达到21万千瓦"')
    edit(data_dir, 'id: "23.1"', f"target: {N}", "target: 21")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:16: {path_of('23.1')}.quote: quote '光伏装机容量达到21万千瓦' is not in task 23
    |
{n} |         quote: "光伏装机容量达到21万千瓦"
    |                ^
  fix: copy the shortest span that holds the number, character for character, from the \
task's text

1 problem found
""")


def test_a_title_that_does_not_open_the_text(kpi, data_dir):
    n = edit(data_dir, "  - number: 23\n", "title: 大力发展绿色智慧交通", "title: 发展绿色智慧交通")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:12: {path_of('23')}.title: the title of task 23 does not open its text
    |
{n} |     title: 发展绿色智慧交通
    |            ^
  fix: the title is the words between the number and the first 。

1 problem found
""")


def test_a_task_text_that_is_not_verbatim(kpi, data_dir):
    n = edit(data_dir, "  - number: 23\n", "牵头实施智慧停车项目", "牵头实施智能停车项目")
    code, out = validate(kpi)
    assert code == 1
    lines = out.split("\n")
    assert lines[0] == (f"data/tasks.yaml:{n}:11: {path_of('23')}.text: the text of task 23 is not in "
                        "the source document")
    assert lines[2].startswith(f"{n} |     text: \"23.大力发展绿色智慧交通。牵头实施智能停车项目")
    assert lines[2].endswith("…")
    assert lines[3] == "    |           ^"
    assert lines[4:] == [
        "  fix: copy the task's paragraph from the source document unchanged", "",
        "1 problem found", ""]


def test_a_target_number_not_in_its_quote(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', f"target: {N}", f"target: {M}")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:17: {path_of('23.1')}.target: the number {M} does not appear in the \
quote '{Q}'
    |
{n} |         target: {M}
    |                 ^
  fix: fix the number or quote the words that hold it

1 problem found
""")


def test_a_number_must_stand_alone_in_its_quote(kpi, data_dir):
    # 120 is a part of 1200, not the number the quote holds.
    part = str(N)[:-1]
    n = edit(data_dir, 'id: "23.1"', f"target: {N}", f"target: {part}")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:17: {path_of('23.1')}.target: the number {part} does not appear in the \
quote '{Q}'
    |
{n} |         target: {part}
    |                 ^
  fix: fix the number or quote the words that hold it

1 problem found
""")


def test_an_unknown_department(kpi, data_dir):
    n = edit(data_dir, "  - number: 23\n", '"区交通运输局"]', '"区交通局"]')
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:24: {path_of('23')}.lead[1]: department '区交通局' is not in the registry
    |
{n} |     lead: ["区综合行政执法局", "区交通局"]
    |                                ^
  fix: did you mean 区交通运输局? add it under `departments:` (or as an alias of the one it means)

1 problem found
""")


def test_a_department_declared_twice(kpi, data_dir):
    n = edit(data_dir, "  - name: 区财政局\n", "  - name: 区财政局\n",
             "  - name: 区财政局\n  - name: 区卫生健康局\n")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n + 1}:11: departments[17].name: department name '区卫生健康局' is declared twice
   |
{n + 1} |   - name: 区卫生健康局
   |           ^
  fix: keep one entry and list other spellings under `aliases`

1 problem found
""")


def test_an_unknown_unit(kpi, data_dir):
    n = edit(data_dir, 'id: "26.1"', "unit: 万千瓦", "unit: 万瓦")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:15: {path_of('26.1')}.unit: unit '万瓦' is not in the list of units
    |
{n} |         unit: 万瓦
    |               ^
  fix: did you mean 万千瓦? write the unit as the document does, or add it under `units:`

1 problem found
""")


def test_a_deadline_before_the_period_starts(kpi, data_dir):
    n = edit(data_dir, 'id: "49.2"', "deadline: 2025-12-31", "deadline: 2022-12-31")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:19: {path_of('49.2')}.deadline: deadline 2022-12-31 is before the period \
starts (2023-01-01)
    |
{n} |         deadline: 2022-12-31
    |                   ^
  fix: use the date the text names (到2025年 → 2025-12-31), or leave it out for the period end

1 problem found
""")


def test_a_deadline_far_past_the_period(kpi, data_dir):
    n = edit(data_dir, 'id: "49.2"', "deadline: 2025-12-31", "deadline: 2052-12-31")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:19: {path_of('49.2')}.deadline: deadline 2052-12-31 is more than 10 years \
after the period ends
    |
{n} |         deadline: 2052-12-31
    |                   ^
  fix: check the year

1 problem found
""")


def test_a_baseline_on_an_increment(kpi, data_dir):
    n = edit(data_dir, 'id: "23.1"', "        kind: increment\n",
             "        kind: increment\n        baseline: 300\n        baseline_source: 2022年统计公报\n")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n + 1}:19: {path_of('23.1')}.baseline: only a level target can have a baseline
    |
{n + 1} |         baseline: 300
    |                   ^
  fix: remove the baseline, or make the target kind: level

1 problem found
""")


def test_a_baseline_without_its_source(kpi, data_dir):
    n = edit(data_dir, 'id: "3.2"', "        kind: level\n", "        kind: level\n        baseline: 150\n")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n - 6}:9: {path_of('3.2')}.baseline_source: a baseline and its baseline_source go together
    |
{n - 6} |       - id: "3.2"
    |         ^
  fix: give both (the figure at the period start and where it comes from, e.g. 2022年统计公报), or neither

1 problem found
""")


def test_a_baseline_source_without_its_baseline(kpi, data_dir):
    n = edit(data_dir, 'id: "3.2"', "        kind: level\n",
             "        kind: level\n        baseline_source: 2022年统计公报\n")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n - 6}:9: {path_of('3.2')}.baseline: a baseline and its baseline_source go together
    |
{n - 6} |       - id: "3.2"
    |         ^
  fix: give both (the figure at the period start and where it comes from, e.g. 2022年统计公报), or neither

1 problem found
""")


def test_a_baseline_with_its_source_is_clean(kpi, data_dir):
    edit(data_dir, 'id: "3.2"', "        kind: level\n",
         "        kind: level\n        baseline: 150\n        baseline_source: 2022年统计公报\n")
    assert validate(kpi) == (0, "data/tasks.yaml and data/progress/: no problems found\n")


def test_a_count_unit_that_is_not_a_unit(kpi, data_dir):
    n = edit(data_dir, "count_units:", "count_units: [家,", "count_units: [家, 只,")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:18: count_units[1]: count unit '只' is not in the list of units
   |
{n} | count_units: [家, 只, 人, 个, 项, 场次, 场, 处, 所, 台, 条, 部]
   |                   ^
  fix: list it under `units:` too, or remove it

1 problem found
""")


def test_a_section_with_no_tasks(kpi, data_dir):
    n = edit(data_dir, "  - {number: 12,", "  - {number: 12, title: 切实抓好组织实施}\n",
             "  - {number: 12, title: 切实抓好组织实施}\n  - {number: 13, title: 多出的部分}\n")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n + 1}:5: sections[12]: section 13 has no tasks
    |
{n + 1} |   - {{number: 13, title: 多出的部分}}
    |     ^
  fix: give it its tasks or remove it

1 problem found
""")


def test_a_task_naming_an_undeclared_section(kpi, data_dir):
    n = edit(data_dir, "  - number: 67\n", "section: 12", "section: 13")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:14: {path_of('67')}.section: task 67 names section 13, which is not declared
     |
{n} |     section: 13
     |              ^
  fix: add section 13 under `sections:` or fix the number

1 problem found
""")


def test_a_missing_source_document(kpi, data_dir):
    n = edit(data_dir, "\nplan:\n", "source: source/linzi-2023-key-tasks.txt",
             "source: source/linzi-2023.txt")
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{n}:11: plan.source: source document data/source/linzi-2023.txt: file not found
   |
{n} |   source: source/linzi-2023.txt
   |           ^
  fix: keep the source document beside the plan; `plan.source` names it

1 problem found
""")


def test_several_problems_are_all_reported_in_file_order(kpi, data_dir):
    d = edit(data_dir, 'id: "49.2"', "deadline: 2025-12-31", "deadline: 2022-12-31")
    c = edit(data_dir, 'id: "26.1"', "unit: 万千瓦", "unit: 万瓦")
    b = edit(data_dir, "  - number: 23\n", '"区交通运输局"]', '"区交通局"]')
    a = edit(data_dir, 'id: "3.2"', 'id: "3.2"', 'id: "3.1"')
    assert validate(kpi) == (1, f"""\
data/tasks.yaml:{a}:13: {path_of('3.2')}.id: target id '3.1' is already used by \
{path_of('3.1')}
    |
{a} |       - id: "3.1"
    |             ^
  fix: give it a free id, e.g. 3.2

data/tasks.yaml:{b}:24: {path_of('23')}.lead[1]: department '区交通局' is not in the registry
    |
{b} |     lead: ["区综合行政执法局", "区交通局"]
    |                                ^
  fix: did you mean 区交通运输局? add it under `departments:` (or as an alias of the one it means)

data/tasks.yaml:{c}:15: {path_of('26.1')}.unit: unit '万瓦' is not in the list of units
    |
{c} |         unit: 万瓦
    |               ^
  fix: did you mean 万千瓦? write the unit as the document does, or add it under `units:`

data/tasks.yaml:{d}:19: {path_of('49.2')}.deadline: deadline 2022-12-31 is before the period \
starts (2023-01-01)
    |
{d} |         deadline: 2022-12-31
    |                   ^
  fix: use the date the text names (到2025年 → 2025-12-31), or leave it out for the period end

4 problems found
""")
