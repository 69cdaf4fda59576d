"""The figures as text tables for the terminal and notes, and as the JSON file `invoke bench` writes.

Rules: the report only formats what the benchmarks measured — it computes no
figure; a figure that was not measured prints as ``-`` or with its reason,
never as zero; sizes are KiB and MiB (1,024-based), as the targets are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.targets import builds_peak, first_query_shown


def write_json(results: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _kib(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024:,.0f}"


def _mib(value: int | None) -> str:
    return "-" if value is None else f"{value / 2**20:,.0f}"


def _same(row: dict[str, Any]) -> str:
    differing = row.get("differing_from_cold")
    return "-" if differing is None else "yes" if differing == 0 else f"no:{differing}"


def _warm(row: dict[str, Any]) -> str:
    return f"{row['warm_seconds']}" + ("" if row["warm_cache_reused"] else "*")


def target_lines(targets: list[dict[str, Any]]) -> list[str]:
    return [
        f"  {t['result']}  {t['target']}: {t['corpus']} ({t['articles']:,}): {t['shown']}"
        for t in targets
    ]


def ingest_report(r: dict[str, Any]) -> list[str]:
    """The ingest figures: speed, what the articles hold, and what was turned away."""
    cold, w = r["cold"], r["written"]
    lines = [
        f"ingest: {r['corpus']} ({r['records']} records, {cold['records_with_text']} to ingest; "
        f"articles written to {r.get('scratch') or 'the temporary folder'})",
        f"  {'run':8} {'seconds':>8} {'records/s':>10} {'imported':>9} {'merged':>7} {'unchanged':>10} {'rejected':>9}",
    ]
    for run_name in ("cold", "rerun"):
        f = r[run_name]
        lines.append(
            f"  {run_name:8} {f['seconds']:>8} {f['records_per_second']:>10,} {f['imported']:>9} "
            f"{f['merged']:>7} {f['unchanged']:>10} {f['rejected']:>9}"
        )
    merged_share = cold["merged"] / max(1, cold["imported"] + cold["merged"])
    lines += [
        f"  articles {w['articles']:,}; duplicates merged {cold['merged']:,} ({merged_share:.0%} of "
        f"records with text); likely duplicates reported {r['likely_duplicates']}",
        f"  glue repairs {w['glue_repairs']:,}; entity mentions linked {w['entity_mentions']:,} "
        f"({w['entities_per_article']} entities per article)",
        f"  tags per article {w['tags_per_article']} ({w['tags_on_one_weak_hit']:.1%} resting on one weak hit)",
        f"  datelines disagreeing with the date column {r['dateline_disagreements']}",
        f"  rejected by reason: {r['rejected_reasons'] or 'none'}; "
        f"{r['bytes_per_article']:,} bytes of Markdown per article",
    ]
    return lines


def _keystrokes_shown(keys: dict[str, Any]) -> str:
    if "keystroke_ms_median" not in keys:
        return str(keys["keystroke_ms"])
    return (
        f"median {keys['keystroke_ms_median']} ms, p95 {keys['keystroke_ms_p95']} ms to the results "
        f"in the page; next frame median {keys['keystroke_frame_ms_median']} ms, "
        f"p95 {keys['keystroke_frame_ms_p95']} ms ({keys['keystrokes']} keystrokes)"
    )


def _by_kind_lines(query: dict[str, Any]) -> list[str]:
    kinds = sorted(query.get("by_kind", {}).items(), key=lambda kv: -kv[1])
    if not kinds:
        return []
    return ["    gzip KiB by kind: " + ", ".join(f"{k} {v / 1024:,.1f}" for k, v in kinds)]


def _slowest_line(keys: dict[str, Any]) -> list[str]:
    slowest = keys.get("slowest") or []
    if not slowest:
        return []
    return ["    slowest: " + ", ".join(f"{s['q']!r} {s['ms']} ms" for s in slowest)]


def search_report(r: dict[str, Any]) -> list[str]:
    """The shipped search: its index's cost to build and to store, a first query, a keystroke."""
    build, index, ref = r["index_build"], r["index"], r["lunr_reference"]
    families = ", ".join(
        f"{name} {f['gzip_bytes'] / 1024:,.0f}"
        for name, f in sorted(index["families"].items(), key=lambda kv: -kv[1]["gzip_bytes"])
    )
    query = r["first_query"]
    return [
        f"search: the sharded index the site ships, {r['articles']:,} synthetic articles",
        f"  index build      {build['ms_per_article']} ms/article ({build['seconds']} s, "
        f"{build['method']})",
        f"  index files      {index['files']:,} files, {index['bytes_per_article']:,} bytes/article, "
        f"{index['gzip_bytes_per_article']:,} bytes gzip/article "
        f"({index['gzip_bytes'] / 2**20:,.1f} MiB gzip in all)",
        f"    gzip KiB by kind: {families}",
        f"  first query      {query['query']!r}: {first_query_shown(query)}"
        + (f", {query['results']:,} results" if query.get("results") is not None else ""),
        *_by_kind_lines(query),
        f"  keystroke        {_keystrokes_shown(r['keystrokes'])}",
        *_slowest_line(r["keystrokes"]),
        *_first_results_lines("first results", r.get("first_results")),
        *_shipped_lines(r.get("shipped")),
        f"  site build       {r['site_build_seconds']} s",
        f"  reference        {ref['ms_per_article']} ms/article on {ref['articles']:,} articles: "
        f"{ref['what']}",
        *target_lines(r["targets"]),
        *relevance_report(r.get("relevance")),
    ]


