"""Benchmarks behind `invoke bench`: figures printed and written as JSON, never asserted in tests.

The machine is shared and noisy, so each benchmark reports what it measured in
one run, side by side, and the caller compares ratios rather than seconds.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks import vanilla
from newsarchive.content.articles import read_article
from newsarchive.ingest.ingester import Ingester
from newsarchive.ingest.inputs import Columns, count_records, read_source
from newsarchive.ingest.run import ingest
from newsarchive.ingest.store import Store

KCNA = "corpora/kcna_stories_2011_2012.jsonl"
KCNA_COLUMNS = Columns(text="story", title="title", date="date", url="index_link", lang="language")


# Articles are written to memory when the machine has a tmpfs: on this project's shared VMs
# creating a file in a fresh folder costs up to 1 ms of kernel time (measured), which would
# bury what ingest itself does. Set TMPDIR and remove /dev/shm from the picture to include it.
_SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def bench_ingest(
    shared: Path,
    registry: Path,
    jobs: int | None = None,
    corpus: str | None = None,
    date_format: str = "iso",
) -> dict[str, Any]:
    """Ingest a corpus into a scratch folder: cold run, then an idempotent re-run.

    By default the English KCNA stories of ../shared; ``corpus`` names any JSONL or
    CSV corpus instead (its columns found by their usual names).
    """
    source = Path(corpus) if corpus else shared / KCNA
    if not source.is_file():
        raise FileNotFoundError(f"{source}: no such corpus (the KCNA one is in ../shared)")
    fmt = "csv" if source.suffix.lower() == ".csv" else "jsonl"
    columns = Columns() if corpus else KCNA_COLUMNS
    ingester = Ingester.for_content(registry, date_format=date_format)
    total = count_records(source, fmt)
    figures: dict[str, Any] = {"corpus": str(corpus or KCNA), "records": total, "scratch": _SCRATCH}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-", dir=_SCRATCH) as scratch:
        dest = Path(scratch) / "articles"
        for run in ("cold", "rerun"):
            summary = ingest(
                read_source(source, fmt, columns),
                ingester,
                Store.open(dest),
                languages={"en"},
                total=total,
                progress=False,
                jobs=jobs,
            )
            wanted = summary.records - sum(summary.filtered.values())
            parsed = wanted - len(summary.rejected)
            figures[run] = {
                "seconds": round(summary.seconds, 2),
                "records_with_text": parsed,
                "records_per_second": round(parsed / summary.seconds),
                **summary.counts,
                "rejected": len(summary.rejected),
            }
            if run == "cold":
                figures["written"] = summary.figures.as_dict()
                figures["likely_duplicates"] = len(summary.near)
                figures["dateline_disagreements"] = len(summary.dateline_gaps)
        figures["rejected_reasons"] = summary.rejects_by_reason()
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

    from benchmarks.corpus import docs_from_content
    from benchmarks.synthetic import generate
    from newsarchive.search.documents import dumps
    from oracle import build_index, compact, document_store

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

    from benchmarks.browser import chromium_executable, launch_args, serve_subpath

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


class BenchError(RuntimeError):
    """A build the benchmark ran failed; the message ends with the tail of its log."""


SCALE_SIZES = (1000, 5000, 20000, 50000)
PROJECT = Path(__file__).resolve().parents[1]
EDIT_SENTENCE = "This sentence was appended by invoke bench to edit one article."
FIRST_QUERY = "kim jong un"
# The targets; KB are KiB (1,024 bytes).
TARGET_COLD_RATIO = 0.5
TARGET_WARM_SECONDS = 10.0
TARGET_AT_ARTICLES = 20000
TARGET_FIRST_QUERY_BYTES = 300 * 1024
TARGET_BYTES_PER_ARTICLE = 12 * 1024
_INDEX_LOG = re.compile(r"search index:\s*(\d+)\s+docs?\s+in\s+([\d.]+)\s*s\b")
_LOG_ERROR = re.compile(r"^\s*(?:\[[^]]*\]\s*)?(?:ERROR|CRITICAL)\b", re.MULTILINE)


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    log: str
    # Sampled sum of RSS over every process of the run (Linux), None elsewhere.
    peak_tree_rss_bytes: int | None = None


# Runs one command and writes its wall time, CPU time and ru_maxrss (from wait4) as JSON.
_MEASURE = """\
import json, os, sys, time
report, cmd = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
_pid, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(report, "w") as f:
    json.dump({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss}, f)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> ChildRun:
    """Run one command: its wall time, CPU time and its own peak RSS.

    The command is started by a small wrapper process that reaps it with
    os.wait4, whose rusage covers that one process (and the children it waited
    for), unlike RUSAGE_CHILDREN, which keeps the maximum over every child ever.
    The wrapper is needed because Linux carries the RSS high-water mark of the
    memory a process was forked with across exec: a build started straight from
    this process, grown large by ingesting and indexing, would report at least
    this process's size. The wrapper's own few MB are the floor instead.

    ``peak_rss_bytes`` is thus the largest single process (the build or one of
    its forked workers); ``peak_tree_rss_bytes`` adds up every process of the
    run, sampled twice a second.
    """
    with tempfile.TemporaryDirectory(prefix="bench-run-") as scratch:
        report = Path(scratch) / "rusage.json"
        log_path = Path(scratch) / "log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [sys.executable, "-c", _MEASURE, str(report), *cmd],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so an interrupted run stops the build too
            )
            sampling = Path("/proc/self/statm").is_file()
            tree_peak = 0
            try:
                while True:
                    try:
                        returncode = proc.wait(timeout=TREE_SAMPLE_SECONDS)
                        break
                    except subprocess.TimeoutExpired:
                        if sampling:
                            tree_peak = max(tree_peak, _session_rss(proc.pid, exclude=proc.pid))
            except BaseException:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise
        text = log_path.read_text(encoding="utf-8", errors="replace")
        if returncode != 0 or not report.is_file():
            raise BenchError(f"{shlex.join(cmd)} exited {returncode}:\n{text[-4000:]}")
        usage = json.loads(report.read_text(encoding="utf-8"))
    # Linux reports kibibytes, macOS bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return ChildRun(
        usage["seconds"],
        usage["cpu"],
        usage["maxrss"] * scale,
        text,
        max(tree_peak, usage["maxrss"] * scale) if sampling else None,
    )


