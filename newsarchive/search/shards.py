"""The search index in shards: the search page fetches what a query needs, not the whole index.

An unsharded index would be one file every search page downloads whole before its
first result: ~25 MB at 20,000 articles (``tests/search/oracle.py`` keeps it, as the
reference the shards are tested against). ``write_shards`` writes the same index — the same terms, lunr term
indexes and BM25 weights, to the bit (``postings`` is checked against lunr.py's
own index) — as files ``theme/static/js/search/shards.js`` fetches on demand and
``engine.js`` ranks from, with lunr's own arithmetic:

``manifest.json``
    read first: the format, fields, pipeline, number of articles, and the first
    key of every file of the families below but ``docs``, so finding a file is
    a binary search. ``v``, a hash of every file, is added to their URLs so a reader
    never mixes two builds.
``terms/N.json``
    the vocabulary in sorted runs: whether a word is in the index, the
    completions of a prefix, the near neighbours of a typo.
``ends/N.json``
    the vocabulary sorted by reversed term. A term one edit from a typo keeps
    either the first half of the typo or its second half, so the fuzzy
    candidates are the terms of one prefix and of one ending, not the whole
    vocabulary (see ``shards.js``).
``heads/N.json``
    per term: its lunr term index, the set of articles that have it (exact
    result sets, counts and facets come from these), and its postings — fields
    and weights per article — for the articles it weighs most in. A term in at
    most ``HEAD_ALL`` articles has all its postings there.
``tails/N.json``
    the other postings of the bigger terms, in tiers by weight, each twice the
    one before, fetched only when the order of the results being shown depends
    on them: a head or a tier says how much an article of a later tier can
    weigh at most.
``facets.json``
    the names of the entities, topics and sources, every article's date and the
    articles of each source: what the first results need of every match (names
    read in the query, date order, a result's source).
``members.json``
    the articles of each entity and topic: facet counts and entity and topic
    filters need them for every match. The biggest file a search reads (more
    than the rest of a first query at 20,000 articles), so a first query's
    results are shown before it, and its counts after (``engine.js``), unless
    it is small (the manifest's ``membersBytes``): then it comes with
    ``facets.json``, which costs less than the round ``entity/N.json`` needs.
``entity/N.json``
    the articles of entity N alone (its set in ``members.json``): a query that
    names an entity ranks the articles linked to it first, which needs only
    that entity's articles.
``docs/N.json``
    what a result shows, ``STORE_DOCS`` articles per file (file N has articles
    N x STORE_DOCS onwards): a page of results reads the files its articles are
    in, one per article at most.
``doc/N.json``
    the same row of article N alone, only when asked for (``single_docs``,
    setting ``ARCHIVE_SEARCH_SINGLE_DOCS``): a page of results is 20 articles
    scattered over the archive, so one small file each costs an eighth of the
    bytes of twenty shared ones (about 30 KB gzip less for a first query), but
    every article's row is then published twice (about 600 bytes per article).

Heads are small files (``HEAD_BYTES``): a query reads one run per word, and the
run that would hold a word says whether the index has it, so an exact word
needs no vocabulary run (``shards.js``). The manifest is also inlined into the
search page (``plugins/archive_search``), which saves the worker a round trip.

Articles are numbered in ``ordered`` order: by date, oldest first, undated last.

Numbers, sets of articles and word lists are packed for gzip (``packing.py``).
Weights are lunr's weights times 1000.
"""

from __future__ import annotations

import hashlib
import math
import shutil
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsarchive.search.documents import FIELDS, SearchDoc, TermCache, dumps, field_counts
from newsarchive.search.entrycache import Entry, KeptEntries
from newsarchive.search.packedarrays import docset_array, gaps_array, pack_array
from newsarchive.search.packing import docset, pack, words
from newsarchive.search.tokenizer import PIPELINE_NAMES
from newsarchive.site import workers
from newsarchive.site.overwrite import remove_others, write_if_changed

FORMAT = 3
K1, B = 1.2, 0.75  # lunr.py's Builder defaults (BM25)

HEAD_ALL = 256  # a term in at most this many articles has all its postings in its head
HEAD_SHARE = 8  # a bigger term's head holds its best-weighted 1/8 of articles (at least HEAD_ALL)
TAIL_MIN = 64  # ... and has no tail when fewer articles than this would be left for one
TERMS_BYTES = 12_000  # target size of a vocabulary run
HEAD_BYTES = 4_000  # target size of a head file (a bigger head has a file of its own)
STORE_DOCS = 8  # articles per document file: a page of 20 results is up to 20 of these
KEY_BITS = 63  # a field's postings are sorted as one number each while they fit (take_field)
CHUNK_POSTINGS = 1 << 19  # postings weighed at once (each_term): bounds memory, not speed
SHARES_PER_PROCESS = 4  # runs of terms per forked worker (term_entries): evens out their work
FOLDERS = ("terms", "ends", "heads", "tails", "docs", "doc", "entity")


def ordered(docs: Sequence[SearchDoc]) -> list[SearchDoc]:
    """Articles in search order: by date, oldest first, undated last; equal dates keep their order."""
    return sorted(docs, key=lambda d: (d.date == "", d.date))


# --- postings -------------------------------------------------------------------------------


@dataclass
class Term:
    term: str
    index: int  # lunr's term index
    docs: list[int]  # articles with the term, ascending
    masks: list[int]  # per article of docs: bit f set when field f has the term
    weights: list[list[int]]  # per field: weight x 1000 per article with the term there, ascending


