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
- A compressed file is of its compression's type (``articles.csv.gz``: ``application/gzip``),
  sent as it is, as Pages' types (those of mime-db) have it.
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
import mimetypes
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

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
# The type of a file named for its compression (``mimetypes``' "encoding" of ``.gz``…).
ENCODED = {"gzip": "application/gzip", "bzip2": "application/x-bzip2", "xz": "application/x-xz"}


def normalise_base(base: str) -> str:
    """``archive``, ``/archive`` or ``/archive/`` as ``/archive/``; empty or ``/`` as ``/``."""
    parts = [part for part in base.strip().split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts)


@dataclass(frozen=True)
class Reply:
    """One answer of the site: what either transport (HTTP/1.0 here, HTTP/2 in
    ``benchmarks.pagesh2``) sends, so both follow the same rules."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes  # the whole body; a HEAD request is sent the headers only


def resolve(
    root: Path, base: str, target: str, *, accept_gzip: bool = False, max_age: int | None = None
) -> Reply:
    """The reply to a request for ``target`` (path and query) of the site ``root`` at ``base``.

    ``max_age``: the seconds a browser may keep a file without asking again (Pages says
    600); None sends no Cache-Control, so a contributor previewing a rebuild sees it.
    """
    split = urlsplit(target)
    path = unquote(split.path)
    if base != "/" and path == base.rstrip("/"):
        return _redirect(base)
    if not path.startswith(base):
        return _plain(HTTPStatus.NOT_FOUND, f"outside the site's base path {base}")
    local = _inside(root, path[len(base) :])
    if local.is_dir():
        if not path.endswith("/"):
            return _redirect(split.path + "/" + (f"?{split.query}" if split.query else ""))
        local = local / "index.html"
    elif (
        not local.exists()
        and not path.endswith("/")
        and local.with_name(local.name + ".html").is_file()
    ):
        local = local.with_name(local.name + ".html")
    if not local.is_file():
        return _not_found(root)
    return _file(local, accept_gzip, max_age)


def _inside(root: Path, relative: str) -> Path:
    """The file a path below the base names; ``.`` and ``..`` are skipped, never followed."""
    found = root
    for word in relative.split("/"):
        if word and word not in (os.curdir, os.pardir) and not os.path.dirname(word):
            found = found / word
    return found


def _file(path: Path, accept_gzip: bool, max_age: int | None) -> Reply:
    kind, encoding = mimetypes.guess_type(path.name)
    if encoding is not None:  # articles.csv.gz is a gzip file, as Pages says, not a CSV
        kind = ENCODED.get(encoding)
    kind = kind or "application/octet-stream"
    stat = path.stat()
    headers = [("Content-Type", kind)]
    if accept_gzip and kind in COMPRESSED:
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
    else:
        body = path.read_bytes()
    modified = formatdate(stat.st_mtime, usegmt=True)
    headers += [("Content-Length", str(len(body))), ("Last-Modified", modified)]
    if max_age is not None:
        headers.append(("Cache-Control", f"max-age={max_age}"))
    return Reply(HTTPStatus.OK, tuple(headers), body)


@functools.lru_cache(maxsize=4096)
def _gzipped(path: Path, mtime_ns: int, size: int) -> bytes:
    """A file's gzip, made once per version of it: Pages' CDN holds it ready too, and a
    server compressing each request would add its own delay to every measurement."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def _redirect(location: str) -> Reply:
    return Reply(
        HTTPStatus.MOVED_PERMANENTLY, (("Location", location), ("Content-Length", "0")), b""
    )


def _plain(status: int, text: str) -> Reply:
    body = text.encode("utf-8")
    headers = (("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))))
    return Reply(status, headers, body)


def _not_found(root: Path) -> Reply:
    """A 404 below the base carries the site's own 404.html, as Pages serves it (as is)."""
    page = root / NOT_FOUND_PAGE
    if not page.is_file():
        return _plain(HTTPStatus.NOT_FOUND, "File not found")
    body = page.read_bytes()
    headers = (("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))))
    return Reply(HTTPStatus.NOT_FOUND, headers, body)


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """Static files of ``directory`` below ``base``, with GitHub Pages' redirects and 404."""

    base = "/"
    quiet = True

    def __init__(self, *args: Any, directory: str, **kwargs: Any) -> None:
        self.directory = directory
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def send_head(self) -> Reply:
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        return resolve(Path(self.directory), self.base, self.path, accept_gzip=accepts)

    def _answer(self, with_body: bool) -> None:
        reply = self.send_head()
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(reply.body)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)


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
