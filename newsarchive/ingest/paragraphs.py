"""Paragraphs put back into a body whose source ran them together.

Corpora and scrapes often lose a story's line breaks (the Rodong Sinmun sample holds
3,500 characters in one paragraph, its run-in subheads inside), and one block of text
is hard to read. ``restore_paragraphs`` splits such a body again by these rules:

* **Only run-together bodies.** A body is run together when it is one paragraph
  longer than ``MAX_CHARS`` (600) characters, or when its paragraphs average more
  than ``RUN_TOGETHER`` (800) characters and one holds more than ``LONG`` (1,000):
  wire paragraphs hold one to three sentences, 150 to 500 characters, so a body with
  its breaks is left exactly as it is. In a run-together body each paragraph longer
  than ``MAX_CHARS`` is split; shorter ones, and every break already there, are kept.
  In any body, a single paragraph of more than ``LONG`` characters and at least
  eight sentences (``2 * MAX_SENTENCES``) lost its breaks (a story whose later
  paragraphs were glued, ``added.The meetings``): that paragraph alone is split. Nothing is merged, dropped or reworded: the paragraphs
  hold the same text, cut only where a sentence ends (``content.sentences``).
* **Run-in subheads become headings.** A subhead the scraper ran into the next
  sentence (``… hands. Matchless Courage and Boldness It was one April day …``) is a
  phrase at a sentence start of two to sixteen words, every word capitalised but
  articles, prepositions and conjunctions (Title Case), with no stop, followed by a
  sentence that opens with a capitalised function word or pronoun (``The``, ``A``,
  ``It``, ``He``, ``In``, ``This``…) and then a lower-case word that is not itself
  a small word, or a number. It becomes a ``## `` heading on its own, because on the
  page it was a heading (a plain paragraph break would leave a fragment glued to a
  sentence). At the very start of the body such a phrase is the part of a headline
  the corpus cut off, or the headline under a section title such as ``Editorial``,
  and is kept as the heading above the text. A phrase that is an agency's name or a
  Korean personal name is a credit, not a subhead, and a proper name followed by a
  lower-case verb (``Kim Jong Un inspected``) never qualifies: the word after the
  phrase must open a sentence.
* **Breaks before discourse markers.** A new paragraph starts before a sentence
  that opens with a transition (``Meanwhile,``, ``Moreover,``, ``In addition,``,
  ``However,``, ``Noting that``…), a reported-speech opener (``He said``, ``She
  added``, ``They also noted``) or a quotation (``"…``, ``“…``), once the paragraph
  being built holds at least two sentences or ``MIN_CHARS`` (120) characters, so a
  marker never leaves a short sentence alone (a full wire sentence, a quote, may stand
  as its own paragraph, as wire copy sets them).
* **Length.** Between those breaks, a run of sentences is cut into the fewest
  paragraphs of at most ``MAX_SENTENCES`` (4) sentences and ``MAX_CHARS`` (600)
  characters (a longer single sentence stands alone), and among those the most even
  in length, so no short orphan trails a long paragraph.
* **Never inside a quotation.** No break falls between the opening and closing
  marks of a quotation (curly or straight); a quotation longer than ``MAX_QUOTE``
  (1,000) characters, or a mark left unclosed, protects nothing, since multi-
  paragraph quotations open each paragraph anew and a stray mark is no quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsarchive.content.names import SURNAMES
from newsarchive.content.sentences import sentence_ends
from newsarchive.ingest.credits import canonical_agency

RUN_TOGETHER = 800
LONG = 1000
MAX_CHARS = 600
MIN_CHARS = 120
MAX_SENTENCES = 4
MAX_QUOTE = 1000
_MIN_HEADING_WORDS, _MAX_HEADING_WORDS, _MAX_HEADING = 2, 16, 120

# Words Title Case leaves in lower case: articles, prepositions, conjunctions.
_SMALL_WORDS = frozenset(
    """
    a an the and but or nor for so yet of in on at to by from with as into onto over under
    upon amid via per vs than across against along among around between through toward
    towards within without about after before during since until off up out
    """.split()
)
# Capitalised words that open a sentence and cannot end a Title Case heading.
_OPENERS = frozenset(
    """
    The A An He She It They We I You This That These Those There Here In On At As When While
    After Before During Since If Although Though His Her Its Their Our My Your Every Each
    Many Some All Such Today Now Then Last Earlier Later For With By From Despite Under Over
    Toward Towards Through Around Among Amid Along Upon Following Once Because Only Not No
    """.split()
)
_OPENER_HINT = re.compile(r"[A-Z0-9]\S* (?:" + "|".join(sorted(_OPENERS)) + r") [a-z0-9]")
_TRANSITION = re.compile(
    r"(?:Meanwhile|Moreover|Furthermore|Besides|Additionally|However|Nevertheless|Nonetheless"
    r"|Also|Separately|Similarly|Likewise|Earlier|Later|Previously|Afterwards|Afterward"
    r"|In addition|On the other hand|At the same time|In particular|In the meantime|After that"
    r"|On the same day|In conclusion|In short|Above all|First|Second|Third|Finally|Lastly"
    r"|Last (?:week|month|year))\b,?"
    r"|(?:Noting|Stressing|Recalling|Referring to|Pointing out|Emphasizing|Emphasising"
    r"|Underlining|Saying)\b"
    r"|(?:He|She|They|We|It|The (?:official|minister|spokesman|spokeswoman|spokesperson))"
    r" (?:also |further |then |later )?(?:said|says|added|noted|stressed|told|pointed out"
    r"|underlined|emphasized|emphasised|expressed|urged|called|went on|continued)\b"
    r"|[\"\u201c]"
)
_QUOTES = re.compile(r"[\"\u201c\u201d]")
_CLOSERS = "\u201d\u2019)]"
_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\w'\u2019-]")


@dataclass(frozen=True, slots=True)
class Restored:
    """A body's paragraphs, which of them are headings (indexes), and whether any was split."""

    paragraphs: tuple[str, ...]
    headings: tuple[int, ...] = ()
    split: bool = False


