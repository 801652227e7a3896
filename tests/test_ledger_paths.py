"""The ledger's two ways of reading a record agree: the fast path (``RecordChecker.quick``, for
a figure in the form ``kpi record`` writes) gives exactly the record that every check of
``RecordChecker.build`` gives, and where the checks refuse a record the fast path gives none.
And an unclosed quote is told from other CSV faults without CPython's message text.

The plan here is built in the test (three tasks, illustrative figures), not read from data/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linzi_kpi.csvrows import OpenQuote, Rows
from linzi_kpi.ledger import COLUMNS, RecordChecker, RecordError, scan
from linzi_kpi.model import Comparator, Department, Kind, Plan, PlanInfo, Section, Target, Task

TODAY = dt.date(2023, 9, 30)
CLOCK = dt.datetime(2023, 9, 30, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def target(id: str, number: float, unit: str, kind: Kind, deadline: dt.date | None = None,
           ) -> Target:
    return Target(id, f"指标{id}", f"示例{number:g}{unit}", number, unit, Comparator.at_least,
                  kind, deadline)


#: Illustrative: an increment counted in whole things, a level in %, an increment with a
#: deadline inside the period, and a task without targets (it takes a state).
PLAN = Plan(
    plan=PlanInfo("示例计划", "示例", "示例1号", dt.date(2023, 1, 1), dt.date(2023, 1, 1),
                  dt.date(2023, 12, 31), "source.txt"),
    units=("个", "%", "万元"), count_units=("个",),
    departments=(Department("区发改局"),), sections=(Section(1, "示例"),),
    tasks=(Task(1, 1, "任务一", "任务一。", responsible=("区发改局",), targets=(
               target("1.1", 1200, "个", Kind.increment),
               target("1.2", 95, "%", Kind.level))),
           Task(2, 1, "任务二", "任务二。", targets=(
               target("2.1", 5000, "万元", Kind.increment, dt.date(2023, 6, 30)),)),
           Task(3, 1, "任务三", "任务三。")),
)

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

keys = st.sampled_from(["1.1", "1.2", "2.1", "3", "1", " 1.1", "1.1 ", "9.9", "", "1.10"])
values = st.one_of(
    st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["0", "1,200", "-3", "1e3", "inf", "nan", "95%", "１２", "in_progress",
                     "已完成", "", " 12", "3.5", "0.95", "1" * 400]),
    st.text(max_size=8))
days = st.one_of(
    st.dates(dt.date(1899, 12, 1), dt.date(2024, 3, 1)).map(dt.date.isoformat),
    st.dates(dt.date(2022, 12, 1), dt.date(2024, 1, 31)).map(
        lambda d: f"{d.year}/{d.month}/{d.day}"),
    st.sampled_from(["2023-02-30", "30/6/2023", "", " 2023-06-30", "2023年6月30日"]))
units = st.sampled_from(["", "个", "%", "万元", " 个", "万个", "家"])
stamps = st.one_of(
    st.datetimes(dt.datetime(2022, 1, 1), dt.datetime(2023, 10, 3)).map(
        lambda d: d.replace(microsecond=0, tzinfo=CLOCK.tzinfo).isoformat()),
    st.sampled_from(["2023-07-01T09:00:00", "yesterday", "", "2099-01-01T00:00:00+08:00"]))
texts = st.text(max_size=6)
ANY = {"key": keys, "value": values, "day": days, "unit": units, "stamp": stamps}
UNIT = {"1.1": "个", "1.2": "%", "2.1": "万元"}


@st.composite
def fields(draw) -> tuple[str, ...]:
    """The fields of a ledger line: a figure in kpi's own form with up to two of its fields
    replaced by anything (where the two paths could part), or anything at all."""
    if draw(st.booleans()):
        return tuple(draw(ANY[name]) for name in ANY) + tuple(draw(texts) for _ in range(3))
    key = draw(st.sampled_from(sorted(UNIT)))
    line = {"key": key, "value": draw(st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,3})?",
                                                    fullmatch=True)),
            "day": draw(st.dates(dt.date(2022, 12, 1), TODAY).map(dt.date.isoformat)),
            "unit": draw(st.sampled_from(["", UNIT[key]])),
            "stamp": draw(st.datetimes(dt.datetime(2023, 1, 1), dt.datetime(2023, 9, 30))).replace(
                microsecond=0, tzinfo=CLOCK.tzinfo).isoformat()}
    for name in draw(st.sets(st.sampled_from(sorted(ANY)), max_size=2)):
        line[name] = draw(ANY[name])
    return tuple(line[name] for name in ANY) + tuple(draw(texts) for _ in range(3))


def outcome(read, fields: tuple[str, ...]) -> tuple:
    try:
        return ("record", read(*fields))
    except RecordError as exc:
        return ("refused", exc.message, exc.hint, exc.column)


def line(key: str, value: str, day: str, unit: str = "") -> tuple[str, ...]:
    return (key, value, day, unit, "2023-07-01T09:00:00+08:00", "", "", "")


@pytest.mark.slow
@SETTINGS
@given(fields=fields())
@example(fields=("1.1", "600", "2023-06-30", "个", "2023-07-01T09:00:00+08:00", "张三", "月报",
                 ""))
@example(fields=line("2.1", "10", "2023-07-01"))  # after 2.1's deadline
@example(fields=line("1.1", "3.5", "2023-06-30"))  # not whole: read back all the same
@example(fields=line("1.1", "600", "2023-06-30", "万个"))
@example(fields=line("1.1", "600", "2022-12-31"))  # before the period: 1.1 has no baseline
@example(fields=line("1.2", "90", "2022-12-31"))  # 1.2's baseline
def test_the_fast_path_gives_what_every_check_gives(fields):
    slow = outcome(RecordChecker(PLAN, TODAY, CLOCK).checked, fields)
    warm = RecordChecker(PLAN, TODAY, CLOCK)
    try:  # the fast path takes only a date it has read before
        warm.date_of(fields[2])
    except RecordError:
        pass
    fast = warm.quick(*fields)
    if fast is not None:
        assert slow == ("record", fast)
    assert outcome(warm.read, fields) == slow


def test_the_fast_path_takes_the_form_kpi_record_writes() -> None:
    checker = RecordChecker(PLAN, TODAY, CLOCK)
    fields = ("1.1", "600", "2023-06-30", "个", "2023-07-01T09:00:00+08:00", "张三", "月报", "")
    assert checker.quick(*fields) is None  # a date not read yet: every check decides
    first = checker.read(*fields)
    assert checker.quick(*fields) == first
    assert first == (
        "1.1", 600.0, None, dt.date(2023, 6, 30),
        dt.datetime(2023, 7, 1, 9, 0, tzinfo=CLOCK.tzinfo), "张三", "月报", "", "个", "", "", "")


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    folder = tmp_path / "progress"
    folder.mkdir()
    return folder


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=fields(), note=st.sampled_from(["", "a\rb", "a\r\nb", 'x,"y"']))
def test_a_line_read_twice_gives_the_same_record_or_the_same_problem(progress, fields, note):
    """The first time a figure date is met, the record goes through every check; the second
    time, a figure in kpi's own form takes the fast path."""
    out = io.StringIO()
    key, value, day, unit, stamp, by, source, _ = fields
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(
        [key, value, unit, day, stamp, by, source, note])
    (progress / "a.csv").write_text(",".join(COLUMNS) + "\n" + out.getvalue() * 2,
                                    encoding="utf-8")
    found = scan(progress, RecordChecker(PLAN, TODAY, CLOCK), keep=True)
    assert found.count + len(found.problems) == 2
    if found.records:
        assert (len(found.records), found.problems) == (2, [])
        assert found.records[0] == found.records[1]
    else:
        lines = len(io.StringIO(out.getvalue(), newline="").readlines())  # \r ends one too
        first, second = found.problems
        # at a line of the record (its first; a character it may not hold, at that character's
        # own line), the same line of each copy
        assert 2 <= first.line < 2 + lines and second.line == first.line + lines
        assert (first.message, first.hint, first.column, first.title) == (
            second.message, second.hint, second.column, second.title)


