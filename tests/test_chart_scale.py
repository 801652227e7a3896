"""A chart's scale holds any finite figures: equal ones (however large: ``lo - 1`` is ``lo``
past 2**53), huge ones, ones below zero (``compute.history.position``, the one scale of the
trend chart and the sparkline)."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linzi_kpi.compute.history import history, position, sparkline
from linzi_kpi.model import Record
from linzi_kpi.render.bulletin import trend_chart

AT = dt.datetime(2023, 7, 1, 9, 0)
START = dt.date(2023, 1, 1)


def _records(key: str, values: list[float]) -> list[Record]:
    days = [dt.date(2023, m, 28) for m in range(2, 2 + len(values))]
    return [Record(key, v, None, d, AT + dt.timedelta(minutes=i))
            for i, (v, d) in enumerate(zip(values, days, strict=True))]


def _ys(svg: str) -> list[float]:
    """Every y the plot draws (the points, the circle, the lines)."""
    plot = svg.split('<svg class="plot"', 1)[1].split(">", 1)[1]  # what it draws
    found = [float(y) for y in re.findall(r'\by\d?="(-?[0-9.]+)"', plot)]
    found += [float(p.split(",")[1]) for p in re.findall(r"-?[0-9.]+,-?[0-9.]+", plot)]
    found += [float(y) for y in re.findall(r'cy="(-?[0-9.]+)"', plot)]
    return found


def test_the_position_on_a_scale() -> None:
    assert position(5, 0, 10) == 0.5
    assert position(0, 0, 10) == 0.0
    assert position(10, 0, 10) == 1.0
    assert position(-5, -10, 0) == 0.5
    assert position(1e16, 1e16, 1e16) == 0.5  # one value: the middle
    assert position(1e308, -1e308, 1e308) == 1.0  # hi - lo would overflow
    assert position(-1e308, -1e308, 1e308) == 0.0
    assert position(7, 3, 3) == 0.5


@pytest.mark.parametrize("values", [[1e16, 1e16], [1e16], [1e300, 1e300, 1e300],
                                    [-1e308, 1e308], [-5.0, -5.0], [-3.0, -1.0],
                                    [999999999999999.0, 999999999999999.0], [0.0, 0.0]])
@pytest.mark.parametrize("key", ["2.1", "2.2", "1.1"])  # a level, a rate, an increment
def test_a_trend_chart_of_any_finite_figures_is_drawn_inside_its_box(
        small_plan_model, key: str, values: list[float]) -> None:
    h = history(small_plan_model, _records(key, values), key, dt.date(2023, 12, 31))
    svg = trend_chart(h, START, "en")
    ys = _ys(svg)
    assert ys and all(math.isfinite(y) and -30 <= y <= 60 for y in ys), ys
    assert "nan" not in svg and "inf" not in svg


def test_equal_figures_of_a_level_sit_in_the_middle(small_plan_model) -> None:
    h = history(small_plan_model, _records("2.1", [1e16, 1e16]), "2.1", dt.date(2023, 12, 31))
    svg = trend_chart(h, START, "en")
    assert re.search(r'<circle cx="[0-9.]+" cy="14.0"', svg)
    assert h.sparkline == "▄▄"


def test_an_increment_below_zero_is_inside_the_chart_s_range(small_plan_model) -> None:
    h = history(small_plan_model, _records("1.1", [-600.0, 600.0]), "1.1", dt.date(2023, 12, 31))
    assert h.sparkline == "▁▆"  # -600 at the bottom, 600 two thirds of the way to 1200
    assert all(3.0 <= y <= 25.0 for y in _ys(trend_chart(h, START, "en")))


@settings(max_examples=200)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=12))
def test_a_sparkline_of_any_finite_figures(values: list[float]) -> None:
    line = sparkline(values)
    assert len(line) == len(values)


def test_a_level_of_equal_huge_figures_reports_in_html(kpi, small_plan, tmp_path) -> None:
    for day in ("2023-05-31", "2023-06-30"):
        result = kpi("record", "2.1", "999999999999999", "--date", day)
        assert result.exit_code == 0, result.stderr
    result = kpi("report", str(tmp_path / "r.html"), "--as-of", "2023-06-30")
    assert (result.exit_code, result.stderr) == (0, "")
    assert '<svg class="trend"' in (tmp_path / "r.html").read_text(encoding="utf-8")
