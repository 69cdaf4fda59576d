"""Case folding that keeps every character in its place.

Matchers search a lower-cased copy of the text and report offsets in the
original, so the copy must be exactly as long as the original, character for
character.
"""

from __future__ import annotations


def fold_case(text: str) -> str:
    """``text`` in lower case, with the same length and offsets.

    A handful of letters (such as ``İ``) grow when lower-cased; they are kept as
    they are, so an offset in the folded text is the same offset in ``text``.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
