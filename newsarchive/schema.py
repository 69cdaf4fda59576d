"""The article front-matter schema: one JSON Schema for the build, `invoke check` and editors."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

UNKNOWN_DATE = "unknown"
_INT = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field, phrased for the contributor who wrote it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


@cache
def article_schema() -> dict[str, Any]:
    text = resources.files("newsarchive").joinpath("schema/article.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = article_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def coerce(meta: dict[str, Any], schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """Type integer fields that the string-only front-matter loader left as text."""
    schema = article_schema() if schema is None else schema
    props = schema.get("properties", {})
    out: dict[str, Any] = {}
    for key, value in meta.items():
        sub = props.get(key, {})
        if sub.get("type") == "integer" and isinstance(value, str) and _INT.match(value):
            value = int(value)
        elif sub.get("type") == "object" and isinstance(value, dict):
            value = coerce(value, sub)
        out[key] = value
    return out


def _expected(error: jsonschema.ValidationError) -> str:
    sub = error.schema if isinstance(error.schema, dict) else {}
    parent = error.parent.schema if error.parent is not None else {}
    return sub.get("x-expected") or parent.get("x-expected") or ""


def _describe(error: jsonschema.ValidationError) -> Problem:
    item = _item_problem(error)
    if item is not None:
        return item
    field = ".".join(str(p) for p in error.absolute_path)
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
        name = extras[0] if extras else "?"
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


def validate(meta: dict[str, Any]) -> list[Problem]:
    """All schema problems of one article's metadata, in field order."""
    errors = sorted(_validator().iter_errors(meta), key=lambda e: list(map(str, e.absolute_path)))
    problems: list[Problem] = []
    for error in errors:
        # anyOf/oneOf produce one vague error; describe it through the field's x-expected.
        problem = _describe(error)
        if problem not in problems:
            problems.append(problem)
    return problems


def parse_date(value: str) -> dt.date | None:
    """The article date, or None for `unknown`; the value must have passed validate()."""
    return None if value == UNKNOWN_DATE else dt.date.fromisoformat(value)
