"""The compact index the site ships answers exactly as lunr.py's own serialised index does."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lunr.builder import Builder

from benchmarks.corpus import docs_from_content
from newsarchive.search.documents import FIELDS
from newsarchive.search.tokenizer import configure, tokenize
from oracle import build_index, compact

ROOT = Path(__file__).resolve().parents[2]
QUERIES = [
    {"text": "Biegun"},
    {"text": "Beigun", "editDistance": 1},
    {"text": "kim jong un"},
    {"text": "denuclearisation talks"},
    {"text": "김명길"},
    {"text": "U.S. sanctions", "editDistance": 1},
    {"text": "railw", "wildcard": True},
    {"text": "supreme people's assembly"},
    {"text": "the"},
    {"text": "zzzz nothing"},
]


@pytest.fixture(scope="module")
def docs() -> list:
    return docs_from_content(ROOT / "content")


def test_term_builder_matches_lunr_py_add(docs: list) -> None:
    """Our fast add() and field vectors give lunr.py's exact index."""
    sample = docs[:120]
    builder = Builder()
    configure(builder)
    builder.ref("r")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for number, doc in enumerate(sample):
        builder.add(
            {"r": str(number), **{name: tokenize(text) for name, text in doc.field_texts().items()}}
        )
    assert build_index(sample).serialize() == builder.build().serialize()


def test_compact_index_gives_lunr_js_the_same_results(docs: list) -> None:
    node = shutil.which("node")
    assert node, "node is needed for the search tests (./dev test)"
    index = build_index(docs)
    request = {"full": index.serialize(), "compact": compact(index), "queries": QUERIES}
    result = subprocess.run(
        [node, str(ROOT / "tests" / "search" / "compare_indexes.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
    )
    answers = json.loads(result.stdout)
    assert answers["compact"] == answers["full"]
    hits = dict(zip([q["text"] for q in QUERIES], answers["full"], strict=True))
    assert hits["Beigun"] and hits["김명길"] and hits["kim jong un"]
    assert hits["zzzz nothing"] == []
