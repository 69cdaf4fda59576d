"""Keystroke latency on a built search page in headless Chromium: from each input event to its results.

Rules: the page is measured from outside, with nothing the site ships for it —
an init script of the benchmark's own listens to the search box's ``input``
events (``event.timeStamp``, on ``performance.now()``'s clock) and watches
``#search[data-results-for]``, which the page sets when it has drawn the
results of a query (the attribute the browser tests read too). A keystroke
counts when results for the text typed so far are shown (spaces at either end
aside: the page may trim them); ``ms`` is to
that moment, ``frame_ms`` to the next animation frame, when the browser can
paint them. Each key waits for its results, so no answer is dropped as stale.
"""

from __future__ import annotations

import statistics
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.browser import chromium_executable, launch_args, serve_subpath

QUERIES = (
    "kim jong un",
    "denuclearisation talks",
    "beigun",
    "pyongyang railway",
    "sanctions relief",
)
KEY_TIMEOUT_MS = 30_000
READY_TIMEOUT_MS = 120_000
SEARCH_BOX = "#search input[type=search][name=q]"
SLOWEST = 5  # keystrokes listed with their text: which keys wait, and on what

# Records {q, ms, frameMs} in window.__benchKeystrokes, a global of the benchmark's own.
_LISTEN = """
(() => {
  const records = (window.__benchKeystrokes = []);
  let pending = null;
  document.addEventListener('input', (event) => {
    const box = event.target;
    if (box instanceof HTMLInputElement && box.closest('#search')) {
      pending = { q: box.value, started: event.timeStamp };
    }
  }, true);
  const watch = () => {
    const root = document.getElementById('search');
    if (!root) return;
    new MutationObserver(() => {
      if (!pending || (root.dataset.resultsFor || '').trim() !== pending.q.trim()) return;
      const done = pending;
      const shown = performance.now();
      pending = null;
      requestAnimationFrame(() => records.push({
        q: done.q, ms: shown - done.started, frameMs: performance.now() - done.started,
      }));
    }).observe(root, { attributes: true, attributeFilter: ['data-results-for'] });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
})();
"""
_SHOWN = "q => window.__benchKeystrokes.some(r => r.q === q)"


def keystroke_latency(output: Path, queries: tuple[str, ...] = QUERIES) -> dict[str, Any]:
    """Type each query a key at a time on the built site's search page; latency per keystroke.

    Measured in a thread of its own: Playwright's sync API refuses to start in a thread
    that runs an asyncio loop (a test session with a browser open has one).
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_measure, output, queries).result()


def _measure(output: Path, queries: tuple[str, ...]) -> dict[str, Any]:
    executable = chromium_executable()
    if executable is None:
        return {"keystroke_ms": "not measured: no Chromium (set NEWSARCHIVE_CHROMIUM)"}
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    try:
        with serve_subpath(output) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=launch_args())
            try:
                records = _type_queries(browser.new_page(), url + "search/", queries)
            finally:
                browser.close()
    except PlaywrightError as err:
        return {"keystroke_ms": f"not measured: {str(err).splitlines()[0]}"}
    return summarise(records)


def _type_queries(page: Any, address: str, queries: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every keystroke's record, in typing order; a blank text (the box cleared) is not one."""
    page.add_init_script(_LISTEN)
    page.goto(address)
    page.wait_for_selector("#search[data-state=ready]", timeout=READY_TIMEOUT_MS)
    box = page.locator(SEARCH_BOX)
    records: list[dict[str, Any]] = []
    for query in queries:
        box.fill("")
        typed = ""
        for char in query:
            box.press_sequentially(char)
            typed += char
            page.wait_for_function(_SHOWN, arg=typed, timeout=KEY_TIMEOUT_MS)
        shown = page.evaluate("window.__benchKeystrokes.splice(0)")
        prefixes = {query[: n + 1] for n in range(len(query))}
        records += [r for r in shown if r["q"] in prefixes and r["q"].strip()]
    return records


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Median and 95th percentile of the keystrokes' latencies, to the DOM and to the next frame."""
    ms = [r["ms"] for r in records]
    frames = [r["frameMs"] for r in records]
    if len(ms) < 2:
        return {"keystrokes": len(ms), "keystroke_ms": "not measured: fewer than two keystrokes"}
    slowest = sorted(records, key=lambda r: r["ms"])[-SLOWEST:]
    return {
        "keystrokes": len(ms),
        "keystroke_ms_median": round(statistics.median(ms), 1),
        "keystroke_ms_p95": round(statistics.quantiles(ms, n=20, method="inclusive")[-1], 1),
        "keystroke_frame_ms_median": round(statistics.median(frames), 1),
        "keystroke_frame_ms_p95": round(
            statistics.quantiles(frames, n=20, method="inclusive")[-1], 1
        ),
        "slowest": [{"q": r["q"], "ms": round(r["ms"], 1)} for r in reversed(slowest)],
    }
