"""Sentence boundaries that survive ``U.S.``, ``Oct. 7`` and ``N. Korea``."""

from __future__ import annotations

import re

_CANDIDATE = re.compile(
    r"(?P<stop>[.!?\u2026])[\"\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018(]?[A-Z0-9])"
)
_WORD_BEFORE = re.compile(r"[A-Za-z.]*$")
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col sgt capt cmdr adm rep sen gov st mt ft jr sr co corp inc
    ltd bros no nos vol art fig vs etc approx est dept univ ave rev
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_LOOK_BACK = 40


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence stop that is followed by another sentence."""
    ends = []
    for match in _CANDIDATE.finditer(text):
        if match.group("stop") == "." and _is_abbreviation(text, match.start()):
            continue
        ends.append(match.start() + 1)
    return ends


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, stripped; a text without a stop is one sentence."""
    pieces, start = [], 0
    for end in sentence_ends(text):
        pieces.append(text[start:end].strip())
        start = end
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _is_abbreviation(text: str, stop: int) -> bool:
    word = _WORD_BEFORE.search(text[max(0, stop - _LOOK_BACK) : stop]).group()
    if not word:
        return False  # a number or a closing bracket ends a sentence
    last = word.rsplit(".", 1)[-1]
    return "." in word or len(last) <= 1 or last.lower() in _ABBREVIATIONS
