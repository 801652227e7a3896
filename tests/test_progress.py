"""The progress bar (issue 12): on stderr, on a terminal only, and only for work over a second."""

from __future__ import annotations

import io

import pytest

from linzi_kpi.progress import Tracker, track, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_bar_appears_after_a_second_of_work_on_a_terminal(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream, clock = Terminal(), Clock()
    with Tracker("checking rows", 10, stream=stream, clock=clock) as t:
        t.advance(3)
        clock.now = 0.9
        t.advance()
        assert not t.shown and stream.getvalue() == ""  # under a second: nothing
        clock.now = 1.2
        t.advance()
        assert t.shown
    out = stream.getvalue()
    assert "checking rows" in out and "5/10" in out


@pytest.mark.parametrize("env", [{"CI": "true"}, {"TERM": "dumb"}])
def test_never_in_ci_or_on_a_dumb_terminal(monkeypatch, env: dict[str, str]) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream, clock = Terminal(), Clock()
    assert not wanted(stream)
    with Tracker("x", 2, stream=stream, clock=clock) as t:
        clock.now = 5.0
        t.advance()
        assert not t.shown
    assert stream.getvalue() == ""


def test_never_in_a_pipe(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream, clock = io.StringIO(), Clock()  # not a terminal
    items = list(track(range(3), "x", stream=stream, clock=clock))
    clock.now = 9.0
    assert items == [0, 1, 2] and stream.getvalue() == ""
