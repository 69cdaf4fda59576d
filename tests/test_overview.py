"""The home page's figures, its two charts and the subtitle's years (newsarchive.site.overview)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from types import SimpleNamespace
from typing import Any

from newsarchive.site.model import SiteModel
from newsarchive.site.overview import (
    Share,
    fill_years,
    long_date,
    overview,
    source_chart,
    source_shares,
    year_chart,
    years_text,
)

SVG = "{http://www.w3.org/2000/svg}"
SUBTITLE = "Inter-Korean relations and denuclearisation talks, {years}"


def article(slug: str, day: dt.date | None, source: str | None, entities=(), tags=()) -> Any:
    return SimpleNamespace(
        slug=slug, archive_date=day, source=source, entity_ids=list(entities), tag_ids=list(tags)
    )


def model() -> SiteModel[Any]:
    return SiteModel.build(
        [
            article("a", dt.date(2018, 3, 2), "Yonhap", ["kim"], ["talks"]),
            article("b", dt.date(2018, 12, 31), "KCNA", ["kim", "moon"]),
            article("c", dt.date(2021, 1, 4), "Yonhap", [], ["talks", "sanctions"]),
            article("d", None, None, ["trump"]),
        ]
    )


def source_of(item: Any) -> str | None:
    return item.source


def test_the_figures_count_articles_span_names_topics_and_sources() -> None:
    figures = overview(model(), source_of)
    assert (figures.articles, figures.undated) == (4, 1)
    assert (figures.first, figures.last) == (dt.date(2018, 3, 2), dt.date(2021, 1, 4))
    assert (figures.first_text, figures.last_text) == ("2 March 2018", "4 January 2021")
    assert (figures.entities, figures.topics, figures.sources, figures.no_source) == (3, 2, 2, 1)
    assert figures.source_summary == "3 articles from 2 sources; 1 names none."


def test_coverage_by_year_keeps_empty_years_without_a_link() -> None:
    figures = overview(model(), source_of)
    assert figures.by_year == [
        Share("2018", 2, "archives/2018/"),
        Share("2019", 0, None),
        Share("2020", 0, None),
        Share("2021", 1, "archives/2021/"),
    ]
    assert figures.year_summary == (
        "3 articles from 2018 to 2021; the most in one year: 2, in 2018."
        " 1 article without a date is not shown."
    )


def test_an_archive_of_undated_articles_only_has_no_span() -> None:
    figures = overview(SiteModel.build([article("d", None, None)]), source_of)
    assert (figures.first, figures.last, figures.first_text, figures.years) == (None, None, "", ())
    assert year_chart(figures) == (
        '<p class="timeline-empty">No dated articles (1 article without a date).</p>'
    )


def test_sources_busiest_first_then_by_name_the_rest_summed() -> None:
    counts = Counter({"Yonhap": 5, "AP": 2, "afp": 2, "KCNA": 9, "Xinhua": 1, "NK News": 1})
    shares = source_shares(counts, top=3)
    assert shares == [
        Share("KCNA", 9, "search/?source=KCNA"),
        Share("Yonhap", 5, "search/?source=Yonhap"),
        Share("afp", 2, "search/?source=afp"),  # "afp" before "AP": case is no rank
        Share("3 other sources", 4, None),
    ]
    assert source_shares(Counter({"Yonhap": 1}), top=3) == [
        Share("Yonhap", 1, "search/?source=Yonhap")
    ]


def test_the_year_chart_links_each_year_with_articles_to_its_page() -> None:
    root = ET.fromstring(year_chart(overview(model(), source_of), prefix="./"))
    anchors = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in anchors] == ["./archives/2018/", "./archives/2021/"]
    assert [a.find(f"{SVG}title").text for a in anchors] == ["2018: 2 articles", "2021: 1 article"]


def test_the_source_chart_escapes_and_cuts_long_names_and_links_rows() -> None:
    shares = [
        Share('<b>"Korean Central News Agency"</b>', 3, "search/?source=x"),
        Share("2 other sources", 1, None),
    ]
    svg = source_chart(shares, prefix="./")
    assert "<b>" not in svg
    root = ET.fromstring(svg)
    assert root.get("aria-hidden") == "true"
    (anchor,) = root.findall(f".//{SVG}a")
    assert (anchor.get("href"), anchor.get("tabindex")) == ("./search/?source=x", "-1")
    names = [t.text for t in root.iter(f"{SVG}text")][::2]
    assert names == ['<b>"Korean Central…', "2 other sources"]
    assert anchor.find(f"{SVG}title").text == '<b>"Korean Central News Agency"</b>: 3 articles'


def test_no_source_named_is_a_sentence() -> None:
    assert source_chart([]) == '<p class="timeline-empty">No article names its source.</p>'


def test_the_subtitle_takes_the_span_of_the_dated_articles() -> None:
    dates = [dt.date(2021, 6, 1), dt.date(2018, 1, 2), dt.date(2019, 5, 5)]
    assert (
        fill_years(SUBTITLE, dates)
        == "Inter-Korean relations and denuclearisation talks, 2018–2021"
    )
    assert fill_years(SUBTITLE, [dt.date(2019, 1, 1)] * 2) == (
        "Inter-Korean relations and denuclearisation talks, 2019"
    )
    assert years_text([]) == ""


def test_without_dated_articles_the_placeholder_goes_with_its_separator() -> None:
    assert fill_years(SUBTITLE, []) == "Inter-Korean relations and denuclearisation talks"
    assert fill_years("Talks ({years}) and {other}", []) == "Talks () and {other}"
    assert fill_years("Talks — {years} and {other}", [dt.date(2020, 1, 1)]) == (
        "Talks — 2020 and {other}"
    )
    assert fill_years("No placeholder", [dt.date(2020, 1, 1)]) == "No placeholder"


def test_long_dates_need_no_platform_strftime() -> None:
    assert long_date(dt.date(1950, 6, 25)) == "25 June 1950"
