"""The departments a task names, in the conventions of the genre. Pure.

- ``(牵头部门:甲,责任部门:乙、丙)``, ``(牵头单位:甲;配合单位:乙)``, ``参与单位``, ``(责任单位:甲、乙)``
- ``(甲牵头,乙、丙等部门配合)``, ``(甲负责)``
- ``(责任领导：张三；牵头单位：甲；责任单位：乙；完成时限：2025年10月底)``: a 责任领导 is a person,
  never a department; a 完成时限 is the task's deadline
- lines of their own after the task's words: ``牵头单位：甲`` ``责任单位：乙，丙`` ``时间节点：…``

The clause is the parenthesis that ends the task's paragraph, or the labelled lines that follow
its words. Names are split at 、 , ; and 及, except a collective name such as 各镇、街道 that holds
a 、 itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import N_, _
from .written_dates import is_when

_LABEL = re.compile(r"((?:主要|协同|其他|其它)?(?:牵头|责任|配合|参与|协办|协同|主办|承办|主责|实施|落实))"
                    r"(?:部门|单位|科室)\s*[:：]"
                    r"|((?:责任|牵头|分管|包保|包联|联系|挂帅)(?:区|市|县|镇)?(?:级)?领导|责任人|联系人)"
                    r"\s*[:：]"
                    r"|(完成时限|完成期限|完成时间|时间节点|时限要求|时间要求)\s*[:：]")
_LEAD_LABELS = ("牵头", "主办", "主要责任", "主责")
#: A line of its own that names departments, a person or a deadline: ``牵头单位：区发改局``.
#: A line that opens with a label: a department line, a person or a deadline of its own.
LABEL_START = re.compile(r"[(（]?[ \t\u3000]*(?=" + _LABEL.pattern + ")")
_INLINE = re.compile(r"(?<=[。；;\s])(?=(?:(?:主要)?(?:牵头|责任|主责)(?:部门|单位))\s*[:：])")
_LABEL_LINE = re.compile(r"\n[ \t\u3000]*[(（]?[ \t\u3000]*(?=" + _LABEL.pattern + ")")
#: ``甲牵头`` / ``乙等部门配合`` / ``甲负责``: the role written after the names.
_LEAD_AFTER = re.compile(r"(.+?)牵头$")
_OTHERS_AFTER = re.compile(r"(.+?)(等(?:有关|相关)?(?:部门|单位))?(?:配合|参与|协同|协助|协办|负责)$")
_ROLE_WORD = re.compile(r"牵头|负责|配合|参与|协办|协同|协助|责任|领导\s*[:：]|完成时限|时间节点")
#: A collective name that holds a 、 of its own: 各镇、街道.
_JOINED = re.compile(r"各[^、，,;；()（）]{1,4}、(?:街道|街办|园区|开发区|功能区|社区)")
_SPLIT = re.compile(r"[、，,;；]|及")
#: ``乙按职责分工负责`` after a list: how its names share the work, no part of the last name.
_BY_DUTY = re.compile(r"(?:按|按照|根据|依据?)(?:各自)?的?职责(?:分工)?(?:负责|落实|抓好落实)?$")
_COLLECTIVE = re.compile(r"^各|有关|相关|成员单位|各[^、]*(?:专班|部门|单位)")


#: The note of a task whose paragraph (or row) names no department.
NO_DEPARTMENT = N_("the document names no department for this task")


@dataclass
class Roles:
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    clause: str = ""  # the parenthesis as written, "" when the task names no department
    notes: list[str] = field(default_factory=list)
    deadline: str = ""  # a 完成时限 / 时间节点 as written, "" when none


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
                named = _ROLE_WORD.search(inner) or looks_like_departments(inner)
                return (i, end) if named else None
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
        part = re.sub(r"\0([0-9]+)\0", lambda m: kept[int(m.group(1))], part)
        part = re.sub(r"\s*\n\s*", "", part).strip()  # a name wrapped over two lines
        part = _BY_DUTY.sub("", part).strip()
        if part:
            out.append(part)
    return out


def locate(text: str, start: int = 0) -> tuple[int, Roles]:
    """Where a task's own words end (its department lines or closing parenthesis start), and
    the departments (and deadline) those name."""
    lines = _LABEL_LINE.search(text, start)
    bracket = clause_span(text)
    if lines is not None and bracket is not None and bracket[0] < lines.start():
        lines = None  # （…牵头单位：甲；\n责任单位：乙）: one bracket over two lines
    if lines is not None:
        roles = Roles(clause=text[lines.start():].strip())
        # a label opens each line; a line without one is the one before it, wrapped
        joined = "".join(("；" if LABEL_START.match(line.strip()) else "") + line.strip()
                         for line in text[lines.start():].split("\n"))
        _labelled(joined, roles)
        return lines.start(), marked_leads(roles)
    span = clause_span(text)
    if span is None:
        inline = _INLINE.search(text, start)
        if inline is not None:  # …增长8%。牵头单位：区发改局；责任单位：区统计局
            roles = Roles(clause=text[inline.start():].strip())
            _labelled(text[inline.start():], roles)
            return inline.start(), marked_leads(roles)
        line = text.rfind("\n", start)
        if line != -1 and _role_line(text[line + 1:]):  # …增长6%。\n区发改局牵头，区统计局配合
            roles = Roles(clause=text[line + 1:].strip())
            _unlabelled(roles.clause.rstrip("。"), roles)
            return line, marked_leads(roles)
        return len(text), parse(text)
    roles = parse(text)
    if not roles.lead and not roles.responsible and span[0] > start:
        # （牵头单位：甲）（完成时限：2025年10月底）: the departments in the bracket before
        before = parse(text[:span[0]])
        if before.lead or before.responsible:
            earlier = clause_span(text[:span[0]])
            assert earlier is not None
            before.deadline = before.deadline or roles.deadline
            before.clause = text[earlier[0]:span[1]]
            return earlier[0], marked_leads(before)
    return span[0], marked_leads(roles)


_MARKED_LEAD = re.compile(r"[(（]\s*牵头\s*[)）]$")


def marked_leads(roles: Roles) -> Roles:
    """``责任单位：区发改局（牵头）、区统计局``: a name marked （牵头） leads."""
    marked = [n for n in roles.responsible if _MARKED_LEAD.search(n)]
    if marked:
        roles.lead += [_MARKED_LEAD.sub("", n) for n in marked]
        roles.responsible = [n for n in roles.responsible if n not in marked]
        roles.notes.append(_("a name marked （牵头） is taken as the lead"))
    return roles


#: ``区发改局、区统计局（排在第一位的为牵头单位）``: a document that says its first name leads.
FIRST_LEADS = re.compile(r"(?:第一位|首位|第一个|排第一|列第一|排在前面)[^。；\n]{0,6}(?:为|是)牵头")


def first_leads(roles: Roles) -> Roles:
    """Where the document says the first name of each list leads: the first responsible name is
    the lead, when the task names no lead of its own."""
    if not roles.lead and roles.responsible:
        roles.lead, roles.responsible = roles.responsible[:1], roles.responsible[1:]
        roles.notes.append(_("the document says the first name leads (排在第一位的为牵头单位)"))
    return roles


def _labelled(clause: str, roles: Roles) -> bool:
    """Read ``牵头单位：甲；责任单位：乙`` into ``roles``; False when ``clause`` has no label."""
    labels = list(_LABEL.finditer(clause))
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(clause)
        segment = _unbracketed(clause[label.end():end].strip(" \t\u3000；;，,。"))
        if label.group(3):
            roles.deadline = segment
            continue
        found = names(segment)
        if label.group(2):
            if found:
                roles.notes.append(_("{label} {names}: a person, not a department").format(
                    label=label.group(2), names="、".join(found)))
            continue
        leads = label.group(1) in _LEAD_LABELS
        (roles.lead if leads else roles.responsible).extend(found)
        if label.group(1) not in ("牵头", "责任", "主办"):
            written = label.group(1) + ("单位" if "单位" in label.group(0) else "部门")
            roles.notes.append((_("{label} is taken as lead") if leads else
                                _("{label} is taken as responsible")).format(label=written))
    return bool(labels)


def _unbracketed(segment: str) -> str:
    """A segment without the bracket that closes (or opens) the clause around it: 各乡镇（街道）
    keeps its own."""
    while segment and segment[-1] in ")）" and segment.count("(") + segment.count("（") < \
            segment.count(")") + segment.count("）"):
        segment = segment[:-1].rstrip(" \t\u3000；;，,。")
    while segment and segment[0] in "(（" and segment.count("(") + segment.count("（") > \
            segment.count(")") + segment.count("）"):
        segment = segment[1:].lstrip()
    return segment


def parse(text: str) -> Roles:
    """The lead and responsible departments a task's paragraph names, as written."""
    span = clause_span(text)
    if span is None:
        return Roles(notes=[_(NO_DEPARTMENT)])
    clause = re.sub(r"\s*\n\s*", "", text[span[0] + 1:span[1] - 1])  # wrapped over lines
    roles = Roles(clause=text[span[0]:span[1]])
    if not _labelled(clause, roles):
        _unlabelled(clause, roles)
    return roles


