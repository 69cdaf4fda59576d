"""Which files may live in the content folder: one table, read by `invoke check` and the build.

Only the archive reads content: Markdown articles and pages through its own reader
(``plugins/archive_reader``: the schema, then the sanitiser) and YAML registries
through ``newsarchive.content.registry``. Any other file would be read by one of Pelican's
own readers (its HTML and reST readers skip the schema and the sanitiser, so a page's
``<script>`` would run, linked from the menu) or passed over without a word, so
`invoke check` and the build both refuse it by name, with the same message:

- ``articles/`` and ``pages/``: Markdown (``.md``), in subfolders too;
- ``entities/``, ``tags/``, ``sources/`` and ``synonyms/``: ``<id>.yaml`` directly in the folder. The registry
  loader judges every entry there named ``*.yaml`` or ``*.yml`` (a ``.yml``, a
  folder, a link) and the folders themselves, so this module leaves those to it;
- nothing else: no other folder, no file at the top of the content folder;
- names starting with a dot (``.gitkeep``, ``.DS_Store``, ``.git/``) are ignored,
  as Pelican ignores them (``IGNORE_FILES``);
- a symbolic link is refused wherever it is, and so is anything that is not a
  regular file: a link could make the build read and publish any file on the
  machine, and reading a pipe would never end. The walk never follows a link, and
  the build is told not to (``linked_folders``).

A new kind of content is one more row of ``KINDS`` (``sources/`` was added so).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import weakref
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

MARKDOWN = ".md"
REGISTRY = ".yaml"
#: The folder of ``articles/`` for articles whose date is ``unknown``.
UNDATED_FOLDER = "undated"


def article_folder(date: dt.date | None) -> str:
    """The folder of ``articles/`` an article lives in: its year, or ``undated``."""
    return UNDATED_FOLDER if date is None else str(date.year)


@dataclass(frozen=True)
class Kind:
    """One folder of the content folder and the files it holds."""

    folder: str
    suffix: str
    what: str
    nested: bool  # files in subfolders too
    registry: bool = False  # its *.yaml / *.yml entries are judged by newsarchive.content.registry


KINDS = (
    Kind("articles", MARKDOWN, "Markdown articles", nested=True),
    Kind("pages", MARKDOWN, "Markdown pages", nested=True),
    Kind("entities", REGISTRY, "entity files", nested=False, registry=True),
    Kind("tags", REGISTRY, "tag files", nested=False, registry=True),
    Kind("sources", REGISTRY, "source files", nested=False, registry=True),
    Kind("synonyms", REGISTRY, "synonym files", nested=False, registry=True),
)
_BY_FOLDER = {kind.folder: kind for kind in KINDS}
# One spelling of each refusal, for the content folder's files and the registries' entries.
LINK = (
    "is a symbolic link; expected a regular file in the content folder "
    "(a link could make the build read and publish any file on the machine)"
)
CONTENT_FILE = "a Markdown or YAML file"


@dataclass
class ContentFiles:
    """What a scan found: the files to read, by folder, and every refused path with why."""

    files: dict[str, list[Path]] = field(default_factory=lambda: {k.folder: [] for k in KINDS})
    refused: list[tuple[Path, str]] = field(default_factory=list)
    linked_folders: list[str] = field(default_factory=list)  # relative to the content folder


def scan(content: Path) -> ContentFiles:
    """Every file and link under ``content``, sorted, without following links."""
    found = ContentFiles()
    _scan_folder(content, (), found, Path(os.path.abspath(content)).name)
    found.refused.sort()
    return found


def _scan_folder(here: Path, parts: tuple[str, ...], found: ContentFiles, root: str) -> None:
    """One folder's files, then its subfolders, by name (as a sorted ``os.walk`` would).

    ``os.scandir`` tells a regular file from a link without a ``stat`` of each: a scan
    of 20,000 articles asked ``lstat`` once for each through ``pathlib``, three times
    slower.
    """
    try:
        entries = sorted(os.scandir(here), key=lambda entry: entry.name)
    except OSError:
        return  # as os.walk: a folder that vanished or cannot be listed holds nothing
    folders = []
    for entry in entries:
        if _is_folder(entry):
            folders.append(entry.name)
            continue
        name = entry.name
        if name.startswith(".") or _registry_judges((*parts, name)):
            continue
        path = here / name
        reason = _entry_problem(entry, CONTENT_FILE) or _misplaced((*parts, name), root)
        if reason is None:
            found.files[parts[0]].append(path)
        else:
            found.refused.append((path, reason))
    for name in _folders_to_walk(here, parts, folders, found):
        _scan_folder(here / name, (*parts, name), found, root)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one, as ``os.walk`` files it with the folders."""
    try:
        return entry.is_dir()
    except OSError:
        return False


