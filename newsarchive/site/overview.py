"""The archive at a glance: the home page's figures, its two small charts, the subtitle's years.

The rules:

- The span is that of the dated articles (first and last date); undated ones count
  among the articles but cannot widen it. Entities and topics count when at least one
  article names them (a registry entry no article mentions is not part of the archive
  yet); sources are the distinct ``source`` names, exactly as written.
- Coverage by year is a bar per calendar year from the first to the last, empty years
  included (``timeline.bins``), each linking to its year's archive page; by source, a
  row per source, the busiest ``top`` first (then by name), the rest summed in one
  "other sources" row, each source linking to the search page filtered on it. Both
  charts are drawn for a 360-unit width, so their text stays legible on a phone; like
  the entity timeline, each is ``aria-hidden`` with its links out of the Tab order,
  since the page gives the same figures, with the same links, as a table.
- The subtitle's ``{years}`` (``fill_years``) becomes the span's years, "2018–2021", or
  "2019" for one year; with no dated article the placeholder goes, with the comma or
  dash before it, so no subtitle ends in a dangling separator.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from newsarchive.site import urls
from newsarchive.site.model import SiteModel
from newsarchive.site.timeline import MONTH_NAMES, NARROW, YEAR, Bin, bins, summary, timeline_svg

TOP_SOURCES = 8
YEARS = "{years}"
_BEFORE_YEARS = re.compile(r"[\s,;:–—-]*\{years\}")


@dataclass(frozen=True)
class Share:
    """One bar of a home chart and one row of its table: a name, a count, a page or None."""

    label: str
    count: int
    url: str | None  # site-relative; None for an empty year or the "other sources" row


@dataclass(frozen=True)
class Overview:
    """The home page's figures (see the module's rules)."""

    articles: int
    undated: int
    first: dt.date | None
    last: dt.date | None
    entities: int
    topics: int
    sources: int
    no_source: int  # articles naming no source
    years: tuple[Bin, ...]
    by_source: tuple[Share, ...]

    @property
    def first_text(self) -> str:
        return long_date(self.first) if self.first else ""

    @property
    def last_text(self) -> str:
        return long_date(self.last) if self.last else ""

    @property
    def year_summary(self) -> str:
        """The year chart in one sentence (``timeline.summary``)."""
        return summary(self.years, self.undated)

    @property
    def source_summary(self) -> str:
        """How many articles name how many sources, and how many name none."""
        named = self.articles - self.no_source
        text = f"{_articles(named)} from {self.sources:,} source{'' if self.sources == 1 else 's'}"
        if self.no_source:
            text += f"; {self.no_source:,} name{'s' if self.no_source == 1 else ''} none"
        return text + "."

    @property
    def by_year(self) -> list[Share]:
        return [
            Share(b.label, b.count, urls.year(b.start[0]) if b.count else None) for b in self.years
        ]


def overview(
    model: SiteModel[Any], source_of: Callable[[Any], str | None], top: int = TOP_SOURCES
) -> Overview:
    """The figures of ``model``; ``source_of(article)`` is an article's source, or None."""
    dates = [a.archive_date for a in model.articles if a.archive_date is not None]
    sources = Counter(s for s in map(source_of, model.articles) if s)
    return Overview(
        articles=len(model.articles),
        undated=len(model.undated),
        first=min(dates, default=None),
        last=max(dates, default=None),
        entities=sum(1 for items in model.by_entity.values() if items),
        topics=sum(1 for items in model.by_tag.values() if items),
        sources=len(sources),
        no_source=len(model.articles) - sum(sources.values()),
        years=tuple(bins(dates, YEAR)),
        by_source=tuple(source_shares(sources, top)),
    )


def source_shares(counts: Counter[str], top: int = TOP_SOURCES) -> list[Share]:
    """The ``top`` sources by count (then name), and one row summing the others."""
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0].casefold(), pair[0]))
    shares = [Share(name, n, urls.search_for(source=name)) for name, n in ranked[:top]]
    rest = ranked[top:]
    if rest:
        label = f"{len(rest):,} other source{'' if len(rest) == 1 else 's'}"
        shares.append(Share(label, sum(n for _, n in rest), None))
    return shares


