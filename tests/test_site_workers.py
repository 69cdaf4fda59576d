"""The fork pool behind parallel reading and rendering (newsarchive.site.workers)."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from newsarchive.site import workers

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="this platform cannot fork")


def test_items_are_dealt_round_robin_into_shares() -> None:
    assert workers.shares(list(range(7)), 3) == [[0, 3, 6], [1, 4], [2, 5]]
    assert workers.shares([], 2) == [[], []]


def test_the_setting_wins_else_one_process_per_core() -> None:
    assert workers.processes(3) == 3
    assert workers.processes(None) == (os.cpu_count() or 1)


def _square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@needs_fork
@pytest.mark.build
def test_fork_each_gives_each_result_in_order_from_a_closure_it_never_pickles() -> None:
    offset = 100
    # Each share's first item waits for the other's: one worker cannot take both shares
    # (as it may on a busy machine), so two processes always answer.
    both_started = multiprocessing.get_context("fork").Barrier(2, timeout=60)

    def shifted(n: int) -> tuple[int, int]:  # a closure: no pickle could carry it
        if n < 2:
            both_started.wait()
        return n + offset, os.getpid()

    results = workers.fork_each(shifted, list(range(9)), 2)
    assert [value for value, _ in results] == [n + 100 for n in range(9)]
    assert len({pid for _, pid in results}) == 2 and os.getpid() not in {p for _, p in results}
    assert workers.fork_each(shifted, [], 2) == []


@needs_fork
@pytest.mark.build
def test_fork_map_gives_every_result_from_other_processes() -> None:
    results = list(workers.fork_map(_square, range(20), 2, chunksize=3))
    assert sorted(square for square, _ in results) == [n * n for n in range(20)]
    assert os.getpid() not in {pid for _, pid in results}


@needs_fork
@pytest.mark.build
def test_run_forked_runs_the_first_job_here_and_counts_failed_children(tmp_path: Path) -> None:
    here = os.getpid()
    reports = tmp_path / "reports"

    def write(name: str) -> None:
        (tmp_path / name).write_text(str(os.getpid()), encoding="utf-8")

    def fail() -> None:
        raise ValueError("broken share")

    def report(error: BaseException) -> None:
        reports.write_text(f"{type(error).__name__}: {error}", encoding="utf-8")

    jobs = [lambda: write("first"), lambda: write("second"), fail]
    assert workers.run_forked(jobs, report) == 1
    assert (tmp_path / "first").read_text(encoding="utf-8") == str(here)
    assert (tmp_path / "second").read_text(encoding="utf-8") != str(here)
    assert reports.read_text(encoding="utf-8") == "ValueError: broken share"


@needs_fork
@pytest.mark.build
def test_a_failing_first_job_is_raised_after_the_children_finish(tmp_path: Path) -> None:
    def slow_child() -> None:
        (tmp_path / "child").write_text("done", encoding="utf-8")

    def fail() -> None:
        raise RuntimeError("here")

    with pytest.raises(RuntimeError, match="here"):
        workers.run_forked([fail, slow_child], lambda error: None)
    assert (tmp_path / "child").read_text(encoding="utf-8") == "done"


# --- Later: one function in a child from now, its answer when asked ------------------------


class Refused(Exception):
    """An exception of the caller's own, as the output guard raises."""


@needs_fork
@pytest.mark.build
def test_later_gives_the_childs_value_made_in_another_process(tmp_path: Path) -> None:
    marker = tmp_path / "made-by"
    later = workers.Later(lambda: (marker.write_text(str(os.getpid())), {"a", "b"})[1])
    assert later.result() == {"a", "b"}
    assert int(marker.read_text()) != os.getpid()


@needs_fork
@pytest.mark.build
def test_later_raises_the_childs_exception_with_its_type_and_message() -> None:
    def refuse() -> None:
        raise Refused("out: refused as output folder")

    with pytest.raises(Refused, match="refused as output folder"):
        workers.Later(refuse).result()


@needs_fork
@pytest.mark.build
def test_an_exception_that_cannot_cross_the_pipe_is_told_as_text() -> None:
    class Local(Exception):  # a class pickle cannot find by name
        pass

    def fail() -> None:
        raise Local("disk on fire")

    with pytest.raises(RuntimeError, match="Local: disk on fire"):
        workers.Later(fail).result()


def test_without_fork_later_runs_the_function_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    ran: list[int] = []
    later = workers.Later(lambda: ran.append(os.getpid()) or 7)
    assert ran == [os.getpid()] and later.result() == 7


@needs_fork
@pytest.mark.build
def test_wait_waits_for_a_failed_child_without_raising(tmp_path: Path) -> None:
    done = tmp_path / "done"

    def slow_failure() -> None:
        done.write_text("finished")
        raise Refused("never asked for")

    later = workers.Later(slow_failure)
    later.wait()
    assert done.read_text() == "finished"


@needs_fork
@pytest.mark.build
def test_workers_told_to_yield_the_cores_run_nicer_than_this_process() -> None:
    mine = os.nice(0)
    seen = workers.fork_each(lambda _item: os.nice(0), [1, 2, 3, 4], 2, nice=5)
    assert seen == [min(mine + 5, 19)] * 4
    assert workers.fork_each(lambda _item: os.nice(0), [1, 2], 2) == [mine] * 2


class TwoArguments(Exception):
    """An exception pickle writes but cannot rebuild (its constructor wants two arguments)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")


@needs_fork
@pytest.mark.build
def test_an_answer_that_cannot_be_read_back_is_an_error_not_a_crash() -> None:
    def fail() -> None:
        raise TwoArguments("out", "refused")

    with pytest.raises(ChildProcessError, match="cannot be read"):
        workers.Later(fail).result()