TREE_SAMPLE_SECONDS = 0.5
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _session_rss(session: int, exclude: int) -> int:
    """Sum of RSS over the processes of one session, from /proc (cheap: statm, not smaps).

    Workers forked by the build share most of their pages copy-on-write and each
    counts them, so this is an upper bound of what the build holds at that moment.
    """
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == exclude:
            continue
        try:
            with open(os.path.join(entry.path, "stat"), encoding="ascii", errors="replace") as f:
                stat = f.read()
            # After "(comm) ": state, ppid, pgrp, session.
            if int(stat[stat.rindex(")") + 2 :].split()[3]) != session:
                continue
            with open(os.path.join(entry.path, "statm"), encoding="ascii") as f:
                total += int(f.read().split()[1]) * _PAGE_SIZE
        except (OSError, ValueError, IndexError):
            continue
    return total


def build_ours(content: Path, output: Path, cache: Path) -> ChildRun:
    """`invoke build` on a corpus, every plugin on, writing (and reading) a content cache in ``cache``."""
    extra = [
        "-e",
        "CACHE_CONTENT=true",
        "LOAD_CONTENT_CACHE=true",
        'CHECK_MODIFIED_METHOD="md5"',
        f"CACHE_PATH={json.dumps(str(cache))}",
    ]
    env = {**os.environ, "PELICAN_EXTRA": shlex.join(extra)}
    cmd = [sys.executable, "-m", "invoke", "--search-root", str(PROJECT), "build"]
    cmd += ["--content", str(content), "--output", str(output)]
    return run_measured(cmd, PROJECT, env)


