"""The departments a task names, in the conventions of the genre. Pure.

- ``(牵头部门:甲,责任部门:乙、丙)``, ``(牵头单位:甲;配合单位:乙)``, ``参与单位``, ``(责任单位:甲、乙)``
- ``(甲牵头,乙、丙等部门配合)``, ``(甲负责)``

The clause is the parenthesis that ends the task's paragraph. Names are split at 、 , ; and 及,
except a collective name such as 各镇、街道 that holds a 、 itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LABEL = re.compile(r"(牵头|责任|配合|参与|协办|协同|主办|承办)(?:部门|单位)\s*[:：]")
_LEAD_LABELS = ("牵头", "主办")
#: ``甲牵头`` / ``乙等部门配合`` / ``甲负责``: the role written after the names.
_LEAD_AFTER = re.compile(r"(.+?)牵头$")
_OTHERS_AFTER = re.compile(r"(.+?)(等(?:有关|相关)?(?:部门|单位))?(?:配合|参与|协同|协助|协办|负责)$")
_ROLE_WORD = re.compile(r"牵头|负责|配合|参与|协办|协同|协助|责任")
#: A collective name that holds a 、 of its own: 各镇、街道.
_JOINED = re.compile(r"各[^、，,;；()（）]{1,4}、(?:街道|街办|园区|开发区|功能区|社区)")
_SPLIT = re.compile(r"[、，,;；]|及")
_COLLECTIVE = re.compile(r"^各|有关|相关|成员单位|各[^、]*(?:专班|部门|单位)")


@dataclass
class Roles:
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    clause: str = ""  # the parenthesis as written, "" when the task names no department
    notes: list[str] = field(default_factory=list)


def clause_span(text: str) -> tuple[int, int] | None:
    """Where the department clause of a task's paragraph lies: the closing parenthesis at its
    end (a 。 or space after it is allowed) and its match, when it names a role."""
    end = len(text.rstrip().rstrip("。").rstrip())
    if end == 0 or text[end - 1] not in ")）":
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        if text[i] in ")）":
            depth += 1
        elif text[i] in "(（":
            depth -= 1
            if depth == 0:
                inner = text[i + 1:end - 1]
                return (i, end) if _ROLE_WORD.search(inner) else None
    return None


def names(segment: str) -> list[str]:
    """``区发改局、区财政局`` → two names; ``各镇、街道`` stays one."""
    kept: list[str] = []

    def hold(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f"\0{len(kept) - 1}\0"

    protected = _JOINED.sub(hold, segment)
    out = []
    for part in _SPLIT.split(protected):
        part = re.sub(r"\0([0-9]+)\0", lambda m: kept[int(m.group(1))], part).strip()
        if part:
            out.append(part)
    return out


def parse(text: str) -> Roles:
    """The lead and responsible departments a task's paragraph names, as written."""
    span = clause_span(text)
    if span is None:
        return Roles(notes=["the document names no department for this task"])
    clause = text[span[0] + 1:span[1] - 1]
    roles = Roles(clause=text[span[0]:span[1]])
    labels = list(_LABEL.finditer(clause))
    if labels:
        for i, label in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(clause)
            found = names(clause[label.end():end])
            (roles.lead if label.group(1) in _LEAD_LABELS else roles.responsible).extend(found)
            if label.group(1) not in ("牵头", "责任", "主办"):
                roles.notes.append(f"{label.group(1)}{'单位' if '单位' in label.group(0) else '部门'} "
                                   "is taken as responsible")
        return roles
    for part in re.split(r"[，,;；]", clause):
        part = part.strip()
        lead = _LEAD_AFTER.fullmatch(part)
        others = _OTHERS_AFTER.fullmatch(part) if lead is None else None
        if lead:
            roles.lead.extend(names(lead.group(1)))
        elif others:
            roles.responsible.extend(names(others.group(1)))
            if others.group(2):
                roles.notes.append(f"{others.group(2)}: the document names more departments than "
                                   "these")
        elif part:
            roles.responsible.extend(names(part))
            roles.notes.append(f"{part!r} names no role: taken as responsible")
    return roles


def is_collective(name: str) -> bool:
    return bool(_COLLECTIVE.search(name))


def maybe_same(name: str, other: str) -> bool:
    """区卫健局 and 区卫生健康局: a shorter name whose characters appear in order in a longer one
    with the same first and last character — perhaps an abbreviation, for the reviewer to judge."""
    if len(name) >= len(other) or len(name) < 3 or name[0] != other[0] or name[-1] != other[-1]:
        return False
    it = iter(other)
    return all(c in it for c in name)
