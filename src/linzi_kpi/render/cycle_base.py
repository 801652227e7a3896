"""What the monthly cycle's views share: their words (``WORDS``) and their table.
"""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from ..i18n import NP_, Vocabulary

WORDS: Vocabulary[str] = Vocabulary({
    'department': NP_('cycle', 'department'),
    'lead': NP_('cycle', 'lead'),
    'shared': NP_('cycle', 'shared'),
    'count': NP_('cycle count', 'lines'),
    'cell': NP_('cycle', 'each cell: lead/shared'),
    'lines': NP_('cycle', 'lines'),
    'none': NP_('cycle', 'none'),
    'trend': NP_('cycle', 'trend'),
    'corrected': NP_('cycle', ' (corrected)'),
    'moves': NP_('cycle', 'status moves'),
    'new': NP_('cycle', 'new figures'),
    'stale': NP_('cycle', 'not reported'),
    'before': NP_('cycle', 'before'),
    'after': NP_('cycle', 'after'),
    'last': NP_('cycle', 'last figure'),
    'never': NP_('cycle', 'never'),
    'pace': NP_('cycle', 'pace so far'),
    'from_to': NP_('cycle', 'to'),
    'collective': NP_('cycle', ' (collective)'),
    'behind': NP_('cycle', 'behind'),
    'ranked': NP_('cycle', 'ranked by the share of lines behind (missed, off track, at risk, '
                           'and those without a figure that it owes), lowest first'),
    'notes': NP_('cycle', 'notes'),
})


def cycle_table(*, title: Text | None = None, caption: str | None = None) -> Table:
    """A table of the cycle's views: a title or a caption, each set flush left."""
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False,
                 title=title, title_justify="left", caption=caption, caption_justify="left")
