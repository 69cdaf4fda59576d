"""Benchmarks behind `invoke bench`: figures printed and written as JSON, never asserted in tests.

The machine is shared and noisy, so each benchmark reports what it measured in
one run, side by side, and the caller compares ratios rather than seconds.
"""

from __future__ import annotations

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


BENCHMARKS: dict[str, Callable[..., dict[str, Any]]] = {"ingest": bench_ingest}


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
    return "\n".join(lines)
