"""`invoke check`: every rule the build applies to content/, without building.

One pass over the content folder: the entity, tag and source registries are loaded
once (``newsarchive.content.registry``; ``sources/`` is optional, and each source file
is checked against ``schemas/source.schema.json``), every article file is read once and checked with
``read_article`` against them (schema, YAML, unknown ids with did-you-mean),
then the rules across files run on what was read (``newsarchive.content.duplicates``)
and each file's place is checked against its front matter:

- ``content/articles/<year>/<slug>.md`` for a dated article, the year of its date;
- ``content/articles/undated/<slug>.md`` for ``date: unknown``;
- the file name (without ``.md``) equals the slug;
- no file the archive does not read anywhere under content/ (``.html`` or ``.rst``
  in ``articles/`` or ``pages/``, a stray script, a link: ``newsarchive.content.contentfiles``,
  whose rules and messages the build shares);
- pages as ``newsarchive.site.pages`` reads them (a slug of their own that no URL of
  the site uses, no ``template:``, no two pages with one slug), as the build does;
- no date in the future (a typo such as 2091 for 2019): a day of slack is
  allowed, so an article dated "today" in Seoul passes on a UTC machine;
- no body link to a content file that is no article or page, nor any ``{static}`` or
  ``{attach}`` link (``newsarchive.site.intrasite``: the build resolves links with
  Pelican, the check looks the paths up as Pelican does).

Each problem is one ``path:line: message`` line (the line of the field, 1 for a
whole-file problem), with every control character of the path or message shown
escaped (``\x1b``, ``\n``: ``newsarchive.content.printable``), so no input can split a
line or act on the terminal. With ``github=True`` (under GitHub Actions) each
problem is printed only as a GitHub workflow command
(``::error file=…,line=…,title=…::…``), escaped as GitHub documents, so it shows
on the pull request and nothing a contributor wrote can start a command of its own.

Large archives are read by a pool of worker processes (one per CPU), in chunks
of files; the result does not depend on how the work was split.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.content import contentfiles, frontmatter
from newsarchive.content.articles import ArticleError, read_article
from newsarchive.content.duplicates import duplicate_origins, duplicate_slugs, duplicate_stories
from newsarchive.content.fingerprints import NearDuplicates, signature, story_words
from newsarchive.content.registry import (
    RegistryError,
    RegistryProblem,
    load_entities,
    load_sources,
    load_synonyms,
    load_tags,
)
from newsarchive.content.schema import UNKNOWN_DATE
from newsarchive.site import intrasite
from newsarchive.site.checkreport import (
    BODY_LINK,
    DUPLICATE_ORIGIN,
    DUPLICATE_SLUG,
    FRONT_MATTER,
    FUTURE_DATE,
    LIKELY_DUPLICATE,
    PLACEMENT,
    REGISTRY,
    UNKNOWN_ID,
    Problem,
    Report,
)
from newsarchive.site.pages import Reserved, duplicate_page_slugs, read_site_page, site_settings
from newsarchive.site.rendering import render_body

ARTICLE_SUFFIX = contentfiles.MARKDOWN
# Below this many articles one process is quicker than starting a pool.
PARALLEL_THRESHOLD = 2000
CHUNK = 500
FUTURE_SLACK = dt.timedelta(days=1)
# A body that may hold a file marker once rendered: written out, or encoded as an entity or
# a percent escape (rendering decodes both); any other body is not rendered to look.
_MAY_LINK_FILES = re.compile(r"(?i)(?:filename|static|attach)[|}]|&#|%7b")


@dataclass(frozen=True)
class _Read:
    """What checking one article file gave: its problems, and its ids when it parsed."""

    path: Path
    problems: list[tuple[int, str, str]]
    slug: str | None = None
    origin: dict[str, Any] | None = None
    story: str | None = None
    signature: Any = None  # MinHash of the body, for near-duplicates
    slug_line: int = 1
    origin_line: int = 1
    links: tuple[str, ...] = ()  # its body's {filename} links, resolved once all files are known


def check_content(
    content: Path,
    *,
    shown: Callable[[Path], str] | None = None,
    today: dt.date | None = None,
    jobs: int | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Report:
    """Check a content folder (articles/, pages/, entities/, tags/) and report every problem.

    ``shown`` names a file in messages (default: relative to the working
    directory when the file is inside it, else absolute). ``jobs`` caps the
    worker processes for large archives (default: one per CPU). ``defaults`` are
    Pelican's default settings (the build has them; pages may not take a URL they
    name), given by the caller since this package does not import Pelican.
    """
    shown = shown or _shown
    today = today or dt.date.today()
    problems: list[Problem] = []

    entities, entity_count = _registry(content, "entities", load_entities, shown, problems)
    tags, tag_count = _registry(content, "tags", load_tags, shown, problems)
    _registry(content, "sources", load_sources, shown, problems)
    _registry(content, "synonyms", load_synonyms, shown, problems)

    articles_dir = content / "articles"
    found = contentfiles.scan(content)
    problems.extend(Problem(shown(path), 1, reason, PLACEMENT) for path, reason in found.refused)
    files = found.files["articles"]

    reads = _read_all(files, articles_dir, shown(articles_dir), entities, tags, today, jobs)
    for read in reads:
        path = shown(read.path)
        problems.extend(
            Problem(path, line, message, title) for line, message, title in read.problems
        )

    parsed = [read for read in reads if read.slug is not None]
    by_path = {shown(read.path): read for read in parsed}
    for dup in duplicate_slugs((name, read.slug) for name, read in by_path.items()):
        problems.append(Problem(dup.path, by_path[dup.path].slug_line, dup.message, DUPLICATE_SLUG))
    for dup in duplicate_origins((name, read.origin) for name, read in by_path.items()):
        problems.append(
            Problem(dup.path, by_path[dup.path].origin_line, dup.message, DUPLICATE_ORIGIN)
        )
    for dup in duplicate_stories((name, read.story) for name, read in by_path.items()):
        problems.append(
            Problem(dup.path, by_path[dup.path].origin_line, dup.message, DUPLICATE_ORIGIN)
        )

    page_problems, page_links = _check_pages(found.files["pages"], shown, defaults)
    problems.extend(page_problems)
    linking = [(read.path, read.links) for read in reads if read.links] + page_links
    problems.extend(_dead_links(content, [*files, *found.files["pages"]], linking, shown))

    warnings = _near_duplicates(parsed, shown)
    return Report(sorted(set(problems)), len(files), entity_count, tag_count, warnings)


def _near_duplicates(reads: list[_Read], shown: Callable[[Path], str]) -> list[Problem]:
    """Articles with nearly the same words (not the same story key: those are errors)."""
    if not any(read.signature is not None for read in reads):
        return []
    index = NearDuplicates()
    by_path = {read.path: read for read in reads}
    words: dict[Path, list[str]] = {}

    def words_of(path: Path) -> list[str]:
        if path not in words:
            words[path] = story_words(frontmatter.split(path.read_text(encoding="utf-8"))[1])
        return words[path]

    warnings = []
    for read in reads:
        if read.signature is None:
            continue
        for pair in index.add(read.path, read.signature, words_of):
            first, second = by_path[pair.first], by_path[pair.second]
            if first.story == second.story:
                continue
            for this, other in ((second, first), (first, second)):
                warnings.append(
                    Problem(
                        shown(this.path),
                        1,
                        f"nearly the same words as {shown(other.path)} (similarity "
                        f"{pair.similarity:.2f}): the same story filed twice? Keep one and list "
                        "the other's origin records under its origin.records",
                        LIKELY_DUPLICATE,
                        "warning",
                    )
                )
    return sorted(warnings)


# --- registries ---------------------------------------------------------------------------


def _registry(
    content: Path,
    kind: str,
    load: Callable[[Path], dict[str, Any]],
    shown: Callable[[Path], str],
    problems: list[Problem],
) -> tuple[frozenset[str] | None, int]:
    """A registry's ids (None when broken: its own problems are reported instead) and size."""
    folder = content / kind
    count = len(list(folder.glob("*.yaml"))) if folder.is_dir() else 0
    try:
        return frozenset(load(content)), count
    except RegistryError as err:
        problems.extend(_registry_problem(problem, shown) for problem in err.problems)
        return None, count