def _first_results_lines(label: str, figures: dict[str, Any] | None) -> list[str]:
    """Per query: the median ms to first results, the chain of rounds, the requests."""
    if not figures:
        return []
    if "queries" not in figures:
        return [f"  {label:<16} {figures.get('first_results_ms', 'not measured')}"]
    network = (
        f"{figures['latency_ms']} ms per request, {figures['throughput_bytes_per_s'] * 8 / 1e6:g} Mbit/s"
        if figures.get("throughput_bytes_per_s")
        else "no network emulated"
    )
    per_query = ", ".join(
        f"{q!r} {row['ms_median']:,.0f} ms ({row['chain']} rounds)"
        for q, row in figures["queries"].items()
    )
    return [f"  {label:<16} {figures.get('transport', '')} {network}: {per_query}"]


def _shipped_lines(shipped: dict[str, Any] | None) -> list[str]:
    """The shipped archive's site: its first query's bytes and its first results' times."""
    if not shipped:
        return []
    query = shipped["first_query"]
    return [
        f"  shipped site     {shipped['articles']:,} articles; first query {query['query']!r}: "
        f"{first_query_shown(query)}",
        *_first_results_lines("  first results", shipped.get("first_results")),
        *_first_results_lines("  floor", shipped.get("first_results_floor")),
    ]


_NO_BASELINE = {"label": "none stored", "missing": 0, "mean": None, "classes": {}}


def _relevance_cells(figures: dict[str, Any] | None) -> str:
    if not figures:
        return f"{'-':>6} {'-':>6} {'-':>6}"
    return f"{figures['recall']:>6.3f} {figures['precision']:>6.3f} {figures['rr']:>6.3f}"


def _worst_lines(r: dict[str, Any]) -> list[str]:
    return [
        f"    {row['q']!r} ({row['class']}): recall {row['recall']}, precision {row['precision']}, "
        f"rr {row['rr']}; {row['total']} results ({row['mode']})"
        for row in r.get("worst", [])
    ]


