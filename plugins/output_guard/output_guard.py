"""A build writes into a folder of its own and deletes only what a build wrote there.

Replaces Pelican's ``DELETE_OUTPUT_DIRECTORY`` (which wipes whatever folder
``--output`` names) with the manifest rules of ``newsarchive/site/outputguard.py``:

- before any generator runs (the first thing ``Pelican.run`` does is ask for
  generators), the output folder is checked: one holding files no build of the
  archive wrote is refused by name, and nothing in it is touched; otherwise the
  previous build's files are removed (stale pages included) and the manifest is
  marked unfinished. Pelican's own wipe is switched off for the run, even under
  ``pelican -d``;
- once everything is written, the manifest lists every file the build wrote. Other
  plugins write on ``finalized`` too (sitemap, assets, the forked pages), so the
  receiver that records is connected anew at the start of each run: blinker calls
  receivers in the order they were connected, so it is the last. A build that
  fails or dies leaves the manifest unfinished, and the next build still knows
  its files.

``OUTPUT_RETENTION`` names top-level entries (``.git``, ``.nojekyll``, ``CNAME``)
that are neither refused nor removed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals

from newsarchive.site.outputguard import begin_build, finish_build

logger = logging.getLogger(__name__)


def _folder(pelican: Any) -> Path:
    return Path(pelican.settings["OUTPUT_PATH"])


def _retention(pelican: Any) -> tuple[str, ...]:
    return tuple(pelican.settings.get("OUTPUT_RETENTION") or ())


_before: dict[str, frozenset[str]] = {}  # output folder: the folders no build made there


def guard(pelican: Any) -> None:
    """Refuse a foreign output folder, else clear the previous build's files (no generators)."""
    pelican.delete_outputdir = False
    folder = _folder(pelican)
    _before[str(folder)] = begin_build(folder, _retention(pelican))
    signals.finalized.disconnect(record)
    signals.finalized.connect(record)


def record(pelican: Any) -> None:
    """List what this build wrote in the manifest."""
    folder = _folder(pelican)
    files = finish_build(folder, _retention(pelican), _before.pop(str(folder), frozenset()))
    logger.debug("Recorded %d written file(s)", len(files))


def register() -> None:
    signals.get_generators.connect(guard)
