"""`invoke bench --only scale`: our build against vanilla Pelican, corpus by corpus, 1k to 100k articles.

Rules: each corpus (the ingested KCNA stories, synthetic archives of the sizes
asked for) is built cold, by vanilla Pelican in the same run (so ratios compare
like with like on a noisy shared machine), by the publishing build (what GitHub
Pages publishes, whose size is measured), then built incrementally after each of
four changes (one article edited, one added, that one deleted, an alias of the
busiest entity edited), and the output those left is compared, file by file, with
a cold build of the same content; a failed build fails its own row, never the run;
each row is logged as it completes, so a stopped run keeps what it measured; every
corpus lives in its own scratch folder, removed when its row is done.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import vanilla
from benchmarks.builds import (
    EDIT_SENTENCE,
    add_one_article,
    build_site,
    cache_fingerprints,
    differing_files,
    edit_busiest_entity,
    edit_one_article,
    publish_site,
    tree_size,
)
from benchmarks.ingest import kcna_content
from benchmarks.measure import (
    BenchError,
    ChildRun,
    log_errors,
    run_measured,
    terminate_as_interrupt,
)
from benchmarks.searchindex import (
    FIRST_QUERY,
    SCALE_QUERIES,
    first_query,
    index_build,
    index_inputs,
    shipped_index,
)
from benchmarks.synthetic import generate
from benchmarks.targets import scale_targets

SCALE_SIZES = (1000, 5000, 20000, 100000)
# The content cache starts afresh when the code changes (someone editing newsarchive/ or
# plugins/ between two builds): then edit another article and build again, this many times.
WARM_ATTEMPTS = 3


def progress(message: str) -> None:
    print(f"[bench scale {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _child_figures(run: ChildRun) -> dict[str, Any]:
    return {
        "cold_seconds": round(run.seconds, 2),
        "cold_cpu_seconds": round(run.cpu_seconds, 2),
        "peak_rss_bytes": run.peak_rss_bytes,
        "peak_tree_rss_bytes": run.peak_tree_rss_bytes,
        "articles_built": vanilla.processed_articles(run.log),
    }


def _vanilla(content: Path, scratch: Path, articles: int) -> dict[str, Any]:
    """The same articles built by vanilla Pelican (benchmarks.vanilla)."""
    site = scratch / "vanilla"
    vanilla.convert(content, site)
    plain = run_measured(vanilla.build_command(site, site / "output"), site)
    plain_bytes = tree_size(site / "output").bytes
    shutil.rmtree(site)
    return {
        **_child_figures(plain),
        "log_errors": log_errors(plain.log)[:20],
        "output_bytes_per_article": round(plain_bytes / max(1, articles)),
    }


def _published(name: str, content: Path, output: Path, articles: int) -> dict[str, Any]:
    """What GitHub Pages publishes of the corpus: the site the Pages workflow builds
    (``builds.publish_site``), with the canonical links, OpenGraph tags, sitemap and site
    feed a development build leaves out."""
    progress(f"{name}: publishing build (invoke preview, cold)")
    run = publish_site(content, output)
    size = tree_size(output)
    shutil.rmtree(output)
    return {
        "publish_seconds": round(run.seconds, 2),
        "publish_peak_rss_bytes": run.peak_rss_bytes,
        "publish_articles_built": vanilla.processed_articles(run.log),
        "published_bytes": size.published,  # hidden files, the build's records, are not
        "output_bytes_per_article": round(size.published / max(1, articles)),
    }


def _warm(
    name: str, content: Path, output: Path, cache: Path, fingerprints: list[str]
) -> dict[str, Any]:
    """Edit one article and rebuild with the cold build's cache, until the cache is reused."""
    edits: list[str] = []
    for attempt in range(WARM_ATTEMPTS):
        progress(f"{name}: warm rebuild after editing one article (attempt {attempt + 1})")
        edited, page = edit_one_article(content, attempt)
        edits.append(edited.relative_to(content).as_posix())
        warm = build_site(content, output, cache)
        after = cache_fingerprints(cache)
        reused = bool(fingerprints) and fingerprints == after
        fingerprints = after
        if reused:
            break
    written = output / page
    return {
        "warm_seconds": round(warm.seconds, 2),
        "warm_cpu_seconds": round(warm.cpu_seconds, 2),
        "warm_peak_rss_bytes": warm.peak_rss_bytes,
        "warm_cache_reused": reused,
        "warm_attempts": len(edits),
        "warm_edited": edits[-1],
        "warm_edits": edits,
        "warm_edit_in_output": written.is_file()
        and EDIT_SENTENCE in written.read_text(encoding="utf-8"),
    }


