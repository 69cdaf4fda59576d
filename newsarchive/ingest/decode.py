"""Bytes to text, or a short reason why the bytes are not a news text.

Order of attempts, first success wins:

1. a byte-order mark: UTF-8, UTF-16 or UTF-32, decoded strictly;
2. without a BOM, NUL bytes or ASCII control bytes making up more than 2% of
   the bytes mean binary data (UTF-16 without a BOM is refused rather than
   guessed: its guesses are where random bytes become "text"); a stray NUL or
   bell in a text is a control character, which ingest removes
   (``clean.remove_controls``);
3. strict UTF-8;
4. strict CP949 when the result reads as Korean (mostly Hangul syllables).
   CP949 is a superset of EUC-KR, so it also decodes EUC-KR files; the only
   exception are EUC-KR's 8-byte "make-up" syllables (a Hangul filler and
   three jamo), which Python's ``euc_kr`` codec composes and ``cp949`` does not;
5. strict Windows-1252 when at most one byte in ten (or a single byte) is
   non-ASCII: English or French text with a few accented letters, where
   guessers go astray;
6. charset-normalizer's best guess, except UTF-16/32 and EBCDIC guesses. A
   Korean guess (EUC-KR, Johab, CP949) becomes CP949 with at most one
   replacement character per 200 (a damaged CP949 file), else genuine Johab
   when that reads as Korean, else a refusal: better no text than mojibake.
   CP949 goes before the guesser because charset-normalizer takes short Korean
   texts for Big5.

A decoded text with more than 2% control characters is binary too.

CSV and JSONL corpora are read as streams, line by line, so their encoding is
chosen once per file (``newsarchive.ingest.inputs``): ``legacy_encoding`` names
the encoding steps 4 to 6 would decode a sample of the file's non-UTF-8 lines
with, or refuses them with the same reasons.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import CharsetMatch, from_bytes

from newsarchive.ingest.errors import IngestError

DEFAULT_MAX_BYTES = 2_000_000

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Guesses never taken without a BOM: UTF-16/32 (random bytes pass as CJK) and EBCDIC
# code pages (they turn plain ASCII letters into symbols).
_REFUSED_GUESSES = (
    "utf_16",
    "utf_32",
    "cp037",
    "cp273",
    "cp424",
    "cp500",
    "cp875",
    "cp1026",
    "cp1140",
)
_KOREAN_GUESSES = frozenset({"cp949", "euc_kr", "johab", "iso2022_kr", "uhc"})
_HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_BYTES = re.compile(rb"[\x80-\xff]")
# Windows-1252 is tried only when at most one byte in this many is non-ASCII.
_MIN_ASCII_SHARE_FACTOR = 10
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
_HANGUL_FILLER = "\u3164"

# Share of Hangul syllables among non-ASCII characters for CP949 to count as Korean:
# Korean news also holds Hanja, middle dots and curly quotes, random bytes rarely pass.
_MIN_HANGUL_SHARE = 0.6
_MIN_HANGUL_SYLLABLES = 2
# At most one replacement character per this many characters in a lenient CP949 decode.
_LENIENT_CHARS_PER_ERROR = 200
_MAX_CONTROL_SHARE = 0.02


def decode_bytes(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode raw news bytes to ``str``; raise :class:`IngestError` for anything unusable."""
    try:
        raw = bytes(data)
    except (TypeError, ValueError) as exc:
        raise IngestError(f"not bytes: {type(data).__name__}") from exc
    if not raw:
        raise IngestError("empty file")
    if len(raw) > max_bytes:
        raise IngestError(too_large(len(raw), max_bytes))

    text = _decode_with_bom(raw)
    if text is None:
        if raw.count(b"\x00") > len(raw) * _MAX_CONTROL_SHARE:
            raise IngestError("binary data (NUL bytes)")
        if len(_CONTROL_BYTES.findall(raw)) > len(raw) * _MAX_CONTROL_SHARE:
            raise IngestError("binary data (control characters)")  # in any encoding tried next
        text = _decode_without_bom(raw)

    if text.count("\x00") > len(text) * _MAX_CONTROL_SHARE:
        raise IngestError("binary data (NUL bytes)")
    controls = len(_CONTROL.findall(text))
    if controls and controls > len(text) * _MAX_CONTROL_SHARE:
        raise IngestError("binary data (control characters)")
    if not text.strip().strip(_INVISIBLE).strip():
        raise IngestError("only white space")
    return text


