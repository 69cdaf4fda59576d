"""archive_reader and archive_pages in-process on the tiny corpus: exactly these files, these links.

Each build takes well under a second; every expectation is the exact text a reader
(or a feed reader, or a researcher loading the data) gets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from inprocess import (
    ARTICLES,
    SITEURL,
    build,
    contents,
    files,
    plugin,
    read,
    start,
    tiny_corpus,
)

from newsarchive.site.buildcheck import IncompleteBuild
from newsarchive.site.datafiles import read_data_file
from newsarchive.site.pluginsettings import SettingsError

pytestmark = pytest.mark.build

# What the archive's own plugins write (the theme's static files and the search index's
# files are the theme's and newsarchive.search's business).
PAGES = [
    ".newsarchive-manifest",
    ".newsarchive-pages",
    "2019/02/summit/index.html",
    "2019/05/talks-resume/index.html",
    "404.html",
    "about/index.html",
    "archives/2019/02/index.html",
    "archives/2019/05/index.html",
    "archives/2019/index.html",
    "archives/index.html",
    "data/articles.csv.gz",
    "data/articles.json.gz",
    "data/entities.csv.gz",
    "data/entities.json.gz",
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
        '<li><a href="./entities/kim-jong-un/">Kim Jong Un</a> <span class="count">2'
        '<span class="visually-hidden"> articles</span></span></li>'
    ) in home


def test_an_entity_page_links_its_periods_feed_and_co_mentions(site: Path) -> None:
    page = read(site, "entities/kim-jong-un/index.html")
    assert '<a href="../../entities/kim-jong-un/atom.xml">Atom feed</a>' in page
    # Both charts (February to May 2019 is months wide and narrow) lead to Kim's articles of
    # the month on the search page, out of the Tab order; the table leads there too.
    month = "../../search/?entity=kim-jong-un&amp;month=2019-02"
    assert (
        page.count(f'<a href="{month}" tabindex="-1"><title>February 2019: 1 article</title>') == 2
    )
    assert (f'<tr><th scope="row"><a href="{month}">February 2019</a></th><td>1</td></tr>') in page
    assert "archives/2019/02/" not in page
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


def test_entity_pages_go_on_period_by_period(tmp_path: Path) -> None:
    """After its first page an entity's listing goes through its periods, newest first,
    each at its own address, named by its period, without the entity's timeline."""
    output = build(
        tiny_corpus(tmp_path),
        tmp_path / "output",
        ARCHIVE_PAGES_PER_PAGE=1,
        ARCHIVE_PAGES_COMPACT_PER_PAGE=1,
    )
    # Kim Jong Un: 2 May and 28 February 2019, one a quarter (a page's worth): quarters.
    written = set(files(output))
    assert {
        "entities/kim-jong-un/2019/q2/index.html",
        "entities/kim-jong-un/2019/q1/index.html",
    } <= written
    assert not any(name.startswith("entities/kim-jong-un/page/") for name in written)
    first = read(output, "entities/kim-jong-un/index.html")
    assert '<a rel="next" href="../../entities/kim-jong-un/2019/q2/">Older</a>' in first
    assert "Mentions over time" in first
    spring = read(output, "entities/kim-jong-un/2019/q2/index.html")
    assert '<a rel="prev" href="../../../../entities/kim-jong-un/">Newer</a>' in spring
    assert '<a rel="next" href="../../../../entities/kim-jong-un/2019/q1/">Older</a>' in spring
    assert "<title>Kim Jong Un, April–June 2019 · " in spring
    assert "April–June 2019: 1 article ·" in spring and "<span>April–June 2019</span>" in spring
    assert "Mentions over time" not in spring
    winter = read(output, "entities/kim-jong-un/2019/q1/index.html")
    assert "Summit" in winter and "Talks resume" not in winter
    assert 'rel="next"' not in winter


