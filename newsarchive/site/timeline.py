"""How often something is mentioned over time, as inline SVG bar charts for two widths.

The rules:

- Periods are calendar ones (``Scale``): a month, a quarter, a year, or n years starting
  at a multiple of n (2018–2019, 2020–2021). ``bins`` counts dates into them, empty periods
  between the first and the last included as 0, so a quiet spell shows as a gap instead of
  silently joining its neighbours.
- Two charts of the same dates: the wide one (a desktop, ``WIDE``) has a bar per month
  while the span is at most ``WIDE_BARS`` (52) months, else the finest coarser scale
  that fits in 52 bars (20 years: a bar per year); every column is at least ``MIN_SLOT``
  units, a 24 px target, so a chart of more columns than its width holds is drawn wider
  and its box scrolls sideways (the shipped 48 months: 1,306 px). The narrow one (a phone, ``NARROW``, its viewBox sized for a 360 px column) takes the
  finest of month, quarter, year, 2, 5, 10… years that fits the span into at most
  ``NARROW_BARS`` (12) bars (``narrow_scale``): 2018-01 to 2020-12 is 12 quarters, 2018 to
  2021 four years, 1990 to 2021 seven 5-year bars. So every column of the narrow chart is
  at least 24 px wide on a 360 px screen, and the whole column (not only the bar) is the
  link, a target a thumb can hit. The page shows one of the two by a CSS media query.
- Text is at least 11 px where the chart shows: font sizes are in viewBox units, chosen
  for the smallest width each chart is shown at (the wide one from 40rem, about 600 px of
  column). The narrow chart writes each bar's count above it when every count fits its
  column; otherwise, like the wide chart, it marks the maximum and 0 on a vertical axis.
- Plain markup: no script, no fonts, no external files. The chart takes its text colour
  from the page (``currentColor``) and its bar colour from ``.timeline-bar`` in the theme,
  falling back to #2c5f8a (6.7:1 on white).
- Accessibility: a chart repeats what the page says in text, the caption (``summary``)
  and a table of the same periods linking to the same places, so the ``<svg>`` is
  ``aria-hidden`` and its links are out of the Tab order (``tabindex="-1"``): a keyboard
  or screen reader user meets each destination once, in the table. The ``<title>`` of
  each bar ("March 2018: 12 articles") is the pointer user's tooltip.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape

DEFAULT_FILL = "#2c5f8a"
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
NARROW_BARS = 12  # 12 columns of a 360 px chart are 27 px each, 24 px at 324 px of column
WIDE_BARS = 52  # four years and a season of months: at most ~1,400 px of chart to scroll
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_DIGIT_EM = 0.62  # the width of a digit or comma of system-ui, in ems (generous)

YearMonth = tuple[int, int]


# --- periods -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """A period's length in months: 1 (a month), 3 (a quarter) or 12·n (n calendar years)."""

    months: int

    @property
    def name(self) -> str:
        """What one period is called in a sentence ("the most in one quarter")."""
        if self.months in _SUB_YEAR:
            return _SUB_YEAR[self.months]
        years = self.months // 12
        return "year" if years == 1 else f"{years} years"

    def start(self, month: YearMonth) -> YearMonth:
        """The first month of the period holding ``month``."""
        year, number = month
        if self.months < 12:
            return year, number - (number - 1) % self.months
        years = self.months // 12
        return year - year % years, 1

    def after(self, start: YearMonth) -> YearMonth:
        """The first month of the next period."""
        index = start[0] * 12 + start[1] - 1 + self.months
        return index // 12, index % 12 + 1

    def count(self, first: YearMonth, last: YearMonth) -> int:
        """How many periods from the one holding ``first`` to the one holding ``last``."""
        a, b = self.start(first), self.start(last)
        return ((b[0] - a[0]) * 12 + b[1] - a[1]) // self.months + 1


_SUB_YEAR = {1: "month", 3: "quarter"}
MONTH, QUARTER, YEAR = Scale(1), Scale(3), Scale(12)
#: The narrow chart's scales, finest first (``narrow_scale`` takes the first that fits).
NARROW_SCALES = (MONTH, QUARTER, *(Scale(12 * n) for n in _YEAR_STEPS))


