"""Incremental builds: after any sequence of changes, the output is a cold build's, byte for byte.

A contributor edits, adds, deletes and renames articles, moves them in time and edits
the registries and pages; each incremental build (the ledger and content cache of the
last one kept) must write exactly what a cold build of the same content writes, while
rendering again only what changed.
"""

from __future__ import annotations

import logging
import pickle
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from inprocess import ROOT, build, disconnect_all, plugin, settings_for
from pelican import Pelican

from benchmarks.builds import edit_busiest_entity
from benchmarks.synthetic import generate
from newsarchive.content import frontmatter
from newsarchive.search import doccache
from newsarchive.site import datafiles, gzipped, workers

pytestmark = pytest.mark.build

ARTICLES = 40
STEPS = 7


def corpus(root: Path, seed: int) -> Path:
    """A small synthetic archive with the shipped registries, sources, synonyms and pages."""
    content = root / "content"
    generate(ROOT / "content", content, ARTICLES, seed=seed)
    for folder in ("sources", "synonyms", "pages"):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    for path in articles(content)[::3]:  # a phrase edit_alias makes an alias, and takes back
        path.write_text(path.read_text(encoding="utf-8") + f"\nThe {SUCCESSOR} spoke.\n")
    for path in articles(content)[1:4]:  # links to other articles, which Pelican resolves
        link_to(path, articles(content)[0])
    return content


def link_to(path: Path, target: Path) -> None:
    """Append a paragraph linking ``target`` by its file, as ``{filename}`` links are written."""
    where = target.relative_to(path.parents[2]).as_posix()  # content/articles/<year>/<file>
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + f"\n\nSee [an earlier story]({{filename}}/{where}).\n")


def tree(output: Path) -> dict[str, bytes]:
    """Every file of the output folder, the build's own records too, by path."""
    return {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }


def articles(content: Path) -> list[Path]:
    return sorted((content / "articles").rglob("*.md"))


def set_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^{name}: .*$", lambda _m: f"{name}: {value}", text, count=1)
    path.write_text(text, encoding="utf-8")


def edit_body(content: Path, rng: random.Random) -> None:
    path = rng.choice(articles(content))
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n\nA correction: Kim Jong Un spoke in Pyongyang.\n", encoding="utf-8")


def edit_title(content: Path, rng: random.Random) -> None:
    set_field(rng.choice(articles(content)), "title", f"A corrected headline {rng.randrange(999)}")


def move_date(content: Path, rng: random.Random) -> None:
    set_field(
        rng.choice(articles(content)),
        "date",
        f"20{rng.randint(17, 21)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
    )


def rename_slug(content: Path, rng: random.Random) -> None:
    set_field(rng.choice(articles(content)), "slug", f"renamed-{rng.randrange(10**6)}")


def add(content: Path, rng: random.Random) -> None:
    source = rng.choice(articles(content))
    number = rng.randrange(10**6)
    copy = source.with_name(f"added-{number}.md")
    shutil.copy(source, copy)
    set_field(copy, "slug", f"added-{number}")
    set_field(copy, "title", f"A new story {number}")
    set_field(copy, "origin", f"{{file: added, sha256: {number:064x}}}")
    edit = copy.read_text(encoding="utf-8").rstrip("\n") + f"\n\nNew paragraph {number}.\n"
    copy.write_text(edit, encoding="utf-8")


def delete(content: Path, rng: random.Random) -> None:
    """Delete an article, and the links to it (a link to no article fails the build)."""
    gone = rng.choice(articles(content))
    gone.unlink()
    for path in articles(content):
        text = path.read_text(encoding="utf-8")
        if gone.name in text:
            kept = [line for line in text.splitlines() if f"/{gone.name})" not in line]
            path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def link(content: Path, rng: random.Random) -> None:
    source, target = rng.sample(articles(content), 2)
    link_to(source, target)


