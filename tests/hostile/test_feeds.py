"""Feeds carry text, never live markup: hostile titles, summaries, bylines and names come back
exactly when the XML is parsed, no element or attribute is injected, and characters XML cannot
carry never make a feed invalid or stop the build.

The writer is tested on its own (every field, every forbidden character), then a hostile
archive is checked, built and published: both the site feed Pelican writes and the entity
feeds must hand the same text back.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import run_invoke
from hostile_helpers import content_with, verdicts
from newsarchive.site.feeds import REPLACEMENT, ArchiveAtomFeed, entry_text, xml_safe

A = "{http://www.w3.org/2005/Atom}"
SITEURL = "https://example.org/archive"

TITLE = 'Kim <b>says</b> "no" & AT&amp;T ]]> <!-- x --> <![CDATA[ y ]]>'
SUMMARY = '"><img src=x onerror=alert(1)> & <script>alert(2)</script> &lt;b&gt;'
BYLINE = "Reporter <i>x</i> & \"co\" 'quoted'"
ENTITY_NAME = 'Kim "<b>Jong</b>" & Co\'s <img src=x onerror=alert(1)>'
ENTITY_ID = "kim-b-jong-b-cos-img-src-x-onerror-alert-1"
ENTITY_ABOUT = 'A test entity </subtitle><evil x="1"/> & more'
TAG_NAME = 'Talks <script>alert(1)</script> & "summits"'
TAG_ID = "talks-script-alert-1-script-summits"
LINK = 'https://example.org/a/?q="><x y=1>&z=<>'

# Every element and attribute an Atom feed of ours may hold; anything else was injected.
ELEMENTS = {
    "feed", "title", "link", "id", "updated", "subtitle", "entry", "published", "author",
    "name", "summary", "content", "category",
}  # fmt: skip
ATTRIBUTES = {"href", "rel", "type", "term", "{http://www.w3.org/XML/1998/namespace}lang"}


def write(feed: ArchiveAtomFeed) -> bytes:
    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
    feed.write(wrapper, "utf-8")
    wrapper.flush()
    return out.getvalue()


def hostile_feed(title: str = TITLE, summary: str = SUMMARY, name: str = ENTITY_NAME) -> bytes:
    feed = ArchiveAtomFeed(
        title=f"Archive: {name}",
        link=LINK,
        description=ENTITY_ABOUT,
        feed_url=f"{LINK}atom.xml",
        feed_guid=f"urn:x:{name}",
        language="en",
    )
    record = {"title": title, "summary": summary, "author": BYLINE}
    feed.add_item(
        link=LINK,
        unique_id=f"urn:x:{title}",
        pubdate=dt.datetime(2019, 9, 18, tzinfo=dt.UTC),
        **entry_text(record, "Archive contributors", [TAG_NAME, name]),
    )
    return write(feed)


def assert_nothing_injected(root: ET.Element) -> None:
    for element in root.iter():
        assert element.tag.startswith(A), element.tag
        assert element.tag[len(A) :] in ELEMENTS, f"injected element {element.tag}"
        assert set(element.attrib) <= ATTRIBUTES, f"injected attribute on {element.tag}"


class Tags(HTMLParser):
    """The start tags an HTML fragment holds, as a feed reader's renderer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def rendered(fragment: str) -> Tags:
    parser = Tags()
    parser.feed(fragment)
    parser.close()
    return parser


def assert_summary_is_text(summary: ET.Element, expected: str) -> None:
    """type="html": the reader renders the element's text as HTML; it must show only words."""
    assert summary.get("type") == "html"
    shown = rendered(summary.text or "")
    assert shown.tags == [], f"a feed reader would render {shown.tags}"
    assert shown.text == expected
    assert html.unescape(summary.text or "") == expected


# --- the writer on its own ------------------------------------------------------------


def test_every_hostile_field_comes_back_exactly_and_injects_nothing() -> None:
    root = ET.fromstring(hostile_feed())
    assert_nothing_injected(root)
    assert root.find(f"{A}title").text == f"Archive: {ENTITY_NAME}"
    assert root.find(f"{A}subtitle").text == ENTITY_ABOUT
    assert root.find(f"{A}id").text == f"urn:x:{ENTITY_NAME}"
    # Links go out as URIs (percent-encoded, as feedgenerator's iri_to_uri does): same address.
    hrefs = [unquote(link.get("href")) for link in root.findall(f"{A}link")]
    assert hrefs == [LINK, f"{LINK}atom.xml"]
    [entry] = root.findall(f"{A}entry")
    assert entry.find(f"{A}title").text == TITLE
    assert entry.find(f"{A}title").get("type") in (None, "text")
    assert unquote(entry.find(f"{A}link").get("href")) == LINK
    assert entry.find(f"{A}id").text == f"urn:x:{TITLE}"
    assert entry.find(f"{A}author/{A}name").text == BYLINE
    assert [c.get("term") for c in entry.findall(f"{A}category")] == [TAG_NAME, ENTITY_NAME]
    assert_summary_is_text(entry.find(f"{A}summary"), SUMMARY)


