"""A plan document's section headings: ``一、加快推进…`` and ``第一部分 科技创新``, and a heading
that carries its goals paragraph on its own line (``一、主要预期目标：全区…``). Pure."""

from __future__ import annotations

import re

from ..numbering import CHINESE_NUMBER, chinese_number
from .goals import inline

SECTION = re.compile(rf"(?:第({CHINESE_NUMBER})(?:部分|章|篇)[ \t\u3000、，,：:]*"
                     rf"|({CHINESE_NUMBER})[、．.][ \t\u3000]*)(\S.*)")
#: A heading is short and is no sentence.
HEADING_MAX = 40


def section_heading(line: str) -> tuple[int, str] | None:
    """``一、加快推进…`` → (1, ``加快推进…``); None for a line that is no section heading."""
    stripped = line.strip()
    if len(stripped) > HEADING_MAX or "。" in stripped.rstrip("。"):
        return None
    found = SECTION.fullmatch(stripped)
    if found is None:
        return None
    number = chinese_number(found.group(1) or found.group(2))
    title = found.group(3).strip().rstrip("。")
    return (number, title) if number and title else None


def carries_goals(stripped: str) -> bool:
    """``一、主要预期目标：全区…``: a section heading with its goals paragraph on its line."""
    head = SECTION.fullmatch(stripped)
    return bool(head and head.group(2) and inline(head.group(3)))


def heading_of(stripped: str) -> tuple[tuple[int, str], int]:
    """A section heading's number and title, and where its title ends when it carries on (0)."""
    heading = section_heading(stripped)
    if heading is not None:
        return heading, 0
    found = SECTION.fullmatch(stripped)
    carried = inline(found.group(3)) if found else None
    assert found is not None and carried is not None
    return (chinese_number(found.group(2)) or 0, carried[0]), found.start(3) + carried[1] - 1
