"""From a raw record to finished article files: the rules of `invoke ingest`.

Fields come from the record's own columns first (a corpus' title or date),
then from what the text establishes (header, stamp, dated caption, credit),
and are otherwise left unknown: no date is ever guessed from the import day or
a file time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive import frontmatter
from newsarchive.ingest.clean import split_flattened_paragraphs
from newsarchive.ingest.decode import decode_bytes
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.inputs import RawRecord
from newsarchive.ingest.markdown_text import to_markdown
from newsarchive.ingest.sentences import split_sentences
from newsarchive.ingest.store import Draft, Store
from newsarchive.ingest.story import Story
from newsarchive.ingest.structure import parse_raw
from newsarchive.ingest.titles import derive_title
from newsarchive.matching import EntityMatcher, TagSuggester
from newsarchive.registry import load_entities, load_tags
from newsarchive.slugs import slugify

_CAPTION_CREDIT = re.compile(r"\s*\([^()]{2,40}\)\s*$")
SUMMARY_TARGET = 200
SUMMARY_LIMIT = 600


@dataclass(frozen=True)
class Article:
    """One story with every front-matter field settled except the slug."""

    meta: dict[str, Any]
    body: str
    folder: str
    sha256: str
    part: int | None


@dataclass
class Ingester:
    matcher: EntityMatcher
    suggester: TagSuggester
    digest: bool | None = None
    credit: str | None = None

    @classmethod
    def for_content(cls, content_dir: Path, **options: Any) -> Ingester:
        """Matchers built from the registries in content_dir (entities/, tags/)."""
        return cls(
            matcher=EntityMatcher(load_entities(content_dir)),
            suggester=TagSuggester(load_tags(content_dir)),
            **options,
        )

    def articles(self, record: RawRecord) -> list[Article]:
        """Parse one record; raise IngestError with the reason when it cannot be used."""
        if record.error:
            raise IngestError(record.error)
        if record.data is not None:
            stories = parse_raw(decode_bytes(record.data), digest=self.digest)
        else:
            # One corpus record is one article; its own title column beats a first line.
            text = split_flattened_paragraphs(record.text or "")
            stories = parse_raw(text, digest=False, headline="title" not in record.fields)
        record_date = _record_date(record)
        return [self._article(record, story, record_date) for story in stories]

    def _article(self, record: RawRecord, story: Story, record_date: dt.date | None) -> Article:
        title = record.fields.get("title") or story.title or derive_title(story.lede)
        date = record_date or story.date
        captions = (_CAPTION_CREDIT.sub("", c) for c in story.captions)  # "(Yonhap)" is no mention
        all_text = "\n\n".join((title, *story.paragraphs, *captions))
        meta: dict[str, Any] = {"title": title, "date": date or "unknown", "slug": ""}
        optional = {
            "source": story.source or self.credit,
            "publisher": story.publisher
            if story.publisher != (story.source or self.credit)
            else None,
            "author": story.author,
            "section": story.section,
        }
        meta.update({k: v for k, v in optional.items() if v})
        meta["kind"] = story.kind
        lang = record.fields.get("lang")
        if lang and lang.lower() != "en":
            meta["lang"] = lang.lower()[:2]
        meta["summary"] = _summary(story.lede)
        if story.captions:
            meta["captions"] = list(story.captions)
        meta["entities"] = self.matcher.find(all_text)
        meta["tags"] = self.suggester.suggest(all_text)
        origin: dict[str, Any] = {"file": record.origin_file, "sha256": record.sha256}
        if story.part is not None:
            origin["part"] = story.part
        if "id" in record.fields:
            origin["record"] = record.fields["id"]
        if "url" in record.fields:
            origin["url"] = record.fields["url"]
        meta["origin"] = origin
        return Article(
            meta=meta,
            body=to_markdown(story.paragraphs),
            folder=str(date.year) if date else "undated",
            sha256=record.sha256,
            part=story.part,
        )


def draft(article: Article, store: Store) -> Draft:
    """Give the article its slug (its existing one on a re-run) and its file text."""
    existing = store.existing(article.sha256, article.part)
    slug = existing.stem if existing is not None else store.unique_slug(_base_slug(article))
    meta = {**article.meta, "slug": slug}
    return Draft(
        slug, article.folder, article.sha256, article.part, frontmatter.dump(meta, article.body)
    )


def _base_slug(article: Article) -> str:
    slug = slugify(article.meta["title"], max_length=80)
    return slug or f"article-{article.sha256[:12]}"


def _record_date(record: RawRecord) -> dt.date | None:
    value = record.fields.get("date")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise IngestError(f"date column: {value!r} is not a date as YYYY-MM-DD") from None


def _summary(lede: str) -> str:
    """Whole sentences of the lede, enough to say what happened (corpora lost their paragraphs)."""
    summary = ""
    for sentence in split_sentences(lede):
        if summary and len(summary) + 1 + len(sentence) > SUMMARY_LIMIT:
            break
        summary = f"{summary} {sentence}".strip()
        if len(summary) >= SUMMARY_TARGET:
            break
    if len(summary) > SUMMARY_LIMIT:
        summary = summary[:SUMMARY_LIMIT].rsplit(" ", 1)[0].rstrip(",;:-–—") + "…"
    return summary
