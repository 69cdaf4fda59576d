"""Headlines: recognising one in the copy, and deriving one from a lede."""

from __future__ import annotations

import re

from newsarchive.content.sentences import split_sentences
from newsarchive.ingest.credits import match_dateline
from newsarchive.ingest.errors import IngestError

MAX_TITLE = 120
_MIN_CLAUSE = 40
_LOOK_PAST = 20
_MIN_SENTENCE = 30
_MAX_HEADLINE = 150
_MAX_HEADLINE_WORDS = 20

_WIRE_TAG = re.compile(
    r"^\s*\((?:LEAD|\d+(?:st|nd|rd|th) LD|URGENT|UPDATE(?: \d+)?|News Focus|Yonhap Interview"
    r"|Yonhap Feature|Feature|EDITORIAL[^)]*|ATTN[^)]*|CORRECTED)\)\s*",
    re.I,
)
_TRAILING_TAG = re.compile(
    r"\s*\((?:ATTN|UPDATED?|CORRECTED|ADDS?|RECASTS?|CHANGES?)\b[^)]*\)\s*$", re.I
)
_SENTENCE_END = re.compile(r"(?:\.[\"\u201d\u2019)\]]*|[!?][\"\u201d\u2019]+)$")
_ENDS_WITH_INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")
_ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:[^,\"\u201c\u201d]{2,80}?\s(?:said|says|reported|reports|announced|told|added|noted"
    r"|warned|claimed|stated)\b[^,]{0,40}|according to [^,]{2,80})$"
)
_PHRASE_BREAK = re.compile(
    r",\s|;\s|:\s|\s--\s|\s[\u2014\u2013]\s|\s(?=(?:for|to|in|on|at|with|but|as|from|by"
    r"|amid|after|before|while|when|where|which|who|that|following|despite|including|since"
    r"|because|over|into|about|between|across|against|during|under|through|towards?|than|if"
    r"|until|via)\s)"
)
# Words that open a clause: a derived title may end before one (``derive_title`` rule 3).
CLAUSE_WORDS = frozenset(
    """
    when while whereas although though because since after before until unless if once
    where which who whom whose but yet so as amid despite following citing saying adding
    """.split()
)
_CLAUSE_BREAK = re.compile(
    r",\s|;\s|:\s|\s--\s|\s[\u2014\u2013]\s|\s(?=(?:" + "|".join(sorted(CLAUSE_WORDS)) + r")\s)"
)
# An aside between a pair of dashes, or in brackets: dropped from a title that is too long.
_ASIDE = re.compile(
    r"\s(?:--|[\u2014\u2013])\s[^\u2014\u2013]{1,120}?\s(?:--|[\u2014\u2013])\s|\s\([^()]{1,120}\)"
)
# Words a derived title must not end on: they promise a continuation that was cut.
DANGLING_WORDS = frozenset(
    """
    a an the of to in on at for with and or but nor by from as that which who whom whose its
    their his her our into onto over about after before amid while than between among against
    during through under within without upon via is are was were be been being will would shall
    should can could may might must has have had do does did not so if because since although
    though when where whether including said says per toward towards across near also both
    either neither this these those there such very more most less least plus
    """.split()
)
_TRIM_PUNCTUATION = " ,;:-\u2013\u2014/&"


def is_headline(line: str) -> bool:
    """A short line without a final period, the way wire copy sets its headline.

    At most 20 words and 150 characters, not starting in lower case or with
    punctuation, not ending in ``.`` (even inside a closing quote or bracket),
    ``,``, ``;``, ``:`` or an ellipsis, and not a dateline.

    The caller checks the rest: the line stands alone in the first block and
    more text follows after a blank line.
    """
    line = line.strip()
    words = line.split()
    if not 2 <= len(words) <= _MAX_HEADLINE_WORDS or len(line) > _MAX_HEADLINE:
        return False
    if line[0].islower() or line[0] in "-\u2013\u2014,;:":
        return False
    if line.endswith((",", ";", ":", "...", "\u2026")):
        return False
    if _SENTENCE_END.search(line):
        return False
    return match_dateline(line) is None


def clean_headline(line: str) -> str | None:
    """A headline without wire tags such as ``(LEAD)`` or ``(ATTN: ...)``; None if nothing is left."""
    title = line.strip()
    while True:
        stripped = _TRAILING_TAG.sub("", _WIRE_TAG.sub("", title)).strip()
        if stripped == title:
            break
        title = stripped
    return " ".join(title.split()) or None


