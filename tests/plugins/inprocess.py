"""Pelican run in the test's own process on a tiny corpus, as the pelican-plugins packages test.

``tiny_corpus`` writes three articles (two dated, one undated), three entities (one
mentioned nowhere), two tags and a page. ``build`` runs Pelican with the project's
settings file, the settings given overriding it, on one core (no fork) and without
the npm assets unless asked. Before each run every receiver of Pelican's signals is
disconnected, so a build sees only the handlers of the plugins it lists, as a fresh
process would. ``plugin(name)`` loads a plugin package as Pelican does.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from blinker import ANY, Signal
from pelican import Pelican
from pelican.plugins import signals
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = ROOT / "plugins"
SETTINGS_FILE = ROOT / "pelican.conf.py"
SITEURL = "https://example.org/archive"

ARTICLES = {
    "articles/2019/talks-resume.md": """---
title: Talks <resume> & more
date: 2019-05-02
slug: talks-resume
source: Yonhap
summary: Envoys met again.
entities: [kim-jong-un, donald-trump]
tags: [diplomacy]
---

Kim Jong Un and Donald Trump agreed that envoys would meet again.
""",
    "articles/2019/summit.md": """---
title: Summit ends early
date: 2019-02-28
slug: summit
source: Yonhap
entities: [kim-jong-un]
tags: [diplomacy, summits]
---

Kim Jong Un left Hanoi a day early.
""",
    "articles/undated/brief.md": """---
title: A brief without a date
date: unknown
slug: brief
kind: brief
entities: [donald-trump]
---

Donald Trump spoke.
""",
}
REGISTRIES = {
    "entities/kim-jong-un.yaml": (
        "name: Kim Jong Un\ntype: person\naliases: [Kim Jong Eun]\n"
        "description: Leader of North Korea.\n"
    ),
    "entities/donald-trump.yaml": (
        "name: Donald Trump\ntype: person\naliases: []\ndescription: US president, 2017-2021.\n"
    ),
    "entities/moon-jae-in.yaml": (
        "name: Moon Jae-in\ntype: person\naliases: []\n"
        "description: President of South Korea, 2017-2022.\n"
    ),
    "tags/diplomacy.yaml": "name: Diplomacy\ndescription: Envoys and talks.\nmatch: [envoys?]\n",
    "tags/summits.yaml": "name: Summits\ndescription: Leaders meeting.\nmatch: [summits?]\n",
}
PAGES = {"pages/about.md": "---\ntitle: About\nslug: about\n---\n\nAbout the archive.\n"}


def tiny_corpus(root: Path, extra: dict[str, str] | None = None) -> Path:
    """The tiny corpus under ``root/content`` (``extra``: more files, by path)."""
    content = root / "content"
    for name, text in {**ARTICLES, **REGISTRIES, **PAGES, **(extra or {})}.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def disconnect_all() -> None:
    """Every receiver of every Pelican signal disconnected (no plugin of an earlier build)."""
    for value in vars(signals).values():
        if isinstance(value, Signal):
            for receiver in list(value.receivers_for(ANY)):
                value.disconnect(receiver)


def settings_for(content: Path, output: Path, **overrides: Any) -> dict[str, Any]:
    """The project's settings for a build of ``content`` into ``output``, one process."""
    base = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output.parent / "cache"),
        "ARCHIVE_READER_PROCESSES": 1,
        "PARALLEL_WRITER_PROCESSES": 1,
        "NPM_ASSETS_FILES": {},
    }
    return read_settings(str(SETTINGS_FILE), override={**base, **overrides})


def build(content: Path, output: Path, **overrides: Any) -> Path:
    """Run Pelican here on ``content``; the settings given override the project's."""
    disconnect_all()
    try:
        Pelican(settings_for(content, output, **overrides)).run()
    finally:
        disconnect_all()
    return output


def start(content: Path, output: Path, **overrides: Any) -> Pelican:
    """Only create the Pelican instance (plugins registered, ``initialized`` sent)."""
    disconnect_all()
    try:
        return Pelican(settings_for(content, output, **overrides))
    finally:
        disconnect_all()


def files(output: Path) -> list[str]:
    """Every file written under ``output``, as sorted output-relative paths."""
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())


def read(output: Path, path: str) -> str:
    return (output / path).read_text(encoding="utf-8")


def contents(output: Path) -> dict[str, bytes]:
    """Every file written under ``output`` and its bytes (the data files are gzip, not text)."""
    return {name: (output / name).read_bytes() for name in files(output)}


def plugin(name: str) -> ModuleType:
    """A plugin package as Pelican loads it: by name from the plugins folder, then cached."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.machinery.PathFinder.find_spec(name, [str(PLUGINS)])
    assert spec is not None and spec.loader is not None, name
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
