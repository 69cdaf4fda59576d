"""What the search page downloads before it shows its first results, from a built site's files.

``first_query_bytes(output_dir, query)`` lists every file the page downloads when
it opens at ``search/?q=<query>``: the page and its stylesheets, its modules
(the module scripts, the ``modulepreload`` links and everything they import),
the files it prefetches (``rel=prefetch``), the worker module the page starts
(``script#search-start``'s ``data-worker-url``: the head starts it) and
everything it imports, and the index files the query needs — found by
running the built site's own worker (``first_query.mjs``) on that query under
Node, with the manifest the page inlines when it does, so the list is what the
worker really fetches, not a model of it. Sizes are gzip level 9 (as GitHub
Pages serves these types compressed); the browser tests
``test_first_query_fetches_what_the_budget_lists`` and
``tests/search/test_first_query_rounds.py`` check the list against the requests
Chromium makes and the files the server sends.

Rules of the module graph (``module_graph``), as the browser follows it:

- A module's imports are its top-level ``import … from '…'``, ``import '…'`` and
  ``export … from '…'`` statements (each at the start of a line, as the site's
  modules write them), ``import('…')`` with a literal URL, and ``new URL('…',
  import.meta.url)`` (a file the module fetches itself, such as lunr.min.js).
- ``new Worker(new URL('…', import.meta.url), …)`` in a module, like the head's
  ``script#search-start``, starts a worker: a realm of its own with its own
  module map, so a module both the page and the worker import is requested
  twice; the second request is answered by the HTTP cache (as is a prefetched
  file), so each file is downloaded, and counted, once.
- URLs resolve against the file that names them.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlsplit

PAGE = "search/index.html"
HELPER = Path(__file__).with_name("first_query.mjs")
_URL = r"""(['"])(?P<url>[^'"]+)\1"""
_IMPORTS = (
    re.compile(r"^import\s*(?:[^;'\"()]*?\bfrom\s*)?" + _URL, re.MULTILINE),
    re.compile(r"^export\s[^;'\"]*?\bfrom\s*" + _URL, re.MULTILINE),
    re.compile(r"\bimport\(\s*" + _URL + r"\s*\)"),
    re.compile(r"\bnew\s+URL\(\s*" + _URL + r"\s*,\s*import\.meta\.url\s*\)"),
)
_WORKER = re.compile(r"\bnew\s+Worker\(\s*new\s+URL\(\s*" + _URL + r"\s*,\s*import\.meta\.url\s*\)")
_SCRIPT_SUFFIXES = (".js", ".mjs")


class _Page(HTMLParser):
    """The files a page names: stylesheets and icons, then scripts and module preloads, and #search.

    An icon counts with the stylesheets: the browser fetches it with the page.
    """

    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.prefetched: list[str] = []
        self.start: dict[str, str] = {}  # script#search-start: the worker and the manifest
        self.manifest: str | None = None  # the text of script#search-manifest
        self._in_manifest = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").split()
        if tag == "link" and ("stylesheet" in rel or "icon" in rel) and a.get("href"):
            self.styles.append(a["href"])
        elif tag == "link" and "modulepreload" in rel and a.get("href"):
            self.scripts.append(a["href"])
        elif tag == "link" and "prefetch" in rel and a.get("href"):
            self.prefetched.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "script" and a.get("id") == "search-manifest":
            self._in_manifest, self.manifest = True, ""
        elif tag == "script" and a.get("id") == "search-start":
            self.start = a

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_manifest = False

    def handle_data(self, data: str) -> None:
        if self._in_manifest:
            self.manifest = (self.manifest or "") + data


@dataclass(frozen=True)
class SearchPage:
    """The search page's code (each file once per realm that fetches it), its worker, its index."""

    code: list[str]
    worker: str
    manifest: str
    inlined: dict[str, Any] | None = None  # the manifest, when the page carries it


def _local(output_dir: Path, base: str, address: str) -> str:
    """A URL of the page (relative, root-relative or absolute) as a path under output_dir."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or parts.path.startswith("/"):
        # Absolute (a publishing build): the longest tail of the path that is a file of the site.
        segments = [s for s in parts.path.split("/") if s]
        for start in range(len(segments)):
            candidate = "/".join(segments[start:])
            if (output_dir / candidate).is_file():
                return candidate
        raise FileNotFoundError(f"{address}: not a file of {output_dir}")
    joined = PurePosixPath(base).parent / parts.path
    resolved: list[str] = []
    for segment in joined.parts:
        if segment == "..":
            if resolved:
                resolved.pop()
        elif segment != ".":
            resolved.append(segment)
    return "/".join(resolved)


def references(source: str) -> tuple[list[str], list[str]]:
    """The URLs a module fetches in its own realm, and those of the workers it starts."""
    workers = [m["url"] for m in _WORKER.finditer(source)]
    fetched = [m["url"] for pattern in _IMPORTS for m in pattern.finditer(source)]
    return [u for u in dict.fromkeys(fetched) if u not in workers], workers


def module_graph(output_dir: Path, roots: list[str]) -> tuple[list[str], list[str]]:
    """Every file one realm fetches from its root scripts (breadth first), and the workers started."""
    files: list[str] = []
    workers: list[str] = []
    queue = list(roots)
    while queue:
        path = queue.pop(0)
        if path in files:
            continue
        if not (output_dir / path).is_file():
            raise FileNotFoundError(f"{path}: named by the search page's code, not in {output_dir}")
        files.append(path)
        if path.endswith(_SCRIPT_SUFFIXES):
            fetched, started = references((output_dir / path).read_text(encoding="utf-8"))
            queue += [_local(output_dir, path, url) for url in fetched]
            workers += [_local(output_dir, path, url) for url in started if url not in workers]
    return files, workers


def search_page(output_dir: Path) -> SearchPage:
    """The code the search page loads in the page and in its worker, and the manifest's path."""
    parser = _Page()
    parser.feed((output_dir / PAGE).read_text(encoding="utf-8"))
    if not {"data-worker-url", "data-manifest-url"} <= parser.start.keys():
        raise RuntimeError(
            f"{PAGE}: no script#search-start naming the worker and the index"
            " (data-worker-url, data-manifest-url)"
        )
    styles = [_local(output_dir, PAGE, u) for u in parser.styles]
    page, workers = module_graph(output_dir, [_local(output_dir, PAGE, u) for u in parser.scripts])
    workers = [_local(output_dir, PAGE, parser.start["data-worker-url"]), *workers]
    if len(set(workers)) != 1:
        raise RuntimeError(
            f"the search page starts {len(set(workers))} workers, not one: {workers}"
        )
    prefetched = [_local(output_dir, PAGE, u) for u in parser.prefetched]
    worker, _nested = module_graph(output_dir, workers[:1])
    code = [PAGE, *styles, *page, *prefetched, *worker]
    return SearchPage(
        code=list(dict.fromkeys(code)),  # a file both realms fetch comes from the cache
        worker=workers[0],
        manifest=_local(output_dir, PAGE, parser.start["data-manifest-url"]),
        inlined=None if parser.manifest is None else json.loads(parser.manifest),
    )


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def _message(query: str) -> dict[str, Any]:
    """The worker's search message for words typed, or for a search page query string."""
    if not query.startswith("?"):
        return {"q": query}
    params = parse_qs(query[1:])
    return {
        "q": params.get("q", [""])[0],
        "filters": {name: params.get(name, []) for name in ("entity", "tag", "year", "source")},
        "sort": params.get("sort", ["relevance"])[0],
    }


def first_query_bytes(output_dir: Path, query: str) -> dict[str, Any]:
    """Every file the search page fetches up to the first results for query, with gzip sizes.

    query is the words typed (``kim jong un``), or a search page query string
    (``?q=sanctions&tag=denuclearization&sort=newest``). Returns
    ``{"query", "results", "files": [{"path", "bytes", "gzip", "kind"}], "code_gzip",
    "data_gzip", "total_gzip", "count"}``, files in the order they are fetched.
    """
    output_dir = Path(output_dir).resolve()
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is needed to run the search scripts (Node.js 20.19 or newer)")
    page = search_page(output_dir)
    run = subprocess.run(
        [
            node,
            str(HELPER),
            str(output_dir),
            page.worker,
            page.manifest,
            json.dumps(_message(query)),
        ],
        input=json.dumps(page.inlined),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode:
        raise RuntimeError(f"the search scripts failed on {query!r}:\n{run.stderr}")
    answer = json.loads(run.stdout)
    data = answer["files"]
    # The manifest comes first: to open the index, or, when the page inlines it, to check
    # that the page is of the index served.
    if data[:1] != [page.manifest]:
        raise RuntimeError(f"the worker fetched {data[:1]} first, not the manifest {page.manifest}")
    files = [
        {
            "path": path,
            "bytes": (output_dir / path).stat().st_size,
            "gzip": gzip_size(output_dir / path),
            "kind": kind,
        }
        for kind, paths in (("code", page.code), ("data", data))
        for path in paths
    ]
    code_gzip = sum(f["gzip"] for f in files if f["kind"] == "code")
    data_gzip = sum(f["gzip"] for f in files if f["kind"] == "data")
    return {
        "query": query,
        "results": answer["total"],
        "files": files,
        "count": len(files),
        "code_gzip": code_gzip,
        "data_gzip": data_gzip,
        "total_gzip": code_gzip + data_gzip,
    }
