"""How the build and the tasks name a file in what they print.

A contributor reads ``content/articles/2019/talks.md``, not the absolute path the
build holds: a path inside the working directory is shown relative to it, any other
in full, always with ``/``. Only the form is decided here; quoting what a contributor
wrote safely (control characters, CI commands) is ``newsarchive.content.printable``'s
rule, applied where a message is printed.
"""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory when it is inside it, else absolute."""
    cwd = Path.cwd()
    full = Path(os.path.abspath(path))
    for candidate in (full, full.resolve()):
        if candidate.is_relative_to(cwd):
            return candidate.relative_to(cwd).as_posix() or "."
    return full.as_posix()


__all__ = ["shown"]
