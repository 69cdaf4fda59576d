"""Article bodies on disk while a build runs: each article reads the same body afterwards,
and kept bodies are read again by the next build."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from newsarchive.site import workers
from newsarchive.site.bodies import KeptBodies, StoredBody, open_store, stream, streamed

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


def test_kept_bodies_are_read_again_by_the_next_build(tmp_path: Path) -> None:
    first = KeptBodies(tmp_path)
    kept = [first.add(body) for body in BODIES]
    first.close()
    again = pickle.loads(pickle.dumps(kept))  # as Pelican's readers cache keeps them
    assert all(type(body) is StoredBody and body == "" for body in again)  # no text in the cache
    second = KeptBodies(tmp_path)
    assert [second.read(body) for body in again] == BODIES
    assert all(second.holds(body) for body in again)
    second.close()


def test_an_article_of_a_kept_body_reads_it_without_writing_it_again(tmp_path: Path) -> None:
    store = KeptBodies(tmp_path)
    stored = store.add(BODIES[1])
    size = (tmp_path / "article-bodies.0").stat().st_size
    cached, fresh = article(stored, "cached"), article(BODIES[0], "fresh")
    kept_fresh = store.add(fresh._content)  # read this build: cached, then made an article
    stream(cached, store)
    stream(fresh, store)
    assert cached.content == BODIES[1] and fresh.content == BODIES[0]
    assert (tmp_path / "article-bodies.0").stat().st_size == size + kept_fresh.where[2]
    store.close()


def test_a_missing_or_cut_kept_file_holds_no_body(tmp_path: Path) -> None:
    store = KeptBodies(tmp_path)
    body = store.add(BODIES[1])
    store.close()
    path = tmp_path / "article-bodies.0"
    path.write_bytes(path.read_bytes()[:-1])
    assert not KeptBodies(tmp_path).holds(body)
    path.unlink()
    assert not KeptBodies(tmp_path).holds(body)
    assert not KeptBodies(tmp_path).holds(StoredBody(7, 0, 1))


def test_kept_bodies_no_entry_names_are_dropped_when_compacted(tmp_path: Path) -> None:
    big = "<p>" + "Panmunjom " * 200_000 + "</p>"  # more than COMPACT_MIN
    store = KeptBodies(tmp_path)
    entries = {"old": store.add(big), "kept": store.add(BODIES[1])}
    del entries["old"]  # no entry names the big body any more
    named = store.compact(entries, lambda body: body, lambda _entry, body: body)
    assert entries["kept"].where[0] == 1 and store.read(entries["kept"]) == BODIES[1]
    assert named == {1}
    store.remove_unnamed(named)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article-bodies.1"]
    store.close()
    assert KeptBodies(tmp_path).read(entries["kept"]) == BODIES[1]


def test_a_kept_body_with_no_kept_store_open_is_refused(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    with pytest.raises(RuntimeError, match="no kept bodies open"):
        stream(article(StoredBody(0, 0, 3), "a"), store)
    store.close()


def test_bodies_kept_afresh_are_not_copied_and_the_older_file_goes(tmp_path: Path) -> None:
    """A build that did not load the cache (``invoke rebuild``) keeps every body it reads
    in a new file: the older one, which no entry names, is removed, not compacted from."""
    first = KeptBodies(tmp_path)
    first.add("<p>" + "Panmunjom " * 200_000 + "</p>")
    first.close()
    fresh = KeptBodies(tmp_path, fresh=True)
    entries = {"a": fresh.add(BODIES[0])}
    assert entries["a"].where[0] == 1
    named = fresh.compact(entries, lambda body: body, lambda _entry, body: body)
    assert entries["a"].where[0] == 1 and named == {1}  # not copied
    fresh.remove_unnamed(named)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article-bodies.1"]
    assert fresh.read(entries["a"]) == BODIES[0]
    fresh.close()
