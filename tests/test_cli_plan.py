"""The command line over the plan: ``kpi validate`` output forms and exit codes, ``kpi targets``
and its filters, where the data lives, ``kpi schema``, and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import edit, path_of, shipped

ROOT = Path(__file__).resolve().parent.parent

#: The figure and quote of 23.1, the target these tests break, as the shipped plan has them.
N = shipped("23.1")["target"]
Q = shipped("23.1")["quote"]

TARGET_FIELDS = ["id", "task", "section", "label", "quote", "target", "unit", "comparator",
                 "kind", "deadline", "baseline", "lead", "responsible", "reporter", "review"]


@pytest.fixture
def broken(data_dir: Path) -> int:
    """The shipped plan with two problems, one in the schema and one found by the cross-record
    checks (both listed in one run); returns the line of the first."""
    edit(data_dir, 'id: "26.1"', "unit: 万千瓦", "unit: 万瓦")
    return edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')


@pytest.fixture
def unit_line(data_dir: Path, broken: int) -> int:
    """The line of the second problem of ``broken`` (unit: 万瓦)."""
    lines = (data_dir / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    return lines.index("        unit: 万瓦") + 1


# ------------------------------------------------------------------ validate: forms


def test_validate_json_when_valid(kpi, data_dir):
    result = kpi("validate", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {"valid": True, "problems": []}


def test_validate_json_names_every_problem(kpi, broken, unit_line):
    result = kpi("validate", "--format", "json")
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == {"valid": False, "problems": [
        {"file": "data/tasks.yaml", "line": broken, "column": 17,
         "path": f"{path_of('23.1')}.target", "title": "schema",
         "message": f"input should be a valid number, got '{N}'",
         "hint": "write a plain number without quotes or units"},
        # found in the same run: the rest of the plan still went through the cross-record checks
        {"file": "data/tasks.yaml", "line": unit_line, "column": 15,
         "path": f"{path_of('26.1')}.unit", "title": "unknown unit",
         "message": "unit '万瓦' is not in the list of units",
         "hint": "did you mean 万千瓦? write the unit as the document does, or add it under "
                 "`units:`"},
    ]}


def test_validate_json_after_the_schema_passes(kpi, data_dir):
    n = edit(data_dir, 'id: "26.1"', "unit: 万千瓦", "unit: 万瓦")
    result = kpi("validate", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert problems == [
        {"file": "data/tasks.yaml", "line": n, "column": 15,
         "path": f"{path_of('26.1')}.unit", "title": "unknown unit",
         "message": "unit '万瓦' is not in the list of units",
         "hint": "did you mean 万千瓦? write the unit as the document does, or add it under "
                 "`units:`"},
    ]


def test_validate_github_annotations(kpi, broken, unit_line):
    result = kpi("validate", "--format", "github")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        f"::error file=data/tasks.yaml,line={broken},col=17,title=schema::"
        f"{path_of('23.1')}.target: input should be a valid number, got '{N}' — fix: write a "
        "plain number without quotes or units\n"
        f"::error file=data/tasks.yaml,line={unit_line},col=15,title=unknown unit::"
        f"{path_of('26.1')}.unit: unit '万瓦' is not in the list of units — fix: did you mean "
        "万千瓦? write the unit as the document does, or add it under `units:`\n")


def test_validate_github_escapes_properties(kpi, data_dir, tmp_path):
    odd = tmp_path / "plan,v1"
    data_dir.rename(odd)
    n = edit(odd, 'id: "26.1"', "unit: 万千瓦", "unit: 万瓦")
    result = kpi("validate", "--format", "github", "--data-dir", "plan,v1")
    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file=plan%2Cv1/tasks.yaml,line={n},col=15,title=unknown unit::"
        f"{path_of('26.1')}.unit: unit '万瓦' is not in the list of units — fix: did you mean "
        "万千瓦? write the unit as the document does, or add it under `units:`\n")


def test_validate_github_appends_a_markdown_summary(kpi, broken, unit_line, tmp_path,
                                                    monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = kpi("validate", "--format", "github")
    assert result.exit_code == 1

    def escaped(key: str) -> str:  # as Markdown shows a path: [ and ] are link syntax
        return path_of(key).replace("[", "\\[").replace("]", "\\]")

    assert summary.read_text(encoding="utf-8") == f"""\
earlier step
### kpi validate

2 problems found.

