"""Whole-site answers kept between builds: read back for the same inputs only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsarchive.site.memo import each_kept, memoized


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
