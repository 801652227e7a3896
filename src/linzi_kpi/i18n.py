"""The words kpi says to a person, in the user's language.

Every message for people (errors, hints, confirmations, help) goes through ``_``: its argument
is the English text, the message id of the catalogues; placeholders are ``{name}`` fields filled
after translation (``_("unknown target {id}").format(id=...)``), so a translation may move them.

This module is the seam the message catalogues plug into; until a catalogue is loaded, ``_``
returns the English text.
"""

from __future__ import annotations


def _(message: str) -> str:
    """``message`` in the current language (the English text where no catalogue has it)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for a count ``n``, in the current language."""
    return singular if n == 1 else plural
