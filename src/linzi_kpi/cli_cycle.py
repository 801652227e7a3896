"""Commands of the monthly cycle: scorecards, spreadsheet returns, history, changes, bulletin.

Registered on the one ``app`` of ``cli.py``; imports stay inside the commands.
"""

from __future__ import annotations

from .cli import app  # noqa: F401