def _edit_list(path: Path, field: str, pool: list[str], rng: random.Random) -> None:
    """Take one id off an article's list, or add one of ``pool`` it lacks."""
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"(?m)^{field}: \[(.*)\]$", text)
    items = [i.strip() for i in found.group(1).split(",") if i.strip()] if found else []
    if items and rng.random() < 0.5:
        items.pop(rng.randrange(len(items)))
    else:
        items.append(rng.choice([i for i in pool if i not in items]))
    line = f"{field}: [{', '.join(items)}]"
    text = (
        text.replace(found.group(0), line, 1)
        if found
        else text.replace("\n---\n", f"\n{line}\n---\n", 1)
    )
    path.write_text(text, encoding="utf-8")


def edit_entities(content: Path, rng: random.Random) -> None:
    ids = sorted(p.stem for p in (content / "entities").glob("*.yaml"))
    _edit_list(rng.choice(articles(content)), "entities", ids, rng)


def edit_tags(content: Path, rng: random.Random) -> None:
    ids = sorted(p.stem for p in (content / "tags").glob("*.yaml"))
    _edit_list(rng.choice(articles(content)), "tags", ids, rng)


def make_undated(content: Path, rng: random.Random) -> None:
    set_field(rng.choice(articles(content)), "date", "unknown")


def edit_entity(content: Path, rng: random.Random) -> None:
    """An entity's description or type: what its page, and chips, show."""
    path = rng.choice(sorted((content / "entities").glob("*.yaml")))
    text = path.read_text(encoding="utf-8")
    if rng.random() < 0.5:
        text = re.sub(r"(?m)^description: .*$", f"description: Revised {rng.randrange(99)}.", text)
    else:
        swap = {"person": "organisation", "organisation": "person"}
        text = re.sub(r"(?m)^type: (\w+)$", lambda m: f"type: {swap.get(m[1], m[1])}", text)
    path.write_text(text, encoding="utf-8")


SUCCESSOR = "Great Successor"  # in some articles' text (corpus), an alias at times


def edit_alias(content: Path, rng: random.Random) -> None:
    """A new alias no text holds; and the alias some texts hold, added or taken back."""
    path = content / "entities" / "kim-jong-un.yaml"
    text = path.read_text(encoding="utf-8")
    if f"{SUCCESSOR}, " in text:
        text = text.replace(f"{SUCCESSOR}, ", "", 1)
    else:
        text = text.replace("aliases: [", f"aliases: [{SUCCESSOR}, ", 1)
    path.write_text(text.replace("aliases: [", f"aliases: [Marshal Kim {rng.randrange(99)}, ", 1))


def edit_page(content: Path, rng: random.Random) -> None:
    path = content / "pages" / "about.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nRevised {rng.randrange(99)}.\n")


