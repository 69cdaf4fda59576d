"""Entity files: their fields checked, and the names no two entities may share.

Rules beyond the field shapes (``fields``):

* ``type`` is one of ``ENTITY_TYPES``; the file is named after the slug of ``name``.
* An alias is a text, or a mapping that states the language it is written in
  (``{name: 安倍晋三, lang: ja}``; a language tag such as ``ko``, ``ja``, ``zh`` or
  ``zh-Hant``). Without one the page judges it from its script (``scripts.script_lang``).
* Aliases and context words have at least two characters, as the matcher compares them.
* A ``not`` phrase holds one of the entity's names and is more than that name.
* Names shared without context words to tell the entities apart are refused
  (``matching.name_clashes``); events may share names among themselves, since
  their dates tell them apart.
* An event (``type: event``) has a ``start`` date and may have an ``end`` on or
  after it, both ``YYYY-MM-DD``; no other type has dates, so a stray ``start`` on a
  person is caught rather than ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from newsarchive.content.matching import alias_key, name_clashes
from newsarchive.content.registry.fields import (
    check_fields,
    check_id,
    optional_date,
    optional_flag,
    required_text,
    string_list,
)
from newsarchive.content.registry.model import (
    ALIAS_FIELDS,
    ENTITY_FIELDS,
    ENTITY_TYPES,
    EVENT,
    Entity,
    File,
    Problems,
)
from newsarchive.content.scripts import language_tag


def entity_from(file: File, data: dict[str, Any], errors: Problems) -> Entity | None:
    before = len(errors)
    check_fields(file, data, ENTITY_FIELDS, errors)
    name = required_text(file, data, "name", errors)
    kind = required_text(file, data, "type", errors)
    description = required_text(file, data, "description", errors)
    aliases, alias_langs = _aliases(file, data, errors)
    not_names = string_list(file, data, "not", errors, required=False)
    context = string_list(file, data, "context", errors, required=False)
    inside = optional_flag(file, data, "inside_longer_names", errors)
    start, end = _dates(file, data, kind, errors)
    if kind is not None and kind not in ENTITY_TYPES:
        errors.append(
            file.problem(f"type: expected one of {', '.join(ENTITY_TYPES)}, got {kind!r}")
        )
    if name is not None:
        check_id(file, name, errors)
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
        alias_langs=alias_langs,
        start=start,
        end=end,
    )


def _dates(
    file: File, data: dict[str, Any], kind: str | None, errors: Problems
) -> tuple[dt.date | None, dt.date | None]:
    """An event's ``start`` (required) and ``end`` (optional, not before ``start``).

    Only events are dated: the matcher reads the dates to tell events that share a
    name apart, so a date anywhere else would be a mistake that silently did nothing.
    """
    if kind is not None and kind != EVENT:
        for field in ("start", "end"):
            if field in data:
                errors.append(
                    file.problem(f"{field}: only an event has dates; this entity is a {kind}")
                )
        return None, None
    start = optional_date(file, data, "start", errors)
    end = optional_date(file, data, "end", errors)
    if kind == EVENT and "start" not in data:
        errors.append(file.problem("start: missing; an event needs its first day as YYYY-MM-DD"))
    if start is not None and end is not None and end < start:
        errors.append(
            file.problem(f"end: expected a date on or after start ({start}), got {end.isoformat()}")
        )
    return start, end


def _aliases(
    file: File, data: dict[str, Any], errors: Problems
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """``aliases``: texts, or mappings that also state the language (``{name: X, lang: ja}``).

    Returns the aliases in file order, and the (alias, language) pairs the file states.
    """
    value = data.get("aliases")
    if not isinstance(value, list):
        return string_list(file, data, "aliases", errors, required=False), ()
    aliases: list[str] = []
    stated: list[tuple[str, str]] = []
    for index, item in enumerate(value):
        label = f"aliases[{index}]"
        if isinstance(item, dict):
            pair = _stated_alias(file, label, item, errors)
            if pair is not None:
                aliases.append(pair[0])
                stated.append(pair)
        elif isinstance(item, str) and item.strip():
            aliases.append(item.strip())
        else:
            errors.append(
                file.problem(
                    f"{label}: expected a non-empty text, or a mapping with name and lang, "
                    f"got {item!r}"
                )
            )
    return tuple(aliases), tuple(stated)


def _stated_alias(
    file: File, label: str, item: dict[str, Any], errors: Problems
) -> tuple[str, str] | None:
    """One ``{name: 安倍晋三, lang: ja}`` alias, checked: (alias, language tag) or None."""
    before = len(errors)
    for key in item:
        if key not in ALIAS_FIELDS:
            errors.append(
                file.problem(
                    f"{label}: unexpected field {key!r}; expected only {', '.join(ALIAS_FIELDS)}"
                )
            )
    name, lang = item.get("name"), item.get("lang")
    if not isinstance(name, str) or not name.strip():
        errors.append(file.problem(f"{label}: name: expected a non-empty text, got {name!r}"))
    tag = language_tag(lang) if isinstance(lang, str) else None
    if tag is None:
        errors.append(
            file.problem(
                f"{label}: lang: expected a language tag such as ko, ja, zh or zh-Hant, "
                f"got {lang!r}"
            )
        )
    if len(errors) > before or tag is None or not isinstance(name, str):
        return None
    return name.strip(), tag


def _check_not_names(
    file: File, names: tuple[str, ...], phrases: tuple[str, ...], errors: Problems
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


def check_alias_owners(
    entities: Iterable[Entity], files: dict[str, File], errors: Problems
) -> None:
    """Names shared without context words to tell them apart (``matching.name_clashes``)."""
    for clash in name_clashes(entities):
        label = files[clash.entity_id]
        errors.append(label.problem(clash.describe(lambda entity_id: files[entity_id].label)))
