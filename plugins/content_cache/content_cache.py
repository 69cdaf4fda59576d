"""Pelican's content cache, safe to keep between builds (and between CI runs).

With ``CACHE_CONTENT``/``LOAD_CONTENT_CACHE`` Pelican stores what the reader
made of each file (body HTML and metadata, our reader's ``record``,
``entity_ids``, ``tag_ids``, ``undated``… included) and reuses it while the
file's stamp is unchanged; ``CHECK_MODIFIED_METHOD = "md5"`` makes the stamp
the file's content, since file times mean nothing on a fresh checkout.

That stamp says nothing about what else the reader's output depends on: the
reader and sanitiser code (``newsarchive``, ``plugins``), the settings, the
versions of every library the project depends on, and the entity and tag registries the reader checks ids
against. A cached article is not read again, so after a registry change a
removed entity would go unreported. This plugin therefore keeps the cache in
``CACHE_PATH/<fingerprint>/``, the fingerprint hashing all of those: any change
starts a fresh cache, and older fingerprints are removed so the folder does not
grow.

Settings: ``CONTENT_CACHE_FINGERPRINT`` (default True) turns this on; it acts
only when Pelican's content cache is.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from pelican import signals

from newsarchive.site.buildcheck import guarded

logger = logging.getLogger(__name__)

SETTINGS = ("PATH", "ARTICLE_PATHS", "PAGE_PATHS", "MARKDOWN", "TIMEZONE", "DEFAULT_LANG")
REGISTRIES = ("entities", "tags")
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


def fingerprint(settings: dict[str, Any], code_dirs: Iterable[Path]) -> str:
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("python", sys.version.encode())
    for name in packages():
        try:
            add(name, metadata.version(name).encode())
        except metadata.PackageNotFoundError:
            add(name, b"-")
    add(
        "settings",
        json.dumps({k: settings.get(k) for k in SETTINGS}, sort_keys=True, default=repr).encode(),
    )
    for folder in code_dirs:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
                add(path.relative_to(folder).as_posix(), path.read_bytes())
    content = Path(settings["PATH"])
    for kind in REGISTRIES:
        for path in sorted((content / kind).glob("*.y*ml")):
            # Only regular files: a folder or a pipe named x.yaml is refused by the reader.
            if path.is_file() and not path.is_symlink():
                add(f"{kind}/{path.name}", path.read_bytes())
    return digest.hexdigest()[:16]


def packages() -> list[str]:
    """Every library the project depends on (pyproject.toml's dependencies), by name.

    Read from the installed project's metadata rather than listed here, so a new
    dependency (a Markdown parser, a regex engine) is part of the fingerprint at once.
    """
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


def code_dirs(settings: dict[str, Any]) -> list[Path]:
    import newsarchive

    dirs = [Path(newsarchive.__file__).resolve().parent]
    dirs += [Path(p).resolve() for p in settings.get("PLUGIN_PATHS", [])]
    return dirs


@guarded("fingerprinting the content cache", defer=True)
def use_fingerprinted_cache(pelican: Any) -> None:
    settings = pelican.settings
    caching = settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")
    if not caching or not settings.get("CONTENT_CACHE_FINGERPRINT", True):
        return
    root = Path(settings["CACHE_PATH"])
    key = fingerprint(settings, code_dirs(settings))
    if root.is_dir():
        for old in root.iterdir():
            if old.is_dir() and _FINGERPRINT.match(old.name) and old.name != key:
                shutil.rmtree(old)
    settings["CACHE_PATH"] = str(root / key)
    logger.debug("content cache: %s", settings["CACHE_PATH"])


def register() -> None:
    signals.initialized.connect(use_fingerprinted_cache)
