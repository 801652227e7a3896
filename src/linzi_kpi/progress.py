"""A progress bar on stderr for work that takes more than a second, on a terminal only.

Never in a pipe, a file or CI (``CI`` set), nor with ``TERM=dumb``: output stays clean for
scripts and logs. The bar appears only once the work has run for ``DELAY`` seconds, so quick
runs print nothing, and it is removed when the work ends. Rich is imported only then.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # Rich is imported only once a bar is shown
    from rich.progress import Progress, TaskID

T = TypeVar("T")

DELAY = 1.0  # seconds of work before a bar is worth showing


def wanted(stream: IO[str] | None = None) -> bool:
    """Whether a bar may be drawn on ``stream`` (stderr by default)."""
    stream = sys.stderr if stream is None else stream
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Tracker:
    """Counts steps of ``total``; draws a bar once ``DELAY`` seconds have passed."""

    def __init__(self, description: str, total: int, stream: IO[str] | None = None,
                 clock: Callable[[], float] = time.monotonic, delay: float = DELAY,
                 enabled: bool | None = None) -> None:
        self.description = description
        self.total = total
        self.done = 0
        self.stream = sys.stderr if stream is None else stream
        self.clock = clock
        self.delay = delay
        self.start = clock()
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.bar: Progress | None = None  # once shown
        self.task: TaskID | None = None

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if not self.enabled:
            return
        if self.bar is None or self.task is None:
            if self.clock() - self.start < self.delay:
                return
            self.bar, self.task = self._show()
        self.bar.update(self.task, completed=self.done)

    def _show(self) -> tuple[Progress, TaskID]:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(file=self.stream, force_terminal=True, highlight=False, markup=False)
        bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TimeRemainingColumn(), console=console, transient=True)
        bar.start()
        return bar, bar.add_task(self.description, total=self.total, completed=self.done)

    @property
    def shown(self) -> bool:
        return self.bar is not None

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def track(items: Iterable[T], description: str, total: int | None = None,
          **options: object) -> Iterator[T]:
    """``items`` one by one, with a bar on stderr if they take more than a second."""
    if total is None:
        total = len(items) if hasattr(items, "__len__") else 0  # type: ignore[arg-type]
    with Tracker(description, total, **options) as tracker:  # type: ignore[arg-type]
        for item in items:
            yield item
            tracker.advance()
