"""What the search index the site ships costs: time to write it, bytes on disk, bytes a query fetches.

Rules: sizes are read from the files a build wrote under ``search/`` (the page
itself, ``search/index.html``, is code and counted with the first query), gzip
level 9 per file, as GitHub Pages serves each file compressed; the build time
is ``ordered`` + ``shards.write_shards`` — what ``plugins/archive_search`` runs —
timed on the same articles read without Pelican (``benchmarks.corpus``), since
the build's log does not time its parts; the first query is what
``benchmarks.firstquery.first_query_bytes`` lists (the site's own scripts run
under Node), never a model of it. lunr.py's own Builder is a reference figure
only: the site does not ship its index.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import docs_from_content
from benchmarks.firstquery import first_query_bytes, gzip_size
from benchmarks.measure import BenchError
from newsarchive.content.registry import load_entities, load_tags
from newsarchive.search.documents import SearchDoc
from newsarchive.search.shards import ordered, write_shards

SEARCH_PAGE = "index.html"  # under search/: the page, not the index
FIRST_QUERY = "kim jong un"  # a name in most articles of a Korea archive: its terms are big
# The heaviest first queries at scale: common names, a spelling variant (folded to
# "denuclearization", a word of thousands of articles) and a typo (of "Biegun").
SCALE_QUERIES = (FIRST_QUERY, "denuclearisation talks", "beigun")


def shipped_index(output: Path) -> dict[str, Any]:
    """Files, bytes and gzip bytes of the index a build wrote under search/, in all and per article.

    ``families`` splits them by kind (``terms``, ``heads``, ``tails``, ``docs``,
    ``facets.json`` ...), so a change that grows one kind shows where.
    """
    folder = output / "search"
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        raise BenchError(f"{manifest}: the build wrote no sharded search index")
    articles = json.loads(manifest.read_text(encoding="utf-8"))["docs"]
    families: dict[str, dict[str, int]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).parts[0]
        if name == SEARCH_PAGE:
            continue
        family = families.setdefault(name, {"files": 0, "bytes": 0, "gzip_bytes": 0})
        family["files"] += 1
        family["bytes"] += path.stat().st_size
        family["gzip_bytes"] += gzip_size(path)
    total = {
        key: sum(f[key] for f in families.values()) for key in ("files", "bytes", "gzip_bytes")
    }
    return {
        "articles": articles,
        **total,
        "bytes_per_article": round(total["bytes"] / max(1, articles)),
        "gzip_bytes_per_article": round(total["gzip_bytes"] / max(1, articles)),
        "families": families,
    }


def index_inputs(content: Path) -> tuple[list[SearchDoc], dict[str, str], dict[str, str]]:
    """The search documents of a content folder and the entity and tag names the index shows."""
    docs = docs_from_content(content)
    names = {i: e.name for i, e in load_entities(content).items()}
    tags = {i: t.name for i, t in load_tags(content).items()}
    return docs, names, tags


def index_build(
    docs: Sequence[SearchDoc], entity_names: Mapping[str, str], tag_names: Mapping[str, str]
) -> dict[str, Any]:
    """Seconds to order the documents and write the sharded index, as the build does."""
    with tempfile.TemporaryDirectory(prefix="bench-index-") as scratch:
        started = time.perf_counter()
        write_shards(Path(scratch), ordered(docs), entity_names, tag_names)
        seconds = time.perf_counter() - started
    return {
        "method": "ordered + shards.write_shards on the articles read by benchmarks.corpus",
        "docs": len(docs),
        "seconds": round(seconds, 2),
        "ms_per_article": round(seconds * 1000 / max(1, len(docs)), 3),
    }


def lunr_reference(docs: Sequence[SearchDoc], sample: int) -> dict[str, Any]:
    """lunr.py's own Builder with its default pipeline on the first ``sample`` articles.

    A reference only, to tell our index code from lunr's: the site does not ship this index.
    """
    import lunr as lunr_py

    chosen = docs[:sample]
    started = time.perf_counter()
    lunr_py.lunr(
        ref="r",
        fields=("t", "s", "b"),
        documents=[
            {"r": str(i), "t": d.title, "s": d.summary, "b": d.body} for i, d in enumerate(chosen)
        ],
    )
    seconds = time.perf_counter() - started
    return {
        "what": "not shipped: lunr.py's Builder, default pipeline, title/summary/body",
        "articles": len(chosen),
        "ms_per_article": round(seconds * 1000 / max(1, len(chosen)), 3),
    }


def first_query(output: Path, query: str) -> dict[str, Any]:
    """Bytes (gzip) the search page downloads up to the first results for query, code included.

    A failure is kept in ``error`` with ``gzip_bytes`` None, so one long scale run
    keeps its other figures; the report and the tests treat None as a failure.
    """
    try:
        result = first_query_bytes(output, query)
    except (RuntimeError, OSError, KeyError, ValueError) as err:
        return {"query": query, "gzip_bytes": None, "error": f"first_query_bytes failed: {err}"}
    return {
        "query": query,
        "results": result["results"],
        "gzip_bytes": result["total_gzip"],
        "code_gzip_bytes": result["code_gzip"],
        "data_gzip_bytes": result["data_gzip"],
        # A list, not a mapping: a module both the page and its worker import is fetched twice.
        "files": [{k: f[k] for k in ("path", "gzip", "kind")} for f in result["files"]],
        "by_kind": _by_kind(result["files"]),
    }


def _by_kind(files: list[dict[str, Any]]) -> dict[str, int]:
    """Gzip bytes per kind of file fetched: ``code``, then each index family (``docs``, ...)."""
    kinds: dict[str, int] = {}
    for f in files:
        parts = f["path"].split("/")
        kind = "code" if f["kind"] == "code" else parts[1] if len(parts) > 1 else parts[0]
        kinds[kind] = kinds.get(kind, 0) + f["gzip"]
    return kinds
