"""What the search index holds of an article: its fields, as terms, and its snippet.

Five fields with lunr's boosts (``FIELDS``): title, entity names and aliases, tag
names, summary and body. ``TermCache`` runs the shared tokenizer once per distinct
chunk of text; ``shards`` turns the terms of every document into the files the
search page fetches.

Synonyms (``content/synonyms/``) are applied here, on the index side, so the search
page and its tokenizer stay as they are: ``Synonyms.extra`` gives, for an article
holding a word of a group (as terms, in order: ``North Korea`` is two), the group's
other words, and ``SearchDoc.synonyms`` adds them to the body field (boost 1, the
weight of the word they stand for) but never to the snippet. A query for ``ICBM``
then finds the article that wrote ``intercontinental ballistic missile``, and the
index keeps its fields and format.
"""

from __future__ import annotations

import html
import json
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any, TypeVar

from newsarchive.search.tokenizer import STOP_WORDS, chunk_tokens, chunks, fold_spelling, stem

FIELDS = (("t", 10), ("e", 4), ("g", 2), ("s", 2), ("b", 1))  # title, entities, tags, summary, body
# Enough for a snippet (highlight.js: 40 words from 8 before the first match) around a match
# in the first twenty words or so; every article's is published, so it is kept short.
SNIPPET_CHARS = 360
_TAG = re.compile(r"<[^>]+>")


_Slotted = TypeVar("_Slotted", bound=type)


def _pickled_by_slots(cls: _Slotted) -> _Slotted:
    """Pickle a frozen, slotted dataclass as the tuple of its fields' values, set back
    through its slots.

    The index cache holds some 150,000 of these at 20,000 articles. The dataclass's own
    pickling asks ``dataclasses.fields`` for each object and sets each field through
    ``object.__setattr__``: most of the cache's reading time once the cycle collector is
    set for the build (1.2 s of 1.5 s in an edit build's profile).
    """
    names = tuple(f.name for f in fields(cls))
    setters = tuple(getattr(cls, name).__set__ for name in names)  # the slots' descriptors
    values = attrgetter(*names)

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return values(self)

    def __setstate__(self: Any, state: Sequence[Any]) -> None:  # a list from older caches
        for set_field, value in zip(setters, state, strict=True):
            set_field(self, value)

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


@_pickled_by_slots
@dataclass(frozen=True, slots=True)  # slots: every article's is held at once
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
    synonyms: str = ""  # other words of the synonym groups the article holds: body terms
    # Each field's terms counted, once known (``with_terms``): a document read from the
    # index cache (``doccache``) is not tokenized or counted again.
    terms: tuple[FieldCounts, ...] | None = field(default=None, compare=False, repr=False)
    # The snippet, kept when the texts are dropped (``with_terms``).
    opening: str | None = field(default=None, compare=False, repr=False)

    @property
    def snippet(self) -> str:
        """The opening of the body, whole words: what result snippets are cut from."""
        if self.opening is not None:
            return self.opening
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
            "b": f"{self.body} \n {self.synonyms}" if self.synonyms else self.body,
        }


def html_to_text(fragment: str) -> str:
    """Visible text of sanitised article HTML (block tags become spaces)."""
    return html.unescape(_TAG.sub(" ", fragment))


def entity_text(names: Iterable[str]) -> str:
    return " \n ".join(names)


class Synonyms:
    """Groups of words the search treats as one, matched on the article's terms.

    A word matches where its terms (tokenized, spelling folded, stemmed, stop words
    dropped: exactly what the index holds) occur in a row in the article's terms, so
    ``NORTH-KOREA's`` holds ``North Korea`` and ``denuclearisation`` holds
    ``denuclearization``, as a query would see them.
    """

    def __init__(self, groups: Iterable[Sequence[str]], cache: TermCache | None = None) -> None:
        self._cache = cache or TermCache()
        self._groups = [tuple(group) for group in groups]
        self._starts: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for number, group in enumerate(self._groups):
            for word in group:
                terms = tuple(self._cache.terms(word))
                if terms:
                    self._starts.setdefault(terms[0], []).append((terms, number))

    @property
    def groups(self) -> list[tuple[str, ...]]:
        return list(self._groups)

    def extra(self, *texts: str) -> str:
        """The words of every group some word of which ``texts`` hold, other than those."""
        return self.words(self.held(*texts))

    def held(self, *texts: str) -> Held:
        """Group number -> the words of it (as terms) that ``texts`` hold."""
        return self.held_in(*map(self._cache.terms, texts))

    def held_in(self, *texts: Sequence[str]) -> Held:
        """``held`` of texts already made terms."""
        held: dict[int, frozenset[tuple[str, ...]]] = {}
        for terms in texts:
            for at, term in enumerate(terms):
                for words, number in self._starts.get(term, ()):
                    if tuple(terms[at : at + len(words)]) == words:
                        held[number] = held.get(number, frozenset()) | {words}
        return held

    def words(self, held: Held) -> str:
        """``extra``'s words for what texts hold (``held``, of one text or several merged)."""
        return entity_text(
            word
            for number, found in sorted(held.items())
            for word in self._groups[number]
            if tuple(self._cache.terms(word)) not in found
        )


Held = Mapping[int, frozenset[tuple[str, ...]]]


def merge_held(first: Held, second: Held) -> Held:
    """What two texts hold of the synonym groups, together."""
    merged = dict(first)
    for number, found in second.items():
        merged[number] = merged.get(number, frozenset()) | found
    return merged


