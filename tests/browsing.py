"""Browser-test support: a PageGuard that fails a test on anything a reader would hit.

It collects console errors, page errors, failed requests, HTTP errors and any
request that leaves this machine. Serving under a sub-path and finding
Chromium live in ``benchmarks.browser``, shared with the benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from benchmarks.browser import CHROMIUM_ENV, chromium_executable, launch_args, serve_subpath

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = launch_args()
serve = serve_subpath
__all__ = ["CHROMIUM_ARGS", "CHROMIUM_ENV", "PageGuard", "chromium_executable", "serve"]


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
