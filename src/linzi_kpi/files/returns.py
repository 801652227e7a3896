"""Spreadsheet returns (月报), apart from any file format: the rows of a fill-in template, and
the rows of a filled-in sheet turned into the fields ``kpi record --from`` takes. Pure.

A sheet is read from its header row: the first of its first ten rows that names a target, a
value and a date column (``target``/``编号``, ``value``/``本次数值``, ``date``/``数据日期``;
optional ``source``/``数据来源``, ``note``/``备注``, ``by``/``填报人``, ``unit``/``单位``). The
template's other columns (任务, 指标, 目标, 上次数值 …) are for reading and are ignored. A row
whose fill-in cells (value, date, source, note, by) are all empty is blank: skipped and counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import KpiError, Problem, one_line
from ..fields import Fields
from ..i18n import N_, _
from ..model import Kind, Plan, Record
from ..query import select_tasks
from ..render.numbers import rate_target

REQUIRED = ("target", "value", "date")
OPTIONAL = ("source", "note", "by", "unit", "baseline", "corrects")
FILL_IN = ("value", "date", "source", "note", "by", "baseline")
#: The source of a baseline given in a return's 上年末数 column, where the row names none.
BASELINE_SOURCE = "上年末数"

#: Header names accepted for each column, besides the English names themselves (in any case).
ALIASES: dict[str, str] = {
    "编号": "target", "指标编号": "target", "数值": "value", "完成值": "value",
    "日期": "date", "数据日期": "date", "来源": "source", "数据来源": "source",
    "备注": "note", "录入人": "by", "填报人": "by", "单位": "unit",
    "本次数值": "value", "本月数值": "value", "实际值": "value", "实际完成": "value",
    "完成情况": "value", "截至日期": "date", "统计日期": "date", "计量单位": "unit",
    "说明": "note", "上年末数": "baseline", "年初数": "baseline", "基数": "baseline",
    "更正": "corrects", "是否更正": "corrects",
}

#: The marks of a correction column (更正), after NFKC (full-width forms read as plain) and
#: lower case: a figure that corrects the one on record, or a figure like any other. Anything
#: else is refused at the cell: a guess would either silence two sources that disagree or
#: record a correction nobody meant.
YES = frozenset({"是", "更正", "y", "yes", "true", "1", "✓", "√", "✔"})
NO = frozenset({"", "否", "不是", "不", "无", "無", "n", "no", "false", "0", "×", "✗", "✘"})


def corrects_mark(text: str) -> bool | None:
    """A correction column's cell: True (corrects), False (does not), None (no mark kpi reads)."""
    import unicodedata

    mark = unicodedata.normalize("NFKC", text).strip().lower()
    return True if mark in YES else False if mark in NO else None

#: Columns a template carries for reading only; ignored on import.
INFORMATIONAL = frozenset({
    "序号", "任务", "任务名称", "指标", "指标名称", "目标", "目标值", "期限", "上次数值",
    "上次日期", "状态", "牵头部门", "责任部门", "部门", "task", "label", "deadline",
    "last_value", "last_date", "status", "lead", "responsible",
})

HEADER_FORM = N_("the header needs target (编号), value (本次数值) and date (数据日期); "
               "source (数据来源), note (备注), by (填报人), unit (单位) and baseline (上年末数) "
               "are optional")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    fill_in: bool


#: The template's columns, in order. Fill-in columns are unlocked; the rest are locked.
TEMPLATE_COLUMNS = (
    Column("target", "编号", 7, False),
    Column("task", "任务", 22, False),
    Column("label", "指标", 26, False),
    Column("unit", "单位", 7, False),
    Column("goal", "目标", 9, False),
    Column("deadline", "期限", 11, False),
    Column("last_value", "上次数值", 10, False),
    Column("last_date", "上次日期", 11, False),
    # a level's figure at the period start: fill-in where the plan and the ledger lack one
    Column("baseline", "上年末数", 10, True),
    Column("value", "本次数值", 11, True),
    Column("date", "数据日期", 12, True),
    Column("source", "数据来源", 18, True),
    Column("note", "备注", 24, True),
)

STATE_GOAL = "填状态"  # the 目标 cell of a task that carries no number
RATE_GOAL = "增速"  # before a rate's target in its 目标 cell: 增速 ≥ 8%


@dataclass(frozen=True)
class TemplateRow:
    target: str  # target id, or task number for a task that carries no number
    task: str
    label: str
    unit: str
    goal: float | str
    deadline: dt.date
    last_value: float | str | None
    last_date: dt.date | None
    baseline: float | None = None
    needs_baseline: bool = False  # a level whose baseline is not known: 上年末数 to fill in
    rate: bool = False  # a growth rate: 本次数值 is the rate so far this year (may be negative)
    #: Who reports the row's figure (``Plan.reporter``); the workbook's department fills in only
    #: the rows it reports (``own``): the others are locked, naming the reporter.
    reporter: str | None = None
    own: bool = True

    @property
    def is_state(self) -> bool:
        return "." not in self.target


