"""What the search page understands in a query, in a real Chromium, on the shipped archive.

Six kinds of query a reader types that plain all-words matching got wrong: a year, words no
article has together, a "quoted phrase", ``-word`` and ``OR``, typos and words being typed,
and the names of entities. Each test takes its truth from the shipped content (the articles'
front matter and text, the registries), never from the page's own output; the helpers are
those of ``test_search_browser``. The last test is about loading on a slow network: how many
rounds of requests, one after another, the first results wait for.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import quote_plus, unquote, urlsplit

import pytest
from test_search_browser import (
    STOCKHOLM,
    dates,
    facet_count,
    open_search,
    result_set,
    search,
    total,
    wait_for_key,
    wait_for_results,
)

from benchmarks.corpus import docs_from_content
from benchmarks.latency import _SHOWN, _WATCH, _emulate, _span, chain_depth
from newsarchive.content import frontmatter
from newsarchive.content.registry import load_synonyms
from newsarchive.search.documents import Synonyms
from newsarchive.search.tokenizer import terms, tokenize

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
# fallback.js: a word is common when over this share of the archive, and over this many
# articles, have it.
COMMON_SHARE = 0.2
COMMON_MIN_ARTICLES = 20


# --- the shipped content ---------------------------------------------------------------


@cache
def archive() -> dict[str, dict]:
    """Every shipped article by site address: its date, entities, tags, and its text as the
    reader sees it (``text``: title, summary, body), its snippet's source (title and the
    opening of the body) and every term the index holds of it (``terms``: names, topics and
    the synonyms the build adds, as plugins/archive_search does)."""
    groups = (group for found in load_synonyms(CONTENT).values() for group in found.groups)
    synonyms = Synonyms(groups)
    found = {}
    for doc in docs_from_content(CONTENT):
        fields = doc.field_texts()
        fields["synonyms"] = synonyms.extra(doc.title, doc.summary, doc.entity_text, doc.body)
        found[doc.url] = {
            "date": doc.date,
            "title": doc.title,
            "entities": set(doc.entity_ids),
            "tags": set(doc.tag_ids),
            "text": f"{doc.title}\n{doc.summary}\n{doc.body}",
            "opening": f"{doc.title} \n {doc.snippet}",
            "terms": set(terms(" \n ".join(fields.values()))),
        }
    return found


def holds(address: str, word: str) -> bool:
    """Whether the index holds a term of word for the article (exact stems only)."""
    return set(terms(word)) <= archive()[address]["terms"]


def holds_prefix(address: str, prefix: str) -> bool:
    return any(term.startswith(prefix) for term in archive()[address]["terms"])


def linked_to(entity: str) -> set[str]:
    """The articles whose front matter lists the entity, read from the files themselves."""
    found = set()
    for path in (CONTENT / "articles").rglob("*.md"):
        meta = frontmatter.parse(path.read_text(encoding="utf-8")).meta
        if entity in (meta.get("entities") or []):
            found |= {a for a in archive() if a.rstrip("/").rsplit("/", 1)[-1] == meta["slug"]}
    return found


def phrase_keys(text: str) -> list[str]:
    """Words as a phrase compares them: each one's stem, or itself for a stop word."""
    return [(terms(token) or [token])[0] for token in tokenize(text)]


def has_run(text: str, phrase: str) -> bool:
    words, run = phrase_keys(text), phrase_keys(phrase)
    return any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))


# --- the page ----------------------------------------------------------------------------


def addresses(page) -> list[str]:
    """The site addresses of the results shown, in order."""
    _, hrefs = result_set(page)
    return [href.removeprefix("../") for href in hrefs]


def every_result(page, site_url: str, q: str, extra: str = "") -> list[str]:
    """Every result of a query (up to the 500 a URL may ask for), opened from its URL."""
    url_query = "?q=" + quote_plus(q) + extra + "&shown=500"
    open_search(page, site_url, url_query)
    wait_for_key(page, "^" + re.escape(url_query) + "$")
    shown = addresses(page)
    assert len(shown) == total(page) <= 500
    return shown


def lacking(page) -> list[list[str]]:
    """Per result shown, the words it says it is without ([] when it says nothing)."""
    texts = page.locator("#search-results > li").evaluate_all(
        "items => items.map(li => { const p = li.querySelector('.search-without');"
        " return p ? p.textContent.trim() : ''; })"
    )
    return [text.removeprefix("without: ").split(", ") if text else [] for text in texts]