@dataclass(frozen=True)
class Bin:
    """One period and how many dates fall in it: one bar of a chart, one row of its table."""

    start: YearMonth
    scale: Scale
    count: int

    @property
    def months(self) -> list[YearMonth]:
        out, month = [], self.start
        for _ in range(self.scale.months):
            out.append(month)
            month = MONTH.after(month)
        return out

    @property
    def label(self) -> str:
        """The period in words: "December 2018", "October–December 2018", "2018", "2010–2019"."""
        year, month = self.start
        if self.scale.months == 1:
            return f"{MONTH_NAMES[month - 1]} {year}"
        if self.scale.months < 12:
            end = self.months[-1]
            return f"{MONTH_NAMES[month - 1]}–{MONTH_NAMES[end[1] - 1]} {year}"
        years = self.scale.months // 12
        return str(year) if years == 1 else f"{year}–{year + years - 1}"

    @property
    def filters(self) -> dict[str, list[str]]:
        """The search page's filters for this period: its months, or its years."""
        if self.scale.months < 12:
            return {"month": [f"{y:04d}-{m:02d}" for y, m in self.months]}
        return {"year": [str(self.start[0] + i) for i in range(self.scale.months // 12)]}


def bins(dates: Iterable[dt.date], scale: Scale = MONTH) -> list[Bin]:
    """Dates counted per period of ``scale``, oldest first, empty periods included as 0."""
    return binned(month_counts(dates), scale)


def month_counts(dates: Iterable[dt.date]) -> Counter[tuple[int, int]]:
    """Dates counted per (year, month): what ``binned`` counts periods of any scale from,
    so an entity's thousands of dates are read once for its three charts."""
    return Counter((d.year, d.month) for d in dates)


def binned(months: Mapping[tuple[int, int], int], scale: Scale = MONTH) -> list[Bin]:
    """``bins`` of the dates ``months`` counts (``month_counts``)."""
    counts: Counter[tuple[int, int]] = Counter()
    for month, count in months.items():
        counts[scale.start(month)] += count
    if not counts:
        return []
    start, last = min(counts), max(counts)
    out: list[Bin] = []
    while start <= last:
        out.append(Bin(start, scale, counts.get(start, 0)))
        start = scale.after(start)
    return out


def narrow_scale(months: Sequence[Bin], bars: int = NARROW_BARS) -> Scale:
    """The finest scale that puts the span of ``months`` (a ``bins`` result) in ``bars`` bars."""
    if not months:
        return MONTH
    first, last = months[0].start, months[-1].months[-1]
    return next((s for s in NARROW_SCALES if s.count(first, last) <= bars), NARROW_SCALES[-1])


def summary(periods: Sequence[Bin], undated: int = 0) -> str:
    """The chart in one sentence: total, span and the (earliest) busiest period."""
    total = sum(b.count for b in periods)
    if total == 0:
        return empty_text(undated)
    peak = max(periods, key=lambda b: b.count)  # max keeps the first of equals
    start, end = periods[0].label, periods[-1].label
    span = f"in {start}" if start == end else f"from {start} to {end}"
    text = f"{_articles(total)} {span}; the most in one {periods[0].scale.name}: "
    text += f"{peak.count:,}, in {peak.label}."
    if undated:
        text += f" {_articles(undated)} without a date {'is' if undated == 1 else 'are'} not shown."
    return text


def empty_text(undated: int) -> str:
    text = "No dated articles"
    if undated:
        text += f" ({_articles(undated)} without a date)"
    return text + "."


def _articles(n: int) -> str:
    return f"{n:,} article" if n == 1 else f"{n:,} articles"


# --- drawing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """A chart's drawing in viewBox units; the browser scales it to the column's width."""

    width: int
    height: int
    font: int  # at the smallest width the chart is shown at, at least 11 px
    max_bar: int  # one period alone is a bar, not a wall
    axis_left: int  # room for the maximum's value on the vertical axis
    top: int = 8
    bottom: int = 26
    right: int = 6
    counts_above: bool = False  # write each count above its bar when all fit
    min_px: int = 0  # a widened chart's minimum CSS width (``fitted``); 0: the column's width

    @property
    def year_label(self) -> float:
        """Room for one "2018" and a gap before the next."""
        return self.font * (4 * _DIGIT_EM + 0.8)


#: A column (a bar's whole link) is at least this many viewBox units wide, and a chart that
#: needs more room than its layout's width is drawn wider, with a minimum width in CSS px
#: equal to its viewBox: 1 unit is then at least 1 px, every column a 24 px target (WCAG
#: 2.2 target size), and its box scrolls sideways (``scrolls``) rather than thin the bars.
MIN_SLOT = 26
#: From 40rem (about 600 px of column: 0.83 px a unit), 14 units are 11.7 px and more.
WIDE = Layout(width=720, height=180, font=14, max_bar=40, axis_left=52)
#: Up to 40rem; at 324 px of column (a 360 px phone) 0.9 px a unit, 13 units are 11.7 px.
NARROW = Layout(width=360, height=200, font=13, max_bar=48, axis_left=40, counts_above=True)


@dataclass(frozen=True)
class _Frame:
    """Where the plot sits for one chart: left edge, column width, bar width, baseline."""

    layout: Layout
    left: float
    slot: float
    bar: float
    top: float
    counts_above: bool

    @property
    def base(self) -> float:
        return self.layout.height - self.layout.bottom

    @property
    def plot_h(self) -> float:
        return self.base - self.top


def timeline_svg(
    periods: Sequence[Bin],
    *,
    label: str,
    undated: int = 0,
    link: Callable[[Bin], str] | None = None,
    id_prefix: str = "timeline",
    layout: Layout = WIDE,
) -> str:
    """An inline SVG bar chart of ``periods`` (a ``bins`` result), one bar per period.

    ``label`` says what is counted ("Articles mentioning Kim Jong Un per month"); the
    title adds the span. ``undated`` articles cannot be placed on the axis; the
    description says how many there are. ``link(bin)`` gives the relative href of a
    period's articles; only periods with articles link. ``id_prefix`` makes the ids of
    the title and description unique: give each chart on a page its own.

    With nothing to draw (no periods, or every count 0) the result is a
    ``<p class="timeline-empty">`` sentence: an empty chart would say the same less clearly.
    """
    if not _ID.match(id_prefix):
        raise ValueError(f"id_prefix must be a letter then letters, digits, - or _: {id_prefix!r}")
    if any(b.count < 0 for b in periods):
        raise ValueError("counts must not be negative")
    if sum(b.count for b in periods) == 0:
        return f'<p class="timeline-empty">{empty_text(undated)}</p>'
    layout = fitted(layout, len(periods))
    frame = _frame(periods, layout)
    first, last = periods[0].label, periods[-1].label
    wider = f' style="min-width:{layout.min_px}px"' if layout.min_px else ""
    span = first if first == last else f"{first} to {last}"
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart"'
        f' viewBox="0 0 {layout.width} {layout.height}" width="100%"{wider} aria-hidden="true"'
        f' focusable="false" aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{escape(f"{label}, {span}")}</title>',
        f'<desc id="{desc_id}">{escape(summary(periods, undated))}</desc>',
        _axes(periods, frame),
        _bars(periods, frame, link),
        "</svg>",
    ])  # fmt: skip


def fitted(layout: Layout, periods: int) -> Layout:
    """The layout, widened when ``periods`` columns of ``MIN_SLOT`` do not fit its plot."""
    need = math.ceil(layout.axis_left + layout.right + periods * MIN_SLOT)
    if need <= layout.width:
        return layout
    return replace(layout, width=need, min_px=need)


def scrolls(layout: Layout, periods: int) -> bool:
    """Whether the chart of ``periods`` columns is wider than its layout (its box scrolls)."""
    return fitted(layout, periods).width > layout.width


def _frame(periods: Sequence[Bin], layout: Layout) -> _Frame:
    """Counts above the bars when the layout asks for them and every one fits its column;
    else a vertical axis marking the maximum and 0, which needs room on the left."""
    if layout.counts_above:
        slot = (layout.width - layout.right - layout.right) / len(periods)
        widest = max(len(f"{b.count:,}") for b in periods) * _DIGIT_EM * layout.font
        if widest <= slot - 2:
            top = layout.top + layout.font + 4
            return _Frame(layout, layout.right, slot, _bar(slot, layout), top, True)
    slot = (layout.width - layout.axis_left - layout.right) / len(periods)
    return _Frame(layout, layout.axis_left, slot, _bar(slot, layout), layout.top, False)


def _bar(slot: float, layout: Layout) -> float:
    return min(slot * 0.8, layout.max_bar)


def _num(x: float) -> str:
    """A coordinate to one decimal, without a trailing .0: every bar repeats several."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _height(count: int, peak: int, frame: _Frame) -> float:
    return max(count / peak * frame.plot_h, 1)  # one article must stay visible


def _axes(periods: Sequence[Bin], frame: _Frame) -> str:
    """Baseline, a line at the maximum, the values (on the axis or above the bars), years."""
    layout = frame.layout
    peak = max(b.count for b in periods)
    left, right, base = _num(frame.left), _num(layout.width - layout.right), _num(frame.base)
    parts = [
        f'<g class="timeline-axis" fill="currentColor" stroke="currentColor"'
        f' font-size="{layout.font}">',
        f'<path d="M{left} {base}H{right}"/>',
        f'<path d="M{left} {_num(frame.top)}H{right}" stroke-opacity=".25"/>',
    ]
    if frame.counts_above:
        parts.append(_counts_above(periods, frame, peak))
    else:
        x = _num(frame.left - 4)
        parts.append(
            f'<g stroke="none" text-anchor="end"><text x="{x}" y="{_num(frame.top + 4)}">'
            f'{peak:,}</text><text x="{x}" y="{base}">0</text></g>'
        )
    parts += [_year_ticks(periods, frame), "</g>"]
    return "".join(parts)


def _counts_above(periods: Sequence[Bin], frame: _Frame, peak: int) -> str:
    texts = []
    for i, period in enumerate(periods):
        if period.count:
            x = _num(frame.left + (i + 0.5) * frame.slot)
            y = _num(frame.base - _height(period.count, peak, frame) - 4)
            texts.append(f'<text x="{x}" y="{y}">{period.count:,}</text>')
    return f'<g stroke="none" text-anchor="middle">{"".join(texts)}</g>'


def _year_ticks(periods: Sequence[Bin], frame: _Frame) -> str:
    """A tick where a year starts; its label at every year, or every 2nd, 5th… when crowded.

    A period of a year or more is labelled under its middle; shorter ones at the tick.
    A chart that starts mid-year gets its year at the left edge when there is room, so
    every chart says which years it shows.
    """
    layout, scale = frame.layout, periods[0].scale
    per_year = 12 / scale.months  # columns a year takes (below 1 for n-year periods)
    room = layout.year_label
    step = next((s for s in _YEAR_STEPS if s * per_year * frame.slot >= room), _YEAR_STEPS[-1])
    centred = scale.months >= 12
    ticks: list[str] = []
    labels: list[tuple[float, int]] = []
    for i, period in enumerate(periods):
        year, month = period.start
        if month != 1:
            continue
        x = frame.left + i * frame.slot
        ticks.append(f"M{_num(x)} {_num(frame.base)}v4")
        if year % step == 0:
            labels.append((x + frame.slot / 2 if centred else x + 2, year))
    first_year, first_month = periods[0].start
    if first_month != 1 and (not labels or labels[0][0] - frame.left >= room):
        labels.insert(0, (frame.left + 2, first_year))
    y = _num(layout.height - 7)
    anchor = ' text-anchor="middle"' if centred else ""
    texts = [
        f'<text x="{_num(x)}" y="{y}">{year}</text>'
        for x, year in labels
        if (x + room / 2 if centred else x + room - 6) <= layout.width  # none cut off
    ]
    path = f'<path d="{"".join(ticks)}"/>' if ticks else ""
    return path + f'<g stroke="none"{anchor}>{"".join(texts)}</g>'


def _bars(periods: Sequence[Bin], frame: _Frame, link: Callable[[Bin], str] | None) -> str:
    """One bar per period with articles, growing up from the baseline.

    The group is flipped (y up) so a rect needs no y attribute. A linked period's link
    holds a transparent rect over its whole column too, the target a pointer or a thumb
    hits; it is out of the Tab order, since the table below the chart has the same link.
    """
    peak = max(b.count for b in periods)
    width = _num(frame.bar)
    parts = [
        f'<g class="timeline-bars" fill="{DEFAULT_FILL}" stroke="none"'
        f' transform="matrix(1 0 0 -1 0 {_num(frame.base)})">'
    ]
    for i, period in enumerate(periods):
        if period.count == 0:
            continue
        column = frame.left + i * frame.slot
        x = _num(column + (frame.slot - frame.bar) / 2)
        height = _num(_height(period.count, peak, frame))
        bar = f'<rect class="timeline-bar" x="{x}" width="{width}" height="{height}"/>'
        title = f"<title>{escape(period.label)}: {_articles(period.count)}</title>"
        if link is None:
            parts.append(f"<g>{title}{bar}</g>")
            continue
        hit = (
            f'<rect class="timeline-hit" x="{_num(column)}" width="{_num(frame.slot)}"'
            f' height="{_num(frame.plot_h)}" fill-opacity="0"/>'
        )
        href = escape(link(period))
        parts.append(f'<a href="{href}" tabindex="-1">{title}{hit}{bar}</a>')
    parts.append("</g>")
    return "".join(parts)


__all__ = [
    "DEFAULT_FILL",
    "MIN_SLOT",
    "MONTH",
    "NARROW",
    "NARROW_BARS",
    "NARROW_SCALES",
    "QUARTER",
    "WIDE",
    "WIDE_BARS",
    "YEAR",
    "Bin",
    "Layout",
    "Scale",
    "binned",
    "bins",
    "empty_text",
    "fitted",
    "month_counts",
    "narrow_scale",
    "scrolls",
    "summary",
    "timeline_svg",
]