@dataclass(frozen=True)
class _TermArrays:
    """A ``Term`` as arrays: what ``term_entry`` makes its entries of."""

    term: str
    index: int
    docs: np.ndarray
    masks: np.ndarray
    weights: list[np.ndarray]

    def listed(self) -> Term:
        weights = [field_weights.tolist() for field_weights in self.weights]
        return Term(self.term, self.index, self.docs.tolist(), self.masks.tolist(), weights)


def postings(docs: Sequence[SearchDoc]) -> list[Term]:
    """Every term's postings with lunr.py's weights (``each_term``'s, as a list)."""
    return list(each_term(docs))


def each_term(docs: Sequence[SearchDoc]) -> Iterator[Term]:
    """Every term's postings with lunr.py's weights, exactly as the reference ``oracle.build_index`` (tests) has them, in vocabulary order.

    The bookkeeping of ``index.TermBuilder`` (term indexes in order of first
    occurrence; lunr's idf counts an article once per field it has the term in)
    and lunr.py's BM25 expression, rounded as lunr.py and ``compact`` round,
    without building lunr objects (``_Weighing``). It runs over a run of terms
    at a time (``CHUNK_POSTINGS``): over every posting at once, its intermediate
    arrays were the largest part of a build's memory.
    """
    weighing = _Weighing.of(docs)
    if weighing is not None:
        for first, last in weighing.runs(CHUNK_POSTINGS):
            yield from weighing.terms(first, last)


@dataclass
class _Weighing:
    """What weighing any run of terms needs, computed once for the whole index: every
    field's postings grouped by term, each term's idf and each field's lengths.

    The arithmetic runs over arrays of postings (the same IEEE operations in the same
    order as lunr.py's, so the same weights); a per-posting Python loop was most of an
    index build. Terms are made one at a time from those arrays: every term's postings
    as Python lists at once would be most of the index build's memory. Runs of terms
    are independent, so forked workers can weigh a share of them each (``term_entries``).
    """

    count: int
    vocabulary: list[str]
    indexes: list[int]  # per term, in vocabulary order: its lunr term index
    fields: list[_FieldPostings]
    per_term: list[np.ndarray]  # per field: how many postings each term has
    ends: list[np.ndarray]  # per field: where each term's postings end
    idf: np.ndarray
    lengths: list[np.ndarray]
    averages: list[float]

    @classmethod
    def of(
        cls, docs: Sequence[SearchDoc], prepared: PreparedPostings | None = None
    ) -> _Weighing | None:
        """None for no articles."""
        count = len(docs)
        if not count:
            return None
        table = _PostingTable.of(docs, prepared)
        index_of, lengths = table.index_of, table.lengths
        vocabulary = sorted(index_of)
        indexes = [index_of[term] for term in vocabulary]
        rank = np.empty(len(vocabulary), dtype=np.int32)  # term index -> place in vocabulary
        rank[indexes] = np.arange(len(vocabulary))
        fields = [table.take_field(number, rank) for number in range(len(FIELDS))]
        del table, rank
        per_term = [np.bincount(f.ranks, minlength=len(vocabulary)) for f in fields]
        idf = np.array(
            [math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for n in sum(per_term).tolist()]
        )
        averages = [sum(field_lengths.tolist()) / count for field_lengths in lengths]  # as lunr
        ends = [np.cumsum(n) for n in per_term]
        return cls(count, vocabulary, indexes, fields, per_term, ends, idf, lengths, averages)

    def runs(self, target: int, sizes: np.ndarray | None = None) -> list[tuple[int, int]]:
        """Consecutive runs [first, last) of terms of about ``target`` postings each (or of
        ``sizes``, a size per term)."""
        return list(_term_runs((sum(self.per_term) if sizes is None else sizes).tolist(), target))

    def _parts(self, first: int, last: int) -> list[_FieldPostings]:
        """Each field's postings of the terms of the run [first, last)."""
        return [
            f.part(int(field_ends[first - 1]) if first else 0, int(field_ends[last - 1]))
            for f, field_ends in zip(self.fields, self.ends, strict=True)
        ]

    def signatures(self) -> np.ndarray:
        """Per term, in vocabulary order, a 64-bit digest of all its entries are made of:
        the number of articles, and each field's articles and weights (``entrycache``):
        not its term index, which ``term_entries`` writes into its head itself.

        Each posting is mixed into a number of its own (splitmix64's finalizer, of its
        field and article, then of that and its weight) and a term's are summed, modulo
        2**64: computed over arrays of postings at once, a run of terms at a time.
        """
        sums = np.zeros(len(self.vocabulary), dtype=np.uint64)
        for first, last in self.runs(CHUNK_POSTINGS):
            for n, part in enumerate(self._parts(first, last)):
                weights = _field_weights(
                    part, self.idf, self.lengths[n], self.averages[n], FIELDS[n][1]
                )
                mixed = _mixed(part.refs.astype(np.uint64) | np.uint64(n) << np.uint64(40))
                mixed += weights.astype(np.uint64)
                totals = np.concatenate((_NO_SUM, np.cumsum(_mixed(mixed), dtype=np.uint64)))
                ends = np.cumsum(self.per_term[n][first:last])
                sums[first:last] += totals[ends] - totals[ends - self.per_term[n][first:last]]
        sums += _mixed(np.array([self.count], dtype=np.uint64))
        return sums

    def terms(self, first: int, last: int) -> Iterator[Term]:
        """The terms of the run [first, last), weighed, in vocabulary order."""
        for arrays in self.arrays(first, last):
            yield arrays.listed()

    def arrays(
        self, first: int, last: int, wanted: np.ndarray | None = None
    ) -> Iterator[_TermArrays]:
        """``terms``, each as arrays; with ``wanted`` (a flag per term of the vocabulary),
        only those it flags."""
        parts = self._parts(first, last)
        if wanted is not None:
            parts = [part.only(wanted[part.ranks]) for part in parts]
        weights = [
            _field_weights(part, self.idf, self.lengths[n], self.averages[n], boost)
            for n, (part, (_name, boost)) in enumerate(zip(parts, FIELDS, strict=True))
        ]
        refs, masks, doc_ends = _doc_masks(parts, self.count, first, last)
        counts = [
            np.bincount(part.ranks - first, minlength=last - first).tolist() for part in parts
        ]
        start, doc_start = [0] * len(parts), 0
        for r in range(last - first):
            doc_end = doc_ends[r]
            if doc_end == doc_start:  # not wanted: no postings in this run's parts
                continue
            term_weights = []
            for number, field_weights in enumerate(weights):
                end = start[number] + counts[number][r]
                term_weights.append(field_weights[start[number] : end])
                start[number] = end
            term = self.vocabulary[first + r]
            index = self.indexes[first + r]
            yield _TermArrays(
                term, index, refs[doc_start:doc_end], masks[doc_start:doc_end], term_weights
            )
            doc_start = doc_end


