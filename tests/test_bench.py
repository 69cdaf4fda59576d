"""`invoke bench --only scale` plumbing on a tiny synthetic corpus; figures are never asserted.

One scale run on 30 articles (no ../shared needed): every figure comes back with
a sane type, the warm run edits exactly one article and the edit reaches its page,
and the vanilla Pelican conversion builds without an error.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from benchmarks import vanilla
from benchmarks.bench import EDIT_SENTENCE, bench_scale, report, search_page_downloads
from benchmarks.synthetic import generate
from newsarchive.content import frontmatter

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
ARTICLES = 30


@pytest.fixture(scope="module")
def scale(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    scratch = tmp_path_factory.mktemp("scale")
    result = bench_scale(
        ROOT.parent / "shared", CONTENT, sizes=(ARTICLES,), kcna=False, scratch=scratch
    )
    return scratch, result


def _positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def test_scale_returns_every_figure_with_sane_types(scale) -> None:
    _scratch, result = scale
    (row,) = result["corpora"]
    assert "error" not in row, row.get("error")
    assert row["corpus"] == f"synthetic-{ARTICLES}"
    assert row["articles"] == row["articles_built"] == ARTICLES
    for key in ("cold_seconds", "cold_cpu_seconds", "cold_ratio", "warm_seconds"):
        assert _positive_number(row[key]), (key, row[key])
    assert isinstance(row["peak_rss_bytes"], int) and row["peak_rss_bytes"] > 20 * 2**20
    tree = row["peak_tree_rss_bytes"]
    assert tree is None or (isinstance(tree, int) and tree >= row["peak_rss_bytes"])
    assert isinstance(row["output_bytes_per_article"], int)
    assert abs(row["output_bytes_per_article"] * ARTICLES - row["output_bytes"]) <= ARTICLES / 2
    assert row["output_bytes_per_article"] > 1000

    plain = row["vanilla"]
    assert plain["articles_built"] == ARTICLES
    assert plain["log_errors"] == []
    assert _positive_number(plain["cold_seconds"])
    assert isinstance(plain["peak_rss_bytes"], int) and plain["peak_rss_bytes"] > 0

    index = row["index_build"]
    assert index["docs"] == ARTICLES
    assert _positive_number(index["ms_per_article"])

    query = row["first_query"]
    # None only when the index is sharded and first_query_bytes is missing.
    assert query["gzip_bytes"] is None or (
        isinstance(query["gzip_bytes"], int) and query["gzip_bytes"] > 0
    )
    assert query["files"]

    kinds = {t["target"] for t in result["targets"]}
    assert any("vanilla" in k for k in kinds) and any("per article" in k for k in kinds)
    # 30 articles are nowhere near 20,000: those two targets are not judged on them.
    assert not any("20,000" in k for k in kinds)
    assert {t["result"] for t in result["targets"]} <= {"PASS", "MISS", "NOT MEASURED"}

    json.dumps(result)  # the figures go to a JSON file
    assert f"synthetic-{ARTICLES}" in report({"scale": result})


def test_warm_run_edits_exactly_one_article_and_reuses_the_cache(scale, tmp_path: Path) -> None:
    scratch, result = scale
    (row,) = result["corpora"]
    edited = scratch / f"synthetic-{ARTICLES}" / "content"
    fresh = tmp_path / "fresh"
    generate(CONTENT, fresh, ARTICLES)  # same seed: the corpus as it was before the edit
    changed = [
        path.relative_to(edited).as_posix()
        for path in sorted((edited / "articles").rglob("*.md"))
        if path.read_bytes() != (fresh / path.relative_to(edited)).read_bytes()
    ]
    # One article per warm build: a second only when code changed between two builds.
    assert changed == sorted(row["warm_edits"]) and row["warm_edited"] in changed
    assert len(changed) == row["warm_attempts"]
    for name in changed:
        before = (fresh / name).read_text(encoding="utf-8")
        after = (edited / name).read_text(encoding="utf-8")
        assert after == before.rstrip("\n") + "\n\n" + EDIT_SENTENCE + "\n"
    assert row["warm_edit_in_output"] is True
    # The cold build wrote a content cache and the warm build read the same one.
    assert row["warm_cache_reused"] is True


def test_first_query_fallback_follows_the_search_page(scale) -> None:
    scratch, _result = scale
    output = scratch / f"synthetic-{ARTICLES}" / "output"
    names = {p.relative_to(output.resolve()).as_posix() for p in search_page_downloads(output)}
    assert "search/index.html" in names
    assert {"search/index.json", "search/docs.json"} <= names or "search/manifest.json" in names
    assert any(n.endswith(".js") for n in names)


def test_vanilla_pelican_builds_every_converted_article(tmp_path: Path) -> None:
    content = tmp_path / "content"
    generate(CONTENT, content, 12)
    undated = content / "articles" / "undated"
    undated.mkdir(parents=True, exist_ok=True)
    (undated / "talks-what-next.md").write_text(
        frontmatter.dump(
            {
                "title": "Talks: what   next?",
                "date": "unknown",
                "slug": "talks-what-next",
                "author": "Kim Ji-won",
                "summary": "Envoys met again: no date was given.",
                "tags": ["diplomacy"],
            },
            "The envoys met again.\n\nNo date was given.\n",
        ),
        encoding="utf-8",
    )
    site = tmp_path / "vanilla"
    assert vanilla.convert(content, site) == 13
    converted = (site / "content" / "undated" / "talks-what-next.md").read_text(encoding="utf-8")
    assert converted.startswith(
        "Title: Talks: what next?\nDate: 1970-01-01\nSlug: talks-what-next\n"
    )
    assert "\nAuthor: Kim Ji-won\n" in converted
    settings = (site / vanilla.SETTINGS_FILE).read_text(encoding="utf-8")
    assert "\n# RELATIVE_URLS = True" in settings and "\nRELATIVE_URLS" not in settings

    output = tmp_path / "out"
    result = subprocess.run(
        [*vanilla.build_command(site, output), "--fatal", "errors"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert vanilla.processed_articles(log) == 13, log
    page = (output / "talks-what-next.html").read_text(encoding="utf-8")
    assert "Talks: what next?" in page
    assert "1970-01-01" in page
    assert len(list(output.glob("*.html"))) >= 13