def _tree_bytes(folder: Path) -> tuple[int, int]:
    """Total size of the files under folder, and how many there are."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


def _gzip_file(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def _article_save_as() -> str:
    from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

    settings = {**DEFAULT_CONFIG, **get_settings_from_file(str(PROJECT / "pelican.conf.py"))}
    return settings["ARTICLE_SAVE_AS"]


def edit_one_article(content: Path, attempt: int = 0) -> tuple[Path, str]:
    """Append a sentence to one dated article (the middle one in path order, the next on a retry).

    Returns the file and the page the archive writes it to (relative to the output).
    """
    paths = sorted(p for p in (content / "articles").rglob("*.md") if p.parent.name != "undated")
    if not paths:
        raise BenchError(f"{content}: no dated article to edit")
    path = paths[(len(paths) // 2 + attempt) % len(paths)]
    text = path.read_text(encoding="utf-8")
    article = read_article(text)
    path.write_text(text.rstrip("\n") + "\n\n" + EDIT_SENTENCE + "\n", encoding="utf-8")
    page = _article_save_as().format(date=article.date, slug=article.slug)
    return path, page


class _SearchPageRefs(HTMLParser):
    """The files the search page names: stylesheets, scripts and data-*-url attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.refs.append(values.get("href") or "")
        elif tag == "script" and values.get("src"):
            self.refs.append(values["src"] or "")
        self.refs += [v for k, v in attrs if k.startswith("data-") and k.endswith("-url") and v]


_IMPORT_SCRIPTS = re.compile(r"importScripts\(([^)]*)\)")
_STRING = re.compile(r"""['"]([^'"]+)['"]""")


def search_page_downloads(output: Path) -> list[Path]:
    """What the unsharded search page fetches before the first query answers.

    The page, its stylesheets and scripts, the worker and the scripts it imports,
    and the data files the page names (today search/index.json and search/docs.json).
    """
    page = output / "search" / "index.html"
    if not page.is_file():
        raise BenchError(f"{page}: no search page in the build")
    parser = _SearchPageRefs()
    parser.feed(page.read_text(encoding="utf-8"))
    seen: list[Path] = [page]
    queue = [(page.parent, ref) for ref in parser.refs]
    while queue:
        base, ref = queue.pop(0)
        target = (base / urlsplit(ref).path).resolve()
        if not target.is_file() or target in seen:
            continue
        seen.append(target)
        if target.suffix == ".js":
            for call in _IMPORT_SCRIPTS.findall(target.read_text(encoding="utf-8")):
                queue += [(target.parent, s) for s in _STRING.findall(call)]
    return seen


def _first_query_function() -> Callable[..., dict[str, Any]] | None:
    """``benchmarks.firstquery.first_query_bytes``, where the search package has it."""
    try:
        from benchmarks.firstquery import first_query_bytes
    except ImportError:
        return None
    return first_query_bytes


def first_query(output: Path) -> dict[str, Any]:
    """Bytes (gzip) the first query on the search page downloads, code included.

    ``first_query_bytes`` runs the site's own search scripts on the query and lists
    what they fetch; without it (an unsharded search), the fallback adds up the
    search page, its CSS and scripts, the worker's imports and the whole index.
    """
    function = _first_query_function()
    if function is not None:
        try:
            result = function(output, FIRST_QUERY)
        except (RuntimeError, OSError, KeyError) as err:
            return {
                "method": f"not measured: first_query_bytes failed: {err}",
                "query": FIRST_QUERY,
                "gzip_bytes": None,
                "files": {},
            }
        return {
            "method": "benchmarks.firstquery.first_query_bytes",
            "query": FIRST_QUERY,
            "gzip_bytes": result["total_gzip"],
            "code_gzip_bytes": result["code_gzip"],
            "data_gzip_bytes": result["data_gzip"],
            "results": result.get("results"),
            "files": {f["path"]: f["gzip"] for f in result["files"]},
        }
    paths = search_page_downloads(output)
    sizes = {p.relative_to(output.resolve()).as_posix(): _gzip_file(p) for p in paths}
    if "search/index.json" not in sizes:
        # A sharded index: what a query fetches depends on the query, which only
        # first_query_bytes knows; the page's files alone would undercount.
        return {
            "method": "not measured: the search page loads a sharded index and "
            "first_query_bytes is not there to say which shards a query fetches",
            "query": FIRST_QUERY,
            "gzip_bytes": None,
            "files": sizes,
        }
    return {
        "method": "fallback: gzip -9 of the search page, its CSS and scripts, the worker's imports, "
        "and the data files the page names (the unsharded search)",
        "query": FIRST_QUERY,
        "gzip_bytes": sum(sizes.values()),
        "files": sizes,
    }


