"""A plain install runs the whole month: the readers and writers of the month's files are
dependencies, imported only by the commands that use them; extras are for development only."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_month_s_file_libraries_are_dependencies() -> None:
    assert {"openpyxl", "python-calamine", "xlrd", "python-docx"} <= _names(
        PROJECT["dependencies"])


def test_extras_are_for_tests_and_lint_only() -> None:
    assert set(PROJECT["optional-dependencies"]) == {"test", "lint"}


def test_the_heavy_libraries_are_imported_only_when_used() -> None:
    code = ("import sys, linzi_kpi.cli, linzi_kpi.cli.cycle, linzi_kpi.cli.report; "
            "print([m for m in ('openpyxl', 'docx', 'python_calamine', 'xlrd', 'lxml') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


def test_the_quick_start_installs_without_extras() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].splitlines()[0]
    assert "pip install -q -e . &&" in first and "[" not in first
