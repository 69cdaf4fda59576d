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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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


class RegistryError(ValueError):
    """One or more registry files are wrong; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        count = len(self.errors)
        heading = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(f"{heading} in the registry:\n" + "\n".join(self.errors))


def load_entities(content_dir: Path | str) -> dict[str, Entity]:
    """All entities under ``content_dir/entities``, by id, sorted by id."""
    errors: list[str] = []
    entities: dict[str, Entity] = {}
    labels: dict[str, str] = {}
    for label, path, data in _read_entries(Path(content_dir), "entities", errors):
        entity = _entity_from(label, path.stem, data, errors)
        if entity is not None:
            entities[entity.id] = entity
            labels[entity.id] = label
    _check_alias_owners(entities.values(), labels, errors)
    if errors:
        raise RegistryError(errors)
    return entities


def load_tags(content_dir: Path | str) -> dict[str, Tag]:
    """The tag vocabulary under ``content_dir/tags``, by id, sorted by id."""
    errors: list[str] = []
    tags: dict[str, Tag] = {}
    for label, path, data in _read_entries(Path(content_dir), "tags", errors):
        tag = _tag_from(label, path.stem, data, errors)
        if tag is not None:
            tags[tag.id] = tag
    if errors:
        raise RegistryError(errors)
    return tags


# --- reading files ----------------------------------------------------------------------


def _label(content_dir: Path, path: Path) -> str:
    """How messages name a file: from the content folder down, ``content/entities/x.yaml``."""
    return path.relative_to(content_dir.parent).as_posix()


def _read_entries(
    content_dir: Path, kind: str, errors: list[str]
) -> list[tuple[str, Path, dict[str, Any]]]:
    """Parsed YAML mappings of one registry folder, in id order; problems go to ``errors``."""
    folder = content_dir / kind
    if not folder.is_dir():
        errors.append(f"{_label(content_dir, folder)}: expected a directory of .yaml files")
        return []
    for stray in sorted(folder.glob("*.yml")):
        errors.append(f"{_label(content_dir, stray)}: expected the extension .yaml, not .yml")
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        label = _label(content_dir, path)
        data = _parse(label, path, errors)
        if data is not None:
            entries.append((label, path, data))
    return entries


def _parse(label: str, path: Path, errors: list[str]) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as problem:
        errors.append(f"{label}: expected UTF-8 text ({problem.reason})")
        return None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        reason = getattr(problem, "problem", None) or str(problem)
        errors.append(f"{label}: not valid YAML{where}: {reason}")
        return None
    if not isinstance(data, dict):
        got = "an empty file" if data is None else type(data).__name__
        errors.append(f"{label}: expected a mapping of fields, got {got}")
        return None
    return data


# --- checking fields --------------------------------------------------------------------


def _entity_from(label: str, stem: str, data: dict[str, Any], errors: list[str]) -> Entity | None:
    before = len(errors)
    _check_fields(label, data, _ENTITY_FIELDS, errors)
    name = _text(label, data, "name", errors)
    kind = _text(label, data, "type", errors)
    description = _text(label, data, "description", errors)
    aliases = _string_list(label, data, "aliases", errors, required=False)
    if kind is not None and kind not in ENTITY_TYPES:
        errors.append(f"{label}: type: expected one of {', '.join(ENTITY_TYPES)}, got {kind!r}")
    if name is not None:
        _check_id(label, stem, name, errors)
    for index, alias in enumerate(aliases):
        if len(alias_key(alias)) < 2:
            errors.append(
                f"{label}: aliases[{index}]: expected at least two characters, got {alias!r}"
            )
    if len(errors) > before:
        return None
    return Entity(id=stem, name=name, type=kind, aliases=aliases, description=description)


def _tag_from(label: str, stem: str, data: dict[str, Any], errors: list[str]) -> Tag | None:
    before = len(errors)
    _check_fields(label, data, _TAG_FIELDS, errors)
    name = _text(label, data, "name", errors)
    description = _text(label, data, "description", errors)
    rules = _string_list(label, data, "match", errors, required=True)
    if name is not None:
        _check_id(label, stem, name, errors)
    for index, rule in enumerate(rules):
        try:
            rule_pattern(rule)
        except ValueError as problem:
            errors.append(f"{label}: match[{index}]: {problem}")
    if len(errors) > before:
        return None
    return Tag(id=stem, name=name, description=description, match=rules)


def _check_fields(
    label: str, data: dict[str, Any], known: tuple[str, ...], errors: list[str]
) -> None:
    for field in data:
        if field not in known:
            errors.append(f"{label}: {field}: unexpected field; expected only {', '.join(known)}")


def _text(label: str, data: dict[str, Any], field: str, errors: list[str]) -> str | None:
    """A required one-line, non-empty string field."""
    if field not in data:
        errors.append(f"{label}: {field}: missing; expected a one-line text")
        return None
    value = data[field]
    if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
        errors.append(f"{label}: {field}: expected a one-line text, got {value!r}")
        return None
    return value.strip()


def _string_list(
    label: str, data: dict[str, Any], field: str, errors: list[str], *, required: bool
) -> tuple[str, ...]:
    """A list of non-empty strings; missing is an empty list unless ``required``."""
    value = data.get(field)
    if value is None:
        if required:
            errors.append(f"{label}: {field}: missing; expected a list of texts")
        return ()
    if not isinstance(value, list) or (required and not value):
        expected = "a non-empty list of texts" if required else "a list of texts"
        errors.append(f"{label}: {field}: expected {expected}, got {value!r}")
        return ()
    items = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            items.append(item.strip())
        else:
            errors.append(f"{label}: {field}[{index}]: expected a non-empty text, got {item!r}")
    return tuple(items)


def _check_id(label: str, stem: str, name: str, errors: list[str]) -> None:
    expected = slugify(name)
    if not expected:
        errors.append(f"{label}: name: expected a name with Latin letters or digits, got {name!r}")
    elif stem != expected:
        errors.append(
            f"{label}: name: {name!r} gives the id {expected!r}, "
            f"so the file must be named {expected}.yaml"
        )


def _check_alias_owners(
    entities: Iterable[Entity], labels: dict[str, str], errors: list[str]
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
                f"{labels[entity.id]}: {field}: {value!r} is also claimed by "
                f"{labels[owner]} (as {owner_value!r}); an alias may name one entity only"
            )
