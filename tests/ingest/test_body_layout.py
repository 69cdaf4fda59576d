"""A corpus run end to end: restored paragraphs and subheads, repeated tails, the cut mark,
and the run's report saying what it changed and what it took out.

The corpus is made up for the test in the Rodong Sinmun sample's shape (bodies run together,
cut at a fixed length upstream), with a source registry whose credit says so.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsarchive.content import frontmatter
from newsarchive.ingest.ingester import Ingester
from newsarchive.ingest.inputs import Columns, read_source
from newsarchive.ingest.run import ingest
from newsarchive.ingest.store import Store

CUT_AT = 700
SOURCE = f"""name: Rodong Sinmun
kind: state media
country: North Korea
description: Daily newspaper of the Workers' Party of Korea.
credit:
  name: Test sample
  url: https://example.org/sample
  license: CC BY 4.0
  license_url: https://creativecommons.org/licenses/by/4.0/
  cut_at: {CUT_AT}
  files: [sample.csv]
"""
FARM = (
    "Supreme Leader Kim Jong Un inspected the newly built greenhouse farm in Sinuiju. "
    "He looked round the greenhouses and the production buildings of the farm one by one. "
    "Expressing great satisfaction, he said that it is a model of modern farms in the country. "
    "He stressed the need to steadily raise the level of scientific farming at the farm. "
    "Love for the People Shown in Every Detail The farm is equipped with modern facilities "
    "that ensure the growth of vegetables all the year round. "
    "Its hydroponic and automatic control systems were developed by local scientists. "
    "The workers of the farm have been provided with new houses and welfare facilities."
)
FAIR = (
    "The 15th Pyongyang Autumn International Trade Fair opened at the Indoor Stadium on Monday. "
    "Machines, building materials and light industrial goods are on display at the fair. "
    "The fair will last till Sept. 27."
)
CUT_SHORT = (
    "The delegation of the Ministry of Culture left Pyongyang on Tuesday for a visit to "
    "several countries of Southeast Asia, where it is to hold talks on cultural exchanges. "
) * 8


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    for kind in ("entities", "tags", "sources", "articles"):
        (folder / kind).mkdir(parents=True)
    (folder / "entities" / "kim-jong-un.yaml").write_text(
        "name: Kim Jong Un\ntype: person\ndescription: Leader.\n", encoding="utf-8"
    )
    (folder / "tags" / "economy.yaml").write_text(
        "name: Economy\ndescription: Trade and farms.\nmatch: [farms?, trade]\n", encoding="utf-8"
    )
    (folder / "sources" / "rodong-sinmun.yaml").write_text(SOURCE, encoding="utf-8")
    return folder


def run(content: Path, tmp_path: Path, rows: list[dict[str, str]]):
    corpus = tmp_path / "sample.csv"
    with corpus.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "text", "date", "title"])
        writer.writeheader()
        writer.writerows(rows)
    ingester = Ingester.for_content(content, credit="Rodong Sinmun")
    store = Store.open(content / "articles")
    return ingest(read_source(corpus, "csv", Columns(id="doc_id")), ingester, store, progress=False)


def article(content: Path, slug: str) -> frontmatter.Document:
    (path,) = (content / "articles").rglob(f"{slug}.md")
    return frontmatter.parse(path.read_text(encoding="utf-8"))


def row(doc_id: str, text: str, title: str) -> dict[str, str]:
    return {"doc_id": doc_id, "text": text, "date": "2019-09-24", "title": title}


def test_a_run_together_body_is_written_with_paragraphs_and_a_heading(
    content: Path, tmp_path: Path
) -> None:
    summary = run(content, tmp_path, [row("r1", FARM, "Kim Jong Un Inspects Farm")])
    body = article(content, "kim-jong-un-inspects-farm").body.strip()
    blocks = body.split("\n\n")
    assert "## Love for the People Shown in Every Detail" in blocks
    assert blocks[0].startswith("Supreme Leader Kim Jong Un inspected")
    assert blocks[blocks.index("## Love for the People Shown in Every Detail") + 1].startswith(
        "The farm is equipped"
    )
    assert any(
        "paragraph breaks restored in 1 run-together bodies (1 run-in" in n for n in summary.notes()
    )


def test_a_repeated_tail_is_dropped_counted_and_not_marked_cut(
    content: Path, tmp_path: Path
) -> None:
    text = f"{FAIR} Rodong Sinmun {FAIR} Rodong Sinmun {FAIR} Rodong Sinmun {FAIR} Rodong Sin"
    text = text[:CUT_AT]
    summary = run(content, tmp_path, [row("r2", text, "Trade Fair Opens")])
    doc = article(content, "trade-fair-opens")
    assert doc.body.strip() == FAIR
    assert "cut" not in doc.meta  # the dataset cut the repeat, not the story
    dropped = len(text) - len(f"{FAIR} Rodong Sinmun")
    assert any(
        f"repeated tails dropped from 1 bodies: {dropped:,} characters" in n
        for n in summary.notes()
    )


def test_a_record_as_long_as_the_datasets_cut_is_marked_cut(content: Path, tmp_path: Path) -> None:
    text = CUT_SHORT[:CUT_AT]
    summary = run(
        content,
        tmp_path,
        [row("r3", text, "Delegation Leaves"), row("r4", CUT_SHORT[:300], "Short Story")],
    )
    assert article(content, "delegation-leaves").meta["cut"] == str(CUT_AT)
    assert "cut" not in article(content, "short-story").meta
    assert any("1 bodies cut upstream by their dataset" in n for n in summary.notes())


def test_a_file_the_credit_does_not_list_is_never_marked_cut(content: Path, tmp_path: Path) -> None:
    source = content / "sources" / "rodong-sinmun.yaml"
    source.write_text(SOURCE.replace("[sample.csv]", "[other.csv]"), encoding="utf-8")
    run(content, tmp_path, [row("r3", CUT_SHORT[:CUT_AT], "Delegation Leaves")])
    assert "cut" not in article(content, "delegation-leaves").meta
