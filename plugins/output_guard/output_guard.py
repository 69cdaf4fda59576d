"""The output_guard plugin's handlers (the rules are in the package docstring)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals

from newsarchive.site import incremental
from newsarchive.site.outputguard import begin_build, finish_build

from .settings import OutputGuardSettings

logger = logging.getLogger(__name__)


def _folder(pelican: Any) -> Path:
    return Path(pelican.settings["OUTPUT_PATH"])


def _retention(pelican: Any) -> tuple[str, ...]:
    return OutputGuardSettings.of(pelican.settings).retention


def check_settings(pelican: Any) -> None:
    OutputGuardSettings.of(pelican.settings)


_before: dict[str, frozenset[str]] = {}  # output folder: the folders no build made there


def guard(pelican: Any) -> None:
    """Refuse a foreign output folder, else clear the previous build's files (no generators)."""
    pelican.delete_outputdir = False
    folder = _folder(pelican)
    keep = frozenset(incremental.read_ledger(folder))  # the writer checks their bytes
    under = incremental.SELF_MANAGED if keep else ()  # no ledger: a build from scratch
    _before[str(folder)] = begin_build(folder, _retention(pelican), keep, under)
    signals.finalized.disconnect(record)
    signals.finalized.connect(record)


def record(pelican: Any) -> None:
    """List what this build wrote in the manifest."""
    folder = _folder(pelican)
    files = finish_build(folder, _retention(pelican), _before.pop(str(folder), frozenset()))
    logger.debug("Recorded %d written file(s)", len(files))
