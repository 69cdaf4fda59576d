"""Text cleaning: one normal form for every source, and repairs for glued text.

``normalize`` gives every input the same shape before anything is parsed:
LF line ends, plain spaces, no zero-width or control characters, no HTML
remnants, NFC. Curly quotes and apostrophes are kept as written.

``repair_glue`` puts back spaces that copy-and-paste lost, deterministically:

* Sentence glue: a space goes between ``. ! ? ...`` (plus any closing quote
  or bracket) and a capital letter when the word before the stop is
    - a word of two or more letters ending in a lower-case letter
      (``added.The``, ``Un.He``, ``etc.Rodong``, and also ``Mr.Kim``, which
      becomes ``Mr. Kim``, the house spelling: the space is right whether or
      not the stop ends a sentence); after such a word an acronym or a
      one-letter word may follow too (``people.DPRK``, ``virtues.O Su Yong``);
    - an all-capitals word, a number or a closing bracket or quote, when a
      capitalised word follows (``DPRK.The``, ``2010.This``, but ``EE.UU``
      stays);
    - an initialism (``U.S.President``, ``a.m.The``, ``N.Korea``,
      ``D.M.Jayaratne``), again only when a capitalised word follows, so
      ``U.S.``, ``D.C.`` and ``U.N.`` themselves never gain a space.
  A capital followed by a period (``Ph.D.``) is never split off, a stop
  before a digit never (``3.5``, ``No.1``), nor anything already followed by
  a space (``Oct. 7``, ``N. Korea``), nor tokens holding ``/``, ``@`` or
  ``www`` (addresses).
* Straight double quotes: the stop is followed by ``"`` and a capital. The
  quote closes the quotation when an odd number of ``"`` precede it in the
  paragraph (the space goes after it: ``no one." South``), otherwise it opens
  one (the space goes before it: ``said. "I``). Curly quotes say which they are.
* Word glue (``Supreme LeaderKim Jong Un``): a lower-case to upper-case step
  inside a word is split only when the left part is a title or role word
  (Leader, Secretary, President, Chairman, ...) or when the right part is a
  common Korean surname followed by a space and a capitalised given name and
  the left part has three or more letters. Everything else is left alone:
  ``McDonald``, ``MacArthur``, ``YouTube``, ``iPhone``, ``WikiLeaks``,
  ``DPRK``, ``KCNA``, ``JoongAng``.

``split_flattened_paragraphs`` undoes the KCNA corpus' flattening, where each
line break became ``", "`` (an empty line therefore gives ``", , "``).
"""

from __future__ import annotations

import html
import re
import unicodedata

from newsarchive.ingest.names import GLUE_SURNAMES

# --- normalize ------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_BR_TAG = re.compile(r"<br\s*/?>", re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|tr|table|section|article|header|footer|figure"
    r"|figcaption)\b[^<>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
_SPACE_RUN = re.compile(r"[ \t]{2,}")

_ODD_SPACES = "\t\xa0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_DROPPED = (
    "\ufeff\u200b\u200c\u200d\u2060\u00ad"
    + "".join(chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n")
    + "".join(chr(c) for c in range(0x7F, 0xA0))
)
_TRANSLATION = {ord(c): " " for c in _ODD_SPACES} | {ord(c): None for c in _DROPPED}


def normalize(text: str) -> str:
    """One normal form for raw text; idempotent except for doubly escaped entities.

    The byte-order mark is removed rather than turned into a space, since it is
    an invisible marker, not a gap between words. Leading and trailing blank
    lines go; blank-line runs inside the text are kept for the parser.
    """
    text = _LINE_BREAKS.sub("\n", text)
    if "<" in text:
        text = _strip_html(text)
    if "&" in text:
        text = html.unescape(text)
    text = text.translate(_TRANSLATION)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    return text.strip("\n")


def collapse_spaces(text: str) -> str:
    """Runs of spaces inside a line become one space."""
    return _SPACE_RUN.sub(" ", text) if "  " in text or "\t" in text else text


def _strip_html(text: str) -> str:
    text = _SCRIPT_STYLE.sub("", text)
    text = _COMMENT.sub("", text)
    text = _BR_TAG.sub("\n", text)
    text = _BLOCK_TAG.sub("\n\n", text)
    return _ANY_TAG.sub("", text)


# --- repair_glue ----------------------------------------------------------------

# Candidate glue points: a stop, optional closers, then a capital with no space between.
_SENTENCE_GLUE = re.compile(
    r"(?P<stop>[.!?\u2026]+)(?P<close>[\"\u201d\u2019)\]]*)(?P<open>[\u201c\u2018]?)(?=[A-Z])"
)
_WORD_BEFORE = re.compile(r"[A-Za-z0-9.%)\]\"\u201d\u2019]*$")
_TOKEN_END = re.compile(r"\S*$")
_TOKEN_START = re.compile(r"\S*")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]")
_CAPS_OR_LETTER_WORD = re.compile(r"[A-Z]+(?![.\w])")

_WORD_GLUE = re.compile(r"\b(?P<left>[A-Z]?[a-z]{2,})(?P<right>[A-Z][a-z]*)\b")
_CASE_STEP = re.compile(r"[a-z][A-Z]")
_GIVEN_NAME_NEXT = re.compile(r" [A-Z]")

