"""Site pages (``content/pages/**.md``): the rules that keep a page to a URL of its own.

A page is written at ``PAGE_SAVE_AS`` (``<slug>/index.html``) and linked from every
page's menu, so `invoke check` and the build (``plugins/archive_reader``) both refuse,
with the same message:

- a slug that is not a slug (lower-case letters, digits, single hyphens). The slug is
  the ``slug:`` field, else the file name; a ``/`` in it would let a page write over an
  article (``2019/02/some-article``) or any other file of the site;
- a slug that is a first URL segment the site itself uses (``Reserved``: the plugins'
  ``newsarchive.site.urls.SECTIONS`` and every path Pelican's settings name): a page
  ``entities`` would overwrite the entity index, a page ``search`` the search page,
  a page ``2019`` would sit among the articles' URLs;
- two pages with one slug (each file names the other);
- a ``template:`` field: every page uses the page template, and another template
  expects variables a page lacks (the build would fail, or show a broken page);
- any other field than ``title``, ``slug``, ``summary`` and ``status``: Pelican would
  act on some (``save_as``, ``url``) and a misspelt one would vanish unseen.

The front matter and the characters of every text are ``read_page``'s rules; the body
is rendered and sanitised like an article's. The summary is plain text.
"""

from __future__ import annotations

import html
import re
import runpy
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.content.articles import ArticleError, Issue, read_page
from newsarchive.content.slugs import is_slug
from newsarchive.site import urls

FIELDS = ("title", "slug", "summary", "status")
_PATH_SETTING = re.compile(r"(?:_SAVE_AS|_URL|^FEED_[A-Z_]+)$")
_DATE_FIELD = re.compile(r"^\{date[:}]")
_SETTINGS_FILE = Path(__file__).resolve().parents[2] / "pelican.conf.py"


@dataclass(frozen=True)
class Reserved:
    """The first URL segments a page may not take, and whether a year is one."""

    segments: frozenset[str]
    years: bool

    @classmethod
    def from_settings(
        cls, settings: Mapping[str, Any], defaults: Mapping[str, Any] | None = None
    ) -> Reserved:
        """The plugins' sections (``urls.SECTIONS``), plus every output path the settings
        name, as set or by default (``defaults``: Pelican's, which the caller has; this
        package does not import Pelican): a feature switched off here (Pelican's
        ``feeds/``, which publish.conf.py turns on) keeps its place, so check and every
        build agree. Years are reserved when articles' addresses start with one."""
        segments = set(urls.SECTIONS)
        for source in (defaults or {}, settings):
            paths = [v for k, v in source.items() if _PATH_SETTING.search(k)]
            paths += [source.get("THEME_STATIC_DIR"), *(source.get("STATIC_PATHS") or [])]
            segments.update(urls.first_segment(p) for p in paths if isinstance(p, str))
        return cls(
            frozenset(s for s in segments if is_slug(s)),
            bool(_DATE_FIELD.match(urls.ARTICLE_URL)),
        )

    def reason(self, slug: str) -> str | None:
        """Why a page may not have this slug, or None."""
        if slug in self.segments:
            return (
                f"slug: {slug!r} is a URL the site itself uses ({slug}/); "
                "expected a slug of the page's own"
            )
        if self.years and slug.isdigit():
            return (
                f"slug: {slug!r} would sit among the articles' URLs ({slug}/…); "
                "expected a slug with a letter in it"
            )
        return None


def site_settings() -> dict[str, Any]:
    """The build's settings file (``pelican.conf.py``) as `invoke check` sees it."""
    if not _SETTINGS_FILE.is_file():
        return {}
    return {k: v for k, v in runpy.run_path(str(_SETTINGS_FILE)).items() if k.isupper()}


@dataclass(frozen=True)
class Page:
    slug: str
    meta: dict[str, Any]  # what Pelican gets: title, slug, summary (escaped), status
    body: str
    slug_line: int


def read_site_page(text: str, path: Path, reserved: Reserved) -> Page:
    """A page read and checked; ArticleError lists every problem with its line."""
    doc = read_page(text)
    lines = doc.key_lines
    issues = [
        Issue(_field_problem(key), lines.get(key, 2)) for key in doc.meta if key not in FIELDS
    ]
    slug = doc.meta.get("slug", path.stem)
    slug_line = lines.get("slug", 1)
    problem = _slug_problem(slug, "slug" in doc.meta, reserved)
    if problem is not None:
        issues.append(Issue(problem, slug_line))
    if issues:
        raise ArticleError(sorted(issues, key=lambda issue: issue.line or 0))
    meta = {k: v for k, v in doc.meta.items() if k in FIELDS}
    meta["slug"] = slug
    if isinstance(meta.get("summary"), str):
        meta["summary"] = html.escape(meta["summary"])
    return Page(slug, meta, doc.body, slug_line)


def _field_problem(key: str) -> str:
    if key == "template":
        return (
            "template: pages use the page template; remove this field "
            "(another template expects what only its own pages have)"
        )
    return f"{key}: unexpected field; a page takes only {', '.join(FIELDS)}"


def _slug_problem(slug: object, written: bool, reserved: Reserved) -> str | None:
    if not isinstance(slug, str) or not is_slug(slug):
        where = "" if written else "the file name gives it; add a slug: field or rename the file, "
        return (
            f"slug: {slug!r} is not a slug ({where}expected lower-case letters, digits "
            "and single hyphens: the page's URL is <slug>/)"
        )
    return reserved.reason(slug)


def duplicate_page_slugs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Given (file, slug) pairs, (file, message) for each page whose slug another page has."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for name, slug in pairs:
        by_slug[slug].append(name)
    return [
        (
            name,
            f"slug: {slug!r} is already used by {', '.join(n for n in names if n != name)}; "
            "expected a slug no other page has",
        )
        for slug, names in by_slug.items()
        if len(names) > 1
        for name in names
    ]
