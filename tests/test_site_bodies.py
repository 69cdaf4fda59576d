"""Article bodies on disk while a build runs: each article reads the same body afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from newsarchive.site import workers
from newsarchive.site.bodies import open_store, stream, streamed

BODIES = [
    "<p>Kim Jong Un met Moon Jae-in at Panmunjom.</p>",
    "<p>Workers’ Party of Korea: «조선로동당», 1945–2021.</p>",  # not ASCII, multibyte
    "",
]


def article(body: str, slug: str) -> Article:
    settings = {**DEFAULT_CONFIG, "SITEURL": ""}
    return Article(body, {"title": slug.title(), "slug": slug}, settings=settings)


def test_a_streamed_article_reads_its_body_from_disk(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    articles = [article(body, f"a{n}") for n, body in enumerate(BODIES)]
    for item in articles:
        stream(item, store)
    for item, body in zip(articles, BODIES, strict=True):
        assert type(item) is streamed(Article) and isinstance(item, Article)
        assert "_content" not in vars(item)  # the text is no longer held in memory
        assert item._content == body and item.content == body
    stream(articles[0], store)  # streaming twice changes nothing
    assert articles[0].content == BODIES[0]
    store.close()


def test_a_new_store_leaves_no_file_behind(tmp_path: Path) -> None:
    first = open_store(tmp_path)
    stream(article(BODIES[1], "a"), first)
    open_store(tmp_path).close()
    assert list(tmp_path.iterdir()) == []  # unnamed files: nothing to clean up, ever


_FORKED: list[Article] = []  # what forked workers inherit (workers: nothing is pickled in)


@pytest.mark.build
def test_forked_workers_read_the_bodies_of_their_parent(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    _FORKED[:] = [article(body * 200, f"a{n}") for n, body in enumerate(BODIES * 20)]
    for item in _FORKED:
        stream(item, store)
    try:
        read = sorted(workers.fork_map(_content_of, range(len(_FORKED)), 2, chunksize=4))
    finally:
        _FORKED.clear()
        store.close()
    assert [body for _n, body in read] == [body * 200 for body in BODIES * 20]


def _content_of(number: int) -> tuple[int, str]:
    return number, _FORKED[number].content