OPS: list[Callable[[Path, random.Random], None]] = [
    edit_body,
    edit_title,
    move_date,
    rename_slug,
    add,
    delete,
    edit_alias,
    edit_page,
    link,
    edit_entities,
    edit_tags,
    make_undated,
    edit_entity,
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_sequence_of_changes_builds_what_a_cold_build_writes(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    content = corpus(tmp_path, seed)
    output, cache = tmp_path / "output", tmp_path / "cache"
    warm: dict[str, object] = {"CACHE_PATH": str(cache)}
    if seed == 3:  # as at scale: search documents made and bodies searched in workers
        for plugin in ("ARCHIVE_SEARCH", "ARCHIVE_PAGES"):
            warm |= {f"{plugin}_PROCESSES": 2, f"{plugin}_MIN_JOBS": 0}
    build(content, output, **warm)
    done = []
    for step in range(STEPS):
        op = OPS[step] if seed == 1 else rng.choice(OPS)
        op(content, rng)
        done.append(op.__name__)
        build(content, output, **warm)
        cold = tmp_path / f"cold-{step}"
        build(
            content,
            cold,
            CACHE_PATH=str(tmp_path / f"cold-cache-{step}"),
            PARALLEL_WRITER_INCREMENTAL=False,
        )
        warm_tree, fresh = tree(output), tree(cold)
        assert sorted(warm_tree) == sorted(fresh), done
        assert [name for name in fresh if warm_tree[name] != fresh[name]] == [], done
        shutil.rmtree(cold)


def first_build(tmp_path: Path, seed: int) -> tuple[Path, Path, Callable[..., None]]:
    """A small archive built once; and how to build it again, incrementally, with settings."""
    content = corpus(tmp_path, seed)
    output, cache = tmp_path / "output", tmp_path / "cache"

    def again(**settings: object) -> None:
        build(content, output, CACHE_PATH=str(cache), **settings)

    again()
    return content, output, again


def times(paths: list[Path]) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in paths}


def slug_of(path: Path) -> str:
    return re.search(r"(?m)^slug: (.*)$", path.read_text(encoding="utf-8")).group(1)


def test_an_edit_rewrites_the_article_and_what_shows_it_and_keeps_the_rest(tmp_path: Path) -> None:
    content, output, again = first_build(tmp_path, 3)
    pages = sorted(output.rglob("index.html"))
    before = times(pages)
    edited = articles(content)[len(articles(content)) // 2]
    text = edited.read_text(encoding="utf-8").rstrip("\n")
    edited.write_text(text + "\n\nAn appended sentence.\n", encoding="utf-8")
    again()
    rewritten = [p for p in pages if p.stat().st_mtime_ns != before[p]]
    own = [p for p in rewritten if p.parent.name == slug_of(edited)]
    assert len(own) == 1 and "An appended sentence." in own[0].read_text(encoding="utf-8")
    # Its neighbours, related articles and listings may show it; most of the archive does not.
    assert len(rewritten) < len(pages) / 2, [p.relative_to(output).as_posix() for p in rewritten]


def test_a_new_title_rewrites_only_the_feeds_that_list_the_article(tmp_path: Path) -> None:
    content, output, again = first_build(tmp_path, 6)
    feeds = sorted(output.glob("entities/*/atom.xml"))
    before = times(feeds)
    edited = articles(content)[len(articles(content)) // 2]
    named = set(frontmatter.parse(edited.read_text(encoding="utf-8")).meta["entities"])
    set_field(edited, "title", "A corrected headline")
    again()
    rewritten = {p.parent.name for p in feeds if p.stat().st_mtime_ns != before[p]}
    assert rewritten and rewritten <= named, sorted(rewritten - named)
    for entity in rewritten:
        feed = (output / "entities" / entity / "atom.xml").read_text(encoding="utf-8")
        assert "A corrected headline" in feed, entity
    assert len(rewritten) < len(feeds)


def test_a_new_title_compresses_again_only_the_data_files_chunks_that_hold_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output, again = first_build(tmp_path, 6)
    set_field(articles(content)[len(articles(content)) // 2], "title", "A corrected headline")
    deflated: list[bytes] = []
    deflate = gzipped.deflate
    monkeypatch.setattr(gzipped, "deflate", lambda chunk: deflated.append(chunk) or deflate(chunk))
    again()
    # One chunk of articles.csv.gz and one of articles.json.gz; the entities' come kept.
    assert len(deflated) == 2 and all(b"A corrected headline" in c for c in deflated)
    table = datafiles.read_data_file(output / "data" / "articles.csv.gz")
    assert "A corrected headline" in table


def test_the_data_files_are_left_as_they_are_until_what_they_show_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output, again = first_build(tmp_path, 4)
    data = sorted((output / "data").iterdir())
    before = times(data)
    made: list[int] = []
    write_data_files = datafiles.write_data_files
    monkeypatch.setattr(
        datafiles, "write_data_files", lambda *a, **k: made.append(1) or write_data_files(*a, **k)
    )
    edited = articles(content)[len(articles(content)) // 2]
    text = edited.read_text(encoding="utf-8").rstrip("\n")
    edited.write_text(text + "\n\nAn appended sentence.\n", encoding="utf-8")
    again()  # a body is in no data file: they are not even made
    assert times(data) == before and made == []
    set_field(content / "entities" / "kim-jong-un.yaml", "description", "Edited for the data.")
    again()  # an entity's description is in entities.csv.gz and .json.gz
    assert made == [1]
    assert "Edited for the data." in datafiles.read_data_file(output / "data" / "entities.csv.gz")
    (output / "data" / "articles.json.gz").unlink()
    again()  # nothing changed, but a file is missing
    assert made == [1, 1]
    cold = tmp_path / "cold"
    build(content, cold, CACHE_PATH=str(tmp_path / "cold-cache"))
    assert tree(output / "data") == tree(cold / "data")


def test_an_article_linking_another_follows_its_new_address(tmp_path: Path) -> None:
    """A body's ``{filename}`` link shows another article's address: renaming that article
    or moving it in time renders the linking page again, as a cold build writes it."""
    content = corpus(tmp_path, 4)
    linking, linked = articles(content)[:2]
    target = linked.relative_to(content).as_posix()
    text = linking.read_text(encoding="utf-8").rstrip("\n")
    linking.write_text(text + f"\n\nSee [the other story]({{filename}}/{target}).\n")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(content, output, CACHE_PATH=str(cache))
    changes = (
        ("slug", "a-renamed-story", "/a-renamed-story/"),
        ("date", "2017-03-15", "/2017/03/"),
    )
    for step, (field, value, address) in enumerate(changes):
        set_field(linked, field, value)
        build(content, output, CACHE_PATH=str(cache))
        page = next(output.rglob(f"{slug_of(linking)}/index.html")).read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]*)">the other story</a>', page).group(1)
        assert address in link, link
        cold = tmp_path / f"cold-{step}"
        build(content, cold, CACHE_PATH=str(tmp_path / f"cold-cache-{step}"))
        assert tree(output) == tree(cold), field


def test_an_alias_edit_renders_again_only_the_pages_it_changes(tmp_path: Path) -> None:
    content, output, again = first_build(tmp_path, 5)
    story = articles(content)[0].with_name("the-successor.md")
    set_field(articles(content)[0], "slug", "first-story")
    text = articles(content)[0].read_text(encoding="utf-8")
    front = text[: text.index("\n---\n") + 5]
    story.write_text(front + "\nThe Great Successor toured a farm near the coast.\n")
    set_field(story, "slug", "the-successor")
    set_field(story, "entities", "[kim-jong-un]")
    set_field(story, "origin", "{file: added, sha256: " + "1" * 64 + "}")
    again()
    pages = sorted(output.rglob("index.html"))
    before = times(pages)
    [page] = [p for p in pages if p.parent.name == "the-successor"]
    assert "entity-link" not in page.read_text(encoding="utf-8")
    registry = content / "entities" / "kim-jong-un.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("aliases: [", "aliases: [Great Successor, ")
    )
    again()
    assert '<a class="entity-link"' in page.read_text(encoding="utf-8")
    rewritten = [
        p.relative_to(output).as_posix() for p in pages if p.stat().st_mtime_ns != before[p]
    ]
    # The article pages rendered again: those whose text holds the new alias, no other.
    slugs = {slug_of(path) for path in articles(content)}
    holding = {slug_of(p) for p in articles(content) if SUCCESSOR in p.read_text(encoding="utf-8")}
    assert "the-successor" in holding and len(holding) < len(slugs) / 2
    assert {Path(p).parent.name for p in rewritten if Path(p).parent.name in slugs} == holding
    entity_pages = [
        p for p in rewritten if p.startswith("entities/") and p != "entities/index.html"
    ]
    assert entity_pages and all(p.startswith("entities/kim-jong-un/") for p in entity_pages)


def test_a_cached_build_reads_again_only_the_articles_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = {"ARCHIVE_READER_PROCESSES": 2, "ARCHIVE_READER_PREFETCH_MIN": 0}
    content, output, again = first_build(tmp_path, 7)
    edited = articles(content)[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late correction.\n")
    read: list[str] = []
    fork_map = workers.fork_map

    def recording(function: Callable, items: list[str], count: int, *rest: int) -> object:
        if function.__name__ == "_read_one":  # not the index's workers
            read.extend(items)
        return fork_map(function, items, count, *rest)

    monkeypatch.setattr(workers, "fork_map", recording)
    again(**reading)
    assert read == [str(edited.resolve())]
    [page] = [p for p in output.rglob("index.html") if p.parent.name == slug_of(edited)]
    assert "A late correction." in page.read_text(encoding="utf-8")


def test_invoke_regenerate_shows_an_edit_made_between_its_runs(tmp_path: Path) -> None:
    """``pelican -r`` runs one Pelican again and again, initializing it once: each run
    stamps the files afresh, so the edit is read, not served from the last run's stamps."""
    content = corpus(tmp_path, 5)
    edited = articles(content)[2]
    disconnect_all()
    try:
        pelican = Pelican(settings_for(content, tmp_path / "output"))
        pelican.run()
        edited.write_text(edited.read_text(encoding="utf-8") + "\nA correction between runs.\n")
        pelican.run()
    finally:
        disconnect_all()
    [page] = [
        p for p in (tmp_path / "output").rglob("index.html") if p.parent.name == slug_of(edited)
    ]
    assert "A correction between runs." in page.read_text(encoding="utf-8")


def test_a_deleted_article_leaves_no_page_and_no_empty_folder(tmp_path: Path) -> None:
    content, output, again = first_build(tmp_path, 4)
    gone = articles(content)[-1]  # linked by no other article (corpus)
    [page] = [p for p in output.rglob("index.html") if p.parent.name == slug_of(gone)]
    gone.unlink()
    again()
    assert not page.exists() and not page.parent.exists()


def test_a_deleted_entity_leaves_no_feed_and_writes_what_a_cold_build_writes(
    tmp_path: Path,
) -> None:
    """An entity's feed is kept by the render ledger: when the entity leaves the registry
    (and its articles), its feed and folder go, as its pages do."""
    content, output, again = first_build(tmp_path, 8)
    named = frontmatter.parse(articles(content)[0].read_text(encoding="utf-8")).meta["entities"]
    gone = next(e for e in named if e != "north-korea")
    assert (output / "entities" / gone / "atom.xml").is_file()
    for path in articles(content):
        meta = frontmatter.parse(path.read_text(encoding="utf-8")).meta
        kept = [e for e in meta["entities"] if e != gone]
        set_field(path, "entities", "[" + ", ".join(kept) + "]")
    (content / "entities" / f"{gone}.yaml").unlink()
    again()
    assert not (output / "entities" / gone).exists()
    cold = tmp_path / "cold"
    build(content, cold, CACHE_PATH=str(tmp_path / "cold-cache"))
    assert tree(output) == tree(cold)


def test_invoke_rebuild_keeps_no_page(tmp_path: Path) -> None:
    _content, output, again = first_build(tmp_path, 5)
    pages = sorted(output.rglob("index.html"))
    before = times(pages)
    again(DELETE_OUTPUT_DIRECTORY=True)
    assert all(p.stat().st_mtime_ns != before[p] for p in pages)


def test_the_search_index_is_updated_in_place_and_goes_when_search_is_off(tmp_path: Path) -> None:
    content, output, again = first_build(tmp_path, 6)
    docs = sorted((output / "search" / "docs").iterdir())
    before = times(docs)
    edit_title(content, random.Random(6))
    again()
    # One article's row changed: the files of the other rows were left as they were.
    assert 0 < sum(p.stat().st_mtime_ns != before[p] for p in docs) < len(docs) / 2
    again(ARCHIVE_SEARCH_ENABLED=False)
    cold = tmp_path / "cold"
    build(content, cold, CACHE_PATH=str(tmp_path / "cold-cache"), ARCHIVE_SEARCH_ENABLED=False)
    assert not (output / "search").exists()
    assert tree(output) == tree(cold)


def test_search_documents_made_in_workers_are_those_made_in_order(tmp_path: Path) -> None:
    content = corpus(tmp_path, 8)
    builds = {}
    for name, settings in {
        "workers": {"ARCHIVE_SEARCH_PROCESSES": 2, "ARCHIVE_SEARCH_MIN_JOBS": 0},
        "in-order": {"ARCHIVE_SEARCH_PROCESSES": 1},
    }.items():
        output = tmp_path / name
        build(content, output, CACHE_PATH=str(tmp_path / f"{name}-cache"), **settings)
        builds[name] = tree(output / "search")
    assert builds["workers"] == builds["in-order"] and len(builds["workers"]) > 10


def test_an_alias_edit_leaves_the_index_cache_as_small_as_a_cold_build_does(
    tmp_path: Path,
) -> None:
    """Documents made again in the index's workers are kept once, not beside copies."""
    in_workers = {"ARCHIVE_SEARCH_PROCESSES": 2, "ARCHIVE_SEARCH_MIN_JOBS": 0}
    content, output, again = first_build(tmp_path, 10)
    entity, named = edit_busiest_entity(content)
    again(**in_workers)
    assert named > ARTICLES / 2
    build(content, tmp_path / "cold", CACHE_PATH=str(tmp_path / "cold-cache"), **in_workers)

    def kept_bytes(cache: Path) -> int:
        """The entries as the next build reads them, pickled as the cache pickles them."""
        [folder] = {p.parent for p in cache.rglob(doccache.FILE)}
        return len(pickle.dumps(dict(doccache.load_any(folder)[1])))

    cold = kept_bytes(tmp_path / "cold-cache")
    assert kept_bytes(tmp_path / "cache") <= cold * 1.05, entity
    assert tree(output / "search") == tree(tmp_path / "cold" / "search")


def test_the_index_cache_read_as_the_build_starts_serves_an_edit_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output, again = first_build(tmp_path, 9)
    cache = tmp_path / "cache"

    def edit_and_build(edits: int) -> tuple[int, int] | None:
        """How many of how many documents the preloaded index cache served, if it did."""
        for seed in range(edits):
            edit_body(content, random.Random(seed))
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="archive_search.archive_search"):
            again()
        cold = tmp_path / "cold"
        shutil.rmtree(cold, ignore_errors=True)
        build(content, cold, CACHE_PATH=str(tmp_path / "cold-cache"))
        assert tree(output / "search") == tree(cold / "search")
        assert (output / "search" / "index.html").read_bytes() == (
            cold / "search" / "index.html"
        ).read_bytes()
        served = re.search(r"(\d+) of (\d+) documents from the preloaded index cache", caplog.text)
        return None if served is None else (int(served[1]), int(served[2]))

    # The index's child read the cache before the articles were read: one document made again.
    assert edit_and_build(1) == (ARTICLES - 1, ARTICLES)
    # No cache to read: the index is made whole, by a child forked once the articles are read.
    for kept in cache.rglob(f"{doccache.FILE}*"):
        kept.unlink()
    assert edit_and_build(1) is None
    # Cached again, it serves the next edits (two articles: Pelican logs a message once).
    assert edit_and_build(2) == (ARTICLES - 2, ARTICLES)
    # A cache of other inputs (a topic's name spelt otherwise) is not served: the index
    # is made whole.
    topic = sorted((content / "tags").glob("*.yaml"))[0]
    name = re.search(r"(?m)^name: (.*)$", topic.read_text(encoding="utf-8"))[1]
    set_field(topic, "name", name.upper())
    assert edit_and_build(1) is None
    # Nor are more new articles than the handoff takes.
    monkeypatch.setattr(plugin("archive_search.archive_search"), "PRELOAD_MOST_NEW", 0)
    assert edit_and_build(3) is None


def test_a_build_that_fails_before_its_index_leaves_the_next_one_whole(tmp_path: Path) -> None:
    content, output, again = first_build(tmp_path, 10)
    broken = articles(content)[0]
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("title: ", "title: [unclosed ", 1), encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - whichever the strict build raises
        again()
    broken.write_text(text, encoding="utf-8")
    edit_body(content, random.Random(10))
    again()
    cold = tmp_path / "cold"
    build(content, cold, CACHE_PATH=str(tmp_path / "cold-cache"), PARALLEL_WRITER_INCREMENTAL=False)
    warm_tree, fresh = tree(output), tree(cold)
    assert sorted(warm_tree) == sorted(fresh)
    assert [name for name in fresh if warm_tree[name] != fresh[name]] == []


def test_without_fork_the_index_and_its_page_are_written_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = corpus(tmp_path, 12)
    forked = build(content, tmp_path / "forked", CACHE_PATH=str(tmp_path / "forked-cache"))
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    output, cache = tmp_path / "output", str(tmp_path / "cache")
    build(content, output, CACHE_PATH=cache)
    assert tree(output / "search") == tree(forked / "search")
    edit_body(content, random.Random(12))
    build(content, output, CACHE_PATH=cache)
    monkeypatch.undo()
    cold = build(content, tmp_path / "cold", CACHE_PATH=str(tmp_path / "cold-cache"))
    assert tree(output / "search") == tree(cold / "search")
