"""Each term's entries kept between builds (``entrycache``): an index made with the kept
entries is the index made again whole, and only the terms an edit changed are made."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.corpus import docs_from_content
from newsarchive.search import entrycache, shards
from newsarchive.search.documents import FieldCounts, SearchDoc, TermCache, with_terms
from newsarchive.search.entrycache import KeptEntries
from newsarchive.search.shards import ordered, shard_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def docs() -> list[SearchDoc]:
    """The shipped archive's documents, counted (as the index cache holds them)."""
    cache = TermCache()
    return ordered([with_terms(doc, cache) for doc in docs_from_content(ROOT / "content")])


def with_body_words(doc: SearchDoc, words: list[str]) -> SearchDoc:
    """``doc`` with ``words`` (terms, as the index has them) added to its body."""
    counted = list(doc.terms or ())
    counted[-1] = counted[-1].then(FieldCounts.of(words))
    return replace(doc, terms=tuple(counted))


def made_terms(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The terms whose head entry is made from now on, as they are made."""
    made: list[str] = []
    term_entry = shards.term_entry

    def counted(t, count):  # type: ignore[no-untyped-def]
        made.append(t.term)
        return term_entry(t, count)

    monkeypatch.setattr(shards, "term_entry", counted)
    return made


def test_an_edit_makes_again_only_the_terms_it_changed(
    docs: list[SearchDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = KeptEntries()
    files = shard_files(docs, {}, {}, kept=kept)
    assert files == shard_files(docs, {}, {})  # nothing kept: every entry made, the same
    assert set(kept.now) == {term for term, _head in shards.term_entries(docs)[0]}

    edited = list(docs)
    edited[7] = with_body_words(docs[7], ["plutonium", "zzyzxq"])
    whole = shard_files(edited, {}, {})
    made = made_terms(monkeypatch)
    again = KeptEntries(kept.now)
    assert shard_files(edited, {}, {}, kept=again) == whole

    # Made again: exactly the terms whose articles or weights moved (most of the edited
    # body's terms: it is longer), the new word among them; the others keep the very
    # entries read, though the new word moved the term index of every term after it.
    def weighed(t: shards.Term) -> tuple:
        return t.docs, t.masks, t.weights

    postings = {t.term: weighed(t) for t in shards.postings(docs)}
    moved = sorted(t.term for t in shards.postings(edited) if postings.get(t.term) != weighed(t))
    indexes = {t.term: t.index for t in shards.postings(docs)}
    shifted = [t.term for t in shards.postings(edited) if indexes.get(t.term, t.index) != t.index]
    assert len(shifted) > len(moved)
    assert sorted(made) == moved and "zzyzxq" in moved
    assert len(made) < len(again.now) / 2
    kept_terms = [t for t, entry in again.now.items() if entry is kept.now.get(t)]
    assert sorted(set(again.now) - set(made)) == sorted(kept_terms)
    assert again.changed()


def test_an_addition_or_a_deletion_makes_every_term_again(
    docs: list[SearchDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every term's idf depends on how many articles there are."""
    kept = KeptEntries()
    shard_files(docs, {}, {}, kept=kept)
    made = made_terms(monkeypatch)
    for changed in (docs[:-1], [*docs, with_body_words(docs[0], ["zzyzxq"])]):
        whole = shard_files(changed, {}, {})
        made.clear()
        again = KeptEntries(kept.now)
        assert shard_files(changed, {}, {}, kept=again) == whole
        assert sorted(made) == sorted(again.now)


def test_a_kept_entry_serves_only_its_own_signature(docs: list[SearchDoc]) -> None:
    """A kept entry is used as it was kept (it is not made again to check it), and an entry
    kept under another signature is not used."""
    kept = KeptEntries()
    shard_files(docs, {}, {}, kept=kept)
    term = "korea"
    signature, head, tails = kept.now[term]
    index = next(t.index for t in shards.postings(docs) if t.term == term)
    marked = '["marked"]'
    served = KeptEntries({**kept.now, term: (signature, marked, tails)})
    heads = dict(shards.term_entries(docs, kept=served)[0])
    assert heads[term] == f'[{index},"marked"]'
    stale = KeptEntries({**kept.now, term: (signature ^ 1, marked, tails)})
    assert dict(shards.term_entries(docs, kept=stale)[0])[term] == shards.headed(index, head)


def test_signatures_follow_weights_not_only_articles(docs: list[SearchDoc]) -> None:
    """A term in the same articles whose weights moved (another article's longer body
    moved the average length) has another signature."""
    weighing = shards._Weighing.of(docs)
    assert weighing is not None
    longer = list(docs)
    longer[3] = with_body_words(docs[3], ["plutonium"] * 50)
    other = shards._Weighing.of(longer)
    assert other is not None
    before = dict(zip(weighing.vocabulary, weighing.signatures().tolist(), strict=True))
    after = dict(zip(other.vocabulary, other.signatures().tolist(), strict=True))
    own_terms = set(" ".join(c.words for c in longer[3].terms or ()).split())
    untouched = [t for t in before if t not in own_terms]
    moved = [t for t in untouched if before[t] != after[t]]
    assert moved  # the body field's average length moved their weights
    assert weighing.signatures().tolist() == list(before.values())  # the same: deterministic


def test_kept_entries_are_read_back_only_under_their_key(tmp_path: Path) -> None:
    kept = KeptEntries()
    kept.now = {"korea": (5, "[1]", (("01\x01korea", "[2]"),))}
    entrycache.save(tmp_path, "key-a", kept)
    assert dict(entrycache.load(tmp_path, "key-a").before) == kept.now
    assert dict(entrycache.load(tmp_path, "key-b").before) == {}
    # Read later, once needed (after the index's postings are weighed): the same entries.
    later = entrycache.later(tmp_path, "key-a")
    assert later is not None and dict(later.before) == {}  # not read yet
    assert dict(later.read()) == kept.now and later.source is None
    assert dict(entrycache.later(tmp_path, "key-b").read()) == {}
    assert entrycache.later(tmp_path / "none", "key-a") is None
    # Nothing changed: the file is not written again.
    path = tmp_path / entrycache.FILE
    stamp = path.stat().st_mtime_ns
    same = entrycache.load(tmp_path, "key-a")
    same.now = dict(same.before)
    assert not same.changed()
    entrycache.save(tmp_path, "key-a", same)
    assert path.stat().st_mtime_ns == stamp


@pytest.mark.build
def test_kept_entries_with_forked_workers_are_the_same_files(docs: list[SearchDoc]) -> None:
    kept = KeptEntries()
    shard_files(docs, {}, {}, processes=2, kept=kept)
    edited = list(docs)
    edited[11] = with_body_words(docs[11], ["zzyzxq"])
    again = KeptEntries(kept.now)
    assert shard_files(edited, {}, {}, processes=2, kept=again) == shard_files(edited, {}, {})
