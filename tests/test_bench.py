"""`invoke bench` on tiny synthetic corpora: every figure present and sane, nothing timed.

A scale run on 30 articles and a search run on 40 (no ../shared needed): each
returns the figures the report prints, consistent with the files the build
wrote; the warm run edits exactly one article and the edit reaches its page;
the vanilla Pelican conversion builds without an error; a figure that cannot be
measured is reported as such, never as a pass. Speeds are never asserted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks import vanilla
from benchmarks.browser import chromium_executable
from benchmarks.builds import EDIT_SENTENCE
from benchmarks.keystrokes import QUERIES, keystroke_latency, summarise
from benchmarks.measure import BenchError
from benchmarks.report import report
from benchmarks.scale import bench_scale
from benchmarks.search import bench_search
from benchmarks.searchindex import FIRST_QUERY, SCALE_QUERIES, first_query, shipped_index
from benchmarks.synthetic import generate
from benchmarks.targets import (
    BUILD_PEAKS,
    INDEX_BUILD,
    KEYSTROKE,
    builds_peak,
    peak_shown,
    scale_targets,
)
from benchmarks.targets import FIRST_QUERY as FIRST_QUERY_TARGET
from newsarchive.content import frontmatter

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"
ARTICLES = 30
SEARCH_ARTICLES = 40


@pytest.fixture(scope="module")
def scale(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    scratch = tmp_path_factory.mktemp("scale")
    result = bench_scale(SHARED, CONTENT, sizes=(ARTICLES,), kcna=False, scratch=scratch)
    return scratch, result


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    scratch = tmp_path_factory.mktemp("search")
    result = bench_search(SHARED, CONTENT, articles=SEARCH_ARTICLES, browser=False, scratch=scratch)
    return scratch, result


def _positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _assert_first_query_measured(query: dict[str, Any], asked: str = FIRST_QUERY) -> None:
    """The first query's bytes are measured: code and index files, adding up, never None."""
    assert query["query"] == asked
    assert isinstance(query["gzip_bytes"], int), query.get("error")
    assert query["gzip_bytes"] == query["code_gzip_bytes"] + query["data_gzip_bytes"]
    assert query["gzip_bytes"] == sum(f["gzip"] for f in query["files"])
    files = [f["path"] for f in query["files"]]
    assert files[0] == "search/index.html"  # the page comes first, then its code
    # The manifest, inlined in the page, is fetched too, beside the index files, to check the
    # page is of the index served; a page of results reads articles' docs files.
    assert "search/manifest.json" in files
    assert any(f.startswith(("search/doc/", "search/docs/")) for f in files)
    assert any(f.endswith(".js") for f in files)
    # The page and its scripts alone are tens of KB; the index files a query needs add more.
    assert query["code_gzip_bytes"] > 5 * 1024 and query["data_gzip_bytes"] > 1024
    assert isinstance(query["results"], int) and query["results"] >= 0
    kinds = query["by_kind"]
    assert kinds["code"] == query["code_gzip_bytes"] and sum(kinds.values()) == query["gzip_bytes"]
    assert "heads" in kinds and {"doc", "docs"} & set(kinds)