# --- 1. a year typed in the query --------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "words", "year"),
    [("missile launch 2019", "missile launch", "2019"), ("summit in 2018", "summit", "2018")],
)
def test_a_year_in_the_query_is_the_year_filter_shown_as_a_chip(
    page, site_url: str, typed: str, words: str, year: str
) -> None:
    url_query = f"?q={quote_plus(words)}&year={year}"
    open_search(page, site_url, url_query)
    wait_for_key(page, "^" + re.escape(url_query) + "$")
    with_filter = result_set(page)
    some = [
        a
        for a, row in archive().items()
        if row["date"].startswith(year) and all(holds(a, w) for w in words.split())
    ]
    if some:  # summit in 2018: the archive has them, and the filter finds them
        assert with_filter[0] > 0

    open_search(page, site_url)
    search(page, typed)
    assert result_set(page) == with_filter
    assert all(d is not None and d.startswith(year) for d in dates(page))
    assert "year=" not in page.url  # the filter comes from the words, which stay the query

    chip = page.locator("#search-active-list button.search-active-chip[data-query-text]")
    assert chip.count() == 1
    assert chip.is_visible()
    assert year in chip.inner_text()
    chip.click()
    wait_for_results(page, words)
    wait_for_key(page, "^" + re.escape("?q=" + quote_plus(words)) + "$")
    box = page.locator("#search-q").input_value()
    assert year not in box
    assert box.split() == words.split()
    assert "year=" not in page.url
    assert (
        page.locator("#search-active-list button.search-active-chip[data-query-text]").count() == 0
    )
    assert total(page) >= with_filter[0]


# --- 2. the any-word fallback ------------------------------------------------------------


def test_words_no_article_has_together_say_what_each_result_lacks(page, site_url: str) -> None:
    q = "comfort women"
    assert not any(holds(a, "comfort") and holds(a, "women") for a in archive())
    shown = every_result(page, site_url, q)
    assert shown
    without = lacking(page)
    assert all(len(w) == 1 for w in without), without  # one of two words each
    for address, words in zip(shown, without, strict=True):
        assert words[0] in {"comfort", "women"}
        assert not holds(address, words[0]), (address, words)
    # Both articles with the rare word are there.
    assert {a for a in archive() if holds(a, "comfort")} <= set(shown)


def test_the_fallback_ranks_by_how_many_words_an_article_holds(page, site_url: str) -> None:
    q = "comfort women union"
    words = q.split()
    assert not any(all(holds(a, w) for w in words) for a in archive())
    two = {a for a in archive() if sum(holds(a, w) for w in words) == 2}
    assert two, "some article should hold two of the words"
    shown = every_result(page, site_url, q)
    without = lacking(page)
    missing = [len(w) for w in without]
    assert all(missing), "every result of the fallback says what it lacks"
    assert missing == sorted(missing), missing  # most words held first
    assert missing[0] == 1
    assert set(shown[: missing.count(1)]) >= two
    for address, lacks in zip(shown, without, strict=True):
        assert all(not holds(address, w) for w in lacks), (address, lacks)


def test_an_article_holding_only_a_very_common_word_is_not_shown(page, site_url: str) -> None:
    common, rare = "Korea", "coalfield"
    having = {a for a in archive() if holds(a, common)}
    assert len(having) > max(COMMON_SHARE * len(archive()), COMMON_MIN_ARTICLES)
    with_rare = {a for a in archive() if holds_prefix(a, rare)}
    assert with_rare and not (with_rare & having)  # no article has both: the fallback
    shown = every_result(page, site_url, f"{common} {rare}")
    # Only the articles with the rare word; none of the hundreds with "Korea" alone.
    assert set(shown) == with_rare
    assert all(w == ["korea"] for w in lacking(page))


# --- 3. quoted phrases -------------------------------------------------------------------


