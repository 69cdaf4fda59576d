"""The search page in a real Chromium: the shipped archive, served under a sub-path.

Every wait is on state the page sets (``#search[data-state]``, ``[data-results-for]``,
``[data-results-key]``, ``[data-history]``, ``history.state``), never on time. Phone tests
run at 390 x 844 CSS px (a common phone); the others at the browser's default 1280 x 720.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from test_site_pages import axe_violations

from benchmarks.firstquery import first_query_bytes
from newsarchive.content import frontmatter
from newsarchive.site import urls

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PHONE = {"width": 390, "height": 844}
SEED = "South Korea and the United States will"
STOCKHOLM_TITLE = (
    "South Korea and the United States will seek ways to maintain dialogue with North Korea"
)
STOCKHOLM = "2019/10/south-korea-and-the-united-states-will-seek-ways-to-maintain-dialogue-with/"


# --- helpers ------------------------------------------------------------------------


def open_search(page, site_url: str, query: str = "") -> None:
    """The search page with a query string, once the index is loaded."""
    page.goto(site_url + "search/" + query)
    page.wait_for_function("() => document.getElementById('search').dataset.state === 'ready'")


def wait_for_results(page, q: str) -> None:
    """Until the results of q are shown, with every count (a first answer may come before
    the counts of entities and topics: #search[data-counts=later])."""
    page.wait_for_function(
        "q => { const d = document.getElementById('search').dataset;"
        " return d.resultsFor === q && d.counts === undefined; }",
        arg=q,
    )


def wait_for_key(page, pattern: str) -> None:
    """Until the results shown are those of a URL search string matching pattern."""
    page.wait_for_function(
        "p => new RegExp(p).test(document.getElementById('search').dataset.resultsKey || '')",
        arg=pattern,
    )


def search(page, q: str) -> None:
    page.locator("#search-q").fill(q)
    wait_for_results(page, q)


def titles(page) -> list[str]:
    return page.locator("#search-results > li h3").all_inner_texts()


def total(page) -> int:
    return int(page.locator("#search").get_attribute("data-total"))


def result_set(page) -> tuple[int, list[str]]:
    hrefs = page.locator("#search-results > li h3 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return total(page), hrefs


def dates(page) -> list[str | None]:
    return page.locator("#search-results > li").evaluate_all(
        "items => items.map(li => { const t = li.querySelector('.meta time'); return t ? t.dateTime : null; })"
    )


def facet_box(page, legend: str, value: str):
    return page.locator(f"fieldset:has(> legend:text-is('{legend}')) input[value='{value}']")


def facet_count(page, legend: str, value: str) -> int:
    label = page.locator(
        f"fieldset:has(> legend:text-is('{legend}')) li:has(input[value='{value}']) .count"
    )
    return int(re.sub(r"\D", "", label.inner_text()))


def on_a_phone(page) -> None:
    page.set_viewport_size(PHONE)


def box(locator) -> dict[str, float]:
    """A visible element's box in CSS px, relative to the viewport."""
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not shown"
    return found


def active_element(page) -> str:
    """A short description of the focused element: tag#id, or the text of a link."""
    return page.evaluate(
        "() => { const a = document.activeElement;"
        " return a.id ? `${a.tagName.toLowerCase()}#${a.id}` : `${a.tagName.toLowerCase()}:${a.textContent.trim()}`; }"
    )


# --- finding -----------------------------------------------------------------------


def test_the_header_box_on_an_article_lands_on_results(page, site_url: str) -> None:
    page.goto(site_url + STOCKHOLM)
    box = page.get_by_role("search").get_by_label("Search the archive")
    box.fill("Biegun")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/archive/search/\?q=Biegun$"))
    wait_for_results(page, "Biegun")
    assert page.locator("#search-q").input_value() == "Biegun"
    assert STOCKHOLM_TITLE in titles(page)


def test_biegun_finds_the_seed_articles_and_marks_the_name(page, site_url: str) -> None:
    open_search(page, site_url)
    search(page, "Biegun")
    found = titles(page)
    assert len([t for t in found if t.startswith(SEED)]) == 2, found
    marks = page.locator("#search-results mark").all_inner_texts()
    assert "Biegun" in marks
    assert {m.lower() for m in marks} == {"biegun"}
    assert "Biegun" in page.locator("#search-status").inner_text()


def test_a_misspelt_name_finds_the_same_articles(page, site_url: str) -> None:
    open_search(page, site_url)
    search(page, "Beigun")
    found = titles(page)
    assert [t for t in found if t.startswith(SEED)] == [t for t in found[:2]], found
    assert len([t for t in found if t.startswith(SEED)]) == 2
    # The fuzzy match is highlighted as the word the article has.
    assert "Biegun" in page.locator("#search-results mark").all_inner_texts()


def test_spellings_of_a_name_give_the_same_results(page, site_url: str) -> None:
    open_search(page, site_url)
    seen = []
    for q in ("Kim Jong-un", "Kim Jong Un", "kim jong un"):
        search(page, q)
        seen.append(result_set(page))
    assert seen[0][0] > 0
    assert seen[0] == seen[1] == seen[2]


def test_british_and_american_spellings_give_the_same_results(page, site_url: str) -> None:
    open_search(page, site_url)
    search(page, "denuclearisation")
    british = result_set(page)
    search(page, "denuclearization")
    assert british[0] > 0
    assert result_set(page) == british


def test_a_korean_alias_finds_the_stockholm_talks(page, site_url: str) -> None:
    open_search(page, site_url)
    search(page, "김명길")
    assert STOCKHOLM_TITLE in titles(page)


# --- refining ------------------------------------------------------------------------


def test_a_facet_filters_updates_the_url_and_the_counts(page, site_url: str) -> None:
    open_search(page, site_url, "?q=denuclearization")
    wait_for_results(page, "denuclearization")
    everything = total(page)
    year = page.locator("fieldset:has(> legend:text-is('Year')) input").first.get_attribute("value")
    expected = facet_count(page, "Year", year)
    assert 0 < expected < everything

    facet_box(page, "Year", year).check()
    wait_for_key(page, f"year={year}")
    assert f"year={year}" in page.url
    assert total(page) == expected
    assert all(d is not None and d.startswith(year) for d in dates(page))
    assert facet_box(page, "Year", year).is_checked()
    # Other facets now count within the filtered results.
    entity_counts = page.locator(
        "fieldset:has(> legend:text-is('People, organisations and places')) .count"
    ).all_inner_texts()
    assert entity_counts and all(int(re.sub(r"\D", "", c)) <= expected for c in entity_counts)
    # The year's own facet still offers the other years, with their counts.
    assert page.locator("fieldset:has(> legend:text-is('Year')) input").count() > 1

    facet_box(page, "Year", year).uncheck()
    page.wait_for_function(
        "() => !document.getElementById('search').dataset.resultsKey.includes('year=')"
    )
    assert total(page) == everything
    assert "year=" not in page.url


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_date_sorts_order_by_date_with_undated_last(page, site_url: str, order: str) -> None:
    open_search(page, site_url, "?q=Korea")
    wait_for_results(page, "Korea")
    page.get_by_label("Sort by").select_option(order)
    wait_for_key(page, f"sort={order}")
    assert f"sort={order}" in page.url
    shown = dates(page)
    dated = [d for d in shown if d is not None]
    assert len(dated) >= 5
    assert shown[: len(dated)] == dated  # undated ones, if any, come last
    assert dated == sorted(dated, reverse=order == "newest")


def test_show_more_adds_results_and_moves_focus_to_them(page, site_url: str) -> None:
    open_search(page, site_url, "?q=Korea")
    wait_for_results(page, "Korea")
    assert total(page) > 20
    assert page.locator("#search-results > li").count() == 20
    first_page = titles(page)
    page.get_by_role("button", name=re.compile("Show more results")).click()
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length > 20")
    assert titles(page)[:20] == first_page
    assert page.evaluate(
        "() => document.activeElement === document.querySelectorAll('#search-results > li')[20].querySelector('a')"
    )


def test_result_chips_open_the_entity_and_topic_pages(page, site_url: str) -> None:
    open_search(page, site_url, "?q=Biegun")
    wait_for_results(page, "Biegun")
    for selector in ("#search-results .chip:not(.chip-tag)", "#search-results .chip-tag"):
        chip = page.locator(selector).first
        name = chip.inner_text()
        chip.click()
        page.wait_for_url(re.compile(r"/archive/(entities|tags)/[^/]+/$"))
        assert page.locator("h1").inner_text() == name
        page.go_back()
        wait_for_results(page, "Biegun")


def test_reloading_a_url_restores_the_search(page, site_url: str) -> None:
    open_search(page, site_url, "?q=sanctions&tag=denuclearization")
    wait_for_results(page, "sanctions")
    before = result_set(page)
    assert before[0] > 0
    assert page.locator("#search-q").input_value() == "sanctions"
    assert facet_box(page, "Topics", "denuclearization").is_checked()
    for item in page.locator("#search-results > li").all():
        assert item.locator(".chip-tag", has_text="Denuclearization").count() == 1
    page.reload()
    page.wait_for_function("() => document.getElementById('search').dataset.state === 'ready'")
    wait_for_results(page, "sanctions")
    assert result_set(page) == before
    assert page.locator("#search-q").input_value() == "sanctions"
    assert facet_box(page, "Topics", "denuclearization").is_checked()


def test_back_after_two_searches_restores_the_first(page, site_url: str) -> None:
    open_search(page, site_url)
    box = page.locator("#search-q")
    box.press_sequentially("Biegun")
    wait_for_results(page, "Biegun")
    # Left alone, a search settles into its own history entry.
    page.wait_for_function(
        "() => document.getElementById('search').dataset.history === 'committed'"
    )
    first = result_set(page)
    box.fill("")
    box.press_sequentially("sanctions")
    box.press("Enter")  # settles at once
    wait_for_results(page, "sanctions")
    page.wait_for_function(
        "() => document.getElementById('search').dataset.history === 'committed'"
    )
    assert "q=sanctions" in page.url

    page.go_back()
    wait_for_results(page, "Biegun")
    assert page.url.endswith("search/?q=Biegun")
    assert box.input_value() == "Biegun"
    assert result_set(page) == first
    page.go_forward()
    wait_for_results(page, "sanctions")
    assert box.input_value() == "sanctions"


def test_no_results_offer_help(page, site_url: str) -> None:
    open_search(page, site_url, "?q=xyzzyqq&tag=denuclearization")
    wait_for_results(page, "xyzzyqq")
    assert total(page) == 0
    assert "No articles" in page.locator("#search-status").inner_text()
    help_box = page.locator("#search-empty")
    assert help_box.is_visible()
    text = help_box.inner_text()
    assert "spelling" in text and "another name" in text
    assert (
        help_box.get_by_role("link", name="person, organisation or place")
        .get_attribute("href")
        .endswith("entities/")
    )
    help_box.get_by_role("button", name="remove all filters").click()
    wait_for_key(page, "^\\?q=xyzzyqq$")
    assert "tag=" not in page.url
    assert not page.locator("#search-empty-filters").is_visible()


# --- using it ------------------------------------------------------------------------


def test_keyboard_only(page, site_url: str) -> None:
    open_search(page, site_url)
    for _ in range(30):
        page.keyboard.press("Tab")
        if active_element(page) == "input#search-q":
            break
    assert active_element(page) == "input#search-q"
    page.keyboard.type("Biegun")
    wait_for_results(page, "Biegun")
    assert active_element(page) == "input#search-q"  # results never take the focus
    page.evaluate("() => { window.__stillHere = true; }")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('search').dataset.history === 'committed'"
    )
    assert page.evaluate("() => window.__stillHere === true")  # Enter did not reload

    first = page.locator("#search-results > li h3 a").first
    title = first.inner_text()
    # Past the filters' long lists in one key press: the skip link right after the box.
    for _ in range(3):
        page.keyboard.press("Tab")
        if active_element(page) == "a#search-skip-results":
            break
    assert active_element(page) == "a#search-skip-results"
    assert page.locator("#search-skip-results").is_visible()
    page.keyboard.press("Enter")
    assert active_element(page) == f"a:{title}"
    assert "#" not in page.url  # the link moved the focus, not the history
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/archive/\d{4}/\d{2}/[a-z0-9-]+/$"))
    assert page.locator("h1").inner_text() == title


def test_slash_goes_to_the_search_box(page, site_url: str) -> None:
    open_search(page, site_url, "?q=Biegun")
    wait_for_results(page, "Biegun")
    page.locator("h1").click()
    page.keyboard.press("/")
    assert active_element(page) == "input#search-q"
    assert page.locator("#search-q").input_value() == "Biegun"


@pytest.mark.parametrize("query", ["?q=Biegun", "?q=xyzzyqq&tag=denuclearization"])
def test_no_accessibility_violations(page, site_url: str, query: str) -> None:
    open_search(page, site_url, query)
    wait_for_key(page, re.escape(query))
    assert axe_violations(page) == []


def test_no_accessibility_violations_on_a_phone_with_the_filters_open(page, site_url: str) -> None:
    on_a_phone(page)
    query = "?q=Korea&entity=kim-jong-un&month=2018-12"
    open_search(page, site_url, query)
    wait_for_key(page, re.escape(query))
    open_filters(page)
    assert axe_violations(page) == []


# --- on a phone, and keeping the reader's place ----------------------------------------


def open_filters(page):
    """Opens the filters on a phone; returns the Filters button."""
    toggle = page.get_by_role("button", name=re.compile(r"^Filters"))
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    return toggle


def test_on_a_phone_the_filters_open_right_above_the_results(page, site_url: str) -> None:
    on_a_phone(page)
    open_search(page, site_url, "?q=Korea")
    wait_for_results(page, "Korea")
    toggle = page.get_by_role("button", name=re.compile(r"^Filters"))
    status, first_result = (
        page.locator("#search-status"),
        page.locator("#search-results > li").first,
    )
    first_facet = page.locator("#search-facets input[type=checkbox]").first
    # Beside the result count, above the first result; the facets wait behind it.
    assert toggle.get_attribute("aria-controls") == "search-facets"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert box(toggle)["y"] + box(toggle)["height"] <= box(first_result)["y"]
    assert abs(box(toggle)["y"] - box(status)["y"]) < box(status)["height"]
    assert not first_facet.is_visible()

    open_filters(page)
    assert first_facet.is_visible()
    assert 0 < box(first_facet)["y"] - box(status)["y"] <= PHONE["height"]
    assert box(first_facet)["y"] < box(first_result)["y"]
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not first_facet.is_visible()


def test_on_a_wide_screen_the_filters_are_a_sidebar_without_a_button(page, site_url: str) -> None:
    open_search(page, site_url, "?q=Korea")
    wait_for_results(page, "Korea")
    assert not page.locator("#search-filters-toggle").is_visible()
    facets = page.locator("#search-facets")
    assert facets.locator("input[type=checkbox]").first.is_visible()
    # Beside the results, not under them.
    assert box(facets)["y"] < box(page.locator("#search-results > li").nth(1))["y"]


def test_on_a_phone_a_filter_takes_the_focus_to_the_result_count(page, site_url: str) -> None:
    on_a_phone(page)
    open_search(page, site_url, "?q=Korea")
    wait_for_results(page, "Korea")
    before = page.locator("#search-status").inner_text()
    toggle = open_filters(page)
    year_box = page.locator("fieldset:has(> legend:text-is('Year')) input").first
    year = year_box.get_attribute("value")
    year_box.scroll_into_view_if_needed()
    year_box.check()
    wait_for_key(page, f"year={year}")
    assert active_element(page) == "p#search-status"
    status = box(page.locator("#search-status"))
    assert -1 <= status["y"] < PHONE["height"] / 4  # at the top of the screen
    assert page.locator("#search-status").inner_text() != before
    # The panel closed on the results; the button counts the filter.
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.inner_text() == "Filters (1)"
    first_result = page.locator("#search-results > li").first
    assert box(first_result)["y"] < PHONE["height"]


def test_skip_to_filters_opens_them_at_the_first_facet(page, site_url: str) -> None:
    on_a_phone(page)
    open_search(page, site_url, "?q=Korea")
    wait_for_results(page, "Korea")
    page.locator("#search-q").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if active_element(page) == "a#search-skip-filters":
            break
    assert active_element(page) == "a#search-skip-filters"
    assert 0 <= box(page.locator("#search-skip-filters"))["x"] < PHONE["width"]  # in sight
    page.keyboard.press("Enter")
    first_facet = page.locator("#search-facets input[type=checkbox]").first
    assert page.evaluate("el => el === document.activeElement", first_facet.element_handle())
    assert page.locator("#search-filters-toggle").get_attribute("aria-expanded") == "true"


def saved_scroll(page) -> int:
    """Once the page has saved where the reader is, that place."""
    page.wait_for_function(
        "() => history.state && history.state.scrollY === Math.round(window.scrollY)"
    )
    return page.evaluate("() => history.state.scrollY")


def test_show_more_and_the_place_survive_back_and_reload(page, site_url: str) -> None:
    on_a_phone(page)
    open_search(page, site_url, "?q=Korea")
    wait_for_results(page, "Korea")
    page.get_by_role("button", name=re.compile("Show more results")).click()
    wait_for_key(page, r"^\?q=Korea&shown=40$")
    assert page.url.endswith("search/?q=Korea&shown=40")
    items = page.locator("#search-results > li")
    assert items.count() == 40
    shown_titles = titles(page)
    target = items.nth(30).locator("h3 a")
    target.scroll_into_view_if_needed()
    before = page.evaluate("() => window.scrollY")
    page.mouse.wheel(0, 60)
    # The wheel scrolls a moment later: the place to come back to is the one after it.
    page.wait_for_function(f"() => window.scrollY > {before}")
    place = saved_scroll(page)
    assert place > 5 * PHONE["height"]

    # Away to an article (a link in view: the click does not scroll) and Back: as many
    # results, at the same place.
    target_title = target.inner_text()
    target.click()
    page.wait_for_url(re.compile(r"/archive/\d{4}/\d{2}/[a-z0-9-]+/$"))
    assert page.locator("h1").inner_text() == target_title
    page.go_back()
    wait_for_key(page, r"^\?q=Korea&shown=40$")
    assert titles(page) == shown_titles
    assert abs(page.evaluate("() => window.scrollY") - place) <= 2

    # A reload reads both again: the count from the URL, the place from the history entry.
    page.reload()
    wait_for_key(page, r"^\?q=Korea&shown=40$")
    assert titles(page) == shown_titles
    assert abs(page.evaluate("() => window.scrollY") - place) <= 2
    # A new search starts again at the first page.
    search(page, "Pyongyang")
    assert items.count() == 20
    page.locator("#search-q").press("Enter")
    wait_for_key(page, r"^\?q=Pyongyang$")


def shipped_articles() -> list[tuple[str, str, list[str]]]:
    """Every shipped article's (site address, date or '', entities), from its front matter."""
    found = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        meta = frontmatter.parse(path.read_text(encoding="utf-8")).meta
        day = str(meta.get("date") or "")
        date = day[:10] if re.match(r"\d{4}-\d{2}-\d{2}", day) else ""
        address = urls.article(meta["slug"], dt.date.fromisoformat(date) if date else None)
        found.append((address, date, list(meta.get("entities") or [])))
    return found


@pytest.mark.parametrize(
    ("query", "periods"),
    [
        ("month=2018-12", ("2018-12",)),
        ("month=2018-10&month=2018-11&month=2018-12", ("2018-10", "2018-11", "2018-12")),
        ("year=2018", ("2018",)),
    ],
    ids=["month", "quarter", "year"],
)
def test_a_timeline_period_link_lists_exactly_that_entitys_articles(
    page, site_url: str, query: str, periods: tuple[str, ...]
) -> None:
    """The links an entity's timeline makes, with no words: the articles of the shipped
    archive that name the entity and are dated in the period, newest first, counted exactly."""
    entity = "kim-jong-un"
    expected = {
        address: date
        for address, date, entities in shipped_articles()
        if entity in entities and date.startswith(periods)
    }
    assert expected, "the shipped archive should have articles to find"
    url_query = f"?entity={entity}&{query}"
    open_search(page, site_url, url_query)
    wait_for_key(page, "^" + re.escape(url_query) + "$")
    assert total(page) == len(expected)
    shown = page.locator("#search-results > li h3 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    addresses = [href.removeprefix("../") for href in shown]
    assert len(addresses) == min(20, len(expected))
    assert set(addresses) <= set(expected)
    if len(expected) <= 20:
        assert set(addresses) == set(expected)
    assert [expected[a] for a in addresses] == sorted(
        (expected[a] for a in addresses), reverse=True
    )
    status = page.locator("#search-status").inner_text()
    assert status.startswith(f"{len(expected):,} article")


def test_a_month_filter_is_a_chip_that_removes_it(page, site_url: str) -> None:
    open_search(page, site_url, "?entity=kim-jong-un&month=2018-12")
    wait_for_key(page, r"^\?entity=kim-jong-un&month=2018-12$")
    narrowed = total(page)
    chip = page.get_by_role("button", name="Remove filter: December 2018")
    assert "December 2018" in chip.inner_text()
    assert page.get_by_role("button", name="Remove filter: Kim Jong Un").is_visible()
    chip.click()
    wait_for_key(page, r"^\?entity=kim-jong-un$")
    assert "month=" not in page.url
    assert total(page) > narrowed
    assert active_element(page) == "p#search-status"
    assert not page.get_by_role("button", name="Remove filter: December 2018").count()


# Every control of the search page, shown, and its size.
CONTROLS = """
() => [...document.querySelectorAll(
  '#search input, #search button, #search select, #search a.chip, #search .search-skip,'
  + ' #search .facet-list label, #search-results h3 a'
)].filter(el => el.getClientRects().length > 0).map(el => {
  const r = el.getBoundingClientRect();
  return { what: el.outerHTML.slice(0, 90), width: r.width, height: r.height };
})
"""


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "wide"])
def test_every_control_is_at_least_24_px_square(page, site_url: str, phone: bool) -> None:
    if phone:
        on_a_phone(page)
    open_search(page, site_url, "?q=Korea&year=2019")
    wait_for_key(page, r"^\?q=Korea&year=2019$")
    if phone:
        open_filters(page)
    controls = page.evaluate(CONTROLS)
    kinds = " ".join(c["what"] for c in controls)
    for needed in ('type="checkbox"', "search-active-chip", "facet-more", "Show more", "chip"):
        assert needed in kinds, needed
    small = [c for c in controls if c["width"] < 24 or c["height"] < 24]
    assert small == []
    # A checkbox is visibly bigger than the browser's 13 px.
    checkbox = box(page.locator("#search-facets input[type=checkbox]").first)
    assert checkbox["width"] >= 20 and checkbox["height"] >= 20


