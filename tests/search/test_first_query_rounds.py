"""The search page's first query on a cold cache: what it downloads, and that nothing waits twice.

Rules checked:

- search.html prefetches (``rel=prefetch``) the worker's whole module graph and
  lunr, so the worker's own imports, which start only once page.js runs, are
  answered by the HTTP cache; the page's module preloads cover protocol.js.
- In Chromium, with an empty cache, the server sends exactly the files
  ``first_query_bytes`` lists, and the manifest the page inlines is never
  fetched. Each is normally sent once (the worker's requests for prefetched
  modules are answered by the HTTP cache), but a worker request made before the
  browser has started the low-priority prefetch of the same file goes to the
  network too: that race is timing, so only the set of files is checked.
- The inlined manifest is the one written beside the index.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import ClassVar
from urllib.parse import quote_plus, unquote, urlsplit

import pytest
from test_modules import SEARCH, TEMPLATE, graph

from benchmarks import siteserver
from benchmarks.firstquery import first_query_bytes, search_page

QUERIES = ["kim jong un", "sanctions relief", "beigun"]


def test_the_page_prefetches_the_workers_whole_graph_and_lunr() -> None:
    template = TEMPLATE.read_text(encoding="utf-8")
    prefetched = set(
        re.findall(r'<link rel="prefetch" href="\{\{ SITEURL \}\}/([^"]+)">', template)
    )
    worker, _direct = graph("worker.js")
    modules = {f"theme/js/search/{name}" for name in worker | {"worker.js"} if "/" not in name}
    assert (SEARCH / "load-lunr.js").is_file()
    expected = (modules - {"theme/js/search/protocol.js"}) | {"theme/vendor/lunr.min.js"}
    assert prefetched == expected


@pytest.mark.browser
def test_the_inlined_manifest_is_the_one_beside_the_index(built_site: Path) -> None:
    page = search_page(built_site)
    written = json.loads((built_site / page.manifest).read_text(encoding="utf-8"))
    assert page.inlined == written


class _Recording(siteserver.PagesHandler):
    """The site's server, noting the path of every request it answers."""

    paths: ClassVar[list[str]] = []
    lock = threading.Lock()

    def send_head(self):  # type: ignore[no-untyped-def]
        with self.lock:
            self.paths.append(unquote(urlsplit(self.path).path))
        return super().send_head()


@pytest.fixture
def recording(built_site: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[str]]]:
    paths: ClassVar[list[str]] = []
    monkeypatch.setattr(_Recording, "paths", paths)
    monkeypatch.setattr(siteserver, "PagesHandler", _Recording)
    with siteserver.serving(built_site, base="/archive/") as url:
        yield url, paths


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES)
def test_the_server_sends_what_the_first_query_budget_lists(
    browser, built_site: Path, recording: tuple[str, list[str]], query: str
) -> None:
    url, paths = recording
    context = browser.new_context()  # no request routing: it would turn the HTTP cache off
    try:
        page = context.new_page()
        page.goto(url + "search/?q=" + quote_plus(query))
        page.wait_for_function(
            "q => document.getElementById('search').dataset.resultsFor === q", arg=query
        )
        page.wait_for_function("() => document.getElementById('search').dataset.state === 'ready'")
        shown = int(page.locator("#search").get_attribute("data-total"))
    finally:
        context.close()
    served = set(
        str(PurePosixPath(p.removeprefix("/archive/"))) + ("/index.html" if p.endswith("/") else "")
        for p in paths
        if not p.endswith("favicon.ico")
    )
    budget = first_query_bytes(built_site, query)
    assert served == {f["path"] for f in budget["files"]}
    assert "search/manifest.json" not in served
    assert budget["results"] == shown
