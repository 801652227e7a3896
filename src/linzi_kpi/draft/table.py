"""A plan document laid out as a table (its rows flattened to text, a cell after another): the
columns after a task's words, from the header row or guessed, and what a row's trailing cells
name (departments, a person, a deadline). Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import _
from .departments import (
    NO_DEPARTMENT,
    Roles,
    looks_like_departments,
    looks_like_person,
    marked_leads,
    names,
)
from .written_dates import is_when

#: Words of a table's header row: a line holding two of them (and no sentence) is the header.
HEADER_WORDS = ("序号", "牵头单位", "责任单位", "配合单位", "完成时限", "完成期限", "时间节点", "主要任务",
                "工作任务", "重点任务", "任务内容", "具体任务", "工作内容", "责任领导", "牵头部门", "责任部门",
                "主要责任单位", "协同配合单位", "目标任务", "工作措施", "完成时间", "工作目标")


@dataclass
class Column:
    role: str  # lead, responsible, person, deadline or other
    name: str  # as the header writes it, or "" when guessed
    index: int = 0  # its place in the row, from 1


def column_role(name: str) -> str:
    if "领导" in name:
        return "person"
    if re.search(r"时限|期限|时间|节点", name):
        return "deadline"
    if re.search(r"牵头|主要责任|主责|主办", name):
        return "lead"
    if re.search(r"责任|配合|协同|协办|参与|单位|部门", name):
        return "responsible"
    return "other"


def header(line: str) -> list[Column] | None:
    """A table's header row → the columns after the task's words; None for any other line."""
    if len(line) > 120 or re.search("[。:：]", line) or sum(w in line for w in HEADER_WORDS) < 2:
        return None
    cells = line.split()
    if len(cells) < 2:
        return None
    task = next((i for i, c in enumerate(cells) if re.search(r"任务|内容|事项|措施|目标|工作", c)
                 and column_role(c) == "other"), None)
    after = [(i, c) for i, c in enumerate(cells) if i > task] if task is not None else \
        [(i, c) for i, c in enumerate(cells) if column_role(c) != "other"]
    return [Column(column_role(c), c, i + 1) for i, c in after]


def _same_cell(text: str, end: int, start: int) -> bool:
    """Whether the words before ``end`` and those from ``start`` are lines of one cell of a row
    parted by tabs (a line end between them, no tab)."""
    between = text[end:start]
    return "\n" in between and "\t" not in between


#: The columns a table without a header row is read with: its number, the task's words, then
#: lead, responsible, deadline.
GUESSED_COLUMNS = [Column("lead", "", 3), Column("responsible", "", 4), Column("deadline", "", 5)]


def cells(text: str, start: int, columns: list[Column]) -> tuple[int, Roles, str]:
    """A table row's trailing cells, read from its end: (where the task's words end, the
    departments, the deadline as written). A cell may break across lines; an empty cell is
    allowed (the departments found fill the department columns from the left)."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"[^ \t\u3000\n]+", text[start:])]
    tokens = [(a + start, b + start) for a, b in tokens]
    i = len(tokens) - 1
    tabbed = "\t" in text[start:]  # cells parted by tabs: a line end is inside a cell
    found: dict[int, str] = {}
    deadline = ""
    for ci in range(len(columns) - 1, -1, -1):
        if i < 1:
            break
        role = columns[ci].role
        cell = text[tokens[i][0]:tokens[i][1]]
        if role == "deadline" and is_when(cell):
            j = i  # (the rows of a merged 序号: a 完成时限 a line, each a row's)
            while tabbed and j > 1 and _same_cell(text, tokens[j - 1][1], tokens[j][0]) and (
                    is_when(text[tokens[j - 1][0]:tokens[j - 1][1]])):
                j -= 1
            deadline, i = text[tokens[j][0]:tokens[i][1]], j - 1
        elif role in ("lead", "responsible") and looks_like_departments(cell):
            j = i
            while j > 1 and (text[tokens[j - 1][1] - 1] in "、，,；;" and looks_like_departments(
                    text[tokens[j - 1][0]:tokens[j - 1][1] - 1]) or tabbed and _same_cell(
                    text, tokens[j - 1][1], tokens[j][0]) and looks_like_departments(
                    text[tokens[j - 1][0]:tokens[j - 1][1]])):
                j -= 1
            found[ci] = text[tokens[j][0]:tokens[i][1]]
            if tabbed:  # a name a line, each a department's (the rows of a merged 序号)
                found[ci] = re.sub(r"[ \u3000]*\n[ \u3000\n]*", "、", found[ci])
            i = j - 1
        elif role == "person" and looks_like_person(cell):
            found[ci] = ""
            i -= 1
    end = tokens[i + 1][0] if i + 1 < len(tokens) else len(text)
    roles = Roles(clause=text[end:].strip())
    for ci in sorted(found):
        if columns[ci].role == "person":
            roles.notes.append(_("{column}: a person, not a department").format(
                column=columns[ci].name or "责任领导"))
    dept_columns = [c for c in columns if c.role in ("lead", "responsible")]
    filled = [found[ci] for ci in sorted(found) if columns[ci].role != "person"]
    if len(filled) < len(dept_columns) and filled:
        roles.notes.append(_("a department cell is empty: the names found fill the columns "
                             "from the left; check which column they are in"))
    for column, cell in zip(dept_columns, filled, strict=False):
        named = roles.lead if column.role == "lead" else roles.responsible
        named.extend(n for n in dict.fromkeys(names(cell)) if n not in named)  # (once: rows)
    if not filled:
        roles.notes.append(_(NO_DEPARTMENT))
    return end, marked_leads(roles), deadline
