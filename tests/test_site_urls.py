"""The URL scheme (newsarchive.site.urls), how files are named in messages, the content groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsarchive.site import urls
from newsarchive.site.groups import ARTICLE_GROUPS, drop, members
from newsarchive.site.messages import shown
from newsarchive.site.model import paginate, paginate_by_period


def test_an_article_lives_under_its_year_and_month_or_under_undated() -> None:
    assert urls.article("talks", dt.date(2019, 5, 2)) == "2019/05/talks/"
    assert urls.article("talks", None) == "undated/talks/"
    assert urls.save_as(urls.article("talks", None)) == "undated/talks/index.html"


def test_pelicans_pattern_gives_the_same_address_as_the_function() -> None:
    day = dt.datetime(2018, 12, 18)
    assert urls.ARTICLE_URL.format(date=day, slug="s") == urls.article("s", day.date())
    assert urls.ARTICLE_SAVE_AS.format(date=day, slug="s") == urls.save_as(urls.article("s", day))
    assert urls.PAGE_URL.format(slug="about") == urls.site_page("about") == "about/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (urls.home(), ""),
        (urls.entities(), "entities/"),
        (urls.entity("kim-jong-un"), "entities/kim-jong-un/"),
        (urls.entity_feed("kim-jong-un"), "entities/kim-jong-un/atom.xml"),
        (urls.tags(), "tags/"),
        (urls.tag("diplomacy"), "tags/diplomacy/"),
        (urls.archives(), "archives/"),
        (urls.year(2019), "archives/2019/"),
        (urls.month(2019, 3), "archives/2019/03/"),
        (urls.month_of("2019-03"), "archives/2019/03/"),
        (urls.undated(), "undated/"),
        (urls.search(), "search/"),
        (urls.data("articles.csv"), "data/articles.csv"),
    ],
)
def test_every_address_is_site_relative(url: str, expected: str) -> None:
    assert url == expected
    assert not url.startswith("/")


def test_page_n_of_a_listing_is_base_page_n_and_page_one_is_the_base() -> None:
    assert urls.page("tags/diplomacy/", 1) == "tags/diplomacy/"
    assert urls.page("tags/diplomacy/", 2) == "tags/diplomacy/page/2/"
    assert urls.page("tags/diplomacy", 3) == "tags/diplomacy/page/3/"
    assert urls.page("", 2) == "page/2/"


def test_paginated_listings_link_their_neighbours_at_those_addresses() -> None:
    pages = paginate(list("abcde"), urls.tag("t"), per_page=2)
    assert [(p.url, p.previous_url, p.next_url) for p in pages] == [
        ("tags/t/", None, "tags/t/page/2/"),
        ("tags/t/page/2/", "tags/t/", "tags/t/page/3/"),
        ("tags/t/page/3/", "tags/t/page/2/", None),
    ]
    assert [list(p.items) for p in pages] == [["a", "b"], ["c", "d"], ["e"]]
    assert [(p.url, p.count, p.total) for p in paginate([], "undated/", 2)] == [("undated/", 1, 0)]


def test_later_pages_of_a_listing_may_hold_more_than_its_first() -> None:
    pages = paginate(list("abcdefgh"), urls.tag("t"), per_page=2, later_per_page=4)
    assert [list(p.items) for p in pages] == [["a", "b"], ["c", "d", "e", "f"], ["g", "h"]]
    assert [(p.number, p.count, p.total) for p in pages] == [(1, 3, 8), (2, 3, 8), (3, 3, 8)]
    assert len(paginate(list("ab"), "t/", per_page=2, later_per_page=4)) == 1


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("", ""),
        ("tags/", "../"),
        ("2019/05/talks/", "../../../"),
        ("entities/kim-jong-un/atom.xml", "../../"),
        ("404.html", ""),
    ],
)
def test_up_leads_from_a_page_back_to_the_root(url: str, root: str) -> None:
    assert urls.up(url) == root


def test_sections_are_the_first_segments_the_plugins_write() -> None:
    written = [urls.entity("x"), urls.tag("x"), urls.month(2019, 1), urls.undated(), urls.search()]
    written.append(urls.data("x.csv"))
    assert {urls.first_segment(url) for url in written} == urls.SECTIONS


def test_a_file_is_shown_from_the_working_directory_when_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert shown(tmp_path / "content" / "articles" / "a.md") == "content/articles/a.md"
    assert shown("content/../content/x.md") == "content/x.md"
    assert shown(tmp_path) == "."
    assert shown("/elsewhere/x.md") == "/elsewhere/x.md"


def test_members_reads_every_group_and_drop_removes_from_each() -> None:
    one, two, three = object(), object(), object()
    generator = SimpleNamespace(articles=[one, two], drafts=[three], translations=[])
    assert members(generator, ARTICLE_GROUPS) == [one, two, three]
    drop(generator, ARTICLE_GROUPS, {id(two), id(three)})
    assert (generator.articles, generator.drafts) == ([one], [])


def dated(slug: str, day: str | None) -> SimpleNamespace:
    return SimpleNamespace(
        slug=slug, archive_date=None if day is None else dt.date.fromisoformat(day)
    )


def test_a_long_listing_has_a_first_page_then_a_page_per_period() -> None:
    items = [
        dated("e", "2019-03-30"),
        dated("d", "2019-03-02"),
        dated("x", "2019-03-01"),
        dated("c", "2019-02-01"),
        dated("b", "2019-02-01"),
        dated("a", "2019-01-31"),
        dated("u", None),
    ]
    # Six dated articles in three months: two a month, a page's worth, so months.
    pages = paginate_by_period(items, urls.entity("kim-jong-un"), per_page=2, period_per_page=2)
    base = "entities/kim-jong-un/"
    shown = [
        (p.url, p.period, [i.slug for i in p.items], p.number, p.count, p.total) for p in pages
    ]
    assert shown == [
        (base, "", ["e", "d"], 1, 1, 7),
        (f"{base}2019/03/", "March 2019", ["e", "d"], 1, 2, 3),  # more than a page: two,
        (f"{base}2019/03/page/2/", "March 2019", ["x"], 2, 2, 3),  # counted from its newest
        (f"{base}2019/02/", "February 2019", ["c", "b"], 1, 1, 2),
        (f"{base}2019/01/", "January 2019", ["a"], 1, 1, 1),
        (f"{base}undated/", "Date unknown", ["u"], 1, 1, 1),
    ]
    assert [(p.previous_url, p.next_url) for p in pages] == [
        (None, f"{base}2019/03/"),
        (base, f"{base}2019/03/page/2/"),
        (f"{base}2019/03/", f"{base}2019/02/"),
        (f"{base}2019/03/page/2/", f"{base}2019/01/"),
        (f"{base}2019/02/", f"{base}undated/"),
        (f"{base}2019/01/", None),
    ]


def test_a_rarer_listing_goes_by_quarter_or_by_year() -> None:
    months = [dated(f"m{n}", f"2019-{n:02d}-15") for n in range(12, 0, -1)]  # one a month
    by_quarter = paginate_by_period(months, "tags/t/", per_page=1, period_per_page=3)
    assert [(p.url, p.period, p.total) for p in by_quarter[1:3]] == [
        ("tags/t/2019/q4/", "October–December 2019", 3),
        ("tags/t/2019/q3/", "July–September 2019", 3),
    ]
    by_year = paginate_by_period(months, "tags/t/", per_page=1, period_per_page=30)
    assert [(p.url, p.period, p.total) for p in by_year] == [
        ("tags/t/", "", 12),
        ("tags/t/2019/", "2019", 12),
    ]


def test_an_article_filed_late_changes_only_the_first_page_and_its_periods() -> None:
    """The point of period pages: a story added to March 2019 leaves every other page of
    the listing as it was, so the build keeps them and a cited page still holds what
    it held."""
    items = [dated(f"m{n}-{k}", f"2019-{n:02d}-15") for n in range(12, 0, -1) for k in range(3)]
    late = dated("late", "2019-03-16")
    at = next(n for n, i in enumerate(items) if i.archive_date < late.archive_date)
    before = {p.url: p for p in paginate_by_period(items, "tags/t/", 5, 2)}
    after = {
        p.url: p for p in paginate_by_period([*items[:at], late, *items[at:]], "tags/t/", 5, 2)
    }
    changed = sorted(
        url for url in after.keys() | before.keys() if after.get(url) != before.get(url)
    )
    assert changed == ["tags/t/", "tags/t/2019/03/", "tags/t/2019/03/page/2/"]
    assert len(after) == len(before) == 1 + 12 * 2


def test_a_listing_the_first_page_holds_has_no_other_page() -> None:
    items = [dated("b", "2019-03-01"), dated("a", "2018-12-31")]
    pages = paginate_by_period(items, "tags/t/", per_page=2, period_per_page=1)
    assert [(p.url, p.previous_url, p.next_url, p.total) for p in pages] == [
        ("tags/t/", None, None, 2)
    ]
    assert [p.url for p in paginate_by_period([], "tags/t/", 2, 1)] == ["tags/t/"]