_TITLE_WORDS = frozenset(
    """
    leader secretary president chairman chairwoman chairperson premier minister marshal
    general comrade ambassador director commander envoy representative spokesman
    spokeswoman spokesperson vice-chairman officer governor mayor senator king queen
    prince princess emperor chancellor lieutenant colonel captain sergeant admiral
    professor doctor reporter correspondent
    """.split()
)
_URL_HINT = re.compile(r"[/@]|www", re.I)
_LOOK_BACK = 60


def repair_glue(paragraph: str) -> str:
    """Put back the spaces lost between glued sentences and glued words (rules above)."""
    paragraph = _SENTENCE_GLUE.sub(lambda m: _sentence_space(m, paragraph), paragraph)
    if _CASE_STEP.search(paragraph) is None:
        return paragraph
    return _WORD_GLUE.sub(_word_space, paragraph)


def _sentence_space(match: re.Match[str], paragraph: str) -> str:
    start, end = match.start(), match.end()
    if not _glue_is_real(paragraph, start, end):
        return match.group()
    stop, close, opening = match.group("stop"), match.group("close"), match.group("open")
    quote_at = start + len(stop) + len(close) - 1
    if close.endswith('"') and paragraph.count('"', 0, quote_at) % 2 == 0:
        # An even number of quotes before this one: it opens the next quotation.
        return f'{stop}{close[:-1]} "{opening}'
    return f"{stop}{close} {opening}"


def _glue_is_real(paragraph: str, start: int, end: int) -> bool:
    word = _tail(_WORD_BEFORE, paragraph, start)
    if not any(ch.isalnum() for ch in word):
        return False
    token = _tail(_TOKEN_END, paragraph, start) + _TOKEN_START.match(paragraph, end).group()
    if _URL_HINT.search(token):
        return False
    if _CAPITALISED_WORD.match(paragraph, end):
        return True
    # An acronym or a one-letter word follows (DPRK, O, I): only after a real word.
    last = word.rsplit(".", 1)[-1]
    is_word = len(last) >= 2 and last.isalpha() and last[-1].islower()
    return is_word and "." not in word and _CAPS_OR_LETTER_WORD.match(paragraph, end) is not None


def _tail(pattern: re.Pattern[str], text: str, end: int) -> str:
    """The match of an end-anchored pattern just before ``end``, looking back a word's length."""
    return pattern.search(text[max(0, end - _LOOK_BACK) : end]).group()


def _word_space(match: re.Match[str]) -> str:
    left, right = match.group("left"), match.group("right")
    if left.lower() in _TITLE_WORDS:
        return f"{left} {right}"
    if (
        right in GLUE_SURNAMES
        and len(left) >= 3
        and _GIVEN_NAME_NEXT.match(match.string, match.end())
    ):
        return f"{left} {right}"
    return match.group()


# --- split_flattened_paragraphs -------------------------------------------------

_FLAT_SPACE = r"[ \t\u3000]"
_MULTI_MARKER = re.compile(rf"{_FLAT_SPACE}*,(?:{_FLAT_SPACE}*,)+{_FLAT_SPACE}*")
_SINGLE_MARKER = re.compile(
    r"(?P<stop>[.!?:])(?P<close>[\"\u201d\u2019)]*),"
    rf"(?P<space>{_FLAT_SPACE}{{2,}}|{_FLAT_SPACE}(?=[\"\u201c(]?[A-Z0-9]))"
)
_ABBREVIATIONS = frozenset(
    """
    inc ltd co corp jr sr mt st dr mr mrs ms prof gen lt col sgt capt rep sen gov bros vs
    etc no nos vol art jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_PARAGRAPH_SPLIT = re.compile(r"\n{2,}")
_EDGE_JUNK = " \t\n\u3000,"


def split_flattened_paragraphs(text: str) -> str:
    """Turn KCNA's ``", , "`` paragraph markers back into blank lines.

    Two or more commas separated only by spaces mark a break, except inside a
    sentence (a word before, a lower-case word after: ``including , , six
    children``), where the corpus broke a line mid-sentence. A single comma
    right after ``.``, ``!``, ``?`` or ``:`` (and any closing quote) marks a
    break when two spaces follow (the flattened line started with a space);
    after ``.``, ``!`` or ``?`` one space and a capital also do, unless the
    word before the period is an initialism or a known abbreviation (``the
    U.S., Japan``, ``Jiji Press Ltd., Deputy``).
    Returns the paragraphs joined by blank lines, with the trailing comma runs
    the corpus ends most stories with removed.
    """
    text = _MULTI_MARKER.sub(_multi_marker, text)
    text = _SINGLE_MARKER.sub(lambda m: _single_marker(m, text), text)
    paragraphs = (p.strip(_EDGE_JUNK) for p in _PARAGRAPH_SPLIT.split(text))
    return "\n\n".join(collapse_spaces(p) for p in paragraphs if p)


def _multi_marker(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if start and text[start - 1].isalnum() and text[end : end + 1].islower():
        return " "
    return "\n\n"


def _single_marker(match: re.Match[str], text: str) -> str:
    stop, close, space = match.group("stop"), match.group("close"), match.group("space")
    kept = f"{stop}{close}"
    if len(space) >= 2:
        return f"{kept}\n\n"
    if stop == ":":
        return match.group()
    word = _tail(_WORD_BEFORE, text, match.start())
    last = word.rsplit(".", 1)[-1]
    if stop == "." and ("." in word or len(last) <= 1 or last.lower() in _ABBREVIATIONS):
        return match.group()
    return f"{kept}\n\n"
