"""The article front-matter schema: one JSON Schema for the build, `invoke check` and editors.

Besides the JSON Schema (``schemas/article.schema.json``), one rule runs here in
Python, since JSON Schema's regular expressions cannot state it portably: no
text of the front matter, nested ones included (origin records, captions, list
items), may hold a control character (U+0000-U+001F, U+007F-U+009F: a feed or a
data file cannot carry them, a terminal or CI log acts on them) or a surrogate
(U+D800-U+DFFF: half of a UTF-16 pair, which UTF-8 cannot encode, so the page
could not be written). Only ``summary`` and ``captions``, which may run to
several lines, may hold a line break; no field may hold a tab. Each problem
names the field (``origin.records.0.file``; ``captions: item 2``) and the
character's position.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema

from newsarchive.content.printable import printable

UNKNOWN_DATE = "unknown"
# No news archive holds an article older than this: an earlier date is a misread
# (an epoch or compact number taken for a date, a year typed as 0001).
EARLIEST_DATE = dt.date(1800, 1, 1)
_INT = re.compile(r"^[+-]?\d+$")
# Fields that may run to several lines, and so hold a line break.
MULTILINE_FIELDS = frozenset({"summary", "captions"})
_NOT_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NOT_MULTILINE_TEXT = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "bell",
    0x08: "backspace",
    0x09: "tab",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x0D: "carriage return",
    0x1B: "escape",
    0x7F: "delete",
    0x85: "next line",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field, phrased for the contributor who wrote it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


@cache
def bundled_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped with the package (``schemas/<name>.schema.json``): the one file
    the build, ``invoke check`` and editors all read."""
    text = (
        resources.files("newsarchive.content")
        .joinpath(f"schemas/{name}.schema.json")
        .read_text("utf-8")
    )
    return json.loads(text)


def article_schema() -> dict[str, Any]:
    return bundled_schema("article")


@cache
def _validator() -> jsonschema.protocols.Validator:
    # The file names shared shapes once ($defs); jsonschema follows each $ref on every
    # article, a third of the validation time, so the validator gets them written out.
    schema = _inlined(article_schema(), article_schema())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _inlined(node: Any, root: dict[str, Any]) -> Any:
    """A schema with every local ``$ref`` replaced by what it refers to."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inlined(_resolve(node, root), root)
        return {k: _inlined(v, root) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inlined(item, root) for item in node]
    return node


def coerce(meta: dict[str, Any], schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """Type integer fields that the string-only front-matter loader left as text."""
    root = article_schema() if schema is None else schema
    return _coerce(meta, root, root)


def _coerce(value: Any, node: dict[str, Any], root: dict[str, Any]) -> Any:
    node = _branch(_resolve(node, root), value, root)
    if isinstance(value, dict) and node.get("type") == "object":
        props = node.get("properties", {})
        return {k: _coerce(v, props.get(k, {}), root) for k, v in value.items()}
    if isinstance(value, list) and node.get("type") == "array":
        return [_coerce(item, node.get("items", {}), root) for item in value]
    if node.get("type") == "integer" and isinstance(value, str) and _INT.match(value):
        return int(value)
    return value


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its local ``$ref`` (``#/$defs/name``) followed."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return node
    return {
        **root["$defs"][ref.removeprefix("#/$defs/")],
        **{k: v for k, v in node.items() if k != "$ref"},
    }


def _branch(node: dict[str, Any], value: Any, root: dict[str, Any]) -> dict[str, Any]:
    """Of an ``anyOf``, the branch shaped like the value (an object whose fields it has, a list)."""
    options = [_resolve(option, root) for option in node.get("anyOf", ())]
    if isinstance(value, dict):
        objects = [o for o in options if o.get("type") == "object"]
        if objects:
            return max(objects, key=lambda o: len(set(value) & set(o.get("properties", {}))))
    if isinstance(value, list):
        return next((o for o in options if o.get("type") == "array"), node)
    return node


def _expected(error: jsonschema.ValidationError) -> str:
    sub = error.schema if isinstance(error.schema, dict) else {}
    parent = error.parent.schema if error.parent is not None else {}
    return sub.get("x-expected") or parent.get("x-expected") or ""


def _describe(error: jsonschema.ValidationError) -> Problem:
    item = _item_problem(error)
    if item is not None:
        return item
    field = printable(".".join(str(p) for p in error.absolute_path))
    value = error.instance
    expected = _expected(error)
    if error.validator == "required":
        name = error.message.split("'")[1]
        full = f"{field}.{name}" if field else name
        wanted = error.schema.get("properties", {}).get(name, {}).get("x-expected")
        return Problem(full, "missing: this field is required" + (f" ({wanted})" if wanted else ""))
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        name = printable(str(extras[0])) if extras else "?"
        full = f"{field}.{name}" if field else name
        hint = _did_you_mean(name, allowed)
        return Problem(full, f"unknown field{hint}; expected one of {', '.join(allowed)}")
    if error.validator == "enum":
        options = ", ".join(map(str, error.validator_value))
        return Problem(field, f"expected one of {options}, got {value!r}")
    if error.validator == "type":
        want = expected or f"a {error.validator_value}"
        return Problem(field, f"expected {want}, got {_show(value)}")
    if error.validator == "uniqueItems":
        return Problem(field, f"lists {_first_duplicate(value)!r} twice")
    if error.validator == "minimum":
        return Problem(
            field, f"expected a number of at least {error.validator_value}, got {value!r}"
        )
    if error.validator == "minLength" and value == "":
        return Problem(field, f"is empty; expected {expected or 'some text'}")
    if error.validator == "pattern" and isinstance(value, str) and not value.strip():
        return Problem(field, f"is blank (only spaces); expected {expected or 'some text'}")
    if expected:
        return Problem(field, f"expected {expected}, got {_show(value)}")
    return Problem(field, error.message)


def _item_problem(error: jsonschema.ValidationError) -> Problem | None:
    """A bad item of a top-level list, phrased with what the list expects (its x-expected)."""
    path = list(error.absolute_path)
    if len(path) != 2 or not isinstance(path[1], int):
        return None
    expected = article_schema()["properties"].get(path[0], {}).get("x-expected")
    if not expected:
        return None
    return Problem(
        path[0], f"expected {expected}, got {_show(error.instance)} as item {path[1] + 1}"
    )


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _first_duplicate(items: list[Any]) -> Any:
    seen: set[str] = set()
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            return item
        seen.add(key)
    return None


def _did_you_mean(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def did_you_mean(name: str, choices: list[str]) -> str:
    """A ' (did you mean X?)' hint, or '' when nothing is close."""
    return _did_you_mean(name, choices)


@cache
def _fast_check() -> Callable[[dict[str, Any]], Any]:
    """The schema compiled to Python by fastjsonschema: ~20x quicker on a valid article.

    It only says valid or not; the problems of an invalid article are described
    by jsonschema (``validate``), whose errors say which field and why.
    """
    schema = _inlined(article_schema(), article_schema())
    schema.pop("$schema", None)  # the keywords used mean the same in draft 7
    return fastjsonschema.compile(schema)


def validate(meta: dict[str, Any]) -> list[Problem]:
    """All schema problems of one article's metadata, in field order."""
    try:
        _fast_check()(meta)
    except fastjsonschema.JsonSchemaException:
        return _problems(meta) or [Problem("", "does not match the article schema")]
    return _date_range(meta.get("date")) + text_problems(meta)