# The shipped engine, loaded from the built site, against the oracle (tests/search/oracle.mjs,
# served from the repository under source/): the whole index in memory and lunr.js's own query.
PARITY = """
async ({ queries, site }) => {
  const [{ createEngine }, { clausesFor }, { shardedSource }, oracle] = await Promise.all([
    import(site + 'theme/js/search/engine.js'),
    import(site + 'theme/js/search/query.js'),
    import(site + 'theme/js/search/shards.js'),
    import(site + 'source/tests/search/oracle.mjs'),
  ]);
  const lunr = window.lunr; // lunr.js's own build, the one the worker's bundle holds
  const [compact, store] = await Promise.all(
    ['compact.json', 'store.json'].map((path) => fetch(site + 'parity/' + path).then((r) => r.json()))
  );
  const open = async (source) => {
    const engine = createEngine(source, lunr);
    return { engine, source, meta: await engine.open() };
  };
  const memory = await open(oracle.memorySource(compact, store));
  const sharded = await open(shardedSource(site + 'parity/search/manifest.json'));
  const index = oracle.load(lunr, compact);
  const out = [];
  for (const q of queries) {
    const build = clausesFor(await memory.engine.analyse(q), lunr);
    const ours = JSON.stringify(oracle.rows(await oracle.runQuery(memory, build)));
    const shardedBuild = clausesFor(await sharded.engine.analyse(q), lunr);
    const fromShards = JSON.stringify(oracle.rows(await oracle.runQuery(sharded, shardedBuild)));
    const theirs = JSON.stringify(oracle.lunrResults(index, build));
    out.push([q, JSON.parse(ours).length, ours === theirs, fromShards === ours]);
  }
  return out;
}
"""
REPOSITORY_SOURCES = ("theme/static/js/search/", "tests/search/", "node_modules/lunr/")


