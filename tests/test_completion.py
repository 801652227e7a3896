"""Shell completion offers only words a shell takes literally: driven through a real interactive
bash on a pseudo-terminal, as a person presses Tab and Enter."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import edit
from linzi_kpi.completion import literal

HOSTILE = "区科技局$(touch pwned)"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def test_literal_words():
    assert [w for w in ["区科技局", "区（局）", "23.1", "C++", "a/b@c%d,e_f"] if literal(w)] == [
        "区科技局", "区（局）", "23.1", "C++", "a/b@c%d,e_f"]
    refused = [HOSTILE, "区`id`", "a b", "x;y", "a|b", "a&b", "a>b", "区*", "区?", "[x]", "'x'",
               '"x"', "a\\b", "{a,b}", "a=b", "~x", "-x", "x#", "a!b", "区\u3000局", "区\u202e局",
               "区\n局", "区\t局", ""]
    assert [w for w in refused if literal(w)] == []


class Terminal:
    """An interactive bash on a pseudo-terminal, with kpi's bash completion loaded."""

    def __init__(self, folder: Path) -> None:
        bin_dir = folder / "bin"
        bin_dir.mkdir()
        kpi = bin_dir / "kpi"
        kpi.write_text(f'#!/bin/sh\nexec {sys.executable} -m linzi_kpi "$@"\n', encoding="utf-8")
        kpi.chmod(0o755)
        # the script bash sources, asked for by name: `--show-completion` would ask shellingham
        # which shell is among pytest's parents, and there may be none (CI, an IDE, a service)
        script = subprocess.run([str(kpi)], capture_output=True, text=True, check=True,
                                cwd=folder,
                                env=dict(os.environ, _KPI_COMPLETE="source_bash")).stdout
        assert "complete -o default -F _kpi_completion kpi" in script
        (folder / "completion.bash").write_text(script, encoding="utf-8")
        env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", HOME=str(folder),
                   INPUTRC=os.devnull, TERM="dumb", PS1="$ ", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        self.master, slave = os.openpty()
        self.process = subprocess.Popen(["bash", "--norc", "--noprofile", "-i"], stdin=slave,
                                        stdout=slave, stderr=slave, cwd=folder, env=env,
                                        start_new_session=True)
        os.close(slave)
        self.seen = b""
        self.run("source completion.bash")

    def send(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def until(self, marker: bytes, deadline: float = 60) -> bytes:
        """Read until ``marker`` appears (a guard against a hang, not a measure of speed)."""
        end = time.monotonic() + deadline
        while marker not in self.seen:
            left = end - time.monotonic()
            assert left > 0, f"no {marker!r} in {self.seen.decode('utf-8', 'replace')!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:
                    break
        out, _, self.seen = self.seen.partition(marker)
        return out

    def run(self, line: str) -> bytes:
        self.send(line + "\r")
        self.send("echo END-$((6*7))\r")
        return self.until(b"END-42")

    def complete(self, typed: str) -> bytes:
        """Type ``typed``, press Tab, then Enter (readline takes the keys in order)."""
        self.send(typed + "\t")
        return self.run("")

    def close(self) -> None:
        self.send("exit\r")
        try:
            self.process.wait(timeout=30)
        finally:
            self.process.kill()
            os.close(self.master)


@pytest.fixture
def terminal(tmp_path: Path, data_dir: Path):
    # the department renamed everywhere the plan names it (a plan with a problem is not used)
    edit(data_dir, "departments:", "- name: 区科技局", f'- name: "{HOSTILE}"')
    plan = data_dir / "tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('"区科技局"', f'"{HOSTILE}"'),
                    encoding="utf-8")
    t = Terminal(tmp_path)
    yield t
    t.close()


@pytest.mark.slow
def test_a_hostile_department_is_not_offered_and_nothing_runs(terminal, tmp_path):
    # before: Tab completed `kpi dept 区科` to the whole name, and Enter ran `touch pwned`
    screen = terminal.complete("kpi dept 区科")
    assert not (tmp_path / "pwned").exists()
    assert b"touch" not in screen
    # the command ran with what was typed: an unknown department, said in one line
    assert "error: unknown department '区科'".encode() in screen


@pytest.mark.slow
def test_a_department_a_shell_takes_literally_is_completed(terminal):
    # the control: completion works in this terminal, so the test above shows a refusal
    screen = terminal.complete("kpi dept 区大")
    assert "kpi dept 区大数据局 ".encode() in screen


@pytest.mark.slow
def test_the_marker_would_appear_if_the_name_were_entered(terminal, tmp_path):
    # the control of the payload: typed out and entered, the name does run its command
    terminal.run(f"kpi dept {HOSTILE} > /dev/null 2>&1")
    assert (tmp_path / "pwned").exists()
