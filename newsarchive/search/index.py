"""The search index and document store, built at build time with lunr.py.

``TermBuilder`` is lunr.py's Builder fed terms our pipeline already produced:
lunr.py's own ``add`` wraps every token in a Token with a deep-copied metadata
dict and calls the pipeline per token, which was most of the build. The
bookkeeping it does is kept as is; the BM25 field vectors, idf and token set
are lunr.py's own code. The index stores no positions (highlighting
re-tokenizes the snippet in the browser with the same tokenizer) and is keyed
by each document's position in the store, so refs cost a few bytes.

``compact`` writes the index in a smaller form than lunr's JSON — per term,
its index and its postings as (document gap, weight × 1000) pairs per field —
which ``theme/static/js/search-index.js`` turns back into lunr's own
serialised structure, exactly, before ``lunr.Index.load``.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lunr.builder import Builder
from lunr.idf import idf
from lunr.index import Index
from lunr.vector import Vector

from newsarchive.search.pipeline import (
    PIPELINE_NAMES,
    STOP_WORDS,
    chunk_tokens,
    chunks,
    configure,
    fold_spelling,
    stem,
)

FIELDS = (("t", 10), ("e", 4), ("g", 2), ("s", 2), ("b", 1))  # title, entities, tags, summary, body
COMPACT_VERSION = 1
SNIPPET_CHARS = 500  # enough for a snippet around an early match; the store stays small
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class SearchDoc:
    title: str
    url: str
    date: str  # YYYY-MM-DD, or "" when unknown
    source: str
    entity_ids: Sequence[str]
    tag_ids: Sequence[str]
    summary: str
    body: str  # plain text
    entity_text: str  # names and aliases of the entities, so any spelling finds the article
    tag_text: str

    @property
    def snippet(self) -> str:
        """The opening of the body, whole words: what result snippets are cut from."""
        opening = " ".join(self.body[: SNIPPET_CHARS + 40].split())
        if len(opening) <= SNIPPET_CHARS:
            return opening
        return opening[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"

    def field_texts(self) -> dict[str, str]:
        return {
            "t": self.title,
            "e": self.entity_text,
            "g": self.tag_text,
            "s": self.summary,
            "b": self.body,
        }


def html_to_text(fragment: str) -> str:
    """Visible text of sanitised article HTML (block tags become spaces)."""
    return html.unescape(_TAG.sub(" ", fragment))


def entity_text(names: Iterable[str]) -> str:
    return " \n ".join(names)


class TermCache:
    """chunk -> its terms, computed once per distinct chunk (see ``pipeline.chunks``)."""

    def __init__(self) -> None:
        self._terms: dict[str, tuple[str, ...]] = {}

    def terms(self, text: str) -> list[str]:
        cache = self._terms
        out: list[str] = []
        for chunk in chunks(text):
            found = cache.get(chunk)
            if found is None:
                found = cache[chunk] = tuple(
                    stem(folded)
                    for folded in map(fold_spelling, chunk_tokens(chunk))
                    if folded not in STOP_WORDS
                )
            out += found
        return out


class TermBuilder(Builder):
    """lunr.py's Builder, taking each field as a list of finished terms."""

    def add_terms(self, doc_ref: str, fields: Mapping[str, Sequence[str]]) -> None:
        self._documents[doc_ref] = {}
        self.document_count += 1
        for field_name in self._fields:
            terms = fields[field_name]
            field_ref = f"{field_name}/{doc_ref}"
            counts = Counter(terms)  # first-occurrence order, as lunr.py assigns term indexes
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = len(terms)
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name][doc_ref] = {}

    def _create_field_vectors(self) -> None:
        """lunr.py's BM25 field vectors, same arithmetic in the same order, without
        inserting element by element (lunr.py's Vector.insert bisects for each one)."""
        field_vectors = {}
        idf_cache: dict[str, float] = {}
        k1, b = self._k1, self._b
        for field_ref, frequencies in self.field_term_frequencies.items():
            field_name, doc_ref = field_ref.split("/", 1)
            field_length = self.field_lengths[field_ref]
            average = self.average_field_length[field_name]
            field_boost = self._fields[field_name].boost
            doc_boost = self._documents[doc_ref].get("boost", 1)
            pairs = []
            for term, tf in frequencies.items():
                posting = self.inverted_index[term]
                term_idf = idf_cache.get(term)
                if term_idf is None:
                    term_idf = idf_cache[term] = idf(posting, self.document_count)
                score = (
                    term_idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (field_length / average)) + tf)
                )
                score *= field_boost
                score *= doc_boost
                pairs.append((posting["_index"], round(score, 3)))
            pairs.sort()
            field_vectors[field_ref] = Vector([x for pair in pairs for x in pair])
        self.field_vectors = field_vectors


