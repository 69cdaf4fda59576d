"""The archive's own site built as a user builds it, and the one-article edit of a warm rebuild.

Rules: a build is ``invoke build`` in a child process (every plugin on, the
project's settings), measured by ``measure.run_measured``, so its figures are
those of the command a user runs; a warm rebuild edits one dated article by
appending a known sentence, so a test can find exactly what changed and the
page it must reach.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

from benchmarks.measure import BenchError, ChildRun, run_measured
from newsarchive.content.articles import read_article

PROJECT = Path(__file__).resolve().parents[1]
EDIT_SENTENCE = "This sentence was appended by invoke bench to edit one article."


def build_site(content: Path, output: Path, cache: Path | None = None) -> ChildRun:
    """`invoke build` of a corpus; with ``cache``, writing (and reading) a content cache there."""
    env = None
    if cache is not None:
        extra = [
            "-e",
            "CACHE_CONTENT=true",
            "LOAD_CONTENT_CACHE=true",
            'CHECK_MODIFIED_METHOD="md5"',
            f"CACHE_PATH={json.dumps(str(cache))}",
        ]
        env = {**os.environ, "PELICAN_EXTRA": shlex.join(extra)}
    cmd = [sys.executable, "-m", "invoke", "--search-root", str(PROJECT), "build"]
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
    paths = sorted(p for p in (content / "articles").rglob("*.md") if p.parent.name != "undated")
    if not paths:
        raise BenchError(f"{content}: no dated article to edit")
    path = paths[(len(paths) // 2 + attempt) % len(paths)]
    text = path.read_text(encoding="utf-8")
    article = read_article(text)
    path.write_text(text.rstrip("\n") + "\n\n" + EDIT_SENTENCE + "\n", encoding="utf-8")
    page = article_save_as().format(date=article.date, slug=article.slug)
    return path, page


def tree_bytes(folder: Path) -> tuple[int, int]:
    """Total size of the files under folder, and how many there are."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files
