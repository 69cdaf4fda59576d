"""One article file read and checked: the rules every consumer of content/ shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from newsarchive import frontmatter, provenance, schema
from newsarchive.fingerprints import story_key
from newsarchive.slugs import is_slug


@dataclass(frozen=True)
class Issue:
    """A problem at a line of a file; str() gives the `line N: field: message` form."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class ArticleError(ValueError):
    """Every problem found in one file, so a contributor fixes them in one pass."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


@dataclass(frozen=True)
class Article:
    meta: dict[str, Any]
    body: str
    date: dt.date | None
    key_lines: dict[str, int]

    @property
    def slug(self) -> str:
        return self.meta["slug"]

    @property
    def undated(self) -> bool:
        return self.date is None

    @property
    def story(self) -> str | None:
        """The story key: as ingest stored it, else from the body's words (hand-written files)."""
        return provenance.story(self.meta.get("origin")) or story_key(self.body)


def read_article(
    text: str,
    *,
    entities: Collection[str] | None = None,
    tags: Collection[str] | None = None,
) -> Article:
    """Parse and validate an article; raise ArticleError listing all its problems.

    ``entities`` and ``tags`` are the registry ids the article's lists must come
    from; None skips that check (no registry at hand, or a broken one already
    reported on its own).
    """
    try:
        doc = frontmatter.parse(text)
    except frontmatter.FrontMatterError as err:
        raise ArticleError([Issue(err.describe(), err.line)]) from None
    meta = schema.coerce(doc.meta)
    problems = schema.validate(meta)
    problems += unknown_ids(meta, "entities", "entity", entities)
    problems += unknown_ids(meta, "tags", "tag", tags)
    if problems:
        located = [_locate(p, doc.key_lines) for p in problems]
        raise ArticleError(sorted(located, key=lambda issue: issue.line or 0))
    return Article(
        meta=meta,
        body=doc.body,
        date=schema.parse_date(meta["date"]),
        key_lines=doc.key_lines,
    )


def unknown_ids(
    meta: dict[str, Any], field: str, noun: str, known: Collection[str] | None
) -> list[schema.Problem]:
    """The ids in ``meta[field]`` that the registry lacks, as one problem with did-you-means.

    Values the schema already rejects (not a list, not slugs) are left to it,
    so one mistake is not reported twice.
    """
    values = meta.get(field)
    if known is None or not isinstance(values, list):
        return []
    unknown = [v for v in values if isinstance(v, str) and is_slug(v) and v not in known]
    if not unknown:
        return []
    choices = sorted(known)
    shown = ", ".join(f"{v!r}{schema.did_you_mean(v, choices)}" for v in unknown)
    if len(unknown) == 1:
        fix = f"add content/{field}/{unknown[0]}.yaml or fix the id"
        return [schema.Problem(field, f"unknown {noun} {shown}; {fix}")]
    fix = f"add content/{field}/<id>.yaml for each or fix the ids"
    return [schema.Problem(field, f"unknown {field} {shown}; {fix}")]


def read_page(text: str) -> frontmatter.Document:
    """Pages (about, credits) need only a title; they are not archive records."""
    try:
        doc = frontmatter.parse(text)
    except frontmatter.FrontMatterError as err:
        raise ArticleError([Issue(err.describe(), err.line)]) from None
    title = doc.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ArticleError([Issue("title: missing: this field is required", 2)])
    return doc


def _locate(problem: schema.Problem, key_lines: dict[str, int]) -> Issue:
    top = problem.field.split(".", 1)[0]
    return Issue(str(problem), key_lines.get(top, 2 if not key_lines else min(key_lines.values())))
