"""The output_guard plugin's handlers (the rules are in the package docstring)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals

from newsarchive.site import incremental, workers
from newsarchive.site.buildcheck import IncompleteBuild
from newsarchive.site.outputguard import begin_build, finish_build, hold, release
from newsarchive.site.sitesize import SiteSize, verdict

from .settings import OutputGuardSettings

logger = logging.getLogger("pelican.plugins.output_guard")


def _folder(pelican: Any) -> Path:
    return Path(pelican.settings["OUTPUT_PATH"])


def _retention(pelican: Any) -> tuple[str, ...]:
    return OutputGuardSettings.of(pelican.settings).retention


def check_settings(pelican: Any) -> None:
    OutputGuardSettings.of(pelican.settings)


_before: dict[str, frozenset[str]] = {}  # output folder: the folders no build made there
# output folder: this process's lock on it (``hold``), from ``guard`` to ``record``; a build
# that failed between them leaves it here, for the next run of the process (autoreload).
# Taken as a run starts, never as Pelican starts: ``pelican -r -l`` starts Pelican in a
# process that only forks the one that runs the builds, and would hold it for good.
_held: dict[str, int | None] = {}
# output folder: the check under way (begin_build in a forked child), until answered
_checking: dict[str, workers.Later[frozenset[str]]] = {}


def guard(pelican: Any) -> None:
    """Start checking the output folder (no generators yet): refuse a foreign one, else
    clear the previous build's files. The check walks every folder of the site, which
    is mostly waiting on the system, so a forked child makes it while the articles are
    read; ``checked`` waits for its answer before anything can be written."""
    pelican.delete_outputdir = False
    folder = _folder(pelican)
    if str(folder) not in _held:  # each run takes it: the process that runs the build holds it
        _held[str(folder)] = hold(folder)  # refused while another build writes there
    for left in _checking.values():  # a build that failed before its answer (autoreload)
        left.wait()
    _checking.clear()
    keep = frozenset(incremental.read_ledger(folder))  # the writer checks their bytes
    under = incremental.SELF_MANAGED if keep else ()  # no ledger: a build from scratch
    retention = _retention(pelican)
    _checking[str(folder)] = workers.Later(lambda: begin_build(folder, retention, keep, under))
    signals.finalized.disconnect(record)
    signals.finalized.connect(record)


def checked(generator: Any) -> None:
    """Once the articles are read, before any generator writes (the search index starts at
    ``all_generators_finalized``, the pages after it): the folder's answer, or its refusal."""
    folder = Path(generator.settings["OUTPUT_PATH"])
    check = _checking.pop(str(folder), None)
    if check is not None:
        _before[str(folder)] = check.result()


def record(pelican: Any) -> None:
    """List what this build wrote in the manifest; the next build may then have the folder."""
    folder = _folder(pelican)
    try:
        files = finish_build(folder, _retention(pelican), _before.pop(str(folder), frozenset()))
    finally:
        release(_held.pop(str(folder), None))
    logger.debug("Recorded %d written file(s)", len(files))
    limit = OutputGuardSettings.of(pelican.settings).size_limit
    found = verdict(SiteSize.of(folder, files), limit) if limit is not None else None
    if found is None:
        return
    level, message = found
    if level == "error":  # after strict_build's own check: this receiver is the last
        raise IncompleteBuild(message)
    logger.warning("%s", message)