def _role_line(line: str) -> bool:
    """A line of its own that says who does a task without a label: 区发改局牵头，区统计局配合 /
    区工信局负责."""
    parts = [p.strip() for p in re.split(r"[，,;；]", line.strip().rstrip("。")) if p.strip()]
    found = [_LEAD_AFTER.fullmatch(p) or _OTHERS_AFTER.fullmatch(p) for p in parts]
    return bool(parts) and any(_ROLE_WORD.search(p) for p in parts) and all(
        m is not None and looks_like_departments(m.group(1)) for m in found)


def _unlabelled(clause: str, roles: Roles) -> None:
    """Read ``甲牵头，乙、丙等部门配合`` / ``甲负责`` into ``roles``."""
    for part in re.split(r"[，,;；]", clause):
        part = part.strip()
        lead = _LEAD_AFTER.fullmatch(part)
        others = _OTHERS_AFTER.fullmatch(part) if lead is None else None
        if lead:
            roles.lead.extend(names(lead.group(1)))
        elif others:
            roles.responsible.extend(names(others.group(1)))
            if others.group(2):
                roles.notes.append(_("{words}: the document names more departments than "
                                     "these").format(words=others.group(2)))
        elif part and is_when(part):  # （区人社局牵头，长期坚持）: a deadline, not a name
            roles.deadline = part
        elif part:
            roles.responsible.extend(names(part))
            roles.notes.append(_("{part} names no role: taken as responsible").format(
                part=repr(part)))


