"""The listing pages the archive writes, and list entries rendered once (newsarchive.site.listings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment

from newsarchive.content.registry import Entity, Tag
from newsarchive.site import listings as listings_module
from newsarchive.site.listings import (
    ArchiveView,
    EntryCache,
    Sizes,
    entity_timeline,
    listings,
    place_in_time,
    prepare,
    registries,
    relate,
)
from newsarchive.site.model import SiteModel

KIM = Entity("kim-jong-un", "Kim Jong Un", "person", (), "Leader.")
MOON = Entity("moon-jae-in", "Moon Jae-in", "person", (), "President.")
TALKS = Tag("diplomacy", "Diplomacy", "Talks.", ())


def article(slug: str, day: dt.date | None, entities: list[str], tags: list[str] = ()) -> object:
    when = dt.datetime.combine(day or dt.date(1, 1, 1), dt.time())
    return SimpleNamespace(
        slug=slug,
        date=when,
        undated=day is None,
        entity_ids=list(entities),
        tag_ids=list(tags),
        url=f"{slug}/",
        content=f"<p>{slug}</p>",
    )


def view() -> ArchiveView:
    articles = [
        article("a", dt.date(2019, 5, 2), ["kim-jong-un", "nobody"], ["diplomacy", "gone"]),
        article("b", dt.date(2019, 2, 28), ["kim-jong-un", "moon-jae-in"]),
        article("c", None, ["moon-jae-in"]),
    ]
    entities, tags = {KIM.id: KIM, MOON.id: MOON}, {TALKS.id: TALKS}
    prepare(articles, entities, tags)
    model = SiteModel.build(articles)
    place_in_time(model)
    relate(model, top=5)
    return ArchiveView(model, entities, tags)


def test_prepare_drops_unknown_ids_and_dates_only_dated_articles() -> None:
    model = view().model
    a, b, c = model.articles
    assert (a.entity_ids, a.tag_ids, a.archive_date) == (
        ["kim-jong-un"],
        ["diplomacy"],
        a.date.date(),
    )
    assert c.archive_date is None
    assert (b.older, b.newer, c.older) == (None, a, None)
    assert b.related == []  # one shared entity alone is no relation (newsarchive/site/related.py)


def test_every_listing_page_with_its_template_in_writing_order() -> None:
    pages = [(listing.url, listing.template) for listing in listings(view(), Sizes(per_page=1))]
    assert pages == [
        ("", "index"),
        ("entities/", "entities"),
        ("tags/", "tags"),
        ("entities/kim-jong-un/", "entity"),
        ("entities/kim-jong-un/2019/", "entity"),
        ("entities/moon-jae-in/", "entity"),
        ("entities/moon-jae-in/2019/", "entity"),
        ("entities/moon-jae-in/undated/", "entity"),
        ("tags/diplomacy/", "tag"),
        ("archives/", "archives"),
        ("archives/2019/", "archive_year"),
        ("archives/2019/02/", "archive_month"),
        ("archives/2019/05/", "archive_month"),
        ("undated/", "undated"),
    ]


def test_an_entity_page_carries_its_feed_timeline_and_co_mentions() -> None:
    first = next(item for item in listings(view(), Sizes()) if item.url == "entities/moon-jae-in/")
    assert first.values["feed_url"] == "entities/moon-jae-in/atom.xml"
    assert first.values["co_mentions"] == [(KIM, 1)]
    assert (
        'href="../../search/?entity=moon-jae-in&amp;month=2019-02"' in first.values["timeline"].wide
    )
    assert [a.slug for a in first.values["page"].items] == ["b", "c"]


def test_co_mentions_are_kept_while_no_article_s_entities_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted again only when an article's entities change: a body or title edit reads
    them back; the counts are the ones counting gives."""
    computed: list[int] = []
    count = listings_module.co_mentions

    def counted(lists, top):  # type: ignore[no-untyped-def]
        computed.append(1)
        return count(lists, top=top)

    monkeypatch.setattr(listings_module, "co_mentions", counted)
    memo = (tmp_path, "code")

    def kim_with(v: ArchiveView) -> list:
        fresh = ArchiveView(v.model, v.entities, v.tags, memo=memo)
        return fresh.co_mentioned(KIM.id)

    v = view()
    assert kim_with(v) == [(MOON, 1)] and len(computed) == 1
    v.model.articles[0].title = "Edited"  # nothing a co-mention counts
    assert kim_with(v) == [(MOON, 1)] and len(computed) == 1
    v.model.articles[0].entity_ids.append(MOON.id)  # Kim and Moon named together twice
    assert kim_with(v) == [(MOON, 2)] and len(computed) == 2


def test_the_home_page_lists_the_latest_and_the_most_mentioned() -> None:
    home = next(listings(view(), Sizes(home_latest=2, home_entities=1)))
    assert [a.slug for a in home.values["latest"]] == ["a", "b"]
    assert home.values["top_entities"] == [(KIM, 2)]


def test_bodies_link_the_first_mention_from_the_pages_depth() -> None:
    archive = view()
    item = SimpleNamespace(
        url="2019/05/a/",
        content="<p>Kim Jong Un and Kim Jong Un.</p>",
        entity_ids=["kim-jong-un"],
        archive_date=None,
    )
    assert archive.linked_body(item) == (
        '<p><a class="entity-link" href="../../../entities/kim-jong-un/">Kim Jong Un</a>'
        " and Kim Jong Un.</p>"
    )


def test_a_list_entry_is_rendered_once_per_article_level_and_depth() -> None:
    renders: list[str] = []
    env = Environment(loader=DictLoader({"_item.html": "<li>{{ count(item.slug) }}</li>"}))
    cache = EntryCache("_item.html")
    env.globals["count"] = lambda slug: renders.append(slug) or slug
    env.globals["article_item"] = cache.entry
    page = env.from_string(
        "{{ article_item(a, 2) }}{{ article_item(a, 2) }}{{ article_item(a, 3) }}"
    )
    one = SimpleNamespace(slug="one")
    assert page.render(a=one, SITEURL="..") == "<li>one</li><li>one</li><li>one</li>"
    assert page.render(a=one, SITEURL="../..") == "<li>one</li><li>one</li><li>one</li>"
    assert renders == ["one", "one", "one", "one"]  # levels 2 and 3, at two depths
    cache.clear()
    page.render(a=one, SITEURL="..")
    assert len(renders) == 6


def test_a_broken_registry_renders_as_empty(tmp_path: Path) -> None:
    (tmp_path / "entities").mkdir()
    (tmp_path / "entities" / "bad.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    assert registries(tmp_path) == ({}, {})


def test_the_desktop_timeline_shows_months_up_to_four_years_then_a_coarser_scale() -> None:
    four_years = [dt.date(y, m, 1) for y in range(2018, 2022) for m in range(1, 13)]
    shown = entity_timeline(KIM, four_years, undated=0)
    assert "per month" in shown.wide and shown.wide_scrolls  # 48 columns of 24 px: it scrolls
    assert len(shown.rows) == 48
    twenty_years = [dt.date(y, 6, 1) for y in range(2002, 2022)]
    shown = entity_timeline(KIM, twenty_years, undated=0)
    assert "per year" in shown.wide and not shown.wide_scrolls
    assert "&amp;year=2002" in shown.wide and "month=" not in shown.wide
