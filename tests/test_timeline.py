"""The mention timeline: periods with gaps filled, the narrow chart's scale, and small,
legible, tappable, safe SVG charts whose bars lead where their table rows lead."""

from __future__ import annotations

import datetime as dt
import random
import re
import xml.etree.ElementTree as ET

import pytest

from newsarchive.site.timeline import (
    DEFAULT_FILL,
    MONTH,
    NARROW,
    NARROW_BARS,
    NARROW_SCALES,
    QUARTER,
    WIDE,
    YEAR,
    Bin,
    Scale,
    binned,
    bins,
    fitted,
    month_counts,
    narrow_scale,
    scrolls,
    summary,
    timeline_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """Parse as XML: proves the markup is well-formed, not just that it looks right."""
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}rect[@class='timeline-bar']")


def links(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}a")


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def ids(svg: str) -> set[str]:
    return set(re.findall(r' id="([^"]+)"', svg))


def month_bins(counts: list[tuple[str, int]]) -> list[Bin]:
    return [Bin((int(key[:4]), int(key[5:7])), MONTH, n) for key, n in counts]


def twenty_years() -> list[Bin]:
    return month_bins(
        [(f"{y}-{m:02d}", 1000 + y + m) for y in range(2002, 2022) for m in range(1, 13)]
    )


def days(*pairs: tuple[int, int]) -> list[dt.date]:
    return [dt.date(y, m, 15) for y, m in pairs]


# --- periods -------------------------------------------------------------------------------


def test_months_are_counted_with_gaps_filled_across_a_year_end() -> None:
    dates = [dt.date(2018, 11, 3), dt.date(2019, 2, 1), dt.date(2018, 11, 30)]
    assert [(b.label, b.count) for b in bins(dates)] == [
        ("November 2018", 2),
        ("December 2018", 0),
        ("January 2019", 0),
        ("February 2019", 1),
    ]


def test_bins_sort_whatever_the_input_order_and_accept_datetimes() -> None:
    dates = [dt.datetime(2021, 3, 1, 23, 59), dt.date(2019, 1, 9), dt.date(2020, 6, 5)]
    counted = bins(dates)
    assert (counted[0].label, counted[-1].label) == ("January 2019", "March 2021")
    assert len(counted) == 27 and sum(b.count for b in counted) == 3
    assert bins([]) == []


def test_quarters_and_years_are_calendar_periods() -> None:
    quarters = bins(days((2018, 11), (2019, 1), (2019, 3)), QUARTER)
    assert [(b.label, b.count) for b in quarters] == [
        ("October–December 2018", 1),
        ("January–March 2019", 2),
    ]
    decades = bins(days((1999, 12), (2000, 1), (2013, 5)), Scale(120))
    assert [(b.label, b.count) for b in decades] == [
        ("1990–1999", 1),
        ("2000–2009", 1),
        ("2010–2019", 1),
    ]


def test_a_period_filters_the_search_by_its_months_or_its_years() -> None:
    december, q4, year, two = (
        bins(days((2018, 12)), MONTH)[0],
        bins(days((2018, 12)), QUARTER)[0],
        bins(days((2018, 12)), YEAR)[0],
        bins(days((2018, 12)), Scale(24))[0],
    )
    assert december.filters == {"month": ["2018-12"]}
    assert q4.filters == {"month": ["2018-10", "2018-11", "2018-12"]}
    assert year.filters == {"year": ["2018"]}
    assert two.filters == {"year": ["2018", "2019"]}