def new_builder() -> TermBuilder:
    builder = TermBuilder()
    configure(builder)  # the search pipeline's names go into the index for lunr.js
    builder.ref("r")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    return builder


def build_index(docs: Sequence[SearchDoc]) -> Index:
    builder = new_builder()
    cache = TermCache()
    for number, doc in enumerate(docs):
        builder.add_terms(
            str(number), {name: cache.terms(text) for name, text in doc.field_texts().items()}
        )
    if not docs:
        builder.add_terms(
            "-", {name: [] for name, _boost in FIELDS}
        )  # lunr cannot average zero fields
        builder._documents.clear()
        builder.document_count = 0
    return builder.build()


def empty_compact() -> dict[str, Any]:
    """The compact form of an index of nothing (lunr.py cannot build one: it averages zero fields)."""
    fields = [name for name, _boost in FIELDS]
    return {
        "v": COMPACT_VERSION,
        "fields": fields,
        "pipeline": list(PIPELINE_NAMES),
        "terms": [],
        "postings": [],
    }


def compact(index: Index) -> dict[str, Any]:
    """The index as term list + integer postings: lunr's data, a third of lunr's JSON gzipped."""
    fields = list(index.fields)
    field_number = {name: n for n, name in enumerate(fields)}
    by_term: dict[int, list[list[int]]] = {}
    for field_ref, vector in index.field_vectors.items():  # documents in ref order
        field_name, doc_ref = field_ref.split("/", 1)
        number, ref = field_number[field_name], int(doc_ref)
        elements = vector.elements
        for position in range(0, len(elements), 2):
            lists = by_term.setdefault(elements[position], [[] for _ in fields])
            lists[number] += (ref, round(elements[position + 1] * 1000))
    terms = sorted(index.inverted_index)
    postings = []
    for term in terms:
        term_index = index.inverted_index[term]["_index"]
        row = [term_index]
        for number, pairs in enumerate(by_term.get(term_index, ())):
            if pairs:
                row += [number, len(pairs) // 2]
                previous = 0
                for position in range(0, len(pairs), 2):
                    row += (pairs[position] - previous, pairs[position + 1])
                    previous = pairs[position]
        postings.append(row)
    return {
        "v": COMPACT_VERSION,
        "fields": fields,
        "pipeline": list(PIPELINE_NAMES),
        "terms": terms,
        "postings": postings,
    }


def document_store(
    docs: Sequence[SearchDoc], entity_names: Mapping[str, str], tag_names: Mapping[str, str]
) -> dict[str, Any]:
    used_entities = sorted({i for d in docs for i in d.entity_ids})
    used_tags = sorted({i for d in docs for i in d.tag_ids})
    return {
        "entities": {i: entity_names[i] for i in used_entities if i in entity_names},
        "tags": {i: tag_names[i] for i in used_tags if i in tag_names},
        "docs": [
            [d.title, d.url, d.date, d.source, list(d.entity_ids), list(d.tag_ids), d.snippet]
            for d in docs
        ],
    }


def dumps(data: Any) -> str:
    """Compact, deterministic JSON: the bytes a reader downloads."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