| where | path | problem | fix |
| --- | --- | --- | --- |
| data/tasks.yaml:{broken}:17 | {escaped('23.1')}.target | input should be a valid number, \
got '{N}' | write a plain number without quotes or units |
| data/tasks.yaml:{unit_line}:15 | {escaped('26.1')}.unit | unit '万瓦' is not in the list \
of units | did you mean 万千瓦? write the unit as the document does, or add it under \\`units:\\` |
"""


def test_validate_github_summary_escapes_pipes(kpi, data_dir, tmp_path, monkeypatch):
    n = edit(data_dir, 'id: "23.1"', f'quote: "{Q}"', f'quote: "{Q[:-1]}|{Q[-1]}"')
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert kpi("validate", "--format", "github").exit_code == 1
    rows = summary.read_text(encoding="utf-8").splitlines()
    assert rows[2] == "1 problem found."
    where = path_of("23.1").replace("[", "\\[").replace("]", "\\]")
    assert rows[6] == (f"| data/tasks.yaml:{n}:16 | {where}.quote | quote "
                       f"'{Q[:-1]}\\|{Q[-1]}' is not in the source document | copy the shortest span "
                       "that holds the number, character for character, from the task's text |")


def test_validate_github_when_valid(kpi, data_dir, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = kpi("validate", "--format", "github")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert summary.read_text(encoding="utf-8") == "### kpi validate\n\nNo problems found.\n"


def test_only_the_github_form_writes_a_summary(kpi, broken, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert kpi("validate").exit_code == 1
    assert kpi("validate", "--format", "json").exit_code == 1
    assert not summary.exists()


# ------------------------------------------------------------------ exit codes


def test_exit_codes(kpi, data_dir):
    assert kpi("validate").exit_code == 0
    usage = kpi("validate", "--format", "nope")
    assert (usage.exit_code, usage.stdout) == (2, "")
    assert ("Invalid value for '--format' / '-f': 'nope' is not one of 'text', 'json', 'github'."
            in usage.stderr)
    edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')
    assert kpi("validate").exit_code == 1
    assert kpi("validate", "--no-such-option").exit_code == 2


# ------------------------------------------------------------------ targets


@pytest.fixture
def all_rows(kpi, data_dir) -> list[dict]:
    result = kpi("targets", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    return json.loads(result.stdout)


def ids(kpi, *args: str) -> list[str]:
    result = kpi("targets", "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    return [row["id"] for row in json.loads(result.stdout)]


def test_targets_json_keeps_its_field_names_and_types(all_rows):
    assert len(all_rows) == 91
    canonical = {"区卫健局", "区发改局"}  # spot: canonical names appear; aliases never do
    seen_names: set[str] = set()
    for row in all_rows:
        assert list(row) == TARGET_FIELDS
        assert isinstance(row["id"], str) and re.fullmatch(r"[0-9]+\.[0-9]+", row["id"])
        assert type(row["task"]) is int and row["id"].startswith(f"{row['task']}.")
        assert type(row["section"]) is int and 1 <= row["section"] <= 12
        assert isinstance(row["label"], str) and row["label"]
        assert isinstance(row["quote"], str) and row["quote"]
        assert type(row["target"]) in (int, float)
        assert isinstance(row["unit"], str) and row["unit"]
        assert row["comparator"] in ("at_least", "at_most", "approx", "maintain_at_least")
        assert row["kind"] in ("increment", "level")
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", row["deadline"])
        assert row["baseline"] is None
        assert isinstance(row["lead"], list) and isinstance(row["responsible"], list)
        seen_names.update(row["lead"] + row["responsible"])
    assert canonical <= seen_names
    assert "区卫生健康局" not in seen_names
    assert "区各产业链专班" not in seen_names


def test_targets_json_shows_canonical_names_for_aliases(kpi, data_dir):
    edit(data_dir, "  - number: 15\n", '"区卫健局"]', '"区卫生健康局"]')
    assert kpi("validate").exit_code == 0
    result = kpi("targets", "--format", "json", "--task", "15")
    assert [row["responsible"] for row in json.loads(result.stdout)] == [
        ["区科技局", "区工信局", "区商务局", "区文旅局", "区卫健局"]] * 4


def test_targets_filters(kpi, data_dir):
    assert ids(kpi, "--task", "23") == ["23.1"]
    assert ids(kpi, "--task", "66") == []
    assert ids(kpi, "--section", "4") == ["26.1", "26.2", "27.1", "27.2", "28.1", "28.2", "29.1",
                                          "29.2", "30.1", "33.1", "33.2"]
    by_canonical = ids(kpi, "--dept", "区卫健局")
    assert by_canonical == ["15.1", "15.2", "15.3", "15.4", "44.1", "44.2", "44.3", "59.1",
                            "59.2", "60.1", "60.2", "60.3"]
    assert ids(kpi, "--dept", "区卫生健康局") == by_canonical
    assert ids(kpi, "--section", "10", "--dept", "区卫健局") == ["59.1", "59.2", "60.1", "60.2",
                                                              "60.3"]


def test_targets_dept_matches_lead_or_responsible(kpi, data_dir):
    # 区工信局 leads tasks 7 and 9 and is responsible for the others listed.
    assert ids(kpi, "--dept", "区工信局") == [
        "1.1", "7.1", "7.2", "8.1", "9.1", "9.2", "9.3", "10.1", "10.2", "10.3", "10.4", "11.1",
        "11.2", "11.3", "15.1", "15.2", "15.3", "15.4", "23.1", "28.1", "28.2", "29.1", "29.2"]
    # 临淄交警大队 is only ever responsible, never lead.
    assert ids(kpi, "--dept", "临淄交警大队") == ["23.1"]


@pytest.mark.parametrize(("args", "message"), [
    (("--dept", "区交通局"), "error: unknown department '区交通局' (did you mean 区交通运输局?)\n"),
    (("--dept", "xyz"),
     "error: unknown department 'xyz' (`kpi targets --format json` lists the names in use)\n"),
    (("--task", "99"), "error: no task 99 in the plan (tasks run from 1 to 67)\n"),
    (("--section", "13"), "error: no section 13 in the plan (sections run from 1 to 12)\n"),
])
def test_targets_unknown_filter_values(kpi, data_dir, args, message):
    result = kpi("targets", "--format", "table", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    # asked for JSON, the error is JSON on stdout too (a script reads it), said on stderr as ever
    result = kpi("targets", "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (1, message)
    error = message.removeprefix("error: ").removesuffix("\n")
    assert json.loads(result.stdout) == {"error": error, "problems": [
        {"file": "", "line": 0, "column": 0, "path": "", "title": "error", "message": error,
         "hint": ""}]}


@pytest.mark.golden
@pytest.mark.lang("zh")
def test_targets_table_renders(kpi, data_dir, columns: int, golden):
    result = kpi("targets", "--task", "23")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    # the label over its quote, the figure over its comparator and kind, the lead departments
    # over the responsible ones; a line breaks between words and names, never inside a number
    # or a department's name
    golden(f"targets-task-23-{columns}cols.txt", "\n".join(lines) + "\n")


def test_targets_table_in_english_fits_the_terminal(kpi, data_dir, columns: int):
    from rich.cells import cell_len

    out = kpi("targets", "--task", "60", "--lang", "en").stdout
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    assert re.split(r"\s{2,}", out.splitlines()[0].strip()) == [
        "id", "label / quote", "target", "deadline", "lead / shared"]
    assert "at least · increment" in out and "不少于" not in out
    assert re.search(r"^60\.1 .* lead: ", out, re.M) and "shared: " in out and "区妇联" in out


@pytest.mark.lang("zh")
def test_targets_filters_combine_and_an_empty_result_says_so(kpi, data_dir):
    out = kpi("targets", "--task", "1", "--task", "23", "--format", "json").stdout
    assert [t["id"] for t in json.loads(out)] == ["1.1", "23.1"]
    both = kpi("targets", "--section", "1", "--dept", "区交通运输局")
    assert (both.exit_code, both.stdout) == (0, "没有符合条件的指标或任务\n")
    en = kpi("targets", "--section", "1", "--dept", "区交通运输局", "--lang", "en")
    assert en.stdout == "no targets or tasks match\n"


def test_targets_table_of_the_whole_plan(kpi, data_dir):
    result = kpi("targets")
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if re.match(r"[0-9]+\.[0-9]+ ", line)]
    assert len(rows) == 91


# ------------------------------------------------------------------ where the data lives


def _copy_plan(to: Path) -> Path:
    to.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "tasks.yaml", to / "tasks.yaml")
    shutil.copytree(ROOT / "data" / "source", to / "source")
    return to


def test_data_dir_option(kpi, tmp_path):
    _copy_plan(tmp_path / "elsewhere")
    result = kpi("validate", "--data-dir", "elsewhere")
    assert (result.exit_code, result.stdout) == (
        0, "elsewhere/tasks.yaml and elsewhere/progress/: no problems found\n")


def test_data_dir_environment(kpi, tmp_path, monkeypatch):
    _copy_plan(tmp_path / "env")
    monkeypatch.setenv("KPI_DATA_DIR", "env")
    result = kpi("validate")
    assert (result.exit_code, result.stdout) == (
        0, "env/tasks.yaml and env/progress/: no problems found\n")


def test_data_dir_default(kpi, data_dir):
    assert kpi("validate").stdout == "data/tasks.yaml and data/progress/: no problems found\n"


def test_the_option_beats_the_environment_which_beats_dot_data(kpi, data_dir, tmp_path,
                                                               monkeypatch):
    edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')  # ./data is broken
    assert kpi("validate").exit_code == 1
    _copy_plan(tmp_path / "env")
    monkeypatch.setenv("KPI_DATA_DIR", "env")
    assert kpi("validate").stdout.startswith("env/tasks.yaml")
    _copy_plan(tmp_path / "opt")
    assert kpi("validate", "--data-dir", "opt").stdout.startswith("opt/tasks.yaml")


def test_no_data_found(kpi):
    for command in (("validate",), ("targets",), ("targets", "--format", "json")):
        result = kpi(*command)
        assert result.exit_code == 2
        if "json" in command:  # the error as JSON on stdout too
            assert json.loads(result.stdout)["error"].startswith("no plan found: ")
        else:
            assert result.stdout == ""
        assert result.stderr == (
            "error: no plan found: ./data/tasks.yaml does not exist; run kpi in the project "
            "folder, or point --data-dir or KPI_DATA_DIR at the folder that holds tasks.yaml\n")


def test_a_data_dir_that_does_not_exist(kpi, monkeypatch):
    result = kpi("validate", "--data-dir", "nowhere")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "error: data folder nowhere does not exist (point --data-dir or KPI_DATA_DIR at "
               "the folder that holds tasks.yaml)\n")
    monkeypatch.setenv("KPI_DATA_DIR", "nowhere")
    assert kpi("validate").exit_code == 2


def test_a_data_dir_without_a_plan(kpi, tmp_path):
    (tmp_path / "empty").mkdir()
    result = kpi("validate", "--data-dir", "empty")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr == ("error: no tasks.yaml in empty (point --data-dir or KPI_DATA_DIR at "
                             "the folder that holds it)\n")


# ------------------------------------------------------------------ schema


@pytest.fixture
def schema_text(kpi) -> str:
    result = kpi("schema")
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def test_schema_names_the_plans_properties(schema_text):
    schema = json.loads(schema_text)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "kpi plan file (tasks.yaml)"
    assert list(schema["properties"]) == ["plan", "grading", "units", "count_units", "departments",
                                          "sections", "tasks"]
    assert schema["required"] == ["plan", "units", "departments", "sections", "tasks"]
    assert schema["additionalProperties"] is False
    target = schema["$defs"]["Target"]
    assert list(target["properties"]) == ["id", "label", "quote", "target", "unit",
                                          "comparator", "kind", "deadline", "baseline",
                                          "baseline_source", "stretch", "review", "reporter"]
    assert target["additionalProperties"] is False
    assert list(schema["$defs"]["Task"]["properties"]) == [
        "number", "section", "title", "text", "lead", "responsible", "targets", "review",
        "reporter"]


@pytest.mark.lang("zh")
def test_the_shipped_schema_file_is_current(schema_text):
    # Regenerate with: kpi schema > data/tasks.schema.json
    shipped = (ROOT / "data" / "tasks.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text


def test_the_plan_points_editors_at_the_schema():
    first = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./tasks.schema.json"
    assert (ROOT / "data" / "tasks.schema.json").is_file()


# ------------------------------------------------------------------ pre-commit


def test_the_pre_commit_hook_runs_kpi_validate(kpi, data_dir):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["kpi-validate"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"])
    assert entry[0] == "kpi"
    assert kpi(*entry[1:]).exit_code == 0
    edit(data_dir, 'id: "23.1"', f"target: {N}", f'target: "{N}"')
    assert kpi(*entry[1:]).exit_code == 1
    files = re.compile(hook["files"])
    for path in ("data/tasks.yaml", "tasks.yaml", "plans/x/tasks.yaml",
                 "data/progress/2023-06.csv", "data/source/linzi-2023-key-tasks.txt"):
        assert files.search(path), path
    for path in ("README.md", "src/linzi_kpi/cli/common.py", "data/tasks.schema.json"):
        assert not files.search(path), path
