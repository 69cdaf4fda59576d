"""Pelican reader for archive Markdown: YAML front matter checked against the article schema.

The parsing and the rules live in ``newsarchive``; this module only turns a
checked article into what Pelican's generators expect.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import Any

import markdown
from pelican import signals
from pelican.readers import BaseReader

from newsarchive.articles import Article, ArticleError, Issue, read_article, read_page

# Pelican needs a datetime on every article; undated ones sort last and never show it.
UNDATED = dt.datetime(1, 1, 1)


class ArchiveMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ("md", "markdown", "mkd", "mdown")

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._md = markdown.Markdown(**settings["MARKDOWN"])

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        try:
            text = Path(source_path).read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise ArticleError(
                [Issue(f"not UTF-8 text: undecodable byte at offset {err.start}")]
            ) from None
        if self._is_page(source_path):
            doc = read_page(text)
            return self._render(doc.body), _page_metadata(doc.meta)
        article = read_article(text)
        return self._render(article.body), article_metadata(article)

    def _render(self, body: str) -> str:
        self._md.reset()
        return self._md.convert(body)

    def _is_page(self, source_path: str) -> bool:
        rel = os.path.relpath(source_path, self.settings["PATH"])
        return any(
            rel == p or rel.startswith(p.rstrip("/") + os.sep) for p in self.settings["PAGE_PATHS"]
        )


def article_metadata(article: Article) -> dict[str, Any]:
    """Pelican metadata for an article; Pelican-special names (tags, author) are kept apart."""
    meta = dict(article.meta)
    out: dict[str, Any] = {
        "title": meta.pop("title"),
        "slug": meta.pop("slug"),
        "record": article.meta,
        "undated": article.undated,
        "tag_ids": meta.pop("tags", []),
        "entity_ids": meta.pop("entities", []),
        "byline": meta.pop("author", None),
    }
    if "summary" in meta:
        out["summary"] = html.escape(meta.pop("summary"))
    if article.date is None:
        out["date"] = UNDATED
        out["url"] = f"undated/{out['slug']}/"
        out["save_as"] = f"undated/{out['slug']}/index.html"
    else:
        out["date"] = dt.datetime.combine(article.date, dt.time())
    meta.pop("date")
    out.update(meta)
    return out


def _page_metadata(meta: dict[str, Any]) -> dict[str, Any]:
    allowed = {"title", "slug", "summary", "template", "status"}
    return {k: v for k, v in meta.items() if k in allowed}


def add_reader(readers: Any) -> None:
    for extension in ArchiveMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ArchiveMarkdownReader


def register() -> None:
    signals.readers_init.connect(add_reader)
