"""Counting names over an archive: one tally per id, merged across worker processes.

Rules:

* Spellings that share a slug (``Kim Yo Jong``, ``Kim Yo-jong``) are counted under one
  id; a lone surname after a title (``President Putin``) is counted apart, for
  ``ranking`` to give to the one person whose name ends with it.
* Each id keeps the articles naming it, its mentions, its spellings, the types its
  patterns gave, how often it followed ``in``, its acronyms, and where its first
  pattern mention is: the example sentence, cut to 240 characters around the name,
  on one line with control and invisible characters blanked.
* Only the body is read (after the front-matter fence); bytes not UTF-8 become U+FFFD.

Speed: each distinct run of an article is read once; shares of the files are counted on
every CPU (at least ``_SHARE_MIN`` articles a share) and merged in order, so the result
does not depend on the split; the cyclic garbage collector is paused while counting.
"""

from __future__ import annotations

import gc
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.content import frontmatter
from newsarchive.content.entity_suggest.mentions import RUN, acronym_of, run_mentions
from newsarchive.content.entity_suggest.readings import Mention
from newsarchive.content.sentences import sentence_ends

_SHARE_MIN = 2_000  # fewer articles per worker than this are not worth a process
_EXAMPLE_CHARS = 240
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\ufeff]")


# --- tallying an archive ------------------------------------------------------------------


class IdTally:
    """Everything seen of one id across the archive (slotted: there are tens of thousands)."""

    __slots__ = ("acronyms", "articles", "example", "forms", "last", "located", "mentions", "votes")

    def __init__(self) -> None:
        self.articles: list[int] = []  # article indexes, ascending, no repeats
        self.last = -1  # the last article counted
        self.mentions = 0
        self.forms: dict[str, int] = {}  # spellings and how often each was seen
        self.votes: Counter[str] = Counter()  # entity types patterns gave
        self.located = 0  # mentions right after "in" or "near"
        self.acronyms: Counter[str] = Counter()
        self.example: tuple[int, int, int] | None = None  # (article, start, end) of a pattern

    def state(self) -> tuple:
        """Plain containers only: pickling slotted objects one by one is slow."""
        return (
            self.articles,
            self.mentions,
            self.forms,
            dict(self.votes),
            self.located,
            dict(self.acronyms),
            self.example,
        )

    @classmethod
    def from_state(cls, state: tuple) -> IdTally:
        tally = cls()
        (
            tally.articles,
            tally.mentions,
            tally.forms,
            votes,
            tally.located,
            acronyms,
            tally.example,
        ) = state
        tally.votes, tally.acronyms = Counter(votes), Counter(acronyms)
        tally.last = tally.articles[-1] if tally.articles else -1
        return tally

    def merge(self, later: IdTally) -> None:
        """Add the tally of later articles (a higher share of the files)."""
        self.articles.extend(later.articles)
        self.last = later.last
        self.mentions += later.mentions
        for form, count in later.forms.items():
            self.forms[form] = self.forms.get(form, 0) + count
        self.votes.update(later.votes)
        self.located += later.located
        self.acronyms.update(later.acronyms)
        self.example = self.example or later.example


@dataclass
class ArchiveTally:
    """Names counted over an archive: what ``suggest`` ranks.

    ``first`` is the index of the first article counted here (a worker's share
    starts further on); ``texts`` holds the articles that give an example, and
    ``paths`` lets an example be read again instead (a worker sends no texts).
    """

    names: dict[str, IdTally] = field(default_factory=dict)
    surnames: dict[str, IdTally] = field(default_factory=dict)
    first: int = 0
    articles: int = 0
    texts: dict[int, str] = field(default_factory=dict)
    paths: Sequence[Path] = ()

    def add(self, text: str) -> None:
        """Count the names of one article's text.

        The hot loop of the module: each distinct run of an article is read once
        (``Counter`` over the regex's matches), and offsets are looked up only for
        the first pattern mention of an id, its example.
        """
        index = self.first + self.articles
        self.articles += 1
        names, surnames = self.names, self.surnames
        for (locative, run, number, acronym), seen in Counter(RUN.findall(text)).items():
            found = run_mentions(run, bool(locative) and not number)
            for mention in found:
                table = surnames if mention.surname else names
                tally = table.get(mention.id)
                if tally is None:
                    tally = table[mention.id] = IdTally()
                if tally.last != index:
                    tally.articles.append(index)
                    tally.last = index
                tally.mentions += seen
                tally.forms[mention.name] = tally.forms.get(mention.name, 0) + seen
                if mention.type is not None or mention.located:
                    self._count_pattern(tally, mention, seen, text, locative, run, index)
            if acronym and found and acronym_of(found[-1], run, acronym):
                names[found[-1].id].acronyms[acronym] += seen

    def _count_pattern(
        self,
        tally: IdTally,
        mention: Mention,
        seen: int,
        text: str,
        locative: str,
        run: str,
        index: int,
    ) -> None:
        """Count what a pattern says of a name; its first such mention is the example."""
        if mention.located:
            tally.located += seen
        if mention.type is not None:
            tally.votes[mention.type] += seen
        if tally.example is None:
            offset = _run_offset(text, locative, run)
            tally.example = (index, offset + mention.start, offset + mention.end)
            self.texts[index] = text

    def example(self, key: str) -> str:
        """The sentence of the first pattern mention of ``key``, on one line."""
        seen = self.names[key].example
        if seen is None:
            return ""
        index, start, end = seen
        text = self.texts.get(index)
        if text is None:
            text = read_body(self.paths[index]) if index < len(self.paths) else ""
        return _example(text, start, end)

    def merge(self, later: ArchiveTally) -> None:
        """Add the tally of the articles that follow these (the next worker's share)."""
        for mine, theirs in ((self.names, later.names), (self.surnames, later.surnames)):
            for key, tally in theirs.items():
                if key in mine:
                    mine[key].merge(tally)
                else:
                    mine[key] = tally
        self.articles += later.articles
        self.texts.update(later.texts)

    def __getstate__(self) -> dict:
        return {
            "names": {key: t.state() for key, t in self.names.items()},
            "surnames": {key: t.state() for key, t in self.surnames.items()},
            "first": self.first,
            "articles": self.articles,
        }

    def __setstate__(self, state: dict) -> None:
        self.names = {key: IdTally.from_state(t) for key, t in state["names"].items()}
        self.surnames = {key: IdTally.from_state(t) for key, t in state["surnames"].items()}
        self.first, self.articles = state["first"], state["articles"]
        self.texts, self.paths = {}, ()


