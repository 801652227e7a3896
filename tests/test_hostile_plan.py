"""A hostile plan (tasks.yaml from a pull request by someone never met): nothing in it runs,
nothing of it is cached, and nothing about it costs more than a bounded moment and memory.

test_plan_load.py already holds, through ``kpi validate``: one ``!!python/object/apply`` payload
(test_a_python_tag_is_refused_and_never_runs), ``!!binary``/``!!set``/``!custom``, an alias
bomb, one alias, nesting of 100 and 5000 levels, a NUL byte, a control character, a file that is
not UTF-8, a BOM, an empty file, comments only, a list at the top and a 5000-digit number. Here:
every form a Python tag can take, through every command that reads the plan (the commands run
often read it through the plan cache), the cache itself, and enormous documents.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import edit, shipped
from linzi_kpi import plancache

KPI = [sys.executable, "-m", "linzi_kpi"]

#: The figure of 23.1, the target these tests break, as the shipped plan has it.
N = shipped("23.1")["target"]


def cached(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "plan-cache").glob("plan-*.json"))


def _limit_memory() -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
    except (ValueError, OSError):  # a platform without the limit: the timeout still holds
        pass


def run(data_dir: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``kpi ARGS`` as a process: a hang fails on the timeout, unbounded memory on the limit."""
    env = dict(os.environ, KPI_DATA_DIR=str(data_dir), NO_COLOR="1")
    return subprocess.run(KPI + list(args), capture_output=True, text=True, env=env,
                          timeout=timeout, preexec_fn=_limit_memory)


# ------------------------------------------------------------------ code in tags


#: (id, what to put after ``target: `` of 23.1, the tag as refused). ``{m}`` is the marker.
PAYLOADS = [
    ("apply", '!!python/object/apply:os.system ["touch {m}"]', "!!python/object/apply:os.system"),
    ("new", '!!python/object/new:os.system ["touch {m}"]', "!!python/object/new:os.system"),
    ("apply-subprocess", '!!python/object/apply:subprocess.check_call [["touch", "{m}"]]',
     "!!python/object/apply:subprocess.check_call"),
    ("name", "!!python/name:os.system ''", "!!python/name:os.system"),
    ("module", "!!python/module:os ''", "!!python/module:os"),
    ("object", "!!python/object:os._wrap_close {{a: 1}}", "!!python/object:os._wrap_close"),
    ("verbatim", '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {m}"]',
     "!!python/object/apply:os.system"),
    ("tuple", "!!python/tuple [1, 2]", "!!python/tuple"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("payload", "tag"), [p[1:] for p in PAYLOADS],
                         ids=[p[0] for p in PAYLOADS])
def test_a_python_tag_never_runs_through_any_command_and_is_never_cached(
        kpi, data_dir, tmp_path, monkeypatch, payload: str, tag: str):
    marker = tmp_path / "payload-ran"
    text = payload.format(m=marker)
    n = edit(data_dir, 'id: "23.1"', f"target: {N}", f"target: {text}")
    where = f"data/tasks.yaml:{n}:17"
    message = f"the tag {tag} is not allowed"
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{where}: {message}\n")
    one_line = (f"error: {where}: {message} (plan files hold plain values only; remove the tag) "
                "(run `kpi validate` for details)\n")
    monkeypatch.setenv("KPI_TODAY", "2023-06-30")
    commands = [("status",), ("record", "23.1", "600"), ("mark", "19", "done")]
    if payload == PAYLOADS[0][1]:  # every command that reads the plan, for one of them
        commands += [("targets",), ("log",), ("dept",), ("history", "23.1"),
                     ("export", "-", "--format", "json"), ("report",),
                     ("changes", "2023-05-31", "2023-06-30")]
    for args in commands:
        result = kpi(*args)
        assert (result.exit_code, result.stderr) == (1, one_line), args
        if "json" in args:  # asked for JSON: the plan's problem as a value on stdout too
            assert json.loads(result.stdout)["problems"][0]["message"] == message, args
        else:
            assert result.stdout == "", args
    assert not marker.exists()
    assert cached(tmp_path) == []  # a refused plan is never cached, so never served from it
    assert not (data_dir / "progress").exists()  # and the refused record wrote nothing


def test_the_marker_would_appear_if_the_payload_ran(tmp_path):
    """The control: PyYAML's unsafe loader does run these payloads."""
    for name in ("apply", "new", "apply-subprocess"):
        payload = next(p[1] for p in PAYLOADS if p[0] == name)
        marker = tmp_path / f"control-{name}"
        yaml.unsafe_load(payload.format(m=marker))
        assert marker.exists(), name


def test_a_tag_directive_cannot_smuggle_a_python_tag(kpi, data_dir, tmp_path):
    marker = tmp_path / "payload-ran"
    path = data_dir / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index(f"target: {N}", text.index('id: "23.1"'))
    n = text.count("\n", 0, at) + 3  # two lines of directive go on top
    path.write_text("%TAG !p! tag:yaml.org,2002:python/object/\n---\n" + text[:at]
                    + f'target: !p!apply:os.system ["touch {marker}"]' + text[at + len(f"target: {N}"):],
                    encoding="utf-8")
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"data/tasks.yaml:{n}:17: the tag "
                                    "!!python/object/apply:os.system is not allowed\n")
    assert kpi("status").exit_code == 1
    assert not marker.exists() and cached(tmp_path) == []


