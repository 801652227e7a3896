"""kpi: a tracker of the numeric targets of a work plan."""

__version__ = "0.1.0"