@pytest.fixture(scope="module")
def parity_files(tmp_path_factory) -> Path:
    """The shipped articles' index three ways: compact, document store, and shards."""
    from benchmarks.corpus import docs_from_content
    from newsarchive.search.documents import dumps
    from newsarchive.search.shards import ordered, write_shards
    from oracle import build_index, compact, document_store

    folder = tmp_path_factory.mktemp("parity")
    docs = ordered(docs_from_content(ROOT / "content"))
    (folder / "compact.json").write_text(dumps(compact(build_index(docs))), encoding="utf-8")
    (folder / "store.json").write_text(dumps(document_store(docs, {}, {})), encoding="utf-8")
    write_shards(folder / "search", docs, {}, {})
    return folder


def test_the_worker_ranks_exactly_as_lunr_does(
    page, site_url: str, built_site: Path, parity_files: Path
) -> None:
    """In Chromium, the shipped engine scores lunr queries from the whole index or from shards:
    the same documents, scores (to the bit) and matched terms as lunr's idx.query."""

    def serve_parity(route) -> None:
        path = urlsplit(route.request.url).path.split("/parity/", 1)[1]
        route.fulfill(body=(parity_files / path).read_bytes(), content_type="application/json")

    def serve_source(route) -> None:
        path = urlsplit(route.request.url).path.split("/source/", 1)[1]
        assert path.startswith(REPOSITORY_SOURCES), path
        route.fulfill(body=(ROOT / path).read_bytes(), content_type="text/javascript")

    # The engine's modules from the site are the repository's, byte for byte (but for the
    # two entries the build bundles).
    for module in (ROOT / "theme/static/js/search").glob("*.js"):
        if module.name not in {"page.js", "worker.js"}:
            built = built_site / "theme/js/search" / module.name
            assert built.read_bytes() == module.read_bytes()
    page.route("**/parity/**", serve_parity)
    page.route("**/source/**", serve_source)
    page.goto(site_url + "about/")
    page.add_script_tag(url=site_url + "source/node_modules/lunr/lunr.js")
    queries = [
        "Biegun",
        "Beigun",
        "kim jong un",
        "denuclearisation talks",
        "negotiat",
        "김명길",
        "the",
        "Pyongyang rail",
    ]
    checked = page.evaluate(PARITY, {"queries": queries, "site": site_url})
    assert all(same and sharded for _, _, same, sharded in checked), checked
    assert sum(n for _, n, _, _ in checked) > 100


