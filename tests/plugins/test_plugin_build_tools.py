"""parallel_writer, content_cache, npm_assets and output_guard in-process on the tiny corpus."""

from __future__ import annotations

import gc
import json
import os
import re
import sys
from pathlib import Path

import pytest
from inprocess import build, contents, files, plugin, read, start, tiny_corpus

from benchmarks.firstquery import references
from conftest import another_build_writing
from newsarchive.site import bodies, collector
from newsarchive.site.buildcheck import IncompleteBuild
from newsarchive.site.outputguard import OWN, OutputFolderError, hold, release
from newsarchive.site.sitesize import SiteSize, size_text

pytestmark = pytest.mark.build

FORKED = {
    "ARCHIVE_READER_PROCESSES": 2,
    "ARCHIVE_READER_PREFETCH_MIN": 1,
    "PARALLEL_WRITER_PROCESSES": 2,
    "PARALLEL_WRITER_MIN_JOBS": 1,
}
CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CHECK_MODIFIED_METHOD": "md5"}


def test_reading_and_rendering_on_two_cores_write_the_same_bytes(tmp_path: Path) -> None:
    content = tiny_corpus(tmp_path)
    serial = build(content, tmp_path / "serial")
    forked = build(content, tmp_path / "forked", **FORKED)
    assert files(forked) == files(serial)
    assert contents(forked) == contents(serial)


def test_the_cycle_collector_runs_rarely_during_a_build_and_as_before_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Set while the articles are in memory (seen when their bodies go to the body store),
    and the process's own setting again once the build is done."""
    seen: list[tuple[int, int, int]] = []
    open_store = bodies.open_store

    def watched(*args: object) -> object:
        seen.append(gc.get_threshold())
        return open_store(*args)

    monkeypatch.setattr(bodies, "open_store", watched)
    before = gc.get_threshold()
    gc.set_threshold(1234, 5, 6)
    try:
        build(tiny_corpus(tmp_path), tmp_path / "output")
        after = gc.get_threshold()
    finally:
        gc.set_threshold(*before)
    assert seen == [collector.THRESHOLDS]
    assert after == (1234, 5, 6)


def fingerprints(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if re.fullmatch(r"[0-9a-f]{16}", p.name))


def test_the_content_cache_is_kept_per_fingerprint_and_a_registry_change_starts_afresh(
    tmp_path: Path,
) -> None:
    content = tiny_corpus(tmp_path)
    cache = tmp_path / "cache"
    build(content, tmp_path / "one", CACHE_PATH=str(cache), **CACHED)
    [key] = fingerprints(cache)
    assert (cache / key / "ArticlesGenerator-Readers").is_file()
    build(content, tmp_path / "two", CACHE_PATH=str(cache), **CACHED)
    assert fingerprints(cache) == [key]
    (content / "entities" / "donald-trump.yaml").unlink()
    with pytest.raises(IncompleteBuild):  # two articles name an entity that no longer exists
        build(content, tmp_path / "three", CACHE_PATH=str(cache), **CACHED)
    assert key not in fingerprints(cache)


def test_npm_assets_are_copied_byte_for_byte(tmp_path: Path) -> None:
    modules = tmp_path / "node_modules"
    (modules / "lib").mkdir(parents=True)
    (modules / "lib" / "lib.min.js").write_bytes(b"/* v1 */\nvar x=1;\r\n")
    output = build(
        tiny_corpus(tmp_path),
        tmp_path / "output",
        NPM_ASSETS_DIR=str(modules),
        NPM_ASSETS_FILES={"lib/lib.min.js": "theme/vendor/lib.js"},
        NPM_ASSETS_BUNDLES=[],
    )
    assert (output / "theme" / "vendor" / "lib.js").read_bytes() == b"/* v1 */\nvar x=1;\r\n"


