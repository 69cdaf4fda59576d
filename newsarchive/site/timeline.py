"""How often something is mentioned, month by month, as an inline SVG bar chart.

The chart is plain markup: no JavaScript, no fonts, no external files, so it works
on GitHub Pages, in feeds and with scripts off. It scales with its container
(``viewBox`` and ``width="100%"``), takes its text colour from the page
(``currentColor``) and its bar colour from ``.timeline-bar`` in the theme, falling
back to #2c5f8a, which has 6.7:1 contrast on white.

Accessibility: the ``<svg>`` is named by its ``<title>`` and described by its
``<desc>`` (total and peak month). Every bar carries its own ``<title>``
("March 2018: 12 articles"), which browsers show on hover. When the bars link to
month pages, the chart is a ``role="group"`` rather than ``role="img"``: an image's
children are hidden from screen readers, and the links must stay reachable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from html import escape

DEFAULT_FILL = "#2c5f8a"
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# The drawing, in viewBox units; the browser scales it to the container's width.
_WIDTH, _HEIGHT = 720, 180
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 8, 12, 24
_PLOT_W = _WIDTH - _LEFT - _RIGHT
_PLOT_H = _HEIGHT - _TOP - _BOTTOM
_BASE = _TOP + _PLOT_H
_MAX_BAR_W = 40  # one month alone is a bar, not a wall
_MIN_BAR_H = 1  # a month with one article must stay visible and hoverable
_YEAR_LABEL_W = 40  # room for one "2018" at font-size 11 and a clear gap before the next
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")

_Months = list[tuple[tuple[int, int], int]]  # ((year, month), count), in chart order


def month_counts(dates: Iterable[dt.date]) -> list[tuple[str, int]]:
    """Articles per month as ("YYYY-MM", n), oldest first, empty months included as 0.

    Filling the gaps keeps a quiet month visible as a gap in the chart instead of
    silently joining its neighbours.
    """
    counts = Counter((d.year, d.month) for d in dates)
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    out: list[tuple[str, int]] = []
    while (year, month) <= last:
        out.append((f"{year:04d}-{month:02d}", counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def timeline_svg(
    counts: list[tuple[str, int]],
    *,
    label: str,
    undated: int = 0,
    link: Callable[[str], str] | None = None,
    id_prefix: str = "timeline",
) -> str:
    """An inline SVG bar chart of ``counts``, one bar per month, in the order given.

    ``label`` says what is counted ("Mentions of Kim Jong Un per month"); the
    title adds the span: "Mentions of Kim Jong Un per month, 2018-01 to 2021-12".
    ``undated`` articles cannot be placed on the axis; the description says how
    many there are. ``link("2018-03")`` gives the relative href of a month's page;
    only months with articles link, since an empty month has no page to go to.
    ``id_prefix`` makes the ids of the title and description unique: give each
    chart on a page its own.

    With no articles at all (empty ``counts`` or every month 0) the result is a
    ``<p class="timeline-empty">No dated articles</p>`` (naming the undated ones
    when there are some): an empty chart would say the same thing less clearly.
    """
    if not _ID.match(id_prefix):
        raise ValueError(f"id_prefix must be a letter then letters, digits, - or _: {id_prefix!r}")
    months = [(_parse_month(key), n) for key, n in counts]
    if any(n < 0 for _, n in months):
        raise ValueError("month counts must not be negative")
    total = sum(n for _, n in months)
    if total == 0:
        return _empty(undated)
    first, last = counts[0][0], counts[-1][0]
    span = first if first == last else f"{first} to {last}"
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    role = "img" if link is None else "group"
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {_WIDTH} {_HEIGHT}"'
        f' width="100%" role="{role}" aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{escape(f"{label}, {span}")}</title>',
        f'<desc id="{desc_id}">{escape(_summary(months, total, undated))}</desc>',
        _axes(months),
        _bars(months, link),
        "</svg>",
    ])  # fmt: skip


def _parse_month(key: str) -> tuple[int, int]:
    match = _MONTH_KEY.match(key)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"expected a month as YYYY-MM, got {key!r}")
    return int(match[1]), int(match[2])


def _month_name(month: tuple[int, int]) -> str:
    return f"{MONTH_NAMES[month[1] - 1]} {month[0]}"


def _articles(n: int) -> str:
    return f"{n:,} article" if n == 1 else f"{n:,} articles"


def _num(x: float) -> str:
    """A coordinate to one decimal, without a trailing .0: every bar repeats four of them."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _empty(undated: int) -> str:
    text = "No dated articles"
    if undated:
        text += f" ({_articles(undated)} without a date)"
    return f'<p class="timeline-empty">{text}.</p>'


