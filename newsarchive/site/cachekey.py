"""The key of a content cache: everything besides a file's own bytes that its reading depends on.

Pelican's content cache reuses what the reader made of a file while the file is
unchanged; what the reader made also depends on the code, the settings, the
libraries and the registries, which the file's stamp cannot see. The
content_cache plugin keeps the cache in a folder named by ``fingerprint``:

- The fingerprint hashes the Python version; the version of every library the
  project depends on (``packages``: read from the installed project's metadata, so
  a new dependency counts at once); the settings the reader uses (``SETTINGS``);
  every ``.py`` and ``.json`` file of the code folders (``newsarchive``, the plugin
  folders); and the ids of the entity and tag registries, which are all a reading
  checks an article against (``registry_part``: an alias edit keeps the cache).
  Any change gives a new key, so a fresh cache.
- Each part is hashed with its label and length, so no two different inputs run
  together into one key.
- ``prune`` removes the other fingerprint folders (16 hex digits) of a cache
  folder, so it does not grow; anything else there is left alone.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from newsarchive.content.registry import RegistryError, load_entities, load_tags

SETTINGS = ("PATH", "ARTICLE_PATHS", "PAGE_PATHS", "MARKDOWN", "TIMEZONE", "DEFAULT_LANG")
# The registries a reading checks articles against, and how each is loaded.
REGISTRIES: dict[str, Callable[[Path], Mapping[str, Any]]] = {
    "entities": load_entities,
    "tags": load_tags,
}
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


class _Digest:
    """Parts hashed with their label and length, so no two inputs run together."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def add(self, label: str, data: bytes) -> None:
        self.digest.update(f"{label}\0{len(data)}\0".encode())
        self.digest.update(data)

    def code(self, code_dirs: Iterable[Path]) -> None:
        """Python's version, every library's, and the code's own files."""
        self.add("python", sys.version.encode())
        for name in packages():
            try:
                self.add(name, metadata.version(name).encode())
            except metadata.PackageNotFoundError:
                self.add(name, b"-")
        for folder in code_dirs:
            for path in sorted(folder.rglob("*")):
                if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
                    self.add(path.relative_to(folder).as_posix(), path.read_bytes())


def code_fingerprint(code_dirs: Iterable[Path]) -> str:
    """The code part of ``fingerprint`` alone: Python, the libraries and the code folders.

    Read once per process and folder list: the keys of a build's pages, its index cache
    and its related articles all ask, and a running build (or a ``regenerate`` session,
    which never reloads its modules) runs the code it started with.
    """
    return _code_fingerprint(tuple(code_dirs))


def build_code(settings: Mapping[str, Any]) -> str:
    """``code_fingerprint`` of the code a build with ``settings`` runs (its plugin folders)."""
    return code_fingerprint(code_dirs(settings.get("PLUGIN_PATHS", [])))


@functools.cache
def _code_fingerprint(code_dirs: tuple[Path, ...]) -> str:
    digest = _Digest()
    digest.code(code_dirs)
    return digest.digest.hexdigest()[:16]


def fingerprint(settings: Mapping[str, Any], code_dirs: Iterable[Path]) -> str:
    """16 hex digits naming everything a cached reading depends on (the module's rules)."""
    digest = _Digest()
    add = digest.add
    digest.code(code_dirs)
    add(
        "settings",
        json.dumps({k: settings.get(k) for k in SETTINGS}, sort_keys=True, default=repr).encode(),
    )
    content = Path(settings["PATH"])
    for kind, load in REGISTRIES.items():
        add(kind, registry_part(content, kind, load))
    return digest.digest.hexdigest()[:16]


def registry_part(content: Path, kind: str, load: Callable[[Path], Mapping[str, Any]]) -> bytes:
    """What a reading depends on of one registry: its ids, as the reader checks articles
    against them (``archive_reader.registry_ids``); a broken registry, which the reader does
    not check against, by its files' bytes, so that mending it gives a new key."""
    if not (content / kind).is_dir():
        return b"absent"
    try:
        return json.dumps(sorted(load(content))).encode()
    except RegistryError:
        parts = [b"broken"]
        for path in sorted((content / kind).glob("*.y*ml")):
            # Only regular files: a folder or a pipe named x.yaml is refused by the reader.
            if path.is_file() and not path.is_symlink():
                parts += [path.name.encode(), str(path.stat().st_size).encode(), path.read_bytes()]
        return b"\0".join(parts)


def packages() -> list[str]:
    """Every library the project depends on (pyproject.toml's dependencies), by name."""
    try:
        requirements = metadata.requires("newsarchive") or []
    except metadata.PackageNotFoundError:
        return ["pelican"]
    names = {
        re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0].lower()
        for req in requirements
        if "extra ==" not in req
    }
    return sorted(names)


def code_dirs(plugin_paths: Iterable[str]) -> list[Path]:
    """The folders whose code shapes a reading: this package and the plugin folders."""
    package = Path(__file__).resolve().parents[1]
    return [package, *(Path(p).resolve() for p in plugin_paths)]


def prune(root: Path, keep: str) -> None:
    """Remove every fingerprint folder under ``root`` but ``keep``."""
    if not root.is_dir():
        return
    for old in root.iterdir():
        if old.is_dir() and _FINGERPRINT.match(old.name) and old.name != keep:
            shutil.rmtree(old)


__all__ = ["build_code", "code_dirs", "code_fingerprint", "fingerprint", "packages", "prune"]
