"""The cycle collector's thresholds for a build (newsarchive.site.collector)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from newsarchive.site import collector


@pytest.fixture
def own_thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(900, 8, 7)
    yield (900, 8, 7)
    collector._before.clear()
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
