"""`invoke tags report`: how well the tag vocabulary's rules back the tags articles carry.

For every tag of the vocabulary, over the articles under ``content/articles``:

* tagged: articles whose front matter lists the tag;
* one weak hit: of those, the ones whose evidence under today's rules is a single
  hit of a rule that weighs less than the tag's min_score (``TagEvidence.weak``),
  so a maintainer sees which tags rest on passing words;
* no hit: tagged, but no rule of the tag matches at all (tagged by hand, or by
  rules since changed);
* suggested now: articles today's rules would tag, tagged or not, so a change of
  rules shows before a re-ingest;
* an example of each: the title of the tagged article with the strongest evidence
  and its strongest hit, and the first article (in path order) resting on one weak
  hit, with that hit.

Articles are read as ingest wrote them: the title, the body's paragraphs (the
first is the lede) and the captions. Files that cannot be read are counted, not
fatal: the report is for looking, ``invoke check`` is for failing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from newsarchive.content.frontmatter import FrontMatterError, parse
from newsarchive.content.registry import load_tags
from newsarchive.content.tagging import TagEvidence, TagHit, TagSuggester

_BLANK_LINES = re.compile(r"\n\s*\n")
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Example:
    """An article that illustrates a figure: its title and the hit that counts."""

    title: str
    hit: TagHit | None


@dataclass
class TagLine:
    """The report's figures for one tag."""

    tag_id: str
    name: str
    tagged: int = 0
    weak: int = 0
    unmatched: int = 0
    suggested: int = 0
    strongest: Example | None = None
    weak_example: Example | None = None
    strongest_score: float = -1.0


@dataclass(frozen=True)
class _Article:
    title: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass
class TagReport:
    """Every tag's line, plus what the report could not use."""

    lines: list[TagLine]
    articles: int
    unreadable: int
    unknown: dict[str, int]  # tags in front matter that the vocabulary lacks, and how often


def tag_report(content: Path) -> TagReport:
    """The report for the tag vocabulary and the articles under ``content``."""
    tags = load_tags(content)
    suggester = TagSuggester(tags)
    lines = {tag_id: TagLine(tag_id, tag.name) for tag_id, tag in tags.items()}
    unknown: dict[str, int] = {}
    articles, unreadable = _read_articles(content / "articles")
    for article in articles:
        evidence = {e.tag_id: e for e in suggester.assess(article.title, article.paragraphs)}
        _count(lines, article, evidence, unknown)
    return TagReport(list(lines.values()), len(articles), unreadable, unknown)


def _count(
    lines: Mapping[str, TagLine],
    article: _Article,
    evidence: Mapping[str, TagEvidence],
    unknown: dict[str, int],
) -> None:
    """Add one article to the lines of the tags it carries or would get."""
    for found in evidence.values():
        if found.accepted:
            lines[found.tag_id].suggested += 1
    for tag_id in dict.fromkeys(article.tags):
        line = lines.get(tag_id)
        if line is None:
            unknown[tag_id] = unknown.get(tag_id, 0) + 1
            continue
        line.tagged += 1
        found = evidence.get(tag_id)
        if found is None:
            line.unmatched += 1
            continue
        if found.weak:
            line.weak += 1
            if line.weak_example is None:
                line.weak_example = Example(article.title, found.strongest)
        if found.score > line.strongest_score:
            line.strongest_score = found.score
            line.strongest = Example(article.title, found.strongest)


def _read_articles(folder: Path) -> tuple[list[_Article], int]:
    """Articles in path order, and how many files could not be read."""
    articles, unreadable = [], 0
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
        try:
            document = parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, FrontMatterError):
            unreadable += 1
            continue
        articles.append(_article(document.meta, document.body))
    return articles, unreadable


def _article(meta: Mapping[str, object], body: str) -> _Article:
    """Title, paragraphs (body, then captions) and tags as the front matter gives them."""
    paragraphs = [_ESCAPE.sub(r"\1", p).strip() for p in _BLANK_LINES.split(body)]
    captions = meta.get("captions")
    if isinstance(captions, list):
        paragraphs += [str(caption) for caption in captions]
    tags = meta.get("tags")
    return _Article(
        title=str(meta.get("title") or ""),
        paragraphs=tuple(p for p in paragraphs if p),
        tags=tuple(str(tag) for tag in tags) if isinstance(tags, list) else (),
    )


# --- text -------------------------------------------------------------------------------

_HEADINGS = ("tag", "tagged", "one weak hit", "no hit", "suggested now")


def format_report(report: TagReport) -> str:
    """The report as text: a table, then each tag's examples."""
    width = max([len(_HEADINGS[0]), *(len(line.tag_id) for line in report.lines)])
    rows = [_row(_HEADINGS, width)]
    rows += [
        _row((line.tag_id, line.tagged, line.weak, line.unmatched, line.suggested), width)
        for line in report.lines
    ]
    examples = [text for line in report.lines for text in _examples(line)]
    footer = [f"{report.articles} articles read"]
    if report.unreadable:
        footer.append(f"{report.unreadable} files could not be read (see `invoke check`)")
    if report.unknown:
        shown = ", ".join(f"{tag} ({count})" for tag, count in sorted(report.unknown.items()))
        footer.append(f"tags not in the vocabulary: {shown}")
    return "\n".join([*rows, "", *examples, *([""] if examples else []), *footer])


def _row(cells: Iterable[object], width: int) -> str:
    first, *rest = [str(cell) for cell in cells]
    return f"{first:<{width}}  " + "  ".join(
        f"{cell:>{len(heading)}}" for cell, heading in zip(rest, _HEADINGS[1:], strict=True)
    )


def _examples(line: TagLine) -> list[str]:
    if line.strongest is None and line.weak_example is None:
        return []
    out = [f"{line.tag_id} ({line.name})"]
    if line.strongest is not None:
        out.append(f"  strongest: {_shown(line.strongest)}")
    if line.weak_example is not None:
        out.append(f"  one weak hit: {_shown(line.weak_example)}")
    return out


def _shown(example: Example) -> str:
    title = example.title or "(no title)"
    if example.hit is None:
        return f"{title!r}"
    return f"{title!r}: {example.hit.text!r} in the {example.hit.place}"
