"""The one Markdown escape: what plan or ledger text becomes in a table cell or a heading."""

from __future__ import annotations

import re

#: Every character Markdown (CommonMark, GitHub's tables) could read as syntax here: a cell
#: border, an escape, emphasis, a link, raw HTML, a heading, code.
_SPECIAL = re.compile(r"([\\|*_\[\]<>#`])")
#: Line ends of every kind (a lone carriage return ends a line for a Markdown reader too).
_BREAK = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def md_text(text: str) -> str:
    """``text`` as literal Markdown on one line: line breaks become spaces, and every character
    that could be syntax is escaped with a backslash, so that no cell shifts, no heading is
    forged, and no HTML (``<script>``, ``<img onerror=…>``) reaches a page."""
    return _SPECIAL.sub(r"\\\1", _BREAK.sub(" ", text))
