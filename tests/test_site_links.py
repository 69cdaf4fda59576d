"""Every page the home page leads to resolves under the sub-path, and every article is among them."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import ROOT


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Pages reachable from start inside the site, and the links that did not resolve."""
    seen, broken, queue = set(), [], [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                kind = response.headers.get_content_type()
                body = response.read().decode("utf-8") if kind == "text/html" else ""
        except urllib.error.HTTPError as err:
            broken.append(f"{url}: HTTP {err.code}")
            continue
        parser = _Links()
        parser.feed(body)
        for href in parser.hrefs:
            target = urljoin(url, href).split("#")[0]
            if target.startswith(start) and target not in seen:
                queue.append(target)
            elif urlsplit(target).hostname == "127.0.0.1" and not target.startswith(start):
                broken.append(f"{url}: link escapes the sub-path: {href}")
    return seen, broken


def test_no_broken_links_and_every_article_reachable_from_home(
    site_url: str, built_site: Path
) -> None:
    seen, broken = crawl(site_url)
    assert broken == []
    articles = list((ROOT / "content" / "articles").rglob("*.md"))
    pages = {
        u
        for u in seen
        if u.endswith("/") and u.rstrip("/").rsplit("/", 1)[-1] in {p.stem for p in articles}
    }
    assert len(pages) == len(articles)
