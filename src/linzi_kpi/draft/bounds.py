"""What drafting a document may grow to, counted while it is read. Pure.

A document under the 16 MB cap could still ask for gigabytes: a single paragraph of millions of
characters (every clause end and quotation mark a list entry), or millions of numbers, each a
candidate or a skipped figure. So the drafter refuses, as soon as it passes one of these:

* a text of more than ``LINES_CAP`` lines (each is classified, a heading, a task, a
  department line …: a plan document has a few thousand at most; a .docx is held to
  ``source.DOCX_PARAGRAPHS`` paragraphs before it is parsed);
* a paragraph it reads for targets longer than ``PARAGRAPH_CAP`` characters (a plan's longest
  task is a few hundred);
* more values than a plan file may hold (``yamlio.MAX_NODES``), counted from below as tasks and
  targets are found: each task makes at least ``TASK_VALUES``, each target ``TARGET_VALUES``, so
  a document refused here would have made a draft the plan loader refuses, with the same words;
* more than ``NUMBERS_CAP`` numbers read in the paragraphs read for targets (a figure without a
  unit is no value of the plan, but each in a task is kept to be listed in the draft).
"""

from __future__ import annotations

from ..errors import KpiError
from ..i18n import _
from ..yamlio import MAX_NODES

LINES_CAP = 200_000
PARAGRAPH_CAP = 50_000
NUMBERS_CAP = 200_000
#: The YAML nodes a task's entry holds at least: its mapping, and number, section, title, text
#: and review, each a key and a value.
TASK_VALUES = 11
#: … and a target's: its mapping, and id, label, quote, target, unit, comparator, kind, review.
TARGET_VALUES = 17
#: The most notes of one kind the draft keeps; the rest are counted in one note.
NOTES_KEPT = 20


def too_many_values() -> KpiError:
    """The refusal of a draft of more values than a plan may hold: the words ``kpi draft``
    says when the finished draft fails to load for it."""
    return KpiError(_("the draft of this document cannot be a plan: {why} ({hint}); nothing was "
                      "written").format(
                          why=_("document has more than {MAX_NODES} values").format(
                              MAX_NODES=MAX_NODES),
                          hint=_("split or shorten the file")))


def check_values(values: int) -> None:
    if values > MAX_NODES:
        raise too_many_values()


def check_lines(text: str) -> None:
    """Refuse a text of more than ``LINES_CAP`` lines, before any is read."""
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > LINES_CAP:
        raise KpiError(_("the document has {lines} lines, more than any plan document (at most "
                         "{cap}); split or shorten it").format(lines=f"{lines:,}",
                                                               cap=f"{LINES_CAP:,}"))


def check_paragraph(text: str) -> None:
    """Refuse a paragraph longer than ``PARAGRAPH_CAP`` characters, before it is read."""
    if len(text) > PARAGRAPH_CAP:
        opens = " ".join(text[:20].split())
        raise KpiError(_("a paragraph of {length} characters (it opens «{opens}»): a plan's "
                         "paragraph holds at most {cap}; break it into lines, one task a line, "
                         "and draft again").format(length=f"{len(text):,}", opens=opens,
                                                   cap=f"{PARAGRAPH_CAP:,}"))


def check_numbers(numbers: int) -> None:
    if numbers > NUMBERS_CAP:
        raise KpiError(_("more than {cap} numbers in the paragraphs read for targets, more "
                         "than any plan document holds; split or shorten the document").format(
                             cap=f"{NUMBERS_CAP:,}"))