def test_a_quoted_phrase_ranks_the_articles_showing_it_first(page, site_url: str) -> None:
    # A phrase in the first 360 characters of some articles (the snippet, where a phrase is
    # seen) and with its words apart in others.
    phrase = "joint statement"
    both = {a for a in archive() if all(holds(a, word) for word in phrase.split())}
    showing = {a for a in both if has_run(archive()[a]["opening"], phrase)}
    apart = {a for a in both if not has_run(archive()[a]["text"], phrase)}
    assert showing and apart, "the archive has both kinds"

    quoted = every_result(page, site_url, f'"{phrase}"')
    assert set(quoted[: len(showing)]) == showing
    for address in quoted[: len(showing)]:
        assert re.search(r"\W+".join(phrase.split()), archive()[address]["opening"], re.I)
    last_showing = max(quoted.index(a) for a in showing)
    assert all(quoted.index(a) > last_showing for a in apart if a in quoted)

    # Unquoted, the words are enough: the same articles at least, in lunr's order, where an
    # article with the two words apart comes before one showing the phrase.
    unquoted = every_result(page, site_url, phrase)
    assert set(quoted) <= set(unquoted)
    assert set(unquoted[: len(showing)]) != showing


# --- 4. -word and OR ---------------------------------------------------------------------


def test_a_minus_word_leaves_out_the_articles_with_it(page, site_url: str) -> None:
    everything = every_result(page, site_url, "summit")
    without = every_result(page, site_url, "summit -trump")
    assert 0 < len(without) < len(everything)
    for address in without:
        assert not re.search(r"\btrump", archive()[address]["text"], re.I), address
    # Exactly those of "summit" that have no trump anywhere the index looks.
    assert set(without) == {a for a in everything if not holds(a, "trump")}


@pytest.mark.parametrize(("one", "other"), [("sanctions", "embargo"), ("summit", "talks")])
def test_upper_case_or_widens(page, site_url: str, one: str, other: str) -> None:
    open_search(page, site_url)
    counts = {}
    for q in (one, other, f"{one} OR {other}"):
        search(page, q)
        counts[q] = total(page)
    either = counts[f"{one} OR {other}"]
    assert either >= counts[one] and either >= counts[other], counts
    assert either > 0
    # Every result has one word or the other: an answer, not the fallback.
    assert page.locator("#search-results .search-without").count() == 0
    for address in addresses(page):
        assert holds(address, one) or holds(address, other), address
    if any(holds(a, one) and holds(a, other) for a in archive()):
        # Some article has both: two words without OR would be fewer, not more.
        search(page, f"{one} {other}")
        assert total(page) < either


# --- 5. typos and words being typed ------------------------------------------------------


def test_a_misspelt_name_is_corrected_and_does_not_find_a_near_word(page, site_url: str) -> None:
    biegun = {a for a in archive() if holds(a, "Biegun")}
    begun = {a for a in archive() if holds(a, "begun")} - biegun
    assert biegun and begun
    open_search(page, site_url)
    search(page, "Beigun")
    shown = addresses(page)
    assert biegun <= set(shown)
    assert not begun & set(shown)
    corrected = page.locator("#search-corrected")
    assert corrected.is_visible()
    assert "biegun" in corrected.inner_text().lower()


def test_a_word_being_typed_matches_as_a_prefix_not_as_a_near_word(page, site_url: str) -> None:
    stockholm = {a for a in archive() if holds_prefix(a, "stockh")}
    stock_only = {a for a in archive() if holds(a, "stock")} - stockholm
    assert STOCKHOLM in stockholm and stock_only
    open_search(page, site_url)
    search(page, "stockh")
    shown = addresses(page)
    assert STOCKHOLM in shown
    assert set(shown) <= stockholm
    assert not stock_only & set(shown)


def test_a_name_being_typed_lists_its_articles_first(page, site_url: str) -> None:
    linked = linked_to("kim-jong-un")
    assert len(linked) > 20
    open_search(page, site_url)
    search(page, "Kim Jong U")
    shown = addresses(page)
    assert len(shown) == 20
    assert [a for a in shown if a not in linked] == []


# --- 6. entity names in the query --------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "entity"),
    [("Singapore summit", "singapore-summit"), ("PyeongChang Olympics", "pyeongchang-winter-olympics")],
)
def test_a_named_event_ranks_its_articles_first_and_is_offered_as_a_filter(
    page, site_url: str, q: str, entity: str
) -> None:
    assert (CONTENT / "entities" / f"{entity}.yaml").is_file()
    linked = linked_to(entity)
    assert linked, f"the shipped archive links no article to {entity}"
    shown = every_result(page, site_url, q)
    matching = linked & set(shown)
    assert matching
    assert set(shown[: len(matching)]) == matching  # every linked one before any other

    offer = page.locator("#search-offer")
    assert offer.is_visible()
    chip = offer.locator(f'button.search-offer-chip[data-value="{entity}"]')
    assert chip.is_visible()
    chip.click()
    wait_for_key(page, f"entity={re.escape(entity)}")
    assert f"entity={entity}" in page.url
    assert total(page) == len(matching)
    assert set(addresses(page)) == matching


