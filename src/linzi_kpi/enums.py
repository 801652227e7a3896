"""The closed vocabularies of the plan and the ledger. Light to import: the CLI needs them early."""

from __future__ import annotations

from enum import Enum


class Comparator(str, Enum):
    """How an actual figure is compared with the target number."""

    at_least = "at_least"  # N以上 / 不少于N / 力争N / 达到N
    at_most = "at_most"  # 控制在N以内: a ceiling
    approx = "approx"  # N左右
    maintain_at_least = "maintain_at_least"  # 稳定在 / 保持在 N以上, throughout the period


class Kind(str, Enum):
    increment = "increment"  # new during the period: 新增 / 实施 / 培育 …
    level = "level"  # a stock or ratio to be at: 达到 / 占比 / 覆盖率 …
    rate = "rate"  # a growth or change rate so far this year, held to directly: 增长8%以上


class Status(str, Enum):
    """Grades, from best to worst; ``no_data`` sits between the hopeful and the failing."""

    met = "met"
    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"
    missed = "missed"
    no_data = "no_data"


class State(str, Enum):
    """Progress of a commitment that carries no number."""

    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"
    blocked = "blocked"


class Rule(str, Enum):
    """What a target is held to (grading.py explains each)."""

    pace = "pace"  # an increment, against 序时进度
    from_baseline = "from_baseline"  # a level, from its baseline, against 序时进度
    shortfall = "shortfall"  # a level without a baseline (缺基数): its distance from the target
    floor = "floor"  # maintain_at_least: holds or not
    ceiling = "ceiling"  # at_most: holds or not
    rate = "rate"  # a growth rate: the rate so far against the target, in percentage points


class Review(str, Enum):
    """A part of the plan that no person has checked yet: ``kpi draft`` writes ``review: draft``."""

    draft = "draft"
