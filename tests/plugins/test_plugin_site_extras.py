"""site_extras in-process on the tiny corpus: the exact sitemap, robots.txt, 404 and site feed."""

from __future__ import annotations

from pathlib import Path

import pytest
from inprocess import SITEURL, build, read, tiny_corpus

pytestmark = pytest.mark.build

SITE_FEED = {"FEED_DOMAIN": SITEURL, "FEED_ALL_ATOM": "feeds/all.atom.xml"}
PAGES = [
    "",
    "2019/02/summit/",
    "2019/05/talks-resume/",
    "about/",
    "archives/",
    "archives/2019/",
    "archives/2019/02/",
    "archives/2019/05/",
    "entities/",
    "entities/donald-trump/",
    "entities/kim-jong-un/",
    "entities/moon-jae-in/",
    "search/",
    "tags/",
    "tags/diplomacy/",
    "tags/summits/",
    "undated/",
    "undated/brief/",
]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("published")
    return build(tiny_corpus(root), root / "output", SITEURL=SITEURL, **SITE_FEED)


def urlset(locations: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(f"<url><loc>{loc}</loc></url>\n" for loc in locations)
        + "</urlset>\n"
    )


def test_the_sitemap_lists_every_page_but_the_404_by_absolute_url(published: Path) -> None:
    assert read(published, "sitemap.xml") == urlset([f"{SITEURL}/{page}" for page in PAGES])
    assert read(published, "robots.txt") == (
        f"User-agent: *\nDisallow:\nSitemap: {SITEURL}/sitemap.xml\n"
    )


def test_beyond_the_limit_the_sitemap_is_an_index_of_parts(tmp_path: Path) -> None:
    output = build(
        tiny_corpus(tmp_path), tmp_path / "output", SITEURL=SITEURL, SITE_EXTRAS_SITEMAP_MAX_URLS=10
    )
    assert read(output, "sitemap.xml") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<sitemap><loc>{SITEURL}/sitemap-1.xml</loc></sitemap>\n"
        f"<sitemap><loc>{SITEURL}/sitemap-2.xml</loc></sitemap>\n"
        "</sitemapindex>\n"
    )
    assert read(output, "sitemap-2.xml") == urlset([f"{SITEURL}/{page}" for page in PAGES[10:]])


def test_the_404_page_links_absolutely_when_the_address_is_known(published: Path) -> None:
    page = read(published, "404.html")
    for path, label in [
        ("", "Latest articles"),
        ("archives/", "Every article by year and month"),
        ("entities/", "People, organisations and places"),
        ("tags/", "Topics"),
    ]:
        assert f'<a href="{SITEURL}/{path}">{label}</a>' in page


def test_a_development_build_has_no_sitemap_and_a_root_relative_404(tmp_path: Path) -> None:
    output = build(tiny_corpus(tmp_path), tmp_path / "output")
    assert not (output / "sitemap.xml").exists()
    assert read(output, "robots.txt") == "User-agent: *\nDisallow:\n"
    assert '<a href="./archives/">Every article by year and month</a>' in read(output, "404.html")


def test_the_site_feed_carries_each_articles_own_text_and_no_undated_one(published: Path) -> None:
    feed = read(published, "feeds/all.atom.xml")
    assert "<title>Talks &lt;resume&gt; &amp; more</title>" in feed  # Pelican strips "<resume>"
    assert '<category term="Diplomacy"/><category term="Summits"/>' in feed
    assert "<updated>2019-05-02T00:00:00+09:00</updated><subtitle>" in feed
    assert feed.count("<entry>") == 2
    assert "undated/brief" not in feed  # its date would be year 1


def test_switched_off_there_is_no_robots_txt_or_404_page(tmp_path: Path) -> None:
    output = build(
        tiny_corpus(tmp_path),
        tmp_path / "output",
        SITEURL=SITEURL,
        SITE_EXTRAS_ROBOTS=False,
        SITE_EXTRAS_NOT_FOUND=False,
        SITE_EXTRAS_SITEMAP=False,
    )
    assert [(output / name).exists() for name in ("robots.txt", "404.html", "sitemap.xml")] == [
        False,
        False,
        False,
    ]
