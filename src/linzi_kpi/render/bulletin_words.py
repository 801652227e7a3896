"""The words of the bulletin (``kpi report``) in each edition, ``--lang zh|en``: message ids
(the English edition's words) whose Chinese is in the catalogues (``locale/``).

Plan text (titles, labels, department names, the document's own title) stays as written;
statuses and states come from ``words.py``, the one table of their words.
"""

from __future__ import annotations

from ..i18n import NP_, Vocabulary

WORDS: Vocabulary[str] = Vocabulary({
    'html_lang': NP_('bulletin', 'en'),
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
    'month': NP_('bulletin', '{d:%Y-%m}'),
    'stale_by_dept': NP_('bulletin', 'Not reported in {month}, by lead department'),
    'behind': NP_('bulletin', 'Will fall short at the pace so far ({n})'),
    'rules': NP_('bulletin',
        'Two rules: the <b>status</b> compares progress with 序时进度 — under '
        '{at_risk} points behind is on track, {at_risk}–{off_track} points at '
        'risk, more than {off_track} off track; the <b>projection</b> runs the '
        'pace so far on to the deadline, so any distance behind 序时进度 falls '
        'short. Targets where the two disagree are marked ⚑.'),
    'flag_short': NP_('bulletin',
        '⚑ the two rules disagree: {status} against 序时进度 ({progress} done at '
        '{expected}), yet short at the pace so far'),
    'flag_making': NP_('bulletin',
        '⚑ At risk or off track, yet reaching the target at this pace: {ids}'),
    'departments': NP_('bulletin', 'Departments'),
    'departments_note': NP_('bulletin',
        'Each cell: lead / shared (the lead department answers for the task); '
        'ranked by the share of lines behind (missed, off track, at risk).'),
    'targets': NP_('bulletin', 'Every target'),
    'targets_note': NP_('bulletin',
        'Progress bar: the coloured part is the share done, the black tick is '
        '序时进度. Trend: each figure reported; the dashed line is the pace to '
        'keep.'),
    'tasks': NP_('bulletin', 'Tasks without a number'),
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
    'trend_label': NP_('bulletin', 'trend {spark}'),
    'cell': NP_('bulletin', 'Each cell: lead/shared.'),
    'open': NP_('bulletin', ' ('),
    'close': NP_('bulletin', ')'),
})
