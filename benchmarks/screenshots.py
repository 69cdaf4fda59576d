"""Every kind of page of a built site, at a phone's and a laptop's width, light and dark.

`invoke screenshots` shoots them; ``tests/test_layout_browser.py`` checks their layout. Both
open a page the same way, so a failing check names a picture one can look at. The rules:

- One page of each type (``PAGE_TYPES``), found in the built site's own data files
  (``data/articles.json.gz``, ``data/entities.json.gz``) and URL scheme (``newsarchive.site.urls``),
  never a hard-coded slug: the busiest person's page and name (the search query), the article
  naming the most entities and topics, the busiest topic, year and month. A type the build
  lacks (no undated article, no site page) is left out, not faked.
- Two viewports: a phone, 390x844 with touch and a mobile viewport (so ``pointer: coarse``
  and the viewport meta tag apply as on a phone), and a laptop, 1280x800; each in the light
  and the dark colour scheme (``prefers-color-scheme``).
- A page is shot once it has settled: loaded, its fonts ready, and on the search page the
  index loaded and the results shown (the ``data-state`` and ``data-results-*`` the page
  sets). ``search-filters`` then opens the filters as a reader does: every visible closed
  toggle of a panel holding them (the phone's "Filters" button) and every closed disclosure
  around the first one; a wide screen shows them already.
- The 404 page is a missing address at the site's root depth: a development build's
  ``404.html`` links relative to the root (``plugins/site_extras``).
- A picture is ``<page>-<width>-<scheme>.png``, full page, at one device pixel per CSS pixel.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from newsarchive.site import datafiles, urls

WIDTHS = (390, 1280)
VIEWPORTS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 800}}
PHONE_WIDTH = 390
SCHEMES = ("light", "dark")
#: The two pictures the README shows (docs/screenshots/).
README_SHOTS = ("home-1280-light", "entity-390-dark")
MISSING_ADDRESS = "this-page-does-not-exist"
SETTLE_TIMEOUT_MS = 30_000


@dataclass
class Site:
    """What a built site says about itself: its output folder and its published data files."""

    output: Path
    articles: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, output: Path) -> Site:
        return cls(output, _data(output, "articles"), _data(output, "entities"))

    def has(self, address: str) -> bool:
        """Whether the build wrote the page at ``address`` (its query string aside)."""
        return (self.output / urls.save_as(urlsplit(address).path)).is_file()


def _data(output: Path, table: str) -> list[dict]:
    """A table of the data files, as JSON, compressed or not (``ARCHIVE_PAGES_DATA_GZIP``)."""
    for compressed in (True, False):
        path = output / urls.data(datafiles.file_name(table, "json", compressed))
        if path.is_file():
            return json.loads(datafiles.read_data_file(path))
    return []


# --- Representative pages --------------------------------------------------------------


def busiest_person(site: Site) -> dict | None:
    """The person in the most articles (any entity when no person has one): a full page."""
    mentioned = [e for e in site.entities if e.get("article_count")]
    people = [e for e in mentioned if e.get("type") == "person"] or mentioned
    return max(people, key=lambda e: (e["article_count"], e["id"]), default=None)


def richest_article(site: Site) -> str | None:
    """The dated article naming the most entities and topics: the most chips and links."""
    dated = [a for a in site.articles if a.get("date")]
    best = max(
        dated, key=lambda a: len(a.get("entities") or ()) + len(a.get("tags") or ()), default=None
    )
    return best["url"] if best else None


def busiest_topic(site: Site) -> str | None:
    counts = Counter(tag for a in site.articles for tag in a.get("tags") or ())
    return urls.tag(counts.most_common(1)[0][0]) if counts else None


def busiest_month(site: Site, digits: int) -> str | None:
    """The year (``digits=4``) or month (7: ``YYYY-MM``) with the most dated articles."""
    counts = Counter(str(a["date"])[:digits] for a in site.articles if a.get("date"))
    if not counts:
        return None
    key = counts.most_common(1)[0][0]
    return urls.year(int(key)) if digits == 4 else urls.month_of(key)


def site_page(site: Site) -> str | None:
    """A page of content/pages (the about page when there is one): a root folder of its own."""
    folders = sorted(
        path.parent.name
        for path in site.output.glob(f"*/{urls.INDEX}")
        if path.parent.name not in urls.SECTIONS and not path.parent.name.isdigit()
    )
    if not folders:
        return None
    return urls.site_page("about" if "about" in folders else folders[0])


def entity_page(site: Site) -> str | None:
    person = busiest_person(site)
    return person["url"] if person else None


def entity_later_page(site: Site) -> str | None:
    """The busiest person's second page, where its first page's "Older" leads (a period's
    compact lines), when it has one."""
    person = busiest_person(site)
    first = None if person is None else site.output / person["url"] / urls.INDEX
    if first is None or not first.is_file():
        return None
    older = re.search(r'<a rel="next" href="([^"]+)"', first.read_text(encoding="utf-8"))
    if older is None:
        return None
    later = posixpath.normpath(posixpath.join(person["url"], older.group(1))) + "/"
    return later if (site.output / later / urls.INDEX).is_file() else None


def search_query(site: Site) -> str | None:
    """The busiest person's name, as a reader types it: ``kim jong un``."""
    person = busiest_person(site)
    return person["name"].lower() if person else None


