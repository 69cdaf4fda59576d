"""Pelican's content cache never serves what the reader would now refuse or render differently.

The publishing build caches what the reader made of each file, keyed by the file's
MD5. The content_cache plugin also keys the cache folder by the code and the
registries' ids: an entity removed from the registry must fail the next cached build
of an article that still names it, as it fails a cold build, while a new alias keeps
the cache.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_invoke

SITEURL = "https://example.github.io/archive"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    for kind in ("entities", "tags", "pages"):
        shutil.copytree(ROOT / "content" / kind, folder / kind)
    article = folder / "articles" / "2019" / "talks.md"
    article.parent.mkdir(parents=True)
    article.write_text(
        "---\ntitle: Talks\ndate: 2019-02-27\nslug: talks\nentities: [kim-jong-un, donald-trump]\n"
        "---\n\nKim Jong Un met Donald Trump in Hanoi.\n",
        encoding="utf-8",
    )
    other = folder / "articles" / "2019" / "summit.md"
    other.write_text(
        "---\ntitle: Summit\ndate: 2019-02-28\nslug: summit\nentities: [kim-jong-un]\n"
        "---\n\nKim Jong Un left Hanoi.\n",
        encoding="utf-8",
    )
    return folder


def preview(content: Path, cache: Path, output: Path):
    return run_invoke(
        "preview",
        "--content",
        str(content),
        "--output",
        str(output),
        env={"SITEURL": SITEURL, "PELICAN_EXTRA": f"--cache-path {cache}"},
    )


def fingerprints(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if re.fullmatch(r"[0-9a-f]{16}", p.name))


def test_cached_article_keeps_the_readers_fields(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = preview(content, cache, tmp_path / "one")
    assert first.returncode == 0, first.stdout + first.stderr
    [key] = fingerprints(cache)
    assert (cache / key / "ArticlesGenerator-Readers").is_file()
    second = preview(content, cache, tmp_path / "two")
    assert second.returncode == 0, second.stdout + second.stderr
    page = (tmp_path / "two" / "2019" / "02" / "talks" / "index.html").read_text("utf-8")
    # entity_ids from the reader, through the cache: the chips and the linked mention.
    assert 'href="../../../entities/donald-trump/"' in page
    assert (tmp_path / "two" / "entities" / "kim-jong-un" / "index.html").read_text("utf-8").count(
        "Talks"
    ) >= 1
    assert fingerprints(cache) == [key]


def test_a_build_loads_the_templates_the_last_one_compiled(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert preview(content, cache, tmp_path / "one").returncode == 0
    [key] = fingerprints(cache)
    compiled = {p.name: p.stat().st_mtime_ns for p in (cache / key / "templates").iterdir()}
    assert len(compiled) >= 10  # base, article, entity, tag, list entries…
    assert preview(content, cache, tmp_path / "two").returncode == 0
    again = {p.name: p.stat().st_mtime_ns for p in (cache / key / "templates").iterdir()}
    assert again == compiled  # loaded, none compiled and written again
    assert (tmp_path / "two" / "2019" / "02" / "talks" / "index.html").read_bytes() == (
        tmp_path / "one" / "2019" / "02" / "talks" / "index.html"
    ).read_bytes()


def test_compiled_templates_follow_the_environments_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jinja's own cache checks a template's source alone: an environment with other
    options (``JINJA_ENVIRONMENT`` changed, the same cache folder) would get code compiled
    for the first one."""
    from jinja2 import Environment, FileSystemLoader

    from plugins.content_cache.content_cache import CompiledTemplates

    (tmp_path / "page.html").write_text("{% if shown %}\nshown\n{% endif %}\n", "utf-8")
    cache = CompiledTemplates(str(tmp_path))

    def render(**options: bool) -> str:
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache, **options)
        return env.get_template("page.html").render(shown=True)

    assert render(trim_blocks=True) == "shown\n"
    assert render(trim_blocks=False) == "\nshown\n"
    assert render(trim_blocks=True, autoescape=True) == "shown\n"
    monkeypatch.setattr(Environment, "compile", None)  # the kept code serves, uncompiled
    assert render(trim_blocks=True, autoescape=True) == "shown\n"