def test_the_search_page_adds_no_globals(page, site_url: str) -> None:
    """The page's code is modules: nothing of it, test hooks included, lands on window but the
    worker the head starts, which page.js takes over."""
    page.goto(site_url + "about/")
    plain = set(page.evaluate("() => Object.keys(window)"))
    open_search(page, site_url, "?q=Biegun")
    wait_for_results(page, "Biegun")
    search(page, "kim jong un")
    assert set(page.evaluate("() => Object.keys(window)")) - plain == {"archiveSearchStart"}


# Records each change of the loading indicator's visibility, from the first parse on.
WATCH_LOADING = """
window.__loading = [];
new MutationObserver(() => {
  const box = document.getElementById('search-loading');
  if (!box) return;
  const shown = box.getClientRects().length > 0;
  if (window.__loading[window.__loading.length - 1] !== shown) window.__loading.push(shown);
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
"""


def test_progress_is_shown_while_the_index_loads_then_hidden(page, site_url: str) -> None:
    page.add_init_script(WATCH_LOADING)
    open_search(page, site_url, "?q=Biegun")
    wait_for_results(page, "Biegun")
    assert page.evaluate("() => window.__loading") == [False, True, False]
    progress = page.get_by_label("Loading the search index")
    assert progress.evaluate("node => node.tagName") == "PROGRESS"
    assert not progress.is_visible()


