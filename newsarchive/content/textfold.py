"""Case folding that keeps every character in its place.

Matchers search a lower-cased copy of the text and report offsets in the
original, so the copy must be exactly as long as the original, character for
character.
"""

from __future__ import annotations

import re
from collections.abc import Mapping


def fold_case(text: str) -> str:
    """``text`` in lower case, with the same length and offsets.

    A handful of letters (such as ``İ``) grow when lower-cased; they are kept as
    they are, so an offset in the folded text is the same offset in ``text``.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class CharReplacer:
    """Replace each of a few characters by a string, in texts that hold few of them.

    ``str.translate`` with such a table looks every character of the text up (most of
    tokenizing a long article); a regular expression finds the few that change. The
    replacements must not hold a replaced character, so the order they are made in does
    not matter.
    """

    def __init__(self, table: Mapping[str, str]) -> None:
        if any(char in text for text in table.values() for char in table):
            raise ValueError("a replacement holds a replaced character")
        self._table = dict(table)
        self._found = re.compile(f"[{re.escape(''.join(table))}]").findall

    def __call__(self, text: str) -> str:
        for char in set(self._found(text)):
            text = text.replace(char, self._table[char])
        return text
