"""Each term's index entries kept between builds, under a signature of what made them.

A term's head and tails (``shards.term_entry``) depend only on the number of articles
and its postings with their weights: the signature (``shards._Weighing.signatures``) is
a digest of exactly those. Its lunr term index, which a word added to an earlier
article moves, is not kept: it is put in front of the kept head (``shards.headed``).
An edit to one article changes the postings of its own terms, and the weights of the
others whose rounding its new field length tips (a third of the postings, after a
sentence added to a synthetic article); every other term's entries are the ones the last
build wrote, so they are kept, not made again (the making was most of the index's work
after an edit). An addition or a deletion changes every term's idf, so every signature:
then all are made again, as before.

A signature is 64 bits: two different sets of postings share one by chance about once
in 2**64 (an entry kept wrongly); a cold build (``invoke rebuild``) reads no kept entry.

The file sits in the cache folder beside the index cache (``doccache``), under the same
key (the code, the topics' names and the synonyms), and is kept as its changes while
they are few (``memo.keep``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.site.memo import KeptMap, keep, read_kept_map

FILE = "search-entries.pickle"
FORMAT = 1

Entry = tuple[int, str, tuple[tuple[str, str], ...]]  # signature, head, (tail key, tail)s


@dataclass
class KeptEntries:
    """The entries the last build kept (``before``) and this build's (``now``, filled by
    ``shards.term_entries``: the very objects of ``before`` for the terms it kept).

    ``later`` gives them still to be read (``source``): ``read`` reads them once they are
    needed, after the index's postings are weighed, the peak of its memory (200 MiB of
    entries at 100,000 synthetic articles, read in 0.2 s)."""

    before: Mapping[str, Entry] = field(default_factory=dict)
    now: dict[str, Entry] = field(default_factory=dict)
    source: Callable[[], Mapping[str, Entry]] | None = None

    def read(self) -> Mapping[str, Entry]:
        """``before``, read first if it is still to be read."""
        if self.source is not None:
            self.before, self.source = self.source(), None
        return self.before

    def changed(self) -> bool:
        """Whether ``now`` differs from ``before`` (the file needs writing)."""
        before = self.read()
        return self.now.keys() != before.keys() or any(
            entry is not before[term] for term, entry in self.now.items()
        )


def load(folder: Path, key: str) -> KeptEntries:
    """The entries kept under ``key``; none when the file is missing or another key's."""
    return KeptEntries(read_kept_map(folder / FILE, f"{FORMAT}:{key}"))


def later(folder: Path, key: str) -> KeptEntries | None:
    """``load``, read when first needed (``KeptEntries.read``); None when no file is there."""
    if not (folder / FILE).is_file():
        return None
    return KeptEntries(source=lambda: read_kept_map(folder / FILE, f"{FORMAT}:{key}"))


def save(folder: Path, key: str, kept: KeptEntries) -> None:
    """Keep this build's entries, unless they are the ones read."""
    if kept.changed():
        since = kept.before if isinstance(kept.before, KeptMap) else None  # read by changed
        keep(folder / FILE, f"{FORMAT}:{key}", kept.now, since)


__all__ = ["FILE", "Entry", "KeptEntries", "later", "load", "save"]
