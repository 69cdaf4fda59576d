"""The cycle collector's thresholds for a build (newsarchive.site.collector)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from newsarchive.site import collector


@pytest.fixture
def own_thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(900, 8, 7)
    yield (900, 8, 7)
    collector._before.clear()
    gc.unfreeze()
    gc.set_threshold(*before)


def test_a_build_collects_rarely_then_the_process_gets_its_own_setting_back(
    own_thresholds: tuple[int, int, int],
) -> None:
    collector.during_build()
    assert gc.get_threshold() == collector.THRESHOLDS
    assert collector.THRESHOLDS[0] > 100 * own_thresholds[0]
    collector.after_build()
    assert gc.get_threshold() == own_thresholds


def test_a_build_started_twice_still_restores_the_first_setting(
    own_thresholds: tuple[int, int, int],
) -> None:
    """``invoke regenerate``: a build that failed before ``finalized`` never restored."""
    collector.during_build()
    collector.during_build()
    collector.after_build()
    assert gc.get_threshold() == own_thresholds
    collector.after_build()  # nothing saved: nothing changes
    assert gc.get_threshold() == own_thresholds


class _Node:
    """An object in a reference cycle: only the cycle collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_no_pass_looks_at_a_finished_build_yet_the_next_build_frees_its_garbage(
    own_thresholds: tuple[int, int, int],
) -> None:
    """Finalization's last pass over a build's objects was 1.5 s of an incremental build."""
    collector.during_build()
    node = _Node()
    gone = weakref.ref(node)
    del node  # cyclic garbage a build leaves
    collector.after_build()
    assert gc.get_freeze_count() > 0
    gc.collect()
    assert gone() is not None  # frozen: a pass does not look at it
    collector.during_build()  # regenerate's next build
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None
