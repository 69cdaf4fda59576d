"""The shapes of registry fields: one-line texts, lists of texts, flags, bounded numbers.

Each check names the file and field, adds its problem to ``errors`` and gives None (or
an empty value) instead of raising, so a file's every problem is reported at once.
Values are read as the loader gives them: every scalar is text (``name: No`` is "No"),
so ``true`` and ``2.5`` are recognised in their usual spellings.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsarchive.content.registry.model import File, Problems
from newsarchive.content.slugs import slugify

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


def check_fields(
    file: File, data: dict[str, Any], known: tuple[str, ...], errors: Problems
) -> None:
    for field in data:
        if field not in known:
            errors.append(
                file.problem(f"{field}: unexpected field; expected only {', '.join(known)}")
            )


def required_text(file: File, data: dict[str, Any], field: str, errors: Problems) -> str | None:
    """A required one-line, non-empty string field."""
    if field not in data:
        errors.append(file.problem(f"{field}: missing; expected a one-line text"))
        return None
    value = data[field]
    if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
        errors.append(file.problem(f"{field}: expected a one-line text, got {value!r}"))
        return None
    return value.strip()


def string_list(
    file: File, data: dict[str, Any], field: str, errors: Problems, *, required: bool
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


def optional_flag(file: File, data: dict[str, Any], field: str, errors: Problems) -> bool:
    """An optional true/false field (false when missing)."""
    value = data.get(field)
    if value is True or value in _TRUE:
        return True
    if value is None or value is False or value in _FALSE:
        return False
    errors.append(file.problem(f"{field}: expected true or false, got {value!r}"))
    return False


def optional_number(
    file: File,
    data: dict[str, Any],
    field: str,
    bounds: tuple[float, float],
    errors: Problems,
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


def check_id(file: File, name: str, errors: Problems) -> None:
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


def optional_date(file: File, data: dict[str, Any], field: str, errors: Problems) -> dt.date | None:
    """An optional ``YYYY-MM-DD`` calendar date; None when missing or wrong (with a problem).

    Only the ISO form is taken: ``02/03/2019`` reads as two different days in
    Britain and America, and ``2019-02-30`` is no day at all.
    """
    value = data.get(field)
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else None
    try:
        if text is not None and _DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    errors.append(
        file.problem(f"{field}: expected a real calendar date as YYYY-MM-DD, got {value!r}")
    )
    return None
