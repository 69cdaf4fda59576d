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


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory when it is inside it, else absolute."""
    cwd = os.getcwd()
    full = os.path.abspath(path)
    relative = _inside(full, cwd)
    if relative is None:  # through a link to the working directory, maybe
        folder, name = os.path.split(full)
        relative = _inside(os.path.join(_resolved(folder), name), cwd)
    return _posix(full) if relative is None else relative


def _inside(full: str, cwd: str) -> str | None:
    """``full`` (normalised) relative to ``cwd``, when inside it."""
    if full == cwd:
        return "."
    inside = os.path.join(cwd, "")
    return _posix(full[len(inside) :]) if full.startswith(inside) else None


def _posix(path: str) -> str:
    """A normalised path with ``/`` (a build names every article: no ``Path`` each)."""
    return path if os.sep == "/" else path.replace(os.sep, "/")


@functools.lru_cache(maxsize=1024)
def _resolved(folder: str) -> str:
    """A folder with its links resolved, once per folder: a build names every article,
    20,000 of them in a few hundred folders."""
    return os.path.realpath(folder)


__all__ = ["shown"]
