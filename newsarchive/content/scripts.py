"""Which language a name is written in, judged from its script: the ``lang`` of an alias.

A page says which language each foreign name on it is in, so that a screen reader
pronounces it in that language and the browser picks the right glyphs (the same Han
character is drawn differently in Chinese, Japanese and Korean fonts). A registry alias
carries no language unless its file states one, so the script decides. Rules, in order:

* Hangul anywhere: Korean (``ko``). Korean may mix Hanja into Hangul (``金正恩 김정은``);
  no other language writes Hangul.
* Kana anywhere (hiragana, katakana, the prolonged-sound mark ``ー``): Japanese (``ja``);
  Japanese mixes kanji with kana, and no other language writes kana.
* Han characters without Hangul or kana: ambiguous. ``金正恩`` is how Chinese papers
  write Kim Jong Un, ``安倍晋三`` a Japanese name in kanji, and Korean names may be written
  in Hanja. Chinese (``zh``) is the default, since Han-only names in the news are most
  often Chinese writing; an entity file states any other per alias
  (``aliases: [{name: 安倍晋三, lang: ja}]``), and what it states wins.
* Another script with one main language in the news (Cyrillic ``ru``, Arabic ``ar``,
  Greek ``el``, Hebrew ``he``, Thai ``th``...): that language, again unless stated.
* Letters of any other non-Latin script: ``und`` (undetermined), which claims nothing.
* Latin letters, digits or no letters at all: the site's own language (``default``).

The scripts are Unicode's Script property (the ``regex`` module's ``\\p{Script=...}``),
so every block of a script counts: compatibility ideographs, extensions, half-width kana.
"""

from __future__ import annotations

import re

import regex

HAN_DEFAULT = "zh"
_HANGUL = regex.compile(r"\p{Script=Hangul}")
_KANA = regex.compile(r"[\p{Script=Hiragana}\p{Script=Katakana}\u30fc\uff70]")
_HAN = regex.compile(r"[\p{Script=Han}\p{Script=Bopomofo}]")
# Scripts written mostly in one language in international news, and that language.
_SCRIPT_LANGUAGES = {
    "Cyrillic": "ru",
    "Arabic": "ar",
    "Greek": "el",
    "Hebrew": "he",
    "Thai": "th",
    "Devanagari": "hi",
    "Bengali": "bn",
    "Tamil": "ta",
    "Georgian": "ka",
    "Armenian": "hy",
    "Khmer": "km",
    "Lao": "lo",
    "Myanmar": "my",
    "Mongolian": "mn",
    "Ethiopic": "am",
    "Sinhala": "si",
}
_OTHER_SCRIPT = {script: regex.compile(rf"\p{{Script={script}}}") for script in _SCRIPT_LANGUAGES}
# A letter of a script that is neither Latin nor shared (Common, Inherited).
_NON_LATIN_LETTER = regex.compile(r"(?=\p{L})[^\p{Script=Latin}\p{Script=Common}]")
# A BCP 47 tag of the kinds an entity file states: language, optional script and region
# (``ko``, ``zh-Hant``, ``zh-TW``, ``ja-Latn``).
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?")


def script_lang(text: str, default: str = "en") -> str:
    """The language ``text`` is written in, judged from its script (rules above)."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return HAN_DEFAULT
    if not _NON_LATIN_LETTER.search(text):
        return default
    for script, language in _SCRIPT_LANGUAGES.items():
        if _OTHER_SCRIPT[script].search(text):
            return language
    return "und"


def language_tag(value: str) -> str | None:
    """``value`` as a language tag in its usual case (``ZH-hant`` -> ``zh-Hant``), or None.

    Only the tags an entity file needs are taken: a language of two or three letters,
    then optionally a script of four letters and a region (two letters or three digits).
    """
    parts = value.strip().split("-")
    if not parts or not parts[0]:
        return None
    normal = [parts[0].lower()]
    for part in parts[1:]:
        normal.append(part.title() if len(part) == 4 else part.upper())
    tag = "-".join(normal)
    return tag if _LANGUAGE_TAG.fullmatch(tag) else None
