"""Search documents straight from a content folder, for tests and benchmarks.

The site build makes its SearchDocs from Pelican's articles (plugins/archive_search);
this makes the same documents without Pelican, so the index can be measured and
compared on any corpus.
"""

from __future__ import annotations

from pathlib import Path

import markdown

from newsarchive.content.articles import read_article
from newsarchive.content.registry import load_entities, load_tags
from newsarchive.search.documents import SearchDoc, entity_text, html_to_text
from newsarchive.site import urls
from newsarchive.site.sanitize import clean_html


def docs_from_content(content: Path, limit: int | None = None) -> list[SearchDoc]:
    entities, tags = load_entities(content), load_tags(content)
    md = markdown.Markdown(extensions=["extra"])
    docs = []
    for path in sorted((content / "articles").rglob("*.md"))[:limit]:
        article = read_article(path.read_text(encoding="utf-8"))
        meta = article.meta
        md.reset()
        ents = [entities[i] for i in meta.get("entities", []) if i in entities]
        tgs = [tags[i] for i in meta.get("tags", []) if i in tags]
        docs.append(
            SearchDoc(
                title=meta["title"],
                url=urls.article(meta["slug"], article.date),
                date="" if article.date is None else article.date.isoformat(),
                source=meta.get("source", ""),
                entity_ids=[e.id for e in ents],
                tag_ids=[t.id for t in tgs],
                summary=meta.get("summary", ""),
                body=html_to_text(clean_html(md.convert(article.body))),
                entity_text=entity_text(n for e in ents for n in e.names),
                tag_text=entity_text(t.name for t in tgs),
            )
        )
    return docs
