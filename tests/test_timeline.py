"""The mention timeline: month counts with gaps filled, and a small, accessible, safe SVG."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from newsarchive.site.timeline import DEFAULT_FILL, month_counts, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """Parse as XML: proves the markup is well-formed, not just that it looks right."""
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}rect[@class='timeline-bar']")


def links(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}a")


def ids(svg: str) -> set[str]:
    return set(re.findall(r' id="([^"]+)"', svg))


def twenty_years() -> list[tuple[str, int]]:
    return [
        (f"{year}-{month:02d}", 1000 + year + month)
        for year in range(2002, 2022)
        for month in range(1, 13)
    ]


# --- month_counts ------------------------------------------------------------------------


def test_month_counts_fills_gaps_with_zero_across_a_year_end() -> None:
    dates = [dt.date(2018, 11, 3), dt.date(2019, 2, 1), dt.date(2018, 11, 30)]
    assert month_counts(dates) == [("2018-11", 2), ("2018-12", 0), ("2019-01", 0), ("2019-02", 1)]


def test_month_counts_sorts_whatever_the_input_order() -> None:
    dates = [dt.date(2021, 3, 1), dt.date(2019, 1, 9), dt.date(2020, 6, 5)]
    counts = month_counts(dates)
    assert counts == sorted(counts)
    assert (counts[0], counts[-1]) == (("2019-01", 1), ("2021-03", 1))
    assert len(counts) == 27 and sum(n for _, n in counts) == 3


def test_month_counts_of_nothing_and_of_one_month() -> None:
    assert month_counts([]) == []
    assert month_counts(iter([dt.date(2018, 3, 1)] * 4)) == [("2018-03", 4)]


def test_month_counts_accepts_datetimes() -> None:
    assert month_counts([dt.datetime(2018, 3, 1, 23, 59)]) == [("2018-03", 1)]


# --- timeline_svg: accessibility --------------------------------------------------------


def test_svg_is_named_and_described_by_its_title_and_desc() -> None:
    counts = [("2018-01", 3), ("2018-02", 0), ("2018-03", 12)]
    root = parse(
        timeline_svg(counts, label="Mentions of Kim Jong Un per month", undated=2, id_prefix="kju")
    )
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id") == "kju-title"
    assert root.get("aria-describedby") == desc.get("id") == "kju-desc"
    assert title.text == "Mentions of Kim Jong Un per month, 2018-01 to 2018-03"
    assert desc.text == (
        "15 articles from January 2018 to March 2018; the most in one month: 12, in March 2018."
        " 2 articles without a date are not shown."
    )


def test_every_bar_has_a_title_naming_month_and_count() -> None:
    counts = [("2018-03", 12), ("2018-04", 1), ("2018-05", 1234)]
    root = parse(timeline_svg(counts, label="x"))
    titles = [bar.find(f"{SVG}title").text for bar in bars(root)]
    assert titles == [
        "March 2018: 12 articles",
        "April 2018: 1 article",
        "May 2018: 1,234 articles",
    ]


def test_links_only_for_months_with_articles_and_each_carries_the_title() -> None:
    counts = [("2018-11", 2), ("2018-12", 0), ("2019-01", 5)]
    root = parse(timeline_svg(counts, label="x", link=lambda m: f"../{m.replace('-', '/')}/"))
    assert root.get("role") == "group"  # role=img would hide the links from screen readers
    anchors = links(root)
    assert [a.get("href") for a in anchors] == ["../2018/11/", "../2019/01/"]
    assert [a.find(f"{SVG}title").text for a in anchors] == [
        "November 2018: 2 articles",
        "January 2019: 5 articles",
    ]
    assert all(len(a.findall(f"{SVG}rect[@class='timeline-bar']")) == 1 for a in anchors)


def test_no_links_without_a_link_function() -> None:
    assert links(parse(timeline_svg([("2018-01", 1)], label="x"))) == []


def test_default_fill_keeps_three_to_one_contrast_on_white() -> None:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert (1.0 + 0.05) / (luminance(DEFAULT_FILL) + 0.05) >= 3.0
    svg = timeline_svg([("2018-01", 1)], label="x")
    assert f'fill="{DEFAULT_FILL}"' in svg and 'fill="currentColor"' in svg


# --- timeline_svg: safety and shape -----------------------------------------------------


def test_hostile_label_and_href_are_escaped() -> None:
    label = '<script>alert("x")</script> & "friends"'
    svg = timeline_svg([("2018-01", 1)], label=label, link=lambda _: '"><script>bad()</script>')
    assert "<script" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == f"{label}, 2018-01"
    assert links(root)[0].get("href") == '"><script>bad()</script>'


def test_self_contained_and_scalable() -> None:
    svg = timeline_svg(twenty_years(), label="x", link=lambda m: f"{m}/")
    root = parse(svg)
    assert root.get("viewBox") and root.get("width") == "100%"
    assert "<script" not in svg and "style=" not in svg
    hrefs = re.findall(r'href="([^"]*)"', svg)
    assert hrefs and all(not h.startswith(("http:", "https:", "//", "/")) for h in hrefs)


def test_ids_come_from_the_prefix_so_two_charts_can_share_a_page() -> None:
    one = timeline_svg([("2018-01", 1)], label="x", id_prefix="a")
    two = timeline_svg([("2018-01", 1)], label="x", id_prefix="b")
    assert ids(one) == {"a-title", "a-desc"} and not ids(one) & ids(two)


@pytest.mark.parametrize("prefix", ["", "1a", "a b", 'a"', "a<b"])
def test_unsafe_id_prefix_is_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        timeline_svg([("2018-01", 1)], label="x", id_prefix=prefix)


@pytest.mark.parametrize("key", ["2018-13", "2018-1", "18-01", "2018/01"])
def test_malformed_month_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        timeline_svg([(key, 1)], label="x")


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        timeline_svg([("2018-01", -1)], label="x")


def test_twenty_years_stay_under_150_bytes_a_bar() -> None:
    counts = twenty_years()
    svg = timeline_svg(
        counts, label="Mentions of Kim Jong Un", link=lambda m: f"../../{m.replace('-', '/')}/"
    )
    assert len(bars(parse(svg))) == 240
    frame = len(timeline_svg([counts[0]], label="Mentions of Kim Jong Un"))
    assert len(svg.encode()) <= frame + 150 * 240


def test_twenty_years_label_every_other_year_at_january() -> None:
    root = parse(timeline_svg(twenty_years(), label="x"))
    years = [t.text for t in root.iter(f"{SVG}text")][2:]  # after the maximum and 0
    assert years == [str(y) for y in range(2002, 2022, 2)]


def test_short_range_labels_every_january() -> None:
    counts = month_counts([dt.date(2018, 1, 1), dt.date(2020, 12, 1)])
    root = parse(timeline_svg(counts, label="x"))
    assert [t.text for t in root.iter(f"{SVG}text")] == ["1", "0", "2018", "2019", "2020"]


def test_single_month_is_one_moderate_bar_labelled_with_its_year() -> None:
    root = parse(timeline_svg([("2018-03", 7)], label="x"))
    (bar,) = bars(root)
    assert float(bar.get("width")) <= 40
    assert [t.text for t in root.iter(f"{SVG}text")] == ["7", "0", "2018"]


def test_bars_scale_to_the_busiest_month_and_small_months_stay_visible() -> None:
    root = parse(timeline_svg([("2018-01", 1000), ("2018-02", 500), ("2018-03", 1)], label="x"))
    heights = [float(bar.get("height")) for bar in bars(root)]
    assert heights[0] == pytest.approx(2 * heights[1], abs=0.1)
    assert heights[2] >= 1


def test_empty_months_draw_no_bar() -> None:
    root = parse(timeline_svg([("2018-01", 2), ("2018-02", 0), ("2018-03", 1)], label="x"))
    assert len(bars(root)) == 2


# --- timeline_svg: nothing to draw ------------------------------------------------------


def test_no_dated_articles_is_a_sentence_not_a_chart() -> None:
    assert timeline_svg([], label="x") == '<p class="timeline-empty">No dated articles.</p>'
    assert timeline_svg([("2018-01", 0)], label="x", undated=3) == (
        '<p class="timeline-empty">No dated articles (3 articles without a date).</p>'
    )
