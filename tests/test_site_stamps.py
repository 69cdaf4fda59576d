"""A file's digest is reused by the next build only while the file is provably unchanged."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from newsarchive.site import stamps
from newsarchive.site.stamps import KeptDigests


class Hasher:
    def __init__(self) -> None:
        self.hashed: list[str] = []

    def stamp(self, kept: KeptDigests, path: Path) -> bytes:
        def make() -> bytes:
            self.hashed.append(path.name)
            return hashlib.md5(path.read_bytes()).digest()

        return kept.digest(str(path), os.lstat(path), make)


def build(cache: Path, hasher: Hasher, *paths: Path, method: str = "md5") -> list[bytes]:
    """One build's stamps of ``paths``, kept for the next."""
    cache.mkdir(exist_ok=True)
    kept = KeptDigests(cache / "stamps.pickle", method)
    digests = [hasher.stamp(kept, path) for path in paths]
    kept.save()
    return digests


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled (no waiting out SETTLED_SECONDS)."""
    monkeypatch.setattr(stamps, "SETTLED_SECONDS", 0)


def test_an_unchanged_file_is_not_hashed_again(tmp_path: Path, settled: None) -> None:
    talks, summit = tmp_path / "talks.md", tmp_path / "summit.md"
    talks.write_text("Kim Jong Un met Donald Trump.\n", encoding="utf-8")
    summit.write_text("The summit ended early.\n", encoding="utf-8")
    hasher = Hasher()
    first = build(tmp_path / "cache", hasher, talks, summit)
    assert build(tmp_path / "cache", hasher, talks, summit) == first
    assert hasher.hashed == ["talks.md", "summit.md"]


def test_an_edit_of_the_same_length_is_hashed_again(tmp_path: Path, settled: None) -> None:
    talks = tmp_path / "talks.md"
    talks.write_text("Talks in Hanoi.\n", encoding="utf-8")
    hasher = Hasher()
    (first,) = build(tmp_path / "cache", hasher, talks)
    mtime = talks.stat().st_mtime_ns
    talks.write_text("Talks in Seoul.\n", encoding="utf-8")
    os.utime(talks, ns=(mtime, mtime))  # the file's time set back: its change time is not
    (edited,) = build(tmp_path / "cache", hasher, talks)
    assert edited == hashlib.md5(talks.read_bytes()).digest() != first
    assert hasher.hashed == ["talks.md", "talks.md"]


def test_a_file_replaced_by_another_is_hashed_again(tmp_path: Path, settled: None) -> None:
    talks, draft = tmp_path / "talks.md", tmp_path / "draft.md"
    talks.write_text("first text\n", encoding="utf-8")
    hasher = Hasher()
    build(tmp_path / "cache", hasher, talks)
    draft.write_text("other text\n", encoding="utf-8")
    draft.replace(talks)  # as a checkout or an editor's save does
    (replaced,) = build(tmp_path / "cache", hasher, talks)
    assert replaced == hashlib.md5(b"other text\n").digest()


def test_a_file_changed_just_before_it_was_hashed_is_not_trusted_next_time(
    tmp_path: Path,
) -> None:
    """A clock that ticks coarsely could give a second write within the tick the same
    stat, so a file that had just changed when it was hashed is hashed again."""
    talks = tmp_path / "talks.md"
    talks.write_text("fresh\n", encoding="utf-8")
    hasher = Hasher()
    build(tmp_path / "cache", hasher, talks)
    build(tmp_path / "cache", hasher, talks)
    assert hasher.hashed == ["talks.md", "talks.md"]


def test_another_method_or_a_build_ignoring_the_cache_reads_nothing(
    tmp_path: Path, settled: None
) -> None:
    talks = tmp_path / "talks.md"
    talks.write_text("text\n", encoding="utf-8")
    hasher = Hasher()
    build(tmp_path / "cache", hasher, talks)
    build(tmp_path / "cache", hasher, talks, method="sha1")
    ignoring = KeptDigests(tmp_path / "cache" / "stamps.pickle", "md5", load=False)
    hasher.stamp(ignoring, talks)
    assert hasher.hashed == ["talks.md"] * 3


def test_only_this_builds_files_are_kept(tmp_path: Path, settled: None) -> None:
    talks, gone = tmp_path / "talks.md", tmp_path / "gone.md"
    talks.write_text("text\n", encoding="utf-8")
    gone.write_text("deleted next\n", encoding="utf-8")
    build(tmp_path / "cache", Hasher(), talks, gone)
    build(tmp_path / "cache", Hasher(), talks)
    assert set(KeptDigests(tmp_path / "cache" / "stamps.pickle", "md5").kept) == {str(talks)}
