"""The entity registry and tag vocabulary: one small YAML file per entry under content/.

``content/entities/<id>.yaml`` holds a person, organisation or place::

    name: Kim Jong Un
    type: person
    aliases: [Kim Jong-un, 김정은]
    description: Leader of North Korea since 2011.

``content/tags/<id>.yaml`` holds one tag of the controlled vocabulary::

    name: Denuclearization
    description: Talks, pledges and steps towards ...
    match: [denucleari[sz]*, nuclear disarmament]

The id is the file name, and must equal ``slugify(name)`` so that a name and its
URL cannot drift apart. Loading checks every file and reports every problem at
once, each naming the file and field, so a contributor fixes them in one go.

Files are read with the front-matter loader (``frontmatter.load_mapping``): no
anchors or aliases, so a "billion laughs" file is refused before it expands, and
every value stays the text it reads as (``name: No`` is the name "No").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsarchive.frontmatter import FrontMatterError, load_mapping
from newsarchive.matching import alias_key, rule_pattern
from newsarchive.slugs import slugify

ENTITY_TYPES = ("person", "organisation", "place")
_ENTITY_FIELDS = ("name", "type", "aliases", "description")
_TAG_FIELDS = ("name", "description", "match")


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    description: str

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases: everything the matcher looks for."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Tag:
    id: str
    name: str
    description: str
    match: tuple[str, ...]


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
    if not folder.is_dir():
        errors.append(_file(content_dir, folder).problem("expected a directory of .yaml files"))
        return []
    for stray in sorted(folder.glob("*.yml")):
        errors.append(_file(content_dir, stray).problem("expected the extension .yaml, not .yml"))
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        file = _file(content_dir, path)
        data = _parse(file, errors)
        if data is not None:
            entries.append((file, data))
    return entries


def _parse(file: _File, errors: _Problems) -> dict[str, Any] | None:
    """The file's fields, read as strictly as front matter: no aliases, so no YAML bombs."""
    try:
        return load_mapping(file.path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as problem:
        errors.append(file.problem(f"expected UTF-8 text ({problem.reason})"))
    except FrontMatterError as problem:
        errors.append(file.problem(f"line {problem.line}: {problem.describe()}"))
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        reason = getattr(problem, "problem", None) or str(problem)
        errors.append(file.problem(f"not valid YAML{where}: {reason}"))
    return None


# --- checking fields --------------------------------------------------------------------


def _entity_from(file: _File, data: dict[str, Any], errors: _Problems) -> Entity | None:
    before = len(errors)
    _check_fields(file, data, _ENTITY_FIELDS, errors)
    name = _text(file, data, "name", errors)
    kind = _text(file, data, "type", errors)
    description = _text(file, data, "description", errors)
    aliases = _string_list(file, data, "aliases", errors, required=False)
    if kind is not None and kind not in ENTITY_TYPES:
        errors.append(
            file.problem(f"type: expected one of {', '.join(ENTITY_TYPES)}, got {kind!r}")
        )
    if name is not None:
        _check_id(file, name, errors)
    for index, alias in enumerate(aliases):
        if len(alias_key(alias)) < 2:
            errors.append(
                file.problem(f"aliases[{index}]: expected at least two characters, got {alias!r}")
            )
    if len(errors) > before:
        return None
    return Entity(id=file.path.stem, name=name, type=kind, aliases=aliases, description=description)


def _tag_from(file: _File, data: dict[str, Any], errors: _Problems) -> Tag | None:
    before = len(errors)
    _check_fields(file, data, _TAG_FIELDS, errors)
    name = _text(file, data, "name", errors)
    description = _text(file, data, "description", errors)
    rules = _string_list(file, data, "match", errors, required=True)
    if name is not None:
        _check_id(file, name, errors)
    for index, rule in enumerate(rules):
        try:
            rule_pattern(rule)
        except ValueError as problem:
            errors.append(file.problem(f"match[{index}]: {problem}"))
    if len(errors) > before:
        return None
    return Tag(id=file.path.stem, name=name, description=description, match=rules)


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
    """Every name and alias may belong to one entity only, or the matcher could not choose.

    Canonical names are claimed before any alias, so when an alias collides with
    another entity's name, the message points at the alias: that is what to fix.
    """
    entities = list(entities)
    claims = [(entity, "name", entity.name) for entity in entities]
    claims += [(entity, "aliases", alias) for entity in entities for alias in entity.aliases]
    owners: dict[str, tuple[str, str]] = {}
    for entity, field, value in claims:
        owner, owner_value = owners.setdefault(alias_key(value), (entity.id, value))
        if owner != entity.id:
            errors.append(
                files[entity.id].problem(
                    f"{field}: {value!r} is also claimed by "
                    f"{files[owner].label} (as {owner_value!r}); an alias may name one entity only"
                )
            )