def relevance_report(r: dict[str, Any] | None) -> list[str]:
    """Judged queries on the shipped archive: per class and mean, beside the previous release."""
    if r is None:
        return []
    if "error" in r:
        return [f"  relevance        {r['error']}"]
    before = r.get("previous") or _NO_BASELINE
    heads = f"{'recall':>6} {'prec':>6} {'rr':>6}"
    lines = [
        f"  relevance        {r['judged']} judged queries on the shipped archive, top {r['top']} "
        "(an empty result scores 0); previous release: " + before["label"],
        f"    {'':11} {'':>7}  {'this run':^20}   {'previous release':^20}",
        f"    {'class':11} {'queries':>7}  {heads}   {heads}",
    ]
    for name, row in r["classes"].items():
        lines.append(
            f"    {name:11} {row['queries']:>7}  {_relevance_cells(row)}   "
            f"{_relevance_cells(before['classes'].get(name))}"
        )
    lines.append(
        f"    {'mean':11} {r['judged']:>7}  {_relevance_cells(r['mean'])}   "
        f"{_relevance_cells(before['mean'])}"
        + (f" ({before['missing']} queries not in it)" if before["missing"] else "")
    )
    return lines + (["    worst:", *_worst_lines(r)] if r.get("worst") else [])


def scale_report(r: dict[str, Any]) -> list[str]:
    """One row per corpus, ours beside vanilla Pelican, then the targets."""
    lines = [
        "scale: ours (every plugin, search index) vs vanilla Pelican (quickstart settings, "
        f"notmyidea, no plugins); first query {r['first_query']!r}",
        "  peak MiB: the largest process of any of the row's builds (wait4); tree: every "
        "process of the cold build summed (sampled, upper bound); index: the search/ files, gzip",
        "  edit, add, del, alias: seconds of `invoke build` after one article edited, one "
        "added, that one deleted, an alias of the busiest entity edited; same: the output then "
        "is a cold build's, byte for byte",
        "  KB/art: what GitHub Pages publishes per article: the output of `invoke preview` (the "
        "Pages workflow's build: canonical links, OpenGraph tags, sitemap, site feed), hidden "
        "files, the build's own records, left out",
        f"  {'corpus':16} {'articles':>8} {'ours s':>8} {'vanilla s':>9} {'ratio':>6} {'edit s':>7} "
        f"{'add s':>6} {'del s':>6} {'alias s':>7} {'same':>5} "
        f"{'peak MiB':>8} {'tree MiB':>8} {'KB/art':>7} {'index ms/art':>12} "
        f"{'index B/art':>11} {'1st query KB':>12}",
    ]
    for row in r["corpora"]:
        if "error" in row:
            lines.append(f"  {row['corpus']:16} failed: {row['error'].splitlines()[0]}")
            continue
        lines.append(
            f"  {row['corpus']:16} {row['articles']:>8,} {row['cold_seconds']:>8} "
            f"{row['vanilla']['cold_seconds']:>9} {row['cold_ratio']:>6} {_warm(row):>7} "
            f"{row.get('add_seconds', '-'):>6} {row.get('delete_seconds', '-'):>6} "
            f"{row.get('alias_seconds', '-'):>7} {_same(row):>5} "
            f"{_mib(builds_peak(row)[0]):>8} {_mib(row['peak_tree_rss_bytes']):>8} "
            f"{row['output_bytes_per_article'] / 1024:>7.1f} "
            f"{row['index_build']['ms_per_article']:>12} "
            f"{row['search_index']['gzip_bytes_per_article']:>11,} "
            f"{_kib(row['first_query']['gzip_bytes']):>12}"
        )
    if any(not row.get("warm_cache_reused", True) for row in r["corpora"]):
        lines.append(
            "  * the content cache was not reused (code changed between the builds): "
            "a rebuild without a cache, not a warm one"
        )
    return lines + target_lines(r["targets"])


def report(results: dict[str, Any]) -> str:
    """The figures of every benchmark that ran, as small text tables."""
    lines = []
    if "ingest" in results:
        lines += ingest_report(results["ingest"])
    if "search" in results:
        lines += search_report(results["search"])
    if "scale" in results:
        lines += scale_report(results["scale"])
    return "\n".join(lines)
