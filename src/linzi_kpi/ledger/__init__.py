"""The progress ledger: CSV files under ``progress/``, appended to and never rewritten.

Each line is one record: a figure for a target (``23.1,600,个,2023-06-30,…``) or a state for a
task (``19,in_progress,,2023-06-30,…``). A correction is a new line; the latest record of a target
by figure date, then recording time, then position, is its current figure.

One module per job:

| module | holds |
| --- | --- |
| ``rules`` | what a record must be to count (``RecordChecker``, its fast path ``quick``) |
| ``fileformat`` | the columns of a ledger file, git's conflict markers |
| ``lines`` | a file's bytes → rows: encoding, NUL, what a record's text may not hold (``freetext``), CSV, header |
| ``reading`` | the progress folder → ``Ledger`` (``scan``) |
| ``lookup`` | a level's baselines by the lines that name them (``baselines``) |
| ``writing`` | records → lines, appended (``append``, ``encode``), ``hold`` (read, then append) |
| ``locking`` | the lock that makes appends one at a time |
| ``journal`` | the rollback journal: a recording all or nothing under any kill (``recover``) |

The names below are the ledger's interface; the rest of ``kpi`` imports them from here.
"""

from __future__ import annotations

from .fileformat import COLUMNS
from .journal import JOURNAL_NAME, recover
from .locking import LOCK_NAME
from .lookup import baselines
from .reading import FolderError, Ledger, scan
from .rules import RecordChecker, RecordError, now
from .writing import append, encode, git_files, hold, write_git_files

__all__ = ["COLUMNS", "JOURNAL_NAME", "LOCK_NAME", "FolderError", "Ledger",
           "RecordChecker", "RecordError", "append", "baselines", "encode", "git_files", "hold",
           "now", "recover", "scan", "write_git_files"]
