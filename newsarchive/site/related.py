"""Links across the archive: entities mentioned together, and articles about the same things.

Two articles are related when they share more than one passing name: at least two
entities (``MIN_SHARED_ENTITIES``), or one entity and one topic (tag). One shared
entity alone (two stories that both name Pyongyang) is no relation. Among related
articles the score is the sum, over the entities they share, of the entity's inverse
document frequency log(1 + N / df), plus half that of each topic they share
(``TOPIC_WEIGHT``: a topic is broader than a name): sharing a rare entity counts for
far more than sharing north-korea or kim-jong-un, which half the archive names.

Both work from an inverted index (entity -> articles), so the cost follows the number
of mentions, not the number of article pairs: an archive of 50,000 articles is a
few seconds, not hours.

Limits keep that true whatever the data:

* At most ``MAX_ENTITIES_PER_ARTICLE`` (40) distinct entities of an article are used,
  the first 40 as listed. An article with k entities costs O(k²) in co_mentions, and
  a list of hundreds of names (a roll of delegates) says little about any one.
* related_articles skips entities mentioned in more than ``max_postings`` articles:
  pairing every article about north-korea with every other is the quadratic case,
  and sharing such an entity says almost nothing anyway.
* Skipping alone is not enough: 200 entities in 1,500 articles each still make
  hundreds of millions of pairs. So through an entity in more than ``window``
  articles, an article meets only the ``window`` of them nearest in date. Each
  article then costs at most 40 x ``window`` steps; pass ``window >= max_postings``
  for the exact (and quadratic) ranking.

related_articles ranks the meetings with numpy, a bounded run of articles at a time
(``_Index.PAIRS_AT_ONCE`` pairs): one (article, article) pair per meeting, summed,
kept by the module's rule and sorted. A loop in Python over the same pairs took six
times as long on 20,000 articles naming about 20 entities each (7 s against 1.1 s),
and an addition or a deletion ranks every article again.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations

import numpy as np

MAX_ENTITIES_PER_ARTICLE = 40
#: Entities two articles must share to be related (one is enough with a shared topic).
MIN_SHARED_ENTITIES = 2
#: A shared topic weighs this share of an entity of the same document frequency.
TOPIC_WEIGHT = 0.5
_WEIGHT_SCALE = 1_000_000  # idf weights as integers: sums are exact, ties are real ties
_NO_DATE_GAP = 10**9  # an undated article is farther in time than any dated one

# (article key, entity ids, date or None), optionally followed by the article's tag ids.
Item = (
    tuple[str, Sequence[str], dt.date | None]
    | tuple[str, Sequence[str], dt.date | None, Sequence[str]]
)


def co_mentions(
    article_entities: Iterable[Sequence[str]], top: int = 10
) -> dict[str, list[tuple[str, int]]]:
    """For each entity, the entities most often mentioned in the same articles.

    Each list holds (entity id, number of articles mentioning both), most shared
    first, then by id; an entity never mentioned with another has an empty list.
    Keys are in id order. Duplicates within an article count once.
    """
    if top < 0:
        raise ValueError(f"top must not be negative, got {top}")
    pairs: Counter[tuple[str, str]] = Counter()
    seen: set[str] = set()
    for ids in article_entities:
        distinct = sorted(_capped(ids))
        seen.update(distinct)
        pairs.update(combinations(distinct, 2))
    partners: defaultdict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), count in pairs.items():
        partners[a].append((b, count))
        partners[b].append((a, count))
    return {
        entity: heapq.nsmallest(top, partners[entity], key=lambda pair: (-pair[1], pair[0]))
        for entity in sorted(seen)
    }


def related_articles(
    items: Sequence[Item], top: int = 5, max_postings: int = 2000, window: int = 100
) -> dict[str, list[str]]:
    """For each article key, up to ``top`` other articles about the same things, best first.

    ``items`` are (article key, entity ids, date or None), optionally with the
    article's tag ids as a fourth element. Two articles are related when they share
    at least two entities, or one entity and one tag (the module's rule); they score
    the sum, over the entities they share, of the entity's inverse document frequency
    log(1 + N / df), plus ``TOPIC_WEIGHT`` times that of each tag they share: sharing a
    rare entity counts for more than sharing a common one. Equal scores go to the
    article closer in date (undated ones last), then to the smaller key. An article
    related to none gets []. Without tags, two shared entities are needed.

    Two bounds keep this linear (see the module doc): entities in more than
    ``max_postings`` articles are left out entirely, and through an entity in more
    than ``window`` articles an article meets only the ``window`` of them nearest
    in date, so a common entity links stories of the same weeks, not every story
    that ever named China.

    The result is in the order of ``items`` and does not depend on that order.
    """
    if top < 0 or window < 1:
        raise ValueError(f"need top >= 0 and window >= 1, got top={top}, window={window}")
    keys = [item[0] for item in items]
    if len(set(keys)) != len(keys):
        duplicate = next(key for key, count in Counter(keys).items() if count > 1)
        raise ValueError(f"article keys must be unique, {duplicate!r} appears more than once")
    index = _Index(items)
    related: dict[str, list[str]] = {key: [] for key in index.keys}
    if top:
        meetings = index.meetings(max_postings, window)
        for rank, others in index.best(meetings, top):
            related[index.keys[rank]] = [index.keys[other] for other in others]
    return {key: related[key] for key in keys}


def _capped(ids: Sequence[str]) -> list[str]:
    """The distinct ids in their first-listed order, at most MAX_ENTITIES_PER_ARTICLE."""
    return list(dict.fromkeys(ids))[:MAX_ENTITIES_PER_ARTICLE]


class _Meetings:
    """Every (article, entity) mention through which the article meets others: the
    article, where the ``width`` articles it meets start in ``met`` (each weighted
    entity's list of articles, end to end) and the entity's weight; sorted by article,
    so the meetings of a run of articles are a slice."""

    def __init__(
        self,
        article: np.ndarray,
        first: np.ndarray,
        width: np.ndarray,
        weight: np.ndarray,
        met: np.ndarray,
    ) -> None:
        order = np.argsort(article, kind="stable")
        self.article, self.first = article[order], first[order]
        self.width, self.weight = width[order], weight[order]
        self.met = met
        self.ends = np.cumsum(self.width)

    def runs(self, pairs: int) -> Iterator[slice]:
        """Slices of the meetings of whole articles, each meeting about ``pairs`` others:
        the pairs of one slice are ranked together, so memory stays bounded."""
        start, count = 0, len(self.article)
        while start < count:
            done = self.ends[start - 1] if start else 0
            stop = int(np.searchsorted(self.ends, done + pairs, side="right"))
            stop = max(stop, start + 1)
            if stop < count:  # an article's meetings are never split between slices
                stop = int(np.searchsorted(self.article, self.article[stop - 1], side="right"))
            yield slice(start, stop)
            start = stop

    def pairs(self, run: slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(article, other, weight) for each article met in ``run``, itself included."""
        width = self.width[run]
        total = int(width.sum())
        offsets = np.arange(total) - np.repeat(np.cumsum(width) - width, width)
        other = self.met[np.repeat(self.first[run], width) + offsets]
        return np.repeat(self.article[run], width), other, np.repeat(self.weight[run], width)


class _Index:
    """The articles numbered 0..N-1 in date order (undated last, then by key), and
    for each entity the numbers of the articles mentioning it, ascending: so the
    articles nearest in date to one are its neighbours in every list it is on."""

    #: Pairs of articles ranked at once: about 60 MB of arrays, whatever the archive's size.
    PAIRS_AT_ONCE = 1 << 20

    def __init__(self, items: Sequence[Item]) -> None:
        ordered = sorted(
            items, key=lambda item: (_day(item[2]) is None, _day(item[2]) or 0, item[0])
        )
        self.keys = [item[0] for item in ordered]
        days = [_day(item[2]) for item in ordered]
        self.dated = np.array([d is not None for d in days], dtype=bool)
        self.days = np.array([d or 0 for d in days], dtype=np.int64)
        by_key = sorted(range(len(self.keys)), key=self.keys.__getitem__)
        self.key_rank = np.empty(len(self.keys), dtype=np.int64)
        self.key_rank[by_key] = np.arange(len(self.keys))
        self.postings: defaultdict[str, list[int]] = defaultdict(list)
        for article, item in enumerate(ordered):
            for entity in _capped(item[1]):
                self.postings[entity].append(article)
        self.topics = _Topics([item[3] if len(item) > 3 else () for item in ordered])

    def weights(self, max_postings: int) -> dict[str, int]:
        """The idf weight of every entity that can relate two articles."""
        n = len(self.keys)
        return {
            entity: round(_WEIGHT_SCALE * math.log(1 + n / len(articles)))
            for entity, articles in self.postings.items()
            if 1 < len(articles) <= max_postings
        }

    def meetings(self, max_postings: int, window: int) -> _Meetings:
        """Through each weighted entity, an article meets the ``window`` articles nearest
        it in date on the entity's list (all of them on a short list), and itself."""
        parts: list[tuple[np.ndarray, ...]] = []
        met: list[np.ndarray] = []
        offset = 0
        for entity, weight in self.weights(max_postings).items():
            articles = np.array(self.postings[entity], dtype=np.int64)
            count = len(articles)
            width = min(count, window + 1)
            places = np.arange(count)
            first = np.clip(places - window // 2, 0, count - width)
            parts.append((articles, first + offset, np.full(count, width), np.full(count, weight)))
            met.append(articles)
            offset += count
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return _Meetings(empty, empty, empty, empty, empty)
        article, first, width, weight = (
            np.concatenate(column) for column in zip(*parts, strict=True)
        )
        return _Meetings(article, first, width, weight, np.concatenate(met))

    def best(self, meetings: _Meetings, top: int) -> Iterator[tuple[int, list[int]]]:
        """Each related article's ``top`` best-scoring others: highest score first, equal
        scores by date gap, then by key."""
        for run in meetings.runs(self.PAIRS_AT_ONCE):
            article, other, score, shared = _summed(*meetings.pairs(run), len(self.keys))
            topic_score, any_topic = self.topics.shared(article, other)
            keep = (shared >= MIN_SHARED_ENTITIES) | any_topic
            if not keep.any():
                continue
            article, other, score = _contenders(
                article[keep], other[keep], score[keep] + topic_score[keep], top
            )
            gap = np.where(
                self.dated[article] & self.dated[other],
                np.abs(self.days[article] - self.days[other]),
                _NO_DATE_GAP,
            )
            order = np.lexsort((self.key_rank[other], gap, -score, article))
            article, other = article[order], other[order]
            starts, ends = _runs(article)
            for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
                yield int(article[start]), other[start : min(end, start + top)].tolist()


class _Topics:
    """Each article's topics (tags) as a row of bits, and each topic's weight: ``TOPIC_WEIGHT``
    times the idf an entity as common would have."""

    def __init__(self, tags: Sequence[Sequence[str]]) -> None:
        distinct = [frozenset(t) for t in tags]
        counts = Counter(tag for own in distinct for tag in own)
        n = len(distinct)
        number = {tag: i for i, tag in enumerate(sorted(counts))}
        weight = [round(TOPIC_WEIGHT * _WEIGHT_SCALE * math.log(1 + n / counts[t])) for t in number]
        bits = np.zeros((n, (len(number) + 7) // 8), dtype=np.uint8)
        for article, own in enumerate(distinct):
            for tag in own:
                bits[article, number[tag] >> 3] |= 1 << (number[tag] & 7)
        self.bytes = [np.ascontiguousarray(bits[:, i]) for i in range(bits.shape[1])]
        # each byte's 256 values: the summed weight of the topics whose bits it sets
        weights = np.zeros(8 * len(self.bytes), dtype=np.int64)
        weights[: len(weight)] = weight
        values = np.arange(256)
        self.sums = [
            sum(((values >> b) & 1) * weights[8 * i + b] for b in range(8))
            for i in range(len(self.bytes))
        ]

    def shared(self, article: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The summed weight of the topics each (article, other) pair shares, and whether it
        shares any."""
        score = np.zeros(len(article), dtype=np.int64)
        found = np.zeros(len(article), dtype=bool)
        for column, sums in zip(self.bytes, self.sums, strict=True):
            both = column[article] & column[other]
            score += sums[both]
            found |= both != 0
        return score, found


def _contenders(
    article: np.ndarray, other: np.ndarray, score: np.ndarray, top: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs that can be among an article's ``top``: those scoring at least its
    ``top``-th best score (the ties with it are ranked by date next)."""
    most = int(score.max())
    order = np.argsort(article * (most + 1) + (most - score))
    article, other, score = article[order], other[order], score[order]
    starts, ends = _runs(article)
    cutoff = score[np.minimum(starts + top, ends) - 1]
    keep = score >= np.repeat(cutoff, ends - starts)
    return article[keep], other[keep], score[keep]


def _summed(
    article: np.ndarray, other: np.ndarray, weight: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each distinct (article, other) pair, the sum of the weights it met through and how
    many entities that was; an article meeting itself is dropped."""
    pair = article * n + other
    if not len(pair):
        return pair, pair, pair, pair
    order = np.argsort(pair, kind="stable")  # runs of ascending windows: merged, not sorted
    pair, weight = pair[order], weight[order]
    starts, ends = _runs(pair)
    score = np.add.reduceat(weight, starts)
    shared = ends - starts
    article, other = pair[starts] // n, pair[starts] % n
    apart = article != other
    return article[apart], other[apart], score[apart], shared[apart]


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal values of a sorted, non-empty array starts and ends."""
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    return starts, np.r_[starts[1:], len(values)]


def _day(date: dt.date | None) -> int | None:
    """A date (or datetime) as a day number, so dates and datetimes compare."""
    return None if date is None else date.toordinal()
