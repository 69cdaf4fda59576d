"""What a reader of the archive sees, in a real Chromium under a sub-path."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})).violations"
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})"
        for v in result
    ]


def test_home_entity_article_round_trip(page, site_url: str) -> None:
    page.goto(site_url)
    assert page.get_by_role("heading", name="Latest articles").is_visible()
    assert page.locator(".home-latest .article-list > li").count() == 15
    page.get_by_role("link", name="People, organisations, places").click()
    assert page.locator("h1").inner_text() == "People, organisations and places"
    for heading in ("People", "Organisations", "Places"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    page.locator("#person ~ ul a, section:has(#person) a", has_text="Kim Jong Un").first.click()
    # A click waits for the next page's document, not its stylesheet, which hides the chart
    # that does not fit the width: on a busy machine both were counted before it applied.
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Kim Jong Un"
    assert page.locator(".timeline svg:visible").count() == 1  # one chart for the width
    assert page.get_by_role("heading", name="Often mentioned with").is_visible()
    count = int(page.locator(".entity > header .meta").inner_text().split()[0])
    assert count > 0
    first = page.locator("#articles-heading ~ .article-list a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == title
    assert page.locator(".chip-list a", has_text="Kim Jong Un").count() == 1
    assert page.get_by_role("heading", name="Provenance").is_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_timeline_bar_leads_to_that_entitys_articles_of_its_period(
    page, site_url: str, width: int
) -> None:
    """The busiest bar of the chart shown at this width: its count is the search's count."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "entities/kim-jong-un/")
    bars = page.locator(".timeline svg:visible a")
    titles = bars.evaluate_all("links => links.map(a => a.querySelector('title').textContent)")
    counts = [int(re.search(r"(\d+) articles?", t).group(1)) for t in titles]
    busiest = counts.index(max(counts))
    bar = bars.nth(busiest)
    href = bar.get_attribute("href")
    assert "entity=kim-jong-un" in href and ("month=" in href or "year=" in href)
    bar.click()
    page.wait_for_function("() => (document.getElementById('search') || {}).dataset?.resultsKey")
    status = page.locator("#search-status").inner_text()
    assert status.startswith(f"{counts[busiest]:,} article"), (titles[busiest], status)


def test_first_mention_links_to_the_entity_page(page, site_url: str) -> None:
    page.goto(
        site_url
        + "2019/10/south-korea-and-the-united-states-will-seek-ways-to-maintain-dialogue-with/"
    )
    links = page.locator(".article-body a.entity-link")
    names = links.all_inner_texts()
    assert "Lee Do-hoon" in names and "Kim Myong-gil" in names
    assert len(names) == len(set(names))
    page.locator(".article-body a.entity-link", has_text="Kim Myong-gil").click()
    assert page.locator("h1").inner_text() == "Kim Myong Gil"  # the canonical name


def test_article_shows_date_source_chips_neighbours_and_related(page, site_url: str) -> None:
    page.goto(
        site_url
        + "2018/12/south-korea-and-the-united-states-will-have-senior-level-discussions-on-north/"
    )
    assert page.locator("time").first.get_attribute("datetime") == "2018-12-18"
    assert page.locator(".meta .source").first.inner_text() == "Yonhap"
    assert page.locator(".chip-tag", has_text="Denuclearization").count() == 1
    assert page.locator(".prev-next a[rel=prev]").count() == 1
    assert page.locator(".prev-next a[rel=next]").count() == 1
    assert page.locator(".related .article-lines > li").count() >= 1


def test_tags_index_and_tag_page(page, site_url: str) -> None:
    page.goto(site_url + "tags/")
    link = page.locator(".index-list a", has_text="Denuclearization")
    listed = int(link.locator("xpath=following-sibling::span").inner_text().split()[0])
    link.click()
    assert page.locator("h1").inner_text() == "Denuclearization"
    shown = page.locator(".article-list > li").count()
    assert shown == min(listed, 50)


def test_undated_briefs_are_listed_and_marked(page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="Undated", exact=True).click()
    assert page.locator("h1").inner_text() == "Undated articles"
    assert page.locator(".article-list > li").count() == 10
    page.locator(".article-list a").first.click()
    assert page.locator(".date-unknown").first.inner_text() == "Date unknown"
    assert "/undated/" in page.url


def test_archives_year_month_article(page, site_url: str) -> None:
    page.goto(site_url + "archives/")
    page.locator("h2 a", has_text="2019").click()
    assert page.locator("h1").inner_text() == "2019"
    page.locator("h2 a", has_text="October").click()
    assert page.locator("h1").inner_text() == "October 2019"
    assert (
        page.locator(
            ".article-list a", has_text="South Korea and the United States will seek ways"
        ).count()
        == 1
    )


def test_data_files_hold_every_article_and_entity(page, site_url: str, built_site: Path) -> None:
    def download(name: str) -> str:
        """A data file as a reader downloads it: gzip bytes, served as gzip, not decoded."""
        response = page.request.get(site_url + f"data/{name}.gz")
        assert response.ok and response.headers["content-type"] == "application/gzip"
        assert "content-encoding" not in response.headers
        return gzip.decompress(response.body()).decode("utf-8")

    articles = list((ROOT / "content" / "articles").rglob("*.md"))
    rows = json.loads(download("articles.json"))
    assert len(rows) == len(articles)
    assert {"slug", "title", "date", "url", "entities", "tags"} <= set(rows[0])
    csv_rows = list(csv.DictReader(io.StringIO(download("articles.csv"))))
    assert len(csv_rows) == len(articles)
    entities = {e["id"]: e for e in json.loads(download("entities.json"))}
    assert entities["kim-jong-un"]["article_count"] > 0
    assert len(list(csv.DictReader(io.StringIO(download("entities.csv"))))) == len(entities)


def test_entity_feed_is_atom_with_links_inside_the_site(page, site_url: str) -> None:
    response = page.request.get(site_url + "entities/kim-jong-un/atom.xml")
    assert response.ok
    body = response.text()
    assert "<feed" in body and "<entry>" in body


@pytest.mark.parametrize(
    "path",
    [
        "",
        "entities/",
        "entities/kim-jong-un/",
        "tags/",
        "tags/denuclearization/",
        "archives/",
        "archives/2019/",
        "archives/2019/10/",
        "undated/",
        "2019/10/south-korea-and-the-united-states-will-seek-ways-to-maintain-dialogue-with/",
        "about/",
    ],
)
def test_no_accessibility_violations(page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert axe_violations(page) == []
