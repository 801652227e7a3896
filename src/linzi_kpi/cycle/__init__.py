"""The monthly cycle, as pure computation over the plan, the ledger's records and dates.

``timeline`` (records at a date), ``scorecard`` (departments), ``history`` (one target over
time), ``changes`` (between two dates), ``bulletin`` (everything a 通报 shows), ``returns``
(spreadsheet rows in and out). Only ``spreadsheet`` touches files (and openpyxl).
"""
