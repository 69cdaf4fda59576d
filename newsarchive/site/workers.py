"""Work spread over every core by forking: reading articles and rendering pages.

Reading, checking and rendering one file, or rendering one page, needs nothing
from any other, so a build spreads them over its cores. The rules:

- Forked processes only (``can_fork``): after the fork each worker holds the whole
  build in memory (settings, registries, every article and listing), so nothing is
  pickled on the way in. Where a platform cannot fork, the caller works in order.
- ``processes(setting)``: the setting when given (at least 1), else one per core.
- ``fork_map`` hands out items in chunks and yields results as they come (its workers
  yield the cores to other processes by ``nice``, when asked); the caller
  decides what a worker's failure means (the reader reads such a file again, in
  order, so its error is reported as usual). ``fork_each`` gives ``function(item)``
  for each item, in order, from workers that inherit the function (a closure too:
  it is never pickled) and each take a share of the items.
- ``run_forked`` runs each job after the first in a child of its own and the first
  in this process, then waits for every child, even when the first job failed, so
  no worker outlives the build. ``start_forked`` starts one child now, for work that
  can begin before the rest (the search index), and ``wait_forked`` waits for it. A child reports its own failure (``on_failure``)
  and leaves with ``os._exit``: no cleanup handler of the parent runs twice.
- ``Later`` runs one function in a child from now and hands its value (or raises its
  exception) when asked: the output guard's walk of the output folder, which waits on
  the system, runs beside the reading of the articles.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def processes(setting: int | None) -> int:
    """How many processes to use: the setting when given, else one per core."""
    return max(1, setting or os.cpu_count() or 1)


def shares(items: Sequence[T], count: int) -> list[list[T]]:
    """``items`` dealt into ``count`` shares, round-robin, so each gets a similar mix."""
    return [list(items[number::count]) for number in range(count)]


def fork_map(
    function: Callable[[T], R],
    items: Iterable[T],
    count: int,
    chunksize: int = 64,
    nice: int = 0,
) -> Iterator[R]:
    """``function`` of every item, in ``count`` forked workers, in the order results come;
    ``nice``: how much the workers yield the cores to other processes (``os.nice``)."""
    start = (_yield_cores, (nice,)) if nice else (None, ())
    with multiprocessing.get_context("fork").Pool(count, *start) as pool:
        yield from pool.imap_unordered(function, items, chunksize=chunksize)


def _yield_cores(nice: int) -> None:
    with contextlib.suppress(OSError):
        os.nice(nice)


def fork_each(function: Callable[[T], R], items: Sequence[T], count: int, nice: int = 0) -> list[R]:
    """``function`` of each item, in order, from ``count`` forked workers (module rules)."""
    _inherited.append((function, items))
    try:
        results: list[R | None] = [None] * len(items)
        for part in fork_map(_each_of_share, shares(range(len(items)), count), count, 1, nice):
            for number, result in part:
                results[number] = result
        return results  # type: ignore[return-value]
    finally:
        _inherited.pop()


def each_maybe_forked(
    function: Callable[[T], R], items: Sequence[T], count: int, min_jobs: int, nice: int = 0
) -> list[R]:
    """``fork_each`` when there are ``count`` > 1 processes, at least ``min_jobs`` items and
    forking; else ``function`` of each item here, in order."""
    if count > 1 and len(items) >= max(min_jobs, 1) and can_fork():
        return fork_each(function, items, count, nice)
    return [function(item) for item in items]


# fork_each's function and items, as its workers inherit them.
_inherited: list[tuple[Callable[[object], object], Sequence[object]]] = []


def _each_of_share(numbers: Sequence[int]) -> list[tuple[int, object]]:
    function, items = _inherited[-1]
    return [(number, function(items[number])) for number in numbers]


def run_forked(
    jobs: Sequence[Callable[[], None]], on_failure: Callable[[BaseException], None]
) -> int:
    """Run ``jobs[1:]`` in forked children and ``jobs[0]`` here; how many children failed.

    A failure of ``jobs[0]`` is raised once every child has finished.
    """
    children = [start_forked(job, on_failure) for job in jobs[1:]]
    try:
        if jobs:
            jobs[0]()
    finally:
        failed = wait_forked(children)
    return failed


def wait_forked(children: Sequence[int]) -> int:
    """Wait for every child ``start_forked`` started; how many failed."""
    return sum(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0 for pid in children)


def start_forked(job: Callable[[], None], on_failure: Callable[[BaseException], None]) -> int:
    """Run ``job`` in a forked child of its own, now; its process id, for ``wait_forked``."""
    release_freed_memory()
    pid = os.fork()
    if pid:
        return pid
    code = 0  # the child: run the job, then leave without the parent's cleanup handlers
    try:
        job()
    except BaseException as error:
        on_failure(error)
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


class Later(Generic[R]):
    """``function()`` started now in a forked child (here and now where there is no fork);
    ``result()`` waits for it and gives its value, or raises its exception. For work
    this process needs later, but can do without meanwhile: mostly waiting on the
    system (a walk of the output folder), so it runs beside this process's own work.
    The value and any exception cross a pipe pickled."""

    def __init__(self, function: Callable[[], R]) -> None:
        self._pid = 0
        if not can_fork():
            self._outcome = _outcome(function)
            return
        read, write = os.pipe()

        def answer() -> None:
            os.close(read)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(_pickled(_outcome(function)))

        self._pid = start_forked(answer, lambda _error: None)  # no answer: result() says so
        os.close(write)
        self._pipe = os.fdopen(read, "rb")

    def result(self) -> R:
        if self._pid:
            with self._pipe:
                data = self._pipe.read()
            os.waitpid(self._pid, 0)
            self._pid = 0
            self._outcome = _answer(data)
        done, value = self._outcome
        if done:
            return value  # type: ignore[return-value]
        raise value  # type: ignore[misc]

    def wait(self) -> None:
        """Wait for the child, whatever its outcome (a build that failed before it needed
        it; the next build of the process must not run beside it)."""
        with contextlib.suppress(Exception):
            self.result()


def _outcome(function: Callable[[], R]) -> tuple[bool, object]:
    try:
        return True, function()
    except Exception as error:
        return False, error


def _answer(data: bytes) -> tuple[bool, object]:
    """The child's outcome from its bytes; none (it died first) or unreadable, an error."""
    try:
        return pickle.loads(data) if data else (False, ChildProcessError("no answer"))
    except Exception as error:  # an exception class whose arguments do not rebuild it
        return False, ChildProcessError(f"an answer that cannot be read: {error}")


def _pickled(outcome: tuple[bool, object]) -> bytes:
    """The outcome pickled, or its exception told as text when it cannot be."""
    try:
        return pickle.dumps(outcome)
    except Exception:
        return pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))


def release_freed_memory() -> None:
    """Hand the memory the process has freed back to the system before a fork.

    A child starts with every page its parent holds, freed ones too: glibc keeps the
    memory of freed objects (the articles' texts once ``bodies`` has them on disk, the
    reading's intermediate values) for reuse, and only ``malloc_trim`` returns it. Elsewhere
    (no glibc) this does nothing.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


__all__ = [
    "Later",
    "can_fork",
    "each_maybe_forked",
    "fork_each",
    "fork_map",
    "processes",
    "release_freed_memory",
    "run_forked",
    "shares",
    "start_forked",
    "wait_forked",
]
