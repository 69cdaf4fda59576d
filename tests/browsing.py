"""Browser-test support: serve a built site under a sub-path and watch pages for errors.

GitHub project pages live at ``/<repo>/``, so the server only answers below
``/archive/``: any root-absolute link breaks the page as it would in
production. A PageGuard collects console errors, page errors, failed
requests, HTTP errors and any request that leaves this machine.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SUBPATH = "/archive/"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ENV = "NEWSARCHIVE_CHROMIUM"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_executable() -> str | None:
    path = os.environ.get(CHROMIUM_ENV, "/usr/bin/chromium")
    found = shutil.which(path)
    return found


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
def serve(root: Path) -> Iterator[str]:
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


@dataclass
class PageGuard:
    """Everything that went wrong on a page; a clean page leaves ``problems`` empty."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.problems.append(f"page error: {err}"))
        page.on(
            "requestfailed",
            lambda req: self.problems.append(f"request failed: {req.url} ({req.failure})"),
        )
        page.on("response", self._response)
        page.route("**/*", self._route)

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.problems.append(f"third-party request: {route.request.url}")
            route.abort()

    def check(self) -> None:
        if self.problems:
            raise AssertionError("the page had problems:\n" + "\n".join(self.problems))
