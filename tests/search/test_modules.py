"""The browser search code's shape: ES modules, one export style, two bundled entries.

Rules checked on the sources (``theme/static/js/``), with the same import reader
``benchmarks/firstquery.py`` follows a built site with:

- Every script is an ES module with named exports: no ``module.exports``, no
  globals (``window.x =``, ``self.x =``, ``globalThis``), no ``importScripts``.
- No file is longer than 400 lines unless a comment at its top says why.
- One binary search (``sorted.js``).
- search.html loads page.js and starts worker.js, and nothing else; the build
  bundles both (``NPM_ASSETS_BUNDLES``), so each is one request; lunr is an npm
  import of the worker, never a file of the theme. The two graphs share only
  ``protocol.js`` (a module of both is in both files).
"""

from __future__ import annotations

import ast
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


def graph(entry: str) -> set[str]:
    """What entry imports, directly or not: modules by their names in SEARCH, npm packages
    (``lunr``) by theirs."""
    seen: set[str] = set()
    queue = [entry]
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        if (SEARCH / name).is_file():
            queue += [_name(u) for u in references((SEARCH / name).read_text(encoding="utf-8"))[0]]
    return seen - {entry}


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
        assert "globalThis." not in source, f"{name} touches a global"


def test_no_file_over_400_lines_without_saying_why() -> None:
    for path in scripts():
        lines = path.read_text(encoding="utf-8").splitlines()
        head = "\n".join(lines[:15])
        assert len(lines) <= MAX_LINES or "400 lines" in head, f"{path.name}: {len(lines)} lines"


def test_one_binary_search() -> None:
    written = [p.name for p in scripts() if "(low + high)" in p.read_text(encoding="utf-8")]
    assert written == ["sorted.js"]


def test_the_page_loads_two_entries_and_the_build_bundles_both() -> None:
    template = TEMPLATE.read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="module" src="[^"]*/theme/js/search/([^"]+)">', template)
    workers = re.findall(r'data-worker-url="[^"]*/theme/js/search/([^"]+)"', template)
    assert (scripts, workers) == (["page.js"], ["worker.js"])
    assert "modulepreload" not in template and "prefetch" not in template
    settings = (ROOT / "pelican.conf.py").read_text(encoding="utf-8")
    bundled = re.search(r"^NPM_ASSETS_BUNDLES = (\[.*\])$", settings, re.MULTILINE)
    assert bundled and set(ast.literal_eval(bundled.group(1))) == {
        "theme/js/search/page.js",
        "theme/js/search/worker.js",
    }
    page = graph("page.js")
    worker = graph("worker.js")
    assert {"engine.js", "shards.js", "pipeline.js", "score.js", "lunr"} <= worker
    assert "lunr" not in page and page & worker == {"protocol.js"}
    assert references((SEARCH / "page.js").read_text(encoding="utf-8"))[1] == []


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
