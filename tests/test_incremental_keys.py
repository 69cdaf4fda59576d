"""The render ledger's keys: what a kept page may depend on, and what changes its key."""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment, FileSystemLoader, meta

from newsarchive.content.registry.model import Entity
from newsarchive.site import incremental, memo, stamps
from newsarchive.site.incremental import KEYED_TEMPLATES, global_key, page_key

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "theme" / "templates"
# What Pelican's context holds of the whole site: a keyed page that read one of these would
# show what its key does not cover.
WHOLE_SITE = {"articles", "dates", "categories", "tags", "authors", "all_articles", "drafts"}
# What keyed pages may read of the archive view: the registries (in the global key) and
# the article's own linked body.
ARCHIVE_READS = {"linked_body", "entities", "tags"}
# What a list entry is rendered with (listings.EntryCache): its key's values.
ENTRY_VALUES = {"SITEURL", "item", "level", "form"}


def used_templates(env: Environment, name: str, seen: set[str]) -> set[str]:
    """``name`` and every template it includes, imports or extends, and the list entry."""
    if name in seen:
        return seen
    seen.add(name)
    source = env.loader.get_source(env, name)[0]
    for other in meta.find_referenced_templates(env.parse(source)):
        used_templates(env, other, seen)
    if "article_item(" in source:  # listings.EntryCache renders this one
        used_templates(env, "_article_item.html", seen)
    return seen


@pytest.mark.parametrize("template", sorted(KEYED_TEMPLATES))
def test_keyed_templates_read_nothing_of_the_whole_site(template: str) -> None:
    env = Environment(loader=FileSystemLoader(TEMPLATES))
    names = used_templates(env, f"{template}.html", set())
    for name in names:
        source = env.loader.get_source(env, name)[0]
        assert not meta.find_undeclared_variables(env.parse(source)) & WHOLE_SITE, name
        code = re.sub(r"{#.*?#}", "", source, flags=re.S).replace("/archive.css", "")
        assert set(re.findall(r"\barchive\.(\w+)", code)) <= ARCHIVE_READS, name


def test_a_list_entry_reads_only_what_its_cache_is_keyed_by() -> None:
    """``listings.EntryCache`` renders an entry with its key's values alone: a variable of
    the page's context read there would be empty in every list."""
    env = Environment(loader=FileSystemLoader(TEMPLATES))
    for name in used_templates(env, "_article_item.html", set()):
        source = env.loader.get_source(env, name)[0]
        assert meta.find_undeclared_variables(env.parse(source)) <= ENTRY_VALUES, name


def article(digest: str, **links: object) -> SimpleNamespace:
    return SimpleNamespace(
        **{"source_digest": digest, "older": None, "newer": None, "related": [], **links}
    )


def test_an_article_page_changes_with_its_neighbours_and_related_not_with_others() -> None:
    older, newer, other = article("o"), article("n"), article("x")
    own = article("a", older=older, newer=newer, related=[other])
    key = page_key("g", "2019/a/index.html", "article", {"article": own})
    assert key == page_key("g", "2019/a/index.html", "article", {"article": own})
    for changed in (
        article("a", older=article("o2"), newer=newer, related=[other]),
        article("a", older=older, newer=newer, related=[]),
        article("a2", older=older, newer=newer, related=[other]),
    ):
        assert page_key("g", "2019/a/index.html", "article", {"article": changed}) != key
    assert page_key("g2", "2019/a/index.html", "article", {"article": own}) != key
    # In a list, an article is its own file only: its neighbours are not shown there.
    listing = {"page": [older]}
    assert page_key("g", "e/index.html", "entity", listing) == page_key(
        "g", "e/index.html", "entity", {"page": [article("o", older=other)]}
    )


def test_an_article_is_keyed_by_its_chips_everywhere_and_by_its_links_on_its_own_page() -> None:
    def keys(**registry: str) -> tuple[str | None, str | None]:
        shown = article("a", **{"entity_view": "v", "link_digest": "l", **registry})
        return (
            page_key("g", "2019/a/index.html", "article", {"article": shown}),
            page_key("g", "e/index.html", "entity", {"page": [shown]}),
        )

    own, listed = keys()
    relinked = keys(link_digest="l2")
    assert relinked[0] != own and relinked[1] == listed  # a list shows no body
    assert all(a != b for a, b in zip(keys(entity_view="v2"), (own, listed), strict=True))