_LINE_PREFIX = re.compile(r"^line (\d+): (.*)$", re.S)
_AT_LINE = re.compile(r"\bat line (\d+)\b")
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)(?:\[\d+\])?: ")


def _registry_problem(problem: RegistryProblem, shown: Callable[[Path], str]) -> Problem:
    """A registry problem at the line it concerns: the YAML error's line, or the field's."""
    reason = problem.reason
    line = 1
    if match := _LINE_PREFIX.match(reason):
        line, reason = int(match.group(1)), match.group(2)
    elif match := _AT_LINE.search(reason):
        line = int(match.group(1))
    elif (match := _FIELD.match(reason)) and problem.path.is_file():
        line = _field_line(problem.path, match.group(1))
    return Problem(shown(problem.path), line, reason, REGISTRY)


def _field_line(path: Path, field: str) -> int:
    key = re.compile(rf"^{re.escape(field)}\s*:")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(text.splitlines(), start=1):
        if key.match(line):
            return number
    return 1


# --- articles -----------------------------------------------------------------------------


def _read_all(
    files: Sequence[Path],
    root: Path,
    label: str,
    entities: frozenset[str] | None,
    tags: frozenset[str] | None,
    today: dt.date,
    jobs: int | None,
) -> list[_Read]:
    workers = min(jobs or os.cpu_count() or 1, -(-len(files) // CHUNK))
    if len(files) < PARALLEL_THRESHOLD or workers < 2:
        return _read_chunk(files, root, label, entities, tags, today)
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_read_chunk, chunk, root, label, entities, tags, today) for chunk in chunks
        ]
        return [read for future in futures for read in future.result()]