def template_rows(plan: Plan, latest: dict[str, Record], dept: str | None,
                  baselines: dict[str, Record] | None = None) -> list[TemplateRow]:
    """One row per target the department (or, without one, anybody) answers for, and one per
    task of theirs that carries no number (to be filled with its state). A level shows its
    baseline, or asks for it (上年末数) where neither the plan nor the ledger has one. A rate's
    目标 reads ``增速 ≥ 8%``: its figure is the rate so far this year, and it has no 上年末数."""
    from ..grading import baseline_for

    baselines = baselines or {}
    rows: list[TemplateRow] = []
    for task in select_tasks(plan, dept=dept):
        name = f"{task.number} {task.title}"
        if not task.targets:
            last = latest.get(str(task.number))
            reporter = plan.reporter(task)
            rows.append(TemplateRow(str(task.number), name, task.title, "", STATE_GOAL,
                                    plan.plan.period_end,
                                    last.state.value if last and last.state else None,
                                    last.date if last else None, reporter=reporter,
                                    own=_own(reporter, dept)))
        for t in task.targets:
            last = latest.get(t.id)
            base = baseline_for(t, baselines.get(t.id))
            rate = t.kind is Kind.rate
            goal: float | str = (f"{RATE_GOAL} {rate_target(t.target, t.unit, t.comparator.value)}"
                                 if rate else t.target)
            reporter = plan.reporter(task, t)
            rows.append(TemplateRow(t.id, name, t.label, t.unit, goal, plan.deadline(t),
                                    last.value if last else None, last.date if last else None,
                                    base.value if base else None,
                                    t.kind is Kind.level and base is None, rate, reporter,
                                    _own(reporter, dept)))
    return rows


def _own(reporter: str | None, dept: str | None) -> bool:
    """Whether the workbook of ``dept`` (None: everybody's) takes the row's figure."""
    return dept is None or reporter is None or reporter == dept


# ---------------------------------------------------------------- reading a return


@dataclass(frozen=True)
class Sheet:
    """A table as text cells: ``rows[i]`` is row ``i + 1`` of the sheet or line of the file,
    or, when ``lines`` is given, the row that starts on line ``lines[i]`` (a CSV row whose
    quoted note spans lines).

    ``name`` is the worksheet's name, or None for a CSV file; ``hidden``, whether the workbook
    hides it (Excel's hidden or "very hidden", which only a macro or a script can undo);
    ``merged``, its merged cells as (first row, first column, last row, last column) from 0
    (a return ignores them; ``kpi draft`` of a 任务分解表 reads them).
    """

    name: str | None
    rows: list[list[str]]
    lines: list[int] | None = None
    hidden: bool = False
    merged: tuple[tuple[int, int, int, int], ...] = ()

    def number(self, index: int) -> int:
        """The row or line number a person sees for ``rows[index]``."""
        return self.lines[index] if self.lines is not None else index + 1


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Where:
    """Where a row of a return is: ``june.csv:5`` or ``june.xlsx:区发改局!5``."""

    file: str
    sheet: str | None
    row: int
    columns: dict[str, tuple[int, str]]  # key → (index, header as written)

    def __str__(self) -> str:
        return self.at("")

    def at(self, key: str) -> str:
        """The row, and the cell of column ``key`` when the sheet has it:
        ``june.xlsx:区发改局!J5: column 数据日期``."""
        found = self.columns.get(key)
        # a sheet name or a header holding a line break must not forge a line of the report
        file = one_line(self.file)
        column = _(": column {name}").format(name=one_line(found[1])) if found else ""
        if self.sheet is None:
            return f"{file}:{self.row}{column}"
        sheet = one_line(self.sheet)
        if found:
            return f"{file}:{sheet}!{column_letter(found[0])}{self.row}{column}"
        return f"{file}:{sheet}!{self.row}"

    def problem(self, key: str, message: str, hint: str = "", title: str = "invalid row") -> Problem:
        """A fault of this row's column ``key`` as a value: the file, the row a person sees, the
        column's number (1 for A) and its path (the sheet, then the header as written)."""
        found = self.columns.get(key)
        path = tuple(p for p in (self.sheet, found[1] if found else None) if p is not None)
        return Problem(message, hint, path=path, file=self.file, line=self.row,
                       column=found[0] + 1 if found else 0, title=title)


@dataclass
class Returns:
    rows: list[tuple[Where, Fields]] = field(default_factory=list)
    blank: int = 0
    sheets: list[str] = field(default_factory=list)  # sheets read
    skipped: list[str] = field(default_factory=list)  # sheets without a header row
    #: Hidden sheets with a header row, not read, each with the rows it would have given.
    hidden: list[tuple[str, int]] = field(default_factory=list)
    #: Every worksheet's name, read or not, hidden or not (none for a CSV file).
    names: list[str] = field(default_factory=list)


def key_of(header: str) -> str | None:
    text = header.strip()
    return ALIASES.get(text, text.lower() if text.lower() in REQUIRED + OPTIONAL else None)


def find_header(sheet: Sheet) -> int | None:
    """Index of the header row: the first of the first ten naming target, value and date."""
    for i, row in enumerate(sheet.rows[:10]):
        keys = {key_of(cell) for cell in row}
        if all(k in keys for k in REQUIRED):
            return i
    return None


