"""One ingest run: records in, files written, a summary and every rejection out."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from newsarchive.content import frontmatter
from newsarchive.content.fingerprints import NearDuplicates, NearPair, signature, story_words
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.ingester import Article, Ingester
from newsarchive.ingest.inputs import RawRecord
from newsarchive.ingest.store import Outcome, Store

PROGRESS_THRESHOLD = 200
PARALLEL_THRESHOLD = 1000  # below this, starting worker processes costs more than it saves
SHOWN_NOTES = 20  # near-duplicates and dateline disagreements listed one by one, at most

_worker_ingester: Ingester | None = None


@dataclass
class Figures:
    """What the articles written in a run hold: the measure of how well ingest did."""

    articles: int = 0
    glue_repairs: int = 0
    controls_removed: int = 0
    mentions: int = 0
    entities: int = 0
    tags: int = 0
    weak_tags: int = 0
    tagged: Counter[str] = field(default_factory=Counter)
    weak_by_tag: Counter[str] = field(default_factory=Counter)
    restored: int = 0  # bodies whose paragraph breaks were put back
    subheads: int = 0  # run-in subheads made headings
    repeated_tails: int = 0  # bodies that lost a repeated tail
    repeat_chars: int = 0  # characters those tails held
    cut: int = 0  # bodies the dataset cut upstream (cut: in their front matter)

    def add(self, article: Article) -> None:
        found = article.findings
        self.articles += 1
        self.glue_repairs += found.glue_repairs
        self.restored += found.restored
        self.subheads += found.subheads
        self.repeated_tails += found.repeat_dropped > 0
        self.repeat_chars += found.repeat_dropped
        self.cut += found.cut
        self.controls_removed += found.controls_removed
        self.mentions += found.mentions
        self.entities += len(article.draft.meta.get("entities", ()))
        self.tags += len(found.tags)
        for tag_id, weak in found.tags:
            self.tagged[tag_id] += 1
            if weak:
                self.weak_by_tag[tag_id] += 1
                self.weak_tags += 1

    def as_dict(self) -> dict[str, float | int]:
        n = self.articles or 1
        return {
            "articles": self.articles,
            "glue_repairs": self.glue_repairs,
            "entity_mentions": self.mentions,
            "entities_per_article": round(self.entities / n, 2),
            "tags_per_article": round(self.tags / n, 2),
            "tags_on_one_weak_hit": round(self.weak_tags / self.tags, 3) if self.tags else 0.0,
            "paragraphs_restored": self.restored,
            "subheads": self.subheads,
            "repeated_tails": self.repeated_tails,
            "repeat_chars_dropped": self.repeat_chars,
            "cut_upstream": self.cut,
        }

    def body_notes(self) -> list[str]:
        """What ingest changed in the bodies' layout and what it took out: nothing silently."""
        out = []
        if self.restored:
            out.append(
                f"paragraph breaks restored in {self.restored} run-together bodies "
                f"({self.subheads} run-in subheads made headings)"
            )
        if self.repeated_tails:
            out.append(
                f"repeated tails dropped from {self.repeated_tails} bodies: {self.repeat_chars:,} "
                "characters that repeated the body's earlier text after its credit"
            )
        if self.cut:
            out.append(f"{self.cut} bodies cut upstream by their dataset (marked cut:)")
        return out


