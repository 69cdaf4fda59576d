"""Repeated tails: a scraped page that carried the story again after its credit.

Some scrapes hold a story, its closing credit, and then the story again, often in
shrinking pieces (``… Sept. 27. Rodong Sinmun The 15th Pyongyang … Sept. 27. Rodong
Sinmun Electrical and … Sept. 27. Rodong``): the page repeated its text below the
article and the scraper kept it. The rule (``drop_repeated_tail``):

* A repeat starts right after a credit: at a point of the running text whose text
  before it ends with a credit that ``credits.strip_trailing_credits`` knows (an
  agency such as ``Rodong Sinmun`` or ``(KCNA)``, an end mark such as ``(END)``, a
  Korean personal name or desk byline closing a Rodong Sinmun piece) or with a
  writer's signature after the last sentence (two to four capitalised words, such as
  ``Myong Chun Gil``), and where a whole sentence that already appeared earlier in
  the body begins again (the first copy may have had a run-in subhead before it:
  ``paragraphs.split_subhead``).
* Everything from there to the end of the body must be earlier text again, verbatim:
  one or more copies, each a run of the body's text starting at one of its sentences
  and running on to the credit where the first copy ended; the last copy may stop
  anywhere (the dataset cut it). Text that differs from the earlier text anywhere
  means the tail is not a repeat, and nothing is dropped.
* The whole tail goes, and the number of characters dropped is returned, so the run
  counts it in its report: nothing is dropped silently. The credit before the tail
  stays, for the usual credit rules to take.

A story that quotes one earlier sentence again is left alone: the repeat must follow
a credit and hold every character to the end of the body. The search is bounded so
that no input makes it slow: a body longer than ``MAX_TEXT`` characters (no page is)
is left whole, and the search stops after ``MAX_TRIES`` earlier sentences met again
that did not start a repeat.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsarchive.content.sentences import sentence_ends
from newsarchive.ingest.credits import strip_trailing_credits
from newsarchive.ingest.paragraphs import split_subhead

# A credit glued before a repeated sentence is short: a name, an agency, an end mark.
_MAX_CREDIT = 60
_SEPARATOR = "\n\n"
MAX_TEXT = 100_000  # longer than a scraped page: a book or a dump, left whole
MAX_TRIES = 20  # sentences met again that did not start a repeat: then the search stops
_CREDIT_WINDOW = 400  # how far back a credit is looked for
_KEY = 24  # the characters a copy's start is looked up by
_CLOSERS = ' \n"\u201d\u2019)]'
# A writer's signature the surname list may not know (``Myong Chun Gil``), after a stop.
_SIGNATURE = re.compile(r"[.!?\"\u201d\u2019)]\s+[A-Z][a-z]{1,11}(?: [A-Z][a-z]{1,11}){1,3}$")


@dataclass(frozen=True, slots=True)
class Repeats:
    """Paragraphs without their repeated tail, and how many characters the tail held."""

    paragraphs: tuple[str, ...]
    dropped: int = 0


def drop_repeated_tail(paragraphs: Sequence[str]) -> Repeats:
    """The paragraphs without a tail that repeats their earlier text after a credit (rules above)."""
    text = _SEPARATOR.join(paragraphs)
    if len(text) > MAX_TEXT:
        return Repeats(tuple(paragraphs))
    starts = _sentence_starts(text)
    first_seen: dict[str, int] = {}
    tries = 0
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        sentence = text[start:end].strip()
        for restart in _restarts(start, sentence, first_seen):
            if _after_credit(text, restart) and _is_repeat(text, restart, starts):
                kept = text[:restart].rstrip()
                parts = tuple(p for p in kept.split(_SEPARATOR) if p)
                return Repeats(parts, len(text) - len(kept))
            tries += 1
            if tries >= MAX_TRIES:
                return Repeats(tuple(paragraphs))
        first_seen.setdefault(sentence, start)
        subhead, rest = split_subhead(sentence)
        if subhead is not None:  # the copy may start after a run-in subhead the first lacked
            first_seen.setdefault(rest, start + len(sentence) - len(rest))
            starts.append(start + len(sentence) - len(rest))
    return Repeats(tuple(paragraphs))


def _sentence_starts(text: str) -> list[int]:
    """Where each sentence of the text begins, paragraph breaks included."""
    starts = {0}
    offset = 0
    for paragraph in text.split(_SEPARATOR):
        starts.add(offset)
        for end in sentence_ends(paragraph):
            after = paragraph[end:]
            starts.add(offset + end + len(after) - len(after.lstrip(_CLOSERS)))
        offset += len(paragraph) + len(_SEPARATOR)
    return sorted(s for s in starts if s < len(text))


def _restarts(start: int, sentence: str, first_seen: dict[str, int]) -> list[int]:
    """Where an earlier sentence begins again in this one: the sentence whole, or after a
    short credit (``Rodong Sinmun The 15th …``: the splitter saw no stop after the credit)."""
    found = [start] if sentence in first_seen else []
    space = sentence.find(" ", 0, _MAX_CREDIT + 1)
    while space != -1 and first_seen:
        if sentence[space + 1 :] in first_seen:
            found.append(start + space + 1)
        space = sentence.find(" ", space + 1, _MAX_CREDIT + 1)
    return found


def _after_credit(text: str, at: int) -> bool:
    """Whether the text before ``at`` ends with a credit: one the credit rules would take
    off, or a signature of two to four capitalised words after the last sentence."""
    before = text[max(0, at - _CREDIT_WINDOW) : at].rstrip()  # credits are short
    return bool(_SIGNATURE.search(before)) or len(strip_trailing_credits(before).text) < len(before)


def _is_repeat(text: str, restart: int, starts: Sequence[int]) -> bool:
    """Whether text[restart:] is copies of runs of text[:restart], each from a sentence start
    to the end of that earlier text, the last one perhaps cut short."""
    original = text[:restart]
    earlier = sorted(s for s in starts if s < restart)
    by_key: dict[str, list[int]] = {}
    for start in earlier:
        by_key.setdefault(original[start : start + _KEY], []).append(start)
    short = [s for s in earlier if len(original) - s < _KEY]  # runs shorter than a key
    at = restart
    while at < len(text):
        key = text[at : at + _KEY]
        # The last copy may be cut within a few characters: then any start may be its.
        candidates = by_key.get(key, []) + short if len(key) == _KEY else earlier
        lengths = [(_common_length(text, at, original, s), s) for s in candidates]
        whole = [n for n, s in lengths if n and s + n == len(original)]
        longest = max((n for n, _ in lengths), default=0)
        if at + longest == len(text):
            return longest > 0
        if not whole:
            return False
        at += max(whole)
    return True


def _common_length(text: str, at: int, original: str, start: int) -> int:
    """How many characters text[at:] and original[start:] share from their first."""
    low, high = 0, min(len(text) - at, len(original) - start)
    while low < high:  # the longest shared start, found by halving: a few slice comparisons
        middle = (low + high + 1) // 2
        if text.startswith(original[start : start + middle], at):
            low = middle
        else:
            high = middle - 1
    return low
