"""Whole-word regular expressions in linear time: RE2 with Python's idea of a word.

Tag rules come from contributors, so a rule must never make matching slow:
patterns run on RE2 (``google-re2``), whose time grows linearly with the text
whatever the pattern, where Python's backtracking ``re`` can take minutes.

Rules match whole words: no letter, digit or ``_`` (Python's ``\\w``) may touch a
match on either side. RE2 has no lookarounds and its ``\\w`` and ``\\b`` know ASCII
only, so the boundaries are spelt out:

* ``WordPattern`` wraps a body as ``NON_WORD (body) NON_WORD`` and reports the
  body's span. The boundary characters are consumed, so RE2 still picks, among
  the body's alternatives, the first that ends at a word boundary, as Python's
  ``(?<!\\w)body(?!\\w)`` does.
* ``WordText`` pads the text with a line break at either end (the start and end
  of the text are boundaries) and encodes it once to UTF-8, the form RE2 reads.
  Every non-ASCII character that is not a word character, other than the few a
  rule can match (the curly apostrophe, hyphens and dashes, Unicode spaces:
  ``MATCHABLE_NON_WORD``), is replaced by a stand-in of the same UTF-8 length
  first. The boundary class is then a short list of code points instead of
  RE2's full Unicode letter tables, which cost milliseconds to compile per
  rule; ``WORD`` (any word character, for ``*``) is its complement. Lone
  surrogates are replaced the same way, so the bytes are always valid UTF-8.

Offsets in and out are character offsets into the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

import re2

# Non-word characters a rule body can match: Unicode spaces other than the line break
# (Python's ``[^\S\n]``), hyphens and dashes, the curly apostrophe.
_SPACES = (
    (0x09, 0x09),
    (0x0B, 0x0D),
    (0x1C, 0x20),
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
)
_DASHES = ((0x2010, 0x2013),)
_CURLY_APOSTROPHE = ((0x2019, 0x2019),)
MATCHABLE_NON_WORD = _SPACES + _DASHES + _CURLY_APOSTROPHE
# One stand-in per UTF-8 length: non-word characters no rule can match (§, †, a Mahjong tile).
_STAND_INS = {2: "\u00a7", 3: "\u2020", 4: "\U0001f000"}
_ASCII_NON_WORD = ((0x00, 0x2F), (0x3A, 0x40), (0x5B, 0x5E), (0x60, 0x60), (0x7B, 0x7F))
_NON_WORD_RANGES = (
    _ASCII_NON_WORD + MATCHABLE_NON_WORD + tuple((ord(c), ord(c)) for c in _STAND_INS.values())
)


def re2_class(ranges: tuple[tuple[int, int], ...], *, negated: bool = False) -> str:
    """An RE2 character class of code point ranges (RE2 spells them ``\\x{..}``)."""
    parts = "".join(
        f"\\x{{{low:x}}}" if low == high else f"\\x{{{low:x}}}-\\x{{{high:x}}}"
        for low, high in ranges
    )
    return f"[{'^' if negated else ''}{parts}]"


NON_WORD = re2_class(_NON_WORD_RANGES)
WORD = re2_class(_NON_WORD_RANGES, negated=True)  # in a WordText: exactly Python's \w
SPACE = re2_class(_SPACES)  # Python's [^\S\n]
DASH = re2_class(((0x2D, 0x2D), *_DASHES))
APOSTROPHE = re2_class(((0x27, 0x27), *_CURLY_APOSTROPHE))
DIGIT = r"\p{Nd}"  # Python's \d

_PY_MATCHABLE = "".join(
    re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
    for low, high in MATCHABLE_NON_WORD
)
_OTHER_NON_WORD = re.compile(rf"[^\w\x00-\x7f{_PY_MATCHABLE}]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SAME_WIDTH_RUN = re.compile(r"[\x80-\u07ff]+|[\u0800-\uffff]+|[\U00010000-\U0010ffff]+")
_PAD = "\n"


def _utf8_length(char: str) -> int:
    code = ord(char)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4


def _stand_in(match: re.Match[str]) -> str:
    return _STAND_INS[_utf8_length(match.group())]


class WordText:
    """A text as RE2 reads it (padded UTF-8 bytes), and the map between their offsets.

    Characters of the same UTF-8 length come in runs; a run's byte offsets follow
    from its start, so the map holds one entry per run, not per character.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        padded = f"{_PAD}{text}{_PAD}"
        self._starts: list[int] = []  # character offset of each run (in the padded text)
        self._byte_starts: list[int] = []
        self._runs: list[tuple[int, int, int]] = []  # (length, width, extra bytes before)
        if not padded.isascii():
            padded = _OTHER_NON_WORD.sub(_stand_in, padded)
            self._map_runs(padded)
        self.data = padded.encode("utf-8")
        self.size = len(self.data)
        self.multibyte = bool(self._runs)  # else byte and character offsets are the same

    def _map_runs(self, padded: str) -> None:
        extra = 0
        for chunk in _NON_ASCII_RUN.finditer(padded):
            for run in _SAME_WIDTH_RUN.finditer(chunk.group()):
                start, length = chunk.start() + run.start(), run.end() - run.start()
                width = _utf8_length(run.group()[0])
                self._starts.append(start)
                self._byte_starts.append(start + extra)
                self._runs.append((length, width, extra))
                extra += length * (width - 1)

    def byte(self, char: int) -> int:
        """The byte offset in ``data`` of a character offset in the padded text."""
        if not self._runs:
            return char
        k = bisect_right(self._starts, char) - 1
        if k < 0:
            return char
        length, width, extra = self._runs[k]
        return char + extra + min(char - self._starts[k], length) * (width - 1)

    def char(self, byte: int) -> int:
        """The character offset in the padded text of a byte offset (at a character start)."""
        if not self._runs:
            return byte
        k = bisect_right(self._byte_starts, byte) - 1
        if k < 0:
            return byte
        length, width, extra = self._runs[k]
        inside = byte - self._byte_starts[k]
        if inside >= length * width:
            return byte - extra - length * (width - 1)
        return self._starts[k] + inside // width