def long_date(day: dt.date) -> str:
    """The site's date format ("2 January 2018"), without a platform-dependent strftime."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


# --- the subtitle ---------------------------------------------------------------------------


def years_text(dates: Iterable[dt.date]) -> str:
    """The span's years: "2018–2021", "2019" for one year, "" for no dates."""
    years = [d.year for d in dates]
    if not years:
        return ""
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


def fill_years(subtitle: str, dates: Iterable[dt.date]) -> str:
    """The subtitle with ``{years}`` filled (see the module's rules); other braces kept."""
    years = years_text(dates)
    if years:
        return subtitle.replace(YEARS, years)
    return _BEFORE_YEARS.sub("", subtitle)


# --- the charts -----------------------------------------------------------------------------


def year_chart(view: Overview, prefix: str = "") -> str:
    """Articles per year as bars (``timeline_svg`` on years), linking to the year pages."""
    return timeline_svg(
        view.years,
        label="Articles per year",
        undated=view.undated,
        link=lambda b: prefix + urls.year(b.start[0]),
        id_prefix="home-years",
        layout=NARROW,
    )


# The rows chart, in viewBox units: a name column, then the bar and its count.
_ROW_W, _ROW_H, _FONT = 360, 28, 13
_NAME_W, _BAR_X, _COUNT_W = 150, 156, 44
_NAME_CHARS = 20  # what fits in the name column at 13 units (0.55 em a letter)


def source_chart(shares: Sequence[Share], prefix: str = "") -> str:
    """Articles per source as horizontal bars, a row each, the name on the left.

    A name longer than the column is cut with an ellipsis; the row's tooltip and the
    table give it whole.
    """
    if not shares:
        return '<p class="timeline-empty">No article names its source.</p>'
    peak = max(s.count for s in shares) or 1
    height = _ROW_H * len(shares) + 4
    span = _ROW_W - _BAR_X - _COUNT_W
    rows = [_source_row(i, share, peak, span, prefix) for i, share in enumerate(shares)]
    summary = "; ".join(f"{s.label}: {_articles(s.count)}" for s in shares) + "."
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart source-chart"'
        f' viewBox="0 0 {_ROW_W} {height}" width="100%" aria-hidden="true" focusable="false"'
        ' aria-labelledby="home-sources-title" aria-describedby="home-sources-desc">',
        '<title id="home-sources-title">Articles per source</title>',
        f'<desc id="home-sources-desc">{escape(summary)}</desc>',
        f'<g class="timeline-axis" fill="currentColor" font-size="{_FONT}">',
        *rows,
        "</g></svg>",
    ])  # fmt: skip


def _source_row(index: int, share: Share, peak: int, span: float, prefix: str) -> str:
    top = 2 + index * _ROW_H
    text_y = _num(top + _ROW_H / 2 + _FONT * 0.35)
    width = _num(max(share.count / peak * span, 1))
    name = share.label
    if len(name) > _NAME_CHARS:
        name = name[: _NAME_CHARS - 1].rstrip() + "…"
    title = f"<title>{escape(share.label)}: {_articles(share.count)}</title>"
    body = (
        f'<text x="{_NAME_W}" y="{text_y}" text-anchor="end">{escape(name)}</text>'
        f'<rect class="timeline-bar" x="{_BAR_X}" y="{top + 5}" width="{width}"'
        f' height="{_ROW_H - 10}" fill="#2c5f8a"/>'
        f'<text x="{_num(_BAR_X + float(width) + 4)}" y="{text_y}">{share.count:,}</text>'
    )
    if share.url is None:
        return f"<g>{title}{body}</g>"
    hit = f'<rect x="0" y="{top}" width="{_ROW_W}" height="{_ROW_H}" fill-opacity="0"/>'
    return f'<a href="{escape(prefix + share.url)}" tabindex="-1">{title}{hit}{body}</a>'


def _articles(n: int) -> str:
    return f"{n:,} article" if n == 1 else f"{n:,} articles"


def _num(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


__all__ = [
    "TOP_SOURCES",
    "Overview",
    "Share",
    "fill_years",
    "long_date",
    "overview",
    "source_chart",
    "source_shares",
    "year_chart",
    "years_text",
]
