"""The repairer: every glue rule on one paragraph, inserting only spaces.

Sentence glue first, then the title-word rule; the common-word and registry-name
rules only when the paragraph looks English (``vocabulary.looks_english``); never
inside a registry name as written, nor in a token that looks like code.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from newsarchive.ingest.glue.names import (
    Hit,
    fold,
    lower_keeping_length,
    name_automata,
    name_points,
    touches,
)
from newsarchive.ingest.glue.sentences import repair_sentences
from newsarchive.ingest.glue.vocabulary import common_words, frequent_words, looks_english
from newsarchive.ingest.glue.words import (
    CASE_STEP,
    common_word_points,
    is_code_like,
    title_points,
)

# --- the repairer ---------------------------------------------------------------


class GlueRepair:
    """Repairs glued sentences, words and registry names in one paragraph at a time.

    Built once per run from every registry name and alias as written (one
    Aho-Corasick automaton, so thousands of names cost one pass over the text),
    then called on each paragraph and headline. ``repairs`` counts the spaces
    inserted so far; read it before and after a call to count one article's.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.repairs = 0
        self._exact, self._phrases = name_automata(names)
        self._names = self._exact is not None or self._phrases is not None
        if self._names:
            # Load the word lists now, so that forked workers inherit them.
            common_words()
            frequent_words()

    def __call__(self, paragraph: str) -> str:
        """``paragraph`` with the lost spaces put back (rules in the docstrings of the glue modules)."""
        repaired = self._repair_words(repair_sentences(paragraph))
        self.repairs += len(repaired) - len(paragraph)
        return repaired

    def _repair_words(self, text: str) -> str:
        hits = self._hits(text)
        glued = [(hit, *touches(text, hit)) for hit in hits]
        glued = [item for item in glued if item[1] or item[2] or item[0].joint]
        if not glued and CASE_STEP.search(text) is None:
            return text
        starts = frozenset(hit.start for hit in hits)
        ends = frozenset(hit.end for hit in hits)
        points = set(title_points(text))
        english = [*common_word_points(text, starts), *name_points(text, glued, starts, ends)]
        if english and looks_english(text):
            points.update(english)
        kept = [p for p in sorted(points) if _may_split(text, p, hits)]
        return _insert_spaces(text, kept)

    def _hits(self, text: str) -> list[Hit]:
        """Registry names in ``text`` written as the registry allows, wherever they are."""
        if not self._names or not text:
            return []
        kept = fold(text)
        hits = []
        if self._exact is not None:
            for last, (length, acronym) in self._exact.iter(kept):
                hits.append(Hit(last + 1 - length, last + 1, acronym))
        if self._phrases is not None:
            for last, (length, joint) in self._phrases.iter(lower_keeping_length(kept)):
                start = last + 1 - length
                # Any case, but ``Songun commander`` is no UN Command: a name in lower
                # case (``south Korean``) must not start inside a word.
                if not kept[start].islower() or start == 0 or not kept[start - 1].isalnum():
                    at = start + joint if joint else None
                    hits.append(Hit(start, last + 1, phrase=True, joint=at))
        return hits


def _may_split(text: str, point: int, hits: list[Hit]) -> bool:
    inside_name = any(hit.start < point < hit.end and hit.joint is None for hit in hits)
    return not inside_name and not is_code_like(text, point)


def _insert_spaces(text: str, points: list[int]) -> str:
    if not points:
        return text
    bounds = [0, *points, len(text)]
    return " ".join(text[a:b] for a, b in pairwise(bounds))


_PLAIN = GlueRepair()


def repair_glue(paragraph: str) -> str:
    """Every glue rule that needs no registry: sentences, title words, common words."""
    return _PLAIN(paragraph)
