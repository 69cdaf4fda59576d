"""The URL scheme (newsarchive.site.urls), how files are named in messages, the content groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsarchive.site import urls
from newsarchive.site.groups import ARTICLE_GROUPS, drop, members
from newsarchive.site.messages import shown
from newsarchive.site.model import paginate


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