@pytest.mark.parametrize(
    ("first", "last", "scale"),
    [
        ((2019, 5), (2019, 5), MONTH),  # one month
        ((2018, 3), (2019, 2), MONTH),  # twelve months, across a year end
        ((2018, 3), (2019, 3), QUARTER),  # thirteen months: five quarters
        ((2018, 1), (2020, 12), QUARTER),  # twelve quarters
        ((2018, 1), (2021, 1), YEAR),  # thirteen quarters
        ((2018, 1), (2021, 12), YEAR),  # the shipped archive: four years
        ((2010, 6), (2021, 6), YEAR),  # twelve years
        ((2009, 6), (2021, 6), Scale(24)),  # thirteen years: 2008–09 … 2020–21, seven bars
        ((1990, 1), (2021, 12), Scale(60)),  # thirty-two years: 1990–94 … 2020–24
        ((1948, 9), (2021, 12), Scale(120)),  # a state's history: eight decades
    ],
)
def test_the_narrow_chart_takes_the_finest_scale_fitting_twelve_bars(
    first: tuple[int, int], last: tuple[int, int], scale: Scale
) -> None:
    months = bins([dt.date(*first, 1), dt.date(*last, 1)])
    chosen = narrow_scale(months)
    assert chosen == scale
    assert len(bins([dt.date(*first, 1), dt.date(*last, 1)], chosen)) <= NARROW_BARS


# --- legible and tappable ------------------------------------------------------------------


def rendered_px(layout_width: int, column_px: float, units: float) -> float:
    """How many CSS pixels ``units`` of a chart take when the chart is ``column_px`` wide."""
    return units * column_px / layout_width


def test_text_is_at_least_11px_where_each_chart_shows() -> None:
    # The narrow chart on a 360 px phone (324 px of column) and at 390 px (354 px);
    # the wide one from 40rem (640 px less the page's margins: 604 px of column).
    assert rendered_px(NARROW.width, 324, NARROW.font) >= 11
    assert rendered_px(NARROW.width, 354, NARROW.font) >= 11
    assert rendered_px(WIDE.width, 604, WIDE.font) >= 11
    svg = timeline_svg(bins(days((2018, 1), (2021, 12)), YEAR), label="x", layout=NARROW)
    assert f'font-size="{NARROW.font}"' in svg


def test_every_narrow_column_is_a_24px_target_on_a_360px_phone() -> None:
    dates = days((2018, 1), (2020, 12))
    periods = bins(dates, narrow_scale(bins(dates)))
    assert len(periods) == 12  # the most bars the narrow chart draws
    root = parse(timeline_svg(periods, label="x", layout=NARROW, link=lambda b: "s/"))
    hits = root.findall(f".//{SVG}a/{SVG}rect[@class='timeline-hit']")
    assert len(hits) == 2  # a link only where there are articles
    for hit in hits:
        assert rendered_px(NARROW.width, 324, float(hit.get("width"))) >= 24
        assert rendered_px(NARROW.width, 324, float(hit.get("height"))) >= 24


def test_the_narrow_chart_writes_each_count_above_its_bar_when_all_fit() -> None:
    periods = bins(days((2018, 1), (2018, 1), (2019, 6), (2021, 12)), YEAR)
    root = parse(timeline_svg(periods, label="x", layout=NARROW))
    assert texts(root) == ["2", "1", "1", "2018", "2019", "2020", "2021"]


def test_counts_too_wide_for_their_columns_fall_back_to_the_axis() -> None:
    periods = [Bin((2018, m), MONTH, 123_456) for m in range(1, 13)]
    root = parse(timeline_svg(periods, label="x", layout=NARROW))
    assert texts(root)[:2] == ["123,456", "0"]  # the maximum and 0, once
    assert texts(root).count("123,456") == 1


# --- accessibility -------------------------------------------------------------------------


def test_the_chart_is_hidden_from_assistive_technology_and_its_links_from_tab() -> None:
    counts = month_bins([("2018-11", 2), ("2018-12", 0), ("2019-01", 5)])
    root = parse(timeline_svg(counts, label="Mentions of Kim", link=lambda b: f"s/?m={b.start[1]}"))
    assert root.get("aria-hidden") == "true" and root.get("focusable") == "false"
    anchors = links(root)
    assert [a.get("href") for a in anchors] == ["s/?m=11", "s/?m=1"]
    assert all(a.get("tabindex") == "-1" for a in anchors)