def is_run_together(paragraphs: Sequence[str]) -> bool:
    """Whether a body lost its paragraph breaks (rules above): one long paragraph, or long
    paragraphs on average with one very long."""
    if not paragraphs:
        return False
    if len(paragraphs) == 1:
        return len(paragraphs[0]) > MAX_CHARS
    mean = sum(len(p) for p in paragraphs) / len(paragraphs)
    return mean > RUN_TOGETHER and max(len(p) for p in paragraphs) > LONG


def restore_paragraphs(paragraphs: Sequence[str]) -> Restored:
    """The body with its paragraphs and subheads put back when it ran them together."""
    whole_body = is_run_together(paragraphs)
    if not whole_body and not any(_is_run_together_paragraph(p) for p in paragraphs):
        return Restored(tuple(paragraphs))
    out: list[str] = []
    headings: list[int] = []
    for paragraph in paragraphs:
        if not (whole_body and len(paragraph) > MAX_CHARS) and not _is_run_together_paragraph(
            paragraph
        ):
            out.append(paragraph)
            continue
        for text, heading in _split(paragraph):
            if heading:
                headings.append(len(out))
            out.append(text)
    return Restored(tuple(out), tuple(headings), split=len(out) > len(paragraphs))


def _is_run_together_paragraph(paragraph: str) -> bool:
    """A paragraph no copy sets: over ``LONG`` characters and ``2 * MAX_SENTENCES`` sentences."""
    return len(paragraph) > LONG and len(sentence_ends(paragraph)) >= 2 * MAX_SENTENCES - 1


# --- one long paragraph -----------------------------------------------------------------


def _split(paragraph: str) -> list[tuple[str, bool]]:
    """(text, is heading) pieces of one run-together paragraph, in order."""
    pieces: list[tuple[str, bool]] = []
    run: list[str] = []
    run_length = 0
    for sentence in _sentences(paragraph):
        heading, rest = split_subhead(sentence)
        if heading is not None:
            pieces += _cut_run(run)
            pieces.append((heading, True))
            run, run_length = [], 0
            sentence = rest
        elif run and _breaks_before(sentence, run, run_length):
            pieces += _cut_run(run)
            run, run_length = [], 0
        run.append(sentence)
        run_length += len(sentence) + 1
    return pieces + _cut_run(run)


def _breaks_before(sentence: str, run: list[str], run_length: int) -> bool:
    """A marker sentence opens a paragraph once the run holds two sentences or enough text."""
    return bool(_TRANSITION.match(sentence)) and (len(run) >= 2 or run_length >= MIN_CHARS)


def _sentences(paragraph: str) -> list[str]:
    """The units of the paragraph a break may fall between: its sentences, with the sentences
    inside one quotation kept together (no break falls inside a quotation)."""
    quoted = _quotation_spans(paragraph)
    closes = {end for _, end in quoted}
    opens = [start for start, _ in quoted]  # in order, and the spans never overlap
    bounds = [0]
    for end in sentence_ends(paragraph):
        # The splitter cuts after the stop: a closing mark (said." He) goes with its sentence.
        while end < len(paragraph) and (
            paragraph[end] in _CLOSERS or (paragraph[end] == '"' and end in closes)
        ):
            end += 1
        bounds.append(end)
    bounds.append(len(paragraph))
    units: list[str] = []
    for start, end in pairwise(bounds):
        piece = paragraph[start:end]
        text = piece.strip()
        if not text:
            continue
        at = start + len(piece) - len(piece.lstrip())
        if units and _inside(quoted, opens, at):
            units[-1] = f"{units[-1]} {text}"
        else:
            units.append(text)
    return units


