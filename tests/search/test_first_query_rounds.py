"""The search page's first query on a cold cache: what it downloads, and that nothing waits twice.

Rules checked:

- The built page's code is two files, page.js and the worker search.html's head
  starts, each bundled (no import left in either: one request each), lunr inside
  the worker's.
- In Chromium, with an empty cache, the server sends exactly the files
  ``first_query_bytes`` lists, the manifest the page inlines among them (the
  worker checks the page's is the index served), and then ``members.json``, for
  the counts that follow the first results.
- The inlined manifest is the one written beside the index.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import ClassVar
from urllib.parse import quote_plus, unquote, urlsplit

import pytest

from benchmarks import siteserver
from benchmarks.firstquery import first_query_bytes, references, search_page

QUERIES = ["kim jong un", "sanctions relief", "beigun"]


@pytest.mark.browser
def test_the_page_code_is_two_bundled_files(built_site: Path) -> None:
    page = search_page(built_site)
    scripts = [path for path in page.code if path.endswith(".js")]
    assert scripts == ["theme/js/search/page.js", "theme/js/search/worker.js"]
    assert page.worker == "theme/js/search/worker.js"
    for path in scripts:
        assert references((built_site / path).read_text(encoding="utf-8")) == ([], []), path
    assert 'version="2.3.9"' in (built_site / page.worker).read_text(encoding="utf-8")


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
    # And, once the results are shown, the entities' and topics' counts (members.json).
    assert served == {f["path"] for f in budget["files"]} | {"search/members.json"}
    assert "search/manifest.json" in served
    assert budget["results"] == shown
