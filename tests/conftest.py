"""Shared fixtures: a fresh copy of the shipped data for every test, and a CLI runner.

Every test works in its own temporary data folder; nothing a test does touches ``data/``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from linzi_kpi.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

#: The day tests pretend it is, unless they set KPI_TODAY themselves.
TODAY = "2024-03-01"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test depends on the caller's environment or folder."""
    for name in ("KPI_DATA_DIR", "KPI_LANG", "KPI_USER", "NO_COLOR", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KPI_TODAY", TODAY)
    monkeypatch.setenv("KPI_USER", "tester")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("KPI_CACHE_DIR", str(tmp_path / "plan-cache"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped plan (tasks.yaml and its source) with an empty ledger, as ./data."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(DATA / "tasks.yaml", target / "tasks.yaml")
    shutil.copytree(DATA / "source", target / "source")
    return target


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def kpi():
    """Run ``kpi ARGS…`` in-process; returns exit code, stdout and stderr apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


def edit(data_dir: Path, after: str, old: str, new: str) -> int:
    """Replace the first ``old`` that follows the one place ``after`` occurs in the plan of
    ``data_dir``; return its line, so that a test's expected text names it."""
    path = data_dir / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(after) == 1, f"{after!r} must occur exactly once"
    at = text.index(old, text.index(after))
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def validate(kpi) -> tuple[int, str]:
    """``kpi validate``: its exit code and its report, with nothing on stderr."""
    result = kpi("validate")
    assert result.stderr == ""
    return result.exit_code, result.stdout


@pytest.fixture(scope="session")
def _shared_plan_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-plan-cache")


@pytest.fixture
def warm_plan_cache(_shared_plan_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One plan cache for a module's tests (it is keyed by content, so sharing it is safe):
    each test then skips parsing the plan again, which is most of its time."""
    monkeypatch.setenv("KPI_CACHE_DIR", str(_shared_plan_cache))
