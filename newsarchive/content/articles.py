"""One article file read and checked: the rules every consumer of content/ shares.

Front matter is parsed by ``newsarchive.content.frontmatter`` and checked by
``newsarchive.content.schema`` (articles) or for a title (pages). The body, which the
schema does not see, may hold tabs and line breaks (a carriage return too, as
in a file saved with CRLF line ends) but no other control character and no
surrogate: a page, feed or search shard could not carry it, and a terminal
would act on it. Every problem of a file is reported at once, with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from newsarchive.content import frontmatter, provenance, schema
from newsarchive.content.fingerprints import story_key
from newsarchive.content.printable import printable
from newsarchive.content.slugs import is_slug

_NOT_BODY_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


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
    issues = [_locate(p, doc.key_lines) for p in problems] + body_issues(doc.body, doc.body_line)
    if issues:
        raise ArticleError(sorted(issues, key=lambda issue: issue.line or 0))
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
    """Pages (about, credits) need only a title; they are not archive records.

    Their texts and body follow the articles' character rules.
    """
    try:
        doc = frontmatter.parse(text)
    except frontmatter.FrontMatterError as err:
        raise ArticleError([Issue(err.describe(), err.line)]) from None
    issues = []
    title = doc.meta.get("title")
    if isinstance(title, str) and title and not title.strip():
        issues.append(
            Issue("title: is blank (only spaces); expected the page's title", _line(doc, "title"))
        )
    elif not isinstance(title, str) or not title.strip():
        issues.append(Issue("title: missing: this field is required", 2))
    issues += [_locate(p, doc.key_lines) for p in schema.text_problems(doc.meta)]
    issues += body_issues(doc.body, doc.body_line)
    if issues:
        raise ArticleError(sorted(issues, key=lambda issue: issue.line or 0))
    return doc


def body_issues(body: str, first_line: int) -> list[Issue]:
    """The body's control characters and surrogates, as one issue at the line of the first.

    ``first_line`` is the file's line where the body starts.
    """
    match = _NOT_BODY_TEXT.search(body)
    if match is None:
        return []
    count = len(_NOT_BODY_TEXT.findall(body))
    more = f" ({count} such characters in all)" if count > 1 else ""
    line = first_line + body.count("\n", 0, match.start())
    return [
        Issue(
            f"body: holds {schema.describe_character(match.group())}{more}; expected plain "
            "text, in which only tabs and line breaks may be control characters",
            line,
        )
    ]


def _line(doc: frontmatter.Document, key: str) -> int:
    return doc.key_lines.get(key, 2)


def _locate(problem: schema.Problem, key_lines: dict[str, int]) -> Issue:
    """The problem at the line of its top-level key (a key is named escaped, and may hold dots)."""
    shown = {printable(k): n for k, n in key_lines.items()}
    top = problem.field.split(".", 1)[0]
    line = shown.get(problem.field) or shown.get(top)
    return Issue(str(problem), line or (2 if not key_lines else min(key_lines.values())))
