"""The entity registry and tag vocabulary: one small YAML file per entry under content/.

``content/entities/<id>.yaml`` holds a person, organisation or place::

    name: Kim Jong Un
    type: person
    aliases: [Kim Jong-un, 김정은]
    description: Leader of North Korea since 2011.

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
syntax, the scoring and the limits that keep a rule safe to run on any text
(``compile_rule``: checked here, so ``invoke check`` refuses what ingest could not
run) are in ``newsarchive.content.tagging``.

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
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsarchive.content.frontmatter import (
    MAX_YAML_BYTES,
    FrontMatterError,
    check_size,
    load_mapping,
)
from newsarchive.content.matching import alias_key, name_clashes
from newsarchive.content.schema import text_problems
from newsarchive.content.slugs import slugify
from newsarchive.content.tagging import DEFAULT_MIN_SCORE, compile_rule

ENTITY_TYPES = ("person", "organisation", "place")
_ENTITY_FIELDS = ("name", "type", "aliases", "description", "not", "context", "inside_longer_names")
_TAG_FIELDS = ("name", "description", "match", "not", "min_score")
_RULE_FIELDS = ("rule", "weight")
WEIGHT_RANGE = (0.1, 10.0)
MIN_SCORE_RANGE = (0.1, 100.0)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


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

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases: everything the matcher looks for."""
        return (self.name, *self.aliases)


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
class _File:
    """A registry file and how messages name it: from the content folder down."""

    path: Path
    label: str

    def problem(self, reason: str) -> RegistryProblem:
        return RegistryProblem(self.path, self.label, reason)


_Problems = list[RegistryProblem]


def load_entities(content_dir: Path | str) -> dict[str, Entity]:
    """All entities under ``content_dir/entities``, by id, sorted by id."""
    errors: _Problems = []
    entities: dict[str, Entity] = {}
    files: dict[str, _File] = {}
    for file, data in _read_entries(Path(content_dir), "entities", errors):
        entity = _entity_from(file, data, errors)
        if entity is not None:
            entities[entity.id] = entity
            files[entity.id] = file
    _check_alias_owners(entities.values(), files, errors)
    if errors:
        raise RegistryError(errors)
    return entities


def load_tags(content_dir: Path | str) -> dict[str, Tag]:
    """The tag vocabulary under ``content_dir/tags``, by id, sorted by id."""
    errors: _Problems = []
    tags: dict[str, Tag] = {}
    for file, data in _read_entries(Path(content_dir), "tags", errors):
        tag = _tag_from(file, data, errors)
        if tag is not None:
            tags[tag.id] = tag
    if errors:
        raise RegistryError(errors)
    return tags


# --- reading files ----------------------------------------------------------------------


def _file(content_dir: Path, path: Path) -> _File:
    """Messages name a file from the content folder down: ``content/entities/x.yaml``."""
    return _File(path, path.relative_to(content_dir.parent).as_posix())


def _read_entries(
    content_dir: Path, kind: str, errors: _Problems
) -> list[tuple[_File, dict[str, Any]]]:
    """Parsed YAML mappings of one registry folder, in id order; problems go to ``errors``."""
    folder = content_dir / kind
    if folder.is_symlink():
        errors.append(_file(content_dir, folder).problem(_FOLDER_LINK))
        return []
    if not folder.is_dir():
        errors.append(_file(content_dir, folder).problem("expected a directory of .yaml files"))
        return []
    for stray in sorted(folder.glob("*.yml")):
        errors.append(_file(content_dir, stray).problem("expected the extension .yaml, not .yml"))
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        file = _file(content_dir, path)
        refusal = _not_a_file(path)
        if refusal is not None:
            errors.append(file.problem(refusal))
            continue
        data = _parse(file, errors)
        if data is not None:
            entries.append((file, data))
    return entries


_LINK = (
    "is a symbolic link; expected a regular file in the content folder "
    "(a link could make the build read and publish any file on the machine)"
)
_FOLDER_LINK = (
    "is a symbolic link; expected a folder of .yaml files in the content folder "
    "(a link could make the build read and publish any file on the machine)"
)


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be a registry entry (it is not a regular file), or None.

    Asked of the entry itself, not what it links to: a link is refused, so a
    registry can never read outside the content folder.
    """
    try:
        mode = path.lstat().st_mode
    except OSError as problem:
        return f"could not be read ({problem.strerror})"
    if stat.S_ISLNK(mode):
        return _LINK
    if stat.S_ISDIR(mode):
        return "is a folder; expected a YAML file (rename the folder or move it out)"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device, pipe or socket); expected a YAML file"
    return None


def _parse(file: _File, errors: _Problems) -> dict[str, Any] | None:
    """The file's fields, read as strictly as front matter: no aliases, so no YAML bombs.

    At most ``MAX_YAML_BYTES`` are read, so an enormous file costs nothing.
    """
    try:
        data = _checked(load_mapping(_read_capped(file.path)))
    except OSError as problem:
        errors.append(file.problem(f"could not be read ({problem.strerror})"))
    except UnicodeDecodeError as problem:
        errors.append(file.problem(f"expected UTF-8 text ({problem.reason})"))
    except FrontMatterError as problem:
        errors.append(file.problem(f"line {problem.line}: {problem.describe()}"))
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        reason = getattr(problem, "problem", None) or str(problem)
        errors.append(file.problem(f"not valid YAML{where}: {reason}"))
    except _BadText as problem:
        errors.extend(file.problem(str(p)) for p in problem.problems)
    else:
        return data
    return None


def _read_capped(path: Path) -> str:
    """The file's text; FrontMatterError past ``MAX_YAML_BYTES``, read no further."""
    with path.open("rb") as handle:
        data = handle.read(MAX_YAML_BYTES + 1)
    check_size(len(data))
    return data.decode("utf-8")


