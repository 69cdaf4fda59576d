"""Sources on the site: the source registry of the folder being built, for templates.

Rules:

* An article's source entry is the source whose name or alias its ``source:`` is,
  case and spacing aside (``registry.source_key``); none when it names no source of
  the registry, and then the page shows no label.
* The credit of a record (``origin.file``) is its article's source's credit when that
  credit covers the file (it lists no ``files``, or lists this one), else the credit
  of any source that lists the file; a record of no credited dataset gets none.
* ``source_credits()`` is the footer's list: one entry per source with a credit, in
  source id order, each a mapping with ``name``, ``url``, ``license``, ``license_url``,
  ``cut_at`` and ``files``.
* Templates get ``source_of(article)`` and ``source_credit(article, file)`` (Jinja
  globals that read the context's ``PATH``: the content folder of this build, not
  the one the settings file names) and ``source_credits()`` (every credit, for the
  footer), given by the ``archive_pages`` plugin. The registry is read once per build
  and read again only when a file of ``content/sources`` changes (``invoke
  regenerate``). A broken source file fails the build before any article is read
  (``archive_reader`` reports it by file and field, as ``invoke check`` does).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import pass_context

from newsarchive.content.registry import SOURCES as SOURCES_FOLDER
from newsarchive.content.registry import (
    Credit,
    Source,
    load_sources,
    source_index,
    source_key,
)


@dataclass(frozen=True)
class Sources:
    """The source registry of one content folder, indexed for look-ups by name and file."""

    by_id: Mapping[str, Source]
    by_key: Mapping[str, Source] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_key", source_index(self.by_id.values()))

    def get(self, name: Any) -> Source | None:
        """The source a ``source:`` value means, or None."""
        if not isinstance(name, str) or not name.strip():
            return None
        return self.by_key.get(source_key(name))

    def credit_for(self, source: Source | None, origin_file: Any) -> Credit | None:
        """The credit of a record of ``origin_file`` in an article of ``source`` (rules above)."""
        if source is not None and source.credit is not None and source.credit.covers(origin_file):
            return source.credit
        for other in self.by_id.values():
            if other.credit is not None and origin_file in other.credit.files:
                return other.credit
        return None

    def credits(self) -> dict[str, dict[str, Any]]:
        """``SOURCE_CREDITS``: each credited source's credit, by source id (rules above)."""
        return {
            source.id: _credit_mapping(source.credit)
            for source in self.by_id.values()
            if source.credit is not None
        }


def _credit_mapping(credit: Credit) -> dict[str, Any]:
    return {
        "name": credit.name,
        "url": credit.url,
        "license": credit.license,
        "license_url": credit.license_url,
        "cut_at": credit.cut_at,
        "files": list(credit.files),
    }


_LOADED: dict[str, tuple[tuple[tuple[str, int, int], ...], Sources]] = {}


def sources_of(content: Path | str) -> Sources:
    """The registry of ``content/sources``, read again only when one of its files changed.

    Raises ``RegistryError`` (every problem, by file and field) when a file is wrong.
    """
    folder = Path(content) / SOURCES_FOLDER
    stamp = _stamp(folder)
    cached = _LOADED.get(str(folder))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    loaded = Sources(load_sources(content))
    _LOADED[str(folder)] = (stamp, loaded)
    return loaded


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each entry's name, modification time and size: what says the folder changed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return ()
    stamp = []
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        stamp.append((entry.name, info.st_mtime_ns, info.st_size))
    return tuple(stamp)


# --- Jinja globals ------------------------------------------------------------------------


def _content(context: Any) -> str:
    return str(context["PATH"])


def jinja_globals() -> dict[str, Any]:
    """The templates' look-ups of one build: ``source_of``, ``source_credit``, ``source_credits``.

    Every page asks the registry up to three times (its footer's credits, its articles'
    sources); checking the folder for edits each time cost about 5% of rendering. A
    build's pages read the registry once: each build makes its own globals (a Pelican
    generator's template environment lives one build).
    """
    loaded: dict[str, Sources] = {}

    def registry(context: Any) -> Sources:
        content = _content(context)
        if content not in loaded:
            loaded[content] = sources_of(content)
        return loaded[content]

    @pass_context
    def source_of(context: Any, article: Any) -> Source | None:
        """The source entry of ``article`` (its ``source:`` by name or alias), or None."""
        return registry(context).get(getattr(article, "source", None))

    @pass_context
    def source_credit(context: Any, article: Any, origin_file: Any) -> Credit | None:
        """The credit of one of ``article``'s records, by its file (rules above), or None."""
        sources = registry(context)
        return sources.credit_for(sources.get(getattr(article, "source", None)), origin_file)

    @pass_context
    def source_credits(context: Any) -> list[dict[str, Any]]:
        """Every credited source's credit (the footer's list), in source id order."""
        return list(registry(context).credits().values())

    return {
        "source_of": source_of,
        "source_credit": source_credit,
        "source_credits": source_credits,
    }
