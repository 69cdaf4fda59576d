"""The archive's own site built as a user builds it, and the changes incremental builds follow.

Rules: a build is ``invoke build`` in a child process (every plugin on, the
project's settings), measured by ``measure.run_measured``, so its figures are
those of the command a user runs; a warm rebuild edits one dated article by
appending a known sentence, so a test can find exactly what changed and the
page it must reach; an added article is a copy of the middle one under a new
title, slug and origin; an alias edit gives the entity most articles name one
more alias.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.measure import BenchError, ChildRun, run_measured
from newsarchive.content import frontmatter
from newsarchive.content.articles import read_article
from newsarchive.site.sitesize import is_published

PROJECT = Path(__file__).resolve().parents[1]
EDIT_SENTENCE = "This sentence was appended by invoke bench to edit one article."


def build_site(content: Path, output: Path, cache: Path | None = None) -> ChildRun:
    """`invoke build` of a corpus; with ``cache``, writing (and reading) a content cache there."""
    if cache is None:
        return _run_task("build", content, output)
    settings = [
        "CACHE_CONTENT=true",
        "LOAD_CONTENT_CACHE=true",
        'CHECK_MODIFIED_METHOD="md5"',
        f"CACHE_PATH={json.dumps(str(cache))}",
    ]
    return _run_task("build", content, output, settings)


# The address the publishing build is given: a project page's, as GitHub Pages serves
# one. Each page's canonical link and OpenGraph URL, each sitemap entry and feed link
# carries it, so a longer address publishes more.
PAGES_SITEURL = "https://example.github.io/news-archive"


def publish_site(content: Path, output: Path) -> ChildRun:
    """`invoke preview` of a corpus, cold, as the Pages workflow builds the site it
    uploads: the publishing settings, ``PAGES_SITEURL``, no content cache. Its own size
    check (``OUTPUT_GUARD_SIZE_LIMIT``) is off, so a site over the limit is measured too."""
    settings = ["CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false", "OUTPUT_GUARD_SIZE_LIMIT=null"]
    return _run_task("preview", content, output, settings, {"SITEURL": PAGES_SITEURL})


def _run_task(
    task: str,
    content: Path,
    output: Path,
    settings: list[str] | None = None,
    variables: dict[str, str] | None = None,
) -> ChildRun:
    """One of the project's build tasks of a corpus, measured; ``settings`` are Pelican's
    ``-e`` overrides (``PELICAN_EXTRA``), ``variables`` more of its environment."""
    env = None
    if settings or variables:
        env = {**os.environ, **(variables or {})}
        if settings:
            env["PELICAN_EXTRA"] = shlex.join(["-e", *settings])
    cmd = [sys.executable, "-m", "invoke", "--search-root", str(PROJECT), task]
    cmd += ["--content", str(content), "--output", str(output)]
    return run_measured(cmd, PROJECT, env)


def cache_fingerprints(cache: Path) -> list[str]:
    """The content cache's fingerprint folders (plugins/content_cache): a new one means a cold cache."""
    return sorted(p.name for p in cache.iterdir()) if cache.is_dir() else []


def article_save_as() -> str:
    """The project's ARTICLE_SAVE_AS, read from pelican.conf.py as the build reads it."""
    from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

    settings = {**DEFAULT_CONFIG, **get_settings_from_file(str(PROJECT / "pelican.conf.py"))}
    return settings["ARTICLE_SAVE_AS"]


def edit_one_article(content: Path, attempt: int = 0) -> tuple[Path, str]:
    """Append a sentence to one dated article (the middle one in path order, the next on a retry).

    Returns the file and the page the archive writes it to (relative to the output).
    """
    path, page = _middle(content, attempt)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n\n" + EDIT_SENTENCE + "\n", encoding="utf-8")
    return path, page


def _middle(content: Path, offset: int) -> tuple[Path, str]:
    """The middle dated article in path order (``offset`` after it), and its page."""
    paths = sorted(p for p in (content / "articles").rglob("*.md") if p.parent.name != "undated")
    if not paths:
        raise BenchError(f"{content}: no dated article to edit")
    path = paths[(len(paths) // 2 + offset) % len(paths)]
    article = read_article(path.read_text(encoding="utf-8"))
    return path, article_save_as().format(date=article.date, slug=article.slug)


def add_one_article(content: Path, number: int = 0) -> tuple[Path, str]:
    """A new dated article beside the middle one: its text, a new title, slug and origin.

    Returns the file and the page the archive writes it to (relative to the output).
    """
    source, _page = _middle(content, number)
    document = frontmatter.parse(source.read_text(encoding="utf-8"))
    slug = f"added-by-invoke-bench-{number}"
    meta = {
        **document.meta,
        "title": f"An article added by invoke bench {number}",
        "slug": slug,
        "origin": {"file": "invoke-bench", "sha256": hashlib.sha256(slug.encode()).hexdigest()},
    }
    body = document.body.rstrip("\n") + "\n\n" + EDIT_SENTENCE + "\n"
    path = source.with_name(f"{slug}.md")
    path.write_text(frontmatter.dump(meta, body), encoding="utf-8")
    article = read_article(path.read_text(encoding="utf-8"))
    return path, article_save_as().format(date=article.date, slug=article.slug)


def edit_busiest_entity(content: Path) -> tuple[str, int]:
    """Give the entity most articles name one more alias; its id and how many articles name it.

    Every article that names the entity links the alias where it appears, so its page,
    and every page that lists it, may change.
    """
    counts: Counter[str] = Counter()
    for path in (content / "articles").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        flow = _ENTITIES.search(text)
        named = flow.group(1).split(", ") if flow else frontmatter.parse(text).meta.get("entities")
        counts.update(named or [])
    if not counts:
        raise BenchError(f"{content}: no article names an entity")
    busiest = min(counts, key=lambda entity: (-counts[entity], entity))
    registry = content / "entities" / f"{busiest}.yaml"
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    data["aliases"] = ["Alias Added By Invoke Bench", *(data.get("aliases") or [])]
    registry.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return busiest, counts[busiest]


_ENTITIES = re.compile(r"(?m)^entities: \[(.*)\]$")


def differing_files(first: Path, second: Path) -> list[str]:
    """Files only one folder holds, or whose bytes differ, as sorted relative paths."""

    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    one, two = files(first), files(second)
    return sorted(
        name
        for name in one.keys() | two.keys()
        if name not in one or name not in two or one[name].read_bytes() != two[name].read_bytes()
    )


@dataclass(frozen=True)
class TreeSize:
    """The files under a folder: their bytes, how many, and the bytes a GitHub Pages site
    of the folder publishes.

    Published as ``newsarchive.site.sitesize`` says (what a publishing build measures too):
    hidden files, the build's own records, are never published.
    """

    bytes: int
    files: int
    published: int


def tree_size(folder: Path) -> TreeSize:
    total = files = published = 0
    for path in folder.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            files += 1
            if is_published(path.relative_to(folder).as_posix()):
                published += size
    return TreeSize(total, files, published)
