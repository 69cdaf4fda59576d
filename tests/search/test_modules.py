"""The browser search code's shape: ES modules, one export style, flat worker graph, preloads.

Rules checked on the sources (``theme/static/js/``), with the same import reader
``benchmarks/firstquery.py`` follows a built site with:

- Every script is an ES module with named exports: no ``module.exports``, no
  globals (``window.x =``, ``self.x =``), no ``importScripts``; the one global
  write is ``load-lunr.js`` lending lunr's UMD wrapper a ``define`` while it loads.
- No file is longer than 400 lines unless a comment at its top says why.
- One binary search (``sorted.js``).
- The worker's entry imports every module of its graph itself, so the browser
  requests them all in one round; the page preloads every module of its own graph
  (``<link rel="modulepreload">`` in search.html); the two graphs share only
  ``protocol.js`` (a module of both is downloaded twice).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from benchmarks.firstquery import references

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "theme" / "static" / "js"
SEARCH = JS / "search"
TEMPLATE = ROOT / "theme" / "templates" / "search.html"
MAX_LINES = 400


def scripts() -> list[Path]:
    return sorted(JS.rglob("*.js"))


def graph(entry: str) -> tuple[set[str], set[str]]:
    """The search modules reachable from entry (names in SEARCH), and those entry imports itself."""
    direct = {_name(url) for url in references((SEARCH / entry).read_text(encoding="utf-8"))[0]}
    seen: set[str] = set()
    queue = [entry]
    while queue:
        name = queue.pop()
        if name in seen or not (SEARCH / name).is_file():
            continue  # lunr.min.js: a vendored file outside the folder, imported by URL
        seen.add(name)
        queue += [_name(u) for u in references((SEARCH / name).read_text(encoding="utf-8"))[0]]
    return seen - {entry}, direct


def code(source: str) -> str:
    """A script without its comments (block comments, and // lines), for the checks of code."""
    return re.sub(r"^\s*//.*$", "", re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL), flags=re.M)


def _name(url: str) -> str:
    path = PurePosixPath(url)
    return path.name if str(path.parent) in {".", ""} else str(path)


def test_every_script_is_a_module_with_named_exports_and_no_globals() -> None:
    assert scripts(), "no scripts found"
    for path in scripts():
        source = code(path.read_text(encoding="utf-8"))
        name = path.relative_to(JS).as_posix()
        assert re.search(r"^(?:import|export) ", source, re.MULTILINE), f"{name}: not a module"
        assert "module.exports" not in source and "importScripts" not in source, name
        assert not re.search(r"\bexport\s+default\b", source), f"{name}: named exports only"
        assert not re.search(r"\b(?:window|self)\.\w+\s*=[^=]", source), f"{name} sets a global"
        if name != "search/load-lunr.js":
            assert "globalThis." not in source, f"{name} touches a global"


def test_no_file_over_400_lines_without_saying_why() -> None:
    for path in scripts():
        lines = path.read_text(encoding="utf-8").splitlines()
        head = "\n".join(lines[:15])
        assert len(lines) <= MAX_LINES or "400 lines" in head, f"{path.name}: {len(lines)} lines"


def test_one_binary_search() -> None:
    written = [p.name for p in scripts() if "(low + high)" in p.read_text(encoding="utf-8")]
    assert written == ["sorted.js"]


def test_the_worker_requests_its_whole_graph_at_once() -> None:
    reachable, direct = graph("worker.js")
    assert {"engine.js", "shards.js", "pipeline.js", "score.js"} <= reachable
    assert reachable - direct == set(), "import these in worker.js too"


def test_the_page_preloads_its_whole_graph_and_shares_only_the_protocol() -> None:
    reachable, _direct = graph("page.js")
    preloaded = {
        PurePosixPath(href).name
        for href in re.findall(
            r'<link rel="modulepreload" href="[^"]*/theme/js/search/([^"]+)">',
            TEMPLATE.read_text(encoding="utf-8"),
        )
    }
    assert preloaded == reachable
    page = r'<script type="module" src="[^"]*/theme/js/search/page\.js">'
    assert re.search(page, TEMPLATE.read_text(encoding="utf-8"))
    worker, _ = graph("worker.js")
    assert reachable & worker == {"protocol.js"}
    assert references((SEARCH / "page.js").read_text(encoding="utf-8"))[1] == ["./worker.js"]


def test_the_import_reader_finds_every_kind_of_reference() -> None:
    """The reader firstquery.py and these checks share, on the forms the site's modules use."""
    source = """
import { a,
  b } from './a.js';
import './side.js';
export { c } from "./c.js";
export const LUNR = new URL('../../vendor/lunr.min.js', import.meta.url).href;
const later = import('./lazy.js');
const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
// import { no } from './comment.js';
 * import x from './doc.js'
const s = 'import y from "./string.js"';
"""
    fetched, workers = references(source)
    assert fetched == ["./a.js", "./side.js", "./c.js", "./lazy.js", "../../vendor/lunr.min.js"]
    assert workers == ["./worker.js"]
