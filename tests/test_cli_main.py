"""``kpi``'s entry point registers only the command a run names (start-up is pinned by
benchmarks/); help, a mistyped name and shell completion get every command."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from linzi_kpi.cli import COMMANDS, app, wanted


@pytest.mark.parametrize(("argv", "expected"), [
    (["kpi", "record", "23.1", "600"], {"record"}),
    (["kpi", "status", "--help"], {"status"}),
    (["kpi", "import", "june.xlsx"], {"import"}),
    (["kpi"], None),
    (["kpi", "--help"], None),
    (["kpi", "--version"], None),
    (["kpi", "recrod", "23.1"], None),  # Typer suggests the nearest name among them all
])
def test_a_run_wants_the_command_it_names(argv: list[str], expected: set[str] | None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("_KPI_COMPLETE", raising=False)
    assert wanted(argv) == expected


def test_completion_wants_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_KPI_COMPLETE", "complete_bash")
    assert wanted(["kpi", "record", "23."]) is None


def test_every_command_is_where_the_table_says() -> None:
    for name, module, function in COMMANDS:
        found = getattr(importlib.import_module(f"linzi_kpi.cli.{module}"), function)
        assert [c.callback for c in app.registered_commands if c.name == name] == [found]
    assert [c.name for c in app.registered_commands] == [name for name, _, _ in COMMANDS]


def test_kpi_record_imports_no_other_command_module() -> None:
    code = ("import sys; import linzi_kpi.cli as cli; cli.register(cli.wanted(sys.argv)); "
            "print([c.name for c in cli.common.app.registered_commands], "
            "sorted(m for m in sys.modules if m.startswith('linzi_kpi.cli.')))")
    out = subprocess.run([sys.executable, "-c", code, "record", "--help"], capture_output=True,
                         text=True, check=True, env={"PATH": "/usr/bin:/bin"}).stdout
    # (common, translated (the command classes) and usage (a usage error) serve every command)
    assert out == ("['record'] ['linzi_kpi.cli.common', 'linzi_kpi.cli.record', "
                   "'linzi_kpi.cli.translated', 'linzi_kpi.cli.usage']\n")


def test_a_mistyped_command_is_named_with_the_nearest(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "linzi_kpi", "recrod", "23.1", "600"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "No such command 'recrod'. Did you mean 'record'?" in result.stderr
