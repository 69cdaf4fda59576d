"""One ingest run: records in, files written, a summary and every rejection out."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.inputs import RawRecord
from newsarchive.ingest.pipeline import Article, Ingester, draft
from newsarchive.ingest.store import Outcome, Store

PROGRESS_THRESHOLD = 200
PARALLEL_THRESHOLD = 1000  # below this, starting worker processes costs more than it saves

_worker_ingester: Ingester | None = None


@dataclass
class Summary:
    records: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in Outcome})
    rejected: list[tuple[str, str]] = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        c = self.counts
        parts = [
            f"imported {c['imported']}",
            f"unchanged {c['unchanged']}",
            f"rejected {len(self.rejected)}",
        ]
        if c["kept"]:
            parts.append(
                f"kept {c['kept']} that differ from a fresh ingest (edited by hand?; --force overwrites)"
            )
        if c["updated"]:
            parts.append(f"overwritten {c['updated']} (--force)")
        for lang, n in sorted(self.filtered.items()):
            parts.append(f"left out {n} in language {lang!r}")
        rate = self.records / self.seconds if self.seconds else 0.0
        return (
            f"{', '.join(parts)} — {self.records} records in {self.seconds:.1f} s ({rate:,.0f}/s)"
        )


def ingest(
    records: Iterable[RawRecord],
    ingester: Ingester,
    store: Store,
    *,
    languages: set[str] | None = None,
    total: int | None = None,
    progress: bool = True,
    jobs: int | None = None,
) -> Summary:
    """Write every good record; collect every bad one with its reason, never stop early.

    Parsing and matching run in worker processes on large inputs; slugs and
    writes stay in this process, in input order, so runs are reproducible.
    """
    summary = Summary()
    started = time.perf_counter()

    def wanted() -> Iterator[RawRecord]:
        for record in records:
            summary.records += 1
            advance()
            lang = record.fields.get("lang", "").lower()
            if languages and lang and lang not in languages:
                summary.filtered[lang] = summary.filtered.get(lang, 0) + 1
                continue
            yield record

    jobs = jobs or os.cpu_count() or 1
    parallel = jobs > 1 and (total or 0) >= PARALLEL_THRESHOLD
    with (
        _progress(total if progress else None) as advance,
        _parser(ingester, jobs if parallel else 1) as parse,
    ):
        for label, result in parse(wanted()):
            if isinstance(result, str):
                summary.rejected.append((label, result))
                continue
            for article in result:
                outcome, _path = store.put(draft(article, store))
                summary.counts[outcome.value] += 1
    summary.seconds = time.perf_counter() - started
    return summary


Parsed = tuple[str, "list[Article] | str"]


def _parse_one(record: RawRecord) -> Parsed:
    assert _worker_ingester is not None
    try:
        return record.label, _worker_ingester.articles(record)
    except IngestError as err:
        return record.label, err.reason


@contextmanager
def _parser(
    ingester: Ingester, jobs: int
) -> Iterator[Callable[[Iterable[RawRecord]], Iterable[Parsed]]]:
    """A map from records to parsed articles, in order: in-process, or over forked workers."""
    global _worker_ingester
    _worker_ingester = ingester
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda records: map(_parse_one, records)
        return
    # Forked workers inherit the ingester with its compiled matchers: nothing to pickle.
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield lambda records: pool.imap(_parse_one, records, chunksize=32)


@contextmanager
def _progress(total: int | None) -> Iterator[Callable[[], None]]:
    """A rich progress bar on large inputs when stderr is a terminal; silent otherwise."""
    if not total or total < PROGRESS_THRESHOLD:
        yield lambda: None
        return
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=total)
        yield lambda: bar.advance(task)


def default_content_dir(dest: Path) -> Path:
    """The content folder whose registries apply: dest's nearest ancestor holding entities/."""
    for folder in (dest, *dest.resolve().parents):
        if (folder / "entities").is_dir():
            return folder
    return Path(__file__).resolve().parents[2] / "content"
