"""A built site served as GitHub Pages serves it: `invoke serve` and the browser tests' server.

One implementation for both, so what a contributor sees locally is what the tests check. It
lives in ``benchmarks/``, the project's development tooling (outside the ``newsarchive``
package, which holds what builds the site, not what previews it): ``tasks.py`` imports the
tooling already, and the tests import it without importing ``tasks.py``.

The rules, each one what GitHub Pages does for a project page published at ``/<repo>/``:

- Files are served only below the base path (``/`` or a sub-path such as ``/archive/``);
  anything outside it is a plain 404, as on Pages, where the host's root is another site.
  The base without its slash (``/archive``) redirects to the base (301).
- A folder address serves its ``index.html``; a folder asked for without its trailing slash
  redirects to it (301). A folder without ``index.html`` is missing: Pages lists no folder.
- ``/x`` serves ``x.html`` when there is no ``x`` (Pages' extension-less addresses).
- Any missing address below the base answers 404 with the body of the site's root
  ``404.html`` (as is: Pages does not rewrite it), at whatever depth it was asked for.
- A file of a type Pages compresses (``COMPRESSED``: HTML, CSS, JavaScript, JSON, SVG,
  XML, text) is sent gzipped (``Content-Encoding: gzip``) to a client that accepts it, so
  the bytes a browser test or a benchmark sees are about those of Pages. Nothing else
  of Pages is imitated: this server speaks HTTP/1.0, one request per connection, where
  Pages speaks HTTP/2, so a browser here holds requests beyond six to the host in a
  queue, and many small files cost more rounds than they would on Pages.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

NOT_FOUND_PAGE = "404.html"
LOCALHOST = "127.0.0.1"
COMPRESSED = frozenset(
    {
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "image/svg+xml",
        "application/xml",
        "text/xml",
        "text/plain",
    }
)


def normalise_base(base: str) -> str:
    """``archive``, ``/archive`` or ``/archive/`` as ``/archive/``; empty or ``/`` as ``/``."""
    parts = [part for part in base.strip().split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts)


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of ``directory`` below ``base``, with GitHub Pages' redirects and 404."""

    base = "/"
    quiet = True
    _gzip: bytes | None = None  # the body of the file being sent, gzipped

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def _local(self, path: str | None = None) -> str | None:
        """A request path inside the site (``/`` and below), or None outside the base."""
        path = urlsplit(getattr(self, "path", "") if path is None else path).path
        if not path.startswith(self.base):
            return None
        return "/" + path[len(self.base) :]

    def translate_path(self, path: str) -> str:
        local = self._local(path) or "/"
        found = super().translate_path(local)
        if (
            not local.endswith("/")
            and not os.path.exists(found)
            and os.path.isfile(found + ".html")
        ):
            return found + ".html"
        return found

    def send_head(self):  # type: ignore[no-untyped-def]
        path = urlsplit(self.path).path
        if path == self.base.rstrip("/") and self.base != "/":
            return self._redirect(self.base)
        if self._local() is None:
            self.send_error(HTTPStatus.NOT_FOUND, f"outside the site's base path {self.base}")
            return None
        return super().send_head()

    def send_header(self, keyword: str, value: str) -> None:
        """Content-Length and -Encoding of a gzipped file are those of the gzip (``copyfile``)."""
        gzipped = self._gzip
        if gzipped is not None and keyword.lower() == "content-length":
            super().send_header("Content-Encoding", "gzip")
            super().send_header("Vary", "Accept-Encoding")
            value = str(len(gzipped))
        super().send_header(keyword, value)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """The type, and whether to gzip: a compressed type, to a client accepting gzip."""
        kind = super().guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        self._gzip = None
        if accepts and kind.split(";")[0] in COMPRESSED and os.path.isfile(path):
            with open(path, "rb") as file:
                self._gzip = gzip.compress(file.read(), compresslevel=6, mtime=0)
        return kind

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        gzipped, self._gzip = self._gzip, None
        if gzipped is None:
            super().copyfile(source, outputfile)
        else:
            super().copyfile(io.BytesIO(gzipped), outputfile)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def list_directory(self, path: str | os.PathLike[str]):  # type: ignore[no-untyped-def]
        """A folder without index.html is missing, as on Pages (which lists no folder)."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A 404 below the base carries the site's own 404.html, as Pages serves it."""
        page = self._not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        if self._local() is None:
            return None
        page = Path(self.directory, NOT_FOUND_PAGE)
        return page if page.is_file() else None


def make_server(
    root: Path, *, base: str = "/", host: str = LOCALHOST, port: int = 0, quiet: bool = True
) -> http.server.ThreadingHTTPServer:
    """A server of ``root`` at ``http://host:port<base>`` (port 0: any free one), not started."""
    handler = type(
        "SitePagesHandler", (PagesHandler,), {"base": normalise_base(base), "quiet": quiet}
    )
    return http.server.ThreadingHTTPServer(
        (host, port), functools.partial(handler, directory=str(root))
    )


def site_address(server: http.server.ThreadingHTTPServer, base: str) -> str:
    """The address a reader opens: ``http://host:port/base/``."""
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{normalise_base(base)}"


@contextmanager
def serving(root: Path, *, base: str = "/") -> Iterator[str]:
    """Serve ``root`` on a free port of this machine, in a thread, for the duration."""
    server = make_server(root, base=base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site_address(server, base)
    finally:
        server.shutdown()
        server.server_close()
