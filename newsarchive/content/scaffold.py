"""`invoke new`: a new article file, in its place, with front matter that passes `invoke check`.

The file goes to ``<content>/articles/<year>/<slug>.md`` (``undated/`` for
``date: unknown``), the place `invoke check` expects from its date and slug.
An existing file is never overwritten, and a slug another article already
has is refused, since the two pages would clash.

The front matter holds the required fields, empty ``entities`` and ``tags``
lists to fill in, and the optional fields as YAML comments; the body is an
HTML comment (the sanitiser drops comments, so a forgotten placeholder never
shows on the site).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from newsarchive.content import schema
from newsarchive.content.articles import ArticleError, read_article
from newsarchive.content.contentfiles import article_folder
from newsarchive.content.slugs import is_slug, slugify

SLUG_LENGTH = 80

TEMPLATE = """\
---
title: {title}
date: {date}
slug: {slug}
# source: Yonhap                  # agency or outlet credited in the text
# publisher: The Korea Post       # outlet the copy was taken from, when it differs
# author: Jane Doe                # byline
# summary: One or two plain-text sentences: the lede.
kind: article
entities: []                      # ids of content/entities/*.yaml, e.g. [kim-jong-un]
tags: []                          # ids of content/tags/*.yaml, e.g. [diplomacy]
---

<!-- Write the article here, in Markdown: paragraphs separated by blank lines. -->
"""


class ScaffoldError(ValueError):
    """The article cannot be started as asked; the message says what to change."""


def new_article(
    content: Path,
    title: str,
    *,
    date: str | None = None,
    slug: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write a new article file under ``content/articles`` and return its path."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty; expected a headline")
    when = _date(date, today or dt.date.today())
    slug = slug if slug is not None else slugify(title, max_length=SLUG_LENGTH)
    if not slug:
        raise ScaffoldError(
            f"no slug can be made from {title!r} (no Latin letters or digits); "
            "give one with --slug, such as --slug moon-meets-kim"
        )
    if not is_slug(slug):
        raise ScaffoldError(
            f"--slug {slug!r}: expected lower-case letters, digits and single hyphens"
        )
    articles = content / "articles"
    folder = articles / article_folder(when)
    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; not overwriting it")
    taken = sorted(p for p in articles.rglob(f"{slug}.md") if p.is_file())
    if taken:
        raise ScaffoldError(
            f"the slug {slug!r} is already used by {taken[0]}; choose another with --slug"
        )
    text = TEMPLATE.format(
        title=json.dumps(title, ensure_ascii=False),
        date=schema.UNKNOWN_DATE if when is None else when.isoformat(),
        slug=slug,
    )
    try:
        read_article(text)
    except ArticleError as err:  # a title the schema refuses, such as one too long
        raise ScaffoldError(str(err)) from None
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never over a file made meanwhile
        handle.write(text)
    return path


def _date(value: str | None, today: dt.date) -> dt.date | None:
    if value is None:
        return today
    if value == schema.UNKNOWN_DATE:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ScaffoldError(
            f"--date {value!r}: expected a real calendar date as YYYY-MM-DD, or unknown"
        ) from None
