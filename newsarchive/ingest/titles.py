"""Headlines: recognising one in the copy, and deriving one from a lede."""

from __future__ import annotations

import re

from newsarchive.content.sentences import split_sentences
from newsarchive.ingest.credits import match_dateline
from newsarchive.ingest.errors import IngestError

MAX_TITLE = 100
_MIN_CLAUSE = 40
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
    """A title for a story without a headline: the lede's first sentence, fitted into 100 characters.

    A first sentence shorter than 30 characters (a list number, an initial)
    takes the next ones along. The attribution tail (``..., Seoul's foreign
    ministry said Tuesday``) goes first; a longer sentence is cut before the
    last clause break (comma, dash) or phrase-opening word (``for``, ``to``,
    ``following``, ``when``...) that fits, else at the last space; then
    dangling words (``the``, ``of``, ``and``, a possessive, a bare number),
    trailing punctuation and unclosed quotes or brackets are trimmed. No
    ellipsis is added: the title reads as a phrase. A single word longer than
    the limit is cut hard.
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
    sentence = _ATTRIBUTION_TAIL.sub("", sentence)
    if len(sentence) > MAX_TITLE:
        sentence = _cut(sentence)
    title = _trim(sentence) or sentence[:MAX_TITLE].strip()
    return title[0].upper() + title[1:]


def _drop_final_stop(sentence: str) -> str:
    if sentence.endswith(".") and not _ENDS_WITH_INITIALISM.search(sentence):
        return sentence[:-1]
    if sentence.endswith(('."', ".\u201d")):
        return sentence[:-2] + sentence[-1]
    return sentence


def _cut(sentence: str) -> str:
    """Cut before the last clause break or phrase-opening word that fits, else at a space."""
    window = sentence[: MAX_TITLE + 1]
    breaks = [
        m.start() for m in _PHRASE_BREAK.finditer(window) if _MIN_CLAUSE <= m.start() <= MAX_TITLE
    ]
    if breaks:
        return sentence[: breaks[-1]]
    space = window.rfind(" ")
    return sentence[:space] if space > 0 else sentence[:MAX_TITLE]


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
