"""The index cache: unchanged articles' documents and terms, read back only for the same inputs."""

from __future__ import annotations

import pickle
from dataclasses import fields, replace
from pathlib import Path

from benchmarks.corpus import docs_from_content
from newsarchive.content.registry import load_synonyms
from newsarchive.search import doccache
from newsarchive.search.documents import (
    SearchDoc,
    Synonyms,
    TermCache,
    field_counts,
    named,
    own_terms,
    with_terms,
)
from newsarchive.search.shards import postings

CODE = [Path(__file__).resolve().parents[2] / "newsarchive"]


def doc(body: str) -> SearchDoc:
    return SearchDoc("Talks resume", "a/", "2019-05-02", "Yonhap", ["k"], [], "", body, "Kim", "")


def key(tags: dict[str, str], synonyms: list[list[str]] | None = None) -> str:
    return doccache.inputs(CODE, tags, synonyms or [])


def test_documents_come_back_with_their_terms_for_the_same_inputs(tmp_path: Path) -> None:
    full = doc("Envoys met in Hanoi and talked.")
    cached = with_terms(full, TermCache())
    own = own_terms(replace(full, entity_text=""), None, TermCache())
    kept = doccache.Kept("names", cached, own)
    doccache.save(tmp_path, key({"d": "Diplomacy"}), {"abc": kept})
    [(digest, entry)] = doccache.load(tmp_path, key({"d": "Diplomacy"})).items()
    back = entry.doc
    assert digest == "abc" and entry == kept and back.terms == cached.terms
    assert entry.own.doc.terms == own.doc.terms
    assert field_counts(back, TermCache()) == field_counts(full, TermCache())
    # What the index writes of it is kept; the texts its terms were counted from are not.
    assert (back.title, back.url, back.snippet) == (full.title, full.url, full.snippet)
    assert back.body == back.entity_text == "" and full.body in full.snippet


def test_other_topic_names_or_synonyms_read_no_cache(tmp_path: Path) -> None:
    doccache.save(tmp_path, key({"d": "Diplomacy"}), {"abc": doc("x")})
    assert doccache.load(tmp_path, key({"d": "Diplomacy", "e": "Economy"})) == {}
    assert doccache.load(tmp_path, key({"d": "Diplomacy"}, [["ICBM", "missile"]])) == {}


def test_a_document_is_made_again_for_other_names_of_its_entities() -> None:
    kim = doccache.names_key([("kim", "Kim Jong Un", "Kim Jong Eun")])
    assert kim == doccache.names_key([["kim", "Kim Jong Un", "Kim Jong Eun"]])
    for other in (
        doccache.names_key([("kim", "Kim Jong Un")]),
        doccache.names_key([("kju", "Kim Jong Un", "Kim Jong Eun")]),
        doccache.names_key([("kim", "Kim Jong Un", "Kim Jong Eun"), ("moon", "Moon")]),
        doccache.names_key([("kim", "Kim Jong Un"), ("eun", "Kim Jong Eun")]),
    ):
        assert other != kim
    assert doccache.doc_key("abc", "2019/talks/") != doccache.doc_key("abc", "2019/other/")


def test_names_keys_of_many_articles_are_their_names_keys() -> None:
    """``NamesKeys`` digests each entity once: the keys are ``names_key``'s of the same
    rows, in the article's order, ids the registry lacks left out."""
    names = {"kim": ["Kim Jong Un", "Kim Jong Eun"], "moon": ["Moon Jae-in"]}
    keys = doccache.NamesKeys(names)
    for ids in (["kim"], ["moon", "kim"], ["kim", "moon"], ["kim", "gone"], []):
        rows = [(i, *names[i]) for i in ids if i in names]
        assert keys.of(ids) == doccache.names_key(rows)
    assert keys.of(["kim", "moon"]) != keys.of(["moon", "kim"])


def test_a_broken_cache_is_an_empty_one(tmp_path: Path) -> None:
    doccache.save(tmp_path, key({}), {"abc": doc("x")})
    path = tmp_path / doccache.FILE
    path.write_bytes(path.read_bytes()[:20])
    assert doccache.load(tmp_path, key({})) == {}
    assert doccache.load(tmp_path / "missing", key({})) == {}


def test_documents_pickled_as_the_dataclass_did_are_read_back() -> None:
    # Caches written before documents were pickled by their slots hold each one's state as
    # the dataclass wrote it, a list of its fields' values: such a file is still read.
    counted = with_terms(doc("Envoys met in Hanoi."), TermCache())
    back = SearchDoc.__new__(SearchDoc)
    back.__setstate__([getattr(counted, f.name) for f in fields(counted)])
    assert back == counted and back.terms == counted.terms and back.snippet == counted.snippet
    assert pickle.loads(pickle.dumps(back)).terms == counted.terms


def test_postings_from_cached_terms_are_those_from_the_text() -> None:
    texts = ["Envoys met in Hanoi.", "Kim Jong Un met envoys again in Hanoi and Singapore."]
    plain = postings([doc(t) for t in texts])
    cached = postings([with_terms(doc(t), TermCache()) for t in texts])
    assert plain == cached and plain


def test_documents_completed_with_their_names_are_those_counted_whole() -> None:
    """``named(own_terms(...))``, what an alias edit does, counts every field as a
    document tokenized whole, synonyms of the names and of the text included."""
    root = Path(__file__).resolve().parents[2] / "content"
    groups = [g for found in load_synonyms(root).values() for g in found.groups]
    checked = 0
    for whole in docs_from_content(root):
        cache = TermCache()
        synonyms = Synonyms(groups, cache)
        texts = (whole.title, whole.summary, whole.entity_text, whole.body)
        full = with_terms(replace(whole, synonyms=synonyms.extra(*texts)), cache)
        bare = replace(whole, entity_ids=[], entity_text="")
        own = own_terms(bare, synonyms, cache)
        done = named(own, whole.entity_ids, whole.entity_text, synonyms, cache)
        assert done == full and done.terms == full.terms, whole.url
        checked += bool(full.synonyms or synonyms.extra(*texts))
    assert checked > 10  # articles whose synonyms count
