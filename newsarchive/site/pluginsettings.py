"""Plugin settings as typed, frozen objects: one prefix per plugin, defaults, clear refusals.

Each plugin under ``plugins/`` describes its settings as a frozen dataclass deriving
from ``PluginSettings`` and reads them with ``Settings.of(pelican_settings)``. The rules:

- The setting of field ``per_page`` of the plugin whose ``PREFIX`` is ``ARCHIVE_PAGES``
  is ``ARCHIVE_PAGES_PER_PAGE``: one prefix per plugin, its name upper-cased, so a
  settings file shows which plugin each setting belongs to. A field may read one of
  Pelican's own settings instead (``field(metadata={"setting": "OUTPUT_RETENTION"})``).
- A setting left out takes the field's default.
- Every value given is checked against its field's type: ``bool``, ``int`` (at least
  the field's ``min``), ``str``, ``tuple[str, ...]`` (a list of texts in the settings
  file), ``dict[str, str]``, each also ``| None`` where None is allowed. JSON values
  given on the command line (``pelican -e KEY=VALUE``) are these types already.
- A setting under the prefix that is no field of the plugin (a misspelt one), and a
  setting the plugin has renamed (``RENAMED``), are refused: either would otherwise
  be ignored without a word. Names the plugin writes itself (``EXPORTED``) are skipped.
- Every problem is reported at once, one ``NAME: expected …, got …`` line each, as a
  ``SettingsError``: the build fails at start-up and says what to change.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from newsarchive.site.buildcheck import IncompleteBuild

S = TypeVar("S", bound="PluginSettings")


class SettingsError(IncompleteBuild):
    """A plugin's settings are wrong; the message has one line per problem."""


class PluginSettings:
    """Base of the plugins' settings dataclasses: their prefix, renamed and written names."""

    PREFIX: ClassVar[str] = ""
    RENAMED: ClassVar[Mapping[str, str]] = {}
    EXPORTED: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def of(cls: type[S], settings: Mapping[str, Any]) -> S:
        """The plugin's settings from Pelican's settings (or a context holding them)."""
        return read(cls, settings)

    def problems(self) -> list[str]:
        """Problems no single value shows (two settings that must go together); none here."""
        return []


def at_least(minimum: int) -> dict[str, Any]:
    """Field metadata: an int setting must be at least ``minimum``."""
    return {"min": minimum}


def setting_name(cls: type[PluginSettings], item: dataclasses.Field[Any]) -> str:
    """The settings-file name of a field (``PREFIX_FIELD``, or the Pelican setting it reads)."""
    return item.metadata.get("setting") or f"{cls.PREFIX}_{item.name.upper()}"


def read(cls: type[S], settings: Mapping[str, Any]) -> S:
    """Build ``cls`` from ``settings``; raise ``SettingsError`` listing every problem."""
    hints = typing.get_type_hints(cls)
    fields = {setting_name(cls, item): item for item in dataclasses.fields(cls)}
    problems = [
        f"{old}: renamed {new}; rename it in the settings file"
        for old, new in cls.RENAMED.items()
        if old in settings
    ]
    problems += _unknown(cls, settings, fields)
    values: dict[str, Any] = {}
    for name, item in fields.items():
        if name not in settings:
            continue
        value, problem = _checked(settings[name], hints[item.name], item.metadata.get("min"))
        if problem is None:
            values[item.name] = value
        else:
            problems.append(f"{name}: expected {problem}, got {settings[name]!r}")
    if problems:
        raise SettingsError("\n".join(problems))
    result = cls(**values)
    together = result.problems()
    if together:
        raise SettingsError("\n".join(together))
    return result


def _unknown(
    cls: type[PluginSettings], settings: Mapping[str, Any], fields: Mapping[str, Any]
) -> list[str]:
    prefix = f"{cls.PREFIX}_"
    known = {*fields, *cls.RENAMED, *cls.EXPORTED}
    names = ", ".join(sorted(fields))
    return [
        f"{key}: not a setting of this plugin; its settings are {names}"
        for key in settings
        if isinstance(key, str) and key.startswith(prefix) and key not in known
    ]


def _checked(value: Any, hint: Any, minimum: int | None) -> tuple[Any, str | None]:
    """The value as the field holds it, or None and what was expected."""
    kinds = typing.get_args(hint) if _is_union(hint) else (hint,)
    optional = type(None) in kinds
    kind = next(k for k in kinds if k is not type(None))
    expected = _describe(kind, minimum) + (", or None" if optional else "")
    if value is None:
        return (None, None) if optional else (None, expected)
    converted = _convert(value, kind, minimum)
    return (converted, None) if converted is not _WRONG else (None, expected)


_WRONG = object()


def _convert(value: Any, kind: Any, minimum: int | None) -> Any:
    origin = typing.get_origin(kind)
    if kind is bool:
        return value if isinstance(value, bool) else _WRONG
    if kind is int:
        whole = isinstance(value, int) and not isinstance(value, bool)
        return value if whole and (minimum is None or value >= minimum) else _WRONG
    if kind is str:
        return value if isinstance(value, str) else _WRONG
    if origin is tuple:
        items = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        return tuple(value) if items else _WRONG
    if origin is dict:
        pairs = isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
        return dict(value) if pairs else _WRONG
    raise TypeError(f"unsupported setting type {kind!r}")


def _describe(kind: Any, minimum: int | None) -> str:
    if kind is bool:
        return "True or False"
    if kind is int:
        return "a whole number" + (f" of at least {minimum}" if minimum is not None else "")
    if kind is str:
        return "a text"
    if typing.get_origin(kind) is tuple:
        return "a list of texts"
    return "a mapping of texts to texts"


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


__all__ = ["PluginSettings", "SettingsError", "at_least", "read", "setting_name"]