# RE2's own Match takes a third of the time of the wrapper's match() and search(), which
# build a generator and a match object per call; used when google-re2 exposes it.
_RAW_ANCHORS = getattr(re2, "_Anchor", None)


class WordPattern:
    """A body that matches only as whole words, searched in linear time.

    ``ValueError`` when RE2 cannot compile it (bad syntax, or too large for its
    memory budget).
    """

    def __init__(self, body: str) -> None:
        try:
            self._regex = re2.compile(f"{NON_WORD}(?:{body}){NON_WORD}")
        except re2.error as err:
            raise ValueError(f"not a pattern RE2 can run: {err}") from err
        raw = getattr(self._regex, "_regexp", None)
        self._raw = raw.Match if _RAW_ANCHORS is not None and hasattr(raw, "Match") else None
        self._anchored = getattr(_RAW_ANCHORS, "ANCHOR_START", None)

    @property
    def size(self) -> int:
        """RE2's program size: how much work the pattern is per character of text."""
        return int(self._regex.programsize)

    def match_at(self, text: WordText, start: int) -> tuple[int, int] | None:
        """The match that begins at character ``start`` of ``text``, as (start, end)."""
        # Padded offset ``start`` is the character before the match: the left boundary.
        position = text.byte(start) if text.multibyte else start
        if self._raw is not None:  # inlined: this is the hot path of tag suggestions
            span = self._raw(self._anchored, text.data, position, text.size)[0]
            if span[0] < 0:
                return None
            return start, (text.char(span[1]) if text.multibyte else span[1]) - 2
        found = self._regex.match(text.data, position)
        return None if found is None else (start, text.char(found.end()) - 2)

    def finditer(self, text: WordText) -> Iterator[tuple[int, int]]:
        """Every match, left to right, none overlapping another, as (start, end)."""
        position = 0
        while (span := self._find(text.data, position, anchored=False)) is not None:
            # The span holds one boundary character on either side of the match.
            start, end = text.char(span[0]), text.char(span[1]) - 2
            yield start, end
            # The next left boundary may be the match's own last character; an empty
            # match moves on by one character.
            position = text.byte(end if end > start else end + 1)

    def _find(self, data: bytes, position: int, *, anchored: bool) -> tuple[int, int] | None:
        """The byte span of the first match at (or after) ``position``, boundaries included."""
        if self._raw is not None:
            anchor = _RAW_ANCHORS.ANCHOR_START if anchored else _RAW_ANCHORS.UNANCHORED
            span = self._raw(anchor, data, position, len(data))[0]
            return None if span[0] < 0 else span
        found = (self._regex.match if anchored else self._regex.search)(data, position)
        return None if found is None else found.span()


__all__ = [
    "APOSTROPHE",
    "DASH",
    "DIGIT",
    "NON_WORD",
    "SPACE",
    "WORD",
    "WordPattern",
    "WordText",
    "re2_class",
]
