"""Numeric target candidates in a task's words. Pure.

Each number written in digits is read with what follows it (a unit, 以上 / 左右 / 以内, a range
``2—4家``, a pair ``170家和180家``) and the words before it in its clause (达到, 稳定在, 控制在,
新增 …). A number is no target when it is a name or a date: inside quotation marks or 《》
(人才金政50条, “456”), joined to a Latin letter (G308, 5G, 4A级), after 第 or 前 (第五届 is in
words anyway), followed by no unit (2023年, 15分钟), or a threshold (30万千瓦以下煤电机组). The one
target without a digit the genre writes is 清零 (reach zero). Every guess carries its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..enums import Comparator, Kind
from ..i18n import N_, _
from ..numbering import chinese_number
from ..values import format_number
from .deadlines import Note as Note
from .deadlines import deadline as _deadline
from .deadlines import deadline_note as deadline_note
from .spans import CLAUSE_END as _CLAUSE_END
from .spans import clause_end as _clause_end
from .spans import clause_start as _clause_start
from .spans import inside as _inside
from .spans import quoted_spans as _quoted_spans
from .spans import sentence_start as _sentence_start
from .words import PERCENT_UNITS
from .words import UNITS as UNITS
from .words import label as _label
from .words import unit_at as _unit_at

#: Growth and change rates: 增长8%, 增速保持在8%以上, 下降3%, 降低2.5% — a rate, not a level.
_RATE_WORD = re.compile(r"(增长|增速|增幅|涨幅|下降|降低|减少|提高|提升|递增|递减|回升|增加)(?![到至值])")
#: The figures of a list between a rate word and the number: 分别增长5.2%、8%左右.
_LIST_FIGURES = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*[%％](?:以上|左右|以内)?[、和与及]?")
#: A count written in Chinese numerals after a verb of the genre: 新增三家, 新建就业驿站五个 (an
#: ordinal no count: 建成第三批).
_CN_COUNT = re.compile(r"(新增|新建|新培育|培育|建成|打造|创建|新引进|引进|完成|举办|开展|实施|建设|新设|"
                       r"招引|认定|新开工|改造|争创)([^，。；、,;0-9]{0,8}?)(?<![第前每])([二三四五六七八九十两]{1,3})"
                       r"(家|个|所|座|项|条|处|支|场|次|批|名|户|台|套|辆|张|栋|部)(?!大)")

_NUMBER = re.compile(r"(?<![0-9０-９.．])([0-9０-９]+(?:[.．][0-9０-９]+)?)")
_RANGE_SEP = re.compile(r"\s*[—–\-~～至到]{1,2}\s*")
#: Between the figures of a range that writes its unit twice (5%—6%; not 到: 从30%到50%).
_UNIT_RANGE_SEP = re.compile(r"\s*(?:[—–\-~～]{1,2}|至)\s*")
#: After a unit: what bounds the number.
_BOUND = re.compile(r"(以上|以下|以内|之内|左右|上下)")
#: Words after ``N条`` / ``N项`` that make the number part of a name: 20条措施.
_NAME_AFTER = re.compile(r"(措施|意见|政策|举措|规定|细则|做法|经验|要求)")
_NOT_BEFORE = ("第", "前", "排名", "居", "位列", "每")
#: Words before a number that make it how long something lasts: 持续3个月, 为期2天.
_LASTING = ("持续", "为期", "历时", "期限", "时长")
#: Where a clause ends (outside quotation marks).

_MAINTAIN = re.compile(r"(稳定在|保持在|维持在|继续保持|保持|稳定)")
_AT_MOST = re.compile(r"(控制在|不超过|不高于|(?<!不)低于|(?<!不)少于|压减到|压减至|降至|降到|下降到|"
                      r"压缩至|压缩到|缩短至|缩短到|减少至|减少到|降低至|降低到|下降至)")
_AT_LEAST = re.compile(r"(不少于|不低于|超过|至少|力争|达到)")
#: Words that say the thing counted is new during the period: these win over 达到.
_NEW = re.compile(r"(新增|新引进|新建|新改建|新改扩建|新认证|新认定|新开工|新培育|新创建|新登记|新注册|新设立)")
_LEVEL = re.compile(r"(达到|(?<![下通送表传抵])达(?!标)|稳定在|保持在|维持在|覆盖率|占比|比重|比例|人均)")
_DOING = re.compile(r"(培育|实施|建成|建设|打造|完成|开展|举办|推出|引进|关停|改造|争创|创建|选树|形成|"
                    r"发放|绿化|招引|推进|启动|创排|新增|新建|认证|认定|制定|实现)")
_ZERO = re.compile(r"(动态)?清零")
#: 年产10万吨 / 总投资50亿元 before the thing they describe.
_DESCRIBES = re.compile(r"(?:年产|年处理|日处理|日产|年加工|年吞吐|总投资|计划投资|占地|占地面积|总建筑面积|"
                        r"建筑面积|装机容量|设计产能|产能)[^，。；;,、]{0,2}$")
#: 5个方面, 3个领域: the parts of a plan, counted.
_ASPECTS = re.compile(r"(?:方面|领域|环节|维度|层面|重点|板块|片区)")
#: 每季度举行1次: a frequency, not a target.
_PER_PERIOD = re.compile(r"每(?:年|季度?|月|周|天|日|半年)[^，。；;,]{0,6}$")
#: A letter just before a number (``A1``): a name or a code, not a figure.
_LETTER_END = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]\n?$")
#: How far a quote reaches from its number: a clause is rarely a tenth of this; a longer one
#: (a document without punctuation) would make every quote, and the plan, grow with its square.
QUOTE_REACH = 200


def comparator_note(why: str) -> Note:
    return Note(_("comparator {why}").format(why=why), "comparator", why)


def kind_note(why: str) -> Note:
    return Note(_("kind {why}").format(why=why), "kind", why)


@dataclass
class Candidate:
    label: str
    quote: str
    number: float
    unit: str
    comparator: Comparator
    kind: Kind
    deadline: dt.date | None = None
    stretch: float | None = None
    position: int = 0  # where the number starts in the text
    notes: list[str] = field(default_factory=list)
    end: int = 0  # where its expression (number, unit, bound) ends
    bound: str = ""  # 以上 / 左右 / 以内 … written after it, "" when none


@dataclass
class Skipped:
    text: str
    why: str


def has_target(text: str) -> bool:
    """Whether a paragraph holds a number with a unit that could be a target (read only as far
    as the first)."""
    return bool(find(text, (0, len(text)), 0, first=True)[0])


def count_numbers(text: str) -> int:
    """How many numbers written in digits ``text`` holds."""
    return sum(1 for _m in _NUMBER.finditer(text))


def _number(text: str) -> float:
    return float(text.replace("．", "."))


class TooMany(Exception):
    """More candidates in a text than ``find`` was let keep."""


def find(text: str, body: tuple[int, int], year: int, limit: int | None = None,
         first: bool = False) -> tuple[list[Candidate], list[Skipped]]:
    """Candidates in ``text[body[0]:body[1]]`` (a task's words, without its number and its
    department clause), in order; and the numbers not taken, with why. Raises ``TooMany`` as
    soon as it finds more than ``limit`` candidates; with ``first``, returns the first found
    (and no skipped numbers) instead."""
    start, stop = body
    spans = _quoted_spans(text)
    found: list[Candidate] = []
    skipped: list[Skipped] = []

    def keep(cand: Candidate) -> bool:
        """Keep ``cand``; whether the scan is over (``first``)."""
        found.append(cand)
        if first:
            return True
        if limit is not None and len(found) > limit:
            raise TooMany
        return False

    def skip(number: str, why: str, **words: str) -> None:
        if not first:  # (a paragraph asked only whether it holds a target keeps none)
            skipped.append(Skipped(number, _(why).format(**words) if words else _(why)))

    items: list[tuple[int, int, int]] = []  # (number start, expression end, clause-list start)
    pos = start
    while True:
        m = _NUMBER.search(text, pos, stop)
        if m is None:
            break
        pos = m.end()
        a, b = m.span()
        written = m.group(1)
        before = text[max(start, a - 2):a]
        after = text[b:b + 1]
        if _inside(spans, a):
            skip(written, N_("inside quotation marks: part of a name"))
            continue
        if _LETTER_END.search(text, max(start, a - 2), a) or re.match(r"[A-Za-zＡ-Ｚａ-ｚ]", after):
            skip(written, N_("joined to a letter: a name or a code"))
            continue
        if any(before.endswith(w) for w in _NOT_BEFORE):
            skip(written, N_("an ordinal, a rank or a rate per period"))
            continue
        if any(before.endswith(w) for w in _LASTING):
            skip(written, N_("how long something lasts (持续3个月), not a target"))
            continue
        stretch = None
        rng = _RANGE_SEP.match(text, b)
        if rng:
            upper = _NUMBER.match(text, rng.end())
            if upper and upper.end() <= stop and _unit_at(text, upper.end()):
                stretch = _number(upper.group(1))
                b = upper.end()
                pos = b
        gap = b
        while gap < stop and gap - b < 2 and text[gap] == " ":
            gap += 1  # 500 万元: text taken from a PDF puts a space between figure and unit
        unit = _unit_at(text, gap)
        if unit is not None:
            b = gap
        if unit is None:
            word = text[b:b + 2]
            skip(written, N_("no unit after it ({word}): a year, a date or a name") if word else
                 N_("no unit after it (nothing): a year, a date or a name"), word=word)
            continue
        end = b + len(unit)
        if stretch is None and text[a - 1:a] not in ("从", "由"):
            # 增长5%—6%, 2家～4家: a range that writes its unit twice
            rng = _UNIT_RANGE_SEP.match(text, end)
            upper = _NUMBER.match(text, rng.end()) if rng else None
            if upper and text.startswith(unit, upper.end()) and upper.end() + len(unit) <= stop:
                stretch = _number(upper.group(1))
                end = pos = upper.end() + len(unit)
        bound = _BOUND.match(text, end)
        if unit in ("条", "项") and _NAME_AFTER.match(text, end):
            skip(written + unit, N_("names a set of measures, not a count to reach"))
            continue
        clause = text[max(_clause_start(text, a, spans, start), a - QUOTE_REACH):a]
        if bound and bound.group(1) == "以下" and not _AT_MOST.search(clause):
            follows = text[bound.end():bound.end() + 1]
            if follows and follows not in _CLAUSE_END + "、":
                skip(written + unit + "以下", N_("a threshold that qualifies "
                                               "what follows, not a target"))
                continue
        if bound and bound.group(1) == "以上":
            # 500万元以上项目260个: a threshold of what is counted after it, in the same clause
            follows = text[bound.end():bound.end() + 1]
            rest = text[bound.end():min(_clause_end(text, bound.end(), spans, _CLAUSE_END + "、"),
                                        bound.end() + QUOTE_REACH)]
            later = _NUMBER.search(rest)
            if follows and follows not in _CLAUSE_END + "、" and later and _unit_at(
                    rest, later.end() + (rest[later.end():later.end() + 1] == " ")):
                skip(written + unit + "以上", N_("a threshold that qualifies "
                                               "what follows, not a target"))
                continue
        after_expression = text[(bound.end() if bound else end):(bound.end() if bound else end) + 1]
        if _DESCRIBES.search(clause) and after_expression and after_expression not in _CLAUSE_END + "、":
            # 建设年产10万吨的…项目, 总投资50亿元的…: the size of what follows, not a target
            skip(written + unit, N_("describes what follows (年产, 总投资 …), "
                                    "not a target"))
            continue
        if unit == "个" and text.startswith("一批", end):
            # 3个一批 (a campaign's name: 谋划一批、开工一批、投产一批), not a count
            skip(written + unit + "一批", N_("a campaign's name (N个一批), not a target"))
            continue
        if unit == "个" and _ASPECTS.match(text, end):
            skip(written + unit, N_("counts the parts of a plan (方面, 领域 …), "
                                    "not a target"))
            continue
        if _PER_PERIOD.search(clause):
            skip(written + unit, N_("a rate per period (每季度…), not a target"))
            continue
        if bound:
            end = bound.end()
        cand = _candidate(text, a, b, end, written, unit, bound.group(1) if bound else "",
                          stretch, spans, start, stop, year, found)
        cand.end, cand.bound = end, bound.group(1) if bound else ""
        if keep(cand):
            return found, []
        items.append((a, end, 0))
    _one_bound_for_a_list(text, found)
    _respectively(text, found, spans, start)
    for count in _CN_COUNT.finditer(text, start, stop):
        at = count.start(3)
        if _inside(spans, at):
            continue
        cstart = max(_clause_start(text, at, spans, start), at - QUOTE_REACH)
        quote = text[cstart:count.end()]
        value = chinese_number(count.group(3))
        if value is None or count.group(3) == "二":  # 二次供水, 二级: a count says 两
            continue
        label = _label(quote[:len(quote) - len(count.group(3) + count.group(4))])
        cand = Candidate(label or quote, quote, value, count.group(4), Comparator.at_least,
                         Kind.increment, position=at,
                         notes=[_("written in Chinese numerals ({figure}): check the "
                                  "figure").format(figure=count.group(3) + count.group(4)),
                                comparator_note(_("no bound written: at least is a guess")),
                                kind_note(_("{verb}: done during the period").format(
                                    verb=count.group(1)))])
        cand.deadline = _deadline(text, at, spans, start, year, cand.notes)
        if keep(cand):
            return found, []
    for zero in _ZERO.finditer(text, start, stop):
        if _inside(spans, zero.start()):
            continue
        cstart = max(_clause_start(text, zero.start(), spans, start), zero.start() - QUOTE_REACH)
        quote = text[cstart:zero.end()]
        label = _label(quote.replace(zero.group(0), ""))
        cand = Candidate(label or quote, quote, 0, "个", Comparator.at_most, Kind.level,
                         position=zero.start(),
                         notes=[_("清零: reach zero, a ceiling of 0"),
                                _("no unit in the text: 个 is a guess")])
        cand.deadline = _deadline(text, zero.start(), spans, start, year, cand.notes)
        if keep(cand):
            return found, []
    found.sort(key=lambda c: c.position)
    return found, skipped


#: A bound after a list's last figure: the comparator of each figure, and the note saying so.
_BOUND_MEANS = {
    "以上": (Comparator.at_least, N_("{bound} after the list: at least, for each figure")),
    "左右": (Comparator.approx, N_("{bound} after the list: approximately, for each figure")),
    "上下": (Comparator.approx, N_("{bound} after the list: approximately, for each figure")),
    "以内": (Comparator.at_most, N_("{bound} after the list: a ceiling, for each figure")),
    "之内": (Comparator.at_most, N_("{bound} after the list: a ceiling, for each figure"))}


def _one_bound_for_a_list(text: str, found: list[Candidate]) -> None:
    """分别增长5.2%、8%左右 / 分别达到3亿元和15亿元以上: the bound after the list's last figure
    holds for every figure of the list written without one."""
    for i in range(len(found) - 2, -1, -1):
        prev, cur = found[i], found[i + 1]
        if prev.bound or not cur.bound or cur.bound not in _BOUND_MEANS:
            continue
        if text[prev.end:cur.position].strip() not in ("、", "和", "与", "及", "、和"):
            continue
        if prev.comparator is Comparator.maintain_at_least and cur.bound == "以上":
            continue
        prev.bound = cur.bound
        prev.comparator, means = _BOUND_MEANS[cur.bound]
        prev.notes = [n for n in prev.notes
                      if not (isinstance(n, Note) and n.topic == "comparator")]
        prev.notes.insert(0, comparator_note(_(means).format(bound=cur.bound)))


def _respectively(text: str, found: list[Candidate], spans: list[tuple[int, int]],
                  start: int) -> None:
    """甲、乙分别增长5.2%、8%左右: the label of each figure is the name it stands for."""
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and text[found[j].end:found[j + 1].position].strip() in (
                "、", "和", "与", "及", "、和"):
            j += 1
        if j > i:
            at = found[i].position
            cstart = max(_clause_start(text, at, spans, start), at - QUOTE_REACH)
            clause = text[cstart:at]
            at = clause.rfind("分别")
            if at != -1:
                subjects = _shared_object([n.strip() for n in re.split(r"[、和与及]", clause[:at])
                                           if n.strip()])
                verb = clause[at + 2:]
                verb = "" if verb in ("为", "是") else verb  # (分别为5个、10个: the figures alone)
                if len(subjects) == j - i + 1:
                    quote = text[cstart:found[j].end].strip()  # each: the whole list
                    for cand, subject in zip(found[i:j + 1], subjects, strict=True):
                        cand.label = (_label(subject + verb) or cand.label)[:30]
                        cand.quote = quote
        i = j + 1


def _shared_object(subjects: list[str]) -> list[str]:
    """新建、改造农贸市场: verbs alone before a last subject that is a verb and its object share
    that object (新建农贸市场, 改造农贸市场)."""
    verb = _DOING.match(subjects[-1]) if subjects else None
    if verb is None or verb.end() == len(subjects[-1]):
        return subjects
    thing = subjects[-1][verb.end():]
    return [s + thing if _DOING.fullmatch(s) else s for s in subjects]


def _candidate(text: str, a: int, b: int, end: int, written: str, unit: str, bound: str,
               stretch: float | None, spans: list[tuple[int, int]], start: int, stop: int,
               year: int, earlier: list[Candidate]) -> Candidate:
    cstart = _clause_start(text, a, spans, start)
    long_clause = a - cstart > QUOTE_REACH
    cstart = max(cstart, a - QUOTE_REACH)
    clause_before = text[cstart:a]
    # a list item: 现有4个老旧小区、2个棚户区 — the clause starts after the 、 that follows a count
    for prev in reversed(earlier):  # (in order of position: the last before the clause ends it)
        if prev.position < cstart:
            break
        if prev.position < a:
            sep = text.rfind("、", prev.position, a)
            if sep != -1 and not _inside(spans, sep):
                cstart = sep + 1
                clause_before = text[cstart:a]
            break
    # the quote: the clause up to the number's end, or on to the clause's end when words follow
    qend = end
    if end < stop and text[end] not in _CLAUSE_END + "、":
        qend = _clause_end(text, end, spans, _CLAUSE_END + "、")
    long_clause = long_clause or qend - end > QUOTE_REACH
    qend = min(qend, end + QUOTE_REACH)
    quote = text[cstart:qend].strip()
    number = _number(written)
    notes: list[str] = []
    held, ceiling, floor = (_MAINTAIN.search(clause_before), _AT_MOST.search(clause_before),
                            _AT_LEAST.search(clause_before))
    if bound in ("左右", "上下"):
        comparator, why = Comparator.approx, _("{word}: approximately").format(word=bound)
    elif held:
        comparator, why = Comparator.maintain_at_least, _("{word}: held throughout").format(
            word=held.group(1))
    elif bound in ("以内", "之内", "以下") or ceiling:
        word = bound if bound in ("以内", "之内", "以下") or not ceiling else ceiling.group(1)
        comparator, why = Comparator.at_most, _("{word}: a ceiling").format(word=word)
    else:
        comparator = Comparator.at_least
        word = bound or (floor.group(1) if floor else "")
        why = _("{word}: at least").format(word=word) if word else \
            _("no bound written: at least is a guess")
    if long_clause:
        notes.append(_("a clause longer than {reach} characters: the quote is the part nearest "
                       "the number").format(reach=QUOTE_REACH))
    notes.append(comparator_note(why))

    new = _NEW.search(clause_before)
    level = _LEVEL.search(clause_before)
    doing = _DOING.search(clause_before)
    per = re.search(r"(人均|亩均|户均|单位)", clause_before)
    # (提高0.2个百分点: a change in points, held to directly as a growth rate is)
    rate = _rate_word(text, a, spans, start) if unit in ("%", "％", "个百分点", "百分点") else None
    if rate:
        kind, why = Kind.rate, _("{word}: a growth or change rate, held to directly").format(
            word=rate)
    elif unit in PERCENT_UNITS or "/" in unit:
        kind, why = Kind.level, _("a rate is a level")
    elif unit.endswith("工作日"):
        kind, why = Kind.level, _("a time taken (压缩至3个工作日) is a level")
    elif comparator is Comparator.maintain_at_least:
        kind, why = Kind.level, _("held throughout: a level")
    elif per:
        kind, why = Kind.level, _("{word}: a ratio is a level").format(word=per.group(1))
    elif unit.endswith("元"):
        kind, why = Kind.increment, _("money is a flow during the period")
    elif new:
        kind, why = Kind.increment, _("{word}: new during the period").format(word=new.group(1))
    elif level:
        kind, why = Kind.level, _("{word}: a stock to be at").format(word=level.group(1))
    elif doing:
        kind, why = Kind.increment, _("{verb}: done during the period").format(
            verb=doing.group(1))
    else:
        # (the number before it, if its sentence started before that number: O(1), as the
        # numbers come in order)
        sentence = _sentence_start(text, a, spans, start)
        same = earlier[-1:] if earlier and earlier[-1].position >= sentence else []
        if same and same[-1].unit in PERCENT_UNITS:
            # (a share or a rate before it says nothing of a count: 覆盖率保持在100%，事故控制在0起)
            kind, why = Kind.increment, _("no verb of its own, after a percentage: increment is "
                                          "a guess")
        elif same:
            kind, why = same[-1].kind, _("no verb of its own: as the count before it in the "
                                         "sentence")
        else:
            kind, why = Kind.increment, _("no verb: increment is a guess")
    notes.append(kind_note(why))
    if stretch is not None:
        notes.append(_("a range: the floor {floor} is the target, {stretch} the stretch").format(
            floor=written, stretch=format_number(stretch)))
    if "和" in text[b:qend] and _NUMBER.search(text, end, qend):
        notes.append(_("one phrase, two numbers: check which one this label counts"))
    cand = Candidate(_label(quote) or quote, quote, number, unit,
                     comparator, kind, None, stretch, a, notes)
    cand.deadline = _deadline(text, a, spans, start, year, cand.notes)
    return cand


def _rate_word(text: str, at: int, spans: list[tuple[int, int]], start: int) -> str | None:
    """增长 / 增速 / 下降 … just before the number (a few words between, or the figures of a
    list: 分别增长5.2%、8%左右), in its clause."""
    clause = text[max(_clause_start(text, at, spans, start), at - QUOTE_REACH):at]
    words = list(_RATE_WORD.finditer(clause))
    if not words:
        return None
    last = words[-1]
    gap = _LIST_FIGURES.sub("", clause[last.end():])
    return last.group(1) if len(gap) <= 6 else None
