"""Photo captions that came with the copy and must not read as running text.

A paragraph is a caption when it

* opens like one (``This photo, provided by ...``, ``This undated picture
  released by ...``, ``In this file photo``, ``Photo: ...``, ``[사진 ...``), at
  most 400 characters (``This picture will be treasured`` is running text); or
* is short (at most 2 sentences, 400 characters), ends in a parenthesised
  photo credit (``(Yonhap)``, ``(AP Photo/Ahn Young-joon)``, ``(EPA-Yonhap)``,
  ``(Photo courtesy of ...)``) and either carries a full date (``on Oct. 7,
  2019``) or photo words (``photo``, ``pictured``, ``(left)``, ``poses``, ``seen``).

The last paragraph of running text usually ends in the article's own credit
(``... for each denuclearization measure. (Yonhap)``), so there a date or a
photo word alone is not enough: it needs a caption phrase (``in this photo``,
``photo provided by``, ``pictured``, ``(left)``, ``from left``) or both a full
date and a photo word.
A paragraph that opens with a dateline is a lede, never a caption.
"""

from __future__ import annotations

import re

from newsarchive.content.sentences import sentence_ends
from newsarchive.ingest.credits import canonical_agency
from newsarchive.ingest.dates import caption_date

_MAX_CAPTION = 400
_MAX_SENTENCES = 2
_PHOTO_NOUN = r"(?:photo|picture|image|screen ?grab|screenshot)"
_PHOTO_OPENING = re.compile(
    rf"^(?:In this (?:\w+ ){{0,2}}?{_PHOTO_NOUN}\b|\(?This (?:\w+ ){{0,2}}?{_PHOTO_NOUN},? (?:provided"
    r"|released|taken|shows?|showing|from|courtesy|dated|made available|distributed|obtained|posted"
    r"|captured|issued|published|carried|by)\b|Photo ?[:=]|\[Photo\b|\[사진|사진 ?=|\[연합뉴스)"
)
_CREDIT_END = re.compile(r"\((?P<credit>[^()]{1,80})\)\s*$")
_PHOTO_CREDIT = re.compile(
    r"\b(?:photo|photos|pool|courtesy|handout|provided|getty|epa|afp|reuters|yonhap|ap|kcna"
    r"|xinhua|kyodo|newsis|news1|yna|kctv|file)\b",
    re.I,
)
_STRONG_PHOTO_WORDS = re.compile(
    r"\b(?:photos?|photographs?|photographed|pictured|pictures?|images?|screen ?grab|screenshot"
    r"|provided by|courtesy of|from left)\b|[(,] ?(?:left|right|center|centre)[),]",
    re.I,
)
_CAPTION_PHRASE = re.compile(
    r"\bin this (?:\w+ )?(?:photo|picture|image)\b|\bphotos? (?:provided|released|taken|courtesy)\b"
    r"|\bfile photo\b|\bpictured\b|\bfrom left\b|[(,] ?(?:left|right|center|centre)[),]",
    re.I,
)
_WEAK_PHOTO_WORDS = re.compile(
    r"\b(?:poses?|posing|seen|shows?|shown|captured|waves?|waving)\b", re.I
)


def is_caption(paragraph: str, *, last: bool = False) -> bool:
    """Whether ``paragraph`` describes a photo rather than continues the story."""
    if len(paragraph) > _MAX_CAPTION:
        return False
    if _PHOTO_OPENING.match(paragraph):
        return True
    if not paragraph.endswith(")"):
        return False
    credit = _CREDIT_END.search(paragraph)
    if credit is None or not _is_photo_credit(credit.group("credit")):
        return False
    body = paragraph[: credit.start()].rstrip()
    if len(sentence_ends(body)) >= _MAX_SENTENCES:
        return False
    if _CAPTION_PHRASE.search(body):
        return True
    photo_words = bool(_STRONG_PHOTO_WORDS.search(body) or _WEAK_PHOTO_WORDS.search(body))
    dated = caption_date(body) is not None
    return dated and photo_words if last else dated or photo_words


def _is_photo_credit(credit: str) -> bool:
    return canonical_agency(credit) is not None or _PHOTO_CREDIT.search(credit) is not None
