"""Ingest measured on a real corpus: records per second, what the articles hold, what was turned away.

Rules: the corpus is ingested twice into one scratch folder — cold, then an
idempotent re-run that must import nothing — with the English filter the
shipped archive uses; articles are written to memory (/dev/shm) where the
machine has it, so the figures are ingest's own work, not the file system's.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from newsarchive.ingest.ingester import Ingester
from newsarchive.ingest.inputs import Columns, count_records, read_source
from newsarchive.ingest.run import Summary, ingest
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
            figures[run] = _run_figures(summary)
            if run == "cold":
                figures["written"] = summary.figures.as_dict()
                figures["likely_duplicates"] = len(summary.near)
                figures["dateline_disagreements"] = len(summary.dateline_gaps)
        figures["rejected_reasons"] = summary.rejects_by_reason()
        figures["bytes_per_article"] = round(
            sum(p.stat().st_size for p in dest.rglob("*.md")) / max(1, figures["cold"]["imported"])
        )
    return figures


def _run_figures(summary: Summary) -> dict[str, Any]:
    """Speed over the records ingest had to parse (the language filter's are not its work)."""
    wanted = summary.records - sum(summary.filtered.values())
    parsed = wanted - len(summary.rejected)
    return {
        "seconds": round(summary.seconds, 2),
        "records_with_text": parsed,
        "records_per_second": round(parsed / max(summary.seconds, 1e-9)),
        **summary.counts,
        "rejected": len(summary.rejected),
    }


def kcna_content(shared: Path, registry: Path, content: Path, jobs: int | None) -> dict[str, Any]:
    """The English KCNA stories with a body ingested into content/articles, with the registries."""
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