def search_address(site: Site) -> str | None:
    query = search_query(site)
    return f"{urls.search()}?{urlencode({'q': query})}" if query else None


# --- Settling a page ---------------------------------------------------------------------


def settle(page, site: Site) -> None:
    """Until the page has loaded and its fonts are ready."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")


def settle_search(page, site: Site) -> None:
    """Until the index is loaded and the results of the query in the address are shown."""
    settle(page, site)
    page.wait_for_function(
        "() => { const s = document.getElementById('search');"
        " return s && s.dataset.state === 'ready' && (s.dataset.resultsFor || '').trim() !== ''; }",
        timeout=SETTLE_TIMEOUT_MS,
    )


FIRST_FILTER = '#search-facets input[type="checkbox"]'
_OPEN_FIRST_FILTER = """
(selector) => {
  const box = document.querySelector(selector);
  if (!box) return false;
  for (const button of document.querySelectorAll('[aria-expanded="false"][aria-controls]')) {
    const panel = document.getElementById(button.getAttribute('aria-controls'));
    if (panel && panel.contains(box) && button.checkVisibility()) button.click();
  }
  const closed = [];
  for (let node = box.parentElement; node; node = node.parentElement) {
    if (node.localName === 'details' && !node.open) closed.unshift(node);
  }
  for (const details of closed) details.querySelector(':scope > summary').click();
  return true;
}
"""


def settle_search_filters(page, site: Site) -> None:
    """The results, then the filters opened until the first one can be seen and chosen."""
    settle_search(page, site)
    if not page.evaluate(_OPEN_FIRST_FILTER, FIRST_FILTER):
        raise LookupError(f"the search page shows no filter ({FIRST_FILTER})")
    page.locator(FIRST_FILTER).first.wait_for(state="visible", timeout=SETTLE_TIMEOUT_MS)
    settle(page, site)


@dataclass(frozen=True)
class PageType:
    """A kind of page: where the site has one, how to wait for it, the status it answers."""

    name: str
    address: Callable[[Site], str | None]
    ready: Callable[..., None] = settle
    status: int = 200


PAGE_TYPES = (
    PageType("home", lambda site: urls.home()),
    PageType("article", richest_article),
    PageType("entity", entity_page),
    PageType("entity-page-2", entity_later_page),
    PageType("entities", lambda site: urls.entities()),
    PageType("topic", busiest_topic),
    PageType("topics", lambda site: urls.tags()),
    PageType("archives", lambda site: urls.archives()),
    PageType("year", lambda site: busiest_month(site, 4)),
    PageType("month", lambda site: busiest_month(site, 7)),
    PageType("undated", lambda site: urls.undated()),
    PageType("about", site_page),
    PageType("search", search_address, settle_search),
    PageType("search-filters", search_address, settle_search_filters),
    PageType("404", lambda site: MISSING_ADDRESS, status=404),
)
PAGE_NAMES = tuple(t.name for t in PAGE_TYPES)


def page_type(name: str) -> PageType:
    for kind in PAGE_TYPES:
        if kind.name == name:
            return kind
    raise KeyError(f"no page type {name!r}; known: {', '.join(PAGE_NAMES)}")


def address_of(kind: PageType, site: Site) -> str | None:
    """The site-relative address of the page of this type, or None when the build has none."""
    address = kind.address(site)
    if address is None:
        return None
    exists = site.has(address)
    return address if exists == (kind.status == 200) else None


# --- Opening and shooting -----------------------------------------------------------------


def shot_name(name: str, width: int, scheme: str) -> str:
    return f"{name}-{width}-{scheme}"


def new_context(browser, width: int, scheme: str):
    """A browser context of that width and colour scheme; the phone one is a touch device."""
    phone = width == PHONE_WIDTH
    return browser.new_context(
        viewport=VIEWPORTS[width], color_scheme=scheme, is_mobile=phone, has_touch=phone
    )


def show(page, site_url: str, site: Site, kind: PageType):  # type: ignore[no-untyped-def]
    """Open the page of this type and wait until it has settled; return the response."""
    address = address_of(kind, site)
    if address is None:
        raise LookupError(f"the built site has no {kind.name} page")
    response = page.goto(site_url + address)
    kind.ready(page, site)
    return response


def take_screenshots(
    browser, site_url: str, site: Site, folder: Path, names: Iterable[str] = PAGE_NAMES
) -> tuple[list[Path], list[str]]:
    """A full-page PNG of each page type at each width and scheme; the types the site lacks."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    missing: list[str] = []
    for kind in map(page_type, names):
        if address_of(kind, site) is None:
            missing.append(kind.name)
            continue
        for width in WIDTHS:
            for scheme in SCHEMES:
                written.append(_shoot(browser, site_url, site, kind, width, scheme, folder))
    return written, missing


def _shoot(
    browser, site_url: str, site: Site, kind: PageType, width: int, scheme: str, folder: Path
) -> Path:
    context = new_context(browser, width, scheme)
    try:
        page = context.new_page()
        show(page, site_url, site, kind)
        path = folder / f"{shot_name(kind.name, width, scheme)}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        return path
    finally:
        context.close()
