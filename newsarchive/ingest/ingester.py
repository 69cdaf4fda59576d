"""From a raw record to finished articles: the rules of `invoke ingest`.

Fields come from the record's own columns first (a corpus' title, date and
section), then from what the text establishes (header, stamp, dated caption,
credit), and are otherwise left unknown: no date is ever guessed from the import
day or a file time, and a date column must hold a date that cannot be misread
(``fields.record_date``).

Every article is validated against the article schema before it leaves this
module: a record that cannot become an article the build accepts is rejected
with the reason, never written to fail the build later.

``cut``: when the article's source has a registry entry (``content/sources``) whose
credit says its dataset cut bodies at ``cut_at`` characters, covers the record's
file, and the record's text is that long, the article gets ``cut: <cut_at>``: its
text stops where the dataset cut it, and the page says so. Of a digest, only the
last story can have been cut; and a body that lost a repeated tail (``repeats``) is
whole, since the cut fell in the repeat. The figure is written, not computed at build time,
because the record's length is known only here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsarchive.content import schema
from newsarchive.content.contentfiles import article_folder
from newsarchive.content.fingerprints import signature, story_words, words_key
from newsarchive.content.matching import EntityMatcher, TagSuggester
from newsarchive.content.registry import (
    Source,
    load_entities,
    load_sources,
    load_tags,
    source_index,
    source_key,
)
from newsarchive.content.sentences import split_sentences
from newsarchive.content.slugs import slugify
from newsarchive.ingest.clean import remove_controls, repair_glue, split_flattened_paragraphs
from newsarchive.ingest.decode import decode_bytes
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.fields import clean_title, dateline_gap, fit_title, record_date
from newsarchive.ingest.glue import GlueRepair
from newsarchive.ingest.inputs import RawRecord
from newsarchive.ingest.markdown_text import to_markdown
from newsarchive.ingest.store import Draft
from newsarchive.ingest.story import Story
from newsarchive.ingest.structure import parse_raw
from newsarchive.ingest.titles import derive_title

if TYPE_CHECKING:
    import numpy

_CAPTION_CREDIT = re.compile(r"\s*\([^()]{2,40}\)\s*$")
_SECTION_JUNK = re.compile(r"[^a-z0-9 &-]+")
SUMMARY_TARGET = 200
SUMMARY_LIMIT = 600
DATELINE_SLACK = 3  # days a dateline may differ from the date column (time zones, late filing)


@dataclass(frozen=True)
class Findings:
    """What ingest found in one article, for the run's summary and the benchmark."""

    glue_repairs: int = 0
    controls_removed: int = 0  # control characters and lone surrogates taken out of the input
    mentions: int = 0
    tags: tuple[tuple[str, bool], ...] = ()  # (tag id, rests on one weak hit)
    dateline_gap: int | None = None  # days between the dateline and the date column, if large
    restored: bool = False  # paragraph breaks put back into a run-together body
    subheads: int = 0  # run-in subheads made headings
    repeat_dropped: int = 0  # characters of a repeated tail taken off
    cut: bool = False  # the dataset cut the record's text upstream


@dataclass(frozen=True)
class Article:
    """One story ready for the store: fields, body, record, story key and signature.

    Its words are not carried (the body has them): they cross from worker to main
    process for every article, and are needed there only to confirm a near-duplicate."""

    draft: Draft
    signature: numpy.ndarray | None
    findings: Findings = field(default_factory=Findings)