def test_a_missing_npm_asset_fails_the_build_saying_to_run_npm_ci(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    modules = tmp_path / "node_modules"
    with pytest.raises(IncompleteBuild):
        build(
            tiny_corpus(tmp_path),
            tmp_path / "output",
            NPM_ASSETS_DIR=str(modules),
            NPM_ASSETS_FILES={"lib/lib.min.js": "theme/vendor/lib.js"},
            NPM_ASSETS_BUNDLES=[],
        )
    assert capsys.readouterr().err.splitlines() == [
        f"build: copying the browser assets failed: MissingAssetError: {modules}/lib/lib.min.js: "
        "missing; run `npm ci` (invoke build does it when node_modules is absent)"
    ]


def test_the_search_scripts_are_bundled_into_one_file_each(tmp_path: Path) -> None:
    """No import left to fetch, lunr inside the worker's, the worker's export kept."""
    output = build(tiny_corpus(tmp_path), tmp_path / "output")
    search = output / "theme" / "js" / "search"
    for name in ("page.js", "worker.js"):
        assert references((search / name).read_text(encoding="utf-8")) == ([], []), name
    worker = (search / "worker.js").read_text(encoding="utf-8")
    assert 'version="2.3.9"' in worker and re.search(r"export\{[^}]*\bas serve\b", worker)
    assert not (output / "theme" / "vendor").exists()


def test_bundling_without_esbuild_or_its_entry_fails_the_build_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    modules = tmp_path / "node_modules"
    with pytest.raises(IncompleteBuild):
        build(tiny_corpus(tmp_path), tmp_path / "one", NPM_ASSETS_DIR=str(modules))
    assert capsys.readouterr().err.splitlines() == [
        f"build: bundling the browser scripts failed: MissingAssetError: {modules}/.bin/esbuild: "
        "missing; run `npm ci` (invoke build does it when node_modules is absent)"
    ]
    with pytest.raises(IncompleteBuild):
        build(tiny_corpus(tmp_path), tmp_path / "two", NPM_ASSETS_BUNDLES=["theme/js/no.js"])
    assert capsys.readouterr().err.splitlines() == [
        "build: bundling the browser scripts failed: MissingAssetError: theme/js/no.js: "
        f"named by NPM_ASSETS_BUNDLES, not in {tmp_path / 'two'}"
    ]


def test_the_manifest_lists_exactly_the_files_the_build_wrote(tmp_path: Path) -> None:
    output = build(tiny_corpus(tmp_path), tmp_path / "output")
    manifest = json.loads(read(output, ".newsarchive-manifest"))
    assert manifest["complete"] is True
    assert manifest["files"] == [f for f in files(output) if f not in OWN]


def test_a_folder_holding_a_strangers_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=r"refused as output folder: it holds 1 file"):
        build(tiny_corpus(tmp_path), output)
    assert files(output) == ["notes.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="no flock")
def test_a_folder_another_build_is_writing_is_refused_until_it_ends(tmp_path: Path) -> None:
    content = tiny_corpus(tmp_path)
    output = build(content, tmp_path / "output")
    before = contents(output)
    with another_build_writing(output):
        with pytest.raises(OutputFolderError, match=r"another build is writing this folder"):
            build(content, output)
        assert contents(output) == before
    build(content, output)  # that build ended: the folder is free, and free again after this
    build(content, output)
    assert contents(output) == before


def _children() -> set[int]:
    """This process's children, as the system lists them."""
    return {
        int(pid)
        for task in Path("/proc/self/task").iterdir()
        for pid in (task / "children").read_text().split()
    }


@pytest.mark.skipif(
    not Path(f"/proc/self/task/{os.getpid()}/children").exists(), reason="no /proc children"
)
def test_a_refused_build_leaves_no_child_waiting(tmp_path: Path) -> None:
    """``invoke regenerate`` builds again and again in one process: a build refused because
    another is writing the folder must not leave the search index's child (forked as a
    build starts, to read the index cache the last build kept) waiting for articles."""
    content = tiny_corpus(tmp_path)
    output = build(content, tmp_path / "output")  # keeps the index cache: the next one preloads
    with another_build_writing(output):
        before = _children()  # the other build's process
        with pytest.raises(OutputFolderError, match=r"another build is writing this folder"):
            build(content, output)
        assert _children() == before


def test_only_a_running_build_holds_its_folder(tmp_path: Path) -> None:
    """``pelican -r -l`` (invoke livereload) starts Pelican in a process that never builds
    and forks the one that does, again and again: a Pelican that is not building holds
    nothing, or its own builds would be refused."""
    content = tiny_corpus(tmp_path)
    output = build(content, tmp_path / "output")
    start(content, output)
    release(hold(output))  # a lock this process held would refuse it too (flock: per open)


def test_a_site_over_its_size_limit_fails_naming_its_biggest_parts(tmp_path: Path) -> None:
    content = tiny_corpus(tmp_path)
    output = build(content, tmp_path / "measured")
    published = SiteSize.of(output, files(output)).published
    hidden = sum((output / name).stat().st_size for name in OWN if (output / name).is_file())
    assert hidden > 0  # the build's own records: never counted
    with pytest.raises(IncompleteBuild) as failed:
        build(content, tmp_path / "output", OUTPUT_GUARD_SIZE_LIMIT=published - 1)
    message = str(failed.value)
    assert message.startswith(f"the site publishes {size_text(published)}, over the limit")
    (name, size), *_rest = SiteSize.of(output, files(output)).biggest()
    assert f"Its biggest parts: {name} {size_text(size)}, " in message
    # The site is written and listed all the same: the next build knows its files.
    assert json.loads(read(tmp_path / "output", ".newsarchive-manifest"))["complete"] is True


def test_a_site_near_its_size_limit_is_built_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = tiny_corpus(tmp_path)
    output = build(content, tmp_path / "measured")
    published = SiteSize.of(output, files(output)).published
    build(content, tmp_path / "roomy", OUTPUT_GUARD_SIZE_LIMIT=published * 2)
    assert "the site publishes" not in caplog.text
    build(content, tmp_path / "near", OUTPUT_GUARD_SIZE_LIMIT=published)
    assert f"the site publishes {size_text(published)}, near the limit" in caplog.text


def test_retained_entries_are_neither_refused_nor_removed(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "CNAME").write_text("archive.example.org\n", encoding="utf-8")
    build(tiny_corpus(tmp_path), output, OUTPUT_RETENTION=["CNAME"])
    build(tiny_corpus(tmp_path), output, OUTPUT_RETENTION=["CNAME"])
    assert read(output, "CNAME") == "archive.example.org\n"


def test_a_search_index_that_fails_in_its_process_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(plugin("archive_search").archive_search, "write_shards", broken)
    with pytest.raises(IncompleteBuild):
        build(tiny_corpus(tmp_path), tmp_path / "output")
    err = capfd.readouterr().err
    assert "writing the search index failed: OSError: disk full" in err
    assert "the process writing it failed" in err
