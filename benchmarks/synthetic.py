"""Synthetic archives of any size for benchmarks, made from the shipped articles' own text.

Sentences are drawn from the shipped corpus and recombined into articles of
realistic length (4–10 paragraphs of 2–5 sentences, about 500 words), with
dates over 2017–2021 (2% unknown), and the entities and tags those sentences
carry. The same seed gives byte-identical corpora, so two runs compare.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from newsarchive.content import frontmatter
from newsarchive.content.articles import read_article
from newsarchive.content.matching import EntityMatcher, TagSuggester
from newsarchive.content.registry import load_entities, load_tags
from newsarchive.content.sentences import split_sentences
from newsarchive.content.slugs import slugify
from newsarchive.ingest.markdown_text import to_markdown

START, END = dt.date(2017, 1, 1), dt.date(2021, 12, 31)
UNDATED_SHARE = 0.02


@dataclass(frozen=True)
class Sentence:
    text: str
    entities: tuple[str, ...]
    tags: tuple[str, ...]


def sentence_pool(content: Path) -> list[Sentence]:
    """Every sentence of the shipped articles, with the entities and tags it mentions."""
    matcher = EntityMatcher(load_entities(content))
    tagger = TagSuggester(load_tags(content))
    pool = []
    for path in sorted((content / "articles").rglob("*.md")):
        body = read_article(path.read_text(encoding="utf-8")).body
        for paragraph in body.split("\n\n"):
            for text in split_sentences(paragraph.replace("\\", "")):
                if 40 <= len(text) <= 400:
                    pool.append(
                        Sentence(text, tuple(matcher.find(text)), tuple(tagger.suggest("", [text])))
                    )
    return pool


def generate(content: Path, dest: Path, count: int, seed: int = 1) -> int:
    """Write ``count`` articles and a copy of the registries under dest; return bytes written."""
    rng = random.Random(seed)
    pool = sentence_pool(content)
    for registry in ("entities", "tags"):
        shutil.copytree(content / registry, dest / registry, dirs_exist_ok=True)
    span = (END - START).days
    written = 0
    for number in range(count):
        paragraphs = [
            [rng.choice(pool) for _ in range(rng.randint(2, 5))] for _ in range(rng.randint(4, 10))
        ]
        lede = paragraphs[0][0].text
        title = " ".join(lede.split()[: rng.randint(6, 12)]).rstrip(",.;:")
        slug = f"{slugify(title, max_length=60)}-{number}"
        date = (
            None
            if rng.random() < UNDATED_SHARE
            else START + dt.timedelta(days=rng.randint(0, span))
        )
        sentences = [s for p in paragraphs for s in p]
        meta = {
            "title": title,
            "date": date or "unknown",
            "slug": slug,
            "source": rng.choice(["Yonhap", "KCNA", "Rodong Sinmun", "AFP"]),
            "kind": "article",
            "summary": lede,
            "entities": list(dict.fromkeys(i for s in sentences for i in s.entities)),
            "tags": list(dict.fromkeys(i for s in sentences for i in s.tags)),
            "origin": {"file": "synthetic", "sha256": f"{number:064x}"},
        }
        body = to_markdown([" ".join(s.text for s in p) for p in paragraphs])
        folder = dest / "articles" / (str(date.year) if date else "undated")
        folder.mkdir(parents=True, exist_ok=True)
        text = frontmatter.dump(meta, body)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
    return written
