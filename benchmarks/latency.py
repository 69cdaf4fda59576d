"""Time to first results on a slow network: the search page opened at a query, cold, in Chromium.

Rules: each run is a fresh browser context (an empty cache), with Chromium's own
network emulation (CDP ``Network.emulateNetworkConditions``: ``LATENCY_MS`` added
to every request, ``THROUGHPUT`` bytes/s each way), so the figure is dominated by
how many round trips the page waits through in sequence, which is what a reader on
a phone notices. ``ms`` runs from navigation start (``performance.now()``'s zero)
to the moment ``#search[data-results-for]`` names the query (the attribute the
browser tests and ``keystrokes.py`` watch). ``chain`` is the longest run of
requests each sent after the one before it had finished: the depth of the page's
round-trip chain. The site is served as GitHub Pages serves it, over HTTP/2 with
gzip (``benchmarks.pagesh2``, TRANSPORTS["h2"]); the same figures over ``invoke
serve``'s HTTP/1.0 server (TRANSPORTS["http1"], where Chromium queues requests beyond
six to a host) show what the page would cost on an old-style host.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

from benchmarks.browser import SUBPATH, chromium_executable, launch_args, serve_subpath
from benchmarks.pagesh2 import serving_h2

QUERIES = ("kim jong un", "sanctions relief", "pyongyang railway", "beigun")
RUNS = 5
LATENCY_MS = 100
THROUGHPUT = 1_250_000  # 10 Mbit/s in bytes/s
TIMEOUT_MS = 60_000
# How the site is served: as Pages serves it (judged), and as `invoke serve` does.
# Each yields the site's address and the Chromium arguments it needs.
TRANSPORTS = {
    "h2": lambda output: serving_h2(output, base=SUBPATH),
    "http1": lambda output: _plain(serve_subpath(output)),
}


@contextmanager
def _plain(serving: Any) -> Iterator[tuple[str, list[str]]]:
    with serving as url:
        yield url, []


# Records, on performance.now()'s clock, when the page first shows results for each query.
_WATCH = """
(() => {
  const shown = (window.__benchShown = {});
  const watch = () => {
    const root = document.getElementById('search');
    if (!root) return;
    new MutationObserver(() => {
      const q = root.dataset.resultsFor;
      if (q !== undefined && !(q in shown)) shown[q] = performance.now();
    }).observe(root, { attributes: true, attributeFilter: ['data-results-for'] });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
})();
"""
_SHOWN = "q => window.__benchShown[q] !== undefined"


def first_results_latency(
    output: Path,
    queries: tuple[str, ...] = QUERIES,
    runs: int = RUNS,
    transport: str = "h2",
    emulate: bool = True,
) -> dict[str, Any]:
    """Median time to first results per query, cold, at LATENCY_MS and THROUGHPUT.

    Measured in a thread of its own: Playwright's sync API refuses to start in a
    thread that runs an asyncio loop.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_measure, output, queries, runs, transport, emulate).result()


def _measure(
    output: Path, queries: tuple[str, ...], runs: int, transport: str, emulate: bool
) -> dict[str, Any]:
    executable = chromium_executable()
    if executable is None:
        return {"first_results_ms": "not measured: no Chromium (set NEWSARCHIVE_CHROMIUM)"}
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with TRANSPORTS[transport](output) as (url, args), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=launch_args() + args
            )
            try:
                per_query = {
                    q: [_open_cold(browser, url, q, emulate) for _ in range(runs)] for q in queries
                }
            finally:
                browser.close()
    except PlaywrightError as err:
        return {"first_results_ms": f"not measured: {str(err).splitlines()[0]}"}
    summary = summarise(per_query)
    if not emulate:  # the floor: what the machine's own work costs, no network added
        summary.update(latency_ms=0, throughput_bytes_per_s=None)
    return {"transport": transport, **summary}


def _open_cold(browser: Any, url: str, query: str, emulate: bool = True) -> dict[str, Any]:
    """One cold open of ``search/?q=query``: ms to its results, its requests and their chain."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        if emulate:
            _emulate(cdp)
        finished: list[Any] = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.add_init_script(_WATCH)
        page.goto(url + "search/?q=" + quote_plus(query), wait_until="commit")
        page.wait_for_function(_SHOWN, arg=query, timeout=TIMEOUT_MS)
        ms = page.evaluate("q => window.__benchShown[q]", query)
        spans = [_span(request) for request in finished]
        shown_at = page.evaluate("performance.timeOrigin") + ms
        before = [s for s in spans if s[1] <= shown_at]
        return {"ms": ms, "requests": len(before), "chain": chain_depth(before)}
    finally:
        context.close()


def _emulate(cdp: Any) -> None:
    """A slow network on the page: LATENCY_MS added to every request, THROUGHPUT each way."""
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": THROUGHPUT,
            "uploadThroughput": THROUGHPUT,
        },
    )


def _span(request: Any) -> tuple[float, float]:
    """A finished request's (start, end) in epoch milliseconds."""
    timing = request.timing
    return timing["startTime"], timing["startTime"] + max(timing["responseEnd"], 0)


def chain_depth(spans: list[tuple[float, float]]) -> int:
    """The longest sequence of requests each started after the previous one ended."""
    depth: dict[int, int] = {}
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    for i in order:
        earlier = [depth[j] for j in depth if spans[j][1] <= spans[i][0]]
        depth[i] = 1 + max(earlier, default=0)
    return max(depth.values(), default=0)


def summarise(per_query: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Per query: the median ms, chain depth and request count; and the median over all runs."""
    rows = {
        q: {
            "ms_median": round(statistics.median(r["ms"] for r in runs), 1),
            "ms_runs": [round(r["ms"], 1) for r in runs],
            "chain": int(statistics.median(r["chain"] for r in runs)),
            "requests": int(statistics.median(r["requests"] for r in runs)),
        }
        for q, runs in per_query.items()
    }
    every = [r["ms"] for runs in per_query.values() for r in runs]
    return {
        "latency_ms": LATENCY_MS,
        "throughput_bytes_per_s": THROUGHPUT,
        "first_results_ms_median": round(statistics.median(every), 1),
        "first_results_ms_max": round(max(every), 1),
        "queries": rows,
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(first_results_latency(Path(sys.argv[1])), indent=1))
