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
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

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
    weights = index.weights(max_postings)
    related = {
        index.keys[rank]: [index.keys[other] for other in index.best(rank, weights, top, window)]
        for rank in range(len(keys))
    }
    return {key: related[key] for key in keys}


def _capped(ids: Sequence[str]) -> list[str]:
    """The distinct ids in their first-listed order, at most MAX_ENTITIES_PER_ARTICLE."""
    return list(dict.fromkeys(ids))[:MAX_ENTITIES_PER_ARTICLE]


class _Index:
    """The articles numbered 0..N-1 in date order (undated last, then by key), and
    for each entity the numbers of the articles mentioning it, ascending: so the
    articles nearest in date to one are its neighbours in every list it is on."""

    def __init__(self, items: Sequence[Item]) -> None:
        ordered = sorted(
            items, key=lambda item: (_day(item[2]) is None, _day(item[2]) or 0, item[0])
        )
        self.keys = [item[0] for item in ordered]
        self.days = [_day(item[2]) for item in ordered]
        self.entities = [_capped(item[1]) for item in ordered]
        self.tags = [frozenset(item[3]) if len(item) > 3 else frozenset() for item in ordered]
        self.postings: defaultdict[str, list[int]] = defaultdict(list)
        for article, ids in enumerate(self.entities):
            for entity in ids:
                self.postings[entity].append(article)
        self.tag_weights = self._tag_weights()

    def _tag_weights(self) -> dict[str, int]:
        """Each tag's weight: TOPIC_WEIGHT times the idf an entity as common would have."""
        counts = Counter(tag for tags in self.tags for tag in tags)
        n = len(self.keys)
        return {
            tag: round(TOPIC_WEIGHT * _WEIGHT_SCALE * math.log(1 + n / df))
            for tag, df in counts.items()
        }

    def weights(self, max_postings: int) -> dict[str, int]:
        """The idf weight of every entity that can relate two articles."""
        n = len(self.keys)
        return {
            entity: round(_WEIGHT_SCALE * math.log(1 + n / len(articles)))
            for entity, articles in self.postings.items()
            if 1 < len(articles) <= max_postings
        }

    def scores(self, article: int, weights: dict[str, int], window: int) -> dict[int, int]:
        """Every other article related to this one (the module's rule), with its score.

        Candidates are met through weighted entities, counting the entities each shares;
        the tags of those that share one entity only are then compared.
        """
        scores: dict[int, int] = {}
        shared: dict[int, int] = {}
        get, count = scores.get, shared.get
        for entity in self.entities[article]:
            weight = weights.get(entity)
            if weight is None:
                continue
            for other in _around(self.postings[entity], article, window):
                scores[other] = get(other, 0) + weight
                shared[other] = count(other, 0) + 1
        scores.pop(article, None)
        tags = self.tags[article]
        related: dict[int, int] = {}
        for other, score in scores.items():
            topics = tags & self.tags[other] if tags else frozenset()
            if shared[other] >= MIN_SHARED_ENTITIES or topics:
                related[other] = score + sum(self.tag_weights[tag] for tag in topics)
        return related

    def best(self, article: int, weights: dict[str, int], top: int, window: int) -> list[int]:
        """The ``top`` best-scoring other articles, equal scores by date gap then key."""
        scores = self.scores(article, weights, window) if top else {}
        if len(scores) <= top:
            return sorted(
                scores, key=lambda other: (-scores[other], *self.distance(article, other))
            )
        cutoff = sorted(scores.values(), reverse=True)[top - 1]
        above = [other for other, score in scores.items() if score > cutoff]
        tied = [other for other, score in scores.items() if score == cutoff]
        above.sort(key=lambda other: (-scores[other], *self.distance(article, other)))
        return above + self.nearest(article, tied, top - len(above))

    def distance(self, article: int, other: int) -> tuple[int, str]:
        """How far ``other`` is from ``article`` for breaking ties: days apart, then key."""
        day, other_day = self.days[article], self.days[other]
        gap = _NO_DATE_GAP if day is None or other_day is None else abs(other_day - day)
        return gap, self.keys[other]

    def nearest(self, article: int, others: list[int], count: int) -> list[int]:
        """The ``count`` of ``others`` nearest to ``article`` by distance().

        Often hundreds tie on score (all sharing one entity), and few are wanted.
        Article numbers run in date order, so the nearest in date lie on either
        side of ``article``: walk outwards from it, collect ``count`` and whatever
        is as near as the last of them, and fully order only those.
        """
        others = sorted(others)
        right = bisect_left(others, article)
        left = right - 1
        picked: list[int] = []
        reach = -1
        while left >= 0 or right < len(others):
            before = self.distance(article, others[left])[0] if left >= 0 else math.inf
            after = self.distance(article, others[right])[0] if right < len(others) else math.inf
            gap = min(before, after)
            if len(picked) >= count and gap > reach:
                break
            if before <= after:
                picked.append(others[left])
                left -= 1
            else:
                picked.append(others[right])
                right += 1
            reach = gap
        picked.sort(key=lambda other: self.distance(article, other))
        return picked[:count]


def _day(date: dt.date | None) -> int | None:
    """A date (or datetime) as a day number, so dates and datetimes compare."""
    return None if date is None else date.toordinal()


def _around(articles: list[int], article: int, window: int) -> list[int]:
    """``article`` and ``window`` of its neighbours in the sorted list ``articles``, half on
    each side when there are enough: the articles nearest in date."""
    if len(articles) <= window + 1:
        return articles
    position = bisect_left(articles, article)
    start = min(max(0, position - window // 2), len(articles) - window - 1)
    return articles[start : start + window + 1]