def test_an_index_that_fails_to_load_is_reported_in_the_page(page, site_url: str) -> None:
    page.route(  # the page inlines the manifest: the first file fetched is the facets
        "**/search/facets.json*",
        lambda route: route.fulfill(status=200, body="{not json", content_type="application/json"),
    )
    page.goto(site_url + "search/?q=Biegun")
    page.wait_for_function("() => document.getElementById('search').dataset.state === 'error'")
    alert = page.get_by_role("alert")
    assert "could not be loaded" in alert.inner_text()
    assert alert.get_by_role("link", name="topics").is_visible()
    hrefs = alert.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["../archives/", "../entities/", "../tags/"]
    assert not page.locator("#search-loading").is_visible()


def test_without_javascript_the_page_says_so_and_links_elsewhere(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "search/?q=Biegun")
        note = page.locator(".search-noscript")
        assert "needs JavaScript" in note.inner_text()
        hrefs = note.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert hrefs == ["../archives/", "../entities/", "../tags/"]
        assert not page.locator("#search-q").is_visible()
    finally:
        context.close()


def test_a_shard_that_fails_to_load_is_reported_in_the_page(page, site_url: str) -> None:
    open_search(page, site_url)
    page.route(
        "**/search/heads/**",
        lambda route: route.fulfill(status=200, body="{not json", content_type="application/json"),
    )
    page.locator("#search-q").fill("Biegun")
    page.wait_for_function("() => document.getElementById('search').dataset.state === 'error'")
    assert "could not be loaded" in page.get_by_role("alert").inner_text()