def test_a_python_tag_as_a_key_or_on_the_whole_document(kpi, data_dir, tmp_path):
    marker = tmp_path / "payload-ran"
    path = data_dir / "tasks.yaml"
    original = path.read_text(encoding="utf-8")
    n = edit(data_dir, "\ngrading:\n", "grading:",
             f'? !!python/object/apply:os.system ["touch {marker}"]\n: 1\ngrading:')
    result = kpi("validate")
    assert result.stdout.startswith(f"data/tasks.yaml:{n}:3: the tag "
                                    "!!python/object/apply:os.system is not allowed\n")
    path.write_text(f'--- !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = kpi("validate")
    assert result.stdout.startswith("data/tasks.yaml:1:5: the tag "
                                    "!!python/object/apply:os.system is not allowed\n")
    assert kpi("record", "23.1", "1").exit_code == 1
    path.write_text(original, encoding="utf-8")
    assert not marker.exists() and cached(tmp_path) == []


@pytest.mark.parametrize(("escape", "code"), [("\\e[2J", "001B"), ("\\x07", "0007"),
                                            ("\\N", "0085"), ("\\0", "0000")])
def test_a_control_character_written_as_an_escape_is_refused(kpi, data_dir, escape, code):
    # the YAML reader refuses a raw one (test_plan_load.py); an escape in double quotes is
    # printable text until it is read, then an escape sequence on the analyst's terminal
    n = edit(data_dir, 'id: "23.1"', "label: 新增充电桩", f'label: "新增{escape}充电桩"')
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"data/tasks.yaml:{n}:16: the value holds the control "
                                    f"character U+{code}\n")
    status = kpi("status")
    assert (status.exit_code, status.stderr) == (
        1, f"error: data/tasks.yaml:{n}:16: the value holds the control character U+{code} "
           "(remove it; text may hold tabs and line breaks, never a control character) (run "
           "`kpi validate` for details)\n")


def test_a_tab_written_as_an_escape_is_text(kpi, data_dir):
    edit(data_dir, 'id: "23.1"', "label: 新增充电桩", 'label: "新增\\t充电桩"')
    assert kpi("validate").exit_code == 0


# ------------------------------------------------------------------ the plan cache


