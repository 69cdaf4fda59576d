"""The reference the shipped search is proven against: a whole lunr.py index in memory.

Not shipped and not built by the site. ``tests/search`` builds this index of the
same documents and checks that the sharded index (``newsarchive.search.shards``)
and the browser's engine return the same documents, in the same order, with the
same scores, and that lunr.js's own ``idx.query`` agrees (``oracle.mjs``).

``TermBuilder`` is lunr.py's Builder fed terms the shared tokenizer already
produced (lunr.py's own ``add`` deep-copies a metadata dict per token); the BM25
field vectors, idf and token set are lunr.py's own arithmetic. ``compact`` writes
the index as term list + integer postings, which ``oracle.mjs`` turns back into
lunr's serialised structure exactly, before ``lunr.Index.load``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from lunr.builder import Builder
from lunr.idf import idf
from lunr.index import Index
from lunr.vector import Vector

from newsarchive.search.documents import FIELDS, SearchDoc, TermCache
from newsarchive.search.tokenizer import PIPELINE_NAMES, configure

COMPACT_VERSION = 1


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