def test_a_listings_first_page_shows_summaries_and_later_pages_are_compact(
    tmp_path: Path,
) -> None:
    briefs = {
        f"articles/2018/brief-{n}.md": (
            f"---\ntitle: Brief {n}\ndate: 2018-03-0{n}\nslug: brief-{n}\nsource: KCNA\n"
            f"summary: The summary of brief {n}.\nentities: [kim-jong-un, moon-jae-in]\n---\n\n"
            "Kim Jong Un met Moon Jae-in.\n"
        )
        for n in (1, 2, 3)
    }
    output = build(
        tiny_corpus(tmp_path, briefs),
        tmp_path / "output",
        ARCHIVE_PAGES_PER_PAGE=1,
        ARCHIVE_PAGES_COMPACT_PER_PAGE=2,
    )
    # March 2018 lists brief 3, 2, 1 (newest first), one on its first page, two a page after.
    first = read(output, "archives/2018/03/index.html")
    assert re.search(r'<h2 class="article-list-title"><a href="[^"]+">Brief 3</a>', first)
    assert '<p class="meta"><time datetime="2018-03-03">' in first
    assert '<p class="summary">The summary of brief 3.</p>' in first
    later = read(output, "archives/2018/03/page/2/index.html")
    assert "archives/2018/03/page/3/index.html" not in files(output)
    # One line per article, headline and source, under a heading per day; no summary.
    days = re.findall(r'<h2 class="article-day"><time datetime="([\d-]+)">', later)
    assert days == ["2018-03-02", "2018-03-01"]
    line = '<li><a href="../../../../../2018/03/brief-{0}/">Brief {0}</a>\u00a0· <span class="source">KCNA</span></li>'
    assert line.format(2) in later and line.format(1) in later
    assert "summary" not in later and "article-list-title" not in later
    # Kim Jong Un's five articles over six quarters go by year; 2018 holds briefs 3 and 2,
    # then brief 1 on its second page. A day is a level-3 heading there, under the list's
    # own heading.
    entity = read(output, "entities/kim-jong-un/2018/index.html")
    days = re.findall(r'<h3 class="article-day"><time datetime="([\d-]+)">', entity)
    assert days == ["2018-03-03", "2018-03-02"]
    entity = read(output, "entities/kim-jong-un/2018/page/2/index.html")
    days = re.findall(r'<h3 class="article-day"><time datetime="([\d-]+)">', entity)
    assert days == ["2018-03-01"]
    # An article's related articles (the briefs share two names): one line each, headline
    # and dateline (date, then source).
    related = read(output, "2018/03/brief-1/index.html").split('<aside class="related"')[1]
    dated = (
        '<li><a href="../../../2018/03/brief-2/">Brief 2</a>\u00a0· '
        '<time datetime="2018-03-02">2 March 2018</time>\u00a0· <span class="source">KCNA</span>'
    )
    assert dated in related
    assert "summary" not in related and "article-list-title" not in related


