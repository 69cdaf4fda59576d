"""The entity registry and tag vocabulary: one small YAML file per entry under content/.

``content/entities/<id>.yaml`` holds a person, organisation or place::

    name: Kim Jong Un
    type: person
    aliases: [Kim Jong-un, 김정은, {name: 金正恩, lang: zh}]
    description: Leader of North Korea since 2011.

An alias may state the language it is written in, as a mapping with ``name`` and
``lang``; otherwise the entity page judges it from its script (``Entity.alias_lang``).

and, when the text needs telling apart (rules in ``newsarchive.content.matching``):

* ``not``: longer phrases that contain one of the entity's names but are not it
  (``not: [Stockholm Syndrome]``); each must contain a name of the entity.
* ``context``: words that, found in an article, say this entity is meant where
  it shares a name with namesakes (a foreign minister and a general called alike:
  ``context: [foreign minister, foreign ministry]``). Entities may share a name
  only when all of them but at most one, the default, carry context words, and
  no context word is shared among them.
* ``inside_longer_names: true``: its names still link inside a longer proper
  name (``Kim Il Sung University Hospital`` for the university), which otherwise
  is not the entity.

``content/tags/<id>.yaml`` holds one tag of the controlled vocabulary::

    name: Denuclearization
    description: Talks, pledges and steps towards ...
    min_score: 2
    match:
    - denucleari[sz]*
    - {rule: nuclear disarmament, weight: 3}
    not: ["nuclear free zone #"]

``match`` rules are plain rules (weight 1) or mappings with ``rule`` and ``weight``
(a number from 0.1 to 10); ``not`` rules are phrases whose words are no evidence
for the tag; ``min_score`` (default 2) is the evidence an article needs. The rule
syntax and the limits that keep a rule safe to run on any text (``compile_rule``:
checked here, so ``invoke check`` refuses what ingest could not run) are in
``newsarchive.content.tagrules``, the scoring in ``newsarchive.content.tagging``.

The id is the file name, and must equal ``slugify(name)`` so that a name and its
URL cannot drift apart. Loading checks every file and reports every problem at
once, each naming the file and field, so a contributor fixes them in one go.

Files are read with the front-matter loader (``frontmatter.load_mapping``): no
anchors or aliases, so a "billion laughs" file is refused before it expands, and
every value stays the text it reads as (``name: No`` is the name "No"). Its
limits hold here too: at most 64 KB, nesting at most 20 levels deep, no key
twice; and, as in front matter, no text may hold a control character (line
breaks aside, which the field rules judge) or a surrogate. Only regular files
are read: an entry that is a folder, a symbolic link (which could make the
build publish any file on the machine) or a device is refused by name, and so
is a registry folder that is a symbolic link.

``content/sources/<id>.yaml`` holds one agency, newspaper or broadcaster: ``name``,
``kind`` (``state media``, ``news agency``, ``newspaper``, ``broadcaster``, …: the label
the article page shows beside the source), ``country``, ``description``, optional
``aliases`` (the articles' ``source:`` values that mean it) and an optional ``credit``:
the dataset the copies came from (``name``, ``url``, ``license``, ``license_url``,
optional ``cut_at``, the length at which the dataset cut bodies upstream, and ``files``).
Unlike entities and tags, a source file is checked against its JSON Schema
(``schemas/source.schema.json``) by the loader itself (``sources``). The folder is
optional: an archive without one has no sources, and its pages no labels.

``content/synonyms/<id>.yaml`` holds groups of words the search treats as one
(``description`` and ``groups``; rules in ``synonyms``). The folder is optional.

Modules: ``model`` (``Entity``, ``Tag``, ``Source``, problems), ``files`` (reading a
folder), ``fields`` (field shapes), ``entities``, ``tags`` and ``sources`` (the rules of
each kind of file).

May import: the rest of ``newsarchive.content`` (front matter, schema, matching,
tag rules) and third-party libraries; never another layer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from newsarchive.content.registry.entities import check_alias_owners, entity_from
from newsarchive.content.registry.files import read_entries
from newsarchive.content.registry.model import (
    ALIAS_FIELDS,
    ENTITY_FIELDS,
    ENTITY_TYPES,
    MIN_SCORE_RANGE,
    TAG_FIELDS,
    WEIGHT_RANGE,
    Credit,
    Entity,
    File,
    Problems,
    RegistryError,
    RegistryProblem,
    Source,
    SynonymList,
    Tag,
    TagRule,
)
from newsarchive.content.registry.sources import (
    check_source_names,
    source_from,
    source_index,
    source_key,
)
from newsarchive.content.registry.synonyms import check_synonym_overlaps, synonyms_from
from newsarchive.content.registry.tags import tag_from

T = TypeVar("T", Entity, Tag, Source, SynonymList)

SOURCES = "sources"
SYNONYMS = "synonyms"

__all__ = [
    "ALIAS_FIELDS",
    "ENTITY_FIELDS",
    "ENTITY_TYPES",
    "MIN_SCORE_RANGE",
    "TAG_FIELDS",
    "WEIGHT_RANGE",
    "Credit",
    "Entity",
    "RegistryError",
    "RegistryProblem",
    "Source",
    "SynonymList",
    "Tag",
    "TagRule",
    "load_entities",
    "load_sources",
    "load_synonyms",
    "load_tags",
    "source_index",
    "source_key",
]


def load_entities(content_dir: Path | str) -> dict[str, Entity]:
    """All entities under ``content_dir/entities``, by id, sorted by id."""
    return _load(Path(content_dir), "entities", entity_from, check_alias_owners)


def load_tags(content_dir: Path | str) -> dict[str, Tag]:
    """The tag vocabulary under ``content_dir/tags``, by id, sorted by id."""
    return _load(Path(content_dir), "tags", tag_from)


def load_sources(content_dir: Path | str) -> dict[str, Source]:
    """All sources under ``content_dir/sources``, by id, sorted by id; none without the folder."""
    folder = Path(content_dir) / SOURCES
    if not folder.is_dir() and not folder.is_symlink():
        return {}
    return _load(Path(content_dir), SOURCES, source_from, check_source_names)


def load_synonyms(content_dir: Path | str) -> dict[str, SynonymList]:
    """The synonym lists under ``content_dir/synonyms``, by id; none without the folder."""
    folder = Path(content_dir) / SYNONYMS
    if not folder.is_dir() and not folder.is_symlink():
        return {}
    return _load(Path(content_dir), SYNONYMS, synonyms_from, check_synonym_overlaps)


def _load(
    content: Path,
    kind: str,
    entry_from: Callable[[File, dict[str, Any], Problems], T | None],
    across: Callable[[Iterable[T], dict[str, File], Problems], None] | None = None,
) -> dict[str, T]:
    """One registry: every file read and checked (``entry_from``), then the rules across
    files (``across``); all problems at once, so one run names every file to fix."""
    errors: Problems = []
    entries: dict[str, T] = {}
    files: dict[str, File] = {}
    for file, data in read_entries(content, kind, errors):
        entry = entry_from(file, data, errors)
        if entry is not None:
            entries[entry.id] = entry
            files[entry.id] = file
    if across is not None:
        across(entries.values(), files, errors)
    if errors:
        raise RegistryError(errors)
    return entries
