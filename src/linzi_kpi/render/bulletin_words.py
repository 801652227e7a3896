"""The words of the bulletin (``kpi report``) in each edition, ``--lang zh|en``: message ids
(the English edition's words) whose Chinese is in the catalogues (``locale/``).

Plan text (titles, labels, department names, the document's own title) stays as written;
statuses and states come from ``words.py``, the one table of their words.
"""

from __future__ import annotations

from ..i18n import NP_, Vocabulary

WORDS: Vocabulary[str] = Vocabulary({
    'html_lang': NP_('bulletin', 'en'),
    'dept_title': NP_('bulletin', '{name}: progress as of {as_of}'),
    'dept_page': NP_('bulletin', 'department page'),
    'dept_line': NP_('bulletin', '{name} leads {lead} lines and shares {shared}.'),
    'dept_counts': NP_('bulletin', 'Led: {counts}.'),
    'dept_shared_counts': NP_('bulletin', 'Shared: {counts}.'),
    'dept_owes': NP_('bulletin', '{n} lines not yet reported for {month}, listed below.'),
    'dept_owes_none': NP_('bulletin', 'Everything it owes for {month} is reported.'),
    'dept_reports_none': NP_('bulletin',
        'None of its lines is its to report: the department that owes each reports it.'),
    'dept_owed': NP_('bulletin', 'Not reported for {month}'),
    'last': NP_('bulletin', 'last reported'),
    'lead_part': NP_('bulletin', 'Leads ({n})'),
    'shared_part': NP_('bulletin', 'Shares ({n})'),
    'none': NP_('bulletin', 'none'),
    'overview_targets': NP_('bulletin', 'As of {as_of}, of {targets} numeric targets: {counts}.'),
    'overview_tasks': NP_('bulletin', 'Of {tasks} tasks: {counts}.'),
    'overview_owed': NP_('bulletin',
        '{n} lines not reported for {month}, owed by {depts} departments (see '
        'Not reported).'),
    'overview_nobody': NP_('bulletin',
        'Of them, {n} are owed by no department the plan names.'),
    'overview_all_in': NP_('bulletin', 'Everything is reported for {month}.'),
    'before_period': NP_('bulletin', 'Nothing is owed for {month}: the plan period starts on '
                                     '{start}.'),
    'n_targets': NP_('bulletin: targets', '{n} {status}'),
    'n_tasks': NP_('bulletin: tasks', '{n} {status}'),
    'list_sep': NP_('bulletin: list', ', '),
    'by_status': NP_('bulletin', 'Targets by status'),
    'group': NP_('bulletin', '{status} ({n})'),
    'no_data_line': NP_('bulletin',
        '{n} more targets have no figure yet; who owes them: see Not reported.'),
    'gap': NP_('bulletin', 'behind (points)'),
    'note': NP_('bulletin', 'note'),
    'lead_dept': NP_('bulletin: column', 'lead'),
    'unreported': NP_('bulletin', 'Not reported for {month}, by the department that owes it'),
    'unreported_note': NP_('bulletin',
        'Owed by the reporter the plan names for the target (or task), else the '
        "task's first lead department, else its first responsible department "
        'that is not a collective name. Finished work is left out.'),
    'owed_items': NP_('bulletin', 'targets and tasks not reported'),
    'n_items': NP_('bulletin', 'lines'),
    'nobody': NP_('bulletin', '(no department named)'),
    'sections_without': NP_('bulletin',
        'Sections without a numeric target, not in the table above: {names}.'),
    'ranking_rule': NP_('bulletin',
        'Ranking: share behind = (lines missed, off track or at risk + lines '
        'without a figure that the department owes) ÷ all its lines, lowest '
        'first; a line without a figure counts against the department that owes'
        ' it as much as an off-track one, so silence never ranks better.'),
    'all_figures': NP_('bulletin', 'No figures reported as of {as_of}.'),
    'title': NP_('bulletin', '{plan} progress bulletin (as of {as_of})'),
    'bulletin': NP_('bulletin', 'progress bulletin'),
    'as_of': NP_('bulletin', 'as of'),
    'expected': NP_('bulletin', 'expected (序时进度)'),
    'overview': NP_('bulletin', 'Overview'),
    'overview_line': NP_('bulletin',
        '{targets} numeric targets and {tasks} tasks (tasks: {task_line}).'),
    'sep': NP_('bulletin', ', '),
    'by_section': NP_('bulletin', 'Targets by section'),
    'changes': NP_('bulletin', 'What changed ({start} to {end})'),
    'changes_line': NP_('bulletin',
        '{moves} status moves, {new} new figures, {stale} not reported in '
        '{month}.'),
    'stale_by_dept': NP_('bulletin', 'Not reported in {month}, by lead department'),
    'behind': NP_('bulletin', 'Will fall short at the pace so far ({n})'),
    'rules': NP_('bulletin',
        'Two rules: the <b>status</b> compares progress with 序时进度 — under '
        '{at_risk} points behind is on track, {at_risk}–{off_track} points at '
        'risk, more than {off_track} off track; the <b>projection</b> runs the '
        'pace so far on to the deadline, so any distance behind 序时进度 falls '
        'short. Where the two disagree, the row says why.'),
    'flag_short': NP_('bulletin',
        ' ({status}: {progress} done against {expected} 序时进度, {gap} points '
        'behind, under the {at_risk} points that make it at risk; yet short at '
        'the pace so far)'),
    'flag_shortfall': NP_('bulletin',
        ' ({status}: no baseline, so graded by its shortfall from the target, {gap} points, '
        'under the {at_risk} points that make it at risk; yet short at the pace so far)'),
    'flag_holds': NP_('bulletin',
        ' ({status}: {actual} now, within {rule}; yet outside it by the deadline at the pace '
        'so far)'),
    'flag_making': NP_('bulletin',
        'At risk or off track, yet reaching the target at this pace: {ids}'),
    'departments': NP_('bulletin', 'Departments'),
    'not_ranked': NP_('bulletin',
        'Not ranked, being collective names that report no figure of their own: {names}.'),
    'departments_note': NP_('bulletin',
        'Each cell: lead/shared (the lead department answers for the task); '
        'ranked by the share of lines behind, lowest first, by the rule under the table.'),
    'targets': NP_('bulletin', 'Every target'),
    'targets_note': NP_('bulletin',
        'Progress bar: the coloured part is the share done, the black tick is '
        '序时进度. Trend: each figure reported; the dashed line is the pace to '
        'keep.'),
    'tasks': NP_('bulletin', 'Tasks without a number'),
    'brief_footer': NP_('bulletin',
        "Made by kpi. As of {as_of}, from each target's latest figure on or "
        'before that day; 序时进度 (expected) = days from the period start to that '
        'day ÷ days from the period start to the deadline.'),
    'footer': NP_('bulletin',
        "Made by kpi. As of {as_of}, from each target's latest figure on or "
        'before that day; 序时进度 (expected) = days from the period start to that '
        'day ÷ days from the period start to the deadline. The black tick on a '
        'progress bar is 序时进度; the dashed line in a trend is the pace to keep.'),
    'id': NP_('bulletin', 'id'),
    'label': NP_('bulletin', 'target'),
    'before': NP_('bulletin', 'before'),
    'after': NP_('bulletin', 'after'),
    'value': NP_('bulletin', 'value'),
    'department': NP_('bulletin', 'department'),
    'ids': NP_('bulletin', 'ids'),
    'projection': NP_('bulletin', 'projection'),
    'status': NP_('bulletin', 'status'),
    'lead': NP_('bulletin', 'lead'),
    'shared': NP_('bulletin', 'shared'),
    'behind_share': NP_('bulletin', 'behind'),
    'spread': NP_('bulletin', 'spread'),
    'actual': NP_('bulletin', 'actual / target'),
    'progress': NP_('bulletin', 'progress'),
    'done': NP_('bulletin', 'done'),
    'pace': NP_('bulletin', 'expected'),
    'trend': NP_('bulletin', 'trend'),
    'task': NP_('bulletin', 'task'),
    'name': NP_('bulletin', 'name'),
    'reported': NP_('bulletin', 'reported'),
    'total': NP_('bulletin', 'total'),
    'count': NP_('bulletin', 'targets'),
    'share': NP_('bulletin', 'share'),
    'section': NP_('bulletin', 'section'),
    'all_targets': NP_('bulletin', 'all targets by status'),
    'bar_label': NP_('bulletin', 'progress {progress}, expected {expected}'),
    'rate_short': NP_('bulletin', '{points} points short'),
    'rate_holds': NP_('bulletin', 'holding'),
    'rate_note': NP_('bulletin',
        'Rates (增速): the rate so far this year against its target (see actual /'
        ' target), not against 序时进度 and not projected; short by less than '
        '{risk} percentage points is on track, by {risk}–{off} at risk, by more'
        ' than {off} off track; the dashed line in a trend is the target.'),
    'trend_label': NP_('bulletin', 'trend {spark}'),
    'cell': NP_('bulletin', 'Each cell: lead/shared.'),
    'open': NP_('bulletin', ' ('),
    'close': NP_('bulletin', ')'),
    'items_sep': NP_('bulletin: items', '; '),
    'sentences': NP_('bulletin: sentences', '{first} {next}'),
})


def run_on(sentences: list[str], lang: str) -> str:
    """Sentences as one paragraph: a space between them in English, none in Chinese."""
    template = WORDS[lang]["sentences"]
    text = sentences[0] if sentences else ""
    for sentence in sentences[1:]:
        text = template.format(first=text, next=sentence)
    return text