def test_entity_data_file_is_exactly_one_row_per_entity(site: Path) -> None:
    assert read_data_file(site / "data/entities.csv.gz") == (
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


# --- home page, indexes, timelines, subtitle ------------------------------------------------

SUBTITLE = "Inter-Korean relations and denuclearisation talks"


def kim_article(slug: str, day: str) -> str:
    """One more article mentioning Kim Jong Un (and no one else), on ``day``."""
    return (
        f"---\ntitle: Kim on {day}\ndate: {day}\nslug: {slug}\nsource: KCNA\n"
        f"entities: [kim-jong-un]\n---\n\nKim Jong Un spoke on {day}.\n"
    )


# Kim's articles of the extended corpus by year: the two of the tiny corpus (2019) and these.
MORE_KIM = {
    "2018-04-27": "panmunjom",
    "2018-06-12": "singapore",
    "2018-06-30": "after-singapore",
    "2020-06-16": "liaison-office",
    "2021-05-10": "party-congress",
}
UNUSED_TAG = {
    "tags/sanctions.yaml": "name: Sanctions\ndescription: Measures.\nmatch: [sanctions]\n"
}


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("extended")
    extra = {
        f"articles/{day[:4]}/{slug}.md": kim_article(slug, day) for day, slug in MORE_KIM.items()
    }
    return build(tiny_corpus(root, {**extra, **UNUSED_TAG}), root / "output")


def test_the_home_page_gives_the_archives_figures(site: Path) -> None:
    home = read(site, "index.html")
    stats = [
        '<div class="stat"><dt>Articles</dt><dd><a href="./archives/">3</a> <span class="stat-note">'
        '(<a href="./undated/">1 undated</a>)</span></dd></div>',
        '<div class="stat"><dt>First article</dt><dd><time datetime="2019-02-28">28 February 2019'
        "</time></dd></div>",
        '<div class="stat"><dt>Latest article</dt><dd><time datetime="2019-05-02">2 May 2019'
        "</time></dd></div>",
        # Moon Jae-in is in the registry, but no article mentions him.
        '<div class="stat"><dt>People, organisations and places</dt><dd>'
        '<a href="./entities/">2</a></dd></div>',
        '<div class="stat"><dt>Topics</dt><dd><a href="./tags/">2</a></dd></div>',
        '<div class="stat"><dt>Sources</dt><dd>1</dd></div>',
    ]
    assert all(stat in home for stat in stats), [s for s in stats if s not in home]
    assert '<dl class="stats">' in home


def test_the_home_page_charts_coverage_with_tables_linking_the_same_pages(site: Path) -> None:
    home = read(site, "index.html")
    assert '<a href="archives/2019/" tabindex="-1"><title>2019: 2 articles</title>' in home
    assert '<tr><th scope="row"><a href="./archives/2019/">2019</a></th><td>2</td></tr>' in home
    assert '<a href="search/?source=Yonhap" tabindex="-1"><title>Yonhap: 2 articles</title>' in home
    assert (
        '<tr><th scope="row"><a href="./search/?source=Yonhap">Yonhap</a></th><td>2</td></tr>'
    ) in home
    assert "<strong>By source.</strong> 2 articles from 1 source; 1 names none." in home


def test_the_home_page_ranks_topics_by_count(site: Path) -> None:
    home = read(site, "index.html")
    diplomacy = (
        '<li><a href="./tags/diplomacy/">Diplomacy</a> <span class="count">2'
        '<span class="visually-hidden"> articles</span></span></li>'
    )
    summits = (
        '<li><a href="./tags/summits/">Summits</a> <span class="count">1'
        '<span class="visually-hidden"> article</span></span></li>'
    )
    assert home.index(diplomacy) < home.index(summits)


def test_the_entity_index_lists_only_mentioned_entities_busiest_first(extended: Path) -> None:
    index = read(extended, "entities/index.html")
    kim = index.index('<a href="../entities/kim-jong-un/">Kim Jong Un</a> <span class="count">7')
    trump = index.index(
        '<a href="../entities/donald-trump/">Donald Trump</a> <span class="count">2'
    )
    assert kim < trump
    assert '<li data-filter-text="Kim Jong Un Kim Jong Eun">' in index
    assert '<p class="description">Leader of North Korea.</p>' in index
    assert "moon-jae-in" not in index and "Moon Jae-in" not in index


def test_ties_in_the_entity_index_go_by_name(site: Path) -> None:
    index = read(site, "entities/index.html")
    assert index.index(">Donald Trump</a>") < index.index(">Kim Jong Un</a>")  # 2 articles each


def test_the_entity_index_has_a_labelled_filter_box_shown_by_its_script(site: Path) -> None:
    index = read(site, "entities/index.html")
    assert '<script type="module" src="../theme/js/filter-list.js"></script>' in index
    assert (
        '<div class="filter" data-filter-for="entity-index" hidden>\n'
        '<label for="entity-filter">Filter by name</label>\n'
        '<input class="filter-box" id="entity-filter" type="search" autocomplete="off"'
        ' spellcheck="false">\n'
        '<p class="filter-status" role="status" aria-live="polite"></p>\n'
        "</div>\n"
        '<div id="entity-index">'
    ) in index
    assert (site / "theme/js/filter-list.js").is_file()


def test_an_entity_no_article_mentions_keeps_an_unlisted_page_saying_so(site: Path) -> None:
    page = read(site, "entities/moon-jae-in/index.html")
    assert ('<p class="unlisted-note">No article in the archive mentions Moon Jae-in yet.') in page
    assert "Mentions over time" not in page and "timeline-chart" not in page
    # The strict build passed with no page linking to it: it checks links to articles only.
    linking = [
        name
        for name in files(site)
        if name.endswith(".html") and "entities/moon-jae-in/" in read(site, name)
    ]
    assert linking == ["entities/moon-jae-in/index.html"]  # its own feed link


def test_an_unlisted_page_is_still_in_the_sitemap(published: Path) -> None:
    assert f"<url><loc>{SITEURL}/entities/moon-jae-in/</loc></url>" in read(
        published, "sitemap.xml"
    )


def test_the_topic_index_lists_topics_with_articles_busiest_first(extended: Path) -> None:
    index = read(extended, "tags/index.html")
    assert index.index(">Diplomacy</a>") < index.index(">Summits</a>")
    assert "Sanctions" not in index
    assert "No article has this topic yet." in read(extended, "tags/sanctions/index.html")


def titles(page: str) -> list[str]:
    return re.findall(r'tabindex="-1"><title>([^<]*)</title>', page)


def test_each_bar_and_row_counts_the_entitys_articles_of_its_period(extended: Path) -> None:
    page = read(extended, "entities/kim-jong-un/index.html")
    wide, narrow = page.split('<div class="timeline-narrow">')
    # The wide chart has a bar per month with Kim's articles; the narrow one, April 2018 to
    # May 2021 being 13 quarters, a bar per year.
    assert titles(wide) == [
        "April 2018: 1 article",
        "June 2018: 2 articles",
        "February 2019: 1 article",
        "May 2019: 1 article",
        "June 2020: 1 article",
        "May 2021: 1 article",
    ]
    assert titles(narrow) == ["2018: 3 articles", "2019: 2 articles", "2020: 1 article",
                              "2021: 1 article"]  # fmt: skip
    assert '<a href="../../search/?entity=kim-jong-un&amp;year=2018" tabindex="-1">' in narrow
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]*)">([^<]*)</a></th><td>(\d+)</td>', page)
    assert [(label, int(n)) for _, label, n in rows] == [
        (t.split(":")[0], int(t.split()[-2])) for t in titles(wide)
    ]
    assert rows[1][0] == "../../search/?entity=kim-jong-un&amp;month=2018-06"


