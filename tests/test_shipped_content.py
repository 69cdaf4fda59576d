"""The shipped archive in content/ is valid, consistent, and exactly what ingest makes of its sources."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_invoke
from newsarchive.content import provenance
from newsarchive.content.articles import read_article
from newsarchive.content.registry import load_entities, load_tags

CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"
ARTICLES = sorted((CONTENT / "articles").rglob("*.md"))


def test_ships_the_seeds_and_the_rodong_sample() -> None:
    origins = [
        record["file"]
        for p in ARTICLES
        for record in provenance.records(read_article(p.read_text(encoding="utf-8")).meta["origin"])
    ]
    assert origins.count("rodong_sinmun_en_sample.csv") == 600
    assert origins.count("004_66c54795a55e128f.txt") == 10
    assert origins.count("000_ddf39e30f6a337f9.txt") == 1
    assert origins.count("002_0324224dfd6ad1cb.txt") == 1


def test_every_article_is_valid_placed_and_uses_known_ids() -> None:
    entities, tags = load_entities(CONTENT), load_tags(CONTENT)
    slugs: set[str] = set()
    for path in ARTICLES:
        meta = read_article(path.read_text(encoding="utf-8")).meta
        where = path.relative_to(CONTENT / "articles")
        assert where.parts[0] == ("undated" if meta["date"] == "unknown" else meta["date"][:4]), (
            where
        )
        assert path.stem == meta["slug"], where
        assert meta["slug"] not in slugs, where
        slugs.add(meta["slug"])
        assert set(meta.get("entities", [])) <= set(entities), where
        assert set(meta.get("tags", [])) <= set(tags), where


@pytest.mark.skipif(
    not SHARED.is_dir() and os.environ.get("CI") != "true",
    reason="../shared (the raw sources) is not beside the project",
)
def test_reingesting_the_sources_changes_nothing(tmp_path: Path) -> None:
    """content/ holds ingest's own output: a fresh run over the same sources finds every file unchanged."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    result = run_invoke("ingest-shipped", "--shared", str(SHARED), "--dest", str(copy / "articles"))
    assert result.returncode == 0, result.stderr
    summaries = [line for line in result.stdout.splitlines() if "imported" in line]
    assert len(summaries) == 2
    assert all("imported 0," in line and "kept" not in line for line in summaries), result.stdout
    assert sorted(p.relative_to(copy) for p in copy.rglob("*.md")) == sorted(
        p.relative_to(CONTENT) for p in CONTENT.rglob("*.md")
    )