def test_without_byline_or_summary_the_entry_has_the_site_author_and_no_summary() -> None:
    fields = entry_text({"title": "Plain"}, "Archive contributors")
    assert fields == {
        "title": "Plain",
        "description": None,
        "author_name": "Archive contributors",
        "categories": [],
    }


FORBIDDEN = [
    "\x00",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
]


@pytest.mark.parametrize("char", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def test_a_character_xml_cannot_carry_is_replaced_in_every_field(char: str) -> None:
    title, summary, name = f"Kim{char}Jong Un", f"Talks{char} resumed <b>", f"Moon{char}Jae-in"
    data = hostile_feed(title, summary, name)  # neither raises nor writes invalid UTF-8
    root = ET.fromstring(data)  # nor invalid XML
    assert_nothing_injected(root)
    entry = root.find(f"{A}entry")
    assert entry.find(f"{A}title").text == f"Kim{REPLACEMENT}Jong Un"
    assert root.find(f"{A}title").text == f"Archive: Moon{REPLACEMENT}Jae-in"
    assert entry.findall(f"{A}category")[1].get("term") == f"Moon{REPLACEMENT}Jae-in"
    assert_summary_is_text(entry.find(f"{A}summary"), f"Talks{REPLACEMENT} resumed <b>")


def test_allowed_characters_are_kept() -> None:
    text = "tab\tnewline\n한국어 “quotes” emoji \U0001f600 \ufffd end"
    assert xml_safe(text) == text


# --- a hostile archive, checked, built and published ----------------------------------


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text)


ARTICLE = f"""---
title: {q(TITLE)}
date: 2019-10-08
slug: hostile-fields
summary: {q(SUMMARY)}
author: {q(BYLINE)}
entities: [{ENTITY_ID}, kim-jong-un]
tags: [{TAG_ID}]
---

Envoys from both sides met in Stockholm to discuss a summit, a newly hostile test body.
"""


def hostile_archive(tmp_path: Path) -> Path:
    return content_with(
        tmp_path,
        {
            "articles/2019/hostile-fields.md": ARTICLE,
            f"entities/{ENTITY_ID}.yaml": (
                f"name: {q(ENTITY_NAME)}\ntype: organisation\ndescription: {q(ENTITY_ABOUT)}\n"
            ),
            f"tags/{TAG_ID}.yaml": (
                f"name: {q(TAG_NAME)}\ndescription: Talks.\nmatch: [envoys, summit]\n"
            ),
        },
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile archive, accepted by check and build, then built with feeds."""
    root = tmp_path_factory.mktemp("hostile-feeds")
    content = hostile_archive(root)
    checked, built = verdicts(content)
    assert (checked.code, built.code) == (0, 0), checked.text + built.text
    output = root / "published"
    result = run_invoke(
        "preview",
        "--content",
        str(content),
        "--output",
        str(output),
        cwd=root,
        env={"SITEURL": SITEURL, "PELICAN_EXTRA": f"--cache-path {root / 'cache'}"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return output


def hostile_entry(feed: Path) -> ET.Element:
    root = ET.parse(feed).getroot()
    assert_nothing_injected(root)
    entries = [
        e for e in root.iter(f"{A}entry") if "hostile-fields" in e.find(f"{A}link").get("href")
    ]
    assert len(entries) == 1, feed
    return entries[0]


@pytest.mark.parametrize(
    "feed",
    ["feeds/all.atom.xml", f"entities/{ENTITY_ID}/atom.xml", "entities/kim-jong-un/atom.xml"],
)
def test_every_published_feed_gives_back_the_articles_text(published: Path, feed: str) -> None:
    entry = hostile_entry(published / feed)
    assert entry.find(f"{A}title").text == TITLE
    assert entry.find(f"{A}author/{A}name").text == BYLINE
    assert [c.get("term") for c in entry.findall(f"{A}category")] == [TAG_NAME]
    assert_summary_is_text(entry.find(f"{A}summary"), SUMMARY)
    assert entry.find(f"{A}link").get("href") == f"{SITEURL}/2019/10/hostile-fields/"


def test_the_entity_feed_names_the_entity_as_written(published: Path) -> None:
    root = ET.parse(published / "entities" / ENTITY_ID / "atom.xml").getroot()
    assert root.find(f"{A}title").text.endswith(f": {ENTITY_NAME}")
    assert root.find(f"{A}subtitle").text == ENTITY_ABOUT


def test_the_site_feed_keeps_the_sanitised_body_as_html(published: Path) -> None:
    entry = hostile_entry(published / "feeds" / "all.atom.xml")
    content = entry.find(f"{A}content")
    assert content.get("type") == "html"
    assert rendered(content.text).tags == ["p"]