@_pickled_by_slots
@dataclass(frozen=True, slots=True)
class FieldCounts:
    """A field's terms as the index counts them: each distinct term once, in order of first
    occurrence (lunr numbers terms in that order), how often it occurs, and how many terms
    the field has (its length, for BM25).

    The counts are an array of bytes while every count fits one (``packed_counts``): every
    article's counts are held at once by the index build and its cache, and as a tuple of
    Python ints they took 8 bytes each, most of a document's memory at 100,000 articles.
    """

    words: str  # the distinct terms, space-joined
    counts: array  # how often each occurs, in the order of words
    length: int

    @classmethod
    def of(cls, terms: Sequence[str]) -> FieldCounts:
        counted = Counter(terms)
        return cls(" ".join(counted), packed_counts(counted.values()), len(terms))

    def then(self, other: FieldCounts) -> FieldCounts:
        """The counts of this field's terms followed by ``other``'s: ``of(a + b)``."""
        if not other.length:
            return self
        counted = dict(zip(self.words.split(), self.counts, strict=True))
        for word, count in zip(other.words.split(), other.counts, strict=True):
            counted[word] = counted.get(word, 0) + count
        return FieldCounts(
            " ".join(counted), packed_counts(counted.values()), self.length + other.length
        )

    def __hash__(self) -> int:  # an array is not hashable
        return hash((self.words, tuple(self.counts), self.length))


def packed_counts(counts: Iterable[int]) -> array:
    """Counts as an array of bytes, or of 32-bit numbers when one is above 255."""
    values = list(counts)
    try:
        return array("B", values)
    except OverflowError:
        return array("I", values)


@dataclass(frozen=True)
class OwnTerms:
    """An article's document as far as it does not depend on its entities' names: every
    field counted but the names' (empty), the body without synonyms, and the synonym
    groups its title, summary and body hold (``held``). ``named`` completes it, so an
    alias edit does not tokenize again the thousands of articles that name the entity."""

    doc: SearchDoc
    held: Held


def own_terms(doc: SearchDoc, synonyms: Synonyms | None, cache: TermCache) -> OwnTerms:
    """``doc`` (its texts, without names or synonyms) counted, as ``named`` completes it.

    Each text is made terms once, for its field and for the synonyms it holds: each body
    made terms twice, and the tokenizer's fold table run over every character, cost a
    cold build of 20,000 synthetic articles a seventh of its time."""
    bare = replace(doc, entity_text="", synonyms="")
    made = field_terms(bare, cache)
    held = synonyms.held_in(made["t"], made["s"], made["b"]) if synonyms is not None else {}
    return OwnTerms(with_terms(bare, cache, made), held)


def named(
    own: OwnTerms,
    entity_ids: Sequence[str],
    names: str,
    synonyms: Synonyms | None,
    cache: TermCache,
) -> SearchDoc:
    """The document, as the index writes it, of the article ``own`` counts, with its
    entities (``names``: their names and aliases, ``entity_text``): the names field, and
    the synonyms the names hold too, added to the body field as ``SearchDoc`` adds them."""
    title, _names, tags, summary, body = own.doc.terms or ()
    if synonyms is not None:
        extra = synonyms.words(merge_held(own.held, synonyms.held(names)))
        body = body.then(FieldCounts.of(cache.terms(extra)))
    counted = (title, FieldCounts.of(cache.terms(names)), tags, summary, body)
    return replace(own.doc, entity_ids=list(entity_ids), terms=counted)


def sharing(doc: SearchDoc, own: OwnTerms) -> SearchDoc:
    """``doc``, which ``named`` made of ``own``, holding ``own``'s objects wherever the two
    are the same.

    A document made in a worker comes back as copies. Kept beside its own terms in the
    index cache, the copies were pickled and held twice: after an alias edit of an entity
    most articles name, the cache grew from 85 MB to 150 MB at 20,000 synthetic articles,
    and the next build's processes by as much again."""
    mine = own.doc.terms or ()
    if doc.terms is None or len(mine) != len(doc.terms):
        return doc
    counted = tuple(o if o is d or o == d else d for o, d in zip(mine, doc.terms, strict=True))
    if all(c is d for c, d in zip(counted, doc.terms, strict=True)):
        return doc  # made in this process: it holds them already
    return replace(own.doc, entity_ids=doc.entity_ids, terms=counted)


def with_terms(
    doc: SearchDoc, cache: TermCache, made: Mapping[str, Sequence[str]] | None = None
) -> SearchDoc:
    """``doc`` as the index writes it: each field's terms counted (``SearchDoc.terms``, in
    ``FIELDS`` order), its snippet, and none of the texts they were made from.

    Every article's body, summary and names held at once, for the whole index build and
    in the index cache, were most of the index's memory: 1 GB at 20,000 articles.
    ``made``: the terms of each field's text, when they are already known.
    """
    return replace(
        doc,
        terms=tuple(field_counts(doc, cache, made)),
        opening=doc.snippet,
        summary="",
        body="",
        entity_text="",
        tag_text="",
        synonyms="",
    )


def field_counts(
    doc: SearchDoc, cache: TermCache, made: Mapping[str, Sequence[str]] | None = None
) -> list[FieldCounts]:
    """Each field's terms counted, in ``FIELDS`` order: from the document when it holds them
    (``made``: the terms of each field's text, when they are already known)."""
    if doc.terms is not None:
        return list(doc.terms)
    made = field_terms(doc, cache) if made is None else made
    return [FieldCounts.of(made[name]) for name, _ in FIELDS]


def field_terms(doc: SearchDoc, cache: TermCache) -> dict[str, list[str]]:
    """Each field's text made terms, by field name."""
    return {name: cache.terms(text) for name, text in doc.field_texts().items()}


class TermCache:
    """chunk -> its terms, computed once per distinct chunk (see ``tokenizer.chunks``)."""

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


def dumps(data: Any) -> str:
    """Compact, deterministic JSON: the bytes a reader downloads."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