def _changes(name: str, content: Path, output: Path, cache: Path) -> dict[str, Any]:
    """An article added, then deleted, then an alias of the busiest entity edited, each built."""
    figures: dict[str, Any] = {}
    progress(f"{name}: incremental build after adding one article")
    added, page = add_one_article(content)
    run = build_site(content, output, cache)
    figures["add_seconds"] = round(run.seconds, 2)
    figures["add_peak_rss_bytes"] = run.peak_rss_bytes
    figures["add_in_output"] = (output / page).is_file()
    progress(f"{name}: incremental build after deleting that article")
    added.unlink()
    run = build_site(content, output, cache)
    figures["delete_seconds"] = round(run.seconds, 2)
    figures["delete_peak_rss_bytes"] = run.peak_rss_bytes
    figures["delete_in_output"] = (output / page).exists()
    entity, named = edit_busiest_entity(content)
    progress(f"{name}: incremental build after an alias edit of {entity} ({named:,} articles)")
    run = build_site(content, output, cache)
    figures.update(
        alias_seconds=round(run.seconds, 2),
        alias_peak_rss_bytes=run.peak_rss_bytes,
        alias_entity=entity,
        alias_entity_articles=named,
    )
    return figures


def _same_as_cold(name: str, content: Path, output: Path, scratch: Path) -> dict[str, Any]:
    """A cold build of the content as the changes left it: the incremental output must be it."""
    progress(f"{name}: cold build of the changed content, to compare")
    cold = scratch / "cold"
    run = build_site(content, cold, scratch / "cold-cache")
    differing = differing_files(output, cold)
    shutil.rmtree(cold, ignore_errors=True)
    return {
        "cold_again_seconds": round(run.seconds, 2),
        "differing_from_cold": len(differing),
        "differing_files": differing[:20],
    }


def scale_corpus(name: str, content: Path, scratch: Path) -> dict[str, Any]:
    """Build one corpus ours (cold, then warm after one edit) and vanilla; every figure of a row."""
    articles = sum(1 for _ in (content / "articles").rglob("*.md"))
    row: dict[str, Any] = {"corpus": name, "articles": articles}
    # The machine is shared: CPU seconds and the load beside the wall times tell noise apart.
    row["load_average_before"] = round(os.getloadavg()[0], 2)
    output, cache = scratch / "output", scratch / "cache"

    progress(f"{name}: cold build of {articles:,} articles")
    cold = build_site(content, output, cache)
    row.update(_child_figures(cold))
    size = tree_size(output)
    row["output_bytes"], row["output_files"] = size.bytes, size.files
    row["build_published_bytes"] = size.published  # `invoke build`'s, no hidden records
    row["search_index"] = shipped_index(output)
    row["first_queries"] = [first_query(output, q) for q in SCALE_QUERIES]
    row["first_query"] = row["first_queries"][SCALE_QUERIES.index(FIRST_QUERY)]
    fingerprints = cache_fingerprints(cache)
    row.update(_published(name, content, scratch / "published", articles))

    progress(f"{name}: vanilla Pelican")
    row["vanilla"] = _vanilla(content, scratch, articles)
    row["cold_ratio"] = round(cold.seconds / row["vanilla"]["cold_seconds"], 3)
    row["cold_cpu_ratio"] = round(cold.cpu_seconds / row["vanilla"]["cold_cpu_seconds"], 3)

    row.update(_warm(name, content, output, cache, fingerprints))
    row.update(_changes(name, content, output, cache))
    row.update(_same_as_cold(name, content, output, scratch))

    progress(f"{name}: search index build")
    row["index_build"] = index_build(*index_inputs(content))
    return row


def _corpora(
    shared: Path, registry: Path, jobs: int | None, sizes: tuple[int, ...], kcna: bool
) -> list[tuple[str, Callable[[Path], dict[str, Any]]]]:
    """Each corpus's name and how to write it into a content folder."""
    corpora: list[tuple[str, Callable[[Path], dict[str, Any]]]] = []
    if kcna:
        corpora.append(("kcna", lambda content: kcna_content(shared, registry, content, jobs)))
    for size in sizes:
        corpora.append(
            (f"synthetic-{size}", lambda content, n=size: {"bytes": generate(registry, content, n)})
        )
    return corpora


def bench_scale(
    shared: Path,
    registry: Path,
    jobs: int | None = None,
    sizes: tuple[int, ...] = SCALE_SIZES,
    kcna: bool = True,
    scratch: Path | None = None,
) -> dict[str, Any]:
    """Ours against vanilla Pelican on the KCNA stories and synthetic corpora, one row each.

    With ``scratch`` given, each corpus's folder stays there (for tests).
    """
    rows = []
    with terminate_as_interrupt():
        for name, make in _corpora(shared, registry, jobs, sizes, kcna):
            keep = scratch is not None
            folder = (
                scratch / name if keep else Path(tempfile.mkdtemp(prefix=f"bench-scale-{name}-"))
            )
            try:
                progress(f"{name}: preparing the corpus in {folder}")
                prepared = make(folder / "content")
                row = scale_corpus(name, folder / "content", folder)
                row["prepare"] = prepared
                progress(f"{name}: done: {json.dumps(row)}")  # kept in the log if the run stops
            except BenchError as err:
                progress(f"{name}: failed: {err}")
                row = {"corpus": name, "error": str(err)}
            finally:
                if not keep:
                    shutil.rmtree(folder, ignore_errors=True)
            rows.append(row)
    return {"first_query": FIRST_QUERY, "corpora": rows, "targets": scale_targets(rows)}
