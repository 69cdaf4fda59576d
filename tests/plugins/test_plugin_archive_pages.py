"""archive_reader and archive_pages in-process on the tiny corpus: exactly these files, these links.

Each build takes well under a second; every expectation is the exact text a reader
(or a feed reader, or a researcher loading the data) gets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from inprocess import ARTICLES, SITEURL, build, files, read, start, tiny_corpus

from newsarchive.site.buildcheck import IncompleteBuild
from newsarchive.site.pluginsettings import SettingsError

pytestmark = pytest.mark.build

# What the archive's own plugins write (the theme's static files and the search index's
# files are the theme's and newsarchive.search's business).
PAGES = [
    ".newsarchive-manifest",
    "2019/02/summit/index.html",
    "2019/05/talks-resume/index.html",
    "404.html",
    "about/index.html",
    "archives/2019/02/index.html",
    "archives/2019/05/index.html",
    "archives/2019/index.html",
    "archives/index.html",
    "data/articles.csv",
    "data/articles.json",
    "data/entities.csv",
    "data/entities.json",
    "entities/donald-trump/atom.xml",
    "entities/donald-trump/index.html",
    "entities/index.html",
    "entities/kim-jong-un/atom.xml",
    "entities/kim-jong-un/index.html",
    "entities/moon-jae-in/atom.xml",
    "entities/moon-jae-in/index.html",
    "index.html",
    "robots.txt",
    "search/index.html",
    "tags/diplomacy/index.html",
    "tags/index.html",
    "tags/summits/index.html",
    "undated/brief/index.html",
    "undated/index.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    return build(tiny_corpus(root), root / "output")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("published")
    return build(tiny_corpus(root), root / "output", SITEURL=SITEURL)


def ours(output: Path) -> list[str]:
    return [
        f
        for f in files(output)
        if not f.startswith("theme/") and (not f.startswith("search/") or f == "search/index.html")
    ]


def test_the_tiny_site_has_exactly_these_files(site: Path) -> None:
    assert ours(site) == PAGES


def test_home_lists_articles_newest_first_undated_last_with_relative_links(site: Path) -> None:
    home = read(site, "index.html")
    links = [
        '<a href="./2019/05/talks-resume/">Talks &lt;resume&gt; &amp; more</a>',
        '<a href="./2019/02/summit/">Summit ends early</a>',
        '<a href="./undated/brief/">A brief without a date</a>',
    ]
    positions = [home.index(link) for link in links]
    assert positions == sorted(positions)
    assert '<a href="./archives/">All 3 articles by year and month</a>' in home
    assert '<a href="./undated/">1 undated</a>' in home
    assert (
        '<li><a href="./entities/kim-jong-un/">Kim Jong Un</a> <span class="count">2</span>' in home
    )


def test_an_entity_page_links_its_months_feed_and_co_mentions(site: Path) -> None:
    page = read(site, "entities/kim-jong-un/index.html")
    assert '<a href="../../entities/kim-jong-un/atom.xml">Atom feed</a>' in page
    assert '<a href="../../archives/2019/02/"><title>February 2019: 1 article</title>' in page
    assert (
        '<a class="chip chip-person" href="../../entities/donald-trump/">'
        'Donald Trump <span class="count">1</span></a>'
    ) in page


def test_each_alias_on_an_entity_page_carries_the_language_of_its_script(tmp_path: Path) -> None:
    moon = (
        "name: Moon Jae-in\ntype: person\ndescription: President of South Korea, 2017-2022.\n"
        "aliases: [Moon Jae In, 문재인, 文在寅, ムン・ジェイン, {name: 文在寅大統領, lang: ja}]\n"
    )
    content = tiny_corpus(tmp_path, {"entities/moon-jae-in.yaml": moon})
    page = read(build(content, tmp_path / "output"), "entities/moon-jae-in/index.html")
    assert (
        'Also written: <span lang="en">Moon Jae In</span>, <span lang="ko">문재인</span>, '
        '<span lang="zh">文在寅</span>, <span lang="ja">ムン・ジェイン</span>, '
        '<span lang="ja">文在寅大統領</span></p>'
    ) in page


def test_an_article_links_its_entities_and_topics_from_its_depth(site: Path) -> None:
    page = read(site, "2019/05/talks-resume/index.html")
    assert '<a class="entity-link" href="../../../entities/kim-jong-un/">Kim Jong Un</a>' in page
    assert 'href="../../../tags/diplomacy/">Diplomacy</a>' in page
    assert '<a rel="prev" href="../../../2019/02/summit/">' in page


def test_listings_paginate_at_base_page_n(tmp_path: Path) -> None:
    output = build(tiny_corpus(tmp_path), tmp_path / "output", ARCHIVE_PAGES_PER_PAGE=1)
    assert "entities/kim-jong-un/page/2/index.html" in files(output)
    assert "entities/kim-jong-un/page/3/index.html" not in files(output)
    first = read(output, "entities/kim-jong-un/index.html")
    assert '<a rel="next" href="../../entities/kim-jong-un/page/2/">Older</a>' in first
    second = read(output, "entities/kim-jong-un/page/2/index.html")
    assert '<a rel="prev" href="../../../../entities/kim-jong-un/">Newer</a>' in second


def test_entity_data_file_is_exactly_one_row_per_entity(site: Path) -> None:
    assert read(site, "data/entities.csv") == (
        "id,name,type,aliases,description,url,article_count,first_date,last_date\n"
        'donald-trump,Donald Trump,person,,"US president, 2017-2021.",'
        "entities/donald-trump/,2,2019-05-02,2019-05-02\n"
        "kim-jong-un,Kim Jong Un,person,Kim Jong Eun,Leader of North Korea.,"
        "entities/kim-jong-un/,2,2019-02-28,2019-05-02\n"
        'moon-jae-in,Moon Jae-in,person,,"President of South Korea, 2017-2022.",'
        "entities/moon-jae-in/,0,,\n"
    )


def test_an_entity_feed_without_entries_is_dated_by_the_newest_article(published: Path) -> None:
    assert read(published, "entities/moon-jae-in/atom.xml") == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xml:lang="en" xmlns="http://www.w3.org/2005/Atom">'
        "<title>Korean Peninsula News Archive: Moon Jae-in</title>"
        f'<link href="{SITEURL}/entities/moon-jae-in/" rel="alternate"/>'
        f'<link href="{SITEURL}/entities/moon-jae-in/atom.xml" rel="self"/>'
        f"<id>{SITEURL}/entities/moon-jae-in/</id>"
        "<updated>2019-05-02T00:00:00+09:00</updated>"
        "<subtitle>President of South Korea, 2017-2022.</subtitle></feed>"
    )


def test_an_entity_feed_lists_its_dated_articles_with_their_own_text(published: Path) -> None:
    feed = read(published, "entities/donald-trump/atom.xml")
    assert feed.count("<entry>") == 1  # the undated brief has no place in a feed
    assert (
        "<entry><title>Talks &lt;resume&gt; &amp; more</title>"
        f'<link href="{SITEURL}/2019/05/talks-resume/" rel="alternate"/>'
        "<published>2019-05-02T00:00:00+09:00</published>"
        "<updated>2019-05-02T00:00:00+09:00</updated>"
        "<author><name>Archive contributors</name></author>"
        "<id>tag:example.org,2019-05-02:/archive/2019/05/talks-resume/</id>"
        '<summary type="html">Envoys met again.</summary>'
        '<category term="Diplomacy"/></entry>'
    ) in feed


def test_a_development_feed_links_relative_to_itself_with_urn_ids(site: Path) -> None:
    feed = read(site, "entities/donald-trump/atom.xml")
    assert '<link href="../../entities/donald-trump/atom.xml" rel="self"/>' in feed
    assert "<id>urn:newsarchive:entity:donald-trump</id>" in feed
    assert "<id>urn:newsarchive:article:talks-resume</id>" in feed


def test_articles_sharing_a_slug_are_both_left_out_and_fail_the_build(tmp_path: Path) -> None:
    again = ARTICLES["articles/2019/summit.md"].replace("2019-02-28", "2019-03-01")
    output = tmp_path / "output"
    with pytest.raises(IncompleteBuild):
        build(tiny_corpus(tmp_path, {"articles/2019/summit-again.md": again}), output)
    assert [name for name in files(output) if name.startswith(("2019/02/", "2019/03/"))] == []
    assert "2019/05/talks-resume/index.html" in files(output)


def test_a_url_setting_other_than_the_scheme_is_refused_at_start_up(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as refused:
        start(tiny_corpus(tmp_path), tmp_path / "output", ARTICLE_URL="{slug}.html")
    assert str(refused.value) == (
        "ARTICLE_URL: expected '{date:%Y}/{date:%m}/{slug}/' "
        "(newsarchive.site.urls: the archive's one URL scheme), got '{slug}.html'"
    )
