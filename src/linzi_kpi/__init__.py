"""kpi: the Linzi district work-plan tracker."""

__version__ = "0.1.0"