def test_a_header_naming_a_column_twice_is_a_problem(progress: Path) -> None:
    (progress / "a.csv").write_text(",".join(COLUMNS) + ",note\n"
                                    "1.1,600,个,2023-06-30,2023-07-01T09:00:00+08:00,,,a,b\n",
                                    encoding="utf-8")
    found = scan(progress, RecordChecker(PLAN, TODAY, CLOCK))
    assert [(p.line, p.message, p.hint) for p in found.problems] == [
        (1, "repeated column 'note' in the header", "the header is " + ",".join(COLUMNS))]
    assert found.count == 0


# ------------------------------------------------------------------ an unclosed quote


def classify(text: str) -> list:
    """What ``Rows`` makes of ``text``: rows, 'error' for a fault in a line, 'open' at the end
    for a quote never closed."""
    reader = Rows(io.StringIO(text, newline=""))
    found: list = []
    while True:
        try:
            row = reader.next()
        except OpenQuote:
            return found + ["open"]
        except csv.Error:
            found.append("error")
            continue
        if row is None:
            return found
        found.append(row)


inner = st.text(st.sampled_from('a,"\r\n'), max_size=6).map(lambda t: t.replace('"', '""'))
field = st.text("a", max_size=2) | inner.map(lambda t: f'"{t}"')
row = st.lists(field, min_size=1, max_size=3).map(",".join)


@st.composite
def csv_text(draw) -> tuple[str, bool, bool]:
    """CSV text, whether a line of it holds a fault (a quote closed, then more text), and
    whether it ends inside a quoted field."""
    rows = draw(st.lists(row, max_size=3))
    ends = st.sampled_from(["\n", "\r\n", "\r"])
    fault = draw(st.booleans())
    if fault:
        rows.insert(draw(st.integers(0, len(rows))), '"a"b')
    text = "".join(r + draw(ends) for r in rows)
    open_ = draw(st.booleans())
    if open_:
        text += draw(st.sampled_from(['"', 'a,"', '"a"",'])) + draw(inner)
    return text, fault, open_


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(csv_text())
@example(('a,"b\n', False, True))
@example(('"a"b\n', True, False))
@example(('"a""', False, True))
def test_an_open_quote_is_told_from_other_faults(case: tuple[str, bool, bool]) -> None:
    text, fault, open_ = case
    found = classify(text)
    assert ("error" in found, found[-1:] == ["open"]) == (fault, open_)
