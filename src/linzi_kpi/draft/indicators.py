"""A table of indicators (主要指标表, 考核指标表): a row an indicator, its target in a column of its
own, often its unit in another, its growth rate in a third, beside columns that hold no target
(its weight or score in an assessment, its category, last year's figure, 预期性 / 约束性)::

    指标	单位	2024年预计	2025年目标	比上年增长（%）	权重
    地区生产总值	亿元	286	305	6.5左右	10%
    城镇新增就业	人	5230	5000以上	—	5%

``rewrite`` writes each row's indicator with its figures after it, as the plan's sentences
state them (地区生产总值305亿元，增长6.5%左右; 城镇新增就业5000人以上), in the cell of the
indicator, and leaves out the cells of the unit, the figures and the columns that hold no
target; its other cells (its number, its departments, its deadline) stay as they were. Rows
are lines whose cells are parted by tabs (a Word or web page's table, a spreadsheet, a PDF's
table reflowed). Pure.
"""

from __future__ import annotations

import re

from .table import column_role

#: The header's cells: the indicator's name, its target, its growth rate, its unit.
_INDICATOR = re.compile(r"指标(?:名称|内容|项目)?$")
_TARGET = re.compile(r"目标|计划|预期")
_GROWTH = re.compile(r"增长|增速|增幅|比上年")
_UNIT = re.compile(r"(?:计量)?单位$")
#: Columns that hold no target: a weight or score, a category, a figure of the past, the kind.
_NO_TARGET = re.compile(r"权重|分值|分数|得分|赋分|属性|类别|类型|预计|实际|上年|基数|基期|现状|"
                        r"完成(?:值|情况)?$|[0-9]{4}年(?:完成|实绩)")
#: A cell holding nothing: a dash, a slash.
_EMPTY = re.compile(r"[—\-－/／–…―\s]*|无")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
#: What may follow a figure written without its unit (the unit goes before it).
_BARE = re.compile(r"(?:左右|以上|以内|以下|之内|上下)?")
#: A growth cell opening with its own verb (下降3) takes no 增长 before it.
_VERB = re.compile(r"增长|增速|下降|降低|提高|减少|回落|上升|增加|控制|保持|稳定|高于|不低于|达到")

#: An indicator named as a rate (居民消费价格涨幅, 地区生产总值增速) takes no 增长 before its figure.
_RATE_NAME = re.compile(r"(?:增长|增速|增幅|涨幅|降幅|增长率|下降|降低|提高)[（(]?[%％]?[)）]?$")


def _columns(cells: list[str]) -> dict[str, int] | None:
    """A header row's columns by what they hold (indicator, target, growth, unit, and each
    left out as ``none<index>``), or None when the row is no indicator table's header."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = re.sub(r"\s", "", cell)
        if column_role(name) in ("lead", "responsible", "deadline", "person") and not \
                _UNIT.fullmatch(name):
            continue
        if _UNIT.fullmatch(name):
            found.setdefault("unit", i)
        elif _INDICATOR.search(name) and not _NO_TARGET.search(name):
            found.setdefault("indicator", i)
        elif _NO_TARGET.search(name.replace("比上年", "")):  # (比上年增长: this year's growth)
            found[f"none{i}"] = i
        elif _GROWTH.search(name):
            found.setdefault("growth", i)
        elif _TARGET.search(name):
            found.setdefault("target", i)
    if "indicator" not in found or not ({"target", "growth"} & found.keys()):
        return None
    return found


def _figure(cell: str, unit: str) -> str:
    """A figure's cell with its unit written in where the cell leaves it out (6.5左右 → 6.5%左右);
    "" for a cell holding nothing."""
    cell = cell.strip()
    if _EMPTY.fullmatch(cell):
        return ""
    number = _NUMBER.search(cell)
    if number and unit and not _EMPTY.fullmatch(unit) and _BARE.fullmatch(cell[number.end():]):
        return cell[:number.end()] + unit + cell[number.end():]
    return cell


def _sentence(cells: list[str], columns: dict[str, int], percent: bool) -> str:
    """The indicator with its figures after it."""
    def at(name: str) -> str:
        return cells[columns[name]].strip() if name in columns else ""

    unit = at("unit")
    words = at("indicator")
    target = _figure(at("target"), unit)
    growth = _figure(at("growth"), "%" if percent or "growth" in columns and unit == "%" else "")
    if "growth" in columns and growth and not percent and unit != "%" and _NUMBER.match(growth):
        growth = _figure(at("growth"), "%")
    if growth and not _VERB.match(growth) and not _RATE_NAME.search(words):
        growth = "增长" + growth
    if target and growth:
        return f"{words}{target}，{growth}"
    return words + (target or growth)


def rewrite(text: str) -> tuple[str, int]:
    """``text`` with each row of an indicator table written as its indicator and figures, and
    how many rows were so written (0: no such table, the text as it was)."""
    lines = text.split("\n")
    count = 0
    columns: dict[str, int] | None = None
    width = 0
    percent = False
    for i, line in enumerate(lines):
        if "\t" not in line:
            if line.strip():
                columns = None
            continue
        cells = line.split("\t")
        if columns is None or len(cells) != width:
            found = _columns(cells) if "。" not in line else None
            if found is None:
                continue
            columns, width = found, len(cells)
            percent = "growth" in found and bool(re.search("[%％]", cells[found["growth"]]))
            names = [c.strip() for c in cells]
            joined = names[found["indicator"]] + "及" + "、".join(
                names[found[k]] for k in ("target", "growth") if k in found)
            lines[i] = _kept(cells, found, joined)
            continue
        lines[i] = _kept(cells, columns, _sentence(cells, columns, percent))
        count += 1
    return "\n".join(lines), count


def _kept(cells: list[str], columns: dict[str, int], indicator: str) -> str:
    """The row's cells but those of the unit, the figures and the columns holding no target,
    the indicator's cell ``indicator``."""
    gone = {i for name, i in columns.items() if name != "indicator"}
    out = [indicator if i == columns["indicator"] else cell
           for i, cell in enumerate(cells) if i not in gone]
    return "\t".join(out).rstrip("\t")
