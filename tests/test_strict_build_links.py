"""The strict build's crawl remembers the links of kept pages, and believes only a ledger the
build itself wrote (``newsarchive.site.pagelinks``)."""

from __future__ import annotations

import time
from pathlib import Path

from newsarchive.site import incremental
from newsarchive.site.buildcheck import page_links, unreachable
from newsarchive.site.pagelinks import KnownLinks, LedgerStamp


def write(root: Path, page: str, links: list[str]) -> bytes:
    path = root / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f'<a href="{href}">x</a>' for href in links), encoding="utf-8")
    return path.read_bytes()


def test_page_links_are_the_crawl_targets_once_each() -> None:
    text = '<a href="../a/">1</a><a href="../a/#x">2</a><a href="/root.html">3</a>'
    text += '<a href="b.html?q=1">4</a><a href="mailto:x@y">5</a><a href="../../../up.html">6</a>'
    assert page_links("tags/t/index.html", text) == ("tags/a/index.html", "tags/t/b.html")


def test_a_kept_page_is_not_read_and_a_changed_one_is(tmp_path: Path) -> None:
    kept_bytes = write(tmp_path, "tags/a/index.html", ["../../2019/x/"])
    changed = write(tmp_path, "tags/b/index.html", ["../../2019/y/"])
    write(tmp_path, "index.html", ["tags/a/", "tags/b/"])
    digests = {
        "tags/a/index.html": incremental.digest_of(kept_bytes),
        "tags/b/index.html": incremental.digest_of(changed),
    }
    kept = {
        # What the last build found in these pages: believed only while the digest is the same.
        "tags/a/index.html": (digests["tags/a/index.html"], ("2019/z/index.html",)),
        "tags/b/index.html": ("an older digest", ("2019/x/index.html",)),
    }
    links = KnownLinks(tmp_path, digests, kept)
    targets = ["2019/x/index.html", "2019/y/index.html", "2019/z/index.html"]
    assert unreachable(tmp_path, targets, links=links) == ["2019/x/index.html"]
    assert links.read == 1  # tags/b only; index.html is in no ledger, so read as it is
    assert links.now["tags/b/index.html"] == (digests["tags/b/index.html"], ("2019/y/index.html",))
    assert links.changed()


def test_only_a_ledger_written_during_the_build_is_believed(tmp_path: Path) -> None:
    incremental.write_ledger(tmp_path, {"a/index.html": ("key", "digest-1")})
    stamp = LedgerStamp.take(tmp_path)
    assert stamp.digests(tmp_path) == {}  # the last build's: its pages may have changed since
    time.sleep(0.01)
    incremental.write_ledger(tmp_path, {"a/index.html": ("key", "digest-2")})
    assert stamp.digests(tmp_path) == {"a/index.html": "digest-2"}
    incremental.forget_ledger(tmp_path)
    assert stamp.digests(tmp_path) == {}
    assert LedgerStamp.take(tmp_path / "none").digests(tmp_path / "none") == {}
