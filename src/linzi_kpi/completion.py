"""What shell completion may offer: only words a shell takes literally.

A completion is typed into the command line as it is offered, and bash, zsh and fish each read
``$( )``, backquotes, ``;``, ``|``, ``&``, quotes, globs and spaces as syntax. A department named
``区科技局$(touch x)`` in a plan (plan text comes from pull requests) would run ``touch x`` when
the completed line is entered. Escaping differs from shell to shell and Typer's scripts pass the
words on differently, so a word that holds anything but letters, digits (of any script, Chinese
included) and ``. , _ + - / @ %`` is not offered at all: it can still be typed, quoted.
"""

from __future__ import annotations

import re
import unicodedata

_ASCII_SAFE = re.compile(r"[A-Za-z0-9.,_+\-/@%]")
#: Letters, marks, numbers, punctuation and symbols beyond ASCII: no shell reads them as syntax
#: (separators, controls and invisible format characters are left out).
_WIDE_SAFE = ("L", "M", "N", "P", "S")


def literal(word: str) -> bool:
    """Whether every shell reads ``word`` as exactly these characters."""
    if not word or word[0] in "-~":
        return False
    for c in word:
        if c.isascii():
            if not _ASCII_SAFE.fullmatch(c):
                return False
        elif unicodedata.category(c)[0] not in _WIDE_SAFE:
            return False
    return True
