"""What the monthly cycle's views share: their words (``WORDS``) and their table.
"""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

WORDS = {
    "zh": {"department": "部门", "lead": "牵头", "shared": "责任", "cell": "每格：牵头/责任",
           "lines": "项", "count": "项数", "none": "无", "trend": "趋势", "corrected": "（已更正）",
           "moves": "状态变化", "new": "新报数据", "stale": "未报送", "before": "之前",
           "after": "之后", "last": "最近一次", "never": "从未报送", "pace": "当前进度",
           "from_to": "至", "collective": "（集体）", "behind": "落后",
           "ranked": "按落后（未完成、滞后、预警，及本部门应报而无数据）所占比例排序",
           "notes": "备注"},
    "en": {"department": "department", "lead": "lead", "shared": "shared", "count": "lines",
           "cell": "each cell: lead/shared", "lines": "lines", "none": "none", "trend": "trend",
           "corrected": " (corrected)", "moves": "status moves", "new": "new figures",
           "stale": "not reported", "before": "before", "after": "after", "last": "last figure",
           "never": "never", "pace": "pace so far", "from_to": "to",
           "collective": " (collective)", "behind": "behind",
           "ranked": ("ranked by the share of lines behind (missed, off track, at risk, and "
                      "those without a figure that it owes)"),
           "notes": "notes"},
}


def cycle_table(*, title: Text | None = None, caption: str | None = None) -> Table:
    """A table of the cycle's views: a title or a caption, each set flush left."""
    return Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False,
                 title=title, title_justify="left", caption=caption, caption_justify="left")
