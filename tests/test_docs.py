"""The README stays true: every command has help with an example and a place in the README,
and the quick start is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linzi_kpi.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_the_commands_are_the_ones_documented() -> None:
    assert COMMANDS == ["changes", "dept", "draft", "export", "history", "import", "init", "log",
                        "mark", "missing", "record", "report", "schema", "status", "targets",
                        "template", "validate", "withdraw"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str, kpi) -> None:
    result = kpi(command, "--help")
    assert result.exit_code == 0
    assert re.search(r"Examples?:\s+kpi " + command + r"\b", result.stdout), result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`kpi {command}" in README


def test_the_quick_start_is_two_commands_install_and_run_then_test() -> None:
    block = README.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    lines = block.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("python3 -m venv .venv && ") and lines[0].endswith("kpi status")
    # the plain install runs kpi; the test tools come with the second line
    assert " install -q -e . && " in lines[0]
    assert lines[1] == ".venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest -q -n auto"


def test_ci_runs_the_quick_start_from_the_readme() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "## Quick start" in ci and "README.md" in ci
