"""Render the site's pages on every core: Pelican's writer, with the rendering deferred and forked.

Settings (prefix PARALLEL_WRITER_): PROCESSES (default: one per CPU) and
MIN_JOBS (below this many pages, render in this process; default 200).

Pelican renders and writes each page as its generators ask. This writer
queues the pages instead and, once every generator is done (the first
``finalized`` receiver, so the other plugins see a complete site), forks one
worker per extra core: after the fork each worker has the whole finished
context in memory, renders its share of the pages exactly as Pelican would,
and writes them; the parent renders its own share and then announces every
written file with ``content_written``, as Pelican does, so the strict-build
check sees them all. Plugins can also ``defer`` other work (the search index)
to run beside the pages. Platforms without ``fork`` render in order, as before.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from newsarchive.site.buildcheck import guarded, print_failure

logger = logging.getLogger(__name__)


class RenderFailed(Exception):
    exitcode = 1


class ParallelWriter(Writer):
    def __init__(self, output_path: str, settings: dict[str, Any]):
        super().__init__(output_path, settings=settings)
        self._pages: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        self._queued: set[str] = set()
        self._tasks: list[Callable[[], None]] = []
        _writers.append(self)

    @guarded("writing the pages")
    def write_file(self, name: Any, template: Any, context: Any, *args: Any, **kwargs: Any) -> None:
        paginated = kwargs.get("paginated") or (args[1] if len(args) > 1 else None)
        if not name or paginated or not _can_fork():
            super().write_file(name, template, context, *args, **kwargs)
            return
        path = sanitised_join(self.output_path, name)
        if path in self._queued and not kwargs.get("override_output"):
            raise RuntimeError(f'Failed to overwrite "{path}": two pages would be written there')
        self._queued.add(path)
        self._pages.append(((name, template, context, *args), kwargs))

    def defer(self, task: Callable[[], None]) -> None:
        """Run ``task`` (which writes its own files) beside the page rendering."""
        if _can_fork():
            self._tasks.append(task)
        else:
            task()

    @guarded("rendering the pages")
    def flush(self) -> None:
        pages, tasks = self._pages, self._tasks
        self._pages, self._tasks, self._queued = [], [], set()
        processes = max(
            1, int(self.settings.get("PARALLEL_WRITER_PROCESSES") or os.cpu_count() or 1)
        )
        if len(pages) < int(self.settings.get("PARALLEL_WRITER_MIN_JOBS", 200)):
            processes = 1 + len(tasks) if tasks else 1
        shares = [pages[n::processes] for n in range(processes)]
        children = []
        for number in range(1, processes):
            task = tasks[number - 1] if number - 1 < len(tasks) else None
            pid = os.fork()
            if pid == 0:  # the worker: render its share, then leave without cleanup handlers
                code = 0
                try:
                    if task is not None:
                        task()
                    self._render(shares[number], announce=False)
                except BaseException as error:
                    print_failure("rendering the pages", error)  # `path: reason`, no traceback
                    code = 1
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(code)
            children.append(pid)
        try:
            for task in tasks[processes - 1 :]:
                task()
            self._render(shares[0], announce=True)
        finally:  # a failure here still waits for the workers, whose lines it reports with its own
            failed = [
                pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0
            ]
        if failed:
            raise RenderFailed(
                f"{len(failed)} page-rendering process(es) failed; see the errors above"
            )
        for share in shares[1:]:
            for (name, *_rest), _kwargs in share:
                signals.content_written.send(sanitised_join(self.output_path, name), context=None)

    def _render(self, share: list[tuple[tuple[Any, ...], dict[str, Any]]], announce: bool) -> None:
        if not announce:
            signals.content_written.receivers.clear()  # the parent announces these after the join
        for args, kwargs in share:
            Writer.write_file(self, *args, **kwargs)


def _can_fork() -> bool:
    return hasattr(os, "fork")


_writers: list[ParallelWriter] = []


def get_writer(pelican: Any) -> type[Writer]:
    return ParallelWriter


def flush(pelican: Any) -> None:
    while _writers:
        _writers.pop().flush()


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(flush)