@dataclass
class Ingester:
    matcher: EntityMatcher
    suggester: TagSuggester
    glue: Callable[[str], str] = repair_glue
    digest: bool | None = None
    credit: str | None = None
    date_format: str = "iso"
    today: dt.date | None = None
    sources: dict[str, Source] = field(default_factory=dict)  # by source_key of name and alias

    @classmethod
    def for_content(cls, content_dir: Path, **options: Any) -> Ingester:
        """Matchers and glue repair built from the registries in content_dir (entities/, tags/)."""
        entities = load_entities(content_dir)
        return cls(
            matcher=EntityMatcher(entities),
            suggester=TagSuggester(load_tags(content_dir)),
            glue=GlueRepair(name for entity in entities.values() for name in entity.names),
            sources=source_index(load_sources(content_dir).values()),
            **options,
        )

    def articles(self, record: RawRecord) -> list[Article]:
        """Parse one record; raise IngestError with the reason when it cannot be used."""
        if record.error:
            raise IngestError(record.error)
        before = self._repairs()
        removed = record.removed
        date = None
        if "date" in record.fields:
            date = record_date(record.fields["date"], self.date_format, self.today)
        if record.data is not None:
            text, dropped = remove_controls(decode_bytes(record.data))
            removed += dropped
            length = len(text)
            stories = parse_raw(text, digest=self.digest, repair=self.glue)
        else:
            # One corpus record is one article; its own title column beats a first line.
            length = len(record.text or "")
            text = split_flattened_paragraphs(record.text or "")
            title_column = "title" in record.fields
            stories = parse_raw(text, digest=False, headline=not title_column, repair=self.glue)
        title = clean_title(record.fields.get("title", "")) if "title" in record.fields else None
        if title is not None:
            title = self.glue(title)
        made = [
            self._article(record, story, date, title, length if last else None)
            for last, story in ((i == len(stories) - 1, s) for i, s in enumerate(stories))
        ]
        repairs = self._repairs() - before
        if made and (repairs or removed):  # counted per record: the record's, whichever story
            first = made[0]
            counts = replace(first.findings, glue_repairs=repairs, controls_removed=removed)
            made[0] = replace(first, findings=counts)
        return made

    def _repairs(self) -> int:
        return getattr(self.glue, "repairs", 0)

    def _cut_at(self, source: str | None, record: RawRecord, length: int | None) -> int | None:
        """Where the source's dataset cut this record's text, when it did (module rules)."""
        entry = self.sources.get(source_key(source)) if source and length else None
        credit = entry.credit if entry is not None else None
        if credit is None or credit.cut_at is None or not credit.covers(record.origin_file):
            return None
        return credit.cut_at if length is not None and length >= credit.cut_at else None

    def _article(
        self,
        record: RawRecord,
        story: Story,
        record_date: dt.date | None,
        title: str | None,
        length: int | None = None,
    ) -> Article:
        title = fit_title(title or story.title or derive_title(story.lede))
        date = record_date or story.date
        captions = [_CAPTION_CREDIT.sub("", c) for c in story.captions]  # "(Yonhap)" is no mention
        all_text = "\n\n".join((title, *story.paragraphs, *captions))
        section = _section(record.fields.get("section") or story.section)
        meta: dict[str, Any] = {
            "title": title,
            "date": date.isoformat() if date else schema.UNKNOWN_DATE,
        }
        optional = {
            "source": story.source or self.credit,
            "publisher": story.publisher
            if story.publisher != (story.source or self.credit)
            else None,
            "author": story.author,
            "section": section,
        }
        meta.update({k: v for k, v in optional.items() if v})
        meta["kind"] = story.kind
        cut_at = self._cut_at(
            optional["source"], record, length if not story.repeat_dropped else None
        )
        if cut_at is not None:
            meta["cut"] = cut_at
        lang = record.fields.get("lang")
        if lang and lang.lower() != "en":
            meta["lang"] = lang.lower()[:2]
        meta["summary"] = _summary(story.lede)
        if story.captions:
            meta["captions"] = list(story.captions)
        mentions = self.matcher.mentions(all_text, date)
        meta["entities"] = list(dict.fromkeys(entity_id for _, _, entity_id in mentions))
        evidence = self.suggester.assess(title, [*_lede_first(story), *captions])
        meta["tags"] = [e.tag_id for e in evidence if e.accepted]
        body = to_markdown(story.paragraphs, story.headings)
        words = story_words(body)
        draft = Draft(
            slug=_base_slug(title, record.sha256),
            folder=article_folder(date),
            meta=meta,
            body=body,
            record=_origin_record(record, story, section),
            story=words_key(words),
        )
        _validate(draft)
        findings = Findings(
            mentions=len(mentions),
            tags=tuple((e.tag_id, e.weak) for e in evidence if e.accepted),
            dateline_gap=_dateline_gap(record_date, story),
            restored=story.restored,
            subheads=len(story.headings),
            repeat_dropped=story.repeat_dropped,
            cut=cut_at is not None,
        )
        return Article(draft, signature(words), findings)


def _lede_first(story: Story) -> list[str]:
    """The paragraphs with the lede first: tag rules weigh the lede, never a subhead, more."""
    lede = story.lede
    rest = list(story.paragraphs)
    if lede in rest:
        rest.remove(lede)
    return [lede, *rest] if lede else rest


def _origin_record(record: RawRecord, story: Story, section: str | None) -> dict[str, Any]:
    origin: dict[str, Any] = {"file": record.origin_file, "sha256": record.sha256}
    if story.part is not None:
        origin["part"] = story.part
    if "id" in record.fields:
        origin["record"] = record.fields["id"]
    elif record.line is not None:
        origin["line"] = record.line
    if "url" in record.fields:
        origin["url"] = record.fields["url"]
    if section:
        origin["section"] = section
    return origin


def _validate(draft: Draft) -> None:
    """Refuse what the build would refuse: the article schema, as `invoke check` applies it."""
    text_meta = {**draft.meta, "slug": draft.slug, "origin": {"records": [draft.record]}}
    problems = schema.validate(text_meta)  # typed already: no coerce()
    if problems:
        raise IngestError("; ".join(str(p) for p in problems))


def _section(value: str | None) -> str | None:
    """A section or topic name as the schema takes it: lower case, letters, digits, & and -."""
    if not value:
        return None
    name = " ".join(_SECTION_JUNK.sub(" ", value.lower().replace("_", " ")).split()).strip("&- ")
    return name[:60].rstrip("&- ") or None


def _dateline_gap(date: dt.date | None, story: Story) -> int | None:
    month_day = getattr(story, "dateline_day", None)
    if date is None or month_day is None:
        return None
    gap = dateline_gap(date, month_day)
    return gap if gap is not None and gap > DATELINE_SLACK else None


def _base_slug(title: str, sha256: str) -> str:
    return slugify(title, max_length=80) or f"article-{sha256[:12]}"


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


__all__: Sequence[str] = ["Article", "Findings", "Ingester"]