def _inside(quoted: list[tuple[int, int]], opens: list[int], at: int) -> bool:
    """Whether ``at`` falls strictly inside one of the (sorted, disjoint) quotations."""
    index = bisect_left(opens, at) - 1
    return index >= 0 and quoted[index][0] < at < quoted[index][1]


def _quotation_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of each quotation short enough to protect (rules above)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _QUOTES.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\u201c" or (mark == '"' and open_at is None):
            open_at = at
        elif open_at is not None:
            if at - open_at <= MAX_QUOTE:
                spans.append((open_at, at))
            open_at = None
    return spans


def _cut_run(run: list[str]) -> list[tuple[str, bool]]:
    """The fewest paragraphs within the limits, the most even in length (rules above)."""
    if not run:
        return []
    count = len(run)
    lengths = [len(s) for s in run]
    # best[i]: (paragraphs, sum of squared lengths, previous cut) for the first i sentences.
    best: list[tuple[int, int, int]] = [(0, 0, 0)] + [(count + 1, 0, 0)] * count
    for end in range(1, count + 1):
        for start in range(end - 1, -1, -1):
            size = sum(lengths[start:end]) + (end - start - 1)
            if start < end - 1 and (end - start > MAX_SENTENCES or size > MAX_CHARS):
                break
            paragraphs, squares, _ = best[start]
            candidate = (paragraphs + 1, squares + size * size, start)
            if candidate[:2] < best[end][:2]:
                best[end] = candidate
    cuts = []
    end = count
    while end > 0:
        start = best[end][2]
        cuts.append(" ".join(run[start:end]))
        end = start
    return [(text, False) for text in reversed(cuts)]


# --- run-in subheads --------------------------------------------------------------------


def split_subhead(sentence: str) -> tuple[str | None, str]:
    """(subhead, the sentence after it) when a run-in subhead opens ``sentence``; else (None, it).

    The rules are the module's: a Title Case phrase of 2 to 16 words and no stop, then
    a capitalised opener (``The``, ``It``…) and a lower-case word or a number; a credit
    (an agency, a Korean personal name) is no subhead.
    """
    head = sentence[: _MAX_HEADING + 40]
    if _OPENER_HINT.search(head) is None:  # most sentences: no opener after a capital word
        return None, sentence
    words = [(m.start(), m.group()) for m in _WORD.finditer(head)]
    for index in range(_MIN_HEADING_WORDS, min(len(words) - 1, _MAX_HEADING_WORDS + 1)):
        opener, following = words[index][1], words[index + 1][1]
        if opener not in _OPENERS or not _opens_sentence(following):
            continue
        phrase = sentence[: words[index][0]].strip()
        heading = [word for _, word in words[:index]]
        if len(phrase) <= _MAX_HEADING and _is_title_case(heading) and not _is_credit(heading):
            return phrase, sentence[words[index][0] :]
    return None, sentence


def _opens_sentence(following: str) -> bool:
    """The word after an opener: lower case and no small word (``The historic``, ``It was``),
    or a number (``The 40th``). A small word could still be a heading's (``Steps Toward the
    Summit``), so ``In the morning`` is not taken for a sentence's start."""
    if following[0].isdigit():
        return True
    return following[0].islower() and _LETTERS.sub("", following).lower() not in _SMALL_WORDS


def _is_title_case(words: list[str]) -> bool:
    """Capitalised words, but for small words inside; first and last capitalised; no stop."""
    if words[-1].lower() in _SMALL_WORDS or any(w[-1] in ".!?:;," for w in words):
        return False
    capitalised = 0
    for position, word in enumerate(words):
        letters = _LETTERS.sub("", word)
        if not letters:
            return False
        if letters[0].isupper() or letters[0].isdigit():
            capitalised += 1
        elif position == 0 or letters.lower() not in _SMALL_WORDS:
            return False
    return capitalised >= 2


def _is_credit(words: list[str]) -> bool:
    """An agency's name or a Korean personal name: a credit the scraper ran in, no subhead."""
    phrase = " ".join(words)
    if canonical_agency(phrase):
        return True
    return 2 <= len(words) <= 3 and words[0] in SURNAMES and all(len(w) <= 5 for w in words)
