"""Whole-site answers kept between builds: read back for the same inputs only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsarchive.site import memo
from newsarchive.site.memo import each_kept, keep, memoized, read_kept_map


def test_the_same_inputs_read_the_answer_back_and_others_compute_it(tmp_path: Path) -> None:
    calls: list[int] = []

    def compute(value: int) -> dict[str, list[str]]:
        calls.append(value)
        return {"a": [str(value)]}

    inputs = ([("a", ("kim-jong-un",), dt.date(2019, 5, 2), ())], 5)
    assert memoized(tmp_path, "related", inputs, lambda: compute(1)) == {"a": ["1"]}
    assert memoized(tmp_path, "related", inputs, lambda: compute(2)) == {"a": ["1"]}
    moved = ([("a", ("kim-jong-un",), dt.date(2019, 5, 3), ())], 5)
    assert memoized(tmp_path, "related", moved, lambda: compute(3)) == {"a": ["3"]}
    assert calls == [1, 3]
    assert memoized(None, "related", moved, lambda: compute(4)) == {"a": ["4"]}


def test_a_broken_file_is_no_answer(tmp_path: Path) -> None:
    memoized(tmp_path, "related", 1, lambda: "kept")
    (tmp_path / "related.pickle").write_bytes(b"\x80\x05broken")
    assert memoized(tmp_path, "related", 1, lambda: "again") == "again"


def test_each_kept_computes_only_the_items_without_a_kept_answer() -> None:
    computed: list[str] = []

    def shout(text: str) -> str:
        computed.append(text)
        return text.upper()

    kept = {"a": "A (kept)", "gone": "GONE"}
    answers, now = each_kept(kept, [("a", "a"), ("b", "b"), (None, "c")], shout)
    assert answers == ["A (kept)", "B", "C"]
    assert computed == ["b", "c"]
    # This run's answers only: a deleted item's is dropped, an unkeyed one never kept.
    assert now == {"a": "A (kept)", "b": "B"}


def _entries(count: int) -> dict[str, list[str]]:
    return {f"article-{n}": [f"line {n}"] for n in range(count)}


def test_a_map_kept_again_writes_only_its_changes_while_they_are_few(tmp_path: Path) -> None:
    """An edit rewrites one entry's worth beside the file, not the whole map; what is read
    back is the map as kept, entries gone included."""
    path = tmp_path / "lines.pickle"
    keep(path, "k", _entries(200), since=read_kept_map(path, "k"))  # nothing read: whole
    whole = path.read_bytes()
    kept = read_kept_map(path, "k")
    now = dict(kept)
    now["article-3"] = ["line 3, edited"]
    del now["article-7"]
    now["article-new"] = ["a new line"]
    keep(path, "k", now, since=kept)
    assert path.read_bytes() == whole
    changes = path.with_name("lines.pickle.changes")
    assert changes.stat().st_size < len(whole) // 10
    assert read_kept_map(path, "k") == now

    again = read_kept_map(path, "k")  # the next build's changes hold the earlier ones too
    later = {**again, "article-9": ["line 9, edited"]}
    keep(path, "k", later, since=again)
    assert path.read_bytes() == whole
    assert read_kept_map(path, "k") == later


def test_many_changes_write_the_map_whole_again(tmp_path: Path) -> None:
    path = tmp_path / "lines.pickle"
    keep(path, "k", _entries(2000))
    kept = read_kept_map(path, "k")
    few = {**kept, **{f"article-{n}": ["edited"] for n in range(memo.FEW_CHANGES)}}
    keep(path, "k", few, since=kept)
    assert path.with_name("lines.pickle.changes").exists()
    kept = read_kept_map(path, "k")
    many = {**kept, **{f"article-{n}": ["again"] for n in range(2000 // memo.CHANGES_SHARE + 1)}}
    keep(path, "k", many, since=kept)
    assert not path.with_name("lines.pickle.changes").exists()
    assert read_kept_map(path, "k") == many


def test_changes_apply_only_to_the_file_they_were_made_from(tmp_path: Path) -> None:
    """A map written whole since (another build's, a restored cache) or under another key
    ignores changes made against an earlier one."""
    path = tmp_path / "lines.pickle"
    keep(path, "k", _entries(100))
    kept = read_kept_map(path, "k")
    keep(path, "k", {**kept, "article-1": ["edited"]}, since=kept)
    stale = path.with_name("lines.pickle.changes").read_bytes()
    keep(path, "k", _entries(100))  # whole again: its changes file goes
    path.with_name("lines.pickle.changes").write_bytes(stale)
    assert read_kept_map(path, "k") == _entries(100)
    assert read_kept_map(path, "other") == {}
    path.with_name("lines.pickle.changes").write_bytes(b"broken")
    assert read_kept_map(path, "k") == _entries(100)
