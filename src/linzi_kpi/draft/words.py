"""What a figure is written with, and what it counts: the units of the genre (``unit_at``) and
the label of a target (``label``: its quote without its figures). Pure."""

from __future__ import annotations

import re

#: Units as the genre writes them, longest first so that 万千瓦 wins over 千瓦 and 个百分点 over 个.
UNITS = sorted("""
    万平方米 平方米 平方公里 平方千米 万立方米 立方米 亿千瓦时 万千瓦时 千瓦时 万千瓦 千瓦 兆瓦时 兆瓦 吉瓦
    万吨 吨 万亩 亩 公顷 公里 千米 米 亿元 万元 元 万人次 人次 万人 人 万户 户 万家 家 场次 场 批次 个百分点
    百分点 万个 个 项 处 所 台 套 条 部 座 辆 间 张 名 次 件 批 株 棵 栋 幢 宗 例 支 门 艘 篇 本 册 份 起 % ％ ‰
    微克/立方米 毫克/立方米 美元 欧元 港元 日元 标箱 千伏安 伏安 吨标准煤 床 家次 人日 单 盏 根 口 个工作日 工作日
    学时 课时 学分
""".split(), key=len, reverse=True)
#: 万 / 亿 / 千 before a unit make a unit of their own: 万美元, 亿美元, 万标箱, 万千伏安.
_MAGNITUDE = ("百万", "千万", "十万", "万", "亿", "千")
#: The units of a share or of a change in one: no magnitude before them, no count's kind after them.
PERCENT_UNITS = ("%", "％", "‰", "个百分点", "百分点")


#: The first of ``UNITS`` a text holds at a place, in their order (one match, not one try each).
_UNIT = re.compile("|".join(re.escape(unit) for unit in UNITS))


def unit_at(text: str, at: int) -> str | None:
    found = _UNIT.match(text, at)
    if found is not None:
        return found.group()
    if not text.startswith(_MAGNITUDE, at):
        return None
    for magnitude in _MAGNITUDE:
        if text.startswith(magnitude, at):
            rest = _UNIT.match(text, at + len(magnitude))
            if rest is not None and rest.group() not in PERCENT_UNITS:
                return magnitude + rest.group()
    return None


_LABEL_TRIM = re.compile(r"^(力争|确保|争取|努力|全年|年内|年底前|全区|继续|进一步|持续|累计|共计|实现|"
                         r"到[0-9]{4}年(底)?|，|,)+")
_LABEL_TAIL = re.compile(r"(达到|达|稳定在|保持在|维持在|控制在|不少于|不低于|不超过|超过|力争|共计|完成|"
                         r"继续|以上|左右|以内|之内)+$")


_FIGURE = re.compile(r"(?<![0-9０-９.A-Za-z第])[0-9０-９]+(?:[.．][0-9０-９]+)?"
                     r"(?:\s*[—–\-~～至到]{1,2}\s*[0-9０-９]+(?:[.．][0-9０-９]+)?)? ?"
                     r"(?:(?:百万|千万|十万|万|亿|千)?(?:" + "|".join(re.escape(u) for u in UNITS)
                     + r"))?(?:以上|以下|以内|之内|左右)?"
                     r"(?:[和/、]|$)?")


def label(quote: str) -> str:
    """What is counted: the quote without its figures, and without a name in quotation marks
    that merely precedes it (…计划”新引进高校毕业生)."""
    words = quote
    close = words.rfind("”")
    if close != -1 and len(words) - close > 5 and _FIGURE.search(words, close):
        words = words[close + 1:]
    words = _FIGURE.sub("", words)
    label = _LABEL_TRIM.sub("", words.strip(" 、,，"))
    label = _LABEL_TAIL.sub("", label).strip(" 、,，")
    return label[:30]
