"""The same articles as a vanilla Pelican site, the baseline `invoke bench --only scale` compares with.

Vanilla means what `pelican-quickstart` makes with its default answers: the
development settings rendered from Pelican's own ``pelicanconf.py.jinja2``
(feeds off, pagination 10, ``RELATIVE_URLS`` left commented out, so off), no
plugins, the default theme (``notmyidea``). Each archive article becomes a
Pelican-native Markdown file: ``Title:``, ``Date:``, ``Slug:``, ``Summary:``,
``Tags:`` and ``Author:`` metadata lines, a blank line, then the body as is.

Vanilla Pelican skips an article without a date, so undated articles get
``UNDATED`` (1970-01-01). Files keep their ``articles/<year>/`` folder, so the
default ``USE_FOLDER_AS_CATEGORY`` files them under their year, as a
quickstart user who copied the folder would see.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jinja2

from newsarchive.content.articles import Article, read_article

UNDATED = "1970-01-01"
SETTINGS_FILE = "pelicanconf.py"
# What `pelican-quickstart` asks, with its default answers (title, author and
# time zone as the archive's own settings give them).
QUICKSTART = {
    "sitename": "Korean Peninsula News Archive",
    "author": "Archive contributors",
    "lang": "en",
    "timezone": "Asia/Seoul",
    "default_pagination": 10,
}

_SPACE = re.compile(r"\s+")


def _line(value: object) -> str:
    """A metadata value on one line (Markdown metadata cannot continue without indenting)."""
    return _SPACE.sub(" ", str(value)).strip()


def to_pelican_markdown(article: Article) -> str:
    """One archive article as a Pelican-native Markdown file."""
    meta = article.meta
    lines = [
        f"Title: {_line(meta['title'])}",
        f"Date: {article.date.isoformat() if article.date else UNDATED}",
        f"Slug: {meta['slug']}",
    ]
    if meta.get("summary"):
        lines.append(f"Summary: {_line(meta['summary'])}")
    if meta.get("tags"):
        lines.append(f"Tags: {', '.join(meta['tags'])}")
    if meta.get("author"):
        lines.append(f"Author: {_line(meta['author'])}")
    return "\n".join(lines) + "\n\n" + article.body.strip("\n") + "\n"


def quickstart_settings() -> str:
    """pelicanconf.py as `pelican-quickstart` writes it, from Pelican's own template."""
    from pelican.tools import pelican_quickstart

    templates = Path(pelican_quickstart.__file__).resolve().parent / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)), keep_trailing_newline=True
    )
    # The quickstart passes every value through repr() for pelicanconf.py.
    values = {key: repr(value) for key, value in QUICKSTART.items()}
    return env.get_template("pelicanconf.py.jinja2").render(**values)


def convert(content: Path, site: Path) -> int:
    """Write ``site/pelicanconf.py`` and ``site/content/`` from an archive's ``content/articles``.

    Returns the number of articles written.
    """
    source = content / "articles"
    target = site / "content"
    count = 0
    for path in sorted(source.rglob("*.md")):
        article = read_article(path.read_text(encoding="utf-8"))
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_pelican_markdown(article), encoding="utf-8")
        count += 1
    (site / SETTINGS_FILE).write_text(quickstart_settings(), encoding="utf-8")
    return count


def build_command(site: Path, output: Path) -> list[str]:
    """The `pelican` command line a quickstart user runs (as `make html` does)."""
    return [
        sys.executable,
        "-m",
        "pelican",
        str(site / "content"),
        "-o",
        str(output),
        "-s",
        str(site / SETTINGS_FILE),
    ]


_PROCESSED = re.compile(r"Processed\s+(\d+)\s+articles?")


def processed_articles(log: str) -> int | None:
    """The article count of Pelican's closing `Done: Processed N articles…` line."""
    match = _PROCESSED.search(log)
    return int(match.group(1)) if match else None