def _summary(months: _Months, total: int, undated: int) -> str:
    """The chart in one sentence: total, range and the (earliest) busiest month."""
    peak_month, peak = max(months, key=lambda item: item[1])  # max keeps the first of equals
    start, end = _month_name(months[0][0]), _month_name(months[-1][0])
    span = f"in {start}" if start == end else f"from {start} to {end}"
    text = (
        f"{_articles(total)} {span}; the most in one month: {peak:,}, in {_month_name(peak_month)}."
    )
    if undated:
        text += f" {_articles(undated)} without a date are not shown."
    return text


def _geometry(n: int) -> tuple[float, float]:
    """Width of a month's slot and of its bar, for ``n`` months."""
    slot = _PLOT_W / n
    return slot, min(slot * 0.8, _MAX_BAR_W)


def _axes(months: _Months) -> str:
    """Baseline, a line at the maximum, the 0 and maximum values, and year ticks."""
    peak = max(n for _, n in months)
    right = _num(_WIDTH - _RIGHT)
    parts = [
        '<g class="timeline-axis" fill="currentColor" stroke="currentColor" font-size="11">',
        f'<path d="M{_LEFT} {_BASE}H{right}"/>',
        f'<path d="M{_LEFT} {_TOP}H{right}" stroke-opacity=".25"/>',
        f'<g stroke="none" text-anchor="end"><text x="{_LEFT - 4}" y="{_TOP + 4}">{peak:,}</text>',
        f'<text x="{_LEFT - 4}" y="{_BASE}">0</text></g>',
        _year_ticks(months),
        "</g>",
    ]
    return "".join(parts)


def _year_ticks(months: _Months) -> str:
    """A tick at each January; a label at every year, or every 2nd, 5th... when crowded.

    A chart that starts mid-year gets its year written at the left edge when there
    is room, so every chart says which years it shows.
    """
    slot, _ = _geometry(len(months))
    step = next((s for s in _YEAR_STEPS if s * 12 * slot >= _YEAR_LABEL_W), _YEAR_STEPS[-1])
    ticks: list[str] = []
    labels: list[tuple[float, int]] = []
    for i, ((year, month), _) in enumerate(months):
        if month != 1:
            continue
        x = _LEFT + i * slot
        ticks.append(f"M{_num(x)} {_BASE}v4")
        if year % step == 0:
            labels.append((x, year))
    first_year, first_month = months[0][0]
    if first_month != 1 and (not labels or labels[0][0] - _LEFT >= _YEAR_LABEL_W):
        labels.insert(0, (_LEFT, first_year))
    texts = [
        f'<text x="{_num(x + 2)}" y="{_HEIGHT - 6}">{year}</text>'
        for x, year in labels
        if x + _YEAR_LABEL_W - 4 <= _WIDTH  # a last label that would be cut off is left out
    ]
    path = f'<path d="{"".join(ticks)}"/>' if ticks else ""
    return path + f'<g stroke="none">{"".join(texts)}</g>'


def _bars(months: _Months, link: Callable[[str], str] | None) -> str:
    """One bar per month with articles, growing up from the baseline.

    The group is flipped (y up) so a bar needs no y attribute: with ``<title>``
    text and an optional link that keeps a bar well under 150 bytes.
    """
    slot, bar_w = _geometry(len(months))
    peak = max(n for _, n in months)
    width = _num(bar_w)
    parts = [
        f'<g class="timeline-bars" fill="{DEFAULT_FILL}" stroke="none"'
        f' transform="matrix(1 0 0 -1 0 {_BASE})">'
    ]
    for i, (month, n) in enumerate(months):
        if n == 0:
            continue
        x = _num(_LEFT + i * slot + (slot - bar_w) / 2)
        height = _num(max(n / peak * _PLOT_H, _MIN_BAR_H))
        rect = f'<rect class="timeline-bar" x="{x}" width="{width}" height="{height}"'
        title = f"<title>{_month_name(month)}: {_articles(n)}</title>"
        if link is None:
            parts.append(f"{rect}>{title}</rect>")
        else:
            href = escape(link(f"{month[0]:04d}-{month[1]:02d}"))
            parts.append(f'<a href="{href}">{title}{rect}/></a>')
    parts.append("</g>")
    return "".join(parts)