def index_build(content: Path, output: Path, build_log: str) -> dict[str, Any]:
    """Search index build time: from the build's log when it says, else measured here.

    Measured here, it is the time to write what the build wrote into ``search/``
    (the sharded index when the build made one, else index.json and docs.json)
    from the same documents, made without Pelican by ``docs_from_content``.
    """
    found = _INDEX_LOG.search(build_log)
    if found:
        docs, seconds = int(found.group(1)), float(found.group(2))
        return {"method": "build log", "docs": docs, "seconds": seconds}
    from benchmarks.corpus import docs_from_content
    from newsarchive.content.registry import load_entities, load_tags
    from newsarchive.search.documents import dumps
    from oracle import build_index, compact, document_store

    docs = docs_from_content(content)
    names = {i: e.name for i, e in load_entities(content).items()}
    tags = {i: t.name for i, t in load_tags(content).items()}
    with tempfile.TemporaryDirectory(prefix="bench-index-") as scratch:
        folder = Path(scratch)
        if (output / "search" / "manifest.json").is_file():
            from newsarchive.search.shards import write_shards

            method = "separately: shards.write_shards on docs_from_content"
            started = time.perf_counter()
            write_shards(folder, docs, names, tags)
        else:
            method = (
                "separately: document_store + build_index + compact, written, on docs_from_content"
            )
            started = time.perf_counter()
            (folder / "docs.json").write_text(
                dumps(document_store(docs, names, tags)), encoding="utf-8"
            )
            (folder / "index.json").write_text(dumps(compact(build_index(docs))), encoding="utf-8")
        seconds = time.perf_counter() - started
    return {"method": method, "docs": len(docs), "seconds": round(seconds, 2)}


WARM_ATTEMPTS = 3


def _fingerprints(cache: Path) -> list[str]:
    """The content cache's fingerprint folders (plugins/content_cache)."""
    return sorted(p.name for p in cache.iterdir()) if cache.is_dir() else []


def _log_errors(log: str) -> list[str]:
    return [m.group(0).strip() + log[m.end() :].split("\n", 1)[0] for m in _LOG_ERROR.finditer(log)]


