"""Related articles and co-mentioned entities: the right neighbours, found without pairing everything.

Two articles are related when they share two entities, or one entity and one topic."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter

import pytest

import newsarchive.site.related as related_module
from newsarchive.site.related import MAX_ENTITIES_PER_ARTICLE, co_mentions, related_articles

DAY = dt.date(2019, 1, 1)


def day(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


def filler(count: int, entities: tuple[str, ...] = ()) -> list[tuple[str, list[str], dt.date]]:
    """Articles that only make an archive big enough for document frequencies to mean something."""
    return [(f"filler-{i:04d}", [*entities, f"only-{i}"], day(400 + i)) for i in range(count)]


# --- co_mentions --------------------------------------------------------------------------


def test_co_mentions_counts_shared_articles_most_first_then_by_id() -> None:
    articles = [
        ["kim-jong-un", "moon-jae-in", "pyongyang"],
        ["kim-jong-un", "moon-jae-in"],
        ["kim-jong-un", "donald-trump"],
        ["kim-jong-un", "pyongyang"],
        ["seoul"],
    ]
    result = co_mentions(articles)
    assert result["kim-jong-un"] == [("moon-jae-in", 2), ("pyongyang", 2), ("donald-trump", 1)]
    assert result["pyongyang"] == [("kim-jong-un", 2), ("moon-jae-in", 1)]
    assert result["seoul"] == []
    assert list(result) == sorted(result)


def test_co_mentions_counts_an_entity_listed_twice_once_and_honours_top() -> None:
    result = co_mentions([["a", "b", "b", "a"], ["a", "c"], ["a", "d"]], top=2)
    assert result["a"] == [("b", 1), ("c", 1)]
    assert result["b"] == [("a", 1)]
    assert co_mentions([["a", "b"]], top=0) == {"a": [], "b": []}


def test_co_mentions_does_not_depend_on_article_or_list_order() -> None:
    rng = random.Random(3)
    articles = [rng.sample("abcdefgh", rng.randint(0, 5)) for _ in range(200)]
    shuffled = [rng.sample(ids, len(ids)) for ids in reversed(articles)]
    assert co_mentions(articles) == co_mentions(shuffled)


def test_co_mentions_uses_the_first_40_entities_of_an_article() -> None:
    names = [f"e{i:02d}" for i in range(MAX_ENTITIES_PER_ARTICLE + 10)]
    result = co_mentions([names])
    assert len(result) == MAX_ENTITIES_PER_ARTICLE
    assert len(result["e00"]) == 10 and f"e{MAX_ENTITIES_PER_ARTICLE}" not in result


def test_co_mentions_of_nothing() -> None:
    assert co_mentions([]) == {}
    assert co_mentions([[], []]) == {}


# --- related_articles: who is related ------------------------------------------------------


def test_one_shared_entity_alone_is_no_relation() -> None:
    items = [("a", ["pyongyang", "x"], day(0)), ("b", ["pyongyang", "y"], day(1)), *filler(10)]
    assert related_articles(items)["a"] == []


def test_two_shared_entities_relate() -> None:
    items = [("a", ["pyongyang", "x"], day(0)), ("b", ["pyongyang", "x"], day(1)), *filler(10)]
    assert related_articles(items)["a"] == ["b"]


def test_one_shared_entity_and_one_shared_topic_relate() -> None:
    items = [
        ("a", ["pyongyang", "x"], day(0), ["sport"]),
        ("same-topic", ["pyongyang", "y"], day(5), ["sport", "health"]),
        ("other-topic", ["pyongyang", "z"], day(1), ["economy"]),
        ("topic-only", ["w"], day(1), ["sport"]),
        *filler(10),
    ]
    assert related_articles(items)["a"] == ["same-topic"]


def test_a_shared_topic_adds_to_the_score_of_shared_entities() -> None:
    items = [
        ("a", ["x", "y"], day(0), ["sport"]),
        ("with-topic", ["x", "y"], day(20), ["sport"]),
        ("without", ["x", "y"], day(1), ["economy"]),
        *filler(10),
    ]
    assert related_articles(items)["a"] == ["with-topic", "without"]


def test_common_entities_count_less_than_rare_ones() -> None:
    """Sharing north-korea and kim-jong-un, which half the archive names, says less than
    sharing two names few articles hold, even when the former is closer in date."""
    common = ("north-korea", "kim-jong-un")
    items = [
        ("a", [*common, "kaesong", "ri-son-gwon"], day(0)),
        ("shares-common", list(common), day(1)),
        ("shares-rare", ["kaesong", "ri-son-gwon"], day(60)),
        *filler(30, common),
    ]
    assert related_articles(items)["a"][:2] == ["shares-rare", "shares-common"]


# --- related_articles: ranking ------------------------------------------------------------


def test_more_shared_entities_rank_higher() -> None:
    items = [
        ("a", ["x", "y", "z"], day(0)),
        ("two", ["x", "y"], day(50)),
        ("one", ["x"], day(1)),
        ("three", ["x", "y", "z", "w"], day(90)),
        *filler(20),
    ]
    assert related_articles(items)["a"] == ["three", "two"]


def test_a_rare_shared_entity_outweighs_a_common_one() -> None:
    items = [
        ("a", ["rare", "common", "x"], day(0)),
        ("shares-rare", ["rare", "x"], day(30)),
        ("shares-common", ["common", "x"], day(1)),  # closer in date, but the entity says less
        *filler(30, ("common",)),
    ]
    related = related_articles(items)["a"]
    assert related == ["shares-rare", "shares-common"]


def test_an_entity_in_every_article_still_relates_but_weighs_least() -> None:
    items = [
        ("a", ["everywhere", "x"], day(0)),
        ("b", ["everywhere", "y"], day(1), ["t"]),
        ("c", ["everywhere", "x"], day(9)),
        ("d", ["everywhere", "y"], day(2), ["t"]),
    ]
    related = related_articles(items)
    assert related["a"] == ["c"]
    assert related["b"] == ["d"]  # log(1 + N/df) never reaches 0


def test_equal_scores_go_to_the_closer_date_then_the_smaller_key() -> None:
    items = [
        ("a", ["x", "y"], day(10)),
        ("undated", ["x", "y"], None),
        ("far", ["x", "y"], day(40)),
        ("near-b", ["x", "y"], day(12)),
        ("near-a", ["x", "y"], day(8)),
        ("same-day", ["x", "y"], day(10)),
        *filler(10),
    ]
    assert related_articles(items, top=10)["a"] == [
        "same-day",
        "near-a",
        "near-b",
        "far",
        "undated",
    ]


def test_undated_articles_relate_and_are_ordered_by_key() -> None:
    both = ["x", "y"]
    items = [("u", both, None), ("b", both, day(3)), ("a", both, day(900)), ("v", both, None)]
    assert related_articles(items)["u"] == ["a", "b", "v"]


def test_an_article_is_never_its_own_relative() -> None:
    items = [("a", ["x", "y"], day(0)), ("b", ["x", "y"], day(0)), ("c", ["x", "y"], day(0))]
    for key, related in related_articles(items).items():
        assert key not in related


def test_articles_without_entities_relate_to_nothing() -> None:
    items = [
        ("a", [], day(0), ["t"]),
        ("b", ["x", "y"], day(1), ["t"]),
        ("c", ["x", "y"], day(2)),
        ("d", [], None, ["t"]),
    ]
    related = related_articles(items)
    assert related["a"] == related["d"] == []
    assert related["b"] == ["c"]
    assert related_articles([]) == {}


def test_top_limits_the_list() -> None:
    items = [(f"k{i}", ["x", "y"], day(i)) for i in range(10)]
    assert len(related_articles(items, top=3)["k0"]) == 3
    assert related_articles(items, top=0) == {key: [] for key, _, _ in items}


def test_entities_in_more_than_max_postings_articles_are_skipped() -> None:
    items = [
        ("a", ["north-korea", "x", "y"], day(0)),
        ("b", ["north-korea", "x"], day(0)),
        ("c", ["x", "y"], day(5)),
    ]
    items += [(f"n{i}", ["north-korea"], day(i)) for i in range(5)]
    assert related_articles(items, max_postings=5)["a"] == ["c"]
    assert related_articles(items, max_postings=5)["b"] == []  # shares x alone, once skipped
    assert related_articles(items, max_postings=100)["b"] == ["a"]


def test_through_a_common_entity_only_the_nearest_in_date_are_met() -> None:
    items = [(f"k{i:03d}", ["common", "c2"], day(i)) for i in range(100)]
    items.append(("far-but-sharing-more", ["common", "rare", "rare2"], day(5000)))
    items.append(("a", ["common", "c2", "rare", "rare2"], day(50)))
    windowed = related_articles(items, top=3, window=10)["a"]
    assert "far-but-sharing-more" in windowed  # met through the rare entities, outside the window
    assert windowed[1:] == ["k050", "k049"]
    exact = related_articles(items, top=3, window=1000)["a"]
    assert exact == windowed


def test_duplicate_keys_and_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="'a'"):
        related_articles([("a", ["x"], None), ("a", ["y"], None)])
    with pytest.raises(ValueError, match="top"):
        related_articles([], top=-1)
    with pytest.raises(ValueError, match="window"):
        related_articles([], window=0)


# --- related_articles: determinism and the reference ranking --------------------------------


def random_archive(
    seed: int, n: int = 120
) -> list[tuple[str, list[str], dt.date | None, list[str]]]:
    rng = random.Random(seed)
    entities = [f"e{i}" for i in range(12)]
    tags = [f"t{i}" for i in range(5)]
    return [
        (
            f"art-{rng.randrange(10**6):06d}-{i}",
            rng.sample(entities, rng.randint(0, 4)),
            None if rng.random() < 0.1 else day(rng.randrange(60)),
            rng.sample(tags, rng.randint(0, 2)),
        )
        for i in range(n)
    ]


def test_output_does_not_depend_on_input_order_and_follows_it() -> None:
    items = random_archive(1)
    shuffled = random.Random(2).sample(items, len(items))
    first, second = related_articles(items), related_articles(shuffled)
    assert first == second and list(second) == [item[0] for item in shuffled]
    assert related_articles(items) == first


def reference(items, top: int, max_postings: int) -> dict[str, list[str]]:
    """The ranking as specified, by brute force over every pair."""
    df = Counter(e for _, ids, _, _ in items for e in set(ids))
    tf = Counter(t for *_, tags in items for t in set(tags))
    n = len(items)
    weight = {e: round(1e6 * math.log(1 + n / c)) for e, c in df.items() if 1 < c <= max_postings}
    topic = {t: round(0.5 * 1e6 * math.log(1 + n / c)) for t, c in tf.items()}
    out = {}
    for key, ids, date, tags in items:
        ranked = []
        for other, other_ids, other_date, other_tags in items:
            entities = [e for e in set(ids) & set(other_ids) if e in weight]
            topics = set(tags) & set(other_tags)
            if other == key or not entities or (len(entities) < 2 and not topics):
                continue
            score = sum(weight[e] for e in entities) + sum(topic[t] for t in topics)
            gap = abs(date - other_date).days if date and other_date else math.inf
            ranked.append((-score, gap, other))
        out[key] = [other for _, _, other in sorted(ranked)[:top]]
    return out


def windowed_reference(items, top: int, max_postings: int, window: int) -> dict[str, list[str]]:
    """The ranking as specified, with each entity's window of nearest articles in date:
    article by article, entity by entity."""
    order = sorted(items, key=lambda i: (i[2] is None, i[2] or dt.date.min, i[0]))
    lists: dict[str, list[str]] = {}
    for key, ids, *_ in order:
        for e in list(dict.fromkeys(ids))[:MAX_ENTITIES_PER_ARTICLE]:
            lists.setdefault(e, []).append(key)
    tf = Counter(t for *_, tags in items for t in set(tags))
    n = len(items)
    weight = {e: round(1e6 * math.log(1 + n / len(k))) for e, k in lists.items()}
    topic = {t: round(0.5 * 1e6 * math.log(1 + n / c)) for t, c in tf.items()}
    info = {key: (date, set(tags)) for key, _, date, tags in items}
    out = {}
    for key, ids, date, tags in items:
        met: Counter[str] = Counter()
        score: Counter[str] = Counter()
        for e in list(dict.fromkeys(ids))[:MAX_ENTITIES_PER_ARTICLE]:
            keys = lists[e]
            if not 1 < len(keys) <= max_postings:
                continue
            width = min(len(keys), window + 1)
            start = min(max(0, keys.index(key) - window // 2), len(keys) - width)
            for other in keys[start : start + width]:
                met[other] += 1
                score[other] += weight[e]
        ranked = []
        for other, shared in met.items():
            topics = set(tags) & info[other][1]
            if other == key or (shared < 2 and not topics):
                continue
            other_date = info[other][0]
            gap = abs(date - other_date).days if date and other_date else math.inf
            ranked.append((-score[other] - sum(topic[t] for t in topics), gap, other))
        out[key] = [other for _, _, other in sorted(ranked)[:top]]
    return out


@pytest.mark.parametrize("seed", range(4))
def test_matches_the_windowed_ranking_taken_a_few_pairs_at_a_time(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small windows on common entities, and runs of few pairs (so an article's meetings
    fall near a run's end): the ranking is still the specified one."""
    items = random_archive(seed, n=300)
    expected = windowed_reference(items, 4, 200, 12)
    assert related_articles(items, top=4, max_postings=200, window=12) == expected
    monkeypatch.setattr(related_module._Index, "PAIRS_AT_ONCE", 50)
    assert related_articles(items, top=4, max_postings=200, window=12) == expected


@pytest.mark.parametrize("seed", range(6))
def test_matches_the_brute_force_ranking_when_nothing_is_cut(seed: int) -> None:
    items = random_archive(seed)
    assert related_articles(items, top=4, window=10**6) == reference(items, 4, 2000)
    assert related_articles(items, top=4, max_postings=30, window=10**6) == reference(items, 4, 30)


def test_a_modest_archive_relates_every_article_that_shares_something() -> None:
    """Not a timing test (see the scale check in the report): a sanity run at some size."""
    rng = random.Random(5)
    names = [f"e{i}" for i in range(60)]
    items = [(f"a{i:05d}", rng.sample(names, 8), day(rng.randrange(3000))) for i in range(3000)]
    related = related_articles(items)
    assert all(len(v) == 5 for v in related.values())
    assert all(k not in v and len(set(v)) == 5 for k, v in related.items())


def test_first_40_entities_of_an_article_are_used() -> None:
    many = [f"e{i:02d}" for i in range(50)]
    items = [("a", many, day(0)), ("b", ["e45", "e46"], day(0)), ("c", ["e01", "e02"], day(9))]
    assert related_articles(items)["a"] == ["c"]