def test_a_span_of_thirteen_months_or_more_is_drawn_by_quarter_on_a_phone(tmp_path: Path) -> None:
    extra = {"articles/2020/later.md": kim_article("later", "2020-03-01")}  # Feb 2019–Mar 2020
    page = read(
        build(tiny_corpus(tmp_path, extra), tmp_path / "output"), "entities/kim-jong-un/index.html"
    )
    narrow = page.split('<div class="timeline-narrow">')[1]
    assert titles(narrow) == [
        "January–March 2019: 1 article",
        "April–June 2019: 1 article",
        "January–March 2020: 1 article",
    ]
    assert (
        '<a href="../../search/?entity=kim-jong-un&amp;month=2019-04&amp;month=2019-05'
        '&amp;month=2019-06" tabindex="-1">'
    ) in narrow


def test_the_home_page_gives_the_span_of_the_dated_articles_in_its_subtitle(
    site: Path, extended: Path
) -> None:
    assert f'<p class="site-subtitle">{SUBTITLE}, 2019</p>' in read(site, "index.html")
    assert f'<p class="site-subtitle">{SUBTITLE}, 2018–2021</p>' in read(extended, "index.html")


@pytest.mark.parametrize("path", ["archives/index.html", "about/index.html"])
def test_a_page_without_a_description_of_its_own_is_described_by_the_subtitle(
    site: Path, extended: Path, path: str
) -> None:
    assert f'<meta name="description" content="{SUBTITLE}, 2019">' in read(site, path)
    assert f'<meta name="description" content="{SUBTITLE}, 2018–2021">' in read(extended, path)
    assert "site-subtitle" not in read(site, path)


