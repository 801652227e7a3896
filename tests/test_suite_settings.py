"""The test suite's own settings: under CI, property tests draw the same examples every run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent


def test_the_ci_profile_is_derandomized_and_keeps_no_database() -> None:
    ci = settings.get_profile("ci")
    assert (ci.derandomize, ci.database) == (True, None)


@pytest.mark.slow  # a pytest of its own, twice
def test_conftest_loads_it_when_ci_is_set(tmp_path: Path) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text("from hypothesis import settings\n\n\ndef test_probe():\n"
                     "    assert settings.default.derandomize is True\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
               str(ROOT), "--confcutdir", str(ROOT / "tests"), "-c", str(ROOT / "pyproject.toml"),
               str(probe)]
    # the probe runs under tests/conftest.py (copied beside it), with CI set and without
    (tmp_path / "conftest.py").write_text((ROOT / "tests" / "conftest.py").read_text(
        encoding="utf-8"), encoding="utf-8")
    with_ci = subprocess.run(command, capture_output=True, text=True, env={**env, "CI": "1"},
                             cwd=tmp_path)
    assert with_ci.returncode == 0, with_ci.stdout
    without = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert without.returncode == 1, without.stdout
