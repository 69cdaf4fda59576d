"""Which files are read: regular files only, opened so that nothing can block or escape.

Inputs are untrusted, so:

* Only regular files are read. In a source folder a symbolic link is refused by
  name (``path: symbolic link: not followed``), even one that points inside the
  folder: links are never followed, so no file outside the folder can become an
  article and a link loop costs nothing. A FIFO, socket or device is refused by
  name and never opened (opening a FIFO blocks until something writes to it).
  A source named on the command line may itself be a link (the user chose it),
  but must lead to a regular file or a folder. Files are opened without
  blocking and checked again once open, so a file swapped for a FIFO or a link
  after the listing is refused too. Hidden names (``.git``) are skipped.
* A raw file over the decode limit is refused from its size, unread.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsarchive.ingest.decode import DEFAULT_MAX_BYTES, too_large
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.inputs.records import RawRecord, refused

RAW_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}
_LINK = "symbolic link: not followed"


def _special(mode: int) -> str:
    """What a file that is neither regular nor a folder is, in a reader's words."""
    kinds = (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    )
    kind = next((name for test, name in kinds if test(mode)), "special file")
    return f"{kind}: not a regular file, not read"


def source_kind(source: Path) -> str:
    """``file`` or ``folder`` for the source named by the user (a link to one is followed)."""
    try:
        mode = source.stat().st_mode
    except FileNotFoundError:
        raise IngestError(f"{source}: no such file or folder") from None
    except OSError as err:
        raise IngestError(f"{source}: unreadable: {err.strerror}") from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    raise IngestError(f"{source}: {_special(mode)}")


def listing(folder: Path, suffixes: set[str], *, recursive: bool) -> list[tuple[Path, str | None]]:
    """The files under ``folder`` ingest reads (reason None) and those it refuses, by path.

    Entries whose names ingest would not read anyway (hidden, or another suffix)
    are left out; links and special files among the rest are refused, never opened.
    """
    found: list[tuple[Path, str | None]] = []
    pending = [folder]
    while pending:  # a stack, not recursion: a hostile tree may be thousands deep
        current = pending.pop()
        try:
            with os.scandir(current) as scan:
                entries = list(scan)
        except OSError as err:
            found.append((current, f"unreadable folder: {err.strerror}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if recursive:
                        pending.append(path)
                elif path.suffix.lower() not in suffixes:
                    continue
                elif entry.is_symlink():
                    found.append((path, _LINK))
                elif entry.is_file(follow_symlinks=False):
                    found.append((path, None))
                else:
                    found.append((path, _special(entry.stat(follow_symlinks=False).st_mode)))
            except OSError as err:
                found.append((path, f"unreadable: {err.strerror}"))
    return sorted(found, key=lambda item: item[0])


def open_regular(path: Path, *, follow: bool) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; IngestError saying what it is else.

    Opened non-blocking (a FIFO does not hang the run) and, unless ``follow``,
    without following a link; then checked once open, so nothing swapped in after
    the listing gets read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP and not follow:
            raise IngestError(_LINK) from None
        raise IngestError(f"unreadable: {err.strerror}") from None
    handle = os.fdopen(descriptor, "rb")
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        raise IngestError(_special(mode))
    return handle


def _read_limited(path: Path, *, follow: bool, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """A raw file's bytes; refused unread when larger than ``limit``."""
    with open_regular(path, follow=follow) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise IngestError(too_large(size, limit))
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew since it was measured
        raise IngestError(too_large(len(data), limit))
    return data


def read_raw_files(source: Path) -> Iterator[RawRecord]:
    """One record per raw file: the source file itself, or every file under the folder."""
    named = source_kind(source) == "file"
    entries = [(source, None)] if named else listing(source, RAW_SUFFIXES, recursive=True)
    for path, refusal in entries:
        if refusal is None:
            try:
                data = _read_limited(path, follow=named)
            except IngestError as err:
                refusal = err.reason
        if refusal is not None:
            yield refused(str(path), path, refusal)
            continue
        yield RawRecord(str(path), path.name, hashlib.sha256(data).hexdigest(), data=data)