def _term_runs(sizes: Sequence[int], target: int) -> Iterator[tuple[int, int]]:
    """Consecutive runs [first, last) of terms, each of about ``target`` postings (a bigger
    term alone)."""
    first = total = 0
    for number, size in enumerate(sizes):
        total += size
        if total >= target:
            yield first, number + 1
            first, total = number + 1, 0
    if first < len(sizes):
        yield first, len(sizes)


@dataclass
class _FieldPostings:
    """One field's postings, grouped by term (in vocabulary order), articles ascending."""

    ranks: np.ndarray
    refs: np.ndarray
    tfs: np.ndarray

    def part(self, start: int, end: int) -> _FieldPostings:
        return _FieldPostings(self.ranks[start:end], self.refs[start:end], self.tfs[start:end])

    def only(self, flags: np.ndarray) -> _FieldPostings:
        return _FieldPostings(self.ranks[flags], self.refs[flags], self.tfs[flags])


_NO_SUM = np.zeros(1, dtype=np.uint64)
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def _mixed(x: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer of each number of ``x`` (64 bits, unsigned; in place)."""
    x ^= x >> np.uint64(30)
    x *= _MIX[0]
    x ^= x >> np.uint64(27)
    x *= _MIX[1]
    x ^= x >> np.uint64(31)
    return x


@dataclass
class _PostingTable:
    """Every (term, article, term frequency) of each field, as flat arrays; terms numbered
    in order of first occurrence, as lunr numbers them."""

    index_of: dict[str, int]
    ids: list[np.ndarray]  # per field: term number of each posting (32 bits), articles in order
    refs: list[np.ndarray]
    tfs: list[np.ndarray]
    lengths: list[np.ndarray]  # per field: each article's number of terms

    @classmethod
    def of(
        cls, docs: Sequence[SearchDoc], prepared: PreparedPostings | None = None
    ) -> _PostingTable:
        """The table of ``docs``, gathered from ``prepared`` where it has them; the others
        are prepared now, in the same provisional vocabulary.

        Documents all prepared here, in index order (a cold build), have their terms
        numbered in lunr's order already: the provisional numbers are kept, and no array
        is copied. Otherwise the terms are numbered again (``_first_occurrences``), a
        field at a time, each field's provisional numbers let go once renumbered.
        """
        fresh = prepared is None or not prepared.slots or prepared.in_order(docs)
        prepared = prepared or PreparedPostings()
        prepared.add(d for d in docs if id(d) not in prepared.slots)
        slots = np.fromiter((prepared.slots[id(d)] for d in docs), dtype=np.int64, count=len(docs))
        fields = [prepared.gather(number, slots) for number in range(len(FIELDS))]
        refs = [field[1] for field in fields]
        tfs = [field[2] for field in fields]
        lengths = [field[3] for field in fields]
        if fresh:
            index_of = dict(prepared.vocabulary)  # a plain mapping: a lookup adds no term
            prepared.release()
            return cls(index_of, [field[0] for field in fields], refs, tfs, lengths)
        order = _first_occurrences(fields)
        number_of = np.full(len(prepared.vocabulary), -1, dtype=np.int32)
        number_of[order] = np.arange(len(order), dtype=np.int32)
        words = prepared.words()
        prepared.release()
        index_of = {words[p]: n for n, p in enumerate(order.tolist())}
        ids = []
        for number in range(len(fields)):
            provisional, fields[number] = fields[number][0], ()
            ids.append(number_of[provisional])
            del provisional
        return cls(index_of, ids, refs, tfs, lengths)

    def take_field(self, number: int, rank: np.ndarray) -> _FieldPostings:
        """A field's postings grouped by term, articles ascending; the table's own arrays of
        it are let go as soon as they are read (the table is not used for that field again).

        A field has each term once per article, so sorting the postings by term and article
        is sorting the numbers ``(rank * articles + article) * counts + count``: one array,
        sorted in place. Ordering by term took the ranks, an index array of 8 bytes a
        posting and a sorted copy of each array at once, and was slower. Past 63 bits (a
        vast vocabulary, a count in the millions) it orders by term, keeping the articles'
        order.
        """
        articles = len(self.lengths[number])
        tfs = self.tfs[number]
        counts = int(tfs.max()) + 1 if len(tfs) else 1
        if len(rank) * articles * counts >= 1 << KEY_BITS:
            return self._take_field_by_order(number, rank)
        key = rank.astype(np.int64)[self.ids[number]]
        self.ids[number] = _NONE
        key *= articles
        key += self.refs[number]
        self.refs[number] = _NONE
        key *= counts
        key += tfs
        del tfs
        self.tfs[number] = _NONE
        key.sort()
        tfs = _pop_digit(key, counts)
        refs = _pop_digit(key, articles)
        return _FieldPostings(key.astype(np.int32), refs, tfs)

    def _take_field_by_order(self, number: int, rank: np.ndarray) -> _FieldPostings:
        ranks = rank[self.ids[number]]
        self.ids[number] = _NONE
        order = np.argsort(ranks, kind="stable")  # articles stay ascending within a term
        ranks = ranks[order]
        refs = self.refs[number][order]
        self.refs[number] = _NONE
        tfs = self.tfs[number][order]
        self.tfs[number] = _NONE
        return _FieldPostings(ranks, refs, tfs)


_NONE = np.empty(0, dtype=np.int32)  # a field's arrays once taken (take_field)


class PreparedPostings:
    """Documents' postings with their terms numbered in a provisional vocabulary (in the
    order they were added), before the articles they will be indexed among are known.

    lunr numbers a term by its first occurrence over every article in index order, so
    a term's number depends on every article before it. Prepared documents are gathered
    into the table of any set of them, in any order, and numbered then
    (``_first_occurrences``): the index's child of an incremental build prepares the
    index cache's documents while the build reads the articles, and after an edit only
    the edited ones are prepared once they are known (``plugins/archive_search``).
    """

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = _numbering()
        self.slots: dict[int, int] = {}  # id of a prepared document -> its number
        self._docs: list[SearchDoc] = []  # held, so that their ids stay theirs
        n = len(FIELDS)
        self._ids: list[list[np.ndarray]] = [[] for _ in range(n)]  # per field: runs of them
        self._tfs: list[list[np.ndarray]] = [[] for _ in range(n)]
        self._counts: list[list[np.ndarray]] = [[] for _ in range(n)]  # postings per document
        self._lengths: list[list[np.ndarray]] = [[] for _ in range(n)]

    def add(self, docs: Iterable[SearchDoc]) -> None:
        """Prepare these documents (one run of postings per field).

        Each posting costs a handful of C calls and no Python bytecode: a term is numbered
        as it is looked up (``_numbering``), and counts of a byte each are copied as bytes
        (8.4 million postings at 20,000 synthetic articles: 2.4 s item by item, with a
        membership pass before the lookup)."""
        cache = TermCache()
        number_of, n = self.vocabulary.__getitem__, len(FIELDS)
        ids = [array("i") for _ in range(n)]
        tfs = [_Counts() for _ in range(n)]
        counts: list[list[int]] = [[] for _ in range(n)]
        lengths: list[list[int]] = [[] for _ in range(n)]
        added = 0
        for doc in docs:
            self.slots[id(doc)] = len(self._docs)
            self._docs.append(doc)
            added += 1
            for number, counted in enumerate(field_counts(doc, cache)):
                words = counted.words.split()
                ids[number].extend(map(number_of, words))
                tfs[number].add(counted.counts)
                counts[number].append(len(words))
                lengths[number].append(counted.length)
        if not added:
            return
        for number in range(n):
            self._ids[number].append(np.frombuffer(ids[number], dtype=np.int32))
            self._tfs[number].append(tfs[number].joined())
            self._counts[number].append(np.array(counts[number], dtype=np.int64))
            self._lengths[number].append(np.array(lengths[number], dtype=np.int64))

    def words(self) -> list[str]:
        """The provisional vocabulary, by number."""
        return list(self.vocabulary)

    def release(self) -> None:
        """Let go of the vocabulary and the documents once the table is gathered: the
        callers that passed this preparation hold it while the index is weighed."""
        self.vocabulary = _numbering()
        self.slots = {}
        self._docs = []

    def in_order(self, docs: Sequence[SearchDoc]) -> bool:
        """Whether exactly ``docs`` were prepared, in that order (their provisional numbers
        are then lunr's)."""
        return len(docs) == len(self._docs) and all(
            a is b for a, b in zip(docs, self._docs, strict=True)
        )

    def kept(self) -> tuple[list[str], list[tuple[np.ndarray, ...]]]:
        """The vocabulary by number, and each field's term numbers, counts, postings per
        document and lengths, slot after slot (``preparedcache`` keeps them). Each field's
        runs are joined into one, which stands for them from then on."""
        fields = []
        for number in range(len(FIELDS)):
            arrays = []
            for runs in (self._ids, self._tfs, self._counts, self._lengths):
                runs[number] = [_joined(runs[number])]
                arrays.append(runs[number][0])
            fields.append(tuple(arrays))
        return self.words(), fields

    @classmethod
    def of_kept(
        cls,
        words: Sequence[str],
        fields: Sequence[tuple[np.ndarray, ...]],
        docs: Sequence[SearchDoc | None],
    ) -> PreparedPostings:
        """The preparation ``kept`` gave, its slots given to ``docs`` (None: a slot no
        document takes)."""
        prepared = cls()
        prepared.vocabulary.update(zip(words, range(len(words)), strict=True))
        prepared._docs = list(docs)
        prepared.slots = {id(doc): slot for slot, doc in enumerate(docs) if doc is not None}
        for number, arrays in enumerate(fields):
            for runs, run in zip(
                (prepared._ids, prepared._tfs, prepared._counts, prepared._lengths),
                arrays,
                strict=True,
            ):
                runs[number] = [run]
        return prepared

    def gather(self, number: int, slots: np.ndarray) -> tuple[np.ndarray, ...]:
        """Field ``number``'s provisional term numbers, articles, counts and lengths of the
        prepared documents at ``slots``, in that order; the field's runs are let go (one
        gathering per preparation)."""
        ids, tfs = _joined(self._ids[number]), _joined(self._tfs[number])
        counts, lengths = _joined(self._counts[number]), _joined(self._lengths[number])
        for runs in (self._ids, self._tfs, self._counts, self._lengths):
            runs[number] = []  # a list each: one shared by all would join their next runs
        sizes = counts[slots]
        refs = np.repeat(np.arange(len(slots), dtype=np.int32), sizes)
        if np.array_equal(slots, np.arange(len(counts))):  # all of them, as prepared
            return ids, refs, tfs, lengths
        starts = np.cumsum(counts) - counts
        ends = np.cumsum(sizes)
        positions = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
        positions += np.repeat(starts[slots] - (ends - sizes), sizes)
        return ids[positions], refs, tfs[positions], lengths[slots]


def _numbering() -> dict[str, int]:
    """A mapping that numbers each key it is asked for and lacks, in the order asked (0, 1,
    2 ...): a ``defaultdict`` whose default is its own length at the time."""
    numbers: defaultdict[str, int] = defaultdict()
    numbers.default_factory = numbers.__len__
    return numbers


class _Counts:
    """A field's term counts, document after document, as one array of 32 bits in the end:
    arrays of bytes (``documents.packed_counts``) are copied whole, a larger count's array
    as numbers."""

    def __init__(self) -> None:
        self._bytes = bytearray()
        self._runs: list[np.ndarray] = []

    def add(self, counts: array) -> None:
        if counts.typecode == "B":
            self._bytes += counts
            return
        self._flush()
        self._runs.append(np.array(counts, dtype=np.int32))

    def _flush(self) -> None:
        if self._bytes:
            self._runs.append(np.frombuffer(self._bytes, dtype=np.uint8).astype(np.int32))
            self._bytes = bytearray()

    def joined(self) -> np.ndarray:
        self._flush()
        return _joined(self._runs) if self._runs else np.empty(0, dtype=np.int32)


def _joined(runs: list[np.ndarray]) -> np.ndarray:
    if len(runs) == 1:
        return runs[0]
    return np.concatenate(runs) if runs else np.empty(0, dtype=np.int32)


def _first_occurrences(fields: Sequence[tuple[np.ndarray, ...]]) -> np.ndarray:
    """The provisional numbers of the terms the fields hold, in lunr's order: by first
    occurrence, article by article, field by field, in each field's order."""
    firsts, keys = [], []
    count = len(fields)
    longest = max((int(field[2].size) for field in fields), default=0) + 1  # an offset bound
    for number, (ids, refs, _tfs, _lengths) in enumerate(fields):
        terms, first = _first_positions(ids)
        starts = np.searchsorted(refs, refs[first])  # where each one's article begins
        firsts.append(terms)
        keys.append((refs[first].astype(np.int64) * count + number) * longest + (first - starts))
    all_terms, all_keys = np.concatenate(firsts), np.concatenate(keys)
    order = np.argsort(all_keys, kind="stable")
    terms, first = np.unique(all_terms[order], return_index=True)
    return terms[np.argsort(all_keys[order][first], kind="stable")].astype(np.int64)


FIRSTS_RUN = 1 << 22  # postings _first_positions takes at a time: 32 MiB of positions


def _first_positions(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct numbers of ``ids`` ascending, and where each first occurs: what
    ``np.unique(ids, return_index=True)`` gives, without sorting the postings (the
    smallest position of each number, ``np.minimum.at``, a run at a time): 0.035 s
    instead of 0.79 s for 8.4 million postings."""
    size = len(ids)
    if not size:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    first = np.full(int(ids.max()) + 1, size, dtype=np.int64)
    for start in range(0, size, FIRSTS_RUN):
        end = min(size, start + FIRSTS_RUN)
        np.minimum.at(first, ids[start:end], np.arange(start, end, dtype=np.int64))
    terms = np.flatnonzero(first < size)
    return terms, first[terms]


def _pop_digit(key: np.ndarray, base: int) -> np.ndarray:
    """The last digit of each number of ``key`` in ``base``, as 32 bits, taken off ``key``
    (in place)."""
    digit = np.empty(len(key), dtype=np.int32)
    np.remainder(key, base, out=digit, casting="unsafe")  # no 64-bit copy of the array
    key //= base
    return digit


def _field_weights(
    f: _FieldPostings, idf: np.ndarray, lengths: np.ndarray, average: float, boost: int
) -> np.ndarray:
    """lunr.py's ``Builder._create_field_vectors`` for one field's postings, then
    ``compact``'s rounding (``average``: the field's mean length, summed as lunr.py sums)."""
    numerator = idf[f.ranks] * ((K1 + 1) * f.tfs)
    score = numerator / (K1 * (1 - B + B * (lengths[f.refs] / average)) + f.tfs)
    score *= boost
    return thousandths(score)


def thousandths(scores: np.ndarray) -> np.ndarray:
    """``round(round(score, 3) * 1000)`` of each score, as Python computes it.

    Python rounds the exact decimal value of a float; scaling by 1000 first can move
    a score that lies within a rounding error of a half-thousandth across it, so those
    few are rounded by Python itself.
    """
    scaled = scores * 1000
    out = np.rint(scaled).astype(np.int64)
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    for i in near_half.tolist():
        out[i] = round(round(float(scores[i]), 3) * 1000)
    return out


def _doc_masks(
    fields: Sequence[_FieldPostings], count: int, first: int, last: int
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """The articles of terms ``first`` to ``last`` (excluded) ascending, term by term (in
    vocabulary order), a bit per field for each, and where each term's run ends.

    Each field's keys (term, then article) are ascending already: a stable sort merges
    the runs (``np.unique`` sorted them all over again, three times slower)."""
    keys = np.concatenate([(f.ranks.astype(np.int64) - first) * count + f.refs for f in fields])
    bits = np.concatenate([np.full(len(f.refs), 1 << n) for n, f in enumerate(fields)])
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    new = np.ones(len(keys), dtype=bool)  # where a key differs from the one before
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    unique = keys[starts]
    del keys, new
    # One bit per field: a sum. (reduceat of no runs would read past the end.)
    masks = np.add.reduceat(bits[order], starts) if len(starts) else np.empty(0, np.int64)
    ends = np.cumsum(np.bincount(unique // count, minlength=last - first)).tolist()
    return unique % count, masks.astype(np.int64), ends


def tier_ranges(n: int) -> list[tuple[int, int]]:
    """The ranks [start, end) of a term's tiers of articles, heaviest first: its head, then
    tails each twice the one before; one tier, the head, for a term in few articles.

    A query needs an article's postings only while its rank depends on them, and an
    article outside the tiers fetched so far weighs at most the next tier's tau.
    """
    size = max(HEAD_ALL, -(-n // HEAD_SHARE))
    ranges, start = [], 0
    while start < n:
        end = start + size
        if n - end < TAIL_MIN:
            end = n
        ranges.append((start, end))
        start, size = end, 2 * size
    return ranges


def term_entry(t: _TermArrays, count: int) -> tuple[list[Any], list[tuple[str, list[Any]]]]:
    """A term's head entry, [articles, masks, weights], + [head positions, tau, tails]
    when it has tails (``headed`` puts its term index first); and (key, [positions,
    masks, weights, tau]) of each tail tier (``tail_key``). Positions are in the term's
    articles; a tier's masks and weights are those of its articles, weights field by
    field."""
    ranges = tier_ranges(len(t.docs))
    if len(ranges) == 1:
        weights = np.concatenate(t.weights)
        return [docset_array(t.docs, count), pack_array(t.masks), pack_array(weights)], []
    n, fields = len(t.docs), len(t.weights)
    has = [t.masks >> number & 1 == 1 for number in range(fields)]
    columns = np.zeros((fields, n), dtype=np.int64)  # each field's weight by position, or 0
    for number, field_weights in enumerate(t.weights):
        columns[number, has[number]] = field_weights
    sums = columns.sum(axis=0)
    # Heaviest first, equal sums in article order: one key per article, in that order.
    heaviest = int(sums.max())
    keys = (heaviest - sums) * n + np.arange(n)
    ends = [end for _start, end in ranges[:-1]]
    ranked = np.partition(keys, sorted({*ends, *(end - 1 for end in ends)}))
    tier_of = np.searchsorted(ranked[[end - 1 for end in ends]], keys)
    taus = [heaviest - int(ranked[end]) // n for end in ends] + [0]

    def packed(level: int) -> list[Any]:
        at = np.flatnonzero(tier_of == level)
        masks = t.masks[at]
        weights = [columns[number, at][masks >> number & 1 == 1] for number in range(fields)]
        positions = pack_array(gaps_array(at))
        return [positions, pack_array(masks), pack_array(np.concatenate(weights)), taus[level]]

    head = packed(0)
    entry = [docset_array(t.docs, count), *head[1:3], head[0], head[3], len(ranges) - 1]
    return entry, [(tail_key(t.term, level), packed(level)) for level in range(1, len(ranges))]


def headed(index: int, entry: str) -> str:
    """A head entry's JSON with its term index first: the JSON of [index, *entry].

    A term's index is its place in lunr's order of first occurrence, so a word added to
    an early article moves every later term's: the rest of their entries is kept
    (``entrycache``) and only this is written again."""
    return f"[{index},{entry[1:]}"


def tail_key(term: str, level: int) -> str:
    """Tails are filed by level first: a query's next tiers are together, not a term's tiers."""
    return f"{level:02d}\x01{term}"


# --- the files ------------------------------------------------------------------------------


def runs(items: Iterable[tuple[str, str]], target: int) -> list[tuple[list[str], list[str]]]:
    """(key, text) pairs, in order, grouped into runs of about target bytes."""
    groups: list[tuple[list[str], list[str]]] = []
    size = target
    for key, text in items:
        if size >= target:
            groups.append(([], []))
            size = 0
        groups[-1][0].append(key)
        groups[-1][1].append(text)
        size += len(text) + 1
    return groups


def _keyed(keys: Sequence[str], texts: Sequence[str]) -> str:
    """A run of per-term JSON entries, with its terms front-coded."""
    return dumps(words(keys))[:-1] + ',"entries":[' + ",".join(texts) + "]}"


Entries = tuple[list[tuple[str, str]], list[tuple[str, str]]]  # (term, head), (tail key, tail)


def term_entries(
    docs: Sequence[SearchDoc],
    processes: int = 1,
    prepared: PreparedPostings | None = None,
    nice: int = 0,
    kept: KeptEntries | None = None,
) -> Entries:
    """Every term's head entry, in vocabulary order, and every tail entry, by key, as JSON.

    With ``processes`` > 1 the runs of terms are weighed and written in that many forked
    workers, a share each, which yield the cores by ``nice`` (``workers.fork_map``): after
    an edit the index may be the last part of a build to end, or the pages. The entries
    are the same. Documents ``prepared`` (``PreparedPostings``) are gathered, not read
    again. With ``kept`` (``entrycache``), a term whose signature is the one kept has its
    kept entries, only the others are made, and ``kept.now`` is filled with this index's
    (heads without their term index: ``headed``).
    """
    weighing = _Weighing.of(docs, prepared)
    if kept is not None:
        kept.now = {}
    if weighing is None:
        return [], []
    count = len(docs)
    vocabulary = weighing.vocabulary
    sizes = sum(weighing.per_term)
    signatures: list[int] = []
    wanted = None
    if kept is not None:
        signatures = weighing.signatures().tolist()
        before = kept.read()  # once the postings are weighed (``KeptEntries``)
        stale = zip(vocabulary, signatures, strict=True)
        wanted = np.array([before.get(t, _NO_ENTRY)[0] != sign for t, sign in stale], dtype=bool)
        sizes = sizes * wanted

    def entries(run: tuple[int, int]) -> Entries:
        heads: list[tuple[str, str]] = []
        tails: list[tuple[str, str]] = []
        for t in weighing.arrays(*run, wanted):  # one at a time: a term's postings go once written
            head, term_tails = term_entry(t, count)
            heads.append((t.term, dumps(head)))
            tails += ((key, dumps(entry)) for key, entry in term_tails)
        return heads, tails

    total = int(sizes.sum())
    target = min(CHUNK_POSTINGS, -(-total // (SHARES_PER_PROCESS * processes)))
    runs = weighing.runs(target if processes > 1 else CHUNK_POSTINGS, sizes) if total else []
    heads: list[tuple[str, str]] = []
    tails: list[tuple[str, str]] = []
    for run_heads, run_tails in workers.each_maybe_forked(entries, runs, processes, 2, nice):
        heads += run_heads
        tails += run_tails
    if kept is not None:
        heads, tails = _with_kept(kept, vocabulary, signatures, heads, tails)
    tails.sort()
    indexes = weighing.indexes
    return [(term, headed(indexes[r], head)) for r, (term, head) in enumerate(heads)], tails


_NO_ENTRY: Entry = (-1, "", ())  # no signature is negative


def _with_kept(
    kept: KeptEntries,
    vocabulary: Sequence[str],
    signatures: Sequence[int],
    heads: list[tuple[str, str]],
    tails: list[tuple[str, str]],
) -> Entries:
    """Every term's entries, the ones made now (``heads``, ``tails``) or else the kept ones,
    and ``kept.now`` filled: what ``term_entries`` returns."""
    made = dict(heads)
    made_tails: dict[str, list[tuple[str, str]]] = {}
    for key, text in tails:
        made_tails.setdefault(key.partition("\x01")[2], []).append((key, text))  # tail_key
    all_heads: list[tuple[str, str]] = []
    all_tails: list[tuple[str, str]] = []
    for term, signature in zip(vocabulary, signatures, strict=True):
        head = made.get(term)
        entry = (
            kept.before[term]
            if head is None
            else (signature, head, tuple(made_tails.get(term, ())))
        )
        kept.now[term] = entry
        all_heads.append((term, entry[1]))
        all_tails += entry[2]
    return all_heads, all_tails


def shard_files(
    docs: Sequence[SearchDoc],
    entity_names: Mapping[str, str],
    tag_names: Mapping[str, str],
    single_docs: bool = False,
    processes: int = 1,
    prepared: PreparedPostings | None = None,
    nice: int = 0,
    kept: KeptEntries | None = None,
) -> dict[str, str]:
    """Every file of the sharded index: path under search/ -> text. docs in ``ordered`` order;
    ``single_docs``: each article's row in a file of its own too (``doc/N.json``);
    ``processes``, ``prepared``, ``nice`` and ``kept``: as ``term_entries`` takes them."""
    count = len(docs)
    heads, tails = term_entries(docs, processes, prepared, nice, kept)
    vocabulary = [term for term, _head in heads]
    files: dict[str, str] = {}
    keys: dict[str, list[str]] = {}

    def family(name: str, groups: Sequence[tuple[str, str]]) -> None:
        keys[name] = []
        for number, (key, text) in enumerate(groups):
            files[f"{name}/{number}.json"] = text
            keys[name].append(key)

    family(
        "terms",
        [(run[0], dumps(words(run))) for run, _ in runs(((w, w) for w in vocabulary), TERMS_BYTES)],
    )
    ends = sorted(w[::-1] for w in vocabulary)
    family(
        "ends",
        [(run[0], dumps(words(run))) for run, _ in runs(((w, w) for w in ends), TERMS_BYTES)],
    )
    family("heads", [(run[0], _keyed(run, texts)) for run, texts in runs(heads, HEAD_BYTES)])
    tail_runs = []
    for level in sorted({key[:2] for key, _text in tails}):
        # Tiers double in size at each level, and so do the files, so that a file of any
        # level holds the tiers of about as many terms.
        target = HEAD_BYTES << (int(level) - 1)
        tail_runs += runs((item for item in tails if item[0][:2] == level), target)
    family("tails", [(run[0], _keyed(run, texts)) for run, texts in tail_runs])

    facets, entity_number, tag_number = _facets(docs, entity_names, tag_names)
    files["facets.json"] = facets.names
    files["members.json"] = facets.members
    for n, text in enumerate(facets.entities):
        files[f"entity/{n}.json"] = text
    rows = [
        [
            d.title,
            d.url,
            pack(entity_number[i] for i in d.entity_ids),
            pack(tag_number[i] for i in d.tag_ids),
            d.snippet,
        ]
        for d in docs
    ]
    for start in range(0, count, STORE_DOCS):
        files[f"docs/{start // STORE_DOCS}.json"] = dumps(
            {"docs": rows[start : start + STORE_DOCS]}
        )
    for ref, row in enumerate(rows if single_docs else ()):
        files[f"doc/{ref}.json"] = dumps(row)

    version = hashlib.sha256()
    for path in sorted(files):
        version.update(f"{path}\0{files[path]}\0".encode())
    manifest = {
        "format": FORMAT,
        "v": version.hexdigest()[:12],
        "docs": count,
        "fields": [name for name, _boost in FIELDS],
        "pipeline": list(PIPELINE_NAMES),
        "storeDocs": STORE_DOCS,
        "singleDocs": single_docs,
        # How big members.json is: a small one loads with facets.json (shards.js).
        "membersBytes": len(files["members.json"].encode()),
        "files": keys,
    }
    files["manifest.json"] = dumps(manifest)
    return files


def _entity_row(entity_id: str, names: str | Sequence[str] | None) -> list[str]:
    """[id, label, alias, ...]: the search page reads the names a query may use.

    The aliases let a query that names an entity (``Hanoi summit``, ``Trump-Kim
    summit in Vietnam``) rank its articles first and offer its filter.
    """
    if names is None:
        return [entity_id, entity_id]
    if isinstance(names, str):
        return [entity_id, names]
    return [entity_id, *dict.fromkeys(names)]


@dataclass(frozen=True)
class _FacetFiles:
    names: str  # facets.json
    members: str  # members.json
    entities: list[str]  # entity/N.json


def _facets(
    docs: Sequence[SearchDoc],
    entity_names: Mapping[str, str | Sequence[str]],
    tag_names: Mapping[str, str],
) -> tuple[_FacetFiles, dict[str, int], dict[str, int]]:
    count = len(docs)
    entity_ids = sorted({i for d in docs for i in d.entity_ids})
    tag_ids = sorted({i for d in docs for i in d.tag_ids})
    sources = sorted({d.source for d in docs if d.source})
    entity_number = {i: n for n, i in enumerate(entity_ids)}
    tag_number = {i: n for n, i in enumerate(tag_ids)}
    source_number = {s: n for n, s in enumerate(sources)}
    by_entity: list[list[int]] = [[] for _ in entity_ids]
    by_tag: list[list[int]] = [[] for _ in tag_ids]
    by_source: list[list[int]] = [[] for _ in sources]
    dates: list[list[Any]] = []
    for ref, d in enumerate(docs):
        for i in dict.fromkeys(d.entity_ids):
            by_entity[entity_number[i]].append(ref)
        for i in dict.fromkeys(d.tag_ids):
            by_tag[tag_number[i]].append(ref)
        if d.source:
            by_source[source_number[d.source]].append(ref)
        if dates and dates[-1][0] == d.date:
            dates[-1][1] += 1
        else:
            dates.append([d.date, 1])
    entity_sets = [docset(refs, count) for refs in by_entity]
    names = dumps(
        {
            "entities": [_entity_row(i, entity_names.get(i)) for i in entity_ids],
            "tags": [[i, tag_names.get(i, i)] for i in tag_ids],
            "sources": sources,
            "dates": dates,
            "source": [docset(refs, count) for refs in by_source],
        }
    )
    members = dumps({"entity": entity_sets, "tag": [docset(refs, count) for refs in by_tag]})
    files = _FacetFiles(names, members, [dumps(text) for text in entity_sets])
    return files, entity_number, tag_number


def write_shards(
    folder: Path,
    docs: Sequence[SearchDoc],
    entity_names: Mapping[str, str],
    tag_names: Mapping[str, str],
    single_docs: bool = False,
    processes: int = 1,
    prepared: PreparedPostings | None = None,
    nice: int = 0,
    kept: KeptEntries | None = None,
) -> dict[str, str]:
    """Write the sharded index of docs (in ``ordered`` order) under folder, replacing any earlier one.

    A file whose bytes are already there is left as it is (an edit changes few of the
    thousands of files, and creating a file costs more than reading one); files of an
    earlier index that this one lacks are removed.
    """
    files = shard_files(docs, entity_names, tag_names, single_docs, processes, prepared, nice, kept)
    families = {path.split("/", 1)[0] for path in files}
    for name in FOLDERS:
        if name not in families:  # doc/ of an index that had single docs
            shutil.rmtree(folder / name, ignore_errors=True)
            continue
        (folder / name).mkdir(parents=True, exist_ok=True)
        remove_others(
            folder / name, {p.split("/", 1)[1] for p in files if p.startswith(f"{name}/")}
        )
    for stale in ("index.json", "docs.json"):
        (folder / stale).unlink(missing_ok=True)
    for path, text in files.items():
        write_if_changed(folder / path, text.encode("utf-8"))  # written over in place
    return files