def _read_chunk(
    files: Iterable[Path],
    root: Path,
    label: str,
    entities: frozenset[str] | None,
    tags: frozenset[str] | None,
    today: dt.date,
) -> list[_Read]:
    return [_read_article(path, root, label, entities, tags, today) for path in files]


def _read_article(
    path: Path,
    root: Path,
    label: str,
    entities: frozenset[str] | None,
    tags: frozenset[str] | None,
    today: dt.date,
) -> _Read:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        return _Read(
            path, [(1, f"not UTF-8 text: undecodable byte at offset {err.start}", FRONT_MATTER)]
        )
    problems: list[tuple[int, str, str]] = []
    try:
        article = read_article(text, entities=entities, tags=tags)
    except ArticleError as err:
        problems = [(issue.line or 1, issue.message, _title(issue.message)) for issue in err.issues]
        if any(title != UNKNOWN_ID for _, _, title in problems):
            return _Read(path, problems)
        # Only ids are wrong: the rest of the file is sound, so check its place too.
        article = read_article(text)
    lines = article.key_lines
    problems += _placement(path, root, label, article.slug, article.date, lines)
    if article.date is not None and article.date > today + FUTURE_SLACK:
        problems.append(
            (
                lines.get("date", 1),
                f"date: {article.date.isoformat()} is in the future; "
                "expected the date the article was published",
                FUTURE_DATE,
            )
        )
    refused, links = _body_links(article.body)
    problems += [(1, message, BODY_LINK) for message in refused]
    return _Read(
        path,
        problems,
        links=links,
        slug=article.slug,
        origin=article.meta.get("origin"),
        story=article.story,
        signature=signature(story_words(article.body)),
        slug_line=lines.get("slug", 1),
        origin_line=lines.get("origin", 1),
    )