def is_collective(name: str) -> bool:
    return bool(_COLLECTIVE.search(name))


def maybe_same(name: str, other: str) -> bool:
    """区卫健局 and 区卫生健康局: a shorter name whose characters appear in order in a longer one
    with the same first and last character — perhaps an abbreviation, for the reviewer to judge."""
    if len(name) >= len(other) or len(name) < 3 or name[0] != other[0] or name[-1] != other[-1]:
        return False
    it = iter(other)
    return all(c in it for c in name)


#: How a department's name ends: 局 委 办 中心 街道 公司 专班, 县工商联, 县科协 …
_DEPARTMENT_END = re.compile(r"(局|委|办|院|中心|政府|街道|办事处|镇|乡|园区|开发区|管委会|公司|部|队|所|站|会|联|协|"
                             r"处|科|室|馆|社|行|集团|专班|单位|部门|海关|署|厅|组|校|企业|村|社区|区|县|市)$")
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}")


def looks_like_departments(cell: str) -> bool:
    """A table cell that holds department names: no sentence, no figure, each name ending as a
    department's does (or a collective name: 各街道, 有关部门)."""
    cell = cell.strip()
    if not cell or len(cell) > 80 or re.search(r"[。0-9０-９%％]", cell):
        return False
    found = [_MARKED_LEAD.sub("", n) for n in names(cell)]  # 区发改局（牵头）
    return bool(found) and all(_DEPARTMENT_END.search(n) or is_collective(n) for n in found)


def looks_like_person(cell: str) -> bool:
    """A 责任领导 cell: a person's name, two to four characters, or several such."""
    found = names(cell.strip())
    return bool(found) and all(_PERSON.fullmatch(n) and not _DEPARTMENT_END.search(n)
                               for n in found)


def same_departments(all_names: list[str]) -> dict[str, str]:
    """Names that look like another's short form (区发改局 / 区发展和改革局): short → long, for the
    reviewer to confirm. Names are grouped by first and last character, so that each is compared
    only with the few that could match."""
    groups: dict[tuple[str, str], list[str]] = {}
    for name in all_names:
        if name:
            groups.setdefault((name[0], name[-1]), []).append(name)
    alias: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2 or len(group) > 50:
            continue
        for name in group:
            longer = [o for o in group if maybe_same(name, o) and o not in alias]
            if longer and name not in alias.values():
                alias[name] = max(longer, key=len)
    return alias