def test_a_value_the_key_cannot_hash_leaves_the_page_unkeyed() -> None:
    assert page_key("g", "t/index.html", "tag", {"tag": object()}) is None
    assert page_key("g", "index.html", "index", {}) is None  # the home page: every build


def test_settings_that_say_how_to_build_do_not_change_the_key(tmp_path: Path) -> None:
    (tmp_path / "content" / "entities").mkdir(parents=True)
    (tmp_path / "theme").mkdir()
    base = {"PATH": str(tmp_path / "content"), "THEME": str(tmp_path / "theme"), "SITENAME": "A"}
    key = global_key(base, {})
    how = {"PARALLEL_WRITER_PROCESSES": 2, "OUTPUT_PATH": "/elsewhere", "CACHE_CONTENT": True}
    assert global_key({**base, **how}, {}) == key
    assert global_key({**base, "SITENAME": "B"}, {}) != key
    (tmp_path / "content" / "entities" / "a.yaml").write_text("name: A\n")
    assert global_key(base, {}) == key  # entities are keyed where pages show them
    (tmp_path / "content" / "tags").mkdir()
    (tmp_path / "content" / "tags" / "a.yaml").write_text("name: A\n")
    assert global_key(base, {}) != key


def entity(**fields: object) -> Entity:
    base = {"id": "kim", "name": "Kim", "type": "person", "aliases": (), "description": ""}
    return Entity(**{**base, **fields})


def test_an_alias_changes_the_entity_page_not_the_pages_that_show_the_entity() -> None:
    before, after = entity(aliases=("Kim Jong Un",)), entity(aliases=("Kim Jong Un", "Marshal"))
    own = [
        page_key("g", "e/index.html", "entity", {"entity": e, "page": 1}) for e in (before, after)
    ]
    assert own[0] != own[1]
    shown = [
        page_key("g", "f/index.html", "entity", {"entity": entity(id="f"), "co_mentions": [(e, 3)]})
        for e in (before, after)
    ]
    assert shown[0] == shown[1]
    renamed = entity(name="Kim Jong-un")
    assert page_key("g", "f/index.html", "entity", {"co_mentions": [(renamed, 3)]}) != page_key(
        "g", "f/index.html", "entity", {"co_mentions": [(before, 3)]}
    )


def test_a_page_edited_by_hand_is_rendered_again(tmp_path: Path) -> None:
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>built</p>")
    incremental.write_ledger(tmp_path, {"a/index.html": ("k", incremental.file_digest(page))})
    assert not incremental.RenderLedger(tmp_path).wants("a/index.html", "k")
    page.write_text("<p>edited</p>")
    assert incremental.RenderLedger(tmp_path).wants("a/index.html", "k")
    assert incremental.RenderLedger(tmp_path, enabled=False).wants("a/index.html", "k")


def test_a_kept_page_is_read_again_only_once_its_file_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, cache = tmp_path / "output", tmp_path / "cache"
    cache.mkdir()
    page = output / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>built</p>")
    first = incremental.RenderLedger(output, cache=cache)
    assert first.wants("a/index.html", "k")  # no ledger yet: rendered (here, already written)
    first.finish()
    kept = cache / incremental.STAMPS
    assert memo.read_kept_map(kept, "1") == {}  # changed too lately to trust its times
    monkeypatch.setattr(stamps, "SETTLED_SECONDS", 0)
    time.sleep(0.01)
    second = incremental.RenderLedger(output, cache=cache)
    assert not second.wants("a/index.html", "k")  # kept, its bytes read
    second.finish()
    assert list(memo.read_kept_map(kept, "1")) == ["a/index.html"]
    read: list[Path] = []
    file_digest = incremental.file_digest

    def counting(path: Path) -> str | None:
        read.append(path)
        return file_digest(path)

    monkeypatch.setattr(incremental, "file_digest", counting)
    assert not incremental.RenderLedger(output, cache=cache).wants("a/index.html", "k")
    assert read == []  # its stamp is the same: not read
    page.write_text("<p>edits</p>")  # as long as it was: its times say it changed
    assert incremental.RenderLedger(output, cache=cache).wants("a/index.html", "k")
    assert read == [page]
