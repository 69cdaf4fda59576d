"""Script in any field never runs: not in search results, not in a feed read as HTML.

The XSS fixture (``tests/fixtures/xss``: script in every field of an article, a page,
an entity and a tag) is built with the publishing settings, so it has feeds, and
served under a sub-path. ``tests/test_xss.py`` opens every page it writes; here the
two places where text is turned into markup after the build: the search page, which
draws results from the index in the browser, and a feed reader, which renders a
feed's ``type="html"`` elements as HTML (as readers do) and the others as text.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import LOCAL_HOSTS, serve
from conftest import ROOT, run_invoke

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "xss"
SITEURL = "https://archive.example/archive"
# What the payloads in the fixture do when they run.
RAN = "typeof window.__xss !== 'undefined'"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("xss-published")
    result = run_invoke(
        "preview", "--content", str(FIXTURE), "--output", str(output), env={"SITEURL": SITEURL}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture
def watched(browser):
    """A page whose dialogs and page errors are recorded, and whose requests stay local."""
    context = browser.new_context()
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: events.append(f"page error: {e}"))
    page.route("**/*", _local_only)
    yield page, events
    context.close()


def _local_only(route) -> None:
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


@pytest.mark.parametrize("query", ["summit", "script", "xss onerror", "svg onload", "waves"])
def test_search_results_for_hostile_titles_and_snippets_run_nothing(
    published: Path, watched, query: str
) -> None:
    page, events = watched
    with serve(published) as url:
        page.goto(url + "search/")
        page.wait_for_function("() => document.getElementById('search').dataset.state === 'ready'")
        page.locator("#search-q").fill(query)
        page.wait_for_function(
            "q => document.getElementById('search').dataset.resultsFor === q", arg=query
        )
        results = page.locator("#search-results")
        assert page.evaluate(RAN) is False
        assert events == []
        # Whatever matched is shown as text: no element the payloads would create.
        assert results.locator("script, img[onerror], svg, iframe").count() == 0
        if query in ("summit", "script"):
            assert "<script>" in results.inner_text()  # the title's markup, as text


def feed_paths(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.xml") if "atom" in p.name)


def test_the_site_and_entity_feeds_exist(published: Path) -> None:
    feeds = feed_paths(published)
    assert "feeds/all.atom.xml" in feeds
    assert any(f.startswith("entities/") for f in feeds)


# A feed reader in a page: every entry's fields rendered the way readers render them.
_READ_FEED = """async (text) => {
  const xml = new DOMParser().parseFromString(text, 'application/xml');
  if (xml.querySelector('parsererror')) return 'not well-formed XML';
  const out = document.createElement('div');
  document.body.append(out);
  for (const node of xml.querySelectorAll('entry > *, feed > title, feed > subtitle')) {
    const shown = document.createElement('section');
    if (node.getAttribute('type') === 'html') shown.innerHTML = node.textContent;
    else shown.textContent = node.textContent + ' ' + [...node.attributes].map(a => a.value).join(' ');
    out.append(shown);
  }
  await new Promise(r => setTimeout(r, 200));  // let image errors fire
  return out.querySelectorAll('section').length;
}"""


def test_no_feed_runs_script_when_read_as_html(published: Path, watched) -> None:
    """Read in a blank page, as a reader would: no site policy to stop what the feed carries."""
    page, events = watched
    page.goto("about:blank")
    for feed in feed_paths(published):
        shown = page.evaluate(_READ_FEED, (published / feed).read_text(encoding="utf-8"))
        assert isinstance(shown, int) and shown > 0, (feed, shown)
        assert page.evaluate(RAN) is False, feed
        assert events == [], (feed, events)


def test_the_reader_would_catch_an_unescaped_summary(watched) -> None:
    """The check above can fail: a feed with a raw handler in an html summary is caught."""
    page, _events = watched
    page.goto("about:blank")
    bad = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<entry><summary type="html">&lt;img src=x onerror="window.__xss=1"&gt;</summary></entry>'
        "</feed>"
    )
    page.evaluate(_READ_FEED, bad)
    assert page.evaluate(RAN) is True
