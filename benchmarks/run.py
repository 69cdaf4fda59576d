"""What `invoke bench` runs: the benchmarks by name, their figures gathered and written as JSON.

Rules: every benchmark is called alike, ``(shared, registry, jobs=..., **options)``,
and returns JSON-ready figures; figures are printed and written, never asserted
(the machine is shared and noisy, so a run reports what it measured side by
side and the reader compares ratios rather than seconds); the JSON records the
machine it ran on.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from benchmarks.ingest import bench_ingest
from benchmarks.report import write_json
from benchmarks.scale import bench_scale
from benchmarks.search import bench_search

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
    write_json(results, out)
    return results
