"""What the search index holds of an article: its fields, as terms, and its snippet.

Five fields with lunr's boosts (``FIELDS``): title, entity names and aliases, tag
names, summary and body. ``TermCache`` runs the shared tokenizer once per distinct
chunk of text; ``shards`` turns the terms of every document into the files the
search page fetches.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsarchive.search.tokenizer import STOP_WORDS, chunk_tokens, chunks, fold_spelling, stem

FIELDS = (("t", 10), ("e", 4), ("g", 2), ("s", 2), ("b", 1))  # title, entities, tags, summary, body
SNIPPET_CHARS = 500  # enough for a snippet around an early match; the store stays small
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class SearchDoc:
    title: str
    url: str
    date: str  # YYYY-MM-DD, or "" when unknown
    source: str
    entity_ids: Sequence[str]
    tag_ids: Sequence[str]
    summary: str
    body: str  # plain text
    entity_text: str  # names and aliases of the entities, so any spelling finds the article
    tag_text: str

    @property
    def snippet(self) -> str:
        """The opening of the body, whole words: what result snippets are cut from."""
        opening = " ".join(self.body[: SNIPPET_CHARS + 40].split())
        if len(opening) <= SNIPPET_CHARS:
            return opening
        return opening[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"

    def field_texts(self) -> dict[str, str]:
        return {
            "t": self.title,
            "e": self.entity_text,
            "g": self.tag_text,
            "s": self.summary,
            "b": self.body,
        }


def html_to_text(fragment: str) -> str:
    """Visible text of sanitised article HTML (block tags become spaces)."""
    return html.unescape(_TAG.sub(" ", fragment))


def entity_text(names: Iterable[str]) -> str:
    return " \n ".join(names)


class TermCache:
    """chunk -> its terms, computed once per distinct chunk (see ``tokenizer.chunks``)."""

    def __init__(self) -> None:
        self._terms: dict[str, tuple[str, ...]] = {}

    def terms(self, text: str) -> list[str]:
        cache = self._terms
        out: list[str] = []
        for chunk in chunks(text):
            found = cache.get(chunk)
            if found is None:
                found = cache[chunk] = tuple(
                    stem(folded)
                    for folded in map(fold_spelling, chunk_tokens(chunk))
                    if folded not in STOP_WORDS
                )
            out += found
        return out


def dumps(data: Any) -> str:
    """Compact, deterministic JSON: the bytes a reader downloads."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
