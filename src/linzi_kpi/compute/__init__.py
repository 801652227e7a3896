"""Computation of the monthly cycle's reports, pure: functions of the plan, the ledger's records
and dates, with no file, no terminal and no wording (that is ``render``'s).

``timeline`` (the records that count at a date), ``scorecard`` (departments), ``history`` (one
target over time), ``changes`` (between two dates), ``bulletin`` (everything a 通报 shows). What
a comparator means and which record counts are asked of ``grading`` and ``counting``.
"""