def _placement(
    path: Path, root: Path, label: str, slug: str, date: dt.date | None, lines: dict[str, int]
) -> list[tuple[int, str, str]]:
    """Where the file must be, from its date and slug: articles/<year>/<slug>.md."""
    folder = contentfiles.article_folder(date)
    expected = root / folder / f"{slug}{ARTICLE_SUFFIX}"
    if path == expected:
        return []
    where = f"{label}/{folder}/{slug}{ARTICLE_SUFFIX}"
    problems = []
    if path.stem != slug:
        problems.append(
            (
                lines.get("slug", 1),
                f"slug: {slug!r} differs from the file name {path.name!r}; expected the file "
                f"to be named {slug}{ARTICLE_SUFFIX} (rename it, or change the slug)",
                PLACEMENT,
            )
        )
    if path.parent != root / folder:
        date_text = UNKNOWN_DATE if date is None else date.isoformat()
        problems.append(
            (
                lines.get("date", 1),
                f"date: {date_text} puts the article in {label}/{folder}/, "
                f"but the file is in {(Path(label) / path.parent.relative_to(root)).as_posix()}/; "
                f"move it to {where}",
                PLACEMENT,
            )
        )
    return problems


def _title(message: str) -> str:
    head = message.split(";", 1)[0]
    if head.startswith(("entities: unknown", "tags: unknown")):
        return UNKNOWN_ID
    return FRONT_MATTER


def _body_links(body: str) -> tuple[list[str], tuple[str, ...]]:
    """A body's refused file links (their problem lines) and its ``{filename}`` links, as
    the build renders it; a body naming no marker is not rendered."""
    if not _MAY_LINK_FILES.search(body):
        return [], ()
    refused, links = intrasite.split_links(render_body(body))
    return refused, tuple(links)


def _dead_links(
    content: Path,
    files: Sequence[Path],
    linking: Sequence[tuple[Path, tuple[str, ...]]],
    shown: Callable[[Path], str],
) -> list[Problem]:
    """A problem for each ``{filename}`` link that names none of ``files`` (the articles
    and pages)."""
    known = {path.relative_to(content).as_posix() for path in files}
    problems = []
    for path, links in linking:
        folder = path.parent.relative_to(content).as_posix()
        for link in links:
            if not any(target in known for target in intrasite.link_targets(link, folder)):
                problems.append(Problem(shown(path), 1, intrasite.unresolved(link), BODY_LINK))
    return problems


def _check_pages(
    pages: Sequence[Path], shown: Callable[[Path], str], defaults: Mapping[str, Any] | None
) -> tuple[list[Problem], list[tuple[Path, tuple[str, ...]]]]:
    """Every page read as the build reads it, then no two with one slug; and the pages'
    ``{filename}`` links."""
    reserved = Reserved.from_settings(site_settings(), defaults)
    problems: list[Problem] = []
    linking: list[tuple[Path, tuple[str, ...]]] = []
    slugs: dict[str, tuple[str, int]] = {}
    for path in pages:
        name = shown(path)
        try:
            page = read_site_page(path.read_bytes().decode("utf-8"), path, reserved)
        except UnicodeDecodeError as err:
            problems.append(
                Problem(name, 1, f"not UTF-8 text: undecodable byte at offset {err.start}")
            )
        except ArticleError as err:
            problems.extend(Problem(name, issue.line or 1, issue.message) for issue in err.issues)
        else:
            slugs[name] = (page.slug, page.slug_line)
            refused, links = _body_links(page.body)
            problems.extend(Problem(name, 1, message, BODY_LINK) for message in refused)
            if links:
                linking.append((path, links))
    for name, message in duplicate_page_slugs((n, slug) for n, (slug, _) in slugs.items()):
        problems.append(Problem(name, slugs[name][1], message, DUPLICATE_SLUG))
    return problems, linking


def _shown(path: Path) -> str:
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()
