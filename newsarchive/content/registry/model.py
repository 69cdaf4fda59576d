"""What the registry holds: entities, tags and sources, and the problems a file can have."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsarchive.content.scripts import script_lang

ENTITY_TYPES = ("person", "organisation", "place", "event")
#: The one type whose entries carry dates (``start``, optional ``end``).
EVENT = "event"
ENTITY_FIELDS = (
    "name",
    "type",
    "aliases",
    "description",
    "not",
    "context",
    "inside_longer_names",
    "start",
    "end",
)
SYNONYM_FIELDS = ("description", "groups")
ALIAS_FIELDS = ("name", "lang")
TAG_FIELDS = ("name", "description", "match", "not", "min_score")
RULE_FIELDS = ("rule", "weight")
WEIGHT_RANGE = (0.1, 10.0)
MIN_SCORE_RANGE = (0.1, 100.0)
#: A tag's min_score when its file gives none: one passing word in the body is not enough.
DEFAULT_MIN_SCORE = 2.0


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    description: str
    not_names: tuple[str, ...] = ()  # the file's ``not``
    context: tuple[str, ...] = ()
    inside_longer_names: bool = False
    alias_langs: tuple[tuple[str, str], ...] = ()  # (alias, lang) the file states
    start: dt.date | None = None  # an event's first day; None for every other type
    end: dt.date | None = None  # an event's last day, when it lasted more than one

    @property
    def is_event(self) -> bool:
        return self.type == EVENT

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases: everything the matcher looks for."""
        return (self.name, *self.aliases)

    def alias_lang(self, alias: str, default: str = "en") -> str:
        """The language ``alias`` is written in: as the file states it, else by its script.

        For the ``lang`` attribute of the alias on the entity's page (``scripts.script_lang``:
        Hangul is ``ko``, kana ``ja``, Han characters alone ``zh`` unless the file says
        otherwise, Latin the site's ``default``).
        """
        stated = dict(self.alias_langs).get(alias)
        return stated if stated is not None else script_lang(alias, default)


@dataclass(frozen=True)
class TagRule:
    """One ``match`` rule of a tag and what a hit of it weighs."""

    rule: str
    weight: float = 1.0


@dataclass(frozen=True)
class Tag:
    id: str
    name: str
    description: str
    match: tuple[TagRule | str, ...]  # the loader gives TagRule; a plain string weighs 1
    not_rules: tuple[str, ...] = ()  # the file's ``not``
    min_score: float = DEFAULT_MIN_SCORE


@dataclass(frozen=True)
class SynonymList:
    """One file of ``content/synonyms/``: groups of words the search treats as one.

    Each group lists spellings or names of one thing (``[DPRK, North Korea]``); an
    article holding any of them is found by every other.
    """

    id: str
    description: str
    groups: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Credit:
    """The dataset the archive's copies of a source came from, as the site credits it.

    ``cut_at``: the dataset cut bodies at this many characters upstream, so a record
    whose text is that long lost its end. ``files``: the corpus files (``origin.file``)
    that are this dataset; empty means every file of the source.
    """

    name: str
    url: str
    license: str
    license_url: str
    cut_at: int | None = None
    files: tuple[str, ...] = ()

    def covers(self, origin_file: str | None) -> bool:
        """Whether a record of ``origin_file`` comes from this dataset."""
        return not self.files or origin_file in self.files


@dataclass(frozen=True)
class Source:
    """One agency, newspaper or broadcaster: what readers are told about who wrote a text.

    ``aliases`` are the other ``source:`` strings of articles that mean it; ``kind``
    gives the label shown beside the source (``label``: "State media").
    """

    id: str
    name: str
    kind: str
    country: str
    description: str
    aliases: tuple[str, ...] = ()
    credit: Credit | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases: every ``source:`` value that means this source."""
        return (self.name, *self.aliases)

    @property
    def label(self) -> str:
        """The kind as a label: "state media" -> "State media"."""
        return self.kind[:1].upper() + self.kind[1:]


@dataclass(frozen=True)
class RegistryProblem:
    """One problem with one registry file (or folder), kept apart so a build can point at it."""

    path: Path
    label: str
    reason: str

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


class RegistryError(ValueError):
    """One or more registry files are wrong; ``problems`` lists every one, ``errors`` as text."""

    def __init__(self, problems: list[RegistryProblem]) -> None:
        self.problems = list(problems)
        self.errors = [str(problem) for problem in self.problems]
        count = len(self.errors)
        heading = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(f"{heading} in the registry:\n" + "\n".join(self.errors))


@dataclass(frozen=True)
class File:
    """A registry file and how messages name it: from the content folder down."""

    path: Path
    label: str

    def problem(self, reason: str) -> RegistryProblem:
        return RegistryProblem(self.path, self.label, reason)


Problems = list[RegistryProblem]
