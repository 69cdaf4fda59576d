"""What the search page downloads before it shows its first results, from a built site's files.

``first_query_bytes(output_dir, query)`` lists every file the page fetches when
it opens at ``search/?q=<query>``: the page, its stylesheet and script, the
worker and the scripts it imports (found by reading the page and the worker as
the browser does), and the index files the query needs — found by running the
site's own search scripts on that query under Node (``first_query.cjs``), so
the list is what the worker really fetches, not a model of it. Sizes are gzip
level 9 (as GitHub Pages serves these types compressed); the browser test
``test_first_query_fetches_what_the_budget_lists`` checks the list against the
requests Chromium makes.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlsplit

PAGE = "search/index.html"
HELPER = Path(__file__).with_name("first_query.cjs")
_IMPORTS = re.compile(r"importScripts\(([^)]*)\)")
_STRING = re.compile(r"""['"]([^'"]+)['"]""")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.search: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in a.get("rel", "").split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif a.get("id") == "search":
            self.search = a


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


def page_files(output_dir: Path) -> tuple[list[str], str]:
    """The code the search page loads (page, stylesheet, scripts, worker and its imports), and
    the manifest's path."""
    parser = _Page()
    parser.feed((output_dir / PAGE).read_text(encoding="utf-8"))
    files = [PAGE] + [_local(output_dir, PAGE, u) for u in parser.urls]
    worker = _local(output_dir, PAGE, parser.search["data-worker-url"])
    files.append(worker)
    source = (output_dir / worker).read_text(encoding="utf-8")
    for call in _IMPORTS.findall(source):
        files += [_local(output_dir, worker, name) for name in _STRING.findall(call)]
    return files, _local(output_dir, PAGE, parser.search["data-manifest-url"])


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


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
        raise RuntimeError("node is needed to run the search scripts (Node.js 20)")
    code, manifest = page_files(output_dir)
    message: dict[str, Any] = {"q": query}
    if query.startswith("?"):
        params = parse_qs(query[1:])
        message = {
            "q": params.get("q", [""])[0],
            "filters": {name: params.get(name, []) for name in ("entity", "tag", "year", "source")},
            "sort": params.get("sort", ["relevance"])[0],
        }
    run = subprocess.run(
        [node, str(HELPER), str(output_dir), json.dumps(message)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode:
        raise RuntimeError(f"the search scripts failed on {query!r}:\n{run.stderr}")
    answer = json.loads(run.stdout)
    data = answer["files"]
    if data[:1] != [manifest]:
        raise RuntimeError(f"the worker fetched {data[:1]} first, not the manifest {manifest}")
    files = []
    for kind, paths in (("code", code), ("data", data)):
        for path in paths:
            files.append(
                {
                    "path": path,
                    "bytes": (output_dir / path).stat().st_size,
                    "gzip": gzip_size(output_dir / path),
                    "kind": kind,
                }
            )
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