def _run_offset(text: str, locative: str, run: str) -> int:
    """Where a run counted by ``findall`` stands in the text (looked up for examples only).

    The first occurrence that is a whole run, after its ``in`` when it had one.
    """
    at = text.find(run)
    while at >= 0:
        end = at + len(run)
        alone = (at == 0 or not _joins_word(text[at - 1])) and (
            end == len(text) or not _joins_word(text[end])
        )
        before = text[max(0, at - len(locative) - 4) : at].rstrip()
        if alone and (not locative or before.endswith(locative)):
            return at
        at = text.find(run, at + 1)
    return max(text.find(run), 0)


def _joins_word(char: str) -> bool:
    return char.isalnum() or char in "_'’-"


def tally_texts(texts: Iterable[str], first: int = 0) -> ArchiveTally:
    """Count the names of every text (article bodies), in one pass."""
    tally = ArchiveTally(first=first)
    with _collector_paused():
        for text in texts:
            tally.add(text)
    return tally


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while tallies are built or unpickled.

    Counting makes hundreds of thousands of small containers and no cycles;
    collections that walk them all again and again would cost more than the
    counting itself.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def tally_files(paths: Sequence[Path], jobs: int | None = None) -> ArchiveTally:
    """Count the names of the articles at ``paths``, on every CPU (or ``jobs`` of them).

    The files are cut into consecutive shares; this process counts the first
    while worker processes count the others, and the shares are merged in
    order, so the result does not depend on how the work was split.
    """
    workers = min(jobs or os.cpu_count() or 1, max(1, len(paths) // _SHARE_MIN))
    size = -(-len(paths) // workers) if paths else 0
    starts = list(range(0, len(paths), size)) if paths else [0]
    with _collector_paused():
        if len(starts) == 1:
            tally = tally_texts(map(read_body, paths))
        else:
            with ProcessPoolExecutor(max_workers=len(starts) - 1) as pool:
                later = [pool.submit(_tally_share, paths[i : i + size], i) for i in starts[1:]]
                tally = tally_texts(map(read_body, paths[:size]))
                for share in later:
                    tally.merge(share.result())
    tally.paths = paths
    return tally


def _tally_share(paths: Sequence[Path], first: int) -> ArchiveTally:
    return tally_texts(map(read_body, paths), first)


# --- examples ------------------------------------------------------------------------------


def _example(text: str, start: int, end: int) -> str:
    """The sentence around a mention, on one line, cut around the mention when long."""
    para_start = text.rfind("\n\n", 0, start) + 1
    para_end = text.find("\n\n", end)
    paragraph = text[para_start : para_end if para_end >= 0 else len(text)]
    offset = start - para_start
    bounds = [0, *sentence_ends(paragraph), len(paragraph)]
    left = max(b for b in bounds if b <= offset)
    right = min(b for b in bounds if b >= offset + (end - start))
    sentence = paragraph[left:right]
    if len(sentence) > _EXAMPLE_CHARS:
        middle = offset - left
        cut = max(0, middle - _EXAMPLE_CHARS // 3)
        sentence = "…" + sentence[cut : cut + _EXAMPLE_CHARS] + "…"
    return " ".join(_UNPRINTABLE.sub(" ", sentence).split())


# --- reading an archive -------------------------------------------------------------------


def article_paths(content_dir: Path) -> list[Path]:
    """Every article file under ``content_dir/articles``, in path order."""
    return sorted((content_dir / "articles").rglob("*.md"))


def read_body(path: Path) -> str:
    """An article's body: text after the front matter; bytes not UTF-8 become U+FFFD.

    Only the front-matter fence is cut (``frontmatter.split``), not the YAML
    parsed: names live in the body, and parsing 20,000 headers would take
    longer than finding every name.
    """
    return frontmatter.split(path.read_bytes().decode("utf-8", errors="replace"))[1]
