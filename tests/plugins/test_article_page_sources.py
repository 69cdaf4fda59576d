"""The article page in-process on the tiny corpus with a source registry: the source's label,
the note where the dataset cut the text, restored subheads as headings, the dataset's credit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from inprocess import build, read, tiny_corpus

pytestmark = pytest.mark.build

SHA = "a" * 64
SOURCES = {
    "sources/rodong-sinmun.yaml": """name: Rodong Sinmun
kind: state media
country: North Korea
description: Daily newspaper of the Workers' Party of Korea.
credit:
  name: Rodong sample
  url: https://example.org/rodong
  license: CC BY 4.0
  license_url: https://creativecommons.org/licenses/by/4.0/
  cut_at: 3500
  files: [rodong.csv]
""",
    "articles/2019/fair-opens.md": f"""---
title: Trade fair opens
date: 2019-09-24
slug: fair-opens
source: Rodong Sinmun
cut: 3500
entities: [kim-jong-un]
origin: {{file: rodong.csv, sha256: {SHA}, record: r1}}
---

Kim Jong Un sent a message to the fair.

## Matchless Courage and Boldness

It was one April day when the fair opened.
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sources")
    return build(tiny_corpus(root, SOURCES), root / "output")


def test_the_source_carries_its_kind_as_a_label(site: Path) -> None:
    page = read(site, "2019/09/fair-opens/index.html")
    assert (
        '<span class="source">Rodong Sinmun</span> <span class="source-label">State media</span>'
        in page
    )


def test_an_article_whose_source_is_not_in_the_registry_has_no_label(site: Path) -> None:
    page = read(site, "2019/05/talks-resume/index.html")  # source: Yonhap, no entry
    assert '<span class="source">Yonhap</span>' in page
    assert "source-label" not in page and "cut-note" not in page


def test_a_cut_text_ends_with_the_note_inside_the_body(site: Path) -> None:
    page = read(site, "2019/09/fair-opens/index.html")
    body = page.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    assert body.rstrip().endswith(
        '<p class="cut-note" role="note">The source\'s text stops here: the dataset cut this '
        "article at 3,500 characters.</p>"
    )


def test_a_restored_subhead_is_a_heading_inside_the_body(site: Path) -> None:
    page = read(site, "2019/09/fair-opens/index.html")
    body = page.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    assert re.search(r"<h2>Matchless Courage and Boldness</h2>\s*<p>It was one April day", body)


def test_the_provenance_credits_the_dataset_and_describes_the_source(site: Path) -> None:
    page = read(site, "2019/09/fair-opens/index.html")
    provenance = page.split('id="provenance"', 1)[1]
    assert "Source: Rodong Sinmun, state media, North Korea." in provenance
    assert '<a href="https://example.org/rodong">Rodong sample</a>' in provenance
    assert "cut at 3,500 characters upstream" in provenance