def _progress(message: str) -> None:
    print(f"[bench scale {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def scale_corpus(name: str, content: Path, scratch: Path) -> dict[str, Any]:
    """Build one corpus ours (cold, then warm after one edit) and vanilla; every figure of a row."""
    articles = sum(1 for _ in (content / "articles").rglob("*.md"))
    row: dict[str, Any] = {"corpus": name, "articles": articles}
    # The machine is shared: CPU seconds and the load beside the wall times tell noise apart.
    row["load_average_before"] = round(os.getloadavg()[0], 2)
    output, cache = scratch / "output", scratch / "cache"

    _progress(f"{name}: cold build of {articles:,} articles")
    cold = build_ours(content, output, cache)
    row["cold_seconds"] = round(cold.seconds, 2)
    row["cold_cpu_seconds"] = round(cold.cpu_seconds, 2)
    row["peak_rss_bytes"] = cold.peak_rss_bytes
    row["peak_tree_rss_bytes"] = cold.peak_tree_rss_bytes
    row["articles_built"] = vanilla.processed_articles(cold.log)
    out_bytes, out_files = _tree_bytes(output)
    row["output_bytes"], row["output_files"] = out_bytes, out_files
    row["output_bytes_per_article"] = round(out_bytes / max(1, articles))
    row["first_query"] = first_query(output)
    fingerprints = _fingerprints(cache)

    _progress(f"{name}: vanilla Pelican")
    site = scratch / "vanilla"
    vanilla.convert(content, site)
    plain = run_measured(vanilla.build_command(site, site / "output"), site)
    plain_bytes, _ = _tree_bytes(site / "output")
    row["vanilla"] = {
        "cold_seconds": round(plain.seconds, 2),
        "cold_cpu_seconds": round(plain.cpu_seconds, 2),
        "peak_rss_bytes": plain.peak_rss_bytes,
        "peak_tree_rss_bytes": plain.peak_tree_rss_bytes,
        "articles_built": vanilla.processed_articles(plain.log),
        "log_errors": _log_errors(plain.log)[:20],
        "output_bytes_per_article": round(plain_bytes / max(1, articles)),
    }
    shutil.rmtree(site)
    row["cold_ratio"] = round(cold.seconds / plain.seconds, 3)
    row["cold_cpu_ratio"] = round(cold.cpu_seconds / plain.cpu_seconds, 3)

    # The content_cache plugin starts a fresh cache when the code changes: if someone
    # edits newsarchive/ or plugins/ between two builds, the second one reads nothing
    # from the cache. Then edit another article and build again, up to WARM_ATTEMPTS.
    edits = []
    for attempt in range(WARM_ATTEMPTS):
        _progress(f"{name}: warm rebuild after editing one article (attempt {attempt + 1})")
        edited, page = edit_one_article(content, attempt)
        edits.append(edited.relative_to(content).as_posix())
        warm = build_ours(content, output, cache)
        after = _fingerprints(cache)
        reused = bool(fingerprints) and fingerprints == after
        fingerprints = after
        if reused:
            break
    row["warm_seconds"] = round(warm.seconds, 2)
    row["warm_cpu_seconds"] = round(warm.cpu_seconds, 2)
    row["warm_peak_rss_bytes"] = warm.peak_rss_bytes
    row["warm_cache_reused"] = reused
    row["warm_attempts"] = len(edits)
    row["warm_edited"] = edits[-1]
    row["warm_edits"] = edits
    written = output / page
    row["warm_edit_in_output"] = written.is_file() and EDIT_SENTENCE in written.read_text(
        encoding="utf-8"
    )

    _progress(f"{name}: search index")
    index = index_build(content, output, cold.log)
    index["ms_per_article"] = round(index["seconds"] * 1000 / max(1, index["docs"]), 3)
    row["index_build"] = index
    return row


def _kcna_content(shared: Path, registry: Path, content: Path, jobs: int | None) -> dict[str, Any]:
    """The English KCNA stories with a body, ingested as bench_ingest does, with the registries."""
    source = shared / KCNA
    if not source.is_file():
        raise FileNotFoundError(
            f"{source}: the KCNA corpus is needed (../shared beside the project)"
        )
    summary = ingest(
        read_source(source, "jsonl", KCNA_COLUMNS),
        Ingester.for_content(registry),
        Store.open(content / "articles"),
        languages={"en"},
        total=count_records(source, "jsonl"),
        progress=False,
        jobs=jobs,
    )
    for kind in ("entities", "tags"):
        shutil.copytree(registry / kind, content / kind, dirs_exist_ok=True)
    return {
        "ingest_seconds": round(summary.seconds, 2),
        "imported": summary.counts["imported"],
        "rejected": len(summary.rejected),
    }


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a `kill` of a background run) unwinds like Ctrl-C: builds stopped, scratch removed."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def bench_scale(
    shared: Path,
    registry: Path,
    jobs: int | None = None,
    sizes: tuple[int, ...] = SCALE_SIZES,
    kcna: bool = True,
    scratch: Path | None = None,
) -> dict[str, Any]:
    """Ours against vanilla Pelican on the KCNA stories and synthetic corpora, one row each.

    Each corpus lives in its own scratch folder, removed when its row is done;
    with ``scratch`` given, the folders stay there (for tests).
    """
    from benchmarks.synthetic import generate

    corpora: list[tuple[str, Callable[[Path], dict[str, Any]]]] = []
    if kcna:
        corpora.append(("kcna", lambda content: _kcna_content(shared, registry, content, jobs)))
    for size in sizes:
        corpora.append(
            (f"synthetic-{size}", lambda content, n=size: {"bytes": generate(registry, content, n)})
        )
    rows = []
    with _terminate_as_interrupt():
        for name, make in corpora:
            keep = scratch is not None
            folder = Path(
                scratch / name if keep else tempfile.mkdtemp(prefix=f"bench-scale-{name}-")
            )
            try:
                _progress(f"{name}: preparing the corpus in {folder}")
                content = folder / "content"
                prepared = make(content)
                row = scale_corpus(name, content, folder)
                row["prepare"] = prepared
                _progress(f"{name}: done: {json.dumps(row)}")  # kept in the log if the run stops
            except BenchError as err:
                _progress(f"{name}: failed: {err}")
                row = {"corpus": name, "error": str(err)}
            finally:
                if not keep:
                    shutil.rmtree(folder, ignore_errors=True)
            rows.append(row)
    return {"first_query": FIRST_QUERY, "corpora": rows, "targets": scale_targets(rows)}


