"""The indexes and the entity timeline as the listings hand them to templates
(newsarchive.site.listings): only what articles mention, busiest first; periods leading to
the entity's own articles."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from newsarchive.content.registry import Entity, Tag
from newsarchive.site.listings import ArchiveView, Sizes, entity_timeline, home_values, prepare
from newsarchive.site.model import SiteModel

KIM = Entity("kim-jong-un", "Kim Jong Un", "person", (), "Leader.")
MOON = Entity("moon-jae-in", "Moon Jae-in", "person", (), "President.")
ABE = Entity("abe-shinzo", "Abe Shinzo", "person", (), "Prime minister.")
UN = Entity("united-nations", "United Nations", "organisation", (), "Body.")
SEOUL = Entity("seoul", "Seoul", "place", (), "Capital.")
TALKS = Tag("diplomacy", "Diplomacy", "Talks.", ())
ARMS = Tag("arms", "Arms", "Weapons.", ())
UNUSED = Tag("sanctions", "Sanctions", "Measures.", ())


def article(slug: str, day: dt.date | None, entities: list[str], tags: list[str] = ()) -> Any:
    return SimpleNamespace(
        slug=slug,
        date=dt.datetime.combine(day or dt.date(1, 1, 1), dt.time()),
        undated=day is None,
        entity_ids=list(entities),
        tag_ids=list(tags),
        url=f"{slug}/",
        content="",
        record={"source": "Yonhap"} if day else {},
    )


def view() -> ArchiveView:
    articles = [
        article("a", dt.date(2018, 1, 3), ["kim-jong-un", "abe-shinzo"], ["arms"]),
        article("b", dt.date(2018, 2, 3), ["moon-jae-in", "abe-shinzo"], ["arms", "diplomacy"]),
        article("c", dt.date(2019, 7, 1), ["moon-jae-in", "united-nations"], ["diplomacy"]),
        article("d", None, ["moon-jae-in"], ["diplomacy"]),
    ]
    entities = {e.id: e for e in (KIM, MOON, ABE, UN, SEOUL)}
    tags = {t.id: t for t in (TALKS, ARMS, UNUSED)}
    prepare(articles, entities, tags)
    return ArchiveView(SiteModel.build(articles), entities, tags)


def test_entities_by_type_lists_the_mentioned_busiest_first_then_by_name() -> None:
    assert view().entities_by_type() == [
        ("person", "People", [(MOON, 3), (ABE, 2), (KIM, 1)]),
        ("organisation", "Organisations", [(UN, 1)]),
        # no place: Seoul is in the registry, but no article mentions it
    ]


def test_topics_busiest_first_without_the_unused_one() -> None:
    assert view().topics() == [(TALKS, 3), (ARMS, 2)]


def test_the_timeline_rows_and_bars_lead_to_the_entitys_articles_of_the_month() -> None:
    dates = [dt.date(2018, 2, 3), dt.date(2019, 7, 1)]
    timeline = entity_timeline(MOON, dates, undated=1)
    assert [(r.label, r.count, r.url) for r in timeline.rows] == [
        ("February 2018", 1, "search/?entity=moon-jae-in&month=2018-02"),
        ("July 2019", 1, "search/?entity=moon-jae-in&month=2019-07"),
    ]
    assert 'href="../../search/?entity=moon-jae-in&amp;month=2018-02"' in timeline.wide
    # February 2018 to July 2019 is 18 months: six quarters on the narrow chart.
    quarter = "month=2018-01&amp;month=2018-02&amp;month=2018-03"
    assert f'href="../../search/?entity=moon-jae-in&amp;{quarter}"' in timeline.narrow
    assert timeline.caption.endswith("1 article without a date is not shown.")


def test_an_entity_with_undated_articles_only_has_no_chart_and_no_rows() -> None:
    timeline = entity_timeline(MOON, [], undated=2)
    assert timeline.rows == ()
    assert timeline.wide == (
        '<p class="timeline-empty">No dated articles (2 articles without a date).</p>'
    )


def test_the_home_page_gets_figures_charts_and_the_busiest_names() -> None:
    values = home_values(view(), Sizes(home_latest=2, home_entities=2, home_topics=1))
    assert [a.slug for a in values["latest"]] == ["c", "b"]
    assert values["top_entities"] == [(MOON, 3), (ABE, 2)]
    assert values["top_topics"] == [(TALKS, 3)]
    figures = values["overview"]
    assert (figures.articles, figures.entities, figures.topics, figures.sources) == (4, 4, 2, 1)
    assert 'href="archives/2019/"' in values["year_chart"]
    assert 'href="search/?source=Yonhap"' in values["source_chart"]