# One scan per build: the build's object (Pelican's) -> (the folder, what its scan found).
_SCANS: weakref.WeakKeyDictionary[Any, tuple[Path, ContentFiles]] = weakref.WeakKeyDictionary()


def scan_for(build: Any, content: Path) -> ContentFiles:
    """``scan(content)``, once for ``build`` (the object that runs it): the build's start
    asks twice (links to stay out of, files to refuse), and a scan of 20,000 articles
    takes most of a second."""
    known = _SCANS.get(build)
    if known is None or known[0] != content:
        known = _SCANS[build] = (content, scan(content))
    return known[1]


def _folders_to_walk(
    here: Path, parts: tuple[str, ...], names: list[str], found: ContentFiles
) -> list[str]:
    """The subfolders to walk into; linked ones are refused (the registry's own aside)."""
    walk = []
    for name in names:
        linked = (here / name).is_symlink()
        if name.startswith(".") or _registry_judges((*parts, name)):
            if _BY_FOLDER.get(name) and not parts and not linked:
                walk.append(name)  # a registry folder: its other files are judged here
            continue
        if linked:
            found.refused.append((here / name, LINK))
            found.linked_folders.append("/".join((*parts, name)))
        else:
            walk.append(name)
    return walk


def _registry_judges(parts: tuple[str, ...]) -> bool:
    """A registry folder itself, or an entry of it the registry loader reads or names
    (``parts``: the path relative to the content folder)."""
    kind = _BY_FOLDER.get(parts[0]) if parts else None
    if kind is None or not kind.registry:
        return False
    return len(parts) == 1 or (len(parts) == 2 and _suffix(parts[1]) in (REGISTRY, ".yml"))


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``, without making a path of every file's name."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def refusal(content: Path, path: Path) -> str | None:
    """Why the file at ``path`` (under ``content``) is refused, or None when it is read.

    Asked of the entry itself, never of what a link points to.
    """
    parts = PurePath(os.path.relpath(path, content)).parts
    root = Path(os.path.abspath(content)).name
    return not_a_file(path, CONTENT_FILE) or _misplaced(parts, root)


def not_a_file(path: Path, expected: str) -> str | None:
    """Why the entry at ``path`` is not a regular file, or None; ``expected`` names what
    should be there ("a YAML file").

    Asked of the entry itself, never of what a link points to: a link is refused, so
    nothing outside the content folder is ever read.
    """
    try:
        mode = path.lstat().st_mode
    except OSError as problem:
        return f"could not be read ({problem.strerror})"
    return _mode_problem(mode, expected)


def _entry_problem(entry: os.DirEntry[str], expected: str) -> str | None:
    """``not_a_file`` of a scanned entry: a regular file costs no ``lstat``."""
    try:
        if entry.is_file(follow_symlinks=False):
            return None
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as problem:
        return f"could not be read ({problem.strerror})"
    return _mode_problem(mode, expected)


def _mode_problem(mode: int, expected: str) -> str | None:
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISDIR(mode):
        return f"is a folder; expected {expected} (rename the folder or move it out)"
    if not stat.S_ISREG(mode):
        return f"is not a regular file (a device, pipe or socket); expected {expected}"
    return None


def _misplaced(parts: tuple[str, ...], root: str) -> str | None:
    """Why a file at ``parts`` (relative to the content folder) is in the wrong place."""
    kind = _BY_FOLDER.get(parts[0]) if len(parts) > 1 else None
    if kind is None:
        folders = ", ".join(f"{k.folder}/" for k in KINDS)
        return (
            f"expected only the folders {folders} in {root}; no reader reads this file, "
            "so move it out of the content folder"
        )
    if not kind.nested and len(parts) > 2:
        return (
            f"expected only {kind.what} ({kind.suffix}) directly in {root}/{kind.folder}, "
            "not in a subfolder; move this file"
        )
    if _suffix(parts[-1]) != kind.suffix:
        return (
            f"expected only {kind.what} ({kind.suffix}) under {root}/{kind.folder}; "
            "move or rename this file"
        )
    return None
