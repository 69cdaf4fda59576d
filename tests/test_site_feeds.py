"""Feeds dated by their articles, entity feeds at their addresses, the site feed's entries repaired.

The escaping rules (hostile text in every field) are tested in tests/hostile/test_feeds.py.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from feedgenerator import Atom1Feed
from markupsafe import Markup

from newsarchive.site.feeds import (
    EPOCH,
    FeedSite,
    entity_feed,
    latest_date,
    pin_date,
    restore_entries,
    site_updated,
)

ATOM = "{http://www.w3.org/2005/Atom}"
SEOUL = dt.timezone(dt.timedelta(hours=9))
SITE = FeedSite("Archive", "", language="en", author="Archive contributors", timezone="Asia/Seoul")
ENTITY = SimpleNamespace(id="kim-jong-un", name="Kim Jong Un", description="Leader.")


def article(slug: str, day: dt.datetime, undated: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        slug=slug,
        url=f"{day:%Y}/{day:%m}/{slug}/" if not undated else f"undated/{slug}/",
        date=day,
        undated=undated,
        record={"title": f"Title of {slug}", "summary": "A & B"},
        tag_ids=[],
    )


def updated(feed: Atom1Feed) -> str:
    return ET.fromstring(feed.writeString("utf-8")).find(f"{ATOM}updated").text


def test_a_feed_is_as_new_as_its_newest_entry() -> None:
    feed = Atom1Feed(title="t", link="https://x/", description="")
    feed.add_item(title="a", link="https://x/a", description="", pubdate=dt.datetime(2019, 1, 2))
    feed.add_item(
        title="b",
        link="https://x/b",
        description="",
        pubdate=dt.datetime(2018, 1, 1),
        updateddate=dt.datetime(2019, 3, 4),
    )
    assert latest_date(feed, EPOCH) == dt.datetime(2019, 3, 4)


def test_a_feed_without_entries_takes_the_date_given_never_the_clock() -> None:
    empty = Atom1Feed(title="t", link="https://x/", description="")
    pin_date(empty, dt.datetime(2019, 5, 2, tzinfo=SEOUL))
    assert updated(empty) == "2019-05-02T00:00:00+09:00"
    nothing = Atom1Feed(title="t", link="https://x/", description="")
    pin_date(nothing, None)
    assert updated(nothing) == "1970-01-01T00:00:00+00:00"


def test_the_site_is_as_new_as_its_newest_dated_article() -> None:
    articles = [
        article("old", dt.datetime(2018, 1, 1)),
        article("new", dt.datetime(2019, 5, 2)),
        article("brief", dt.datetime(1, 1, 1), undated=True),
    ]
    assert site_updated(articles) == dt.datetime(2019, 5, 2)
    assert site_updated(articles[2:]) is None


def test_a_development_entity_feed_links_relative_to_itself_with_urn_ids() -> None:
    items = [article("talks", dt.datetime(2019, 5, 2))]
    feed = entity_feed(SITE, ENTITY, items, lambda a: ["Diplomacy"], None)
    root = ET.fromstring(feed.writeString("utf-8"))
    assert [link.get("href") for link in root.findall(f"{ATOM}link")] == [
        "../../entities/kim-jong-un/",
        "../../entities/kim-jong-un/atom.xml",
    ]
    assert root.find(f"{ATOM}id").text == "urn:newsarchive:entity:kim-jong-un"
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "../../2019/05/talks/"
    assert entry.find(f"{ATOM}id").text == "urn:newsarchive:article:talks"
    assert entry.find(f"{ATOM}published").text == "2019-05-02T00:00:00+09:00"  # the site's zone
    assert entry.find(f"{ATOM}category").get("term") == "Diplomacy"


def test_a_published_entity_feed_is_absolute_and_keeps_the_newest_entries() -> None:
    site = FeedSite("Archive", "https://example.org/archive", max_items=1)
    items = [article("new", dt.datetime(2019, 5, 2)), article("old", dt.datetime(2019, 1, 1))]
    root = ET.fromstring(entity_feed(site, ENTITY, items, lambda a: [], None).writeString("utf-8"))
    assert root.find(f"{ATOM}id").text == "https://example.org/archive/entities/kim-jong-un/"
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text == "tag:example.org,2019-05-02:/archive/2019/05/new/"


def test_site_feed_entries_get_their_articles_text_back_and_undated_ones_go() -> None:
    """Pelican strips "tags" from titles; restore_entries gives back the article's own text."""
    site = "https://example.github.io/archive"
    record = {"title": "Kim <b> & AT&amp;T", "summary": "<img src=x onerror=y>", "author": "A & B"}
    talks = SimpleNamespace(url="2019/10/talks/", record=record, tag_ids=["t"])
    brief = article("brief", dt.datetime(1, 1, 1), undated=True)
    feed = Atom1Feed(title="Archive", link=f"{site}/", description="")
    feed.add_item(  # as Pelican's writer adds it, with FEED_APPEND_REF
        title=Markup(record["title"]).striptags(),
        link=f"{site}/2019/10/talks/?ref=feed",
        description="&lt;img src=x onerror=y&gt;",
        author_name="Archive contributors",
    )
    feed.add_item(title="No \x1b article", link=f"{site}/other/", description="<p>auto</p>")
    feed.add_item(title="Brief", link=f"{site}/undated/brief/", description="")
    restore_entries(feed, [talks, brief], "Archive contributors", lambda a: ["Talks <&>"])
    root = ET.fromstring(feed.writeString("utf-8"))
    first, second = root.findall(f"{ATOM}entry")
    assert first.find(f"{ATOM}title").text == "Kim <b> & AT&amp;T"
    assert first.find(f"{ATOM}summary").text == "&lt;img src=x onerror=y&gt;"
    assert first.find(f"{ATOM}author/{ATOM}name").text == "A & B"
    assert first.find(f"{ATOM}category").get("term") == "Talks <&>"
    assert second.find(f"{ATOM}title").text == "No \ufffd article"  # kept, made XML-safe
    assert second.find(f"{ATOM}summary").text == "<p>auto</p>"
