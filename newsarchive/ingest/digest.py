"""Is a text several unrelated stories (a digest) or one article?

Two deterministic rules; ``parse_raw(digest=True/False)`` overrides both.

Dateline rule: two or more paragraphs open with a dateline (``SEOUL, Oct. 8
(Yonhap) --``). Each dateline starts a story; the paragraphs after it, up to
the next dateline, belong to it.

Lede rule, for text without any wire furniture (no header, stamp, byline,
dateline, credit or copyright footer): at least 3 blank-line-separated blocks,
and the first line of *every* block reads as a self-contained lede:

* 60 to 700 characters, ending in a sentence stop;
* opening with a capitalised word or a number, not with a quote, a bracket
  or a dash, and not with a pronoun or connective (``He``, ``They``, ``This``,
  ``But``, ``Meanwhile``, ``In addition``...) nor with an anaphoric definite
  noun phrase (``The envoy``, ``The ministry``, ``The German daily``...);
* no additive word among its first words (``UNEP also said``, ``again``);
* anchored like a news lede: a weekday, a month, a relative time (``this
  week``, ``last year``) or an attribution (``said``, ``according to``...);
* with balanced quotation marks, since a quotation running over a paragraph
  break is a sure sign of one article.

Across blocks, no block may open with the surname of a person named in full
in an earlier block (``Zimbabwean President Robert Mugabe ...`` then ``Mugabe
said ...``): that is one article following one person.

A single line break inside a block continues the same story and is not tested.
An ordinary article fails the rule at its second or third paragraph, which
refers back (``made the remark``, ``The envoy``) or opens with a quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MIN_BLOCKS = 3
_MIN_LEDE, _MAX_LEDE = 60, 700
_OPENING_WORD = re.compile(r"[A-Z0-9][\w'\u2019.-]*")
_SENTENCE_STOP_END = re.compile(r"[.!?][\"\u201d\u2019)]*$")
_CONTINUATION_OPENERS = frozenset(
    """
    He She It They We I You His Her Its Their Our This These Those That Such Both But And Or
    So Yet Still However Meanwhile Also Moreover Furthermore Besides Instead Then Later Earlier
    Nevertheless Nonetheless Therefore Thus Hence Otherwise Likewise Similarly Additionally
    Accordingly Consequently Indeed Separately Another Other Others Here There
    """.split()
)
_CONTINUATION_PHRASES = re.compile(
    r"^(?:In addition|As a result|On the other hand|At the same time|For (?:its|his|her|their) part"
    r"|In response|In turn|By contrast|In contrast|After that|Before that|Despite this|To this end)\b"
)
_ANAPHORIC_DEFINITE = re.compile(
    r"^The (?:[A-Z][\w-]* ){0,2}(?:daily|newspaper|paper|broadcaster|agency|envoy|minister|ministry"
    r"|official|officials|president|leader|spokesman|spokeswoman"
    r"|spokesperson|agency|report|statement|move|meeting|talks|remarks?|comments?|announcement"
    r"|decision|sources?|group|company|two sides|two leaders|former|latter|same|plan|proposal|deal"
    r"|agreement|letter|message|article|paper|case|incident|figure|event|ceremony|visit|trip"
    r"|session|measure|bill|situation|envoys|delegation|official's)\b"
)
_EARLY_ADDITIVE = re.compile(r"^(?:\S+ ){1,8}?(?:also|again|further|too|as well)\b")
# The last word of a run of two or more capitalised words: "Robert Mugabe" gives "Mugabe".
_FULL_NAME_END = re.compile(r"\b[A-Z][\w.-]*(?: [A-Z][\w.-]*)* ([A-Z][a-z][\w-]*)\b")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s)$")
_NEWS_ANCHOR = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May \d|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\. \d"
    r"|(?:this|last|next) (?:week|month|year|weekend)|earlier this|later this|yesterday|today"
    r"|tonight|said|says|according to|reported|announced|told|warned|stated|confirmed)\b"
)


def is_self_contained_lede(line: str) -> bool:
    """Whether one paragraph could open a news story on its own (rule above)."""
    if not _MIN_LEDE <= len(line) <= _MAX_LEDE or not _SENTENCE_STOP_END.search(line):
        return False
    opening = _OPENING_WORD.match(line)
    if opening is None or opening.group() in _CONTINUATION_OPENERS:
        return False
    if _CONTINUATION_PHRASES.match(line) or _ANAPHORIC_DEFINITE.match(line):
        return False
    if _EARLY_ADDITIVE.match(line):
        return False
    if not _quotes_balanced(line):
        return False
    return _NEWS_ANCHOR.search(line) is not None


def looks_like_digest(blocks: Sequence[Sequence[str]]) -> bool:
    """Lede rule: 3 or more blocks (lists of lines) that all open with a self-contained lede."""
    if len(blocks) < _MIN_BLOCKS or not all(is_self_contained_lede(b[0]) for b in blocks if b):
        return False
    surnames: set[str] = set()
    for block in blocks:
        opening = _OPENING_WORD.match(block[0])
        if opening is not None and _POSSESSIVE.sub("", opening.group()) in surnames:
            return False
        for line in block:
            surnames.update(m.group(1) for m in _FULL_NAME_END.finditer(line))
    return True


def _quotes_balanced(line: str) -> bool:
    return line.count('"') % 2 == 0 and line.count("\u201c") == line.count("\u201d")
