"""Text cleaning: one normal form for every source, and repairs for glued text.

``normalize`` gives every input the same shape before anything is parsed:
LF line ends, plain spaces, no zero-width or control characters, no HTML
remnants, NFC. Curly quotes and apostrophes are kept as written.

``remove_controls`` is the first thing every input text and field goes through,
and counts what it removes for the run's summary: C0 controls other than tab and
the line breaks (LF, CR, VT, FF, and the FS, GS, RS and NEL separators, which
``normalize`` turns into line breaks), DEL, the other C1 controls, and unpaired
surrogates. A surrogate cannot be written as UTF-8 and a control character breaks
feeds and data files, so neither may reach an article; a lone surrogate comes from
JSON (``"\ud800"`` is valid JSON and reads as one).

``repair_glue`` and ``GlueRepair`` put back spaces that scraping and
copy-and-paste lost (glued sentences, words and registry names); their rules
live in ``newsarchive.ingest.glue`` and are re-exported here.

``split_flattened_paragraphs`` undoes the KCNA corpus' flattening, where each
line break became ``", "`` (an empty line therefore gives ``", , "``).
"""

from __future__ import annotations

import html
import re
import unicodedata

from newsarchive.ingest.glue import GlueRepair, repair_glue, word_before

__all__ = [
    "GlueRepair",
    "collapse_spaces",
    "normalize",
    "remove_controls",
    "repair_glue",
    "split_flattened_paragraphs",
]

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
    + "".join(chr(c) for c in range(0xD800, 0xE000))  # surrogates: never valid alone
)
_TRANSLATION = {ord(c): " " for c in _ODD_SPACES} | {ord(c): None for c in _DROPPED}
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
# A terminal escape (ANSI CSI: ESC [, parameters, a final letter) such as ESC[31m. A bare
# C1 CSI (U+009B) is left to the control rule: in text it is mojibake, not an escape.
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


def remove_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters and unpaired surrogates, and how many went.

    A terminal escape such as ``ESC[31m`` (copied from a console) goes whole, and
    counts as its one control character. Line breaks of every kind and tabs stay
    for ``normalize``, which knows what they mean (a form feed between stories is
    a break, not noise).
    """
    if _CONTROLS.search(text) is None:  # the usual case, in one pass
        return text, 0
    text, escapes = _TERMINAL_ESCAPE.subn("", text)
    text, controls = _CONTROLS.subn("", text)
    return text, escapes + controls


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
    word = word_before(text, match.start())
    last = word.rsplit(".", 1)[-1]
    if stop == "." and ("." in word or len(last) <= 1 or last.lower() in _ABBREVIATIONS):
        return match.group()
    return f"{kept}\n\n"
