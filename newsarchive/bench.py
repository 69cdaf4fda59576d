"""Benchmarks behind `invoke bench`: figures printed and written as JSON, never asserted in tests.

The machine is shared and noisy, so each benchmark reports what it measured in
one run, side by side, and the caller compares ratios rather than seconds.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsarchive.ingest.inputs import Columns, count_records, read_source
from newsarchive.ingest.pipeline import Ingester
from newsarchive.ingest.run import ingest
from newsarchive.ingest.store import Store

KCNA = "corpora/kcna_stories_2011_2012.jsonl"
KCNA_COLUMNS = Columns(text="story", title="title", date="date", url="index_link", lang="language")


def bench_ingest(shared: Path, registry: Path, jobs: int | None = None) -> dict[str, Any]:
    """Ingest the English KCNA stories into a scratch folder: cold run, then an idempotent re-run."""
    source = shared / KCNA
    if not source.is_file():
        raise FileNotFoundError(
            f"{source}: the KCNA corpus is needed (../shared beside the project)"
        )
    ingester = Ingester.for_content(registry)
    total = count_records(source, "jsonl")
    figures: dict[str, Any] = {"corpus": KCNA, "records": total}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        dest = Path(scratch) / "articles"
        for run in ("cold", "rerun"):
            summary = ingest(
                read_source(source, "jsonl", KCNA_COLUMNS),
                ingester,
                Store.open(dest),
                languages={"en"},
                total=total,
                progress=False,
                jobs=jobs,
            )
            english = summary.records - sum(summary.filtered.values())
            with_body = english - len(summary.rejected)
            figures[run] = {
                "seconds": round(summary.seconds, 2),
                "english_with_body": with_body,
                "articles_per_second": round(with_body / summary.seconds),
                **summary.counts,
                "rejected": len(summary.rejected),
            }
        figures["rejected_reasons"] = dict(Counter(reason for _, reason in summary.rejected))
        figures["bytes_per_article"] = round(
            sum(p.stat().st_size for p in dest.rglob("*.md")) / max(1, figures["cold"]["imported"])
        )
    return figures


SEARCH_ARTICLES = 5000
BASELINE_ARTICLES = 1000
QUERIES = (
    "kim jong un",
    "denuclearisation talks",
    "beigun",
    "pyongyang railway",
    "sanctions relief",
)


def _gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def bench_search(shared: Path, registry: Path, jobs: int | None = None) -> dict[str, Any]:
    """Index build time, index + store size, and keystroke latency at 5,000 synthetic articles."""
    import lunr as lunr_py

    from newsarchive.search.corpus import docs_from_content
    from newsarchive.search.index import build_index, compact, document_store, dumps
    from newsarchive.synthetic import generate

    figures: dict[str, Any] = {"articles": SEARCH_ARTICLES}
    with tempfile.TemporaryDirectory(prefix="bench-search-") as scratch:
        content = Path(scratch) / "content"
        generate(registry, content, SEARCH_ARTICLES)
        docs = docs_from_content(content)
        started = time.perf_counter()
        index_text = dumps(compact(build_index(docs)))
        ours = time.perf_counter() - started
        figures["index_build_ms_per_article"] = round(ours * 1000 / len(docs), 3)
        sample = docs[:BASELINE_ARTICLES]
        started = time.perf_counter()
        lunr_py.lunr(
            ref="r",
            fields=("t", "s", "b"),
            documents=[
                {"r": str(i), "t": d.title, "s": d.summary, "b": d.body}
                for i, d in enumerate(sample)
            ],
        )
        baseline = time.perf_counter() - started
        figures["lunr_default_ms_per_article"] = round(baseline * 1000 / len(sample), 3)
        names: dict[str, str] = {}
        store = dumps(document_store(docs, names, names))
        figures["index_gzip_bytes"] = _gzip_size(index_text)
        figures["store_gzip_bytes"] = _gzip_size(store)
        figures["gzip_bytes_per_article"] = round(
            (figures["index_gzip_bytes"] + figures["store_gzip_bytes"]) / len(docs)
        )
        figures.update(_keystroke_latency(content, Path(scratch) / "site"))
    return figures


def _keystroke_latency(content: Path, output: Path) -> dict[str, Any]:
    """Build the site and time keystroke-to-results on its search page in headless Chromium."""
    import subprocess
    import sys

    from newsarchive.browser import chromium_executable, launch_args, serve_subpath

    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "build",
            "--content",
            str(content),
            "--output",
            str(output),
        ],
        cwd=Path(__file__).resolve().parents[1],
        check=True,
        capture_output=True,
    )
    figures: dict[str, Any] = {"site_build_seconds": round(time.perf_counter() - started, 1)}
    executable = chromium_executable()
    if executable is None:
        figures["keystroke_ms"] = "not measured: no Chromium (set NEWSARCHIVE_CHROMIUM)"
        return figures
    from playwright.sync_api import sync_playwright

    timings: list[float] = []
    with serve_subpath(output) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=launch_args())
        page = browser.new_page()
        page.goto(url + "search/")
        page.wait_for_selector("[data-state=ready]", timeout=120_000)
        box = page.locator("input[type=search][name=q]").last
        for query in QUERIES:
            box.fill("")
            for char in query:
                seen = page.evaluate("window.__searchTimingDetails.length")
                box.press_sequentially(char)
                page.wait_for_function(
                    "n => window.__searchTimingDetails.length > n", arg=seen, timeout=30_000
                )
            details = page.evaluate("window.__searchTimingDetails.splice(0)")
            timings += [d["ms"] for d in details if d["q"].strip()]
        browser.close()
    timings.sort()
    figures["keystrokes"] = len(timings)
    figures["keystroke_ms_median"] = round(timings[len(timings) // 2], 1)
    figures["keystroke_ms_p95"] = round(timings[int(len(timings) * 0.95) - 1], 1)
    return figures


BENCHMARKS: dict[str, Callable[..., dict[str, Any]]] = {
    "ingest": bench_ingest,
    "search": bench_search,
}


def run(
    names: list[str], shared: Path, registry: Path, out: Path, jobs: int | None = None
) -> dict[str, Any]:
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
    }
    for name in names:
        results[name] = BENCHMARKS[name](shared, registry, jobs=jobs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def report(results: dict[str, Any]) -> str:
    """The figures as a small text table, for the terminal and for notes."""
    lines = []
    if "ingest" in results:
        r = results["ingest"]
        lines += [
            f"ingest: {r['corpus']} ({r['records']} records, {r['cold']['english_with_body']} English stories with a body)",
            f"  {'run':8} {'seconds':>8} {'articles/s':>11} {'imported':>9} {'unchanged':>10} {'rejected':>9}",
        ]
        for run_name in ("cold", "rerun"):
            f = r[run_name]
            lines.append(
                f"  {run_name:8} {f['seconds']:>8} {f['articles_per_second']:>11,} {f['imported']:>9} {f['unchanged']:>10} {f['rejected']:>9}"
            )
        lines.append(
            f"  rejected: {r['rejected_reasons']}; {r['bytes_per_article']:,} bytes of Markdown per article"
        )
    if "search" in results:
        r = results["search"]
        lines += [
            f"search: {r['articles']} synthetic articles",
            f"  index build      {r['index_build_ms_per_article']} ms/article (lunr.py default pipeline: {r['lunr_default_ms_per_article']} ms/article; target <= 2)",
            f"  index + store    {r['gzip_bytes_per_article']:,} bytes gzip/article (index {r['index_gzip_bytes']:,} + store {r['store_gzip_bytes']:,}; target <= 1,536)",
            f"  keystroke        median {r.get('keystroke_ms_median', '-')} ms, p95 {r.get('keystroke_ms_p95', '-')} ms over {r.get('keystrokes', 0)} keystrokes (target <= 50)",
            f"  site build       {r['site_build_seconds']} s",
        ]
    return "\n".join(lines)