def test_each_bar_title_names_its_period_and_count() -> None:
    counts = month_bins([("2018-03", 12), ("2018-04", 1), ("2018-05", 1234)])
    root = parse(timeline_svg(counts, label="x", link=lambda b: "s/"))
    assert [a.find(f"{SVG}title").text for a in links(root)] == [
        "March 2018: 12 articles",
        "April 2018: 1 article",
        "May 2018: 1,234 articles",
    ]
    assert all(len(a.findall(f"{SVG}rect[@class='timeline-bar']")) == 1 for a in links(root))


def test_title_and_desc_say_what_is_counted_over_which_span() -> None:
    counts = month_bins([("2018-01", 3), ("2018-02", 0), ("2018-03", 12)])
    root = parse(timeline_svg(counts, label="Mentions of Kim", undated=2, id_prefix="kju"))
    assert root.find(f"{SVG}title").text == "Mentions of Kim, January 2018 to March 2018"
    assert root.find(f"{SVG}desc").text == (
        "15 articles from January 2018 to March 2018; the most in one month: 12, in March 2018."
        " 2 articles without a date are not shown."
    )


def test_the_summary_names_the_busiest_period_of_its_scale() -> None:
    periods = bins(days((2018, 1), (2019, 2), (2019, 3), (2020, 1)), YEAR)
    assert summary(periods) == "4 articles from 2018 to 2020; the most in one year: 2, in 2019."
    assert summary(bins(days((2018, 11)), QUARTER)) == (
        "1 article in October–December 2018; the most in one quarter: 1, in October–December 2018."
    )


def test_default_fill_keeps_three_to_one_contrast_on_white() -> None:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert (1.0 + 0.05) / (luminance(DEFAULT_FILL) + 0.05) >= 3.0
    svg = timeline_svg(month_bins([("2018-01", 1)]), label="x")
    assert f'fill="{DEFAULT_FILL}"' in svg and 'fill="currentColor"' in svg


# --- safety and shape ----------------------------------------------------------------------


def test_hostile_label_and_href_are_escaped() -> None:
    label = '<script>alert("x")</script> & "friends"'
    svg = timeline_svg(
        month_bins([("2018-01", 1)]), label=label, link=lambda _: '"><script>bad()</script>'
    )
    assert "<script" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == f"{label}, January 2018"
    assert links(root)[0].get("href") == '"><script>bad()</script>'


def test_self_contained_and_scalable() -> None:
    two_years = twenty_years()[:24]
    svg = timeline_svg(two_years, label="x", link=lambda b: f"{b.start[0]}/")
    root = parse(svg)
    assert root.get("viewBox") == "0 0 720 180" and root.get("width") == "100%"
    assert "<script" not in svg and "style=" not in svg
    hrefs = re.findall(r'href="([^"]*)"', svg)
    assert hrefs and all(not h.startswith(("http:", "https:", "//", "/")) for h in hrefs)


def test_ids_come_from_the_prefix_so_two_charts_can_share_a_page() -> None:
    one = timeline_svg(month_bins([("2018-01", 1)]), label="x", id_prefix="a")
    two = timeline_svg(month_bins([("2018-01", 1)]), label="x", id_prefix="b", layout=NARROW)
    assert ids(one) == {"a-title", "a-desc"} and not ids(one) & ids(two)


@pytest.mark.parametrize("prefix", ["", "1a", "a b", 'a"', "a<b"])
def test_unsafe_id_prefix_is_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        timeline_svg(month_bins([("2018-01", 1)]), label="x", id_prefix=prefix)


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        timeline_svg(month_bins([("2018-01", -1)]), label="x")


def test_twenty_years_of_linked_months_stay_under_300_bytes_a_bar() -> None:
    counts = twenty_years()
    svg = timeline_svg(
        counts,
        label="Mentions of Kim Jong Un",
        link=lambda b: f"../../search/?entity=kim-jong-un&month={b.filters['month'][0]}",
    )
    assert len(bars(parse(svg))) == 240
    frame = len(timeline_svg(counts[:1], label="Mentions of Kim Jong Un"))
    assert len(svg.encode()) <= frame + 300 * 240  # the link is most of it


