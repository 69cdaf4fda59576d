"""How the build and the tasks name a file in what they print.

A contributor reads ``content/articles/2019/talks.md``, not the absolute path the
build holds: a path inside the working directory is shown relative to it, any other
in full, always with ``/``. Only the form is decided here; quoting what a contributor
wrote safely (control characters, CI commands) is ``newsarchive.content.printable``'s
rule, applied where a message is printed.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory when it is inside it, else absolute."""
    cwd = os.getcwd()
    inside = os.path.join(cwd, "")
    full = os.path.abspath(path)
    folder, name = os.path.split(full)
    for candidate in (full, os.path.join(_resolved(folder), name)):
        if candidate == cwd:
            return "."
        if candidate.startswith(inside):
            return Path(candidate[len(inside) :]).as_posix()
    return Path(full).as_posix()


@functools.lru_cache(maxsize=1024)
def _resolved(folder: str) -> str:
    """A folder with its links resolved, once per folder: a build names every article,
    20,000 of them in a few hundred folders."""
    return os.path.realpath(folder)


__all__ = ["shown"]