def test_progress_comes_back_while_a_later_query_waits_for_the_index(page, site_url: str) -> None:
    open_search(page, site_url)
    held = []
    page.route("**/search/heads/**", lambda route: held.append(route))
    page.locator("#search-q").fill("Biegun")
    progress = page.get_by_label("Loading the search index")
    progress.wait_for(state="visible")
    assert page.locator("#search").get_attribute("data-state") == "ready"
    for route in held:
        route.continue_()
    page.unroute("**/search/heads/**")
    wait_for_results(page, "Biegun")
    assert not progress.is_visible()
    assert STOCKHOLM_TITLE in titles(page)


@pytest.mark.parametrize("query", ["kim jong un", "denuclearisation", "beigun", "Korea"])
def test_first_query_fetches_what_the_budget_lists(
    page, site_url: str, built_site: Path, query: str
) -> None:
    """first_query_bytes lists exactly the files the page and its worker request."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "search/?q=" + query.replace(" ", "+"))
    wait_for_results(page, query)
    page.wait_for_function("() => document.getElementById('search').dataset.state === 'ready'")
    paths = []
    for url in requested:
        path = unquote(urlsplit(url).path)
        assert path.startswith("/archive/"), url
        path = path.removeprefix("/archive/")
        paths.append(path + "index.html" if path.endswith("/") or not path else path)
    budget = first_query_bytes(built_site, query)
    # Once each: routing (the page guard's) turns the HTTP cache off, so a prefetched
    # module is requested again by the worker (test_first_query_rounds.py checks the cache).
    # And, after the results, members.json: the counts of entities and topics.
    expected = {f["path"] for f in budget["files"]} | {"search/members.json"}
    assert sorted(set(paths)) == sorted(expected)
    assert budget["results"] == total(page)