def test_more_months_than_the_width_holds_widen_the_chart_never_thin_the_columns() -> None:
    """48 months in a 720-unit chart would be 14-unit columns: the chart is drawn wider, with
    a CSS minimum width equal to its viewBox, so every column stays a 24 px target."""
    months = twenty_years()[:48]
    root = parse(timeline_svg(months, label="x", link=lambda b: "x/"))
    width = int(root.get("viewBox").split()[2])
    assert width > 720 and root.get("style") == f"min-width:{width}px"
    hits = root.findall(f".//{SVG}rect[@class='timeline-hit']")
    assert len(hits) == 48 and min(float(h.get("width")) for h in hits) >= 24
    assert scrolls(WIDE, 48) and not scrolls(WIDE, 24) and fitted(WIDE, 24) == WIDE


def test_a_widened_chart_of_twenty_years_labels_every_january() -> None:
    root = parse(timeline_svg(twenty_years(), label="x"))
    assert texts(root)[2:] == [str(y) for y in range(2002, 2022)]  # after the maximum and 0


def test_short_range_labels_every_january() -> None:
    root = parse(timeline_svg(bins(days((2018, 1), (2020, 12))), label="x"))
    assert texts(root) == ["1", "0", "2018", "2019", "2020"]


def test_a_chart_starting_mid_year_names_its_first_year() -> None:
    root = parse(timeline_svg(bins(days((2018, 5), (2019, 8))), label="x"))
    assert texts(root)[2:] == ["2018", "2019"]


def test_single_month_is_one_moderate_bar_labelled_with_its_year() -> None:
    root = parse(timeline_svg(month_bins([("2018-03", 7)]), label="x"))
    (bar,) = bars(root)
    assert float(bar.get("width")) <= WIDE.max_bar
    assert texts(root) == ["7", "0", "2018"]


def test_bars_scale_to_the_busiest_period_and_small_ones_stay_visible() -> None:
    root = parse(
        timeline_svg(month_bins([("2018-01", 1000), ("2018-02", 500), ("2018-03", 1)]), label="x")
    )
    heights = [float(bar.get("height")) for bar in bars(root)]
    assert heights[0] == pytest.approx(2 * heights[1], abs=0.1)
    assert heights[2] >= 1


def test_empty_periods_draw_no_bar_and_have_no_link() -> None:
    counts = month_bins([("2018-01", 2), ("2018-02", 0), ("2018-03", 1)])
    root = parse(timeline_svg(counts, label="x", link=lambda b: "s/"))
    assert len(bars(root)) == 2 and len(links(root)) == 2


def test_no_dated_articles_is_a_sentence_not_a_chart() -> None:
    assert timeline_svg([], label="x") == '<p class="timeline-empty">No dated articles.</p>'
    assert timeline_svg(month_bins([("2018-01", 0)]), label="x", undated=3) == (
        '<p class="timeline-empty">No dated articles (3 articles without a date).</p>'
    )


def test_periods_counted_from_months_are_the_dates_counted_per_period() -> None:
    """An entity's three charts count its dates once, per month (``month_counts``), and
    each scale's periods from those months: the same counts as each date's own period."""
    rng = random.Random(4)
    dates = [dt.date(2011, 1, 1) + dt.timedelta(days=rng.randrange(3900)) for _ in range(3000)]
    months = month_counts(dates)
    for scale in (MONTH, QUARTER, YEAR, *NARROW_SCALES):
        direct: dict[tuple[int, int], int] = {}
        for d in dates:
            start = scale.start((d.year, d.month))
            direct[start] = direct.get(start, 0) + 1
        counted = binned(months, scale)
        assert {b.start: b.count for b in counted if b.count} == direct
        assert sum(b.count for b in counted) == len(dates)