def _assert_index_is_the_build_output(
    index: dict[str, Any], output: Path, articles: int, edited: bool = False
) -> None:
    """The index figures are the files the build wrote under search/, the page left out.

    ``edited``: a warm build rewrote the index since, one article a sentence longer.
    """
    page = output / "search" / "index.html"
    written = [p for p in (output / "search").rglob("*") if p.is_file() and p != page]
    assert index["articles"] == articles
    assert index["files"] == len(written)
    on_disk = sum(p.stat().st_size for p in written)
    assert abs(index["bytes"] - on_disk) <= (on_disk // 100 if edited else 0)
    assert 0 < index["gzip_bytes"] < index["bytes"]
    assert index["gzip_bytes_per_article"] == round(index["gzip_bytes"] / articles)
    assert {"manifest.json", "facets.json", "terms", "heads", "docs"} <= set(index["families"])
    for key in ("files", "bytes", "gzip_bytes"):
        assert sum(f[key] for f in index["families"].values()) == index[key]


# --- scale ------------------------------------------------------------------------------


def test_scale_returns_every_figure_with_sane_values(scale) -> None:
    scratch, result = scale
    (row,) = result["corpora"]
    assert "error" not in row, row.get("error")
    assert row["corpus"] == f"synthetic-{ARTICLES}"
    assert row["articles"] == row["articles_built"] == ARTICLES
    for key in (
        "cold_seconds",
        "cold_cpu_seconds",
        "cold_ratio",
        "warm_seconds",
        "add_seconds",
        "delete_seconds",
        "alias_seconds",
        "cold_again_seconds",
    ):
        assert _positive_number(row[key]), (key, row[key])
    # The added article got its page, the deleted one lost it, and after the four changes
    # the incremental output is what a cold build of the same content writes.
    assert row["add_in_output"] is True and row["delete_in_output"] is False
    assert row["alias_entity_articles"] > 1
    assert row["differing_from_cold"] == 0, row["differing_files"]
    assert [q["query"] for q in row["first_queries"]] == list(SCALE_QUERIES)
    for query in row["first_queries"]:
        _assert_first_query_measured(query, query["query"])
    assert isinstance(row["peak_rss_bytes"], int) and row["peak_rss_bytes"] > 20 * 2**20
    tree = row["peak_tree_rss_bytes"]
    assert tree is None or (isinstance(tree, int) and tree >= row["peak_rss_bytes"])
    for key, _build in BUILD_PEAKS:  # every build's largest process, each judged
        assert isinstance(row[key], int) and row[key] > 20 * 2**20, key
    # Per article: what Pages publishes, the publishing build's output, its hidden records
    # (manifest, ledger) left out; it adds canonical links, OpenGraph tags and a sitemap to
    # what `invoke build` writes.
    assert row["publish_articles_built"] == ARTICLES
    assert _positive_number(row["publish_seconds"])
    assert abs(row["output_bytes_per_article"] * ARTICLES - row["published_bytes"]) <= ARTICLES / 2
    assert row["output_bytes_per_article"] > 1000
    assert 0 < row["output_bytes"] - row["build_published_bytes"] < row["output_bytes"] / 2
    assert row["published_bytes"] > row["build_published_bytes"] + ARTICLES * 300
    assert not (scratch / row["corpus"] / "published").exists()  # measured, then removed

    plain = row["vanilla"]
    assert plain["articles_built"] == ARTICLES
    assert plain["log_errors"] == []
    assert _positive_number(plain["cold_seconds"])
    assert isinstance(plain["peak_rss_bytes"], int) and plain["peak_rss_bytes"] > 0

    assert row["index_build"]["docs"] == ARTICLES
    assert _positive_number(row["index_build"]["ms_per_article"])
    output = scratch / row["corpus"] / "output"
    _assert_index_is_the_build_output(row["search_index"], output, ARTICLES, edited=True)
    _assert_first_query_measured(row["first_query"])


def test_scale_judges_its_targets_and_prints_the_table(scale) -> None:
    _scratch, result = scale
    (row,) = result["corpora"]
    judged = {t["target"]: t for t in result["targets"]}
    # 30 articles are nowhere near 20,000: only the size-free targets are judged on them.
    assert set(judged) == {
        "cold build <= 0.6x vanilla Pelican",
        "incremental output byte-identical to a cold build after the changes",
        "published output <= 10 KB per article",
    }
    assert {t["result"] for t in judged.values()} <= {"PASS", "MISS"}
    assert (
        judged["published output <= 10 KB per article"]["measured"]
        == row["output_bytes_per_article"]
    )
    same = judged["incremental output byte-identical to a cold build after the changes"]
    assert same["result"] == "PASS" and same["shown"] == "identical"

    json.dumps(result)  # the figures go to a JSON file
    lines = report({"scale": result}).splitlines()
    (line,) = [s for s in lines if s.split()[:1] == [f"synthetic-{ARTICLES}"]]
    shown = line.split()
    assert shown[1] == str(ARTICLES) and shown[2] == str(row["cold_seconds"])
    assert shown[-2] == f"{row['search_index']['gzip_bytes_per_article']:,}"
    assert shown[-1] == f"{row['first_query']['gzip_bytes'] / 1024:,.0f}"
    assert sum(s.lstrip().startswith(("PASS ", "MISS ")) for s in lines) == 3


def test_an_unmeasured_first_query_is_never_a_pass(scale, tmp_path: Path) -> None:
    _scratch, result = scale
    (row,) = result["corpora"]
    failed = first_query(tmp_path, FIRST_QUERY)  # no site there
    assert failed["gzip_bytes"] is None and "first_query_bytes failed" in failed["error"]
    at_target = {**row, "articles": 20_000, "first_query": failed, "first_queries": [failed]}
    (target,) = [t for t in scale_targets([at_target]) if t["target"] == FIRST_QUERY_TARGET]
    assert target["result"] == "NOT MEASURED" and target["measured"] is None
    assert "first_query_bytes failed" in target["shown"]
    table = report({"scale": {**result, "corpora": [at_target], "targets": [target]}})
    assert "NOT MEASURED" in table and "PASS  first query" not in table


def test_warm_run_edits_exactly_one_article_and_reuses_the_cache(scale, tmp_path: Path) -> None:
    scratch, result = scale
    (row,) = result["corpora"]
    edited = scratch / f"synthetic-{ARTICLES}" / "content"
    fresh = tmp_path / "fresh"
    generate(CONTENT, fresh, ARTICLES)  # same seed: the corpus as it was before the edit
    changed = [
        path.relative_to(edited).as_posix()
        for path in sorted((edited / "articles").rglob("*.md"))
        if path.read_bytes() != (fresh / path.relative_to(edited)).read_bytes()
    ]
    # One article per warm build: a second only when code changed between two builds.
    assert changed == sorted(row["warm_edits"]) and row["warm_edited"] in changed
    assert len(changed) == row["warm_attempts"]
    for name in changed:
        before = (fresh / name).read_text(encoding="utf-8")
        after = (edited / name).read_text(encoding="utf-8")
        assert after == before.rstrip("\n") + "\n\n" + EDIT_SENTENCE + "\n"
    assert row["warm_edit_in_output"] is True
    # The cold build wrote a content cache and the warm build read the same one.
    assert row["warm_cache_reused"] is True


# --- search -----------------------------------------------------------------------------


def test_search_measures_the_sharded_index_the_build_wrote(search) -> None:
    scratch, result = search
    assert result["articles"] == SEARCH_ARTICLES
    build = result["index_build"]
    assert build["docs"] == SEARCH_ARTICLES and _positive_number(build["ms_per_article"])
    assert "write_shards" in build["method"]
    reference = result["lunr_reference"]
    assert reference["articles"] == SEARCH_ARTICLES and "not shipped" in reference["what"]
    assert _positive_number(result["site_build_seconds"])
    _assert_index_is_the_build_output(result["index"], scratch / "site", SEARCH_ARTICLES)
    _assert_first_query_measured(result["first_query"])
    # Index plus snippets of a ~500-word article: hundreds of bytes gzip, not tens of KB.
    assert 200 < result["index"]["gzip_bytes_per_article"] < 20_000


def test_search_report_prints_what_was_measured(search) -> None:
    _scratch, result = search
    judged = {t["target"]: t["result"] for t in result["targets"]}
    assert judged[INDEX_BUILD] in {"PASS", "MISS"}
    assert judged[KEYSTROKE] == "NOT MEASURED"  # run without a browser
    json.dumps(result)
    table = report({"search": result})
    assert f"the sharded index the site ships, {SEARCH_ARTICLES} synthetic articles" in table
    index = result["index"]
    assert f"{index['gzip_bytes_per_article']:,} bytes gzip/article" in table
    kib = result["first_query"]["gzip_bytes"] / 1024
    assert f"first query      '{FIRST_QUERY}': {kib:,.1f} KB" in table
    assert "reference" in table and "not shipped" in table
    assert "not measured: run without a browser" in table


def test_shipped_index_needs_a_sharded_index(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "index.json").write_text("{}", encoding="utf-8")
    with pytest.raises(BenchError, match="no sharded search index"):
        shipped_index(tmp_path)


def test_keystroke_summary_needs_two_keystrokes() -> None:
    records = [{"q": "k" * n, "ms": float(n), "frameMs": n + 10.0} for n in range(1, 21)]
    summary = summarise(records)
    assert summary["keystrokes"] == 20
    assert summary["keystroke_ms_median"] == 10.5 and summary["keystroke_frame_ms_median"] == 20.5
    assert summary["keystroke_ms_median"] < summary["keystroke_ms_p95"] <= 20
    assert summarise(records[:1])["keystroke_ms"].startswith("not measured")


@pytest.mark.browser
def test_every_keystroke_is_measured_from_outside_the_page(search) -> None:
    if chromium_executable() is None:
        pytest.skip("no Chromium (set NEWSARCHIVE_CHROMIUM)")
    scratch, _result = search
    figures = keystroke_latency(scratch / "site")
    assert figures.get("keystrokes") == sum(len(q) for q in QUERIES), figures
    for key in ("keystroke_ms", "keystroke_frame_ms"):
        assert _positive_number(figures[f"{key}_median"])
        assert figures[f"{key}_p95"] >= figures[f"{key}_median"]
    typed = {q[: n + 1] for q in QUERIES for n in range(len(q))}
    slowest = figures["slowest"]
    assert len(slowest) == 5 and {s["q"] for s in slowest} <= typed
    assert slowest[0]["ms"] >= figures["keystroke_ms_p95"]
    # Drawn no earlier than put in the page.
    assert figures["keystroke_frame_ms_median"] >= figures["keystroke_ms_median"]


# --- vanilla Pelican ---------------------------------------------------------------------


def test_vanilla_pelican_builds_every_converted_article(tmp_path: Path) -> None:
    content = tmp_path / "content"
    generate(CONTENT, content, 12)
    undated = content / "articles" / "undated"
    undated.mkdir(parents=True, exist_ok=True)
    (undated / "talks-what-next.md").write_text(
        frontmatter.dump(
            {
                "title": "Talks: what   next?",
                "date": "unknown",
                "slug": "talks-what-next",
                "author": "Kim Ji-won",
                "summary": "Envoys met again: no date was given.",
                "tags": ["diplomacy"],
            },
            "The envoys met again.\n\nNo date was given.\n",
        ),
        encoding="utf-8",
    )
    site = tmp_path / "vanilla"
    assert vanilla.convert(content, site) == 13
    converted = (site / "content" / "undated" / "talks-what-next.md").read_text(encoding="utf-8")
    assert converted.startswith(
        "Title: Talks: what next?\nDate: 1970-01-01\nSlug: talks-what-next\n"
    )
    assert "\nAuthor: Kim Ji-won\n" in converted
    settings = (site / vanilla.SETTINGS_FILE).read_text(encoding="utf-8")
    assert "\n# RELATIVE_URLS = True" in settings and "\nRELATIVE_URLS" not in settings

    output = tmp_path / "out"
    result = subprocess.run(
        [*vanilla.build_command(site, output), "--fatal", "errors"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert vanilla.processed_articles(log) == 13, log
    page = (output / "talks-what-next.html").read_text(encoding="utf-8")
    assert "Talks: what next?" in page
    assert "1970-01-01" in page
    assert len(list(output.glob("*.html"))) >= 13


def test_a_first_query_is_measured_whatever_the_size_of_the_inlined_manifest(
    built_site: Path, tmp_path: Path
) -> None:
    """At 100,000 articles the manifest the search page inlines is longer than a command
    line argument may be (128 KB on Linux): the helper reads it from its input."""
    from benchmarks.firstquery import first_query_bytes

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "search" / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="search-manifest">') + len(
        '<script type="application/json" id="search-manifest">'
    )
    end = html.index("</script>", start)
    manifest = json.loads(html[start:end])
    manifest["padding"] = "x" * 200_000  # a key the worker does not read
    page.write_text(html[:start] + json.dumps(manifest) + html[end:], encoding="utf-8")
    measured = first_query_bytes(site, FIRST_QUERY)
    assert measured["results"] > 0 and measured["total_gzip"] > 0


@pytest.mark.build
def test_sigterm_ends_a_process_forked_during_a_bench_run_at_once() -> None:
    """A pool (ingest's) ends its workers with SIGTERM: the bench's handler, inherited by
    them, must not unwind them instead (one that did mid-way left the pool locked)."""
    import multiprocessing
    import signal

    from benchmarks.measure import terminate_as_interrupt

    with terminate_as_interrupt():
        child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
        child.start()
        time.sleep(0.2)  # asleep, as an idle pool worker waits
        child.terminate()
        child.join(20)
        assert child.exitcode == -signal.SIGTERM
        with pytest.raises(KeyboardInterrupt):  # the bench itself still unwinds
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)


def test_the_peak_judged_is_the_largest_of_any_build() -> None:
    """An incremental build holds what it keeps beside what it makes: it can peak above the
    cold build, and then its peak is the one judged and named."""
    mib = 2**20
    row = {"peak_rss_bytes": 900 * mib, "peak_tree_rss_bytes": 1500 * mib}
    assert builds_peak(row) == (900 * mib, "cold build")
    row.update(warm_peak_rss_bytes=950 * mib, alias_peak_rss_bytes=1100 * mib)
    assert builds_peak(row) == (1100 * mib, "alias edit")
    assert peak_shown(row) == (
        "1,100 MiB, the alias edit (cold build 900 MiB); "
        "cold build's every process summed: 1,500 MiB"
    )
