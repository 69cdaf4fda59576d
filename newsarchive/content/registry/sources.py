"""Source files: who wrote the texts, checked against ``schemas/source.schema.json``.

``content/sources/<id>.yaml`` holds one agency, newspaper or broadcaster::

    name: Rodong Sinmun
    kind: state media
    country: North Korea
    description: Daily newspaper of the Central Committee of the Workers' Party of Korea.
    aliases: [Nodong Sinmun, 로동신문]
    credit:
      name: Rodong Sinmun English sample
      url: https://github.com/scdenney/ba2-final-paper-data
      license: CC BY 4.0
      license_url: https://creativecommons.org/licenses/by/4.0/
      cut_at: 3500
      files: [rodong_sinmun_en_sample.csv]

Rules:

* The JSON Schema is the one statement of the fields, their types and the kinds: the
  loader validates each file against it (so the build, `invoke check`, ingest and an
  editor judge alike) and words each error as the other registries do, by field:
  ``credit.cut_at: expected a whole number of characters, at least 1, got 'many'``,
  ``kind: expected one of state media, …, got 'agency'``, ``colour: unexpected field;
  expected only name, kind, …``. The loader reads every value as text, so a number
  is typed by the schema first (``schema.coerce``).
* The file is named after the slug of ``name`` (``fields.check_id``).
* An article's ``source:`` means the source whose name or alias it is, compared
  without regard to case or spacing (``source_key``); so no name or alias may belong
  to two sources, and the second file naming it is refused, naming the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import jsonschema

from newsarchive.content.printable import printable
from newsarchive.content.registry.fields import check_id
from newsarchive.content.registry.model import Credit, File, Problems, Source
from newsarchive.content.schema import bundled_schema, coerce


def source_schema() -> dict[str, Any]:
    """The schema of a source file (``schemas/source.schema.json``)."""
    return bundled_schema("source")


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = source_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def source_fields() -> tuple[str, ...]:
    """The fields a source file may hold, in the schema's order."""
    return tuple(source_schema()["properties"])


def credit_fields() -> tuple[str, ...]:
    """The fields a source's ``credit`` may hold, in the schema's order."""
    return tuple(source_schema()["properties"]["credit"]["properties"])


def source_kinds() -> tuple[str, ...]:
    """The kinds of source the schema names (``state media``, ``news agency``, …)."""
    return tuple(source_schema()["properties"]["kind"]["enum"])


def source_key(name: str) -> str:
    """How a ``source:`` value is compared with names and aliases: case and spacing aside."""
    return " ".join(name.casefold().split())


def source_from(file: File, data: dict[str, Any], errors: Problems) -> Source | None:
    """The source a file describes, or None with its every problem added to ``errors``."""
    data = coerce(data, source_schema())
    before = len(errors)
    for error in sorted(_validator().iter_errors(data), key=_error_order):
        errors.extend(file.problem(reason) for reason in _describe(error))
    name = data.get("name")
    if isinstance(name, str) and name.strip():
        check_id(file, name.strip(), errors)
    if len(errors) > before:
        return None
    return Source(
        id=file.path.stem,
        name=data["name"].strip(),
        kind=data["kind"],
        country=data["country"].strip(),
        description=data["description"].strip(),
        aliases=tuple(alias.strip() for alias in data.get("aliases") or ()),
        credit=_credit(data.get("credit")),
    )


def _credit(data: dict[str, Any] | None) -> Credit | None:
    if data is None:
        return None
    return Credit(
        name=data["name"].strip(),
        url=data["url"],
        license=data["license"].strip(),
        license_url=data["license_url"],
        cut_at=data.get("cut_at"),
        files=tuple(data.get("files") or ()),
    )


def check_source_names(
    sources: Iterable[Source], files: Mapping[str, File], errors: Problems
) -> None:
    """No name or alias may mean two sources: the later file is refused, naming the earlier."""
    owners: dict[str, str] = {}
    for source in sources:
        for index, name in enumerate(source.names):
            key = source_key(name)
            owner = owners.setdefault(key, source.id)
            if owner != source.id:
                field = "name" if index == 0 else f"aliases[{index - 1}]"
                errors.append(
                    files[source.id].problem(
                        f"{field}: {name!r} already names the source in {files[owner].label}; "
                        "a source: value may mean one source only"
                    )
                )


def source_index(sources: Iterable[Source]) -> dict[str, Source]:
    """Every source by the key (``source_key``) of its name and of each alias."""
    return {source_key(name): source for source in sources for name in source.names}


# --- schema errors, worded as the registries word them ---------------------------------


def _error_order(error: jsonschema.ValidationError) -> list[str]:
    return [str(part) for part in error.absolute_path]


def _field(path: Iterable[Any]) -> str:
    """``credit.files[0]``: keys joined by dots, list positions in brackets."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return printable(out)


def _describe(error: jsonschema.ValidationError) -> list[str]:
    """One error as ``field: reason`` lines (one per field missing or unexpected)."""
    field = _field(error.absolute_path)
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    properties = schema.get("properties", {})
    if error.validator == "required":
        missing = [n for n in error.validator_value if n not in value and repr(n) in error.message]
        return [
            f"{_join(field, name)}: missing; expected "
            f"{properties.get(name, {}).get('x-expected') or 'a value'}"
            for name in missing[:1]
        ]
    if error.validator == "additionalProperties":
        return [
            f"{_join(field, printable(str(extra)))}: unexpected field; "
            f"expected only {', '.join(properties)}"
            for extra in value
            if extra not in properties
        ]
    if error.validator == "enum":
        return [f"{field}: expected one of {', '.join(error.validator_value)}, got {_shown(value)}"]
    if error.validator == "uniqueItems":
        return [f"{field}: lists the same value twice"]
    expected = schema.get("x-expected") or error.message
    return [f"{field}: expected {expected}, got {_shown(value)}"]


def _join(field: str, name: str) -> str:
    return f"{field}.{name}" if field else name


def _shown(value: Any) -> str:
    text = printable(repr(value))
    return text if len(text) <= 80 else text[:77] + "..."