def test_a_word_that_only_describes_does_not_hide_the_article(page, site_url: str) -> None:
    """The joint liaison office's article never names Kaesong: once only that word is
    missing, it is shown on the first screen, saying what it lacks."""
    about = {a for a, row in archive().items() if "joint-liaison-office" in row["tags"]}
    assert about and not any(holds(a, "Kaesong") for a in about)
    shown = every_result(page, site_url, "Kaesong liaison office")
    assert about <= set(shown[:3])
    for address in about:
        item = page.locator("#search-results li.search-result").nth(shown.index(address))
        assert item.locator(".search-without").inner_text() == "without: kaesong"


# --- loading on a slow network -----------------------------------------------------------

OFF_PATH = ("favicon.svg", "search-icon.svg", "search/manifest.json")


def test_first_results_wait_for_few_rounds_of_requests(browser, site_url: str) -> None:
    """Structural, not timed: each latency costs a reader a round trip, so the chain of
    requests each sent after the one before it finished (benchmarks/latency.py's rounds) is
    short. The network is slowed as the benchmark slows it so that requests sent together
    are seen together."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        _emulate(cdp)
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.add_init_script(_WATCH)
        q = "kim jong un"
        page.goto(site_url + "search/?q=" + quote_plus(q), wait_until="commit")
        page.wait_for_function(_SHOWN, arg=q, timeout=60_000)
        shown_at = page.evaluate("performance.timeOrigin") + page.evaluate(
            "q => window.__benchShown[q]", q
        )
        before = [
            (unquote(urlsplit(r.url).path), _span(r)) for r in finished if _span(r)[1] <= shown_at
        ]
    finally:
        context.close()

    # The rounds the results wait for: the icons, and the manifest the worker checks beside
    # the first lookups, are off that path (on a loaded machine any of them may finish before the
    # worker's first lookup is sent, which says nothing of the page's chain).
    needed = [(path, span) for path, span in before if not path.endswith(OFF_PATH)]
    assert any(path.endswith("search/manifest.json") for path, _ in before)

    def depth(part: str) -> int | None:
        """The round a request was first sent in: 1 + the rounds finished before it started."""
        spans = [span for path, span in needed if part in path]
        if not spans:
            return None
        start = min(s for s, _ in spans)
        return 1 + chain_depth([span for _, span in needed if span[1] <= start])

    rounds = {
        "all": chain_depth([span for _, span in needed]),
        "page.js": depth("/page.js"),
        "worker.js": depth("/worker.js"),
        "index": depth("search/heads/") or depth("search/terms/"),
    }
    # The page; its code and the worker's side by side; the query's words; the articles.
    assert rounds["page.js"] == rounds["worker.js"] == 2, rounds
    assert rounds["index"] == 3, rounds
    assert rounds["all"] <= 4, rounds


def test_a_big_archive_shows_results_before_the_counts_of_entities_and_topics(
    page, site_url: str
) -> None:
    """Where members.json is big (the manifest the page inlines says how big), the first
    results do not wait for it: the page shows them, then the entities' and topics' counts."""

    def big_members(route) -> None:
        html = route.fetch().text()
        route.fulfill(body=re.sub(r'"membersBytes":\d+', '"membersBytes":9999999', html),
                      content_type="text/html")

    entity = ("People, organisations and places", "kim-jong-un")
    open_search(page, site_url, "?q=kim+jong+un")  # members.json with the facets, as shipped
    wait_for_results(page, "kim jong un")
    counted = facet_count(page, *entity)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.route("**/search/?q=*", big_members)
    page.goto(site_url + "search/?q=kim+jong+un")
    page.wait_for_function(
        "() => document.getElementById('search').dataset.resultsFor === 'kim jong un'"
    )
    shown = len(requested)
    wait_for_results(page, "kim jong un")  # and the counts
    members = [i for i, path in enumerate(requested) if path.endswith("search/members.json")]
    assert members and members[0] >= shown - 1, requested  # asked for once results were in
    assert any("/search/entity/" in path for path in requested[:shown])  # the named one's
    assert facet_count(page, *entity) == counted
