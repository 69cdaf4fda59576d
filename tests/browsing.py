"""Browser-test support: a PageGuard that fails a test on anything a reader would hit.

It collects console errors, page errors, failed requests, HTTP errors and any
request that leaves this machine. Finding Chromium lives in ``benchmarks.browser``, shared
with the benchmarks; ``serve`` is ``invoke serve``'s server (``benchmarks.siteserver``: GitHub
Pages' redirects and 404 page) under the sub-path ``/archive/``, as GitHub serves a project page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.browser import CHROMIUM_ENV, SUBPATH, chromium_executable, launch_args
from benchmarks.siteserver import serving

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Images the browser fetches apart from the page: the site's icon, and the search icon the
# stylesheet draws (a CSS mask, fetched once styles apply).
_ICON = re.compile(r"/(?:favicon\.(?:svg|ico|png)|theme/search-icon\.svg)$")
CHROMIUM_ARGS = launch_args()
__all__ = ["CHROMIUM_ARGS", "CHROMIUM_ENV", "PageGuard", "chromium_executable", "serve"]


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` at http://127.0.0.1:<free port>/archive/: a root-absolute link breaks."""
    with serving(root, base=SUBPATH) as url:
        yield url


@dataclass
class PageGuard:
    """Everything that went wrong on a page; a clean page leaves ``problems`` empty."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.problems.append(f"page error: {err}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.route("**/*", self._route)

    def _failed(self, request) -> None:
        # The browser fetches the site's icon and the stylesheet's search icon apart from
        # the page, and cancels the fetch when a test moves on to another page: that abort
        # is no fault of the page (a missing icon still fails, as an HTTP 404).
        aborted_icon = request.failure == "net::ERR_ABORTED" and _ICON.search(request.url)
        if not aborted_icon:
            self.problems.append(f"request failed: {request.url} ({request.failure})")

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