def _columns(display: str, sheet: Sheet, index: int) -> dict[str, tuple[int, str]]:
    columns: dict[str, tuple[int, str]] = {}
    for i, cell in enumerate(sheet.rows[index]):
        header = cell.strip()
        if not header:
            continue
        key = key_of(header)
        place = (f"{display}:{sheet.number(index)}" if sheet.name is None
                 else f"{display}:{sheet.name}!{column_letter(i)}{index + 1}")
        if key is None:
            if header in INFORMATIONAL:
                continue
            raise KpiError(_("{place}: unknown column {header!r} ({HEADER_FORM})")
                            .format(place=place, header=header, HEADER_FORM=_(HEADER_FORM)))
        if key in columns:
            raise KpiError(_("{place}: column {header!r} repeats {columns!r}; keep one of them")
                            .format(place=place, header=header, columns=columns[key][1]))
        columns[key] = (i, header)
    return columns


def read_returns(display: str, sheets: list[Sheet], default_by: str,
                 baseline_date: dt.date | None = None) -> Returns:
    """The rows to record from every sheet that has a header row; blank rows counted.

    A hidden sheet is not read: its rows are counted (``Returns.hidden``), for a note. A
    header naming an unknown column is an error (a typo would lose a column silently). A
    row's 上年末数 (baseline) becomes a record of its own, dated ``baseline_date`` (the day
    before the period starts). In a CSV file, a row with more or fewer fields than the header
    is a fault of that row (an unquoted comma would move every field after it).
    """
    out = Returns(names=[sheet.name for sheet in sheets if sheet.name is not None])
    for sheet in sheets:
        index = find_header(sheet)
        if index is None:
            if sheet.name is None:
                raise KpiError(_("{display}:1: no header row found ({HEADER_FORM})")
                                .format(display=display, HEADER_FORM=_(HEADER_FORM)))
            out.skipped.append(sheet.name)
            continue
        if sheet.hidden and sheet.name is not None:
            # what a person sees is what is imported: a hidden sheet's rows only with a note
            # (intake), never in silence
            out.hidden.append((sheet.name, sum(1 for row in sheet.rows[index + 1:]
                                               if any(cell.strip() for cell in row))))
            continue
        out.sheets.append(sheet.name or display)
        _read_sheet(display, sheet, index, default_by, baseline_date, out)
    if not out.sheets and out.hidden:
        raise KpiError(_("{display}: the only sheets with a header row are hidden ({sheets}); "
                         "unhide the sheet to import its rows").format(
                             display=display, sheets=", ".join(
                                 one_line(name) for name, _n in out.hidden)))
    if not out.sheets:
        raise KpiError(_("{display}: no sheet has a header row ({HEADER_FORM})")
                        .format(display=display, HEADER_FORM=_(HEADER_FORM)))
    return out


def _read_sheet(display: str, sheet: Sheet, index: int, default_by: str,
                baseline_date: dt.date | None, out: Returns) -> None:
    """The rows below the header row ``index`` of one sheet into ``out``."""
    columns = _columns(display, sheet, index)
    width = len(sheet.rows[index]) if sheet.name is None else None  # CSV: fields per row
    last = max((i for i, row in enumerate(sheet.rows) if any(c.strip() for c in row)),
               default=index)
    for i in range(index + 1, last + 1):
        row = sheet.rows[i]

        def cell(key: str, row: list[str] = row) -> str:
            found = columns.get(key)
            if found is None or found[0] >= len(row):
                return ""
            return row[found[0]]

        if not any(cell(key).strip() for key in FILL_IN):
            out.blank += 1
            continue
        where = Where(display, sheet.name, sheet.number(i), columns)
        by = cell("by") or default_by
        if width is not None and len(row) != width:
            # reported with the other bad rows, so that one run shows every fault
            out.rows.append((where, Fields(cell("target"), "", "", by=by, fault=(
                _("row has {fields} fields, the header has {width}").format(
                    fields=len(row), width=width)))))
            continue
        if cell("baseline").strip() and baseline_date is not None:
            at_base = {**columns, "value": columns["baseline"], "date": columns["baseline"]}
            out.rows.append((Where(display, sheet.name, sheet.number(i), at_base),
                             Fields(cell("target"), cell("baseline"), baseline_date.isoformat(),
                                    BASELINE_SOURCE, by=by, unit=cell("unit"))))
            if not any(cell(key).strip() for key in ("value", "date")):
                continue  # a row that gives only the baseline
        corrects = corrects_mark(cell("corrects"))
        fault = "" if corrects is not None else _(
            "{mark!r} is no mark of the correction column").format(mark=cell("corrects")[:40])
        hint = _("write 是 (or 更正, Y, 1, ✓) for a figure that corrects the one on record; leave "
                 "it blank (or 否, N, 0, ×) for one that does not")
        out.rows.append((where, Fields(cell("target"), cell("value"), cell("date"),
                                       cell("source"), cell("note"), by, cell("unit"),
                                       corrects=bool(corrects), fault=fault,
                                       fault_hint=hint if fault else "",
                                       fault_column="corrects" if fault else "")))
