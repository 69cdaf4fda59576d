"""No broken internal link or anchor anywhere in the built site, served under a sub-path.

Both builds are served as GitHub serves a project page, at ``/archive/``:

- the development build (relative links), and
- the publishing build with ``SITEURL`` set to the server's own address, so its
  absolute links (feeds, sitemap, the 404 page) point back at this server.

Every HTML file of the output is fetched, not only those reachable from the
home page; each ``href``/``src`` inside the site must answer, and each
``#fragment`` must be an ``id`` (or ``<a name>``) in the page it points to.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from browsing import serve
from conftest import ROOT, run_invoke

ATOM = "{http://www.w3.org/2005/Atom}"


class _Page(HTMLParser):
    """The links and the anchor targets of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        return err.code, "", b""


def page_url(base: str, output: Path, path: Path) -> str:
    rel = path.relative_to(output).as_posix()
    return base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def parse(body: bytes) -> _Page:
    page = _Page()
    page.feed(body.decode("utf-8"))
    return page


def check_links(base: str, output: Path) -> tuple[list[str], int]:
    """Broken links and anchors of every HTML page under ``output`` served at ``base``."""
    broken: list[str] = []
    pages: dict[str, _Page] = {}
    for path in sorted(output.rglob("*.html")):
        url = page_url(base, output, path)
        status, kind, body = fetch(url)
        if status != 200 or kind != "text/html":
            broken.append(f"{url}: the page itself answers HTTP {status} ({kind})")
            continue
        pages[url] = parse(body)
    other: dict[str, tuple[int, str]] = {}
    for url, page in pages.items():
        for href in page.links:
            broken += check_link(base, url, href, pages, other)
    return broken, len(pages)


def check_link(
    base: str, page: str, href: str, pages: dict[str, _Page], other: dict[str, tuple[int, str]]
) -> list[str]:
    target, fragment = urldefrag(urljoin(page, href))
    split = urlsplit(target)
    if split.scheme not in ("http", "https") or split.hostname not in ("127.0.0.1", "localhost"):
        return []  # another site, mailto:, data:
    if not target.startswith(base):
        return [f"{page}: {href!r} leaves the site's sub-path"]
    if target.endswith(".html") and target[: -len("index.html")] in pages:
        target = target[: -len("index.html")]
    if target in pages:
        if fragment and unquote(fragment) not in pages[target].ids:
            return [f"{page}: {href!r}: no id {fragment!r} in {target}"]
        return []
    if target not in other:
        status, kind, _ = fetch(target)
        other[target] = (status, kind)
    status, kind = other[target]
    if status != 200:
        return [f"{page}: {href!r} answers HTTP {status}"]
    if fragment and kind == "text/html":
        return [f"{page}: {href!r}: the target page is not among the built pages"]
    return []


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The publishing build, its SITEURL being the address it is served at."""
    output = tmp_path_factory.mktemp("published")
    cache = tmp_path_factory.mktemp("published-cache")
    with serve(output) as url:
        result = run_invoke(
            "preview",
            "--output",
            str(output),
            env={"SITEURL": url.rstrip("/"), "PELICAN_EXTRA": f"--cache-path {cache}"},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield url, output


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


def test_every_link_and_anchor_of_every_page_resolves(site_url: str, built_site: Path) -> None:
    broken, checked = check_links(site_url, built_site)
    assert broken == []
    assert checked == len(list(built_site.rglob("*.html")))
    # The whole site: at least one page per article, entity and tag.
    content = ROOT / "content"
    sources = [
        *content.glob("articles/*/*.md"),
        *content.glob("entities/*"),
        *content.glob("tags/*"),
    ]
    assert checked > len(sources)


def test_published_build_has_no_broken_link_or_anchor(published_site: tuple[str, Path]) -> None:
    url, output = published_site
    broken, checked = check_links(url, output)
    assert broken == []
    assert checked == len(list(output.rglob("*.html")))


def test_anchor_checker_catches_a_missing_id(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="top"><a href="a/#here">ok</a> <a href="a/#gone">bad</a> <a href="#top">up</a>'
        ' <a href="missing/">missing</a></p>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h1 id="here">A</h1>', encoding="utf-8")
    with serve(tmp_path) as url:
        broken, _ = check_links(url, tmp_path)
    assert broken == [
        f"{url}: 'a/#gone': no id 'gone' in {url}a/",
        f"{url}: 'missing/' answers HTTP 404",
    ]


def test_404_page_links_work_from_any_depth(published_site: tuple[str, Path]) -> None:
    """GitHub Pages answers a missing /archive/x/y/z/ with /404.html's bytes at that address."""
    url, output = published_site
    page = parse((output / "404.html").read_bytes())
    assert page.links
    for depth in (url + "no-such-page", url + "2019/10/no/such/article/"):
        for href in page.links:
            if href.startswith("#"):  # the same page, at whatever address it is shown
                assert href[1:] in page.ids
                continue
            target = urldefrag(urljoin(depth, href))[0]
            if urlsplit(target).hostname == "127.0.0.1":
                assert target.startswith(url), f"{href!r} from {depth}"
                assert fetch(target)[0] == 200, f"{href!r} from {depth} -> {target}"


def test_published_feeds_link_to_absolute_addresses_that_exist(
    published_site: tuple[str, Path],
) -> None:
    url, output = published_site
    feeds = [output / "feeds" / "all.atom.xml", output / "entities" / "kim-jong-un" / "atom.xml"]
    for feed in feeds:
        root = ET.parse(feed).getroot()
        links = [link.get("href") for link in root.iter(f"{ATOM}link")]
        assert len(links) > 2, feed
        for href in links:
            assert href.startswith(url), f"{feed}: {href!r} is not absolute"
            assert fetch(href)[0] == 200, f"{feed}: {href}"


def test_published_feed_entries_link_inside_the_site(published_site: tuple[str, Path]) -> None:
    url, output = published_site
    root = ET.parse(output / "feeds" / "all.atom.xml").getroot()
    feed_url = url + "feeds/all.atom.xml"
    for content in root.iter(f"{ATOM}content"):
        for href in parse(content.text.encode("utf-8")).links:
            target = urljoin(feed_url, href)
            assert target.startswith(url), f"{href!r} resolves to {target}"


# --- the crawl from the home page -----------------------------------------------------------


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Pages reachable from start inside the site, and the links that did not resolve."""
    seen, broken, queue = set(), [], [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{url}: HTTP {status}")
            continue
        if kind != "text/html":
            continue
        for href in parse(body).links:
            target = urljoin(url, href).split("#")[0]
            if target.startswith(start) and target not in seen:
                queue.append(target)
            elif urlsplit(target).hostname == "127.0.0.1" and not target.startswith(start):
                broken.append(f"{url}: link escapes the sub-path: {href}")
    return seen, broken


def test_page_url_maps_index_files_to_directory_addresses(tmp_path: Path) -> None:
    assert page_url("http://h/archive/", tmp_path, tmp_path / "index.html") == "http://h/archive/"
    assert (
        page_url("http://h/archive/", tmp_path, tmp_path / "tags" / "index.html")
        == "http://h/archive/tags/"
    )
    assert (
        page_url("http://h/archive/", tmp_path, tmp_path / "404.html")
        == "http://h/archive/404.html"
    )
