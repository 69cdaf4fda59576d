"""A built site in a real browser: Debian's Chromium, served under a GitHub-Pages-like sub-path.

Shared by the browser tests and the search benchmark. GitHub project pages live
at ``/<repo>/``, so the server answers only below ``/archive/``: a
root-absolute link breaks here exactly as it would in production.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.siteserver import serving

SUBPATH = "/archive/"
CHROMIUM_ENV = "NEWSARCHIVE_CHROMIUM"


def chromium_executable() -> str | None:
    """Debian's /usr/bin/chromium, or the executable named by NEWSARCHIVE_CHROMIUM."""
    return shutil.which(os.environ.get(CHROMIUM_ENV, "/usr/bin/chromium"))


def launch_args() -> list[str]:
    """Flags for a closed network: no background requests, no sandbox when run as root."""
    args = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args


@contextmanager
def serve_subpath(root: Path) -> Iterator[str]:
    """Serve ``root`` at http://127.0.0.1:<free port>/archive/ for the duration, as Pages does."""
    with serving(root, base=SUBPATH) as address:
        yield address