class _Run:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_planted_in_the_cache_is_never_unpickled(kpi, data_dir, tmp_path):
    raw = (data_dir / "tasks.yaml").read_bytes()
    entry = plancache.entry_path(tmp_path / "plan-cache", raw, data_dir / "tasks.yaml")
    entry.parent.mkdir()
    marker = tmp_path / "pickle-ran"
    entry.write_bytes(pickle.dumps(_Run(marker)))
    result = kpi("targets", "--task", "23", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "23.1"  # read from the plan itself
    assert not marker.exists()


@pytest.mark.parametrize("entry", ["{}", '{"plan": 1}', '{"tasks": [[]]}', '{"plan": {}}',
                                   '{"sections": "x"}', "[]", "null", '"plan"'])
def test_a_damaged_cache_entry_that_is_still_json_is_ignored(kpi, data_dir, tmp_path, entry):
    # before: '{}' and '{"plan": 1}' ended `kpi status` and `kpi record` in a traceback
    assert kpi("targets", "--task", "23").exit_code == 0
    (path,) = cached(tmp_path)
    path.write_text(entry, encoding="utf-8")
    result = kpi("targets", "--task", "23", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [t["id"] for t in json.loads(result.stdout)] == ["23.1"]


def test_an_unwritable_cache_folder_is_skipped_silently(kpi, data_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KPI_CACHE_DIR", str(blocker / "cache"))
    result = kpi("status", "--task", "23", "--format", "json", "--as-of", "2023-06-30")
    assert (result.exit_code, result.stderr) == (0, "")
    assert blocker.read_text() == "x"


# ------------------------------------------------------------------ shapes and sizes


def test_a_plan_with_crlf_line_ends_is_the_same_plan(kpi, data_dir):
    path = data_dir / "tasks.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = kpi("validate")
    assert (result.exit_code, result.stdout) == (
        0, "data/tasks.yaml and data/progress/: no problems found\n")


def test_a_plan_cut_off_halfway(kpi, data_dir):
    path = data_dir / "tasks.yaml"
    raw = path.read_bytes()
    path.write_bytes(raw[:len(raw) // 2])
    result = kpi("validate")
    assert result.exit_code == 1 and "Traceback" not in result.stdout + result.stderr
    status = kpi("status")
    assert status.exit_code == 1 and status.stderr.count("\n") == 1


@pytest.mark.parametrize("seed", range(5))
def test_binary_garbage_as_a_plan(kpi, data_dir, seed: int):
    import random

    (data_dir / "tasks.yaml").write_bytes(random.Random(seed).randbytes(5000))
    result = kpi("validate")
    assert result.exit_code == 1
    assert result.stdout.endswith("1 problem found\n")
    status = kpi("status")
    assert status.exit_code == 1 and status.stderr.count("\n") == 1


@pytest.mark.slow
def test_an_alias_bomb_through_the_commands_run_often(data_dir, tmp_path):
    bomb = "".join([f"x0: &x0 [{', '.join(['lol'] * 9)}]\n"]
                   + [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n" for i in range(1, 10)])
    n = edit(data_dir, "\ngrading:\n", "grading:", bomb + "grading:")
    for args in (("status",), ("record", "23.1", "600", "--date", "2023-06-30")):
        result = run(data_dir, *args, timeout=60)
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr.startswith(f"error: data/tasks.yaml:{n}:5: anchors and aliases "
                                        "are not allowed (")
    assert not (data_dir / "progress").exists()


def test_nesting_a_million_deep_is_refused_not_a_crash(data_dir):
    # a recursive parser would overflow the C stack (a segfault, exit -11)
    n = edit(data_dir, 'id: "23.1"', f"target: {N}",
             "target: " + "[" * 1_000_000 + "]" * 1_000_000)
    result = run(data_dir, "status", timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: data/tasks.yaml:{n}:")
    assert "values are nested more than 32 levels deep" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.slow
def test_a_document_of_millions_of_values_is_refused_while_parsing(data_dir):
    # before: every node was built first (40 s, 2 GB for this 10 MB file), then refused
    (data_dir / "tasks.yaml").write_text("plan: [" + "1," * 5_000_000 + "1]\n", encoding="utf-8")
    result = run(data_dir, "validate", "--format", "json", timeout=60)
    assert result.returncode == 1, result.stderr
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["line"], problem["message"], problem["hint"]) == (
        1, "document has more than 200000 values", "split or shorten the file")
    status = run(data_dir, "status", timeout=60)
    assert status.returncode == 1
    assert status.stderr.startswith("error: data/tasks.yaml:1:")
    assert "document has more than 200000 values" in status.stderr


@pytest.mark.slow
def test_a_fifty_megabyte_value_is_read_in_bounded_memory(data_dir):
    # 50 MB, within the plan's cap of 64 MB (a larger plan is refused before it is read:
    # test_hostile_inputs.py::test_a_plan_past_its_cap_is_refused_before_it_is_read)
    edit(data_dir, 'id: "23.1"', "label: 新增充电桩", "label: " + "桩" * 16_600_000)
    result = run(data_dir, "validate", "--format", "json", timeout=120)
    # a label is free text: long, but valid, and read within the memory limit
    assert (result.returncode, json.loads(result.stdout)) == (0, {"valid": True, "problems": []})
