"""The search tokenizer and term pipeline, identical here and in the browser.

The index is built with lunr.py and queried with lunr.js 2.3.9, whose own
tokenizers and trimmers disagree (lunr.js drops non-ASCII letters, lunr.py keeps
``u.s.`` untrimmed, positions count code points in one and UTF-16 units in the
other). So neither library's tokenizer, trimmer or stop-word list is used: this
module and ``theme/static/js/search/pipeline.js`` implement the same rules,
``tests/search/vectors.json`` pins them, and the parity tests run both sides.
No positions are stored.

Tokenize (``tokenize``):

1. Normalise: NFKD; drop every combining mark (Unicode category M), so
   accents fold (``Sénégal`` -> ``senegal``, ``İ`` -> ``i``); lower-case
   (Python ``str.lower`` and JS ``toLowerCase`` agree here); then fold
   ``ß`` -> ``ss``, final ``ς`` -> ``σ``, ``æ`` -> ``ae``, ``œ`` -> ``oe``,
   ``ø`` -> ``o``, ``ł`` -> ``l``, ``đ`` -> ``d``, dotless ``ı`` -> ``i``, and
   the curly apostrophes ``‘ ’ ‛ ʼ`` -> ``'``; finally NFC, which recomposes
   Hangul syllables (``김명길`` stays ``김명길``).
2. Split into chunks: a chunk is a run of letters and digits of any script
   (``\\p{L}``, ``\\p{N}``) whose runs may be joined by single ``.``, ``,`` or
   ``'`` characters, plus an optional final ``.`` (or ``.'s``). Every other
   character separates: spaces, hyphens (``Kim Jong-un`` -> ``kim jong un``),
   ``%``, currency signs, emoji, underscores. A Hangul run is a chunk of its
   own, so Hangul never shares a token with Latin letters or digits
   (``DPRK의`` -> ``dprk 의``, ``2018년`` -> ``2018 년``). Letters in
   U+E000-U+FFFF that survive NFKD (a dozen CJK compatibility ideographs, one
   Arabic form) separate too: lunr.py sorts terms by code point and lunr.js
   refuses an index whose terms are not in UTF-16 order, and the two orders
   differ only for that range against astral characters.
3. Each chunk gives its tokens: a final ``.`` and a possessive ``'s`` are
   dropped (``Seoul's`` -> ``seoul``); single letters joined by dots are an
   acronym (``U.S.`` -> ``us``, ``D.P.R.K.`` -> ``dprk``); digits joined by
   dots and commas are one number, commas removed (``3.5``, ``1,000`` ->
   ``1000``); otherwise inner apostrophes are removed (``O'Brien`` ->
   ``obrien``) and dots and commas split (``3.5m`` -> ``3 5m``).

So ``U.S.``, ``u.s.``, ``US`` and the pronoun ``us`` are all the term ``us``
(``U.S.A.`` is ``usa``). Search has no case, so the country cannot be told
from the pronoun; ``us`` is kept out of the stop words for that reason.

Terms (``terms``) run the tokens through three lunr pipeline functions,
registered under the same names in lunr.py and lunr.js (``PIPELINE_NAMES``):

* ``newsarchive-spelling``: British and American spellings meet (``fold_spelling``).
* ``newsarchive-stopword``: drops the words of ``STOP_WORDS``.
* ``newsarchive-stem``: the Porter stemmer of the lunr libraries (``stem``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import porter_stemmer
from lunr.token import Token

from newsarchive.content.textfold import CharReplacer

__all__ = [
    "PIPELINE_NAMES",
    "STOP_WORDS",
    "configure",
    "fold_spelling",
    "register",
    "stem",
    "terms",
    "tokenize",
]

# --- tokenize ---------------------------------------------------------------

_FOLD = CharReplacer(
    {
        "ß": "ss",
        "ς": "σ",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
    }
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff"
# A letter or digit that is not Hangul and not in U+E000-U+FFFF. In Python's
# ``re``, ``[^\W_]`` is exactly \p{L} plus \p{N} (checked over every code point
# by the tests); the JavaScript side spells the same set with a lookahead.
_WORD = rf"[^\W_{_HANGUL}\ue000-\uffff]"
_CHUNK = re.compile(rf"[{_HANGUL}]+|{_WORD}+(?:[.,']{_WORD}+)*(?:\.'s(?![^\W_])|\.)?")
_CONNECTOR = re.compile(r"[.,']")
_DOT_OR_COMMA = re.compile(r"[.,]")


def _drop_marks(match: re.Match[str]) -> str:
    return _without_marks(match.group())


@lru_cache(maxsize=1 << 12)
def _without_marks(run: str) -> str:
    """A run of non-ASCII characters without its combining marks: runs repeat (quotes, dashes)."""
    return "".join(ch for ch in run if not unicodedata.category(ch).startswith("M"))


def _normalize(text: str) -> str:
    """NFKD, no combining marks, lower case, the fold table, NFC."""
    if text.isascii():
        return text.lower()  # every other step leaves ASCII as it is
    text = _NON_ASCII.sub(_drop_marks, unicodedata.normalize("NFKD", text))
    return unicodedata.normalize("NFC", _FOLD(text.lower()))


def _is_single_letter(part: str) -> bool:
    return len(part) == 1 and part.isalpha()


def _is_number(part: str) -> bool:
    # Parts hold only letters and digits, so "no letter" means "all \p{N}".
    return not any(ch.isalpha() for ch in part)


def chunk_tokens(chunk: str) -> list[str]:
    """The tokens of one chunk of ``chunks(text)``: most chunks are one plain word."""
    if chunk.isalnum():
        return [chunk]
    chunk = chunk.removesuffix(".").removesuffix("'s").removesuffix(".")
    parts = _CONNECTOR.split(chunk)
    if len(parts) == 1:
        return [chunk]
    if "'" not in chunk:
        if "," not in chunk and all(map(_is_single_letter, parts)):
            return ["".join(parts)]  # U.S. -> us
        if all(map(_is_number, parts)):
            return [chunk.replace(",", "")]  # 1,000.5 -> 1000.5
    return [piece.replace("'", "") for piece in _DOT_OR_COMMA.split(chunk)]


def chunks(text: str) -> list[str]:
    """Normalised word-like runs of ``text``; each gives one or more tokens (``chunk_tokens``).

    Exposed so the index builder can memoise per chunk: chunks repeat far more
    than texts do.
    """
    return _CHUNK.findall(_normalize(text))


def tokenize(text: str) -> list[str]:
    """The search tokens of ``text``, in order (rules in the module docstring)."""
    tokens: list[str] = []
    for chunk in chunks(text):
        tokens.extend(chunk_tokens(chunk))
    return tokens


# --- spelling -----------------------------------------------------------------

_SPELLING_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "judgement": "judgment",
    "judgements": "judgments",
    "ageing": "aging",
    "enrol": "enroll",
    "enrols": "enrolls",
    "enrolment": "enrollment",
    "enrolments": "enrollments",
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "skilful": "skillful",
    "wilful": "willful",
}
# -our words: the British stem anywhere in a token (favourite, unfavourable).
_OUR_WORDS = (
    "ardour armour behaviour candour clamour colour demeanour endeavour favour fervour "
    "flavour harbour honour humour labour neighbour odour parlour rancour rigour rumour "
    "saviour savour splendour tumour valour vapour vigour"
).split()
# -ence nouns: the British spelling anywhere in a token (defenceless, offences).
_ENCE_WORDS = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
}
# -re words: a token ending in one of their forms (epicentre, kilometres, centred).
_RE_WORDS = {
    "centre": "center",
    "theatre": "theater",
    "metre": "meter",
    "litre": "liter",
    "fibre": "fiber",
    "calibre": "caliber",
    "manoeuvre": "maneuver",
}
# Doubled l: a token ending in one of these bases + "l" + an ending (unrivalled).
_LL_BASES = (
    "cancel channel counsel dial duel equal fuel grovel label level libel marshal marvel "
    "model panel pedal pencil quarrel rival shovel signal total travel tunnel"
).split()
_LL_ENDINGS = ("ed", "ing", "er", "ers", "or", "ors", "ous")
# -ise/-yse endings, longest first, and the -ize/-yze ending each becomes.
_ISE_ENDINGS = tuple(
    (british, british.replace("s", "z", 1))
    for letters in ("is", "ys")
    for british in (
        f"{letters}ations",
        f"{letters}ation",
        f"{letters}ers",
        f"{letters}ing",
        f"{letters}ed",
        f"{letters}es",
        f"{letters}er",
        f"{letters}e",
    )
)
# The -ise is not -ize when what precedes it is shorter than 4 letters (rise,
# wise, adviser), ends in a vowel (raise, noise, cruise), or ends in one of these
# (promise, exercise, otherwise, revise, surprise, expertise, ...).
_ISE_KEPT = tuple(
    "w v pr prom prem surm exerc prec conc circumc advert expert chast desp franch "
    "merchand mort parad treat chem sunr".split()
)


def _spelling_rules() -> list[tuple[str, str]]:
    """(British ending, American ending) pairs for the -re and doubled-l rules."""
    pairs = []
    for british, american in _RE_WORDS.items():
        pairs += [
            (british, american),
            (british + "s", american + "s"),
            (british + "d", american + "ed"),
            (british[:-1] + "ing", american + "ing"),
        ]
    for base in _LL_BASES:
        pairs += [(base + "l" + ending, base + ending) for ending in _LL_ENDINGS]
    return pairs


_ENDING_RULES = _spelling_rules()
# Every ending either list folds, for one test of a token before its rules are tried in
# order: most tokens have none of them (a fold of each new token was a fifth of making an
# article's search document).
_ENDINGS = tuple(british for british, _ in _ENDING_RULES)
_ISE_ENDS = tuple(british for british, _ in _ISE_ENDINGS)


@lru_cache(maxsize=1 << 16)
def fold_spelling(token: str) -> str:
    """The American spelling of a British-spelt word (only a-z tokens change).

    In order: a whole-word table (programme, practise, judgement, enrol, ...);
    the -our stems (colour -> color, favourite -> favorite); defence, offence,
    licence, pretence; the -re words and their forms (centres -> centers,
    centred -> centered, kilometre -> kilometer); doubled l (travelled,
    modelling, counsellor, marvellous); and -ise/-yse endings (-isation,
    -ise, -ised, -ises, -ising, -iser, -isers and the -yse ones) become -ize/-yze
    except after the stems listed in ``_ISE_KEPT``, a vowel, or fewer than four
    letters. The rules only have to be the same on both sides; a wrongly
    folded word still matches itself.
    """
    if not (token.isascii() and token.isalpha() and token.islower()):
        return token
    if token in _SPELLING_WORDS:
        return _SPELLING_WORDS[token]
    for british in _OUR_WORDS:
        if british in token:
            token = token.replace(british, british[:-2] + "r")
    for british, american in _ENCE_WORDS.items():
        token = token.replace(british, american)
    for british, american in _ENDING_RULES if token.endswith(_ENDINGS) else ():
        if token.endswith(british):
            token = token[: -len(british)] + american
            break
    for british, american in _ISE_ENDINGS if token.endswith(_ISE_ENDS) else ():
        if token.endswith(british):
            root = token[: -len(british)]
            if len(root) >= 4 and root[-1] not in "aeiou" and not root.endswith(_ISE_KEPT):
                token = root + american
            break
    return token


# --- stop words -------------------------------------------------------------

# English function words. Not here, on purpose: us (the country: U.S. and US
# are the term us), no, an, so, do, o, u (Korean surnames: No, An, So, Do, O
# Jin U, U Tong Chuk), may (the month), will, can, am (a.m.).
STOP_WORDS = frozenset(
    "a about after also and are as at be been but by for from had has have he her hers him "
    "his i if in into is it its me my nor not of on or our she than that the their them then "
    "there these they this those to was we were what when where which while who whom why "
    "with would you your".split()
)

# --- stem ---------------------------------------------------------------------

# lunr.py's stemmer follows Porter's C version, lunr.js's the revised algorithm;
# step 1c differs (lunr.py: day -> dai, try -> try; lunr.js: day -> day, try ->
# tri), so a final y of the stem is written i on both sides. lunr.js also needs
# a non-empty stem before a suffix (eed, ies, sses) and reads y in "yy" another
# way: such words are not stemmed.
_UNSTEMMED = frozenset({"eed", "eeds", "ies", "sses"})


@lru_cache(maxsize=1 << 18)
def stem(token: str) -> str:
    """The Porter stem of an a-z token of three letters or more; others unchanged.

    Memoised: lunr.py's pure-Python stemmer would otherwise dominate index time.
    """
    if (
        len(token) < 3
        or not (token.isascii() and token.isalpha() and token.islower())
        or "yy" in token
        or token in _UNSTEMMED
    ):
        return token
    stemmed = porter_stemmer.stem(token)
    return stemmed[:-1] + "i" if stemmed.endswith("y") else stemmed


def terms(text: str) -> list[str]:
    """Exactly the terms the index stores for ``text`` and a query looks up."""
    result = []
    for token in tokenize(text):
        token = fold_spelling(token)
        if token not in STOP_WORDS:
            result.append(stem(token))
    return result


# --- lunr.py pipeline -----------------------------------------------------------


def spelling_filter(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """Pipeline function ``newsarchive-spelling``."""
    return token.update(lambda string, _metadata: fold_spelling(string))


def stop_word_filter(
    token: Token, i: int | None = None, tokens: list[Token] | None = None
) -> Token | None:
    """Pipeline function ``newsarchive-stopword``."""
    return None if str(token) in STOP_WORDS else token


def stem_filter(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """Pipeline function ``newsarchive-stem``."""
    return token.update(lambda string, _metadata: stem(string))


_FUNCTIONS: tuple[tuple[str, Callable[..., Token | None]], ...] = (
    ("newsarchive-spelling", spelling_filter),
    ("newsarchive-stopword", stop_word_filter),
    ("newsarchive-stem", stem_filter),
)
PIPELINE_NAMES: tuple[str, ...] = tuple(name for name, _fn in _FUNCTIONS)


def register(pipeline_class: type[Pipeline] = Pipeline) -> None:
    """Register the pipeline functions with lunr.py; calling it again is harmless."""
    for name, fn in _FUNCTIONS:
        if pipeline_class.registered_functions.get(name) is not fn:
            pipeline_class.register_function(fn, name)


def configure(builder: Builder) -> None:
    """Make a lunr.py ``Builder`` index and search with our pipeline, and only it.

    Give the builder ``tokenize(text)`` lists as field values: lunr.py then
    takes each element as one token (lower-casing it, which leaves our tokens
    as they are) instead of running its own tokenizer.
    """
    register(type(builder.pipeline))
    for pipeline in (builder.pipeline, builder.search_pipeline):
        pipeline.reset()
        pipeline.add(*(fn for _name, fn in _FUNCTIONS))
