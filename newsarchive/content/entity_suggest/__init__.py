"""Suggest registry entries for names the archive mentions often but the registry lacks.

The registry was written for one period and place; an archive of other years
names people, bodies and places it has never heard of. This package reads article
bodies, finds names by their shape, and proposes entity files for the frequent
ones a human then checks and describes (``invoke entities suggest``).

Rules:

* A name is a run of capitalised words, which may hold the connectors of names
  (``of``, ``of the``, ``for``, ``and``, ``on``) and particles (``de``, ``van``,
  ``von der``, ``bin``, ``al-``). Sentence openers (``The``, ``When``), months,
  days and acronyms (``DPRK``) are never part of a person's name.
* A person is a name of two to four words after a title (``Premier Kim Tok Hun``,
  ``Russian President Vladimir Putin``, ``Mr. X``, ``Comrade X``), or after a title
  and its complement (``Secretary of State Antony Blinken``, ``Chief of the General
  Staff of the KPA Ri Yong Gil``: words such as ``State`` are trimmed from the
  front); or a Korean name anywhere: a Korean surname and two romanised syllables
  (``Ri Il Hwan``) or a hyphenated given name (``Kim Yo-jong``). The title never
  belongs to the name. A name followed by an institution word is that
  institution's name (``Kim Il Sung University``), not a person.
* An organisation or place is a run ending in an institution or place word
  (``... Committee``, ``... Province``), or one such word with its ``of``
  complement (``Ministry of Foreign Affairs``, ``Sea of Okhotsk``); ``Mount X``,
  ``Lake X``; a Korean place with its suffix (``Gyeonggi-do``); or one to three
  plain capitalised words after ``in`` or ``near`` (``in Kursk``), counted as a
  place only when that is a real share of how the name occurs.
* An acronym in brackets right after an organisation or place becomes an alias
  when its letters are the name's initials: ``Korean Central News Agency (KCNA)``.
* A surname alone after a title (``President Putin``) counts towards, and is an
  alias of, the one suggested person whose name ends with it, unless it is a
  Korean surname (``Mr. Kim`` names nobody in particular).
* Spellings that share a slug (``Kim Yo Jong``, ``Kim Yo-jong``) are one
  suggestion, named by the most frequent; the others are its aliases. A plain
  name (``Vladimir Putin said``) counts towards a suggestion once a pattern has
  given it a type, which is the one most of its patterns say.
* Nothing the registry already covers is suggested: a spelling the matcher
  finds whole, an alias key or id the registry holds, a word-prefix or
  word-suffix of a registry name (``Tok Hun``), a registry place followed by
  ``City``, ``Province`` and the like (``Pyongyang City``), or registry names
  joined by connectors (``State Affairs Commission of the DPRK``).
* Suggestions are sorted by the number of articles naming them, then mentions;
  each comes with one example sentence, and a description placeholder
  (``TODO: ...``) that ``is_placeholder`` recognises and a human must replace.

Modules, in the order a text flows through them:

* ``words``: the vocabularies and what one word can be (title, head, Korean name...);
* ``readings``: what a segment of words names (``Mention``);
* ``mentions``: a text's runs of capitalised words, cut into segments (``find_mentions``);
* ``tally``: names counted over an archive, on every CPU (``tally_files``, ``tally_texts``);
* ``ranking``: the frequent names the registry lacks (``suggest``, ``Suggestion``);
* ``drafts``: suggestions as entity files to paste (``render``, ``is_placeholder``).

Speed: one regular expression scans each article for runs; each distinct run is
read once (cached, for the whole archive); shares of the files are counted on
every CPU and merged in order, so the result does not depend on the split.

May import: the rest of ``newsarchive.content`` (registry, matching, names) and the
standard library; it reads articles, never writes them.
"""

from newsarchive.content.entity_suggest.drafts import (
    PLACEHOLDER_PREFIX,
    is_placeholder,
    placeholder,
    render,
)
from newsarchive.content.entity_suggest.mentions import find_mentions
from newsarchive.content.entity_suggest.ranking import Suggestion, suggest
from newsarchive.content.entity_suggest.readings import Mention
from newsarchive.content.entity_suggest.tally import (
    ArchiveTally,
    article_paths,
    read_body,
    tally_files,
    tally_texts,
)

__all__ = [
    "PLACEHOLDER_PREFIX",
    "ArchiveTally",
    "Mention",
    "Suggestion",
    "article_paths",
    "find_mentions",
    "is_placeholder",
    "placeholder",
    "read_body",
    "render",
    "suggest",
    "tally_files",
    "tally_texts",
]