def test_a_registry_change_is_seen_through_the_cache(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert preview(content, cache, tmp_path / "one").returncode == 0
    [before] = fingerprints(cache)
    (content / "entities" / "donald-trump.yaml").unlink()
    result = preview(content, cache, tmp_path / "two")
    assert result.returncode != 0
    assert "unknown entity 'donald-trump'" in result.stderr
    assert before not in fingerprints(cache)  # the stale cache is gone, not left to grow


class _Cacher:
    """Stands in for a Pelican generator: ``_get_file_stamp`` hashes a file under ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.hashed: list[str] = []

    def _get_file_stamp(self, filename: str) -> bytes:
        self.hashed.append(filename)
        return hashlib.md5((Path(self.path) / filename).read_bytes()).digest()


def test_a_file_is_hashed_once_a_build_and_an_edit_is_seen_by_the_next(tmp_path: Path) -> None:
    """The stamp a build first takes is the one it keeps: a file edited during a build is
    cached under its earlier stamp, so the next build finds it changed and reads it again."""
    from plugins.content_cache.content_cache import forget_stamps, stamp_regular_files_only

    article = tmp_path / "talks.md"
    article.write_text("first\n", encoding="utf-8")
    cacher = _Cacher(tmp_path)
    stamp_regular_files_only(cacher)
    readers = _Cacher(tmp_path)  # Pelican's readers ask by absolute path
    stamp_regular_files_only(readers)
    forget_stamps(None)
    first = cacher._get_file_stamp("talks.md")
    assert cacher._get_file_stamp("talks.md") == first
    assert readers._get_file_stamp(str(article)) == first
    assert cacher.hashed == ["talks.md"] and readers.hashed == []

    article.write_text("edited, longer\n", encoding="utf-8")
    assert cacher._get_file_stamp("talks.md") == first
    assert readers._get_file_stamp(str(article)) == first

    forget_stamps(None)  # the next build (`invoke regenerate`) hashes again
    edited = readers._get_file_stamp(str(article))
    assert edited != first and edited == hashlib.md5(b"edited, longer\n").digest()
    assert cacher._get_file_stamp("talks.md") == edited
    assert cacher.hashed == ["talks.md"] and readers.hashed == [str(article)]


class _Lister:
    """A generator's folder listing, by Pelican's own ``get_files``; each walk counted."""

    def __init__(self, path: Path) -> None:
        from types import SimpleNamespace

        from pelican.settings import DEFAULT_CONFIG

        self.path = str(path)
        self.settings = dict(DEFAULT_CONFIG)
        self.readers = SimpleNamespace(extensions=["md"])
        self.walks = 0

    def get_files(self, paths: Any, exclude: Any = None, extensions: Any = None) -> set[str]:
        from pelican.generators import Generator

        self.walks += 1
        return Generator.get_files(self, paths, exclude=exclude, extensions=extensions)

    def _include_path(self, path: str, extensions: Any = None) -> bool:
        from pelican.generators import Generator

        return Generator._include_path(self, path, extensions)


def test_a_build_lists_a_folder_once_and_the_next_build_lists_it_afresh(tmp_path: Path) -> None:
    """Pelican, archive_reader and strict_build list the articles' folder with the same
    question: one walk answers them all, each with a set of its own; a generator of the
    next build (``invoke regenerate``) sees an article added since."""
    from plugins.content_cache.content_cache import list_files_once

    articles = tmp_path / "articles"
    (articles / "2019").mkdir(parents=True)
    (articles / "2019" / "talks.md").write_text("talks\n", encoding="utf-8")
    (articles / "2019" / "notes.txt").write_text("notes\n", encoding="utf-8")
    (articles / "drafts").mkdir()
    (articles / "drafts" / "draft.md").write_text("draft\n", encoding="utf-8")
    generator = _Lister(tmp_path)
    list_files_once(generator)
    list_files_once(generator)  # connected once per generator, however often called

    first = generator.get_files(["articles"], exclude=["articles/drafts"])
    assert first == {"articles/2019/talks.md"}
    first.add("mine")  # a caller's own set
    assert generator.get_files("articles", exclude=["articles/drafts"]) == {
        "articles/2019/talks.md"
    }
    assert generator.walks == 1
    assert generator.get_files(["articles"]) == {
        "articles/2019/talks.md",
        "articles/drafts/draft.md",
    }
    assert generator.get_files(["articles"], extensions=False) == {
        "articles/2019/talks.md",
        "articles/2019/notes.txt",
        "articles/drafts/draft.md",
    }
    assert generator.walks == 3
    assert generator.get_files(["articles"], extensions=[]) == set()  # no reader disabled
    assert generator.walks == 3

    (articles / "2019" / "summit.md").write_text("summit\n", encoding="utf-8")
    assert generator.get_files(["articles"], exclude=["articles/drafts"]) == {
        "articles/2019/talks.md"
    }
    following = _Lister(tmp_path)
    list_files_once(following)
    assert following.get_files(["articles"], exclude=["articles/drafts"]) == {
        "articles/2019/talks.md",
        "articles/2019/summit.md",
    }


def _readers(cache: Path, *, load: bool = True):
    """Pelican's own readers cache over ``cache``, as a caching generator's build opens it,
    with this plugin's handler connected as ``generator_init`` connects it."""
    from types import SimpleNamespace

    from pelican.readers import Readers
    from pelican.settings import DEFAULT_CONFIG

    from plugins.content_cache.content_cache import keep_readers_cache_as_changes

    settings = {
        **DEFAULT_CONFIG,
        "CACHE_PATH": str(cache),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": load,
        "CHECK_MODIFIED_METHOD": "md5",
    }
    readers = Readers(settings, "ArticlesGenerator-Readers")
    keep_readers_cache_as_changes(SimpleNamespace(readers=readers, settings=settings))
    return readers


def test_pelicans_readers_cache_is_saved_as_its_changes(tmp_path: Path) -> None:
    """An edit adds its entry beside the cache file, which is not rewritten whole; the next
    build reads both; a build that ignores the cache writes it whole again."""
    cache = tmp_path / "cache"
    entries = {f"/content/{n}.md": (b"stamp%d" % n, ("<p>body</p>", {"n": n})) for n in range(200)}
    first = _readers(cache)
    first._cache.update(entries)
    first.save_cache()
    whole = cache / "ArticlesGenerator-Readers"
    written = whole.read_bytes()

    second = _readers(cache)
    assert second._cache == entries
    second._cache["/content/7.md"] = (b"edited", ("<p>edited</p>", {"n": 7}))
    second.save_cache()
    assert whole.read_bytes() == written
    assert whole.with_name(f"{whole.name}.changes").is_file()

    third = _readers(cache)
    assert third._cache == {**entries, "/content/7.md": (b"edited", ("<p>edited</p>", {"n": 7}))}
    third.save_cache()

    rebuilt = _readers(cache, load=False)  # `invoke rebuild`: the cache ignored, then rewritten
    assert rebuilt._cache == {}
    rebuilt._cache.update(entries)
    rebuilt.save_cache()
    assert not whole.with_name(f"{whole.name}.changes").exists()
    assert _readers(cache)._cache == entries


def test_many_changes_write_pelicans_readers_cache_whole(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    entries = {f"/content/{n}.md": (b"stamp", ("<p>body</p>", {"n": n})) for n in range(200)}
    first = _readers(cache)
    first._cache.update(entries)
    first.save_cache()
    second = _readers(cache)
    edited = {name: (b"new", data) for name, (_, data) in entries.items()}
    second._cache.update(edited)
    second.save_cache()
    assert not (cache / "ArticlesGenerator-Readers.changes").exists()
    assert _readers(cache)._cache == edited


def test_article_bodies_are_kept_apart_from_the_readers_cache(
    content: Path, tmp_path: Path
) -> None:
    """The readers cache names each body's place (it loads without them); a body that is
    gone from its file is read again from the article, not shown empty."""
    cache = tmp_path / "cache"
    assert preview(content, cache, tmp_path / "one").returncode == 0
    [key] = fingerprints(cache)
    readers = (cache / key / "ArticlesGenerator-Readers").read_bytes()
    kept = (cache / key / "article-bodies.0").read_bytes()
    assert b"Donald Trump in Hanoi" not in readers
    assert b"Donald Trump in Hanoi" in kept
    (cache / key / "article-bodies.0").unlink()
    again = preview(content, cache, tmp_path / "two")
    assert again.returncode == 0, again.stdout + again.stderr
    page = (tmp_path / "two" / "2019" / "02" / "talks" / "index.html").read_text("utf-8")
    assert "in Hanoi." in page
    assert page == (tmp_path / "one" / "2019" / "02" / "talks" / "index.html").read_text("utf-8")


def test_a_body_pelican_reads_as_it_makes_the_article_stays_in_the_cache(
    content: Path, tmp_path: Path
) -> None:
    """Pelican reads a body's images (their alt texts) and {static} links as it makes the
    article, after its readers cache: such a body stays in that cache, read as before."""
    talks = content / "articles" / "2019" / "talks.md"
    talks.write_text(
        talks.read_text("utf-8") + "\n![Map of Hanoi](https://example.github.io/map.png)\n",
        "utf-8",
    )
    cache = tmp_path / "cache"
    for name in ("one", "two"):
        built = preview(content, cache, tmp_path / name)
        assert built.returncode == 0, built.stdout + built.stderr
    [key] = fingerprints(cache)
    readers = (cache / key / "ArticlesGenerator-Readers").read_bytes()
    assert b"Map of Hanoi" in readers  # this body is held whole
    assert b"Kim Jong Un left Hanoi" not in readers  # the other is kept apart
    page = (tmp_path / "two" / "2019" / "02" / "talks" / "index.html").read_text("utf-8")
    assert "Map of Hanoi" in page
    assert page == (tmp_path / "one" / "2019" / "02" / "talks" / "index.html").read_text("utf-8")


def test_bodies_stay_in_the_cache_when_pelican_or_a_plugin_changes_them_as_made() -> None:
    """Typogrify rewrites a body after Pelican's cache, and a ``content_object_init``
    receiver sees each article as it is made: a kept body would reach either empty."""
    from pelican import signals

    from plugins.content_cache.content_cache import _made_untouched

    assert _made_untouched({"TYPOGRIFY": False})
    assert not _made_untouched({"TYPOGRIFY": True})

    def receiver(_content: object) -> None:
        pass

    signals.content_object_init.connect(receiver)
    try:
        assert not _made_untouched({"TYPOGRIFY": False})
    finally:
        signals.content_object_init.disconnect(receiver)
    assert _made_untouched({"TYPOGRIFY": False})


def test_a_kept_body_is_no_entry_for_a_build_that_keeps_none(tmp_path: Path) -> None:
    """Typogrify turned on after a build that kept bodies apart: its cached entries name
    kept bodies, and the articles are read again rather than made of an empty string."""
    from types import SimpleNamespace

    from newsarchive.site.bodies import StoredBody
    from plugins.content_cache.content_cache import _keep_bodies_apart

    cached = {"a.md": (StoredBody(0, 0, 10), {"title": "A"}), "b.md": ("<p>B</p>", {})}
    readers = SimpleNamespace(
        cache_data=cached.__setitem__,
        get_cached_data=lambda name, default=None: cached.get(name, default),
    )
    assert _keep_bodies_apart(readers, tmp_path, fresh=False, apart=False) is None
    assert readers.get_cached_data("a.md", (None, None)) == (None, None)
    assert readers.get_cached_data("b.md", (None, None)) == ("<p>B</p>", {})
    readers.cache_data("a.md", ("<p>A</p>", {"title": "A"}))
    assert cached["a.md"] == ("<p>A</p>", {"title": "A"})  # held whole, as read
    assert not list(tmp_path.iterdir())