def test_an_article_page_shows_no_subtitle(site: Path) -> None:
    """Shown on every page, the subtitle cost about 100 bytes of each article's page."""
    page = read(site, "2019/02/summit/index.html")
    assert "site-subtitle" not in page and '<a class="site-name" href="../../../">' in page


def test_the_home_pages_description_is_the_filled_subtitle(site: Path) -> None:
    assert f'<meta name="description" content="{SUBTITLE}, 2019">' in read(site, "index.html")


def test_every_page_links_to_the_data_files_listed_once_on_the_archives_page(site: Path) -> None:
    archives = read(site, "archives/index.html")
    data = archives.split('<h2 id="data">')[1]
    links = re.findall(r'href="\.\./(data/[^"]+)"', data)
    assert links == [
        "data/articles.csv.gz",
        "data/articles.json.gz",
        "data/entities.csv.gz",
        "data/entities.json.gz",
    ]
    assert all((site / link).is_file() for link in links)
    assert "They are gzip-compressed (<code>.gz</code>)" in data
    article = read(site, "2019/02/summit/index.html")
    footer = article.split('<footer class="site-footer">')[1]
    assert '<a href="../../../archives/#data">Data files</a>' in footer
    assert "data/articles" not in article


def test_an_archive_publishing_one_data_format_links_and_keeps_only_its_files(
    tmp_path: Path,
) -> None:
    content, output = tiny_corpus(tmp_path), tmp_path / "output"
    build(content, output)
    build(content, output, ARCHIVE_PAGES_DATA_FORMATS=["json"])
    assert [f for f in files(output) if f.startswith("data/")] == [
        "data/articles.json.gz",
        "data/entities.json.gz",
    ]
    data = read(output, "archives/index.html").split('<h2 id="data">')[1]
    assert re.findall(r'<a href="\.\./(data/[^"]+)">([^<]+)</a>', data) == [
        ("data/articles.json.gz", "articles (JSON)"),
        ("data/entities.json.gz", "entities (JSON)"),
    ]


def test_an_archive_publishing_plain_data_files_keeps_no_compressed_ones(tmp_path: Path) -> None:
    content, output = tiny_corpus(tmp_path), tmp_path / "output"
    build(content, output)
    build(content, output, ARCHIVE_PAGES_DATA_GZIP=False)
    plain = ["data/articles.csv", "data/articles.json", "data/entities.csv", "data/entities.json"]
    assert [f for f in files(output) if f.startswith("data/")] == plain
    data = read(output, "archives/index.html").split('<h2 id="data">')[1]
    assert re.findall(r'href="\.\./(data/[^"]+)"', data) == plain
    assert "gzip" not in data
    compressed = build(content, tmp_path / "compressed")
    for name in plain:  # the same text either way
        assert read(output, name) == read_data_file(compressed / f"{name}.gz")


@pytest.mark.parametrize("formats", [["xlsx"], [], ["csv", "csv"]])
def test_data_formats_other_than_csv_and_json_are_refused_at_start_up(
    tmp_path: Path, formats: list[str]
) -> None:
    with pytest.raises(SettingsError) as refused:
        start(tiny_corpus(tmp_path), tmp_path / "output", ARCHIVE_PAGES_DATA_FORMATS=formats)
    assert str(refused.value) == (
        "ARCHIVE_PAGES_DATA_FORMATS: expected a list of 'csv' or 'json', at least one and "
        f"each once, got {formats!r}"
    )


# --- a failed build, then another in the same process ---------------------------------------


def test_after_a_build_that_failed_while_writing_the_next_in_the_process_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ``invoke regenerate`` goes on after a failed build: nothing the failed build left
    unrendered (its queued pages, its list entries) reaches the next."""

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("No space left on device")

    content = tiny_corpus(tmp_path)
    monkeypatch.setattr(plugin("archive_pages").archive_pages.datafiles, "write_data_files", fail)
    with pytest.raises(IncompleteBuild):
        build(content, tmp_path / "output")
    monkeypatch.undo()
    again = build(content, tmp_path / "output")
    fresh = build(content, tmp_path / "fresh")
    assert files(again) == files(fresh)
    assert contents(again) == contents(fresh)
