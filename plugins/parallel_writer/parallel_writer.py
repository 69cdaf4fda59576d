"""The parallel_writer plugin's writer (the rules are in the package docstring)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.utils import posixize_path, sanitised_join
from pelican.writers import Writer

from newsarchive.site import collector, incremental, workers
from newsarchive.site.buildcheck import guarded, print_failure

from .settings import ParallelWriterSettings

logger = logging.getLogger("pelican.plugins.parallel_writer")

Job = tuple[tuple[Any, ...], dict[str, Any]]  # write_file's arguments


class RenderFailed(Exception):
    exitcode = 1


class ParallelWriter(Writer):
    def __init__(self, output_path: str, settings: dict[str, Any]):
        super().__init__(output_path, settings=settings)
        self.options = ParallelWriterSettings.of(settings)
        self._pages: list[Job] = []
        self._queued: set[str] = set()
        self.ledger = incremental.RenderLedger(
            Path(output_path), self.options.incremental, _digest_cache(settings)
        )
        self._global_key: str | None = None
        self._shared: incremental.Shared = {}
        self._inside = posixize_path(os.path.join(os.path.abspath(output_path), ""))
        # One writer a build: one left by a build that failed before its pages were
        # rendered (an autoreload run goes on) holds pages of articles that are gone.
        _writers[:] = [self]

    @guarded("writing the pages")
    def write_file(self, name: Any, template: Any, context: Any, *args: Any, **kwargs: Any) -> None:
        paginated = kwargs.get("paginated") or (args[1] if len(args) > 1 else None)
        if name and not paginated and not self._wanted(name, template, context, args, kwargs):
            return
        if not name or paginated or not workers.can_fork():
            super().write_file(name, template, context, *args, **kwargs)
            return
        self._pages.append(((name, template, context, *args), kwargs))

    def _wanted(
        self, name: str, template: Any, context: Any, args: tuple[Any, ...], kwargs: dict
    ) -> bool:
        """Whether the page must be rendered: False when the last build's is still right."""
        path = sanitised_join(self.output_path, name)
        if path in self._queued and not kwargs.get("override_output"):
            raise RuntimeError(f'Failed to overwrite "{path}": two pages would be written there')
        self._queued.add(path)
        values = {**kwargs, "": args} if args else kwargs
        stem = os.path.splitext(os.path.basename(getattr(template, "name", "") or ""))[0]
        if self._wants(path, name, stem, context, values):
            return True
        # Kept: the ledger found the file there with the bytes this page would have, so
        # it is announced as a written one is (the strict build then need not look for it).
        signals.content_written.send(path, context=context)
        return False

    def keeps(self, name: str, kind: str, context: Any, values: dict[str, Any]) -> bool:
        """Whether a file a generator writes itself (``incremental.KEYED_FILES``: an entity's
        feed, at ``name`` in the output) is kept as the last build wrote it, its key and
        bytes unchanged; False: the caller writes it now, and the ledger records it."""
        path = sanitised_join(self.output_path, name)
        return not self._wants(path, name, kind, context, values)

    def _wants(self, path: str, name: str, kind: str, context: Any, values: dict) -> bool:
        """The ledger's decision for the file at ``path`` (``name`` in the output), keyed
        by ``kind`` (a template's name) and the values it is made from."""
        if self._global_key is None:
            self._global_key = incremental.global_key(self.settings, context)
        key = incremental.page_key(self._global_key, name, kind, values, self._shared)
        inside = self._inside  # the file's path within the output, without relpath's cost
        relative = path[len(inside) :] if path.startswith(inside) else posixize_path(name)
        return self.ledger.wants(relative, key)

    @guarded("rendering the pages")
    def flush(self) -> None:
        """Render the queued pages, one process per share."""
        pages = self._pages
        self._pages, self._queued, self._shared = [], set(), {}
        processes = workers.processes(self.options.processes)
        if len(pages) < self.options.min_jobs:  # too few pages to share
            processes = 1
        shares = workers.shares(pages, processes)
        jobs = [self._job(shares[n], announce=n == 0) for n in range(processes)]
        failed = workers.run_forked(jobs, lambda error: print_failure("rendering the pages", error))
        if failed:
            raise RenderFailed(f"{failed} page-rendering process(es) failed; see the errors above")
        self._finish_ledger()
        for share in shares[1:]:
            for (name, *_rest), _kwargs in share:
                signals.content_written.send(sanitised_join(self.output_path, name), context=None)

    def _finish_ledger(self) -> None:
        ledger = self.ledger
        ledger.finish()
        logger.info(
            "Pages: %d rendered, %d kept unchanged, %d removed (incremental build%s)",
            len(ledger.rendered) + ledger.unkeyed,
            len(ledger.kept),
            len(ledger.stale_removed),
            "" if ledger.enabled else " off",
        )

    def _job(self, share: list[Job], announce: bool) -> Callable[[], None]:
        """The pages of ``share``; a worker (not ``announce``) leaves ``content_written`` to
        the parent, which sends it once the workers are done."""

        def job() -> None:
            if not announce:
                signals.content_written.receivers.clear()
            for args, kwargs in share:
                Writer.write_file(self, *args, **kwargs)

        return job


_writers: list[ParallelWriter] = []


def _digest_cache(settings: dict[str, Any]) -> Path | None:
    """Where the pages' digests are kept between builds: Pelican's cache folder, when it
    both keeps and reads its content cache (``incremental.FileDigests``)."""
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        return Path(settings["CACHE_PATH"])
    return None


def check_settings(pelican: Any) -> None:
    ParallelWriterSettings.of(pelican.settings)


def forget_kept_pages(pelican: Any) -> None:
    """With incremental builds off, or under ``pelican -d`` (``invoke rebuild``), no page of
    the last build is kept: without its ledger, output_guard removes them all first."""
    settings = pelican.settings
    if not ParallelWriterSettings.of(settings).incremental or settings.get(
        "DELETE_OUTPUT_DIRECTORY"
    ):
        incremental.forget_ledger(Path(settings["OUTPUT_PATH"]))


def get_writer(pelican: Any) -> type[Writer]:
    return ParallelWriter


def collect_rarely(pelican: Any) -> None:
    """Each build, before its generators load Pelican's content cache."""
    collector.during_build()


def collect_as_before(pelican: Any) -> None:
    """Once the pages are rendered (connected after ``flush``)."""
    collector.after_build()


def flush(pelican: Any) -> None:
    while _writers:
        _writers.pop().flush()