def derive_title(lede: str) -> str:
    """A title for a story without a headline: the lede's first sentence, ending on a clause.

    The rules, in order:

    1. The first sentence of the lede (a first sentence shorter than 30 characters,
       a list number or an initial, takes the next ones along), without its final
       stop and without an attribution tail (``..., Seoul's foreign ministry said
       Tuesday``; ``according to ...``), also when a clause cut (3) leaves one at the end.
    2. When it is longer than ``MAX_TITLE`` (120) characters, asides set off by a
       pair of dashes or by brackets go (``... symbolism -- on display in April --
       and ...``).
    3. When it is still longer, it ends at the last clause boundary that fits: before
       a comma, semicolon, colon or dash, or before a word that opens a clause
       (``when``, ``while``, ``because``, ``after``, ``which``, ``who``, ``but``...:
       ``CLAUSE_WORDS``), at least 40 characters in, never inside a quotation, and
       never where the words kept end on a function word (``DANGLING_WORDS``: ``to``,
       ``the``, ``with``, ``his``...), which would promise a continuation.
    4. When no clause boundary fits, it ends before the last phrase-opening word
       (``for``, ``to``, ``in``, ``across``...) before the sentence's first clause
       boundary that leaves no dangling word and no open quotation: the main clause
       without its last phrases. With no such word,
       it is cut at a space on the same terms and ends with an ellipsis, so the reader
       sees it stops short. A single word longer than the limit is cut hard.

    So ``Denuclearisation will be high on Moon's agenda when he meets with Kim in
    Pyongyang this week`` becomes ``Denuclearisation will be high on Moon's agenda``,
    never ``... when he meets``.
    """
    text = " ".join(lede.split())
    dateline = match_dateline(text)
    if dateline is not None:
        text = dateline.rest.strip()
    if not text:
        raise IngestError("no lede to derive a title from")
    sentences = split_sentences(text)
    sentence = sentences[0]
    for following in sentences[1:]:
        if len(sentence) >= _MIN_SENTENCE:
            break
        sentence = f"{sentence} {following}"  # "Ya. T. Nobichenko, ...", '"6. Living ...'
    sentence = _drop_final_stop(sentence)
    sentence = _ATTRIBUTION_TAIL.sub("", sentence).strip()
    if len(sentence) > MAX_TITLE:
        sentence = " ".join(_ASIDE.sub(" ", sentence).split())
    if len(sentence) <= MAX_TITLE:
        title = sentence.rstrip(_TRIM_PUNCTUATION) or sentence
    else:
        clause = clause_cut(sentence, MAX_TITLE)
        if clause is not None:  # "..., an official said Thursday, as Seoul ...": the tail too
            clause = _ATTRIBUTION_TAIL.sub("", clause).rstrip(_TRIM_PUNCTUATION)
        title = clause or _phrase_cut(sentence, MAX_TITLE - 1)
    return title[0].upper() + title[1:]


def clause_cut(text: str, limit: int) -> str | None:
    """``text`` up to its last clause boundary within ``limit`` characters (rule 3 of
    ``derive_title``), or None when none fits."""
    for end in sorted(_clause_boundaries(text, limit), reverse=True):
        kept = text[:end].rstrip(_TRIM_PUNCTUATION)
        if len(kept) >= _MIN_CLAUSE and not _dangles(kept) and not _open_quote(kept):
            return kept
    return None


def _clause_boundaries(text: str, limit: int) -> list[int]:
    # A little past the limit: the word after a boundary must be seen to know it opens a clause.
    found = _CLAUSE_BREAK.finditer(text, 0, limit + _LOOK_PAST)
    return [m.start() for m in found if m.start() <= limit]


def _phrase_cut(text: str, limit: int) -> str:
    """Rule 4: before the last phrase-opening word of the main clause that leaves a clean end;
    else at the last such space, with an ellipsis."""
    first_clause = _CLAUSE_BREAK.search(text, _MIN_CLAUSE // 2)
    if first_clause is not None:  # never inside a clause a boundary was refused for
        limit = min(limit, first_clause.start())
    found = _PHRASE_BREAK.finditer(text, 0, limit + _LOOK_PAST)
    phrases = [m.start() for m in found if m.start() <= limit]
    spaces = [m.start() for m in re.finditer(r" ", text[: limit + 1])]
    for ends, mark in ((phrases, ""), (spaces, "\u2026")):
        for end in sorted(ends, reverse=True):
            kept = _trim(text[:end])
            if len(kept) >= _MIN_CLAUSE // 2 and not _open_quote(kept) and not _dangles(kept):
                return kept + mark
    return text[: limit + 1]


def _dangles(title: str) -> bool:
    """Whether the title ends on a word that promises more: a function word, a possessive."""
    last = title.rsplit(" ", 1)[-1].lower().strip("\"'\u2019\u201d")
    return last in DANGLING_WORDS or last.endswith(("'s", "\u2019s"))


def _open_quote(title: str) -> bool:
    return title.count('"') % 2 == 1 or title.count("\u201c") > title.count("\u201d")


def _drop_final_stop(sentence: str) -> str:
    if sentence.endswith(".") and not _ENDS_WITH_INITIALISM.search(sentence):
        return sentence[:-1]
    if sentence.endswith(('."', ".\u201d")):
        return sentence[:-2] + sentence[-1]
    return sentence


def trim_title(title: str) -> str:
    """A cut title without trailing punctuation, dangling words or an unclosed quote."""
    return _trim(title)


def _trim(title: str) -> str:
    while True:
        before = title
        title = title.rstrip(_TRIM_PUNCTUATION)
        title = _close_or_cut(title, '"', '"')
        title = _close_or_cut(title, "\u201c", "\u201d")
        title = _close_or_cut(title, "(", ")")
        words = title.rsplit(" ", 1)
        last = words[-1].lower().strip("\"'\u2019\u201d")
        if len(words) == 2 and (
            last in DANGLING_WORDS
            or last.endswith(("'s", "\u2019s"))
            or last.replace(",", "").isdigit()
        ):
            title = words[0]
        if title == before:
            return title


def _close_or_cut(title: str, opening: str, closing: str) -> str:
    """Cut before an unclosed quote or bracket (keeping its text if that leaves too little)."""
    if opening == closing:
        unclosed = title.count(opening) % 2 == 1
    else:
        unclosed = title.count(opening) > title.count(closing)
    if not unclosed:
        return title
    at = title.rfind(opening)
    if at >= _MIN_CLAUSE // 2:
        return title[:at]
    return title[:at] + title[at + 1 :]