class _BadText(ValueError):
    def __init__(self, problems: list[Any]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` when no text in it holds a control character or surrogate; else _BadText.

    Line breaks are left to the field rules (a folded description ends with one).
    """
    problems = text_problems(data, multiline=frozenset(data))
    if problems:
        raise _BadText(problems)
    return data


# --- checking fields --------------------------------------------------------------------


def _entity_from(file: _File, data: dict[str, Any], errors: _Problems) -> Entity | None:
    before = len(errors)
    _check_fields(file, data, _ENTITY_FIELDS, errors)
    name = _text(file, data, "name", errors)
    kind = _text(file, data, "type", errors)
    description = _text(file, data, "description", errors)
    aliases = _string_list(file, data, "aliases", errors, required=False)
    not_names = _string_list(file, data, "not", errors, required=False)
    context = _string_list(file, data, "context", errors, required=False)
    inside = _flag(file, data, "inside_longer_names", errors)
    if kind is not None and kind not in ENTITY_TYPES:
        errors.append(
            file.problem(f"type: expected one of {', '.join(ENTITY_TYPES)}, got {kind!r}")
        )
    if name is not None:
        _check_id(file, name, errors)
    for field, values in (("aliases", aliases), ("context", context)):
        for index, value in enumerate(values):
            if len(alias_key(value)) < 2:
                errors.append(
                    file.problem(
                        f"{field}[{index}]: expected at least two characters, got {value!r}"
                    )
                )
    if name is not None:
        _check_not_names(file, (name, *aliases), not_names, errors)
    if len(errors) > before:
        return None
    return Entity(
        id=file.path.stem,
        name=name,
        type=kind,
        aliases=aliases,
        description=description,
        not_names=not_names,
        context=context,
        inside_longer_names=inside,
    )


def _check_not_names(
    file: _File, names: tuple[str, ...], phrases: tuple[str, ...], errors: _Problems
) -> None:
    """A ``not`` phrase must hold one of the entity's names, and be more than that name.

    A phrase without a name would never meet a mention; a phrase that is a name
    would cancel every mention of it.
    """
    keys = {alias_key(name) for name in names}
    for index, phrase in enumerate(phrases):
        key = alias_key(phrase)
        if key in keys:
            errors.append(
                file.problem(
                    f"not[{index}]: expected a longer phrase than a name of the entity, "
                    f"got {phrase!r}, which is one of its names"
                )
            )
        elif not any(f" {name} " in f" {key} " for name in keys):
            errors.append(
                file.problem(
                    f"not[{index}]: expected a phrase that contains {names[0]!r} or one of "
                    f"its aliases, got {phrase!r}"
                )
            )


def _tag_from(file: _File, data: dict[str, Any], errors: _Problems) -> Tag | None:
    before = len(errors)
    _check_fields(file, data, _TAG_FIELDS, errors)
    name = _text(file, data, "name", errors)
    description = _text(file, data, "description", errors)
    rules = _tag_rules(file, data, errors)
    not_rules = _string_list(file, data, "not", errors, required=False)
    min_score = _number(file, data, "min_score", MIN_SCORE_RANGE, errors)
    if name is not None:
        _check_id(file, name, errors)
    _check_not_rules(file, rules, not_rules, errors)
    if len(errors) > before:
        return None
    return Tag(
        id=file.path.stem,
        name=name,
        description=description,
        match=rules,
        not_rules=not_rules,
        min_score=DEFAULT_MIN_SCORE if min_score is None else min_score,
    )


def _tag_rules(file: _File, data: dict[str, Any], errors: _Problems) -> tuple[TagRule, ...]:
    """``match``: rules as text (weight 1) or as mappings with ``rule`` and ``weight``."""
    value = data.get("match")
    if value is None:
        errors.append(file.problem("match: missing; expected a non-empty list of rules"))
        return ()
    if not isinstance(value, list) or not value:
        errors.append(file.problem(f"match: expected a non-empty list of rules, got {value!r}"))
        return ()
    rules = []
    for index, item in enumerate(value):
        rule = _tag_rule(file, f"match[{index}]", item, errors)
        if rule is not None:
            rules.append(rule)
    return tuple(rules)


def _tag_rule(file: _File, label: str, item: Any, errors: _Problems) -> TagRule | None:
    """One ``match`` item, checked; None (and a problem) when it is wrong."""
    before = len(errors)
    text, weight = item, 1.0
    if isinstance(item, dict):
        for key in item:
            if key not in _RULE_FIELDS:
                errors.append(
                    file.problem(f"{label}: unexpected field {key!r}; expected only rule, weight")
                )
        text = item.get("rule")
        weight = _number(file, item, "weight", WEIGHT_RANGE, errors, label)
    if not isinstance(text, str) or not text.strip():
        errors.append(
            file.problem(
                f"{label}: expected a rule, or a mapping with rule and weight, got {item!r}"
            )
        )
    elif _valid_rule(file, label, text, errors) and len(errors) == before:
        return TagRule(text.strip(), 1.0 if weight is None else weight)
    return None


def _valid_rule(file: _File, label: str, rule: str, errors: _Problems) -> bool:
    """A rule ingest can run: in the syntax, and safe to run on any text (``compile_rule``)."""
    try:
        compile_rule(rule)
    except ValueError as problem:
        errors.append(file.problem(f"{label}: {problem}"))
        return False
    return True


def _check_not_rules(
    file: _File, rules: tuple[TagRule, ...], not_rules: tuple[str, ...], errors: _Problems
) -> None:
    """``not`` rules follow the rule syntax, and none may cancel a match rule outright.

    An unquoted ``- juche #`` reads as ``juche`` in YAML (the ``#`` starts a
    comment): as a ``not`` rule it would silently remove every hit of ``juche``.
    """
    plain = {rule.rule.lower() for rule in rules}
    for index, rule in enumerate(not_rules):
        label = f"not[{index}]"
        if not _valid_rule(file, label, rule, errors):
            continue
        if rule.lower() in plain:
            errors.append(
                file.problem(
                    f"{label}: {rule!r} is also a match rule, so it would cancel every hit of "
                    "it; a rule with '#' must be quoted (\"juche #\"), since YAML reads an "
                    "unquoted ' #' as the start of a comment"
                )
            )


def _check_fields(
    file: _File, data: dict[str, Any], known: tuple[str, ...], errors: _Problems
) -> None:
    for field in data:
        if field not in known:
            errors.append(
                file.problem(f"{field}: unexpected field; expected only {', '.join(known)}")
            )


def _text(file: _File, data: dict[str, Any], field: str, errors: _Problems) -> str | None:
    """A required one-line, non-empty string field."""
    if field not in data:
        errors.append(file.problem(f"{field}: missing; expected a one-line text"))
        return None
    value = data[field]
    if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
        errors.append(file.problem(f"{field}: expected a one-line text, got {value!r}"))
        return None
    return value.strip()


def _string_list(
    file: _File, data: dict[str, Any], field: str, errors: _Problems, *, required: bool
) -> tuple[str, ...]:
    """A list of non-empty strings; missing is an empty list unless ``required``."""
    value = data.get(field)
    if value is None:
        if required:
            errors.append(file.problem(f"{field}: missing; expected a list of texts"))
        return ()
    if not isinstance(value, list) or (required and not value):
        expected = "a non-empty list of texts" if required else "a list of texts"
        errors.append(file.problem(f"{field}: expected {expected}, got {value!r}"))
        return ()
    items = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            items.append(item.strip())
        else:
            errors.append(
                file.problem(f"{field}[{index}]: expected a non-empty text, got {item!r}")
            )
    return tuple(items)


def _flag(file: _File, data: dict[str, Any], field: str, errors: _Problems) -> bool:
    """An optional true/false field (false when missing)."""
    value = data.get(field)
    if value is True or value in _TRUE:
        return True
    if value is None or value is False or value in _FALSE:
        return False
    errors.append(file.problem(f"{field}: expected true or false, got {value!r}"))
    return False


def _number(
    file: _File,
    data: dict[str, Any],
    field: str,
    bounds: tuple[float, float],
    errors: _Problems,
    label: str = "",
) -> float | None:
    """An optional number within ``bounds``; None when missing or wrong (with a problem)."""
    value = data.get(field)
    if value is None:
        return None
    number = _as_number(value)
    low, high = bounds
    if number is None or not low <= number <= high:
        where = f"{label}: {field}" if label else field
        errors.append(
            file.problem(f"{where}: expected a number from {low:g} to {high:g}, got {value!r}")
        )
        return None
    return number


def _as_number(value: Any) -> float | None:
    """A number as the loader reads it (text such as "2.5"), or as a program passes it."""
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def _check_id(file: _File, name: str, errors: _Problems) -> None:
    expected = slugify(name)
    if not expected:
        errors.append(
            file.problem(f"name: expected a name with Latin letters or digits, got {name!r}")
        )
    elif file.path.stem != expected:
        errors.append(
            file.problem(
                f"name: {name!r} gives the id {expected!r}, "
                f"so the file must be named {expected}.yaml"
            )
        )


def _check_alias_owners(
    entities: Iterable[Entity], files: dict[str, _File], errors: _Problems
) -> None:
    """Names shared without context words to tell them apart (``matching.name_clashes``)."""
    for clash in name_clashes(entities):
        label = files[clash.entity_id]
        errors.append(label.problem(clash.describe(lambda entity_id: files[entity_id].label)))
