"""`invoke bench --only search`: the search the site ships, on 5,000 synthetic articles.

Rules: one synthetic corpus (``benchmarks.synthetic``, the shipped articles'
sentences recombined) is built into a site by ``invoke build``, and every figure
is of that site or of the code that wrote it: the sharded index's build time and
its files under ``search/`` (``benchmarks.searchindex``), the bytes the first
query downloads, keystroke latency in headless Chromium
(``benchmarks.keystrokes``) and the time to first results of a cold page on a
slow network (``benchmarks.latency``). lunr.py's own Builder is timed as a
labelled reference, never as the index. Relevance is measured apart, on the
shipped archive (``registry``) built as a second site, since its judged queries
(``benchmarks.relevance``) name real articles; that site's first query (bytes,
and time on a slow network) is measured too, as the archive a reader gets.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.builds import build_site
from benchmarks.keystrokes import keystroke_latency
from benchmarks.latency import first_results_latency
from benchmarks.relevance import bench_relevance
from benchmarks.searchindex import (
    FIRST_QUERY,
    first_query,
    index_build,
    index_inputs,
    lunr_reference,
    shipped_index,
)
from benchmarks.synthetic import generate
from benchmarks.targets import search_targets

SEARCH_ARTICLES = 5000
REFERENCE_ARTICLES = 1000  # lunr.py's Builder is slow; its per-article time hardly moves with size


@contextlib.contextmanager
def _folder(scratch: Path | None) -> Iterator[Path]:
    """``scratch`` when given (kept, for tests), else a temporary folder removed afterwards."""
    if scratch is not None:
        yield scratch
        return
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        yield Path(folder)


def bench_search(
    shared: Path,
    registry: Path,
    jobs: int | None = None,
    articles: int = SEARCH_ARTICLES,
    browser: bool = True,
    scratch: Path | None = None,
) -> dict[str, Any]:
    """Index build time, index bytes, first-query bytes and keystroke latency of a built site.

    And the relevance of the judged queries on ``registry`` (the shipped archive)
    built apart. ``shared`` and ``jobs`` are unused (every benchmark is called
    alike); with ``scratch``, the corpus and the sites (``content/``, ``site/``,
    ``shipped-site/``) stay there.
    """
    # The machine is shared: the load beside the figures tells noise apart.
    figures: dict[str, Any] = {"articles": articles, "load_average_before": os.getloadavg()[0]}
    with _folder(scratch) as folder:
        content, output = folder / "content", folder / "site"
        generate(registry, content, articles)
        docs, names, tags = index_inputs(content)
        figures["index_build"] = index_build(docs, names, tags)
        figures["lunr_reference"] = lunr_reference(docs, REFERENCE_ARTICLES)
        figures["site_build_seconds"] = round(build_site(content, output).seconds, 1)
        figures["index"] = shipped_index(output)
        figures["first_query"] = first_query(output, FIRST_QUERY)
        figures["keystrokes"] = (
            keystroke_latency(output)
            if browser
            else {"keystroke_ms": "not measured: run without a browser"}
        )
        figures["first_results"] = _first_results(output, browser)
        figures["relevance"] = bench_relevance(registry, folder / "shipped-site")
        figures["shipped"] = _shipped(folder / "shipped-site", browser)
    figures["targets"] = search_targets(figures)
    return figures


def _first_results(output: Path, browser: bool) -> dict[str, Any]:
    if not browser:
        return {"first_results_ms": "not measured: run without a browser"}
    return first_results_latency(output)


def _shipped(output: Path, browser: bool) -> dict[str, Any] | None:
    """The shipped archive's site (built for relevance): its first query, bytes and time."""
    manifest = output / "search" / "manifest.json"
    if not manifest.is_file():
        return None  # relevance could not build it, and says why
    return {
        "articles": json.loads(manifest.read_text(encoding="utf-8"))["docs"],
        "first_query": first_query(output, FIRST_QUERY),
        "first_results": _first_results(output, browser),
        # The same with no network added: the part of the time this machine's own work takes.
        "first_results_floor": (first_results_latency(output, emulate=False) if browser else None),
    }
