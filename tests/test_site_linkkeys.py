"""Each article's entities and links as its pages' keys hold them (newsarchive.site.linkkeys)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from newsarchive.content.matching import EntityMatcher
from newsarchive.content.registry.model import Entity
from newsarchive.site import linkkeys, workers
from newsarchive.site.linking import link_first_mentions

BODIES = {
    "a": "<p>Kim Jong Un met the Great Successor&#x27;s envoys in Pyongyang.</p>",
    "b": "<p>Talks in <em>Pyongyang</em> went on.</p>",
    "c": "<p>Nothing of note.</p>",
}


def entity(entity_id: str, name: str, *aliases: str) -> Entity:
    return Entity(entity_id, name, "person", tuple(aliases), "")


def registry(*kim_aliases: str) -> dict[str, Entity]:
    return {
        "kim": entity("kim", "Kim Jong Un", *kim_aliases),
        "pyongyang": entity("pyongyang", "Pyongyang"),
    }


def articles() -> list[SimpleNamespace]:
    return [
        SimpleNamespace(source_digest=k, _content=body, entity_ids=["kim", "pyongyang"])
        for k, body in BODIES.items()
    ]


def stamped(entities: dict[str, Entity], cache: Path | None = None, **jobs: int) -> dict:
    items = articles()
    linkkeys.stamp(items, entities, EntityMatcher(entities), cache, "code", linkkeys.Jobs(**jobs))
    return {a.source_digest: (a.entity_view, a.link_digest) for a in items}


def test_an_alias_changes_the_links_of_the_articles_whose_text_holds_it() -> None:
    before = stamped(registry())
    held = stamped(registry("Great Successor"))
    assert held["a"][1] != before["a"][1]  # its text holds the alias
    assert held["b"][1] == before["b"][1] and held["c"] == before["c"]
    assert stamped(registry("Dear Respected")) == before  # no text holds it
    # What the digest stands for: the links the body gets.
    links = [
        link_first_mentions(BODIES["a"], EntityMatcher(r), str, only=["kim"])
        for r in (registry(), registry("Great Successor"))
    ]
    assert links[0] == links[1]  # Kim Jong Un came first in both: one link


def test_a_name_changes_the_chips_of_the_articles_that_name_the_entity() -> None:
    before = stamped(registry())
    renamed = {**registry(), "kim": entity("kim", "Kim Jong-un")}
    after = stamped(renamed)
    assert all(after[k][0] != before[k][0] for k in BODIES)


def test_bodies_are_searched_again_only_when_new(tmp_path: Path, monkeypatch) -> None:
    searched: list[str] = []
    keys_in = EntityMatcher.keys_in

    def counting(self: EntityMatcher, text: str) -> frozenset[str]:
        searched.append(text)
        return keys_in(self, text)

    monkeypatch.setattr(EntityMatcher, "keys_in", counting)
    first = stamped(registry(), tmp_path)
    assert len(searched) >= len(BODIES)
    searched.clear()
    assert stamped(registry(), tmp_path) == first and searched == []  # kept
    assert stamped(registry("Dear Respected"), tmp_path) == first  # a new key ...
    assert len(searched) >= len(BODIES)  # ... every body searched again


@pytest.mark.skipif(not workers.can_fork(), reason="this platform cannot fork")
@pytest.mark.build
def test_bodies_searched_in_workers_give_what_one_process_gives() -> None:
    for entities in (registry(), registry("Great Successor")):
        assert stamped(entities, processes=2, min_jobs=0) == stamped(entities)
