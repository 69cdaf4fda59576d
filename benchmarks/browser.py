"""A built site in a real browser: Debian's Chromium, served under a GitHub-Pages-like sub-path.

Shared by the browser tests and the search benchmark. GitHub project pages live
at ``/<repo>/``, so the server answers only below ``/archive/``: a
root-absolute link breaks here exactly as it would in production.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

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


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Static files below SUBPATH only, with GitHub Pages' directory redirects."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + urlsplit(path).path[len(SUBPATH) :])

    def send_head(self):  # type: ignore[no-untyped-def]
        local = urlsplit(self.path).path
        if local == SUBPATH.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", SUBPATH)
            self.end_headers()
            return None
        if not local.startswith(SUBPATH):
            self.send_error(404, "outside the site's sub-path")
            return None
        return super().send_head()


@contextmanager
def serve_subpath(root: Path) -> Iterator[str]:
    """Serve ``root`` at http://127.0.0.1:<free port>/archive/ for the duration."""
    handler = functools.partial(_SubPathHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()