def _problems(meta: dict[str, Any]) -> list[Problem]:
    errors = sorted(_validator().iter_errors(meta), key=lambda e: list(map(str, e.absolute_path)))
    problems: list[Problem] = []
    for error in errors:
        # anyOf/oneOf produce one vague error; describe it through the field's x-expected.
        problem = _describe(error)
        if problem not in problems:
            problems.append(problem)
    if not any(p.field == "date" for p in problems):
        problems += _date_range(meta.get("date"))
    return problems + text_problems(meta)


def text_problems(
    meta: dict[str, Any], multiline: Collection[str] = MULTILINE_FIELDS
) -> list[Problem]:
    """Each text of ``meta`` (nested ones too) holding a control character or a surrogate.

    Fields named in ``multiline`` may hold line breaks; none may hold a tab.
    One problem per text, for its first such character.
    """
    problems = []
    for path, text in _texts(meta, ()):
        pattern = _NOT_MULTILINE_TEXT if path[0] in multiline else _NOT_TEXT
        match = pattern.search(text)
        if match is not None:
            problems.append(_character_problem(path, match.group(), match.start() + 1, multiline))
    return problems


def _texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string inside ``value`` with its path of keys and list indexes.

    Recursive: the YAML loader refuses nesting deeper than a few levels.
    """
    if isinstance(value, str):
        if path:
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _character_problem(
    path: tuple[Any, ...], char: str, position: int, multiline: Collection[str]
) -> Problem:
    if len(path) == 2 and isinstance(path[1], int):
        field, where = printable(str(path[0])), f"item {path[1] + 1} holds"
    else:
        field, where = printable(".".join(map(str, path))), "holds"
    if char == "\n":
        several = " and ".join(sorted(multiline))
        return Problem(
            field,
            f"{where} a line break at character {position}; expected one line"
            + (f" (only {several} may run to several lines)" if several else ""),
        )
    return Problem(
        field,
        f"{where} {describe_character(char)} at character {position}; "
        "expected plain text, without control characters or surrogates",
    )


def describe_character(char: str) -> str:
    """How a message names a control character or surrogate: ``the control character U+001B (escape)``."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"U+{code:04X}, half of a UTF-16 surrogate pair and not a character "
            "(an escape such as \\ud83d?)"
        )
    name = _CONTROL_NAMES.get(code)
    return f"the control character U+{code:04X}" + (f" ({name})" if name else "")


def _date_range(value: Any) -> list[Problem]:
    if not isinstance(value, str) or value == UNKNOWN_DATE:
        return []
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        return []
    if date >= EARLIEST_DATE:
        return []
    return [
        Problem(
            "date",
            f"{value} is before {EARLIEST_DATE.year}; expected the date the article was "
            "published (a number misread as a date?), or unknown",
        )
    ]


def parse_date(value: str) -> dt.date | None:
    """The article date, or None for `unknown`; the value must have passed validate()."""
    return None if value == UNKNOWN_DATE else dt.date.fromisoformat(value)