def too_large(size: int, limit: int) -> str:
    """The reason for refusing ``size`` bytes over ``limit``, in units a reader can compare."""
    shown, shown_limit = f"{size / 1e6:.1f}", f"{limit / 1e6:.1f}"
    if shown == shown_limit:
        return f"too large: {size:,} bytes, limit {limit:,} bytes"
    return f"too large: {shown} MB, limit {shown_limit} MB"


def _decode_with_bom(raw: bytes) -> str | None:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(f"undecodable: invalid {encoding.upper()} after its BOM") from exc
    return None


def _decode_without_bom(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    korean = _decode_korean(raw)
    if korean is not None:
        return korean
    western = _decode_western(raw)
    if western is not None:
        return western
    return _decode_by_guess(raw)


def _decode_korean(raw: bytes) -> str | None:
    try:
        text = raw.decode("cp949")
    except UnicodeDecodeError:
        return None
    if _HANGUL_FILLER in text:
        try:
            composed = raw.decode("euc_kr")
        except UnicodeDecodeError:
            composed = text
        if _HANGUL_FILLER not in composed:
            text = composed
    return text if _reads_as_korean(text) else None


def _decode_western(raw: bytes) -> str | None:
    """Mostly-ASCII text with a few accented letters: Windows-1252, the usual legacy."""
    non_ascii = len(_NON_ASCII_BYTES.findall(raw))
    if non_ascii > 1 and non_ascii * _MIN_ASCII_SHARE_FACTOR > len(raw):
        return None
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _reads_as_korean(text: str) -> bool:
    hangul = len(_HANGUL_SYLLABLE.findall(text))
    if hangul < _MIN_HANGUL_SYLLABLES:
        return False
    return hangul >= _MIN_HANGUL_SHARE * len(_NON_ASCII.findall(text))


def legacy_encoding(raw: bytes) -> str:
    """The encoding of bytes that are not UTF-8, by steps 4 to 6; IngestError when none fits.

    A Korean guess is CP949 (or Johab): a corpus is decoded line by line, strictly,
    so a damaged line is refused on its own rather than repaired.
    """
    if _decode_korean(raw) is not None:
        return "cp949"
    if _decode_western(raw) is not None:
        return "cp1252"
    best = _best_guess(raw)
    if best.encoding in _KOREAN_GUESSES or best.language == "Korean":
        return _korean_encoding(raw, best.encoding)
    return str(best.encoding)


def _best_guess(raw: bytes) -> CharsetMatch:
    try:
        guesses = [m for m in from_bytes(raw) if not m.encoding.startswith(_REFUSED_GUESSES)]
    except Exception as exc:  # a third-party guesser must not turn into a traceback
        raise IngestError(f"undecodable: {type(exc).__name__} while guessing the encoding") from exc
    if not guesses:
        raise IngestError("undecodable: no text encoding fits these bytes")
    return guesses[0]


def _decode_by_guess(raw: bytes) -> str:
    best = _best_guess(raw)
    if best.encoding in _KOREAN_GUESSES or best.language == "Korean":
        return _decode_korean_leniently(raw, best.encoding)
    try:
        return str(best)
    except Exception as exc:
        raise IngestError(f"undecodable: {best.encoding} guess failed") from exc


def _decode_korean_leniently(raw: bytes, guess: str) -> str:
    """CP949 with a few damaged bytes replaced, else a genuine Johab text, else a refusal."""
    if _korean_encoding(raw, guess) == "cp949":
        return raw.decode("cp949", errors="replace")
    return raw.decode("johab")


def _korean_encoding(raw: bytes, guess: str) -> str:
    """CP949 when it reads as Korean with few damaged bytes, else genuine Johab, else a refusal."""
    lenient = raw.decode("cp949", errors="replace")
    errors = lenient.count("\ufffd")
    if _reads_as_korean(lenient) and errors * _LENIENT_CHARS_PER_ERROR <= len(lenient):
        return "cp949"
    if guess == "johab":
        try:
            text = raw.decode("johab")
        except UnicodeDecodeError:
            text = ""
        if _reads_as_korean(text):
            return "johab"
    raise IngestError("undecodable: Korean text that is not valid CP949 or EUC-KR")