def _near_target_size(row: dict[str, Any]) -> bool:
    return abs(row["articles"] - TARGET_AT_ARTICLES) <= TARGET_AT_ARTICLES * 0.05


def _first_query_shown(figures: dict[str, Any]) -> str:
    total = figures["gzip_bytes"]
    if "code_gzip_bytes" in figures:
        return (
            f"{total / 1024:,.1f} KB ({figures['code_gzip_bytes'] / 1024:,.1f} code + "
            f"{figures['data_gzip_bytes'] / 1024:,.1f} index, {len(figures['files'])} files)"
        )
    return f"{total / 1024:,.0f} KB (fallback: {figures['method']})"


def scale_targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each target of the issue against each corpus it applies to, PASS or MISS."""
    targets = []

    def add(target: str, row: dict[str, Any], value: float, limit: float, shown: str) -> None:
        targets.append(
            {
                "target": target,
                "corpus": row["corpus"],
                "articles": row["articles"],
                "measured": value,
                "limit": limit,
                "shown": shown,
                "result": "PASS" if value <= limit else "MISS",
            }
        )

    done = [r for r in rows if "error" not in r]
    for row in done:
        add(
            "cold build <= 0.5x vanilla Pelican",
            row,
            row["cold_ratio"],
            TARGET_COLD_RATIO,
            f"{row['cold_seconds']} s vs {row['vanilla']['cold_seconds']} s = {row['cold_ratio']}x"
            f" (CPU time {row['cold_cpu_ratio']}x)",
        )
    for row in done:
        if _near_target_size(row):
            add(
                "warm rebuild after one edit at 20,000 articles <= 10 s",
                row,
                row["warm_seconds"],
                TARGET_WARM_SECONDS,
                f"{row['warm_seconds']} s"
                + ("" if row["warm_cache_reused"] else " (cache NOT reused: code changed mid-run)"),
            )
    for row in done:
        if _near_target_size(row):
            total = row["first_query"]["gzip_bytes"]
            if total is None:
                targets.append(
                    {
                        "target": "first query at 20,000 articles <= 300 KB gzip, code included",
                        "corpus": row["corpus"],
                        "articles": row["articles"],
                        "measured": None,
                        "limit": TARGET_FIRST_QUERY_BYTES,
                        "shown": row["first_query"]["method"],
                        "result": "NOT MEASURED",
                    }
                )
                continue
            add(
                "first query at 20,000 articles <= 300 KB gzip, code included",
                row,
                total,
                TARGET_FIRST_QUERY_BYTES,
                _first_query_shown(row["first_query"]),
            )
    for row in done:
        per = row["output_bytes_per_article"]
        add(
            "output <= 12 KB per article on disk",
            row,
            per,
            TARGET_BYTES_PER_ARTICLE,
            f"{per:,} bytes = {per / 1024:.2f} KB",
        )
    return targets


def _kib(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024:,.0f}"


def _mib(value: int | None) -> str:
    return "-" if value is None else f"{value / 2**20:,.0f}"


def scale_report(r: dict[str, Any]) -> list[str]:
    lines = [
        f"scale: ours (every plugin, search index) vs vanilla Pelican (quickstart settings, notmyidea, no plugins); first query {r['first_query']!r}",
        "  peak MiB: the build's largest process (wait4); tree: every process of it summed (sampled, upper bound)",
        f"  {'corpus':16} {'articles':>8} {'ours s':>8} {'vanilla s':>9} {'ratio':>6} {'warm s':>7} {'peak MiB':>8} {'tree MiB':>8} {'KB/art':>7} {'index ms/art':>12} {'1st query KB':>12}",
    ]
    for row in r["corpora"]:
        if "error" in row:
            lines.append(f"  {row['corpus']:16} failed: {row['error'].splitlines()[0]}")
            continue
        lines.append(
            f"  {row['corpus']:16} {row['articles']:>8,} {row['cold_seconds']:>8} "
            f"{row['vanilla']['cold_seconds']:>9} {row['cold_ratio']:>6} {row['warm_seconds']:>7} "
            f"{row['peak_rss_bytes'] / 2**20:>8,.0f} {_mib(row.get('peak_tree_rss_bytes')):>8} "
            f"{row['output_bytes_per_article'] / 1024:>7.1f} "
            f"{row['index_build']['ms_per_article']:>12} {_kib(row['first_query']['gzip_bytes']):>12}"
        )
    for target in r["targets"]:
        lines.append(
            f"  {target['result']}  {target['target']}: {target['corpus']} ({target['articles']:,}): {target['shown']}"
        )
    return lines


BENCHMARKS: dict[str, Callable[..., dict[str, Any]]] = {
    "ingest": bench_ingest,
    "search": bench_search,
    "scale": bench_scale,
}


def run(
    names: list[str],
    shared: Path,
    registry: Path,
    out: Path,
    jobs: int | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Run the named benchmarks; ``options`` holds extra keyword arguments per benchmark."""
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
    }
    for name in names:
        extra = (options or {}).get(name, {})
        results[name] = BENCHMARKS[name](shared, registry, jobs=jobs, **extra)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def ingest_report(r: dict[str, Any]) -> list[str]:
    """The ingest figures: speed, what the articles hold, and what was turned away."""
    cold, w = r["cold"], r["written"]
    lines = [
        f"ingest: {r['corpus']} ({r['records']} records, {cold['records_with_text']} to ingest; "
        f"articles written to {r.get('scratch') or 'the temporary folder'})",
        f"  {'run':8} {'seconds':>8} {'records/s':>10} {'imported':>9} {'merged':>7} {'unchanged':>10} {'rejected':>9}",
    ]
    for run_name in ("cold", "rerun"):
        f = r[run_name]
        lines.append(
            f"  {run_name:8} {f['seconds']:>8} {f['records_per_second']:>10,} {f['imported']:>9} "
            f"{f['merged']:>7} {f['unchanged']:>10} {f['rejected']:>9}"
        )
    merged_share = cold["merged"] / max(1, cold["imported"] + cold["merged"])
    lines += [
        f"  articles {w['articles']:,}; duplicates merged {cold['merged']:,} ({merged_share:.0%} of "
        f"records with text); likely duplicates reported {r['likely_duplicates']}",
        f"  glue repairs {w['glue_repairs']:,}; entity mentions linked {w['entity_mentions']:,} "
        f"({w['entities_per_article']} entities per article)",
        f"  tags per article {w['tags_per_article']} ({w['tags_on_one_weak_hit']:.1%} resting on one weak hit)",
        f"  datelines disagreeing with the date column {r['dateline_disagreements']}",
        f"  rejected by reason: {r['rejected_reasons'] or 'none'}; "
        f"{r['bytes_per_article']:,} bytes of Markdown per article",
    ]
    return lines


def report(results: dict[str, Any]) -> str:
    """The figures as a small text table, for the terminal and for notes."""
    lines = []
    if "ingest" in results:
        lines += ingest_report(results["ingest"])
    if "search" in results:
        r = results["search"]
        lines += [
            f"search: {r['articles']} synthetic articles",
            f"  index build      {r['index_build_ms_per_article']} ms/article (lunr.py default pipeline: {r['lunr_default_ms_per_article']} ms/article; target <= 2)",
            f"  index + store    {r['gzip_bytes_per_article']:,} bytes gzip/article (index {r['index_gzip_bytes']:,} + store {r['store_gzip_bytes']:,}; target <= 1,536)",
            f"  keystroke        median {r.get('keystroke_ms_median', '-')} ms, p95 {r.get('keystroke_ms_p95', '-')} ms over {r.get('keystrokes', 0)} keystrokes (target <= 50)",
            f"  site build       {r['site_build_seconds']} s",
        ]
    if "scale" in results:
        lines += scale_report(results["scale"])
    return "\n".join(lines)
