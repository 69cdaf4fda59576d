"""The search pipeline is the same in Python (index) and JavaScript (queries).

Shared vectors on both sides (the JavaScript side in pipeline.test.mjs, run by
test_js_units.py), a corpus and every code point compared side by side through
terms.mjs, the two Porter stemmers compared, and a lunr.py index loaded and
queried by lunr.js.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import porter_stemmer

from newsarchive.search import PIPELINE_NAMES, configure, register, terms, tokenize
from newsarchive.search.tokenizer import stem

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VECTORS: list[dict[str, Any]] = json.loads((HERE / "vectors.json").read_text(encoding="utf-8"))
NODE = shutil.which("node")


def _require_node() -> str:
    if NODE is None or not (ROOT / "node_modules" / "lunr" / "lunr.js").is_file():
        message = "needs node and node_modules/lunr (./dev test installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return NODE


def run_node(request: dict[str, Any]) -> dict[str, Any]:
    """One call of tests/search/terms.mjs, the JavaScript side."""
    result = subprocess.run(
        [_require_node(), str(HERE / "terms.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_vectors_cover_the_rules() -> None:
    assert len(VECTORS) >= 40
    for vector in VECTORS:
        assert set(vector) == {"text", "tokens", "terms", "note"}, vector


@pytest.mark.parametrize("vector", VECTORS, ids=[v["text"][:30] or "empty" for v in VECTORS])
def test_python_matches_the_vectors(vector: dict[str, Any]) -> None:
    assert tokenize(vector["text"]) == vector["tokens"], vector["note"]
    assert terms(vector["text"]) == vector["terms"], vector["note"]


def _sample_articles(count: int = 100) -> list[Path]:
    articles = sorted((ROOT / "content" / "articles").glob("**/*.md"))
    return articles[:: max(1, len(articles) // count)]


def _paragraphs(articles: list[Path]) -> list[str]:
    paragraphs = []
    for path in articles:
        text = path.read_text(encoding="utf-8")
        paragraphs += [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return paragraphs


def test_shipped_articles_give_the_same_tokens_and_terms() -> None:
    articles = _sample_articles()
    assert len(articles) >= 100
    paragraphs = _paragraphs(articles)
    node = run_node({"texts": paragraphs})
    for paragraph, js_tokens, js_terms in zip(
        paragraphs, node["tokens"], node["terms"], strict=True
    ):
        assert tokenize(paragraph) == js_tokens, paragraph
        assert terms(paragraph) == js_terms, paragraph


def test_every_code_point_tokenizes_alike() -> None:
    """Each character of Python's Unicode database, alone and in context.

    Node's ICU knows newer Unicode versions: characters assigned after
    ``unicodedata.unidata_version`` are left out, as are surrogates and
    private use.
    """
    texts = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) in {"Cn", "Cs", "Co"}:
            continue
        texts.append(
            f"a{char}b {char}{char}. {char}'s x.{char}. 1.{char},2 U.S.'s{char} Σ{char}Σ {char.upper()}a"
        )
    python = [tokenize(text) for text in texts]
    node = run_node({"texts": texts})["tokens"]
    differing = [(text, p, j) for text, p, j in zip(texts, python, node, strict=True) if p != j]
    assert differing == [], differing[:10]
    # lunr.py lower-cases list elements again: our tokens must not change.
    assert [t for tokens in python for t in tokens if t.lower() != t] == []


def _shipped_words() -> list[str]:
    words: set[str] = set()
    for path in (ROOT / "content" / "articles").glob("**/*.md"):
        words.update(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()))
    return sorted(words)


def test_the_porter_stemmers_differ_only_where_we_smooth_it_over() -> None:
    """lunr.py and lunr.js stem every shipped word alike but for a final y.

    lunr.py follows Porter's original C code in step 1c (a final y becomes i
    when the stem has a vowel: day -> dai, try -> try); lunr.js the revised
    rule (only after a consonant: day -> day, try -> tri). Our stem writes a
    final y as i on both sides, and leaves alone the few words that only
    synthetic input reaches where lunr.js needs a non-empty stem (eed, ies,
    sses) or reads y in "yy" another way.
    """
    words = [*_shipped_words(), "eed", "eeds", "ies", "sses", "ayying"]
    assert len(words) > 5000
    node = run_node({"words": words})
    library = [porter_stemmer.stem(w) if len(w) > 2 else w for w in words]
    differing = {
        w: (p, j) for w, p, j in zip(words, library, node["libraryStems"], strict=True) if p != j
    }
    assert {"day", "away", "eed", "ies"} <= set(differing)
    for word, (python, javascript) in differing.items():
        if word not in {"eed", "eeds", "ies", "sses", "ayying"}:
            assert python[:-1] == javascript[:-1] and {python[-1], javascript[-1]} == {"i", "y"}, (
                word
            )
    ours = [stem(w) for w in words]
    assert ours == node["stems"]


def test_lunr_py_takes_our_token_lists_as_they_are() -> None:
    builder = Builder()
    configure(builder)
    builder.ref("id")
    builder.field("body")
    text = "Seoul’s DEFENCE ministry: the U.S.-led talks on denuclearisation, 3.5% and 김명길"
    builder.add({"id": "1", "body": tokenize(text)})
    assert dict(builder.field_term_frequencies["body/1"]) == {
        t: terms(text).count(t) for t in terms(text)
    }


def test_register_and_configure_twice_are_harmless(caplog: pytest.LogCaptureFixture) -> None:
    builder = Builder()
    with caplog.at_level(logging.WARNING):
        register(Pipeline)
        register(Pipeline)
        configure(builder)
        configure(builder)
    assert caplog.records == []
    assert builder.pipeline.serialize() == list(PIPELINE_NAMES)
    assert builder.search_pipeline.serialize() == list(PIPELINE_NAMES)


DOCUMENTS = [
    {"id": "hangul", "title": "김명길 대사", "body": "김명길 대사는 기자들에게 말했다."},
    {"id": "talks", "title": "Talks", "body": "The denuclearization of the Korean peninsula."},
    {"id": "envoy", "title": "Envoy", "body": "Stephen Biegun met Kim Myong Gil in Stockholm."},
    {"id": "seoul", "title": "Ministry", "body": "Seoul's defence ministry and the US said 3.5%."},
]


def test_a_lunr_py_index_loads_and_answers_in_lunr_js() -> None:
    builder = Builder()
    configure(builder)
    builder.ref("id")
    builder.field("title", boost=2)
    builder.field("body")
    for document in DOCUMENTS:
        builder.add(
            {key: value if key == "id" else tokenize(value) for key, value in document.items()}
        )
    index = json.loads(json.dumps(builder.build().serialize()))
    assert index["pipeline"] == list(PIPELINE_NAMES)
    assert {"김명길", "denuclear", "biegun", "defens", "us", "3.5"} <= {
        term for term, _ in index["invertedIndex"]
    }

    queries = [
        {"text": "김명길"},
        {"text": "denuclearisation"},
        {"text": "Defense"},
        {"text": "U.S."},
        {"text": "3.5%"},
        {"text": "Beigun"},
        # lunr.js 2.3.9 counts a transposition as one edit (TokenSet.fromFuzzyString).
        {"text": "Beigun", "editDistance": 1},
    ]
    hits = run_node({"index": index, "queries": queries})["hits"]
    assert hits == [["hangul"], ["talks"], ["seoul"], ["seoul"], ["seoul"], [], ["envoy"]]