@dataclass
class Summary:
    records: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in Outcome})
    rejected: list[tuple[str, str]] = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    figures: Figures = field(default_factory=Figures)
    near: list[tuple[str, str, float]] = field(default_factory=list)  # (path, path, similarity)
    dateline_gaps: list[tuple[str, str, int]] = field(default_factory=list)  # (label, path, days)
    columns: dict[str, str] = field(default_factory=dict)  # field -> corpus column used

    def line(self) -> str:
        c = self.counts
        parts = [f"imported {c['imported']}"]
        if c["merged"]:
            parts.append(f"merged {c['merged']} (another record of a story already imported)")
        parts += [f"unchanged {c['unchanged']}", f"rejected {len(self.rejected)}"]
        if c["kept"]:
            parts.append(
                f"kept {c['kept']} that differ from a fresh ingest (edited by hand?; --force overwrites)"
            )
        if c["updated"]:
            parts.append(f"overwritten {c['updated']} (--force)")
        for lang, n in sorted(self.filtered.items()):
            parts.append(f"left out {n} in language {lang!r}")
        removed = self.figures.controls_removed
        if removed:
            parts.append(f"removed {removed} control character{'s' if removed > 1 else ''}")
        rate = self.records / self.seconds if self.seconds else 0.0
        return (
            f"{', '.join(parts)} — {self.records} records in {self.seconds:.1f} s ({rate:,.0f}/s)"
        )

    def rejects_by_reason(self) -> dict[str, int]:
        return dict(Counter(reason_kind(reason) for _, reason in self.rejected).most_common())

    def notes(self) -> list[str]:
        """What a careful reader of the run should look at: columns, duplicates, date doubts."""
        out = []
        if self.columns:
            used = ", ".join(f"{name}={column}" for name, column in self.columns.items())
            out.append(f"columns: {used}")
        f = self.figures
        if f.articles:
            figures = f.as_dict()
            out.append(
                f"written: {f.articles} articles, {f.glue_repairs} glued words repaired, "
                f"{f.mentions} entity mentions ({figures['entities_per_article']} entities "
                f"per article), {figures['tags_per_article']} tags per article "
                f"({figures['tags_on_one_weak_hit']:.0%} on one weak hit)"
            )
            out += f.body_notes()
        if self.near:
            out.append(
                f"{len(self.near)} likely duplicates (nearly the same words; not merged, "
                "compare and keep one):"
            )
            out += [f"  {a} ~ {b} (similarity {s:.2f})" for a, b, s in self.near[:SHOWN_NOTES]]
        if self.dateline_gaps:
            out.append(
                f"{len(self.dateline_gaps)} articles whose dateline is more than a few days "
                "from the date column (check the column):"
            )
            out += [
                f"  {label} -> {path}: {days} days apart"
                for label, path, days in self.dateline_gaps[:SHOWN_NOTES]
            ]
        return out


def reason_kind(reason: str) -> str:
    """A rejection's kind for counting: the field or condition before the first colon."""
    return reason.split(":", 1)[0].strip() if ":" in reason else reason


def ingest(
    records: Iterable[RawRecord],
    ingester: Ingester,
    store: Store,
    *,
    languages: set[str] | None = None,
    total: int | None = None,
    progress: bool = True,
    jobs: int | None = None,
    shown: Callable[[Path], str] = str,
) -> Summary:
    """Write every good record; collect every bad one with its reason, never stop early.

    Parsing, matching and signatures run in worker processes on large inputs;
    slugs and writes stay in this process, in input order, so runs are
    reproducible. New articles are checked against each other and against the
    articles already in the store for near-duplicates.
    """
    summary = Summary()
    started = time.perf_counter()
    near = _NearIndex(store, shown)

    def wanted() -> Iterator[RawRecord]:
        for record in records:
            summary.records += 1
            advance()
            for name, column in record.columns:
                summary.columns.setdefault(name, column)
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
                outcome, path = store.put(article.draft)
                summary.counts[outcome.value] += 1
                if outcome in (Outcome.IMPORTED, Outcome.UPDATED):
                    summary.figures.add(article)
                    near.add(path, article)
                    gap = article.findings.dateline_gap
                    if gap is not None:
                        summary.dateline_gaps.append((label, shown(path), gap))
    store.flush()
    summary.near = near.pairs()
    summary.seconds = time.perf_counter() - started
    return summary


class _NearIndex:
    """Near-duplicates among the run's new articles and the articles the store held before.

    Articles already in the store are signed only when the run wrote something
    (a re-run that changes nothing costs nothing), and then in one pass.
    """

    def __init__(self, store: Store, shown: Callable[[Path], str]) -> None:
        self.store = store
        self.shown = shown
        self.new: list[tuple[Path, Article]] = []

    def add(self, path: Path, article: Article) -> None:
        self.new.append((path, article))

    def pairs(self) -> list[tuple[str, str, float]]:
        if not self.new:
            return []
        index = NearDuplicates()
        words: dict[Path, list[str]] = {}

        def words_of(path: Path) -> list[str]:
            if path not in words:
                words[path] = _file_words(path)
            return words[path]

        new_paths = {path for path, _ in self.new}
        found: list[NearPair] = []
        for path in self.store.existing:
            if path not in new_paths:
                index.add(path, signature(words_of(path)), words_of)
                words.pop(path)  # read again if a candidate: keep memory flat
        for path, article in self.new:
            found += index.add(path, article.signature, words_of)
        return [
            (self.shown(p.first), self.shown(p.second), p.similarity)
            for p in found
            if p.first != p.second and p.similarity < 1.0
        ]


def _file_words(path: Path) -> list[str]:
    try:
        return story_words(frontmatter.parse(path.read_text(encoding="utf-8")).body)
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return []


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
