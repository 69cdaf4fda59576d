"""A build deletes only files a build of this archive wrote: the output folder's manifest.

``invoke build --output DIR`` used to wipe DIR, whatever it held (Pelican's
``DELETE_OUTPUT_DIRECTORY``): a mistyped ``--output ~/Documents`` would have been
a disaster. Instead each build records the files it wrote in DIR/.newsarchive-manifest
and the rules are:

- A missing or empty folder is fine, and so is one holding only retained entries
  (``OUTPUT_RETENTION``: ``.git``, ``.nojekyll``, ``CNAME`` at the top level,
  which a build neither lists nor touches).
- Any other file (or symlink, or other non-folder entry) the manifest does not
  list makes the build refuse the folder before anything is written or removed,
  naming the folder and a few of the files, and saying how to proceed: empty the
  folder, or choose another. A folder without a readable manifest (a stranger's,
  or an older build's) is refused when it holds any file. ``invoke clean``
  follows the same rule.
- A build removes the files of the previous build (the stale pages of articles
  since deleted among them) before it writes, as Pelican did, but the pages the
  render ledger lists (``LEDGER``: ``newsarchive.site.incremental`` keeps those
  whose inputs did not change and removes the others itself) and the files of
  folders whose writer removes its own stale ones (the search index), and removes
  nothing else: only files that a walk of the folder finds (symlinks are never
  followed, so nothing outside it) and the manifest lists. Folders are removed
  when empty and either the manifest lists them or removing those files emptied
  them; a folder still holding anything stays.
- The manifest is written atomically (a temporary file renamed over it). At the
  start a build marks it unfinished; at the end it lists every file the build
  left in the folder, sorted, without dates, so two builds of the same content
  write the same bytes. A build that died halfway leaves it unfinished: the next
  build then takes as its own the files it lists and those created or changed
  after it was marked (their inode change time is later than the manifest's),
  since only the dead build wrote there since.
- It is a dotfile, so GitHub Pages' artifact upload leaves it out; ghp-import
  publishes it, which only shows the public files' names.
- One build at a time writes a folder (``hold``): a build takes a lock on the folder
  itself (``flock``, no file of its own) before it looks at it, and a second build
  of the same folder (``invoke build`` while ``invoke livereload`` runs) is refused,
  naming the folder, instead of writing pages and ledgers over the first one's; so is
  ``invoke clean``. The system drops the lock when the build ends, whether it
  finished, failed or died.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsarchive.content.printable import printable
from newsarchive.site.buildcheck import IncompleteBuild

MANIFEST = ".newsarchive-manifest"
MANIFEST_TMP = f"{MANIFEST}.tmp"
# newsarchive.site.incremental's render ledger: which pages a build may keep as they are.
LEDGER = ".newsarchive-pages"
LEDGER_TMP = f"{LEDGER}.tmp"
OWN = (MANIFEST, MANIFEST_TMP, LEDGER, LEDGER_TMP)  # the build's own records, never listed
FORMAT = 1
SHOWN_FILES = 5
_ABOUT = (
    "Files the last build of the archive wrote in this folder. The next build removes "
    "them before it writes, and refuses the folder if it holds any other file."
)


class OutputFolderError(IncompleteBuild):
    """The output folder is refused (it holds files no build wrote, or is no folder), or a
    file the last build wrote there cannot be removed."""


@dataclass(frozen=True)
class Manifest:
    """What the last build recorded: its files, and whether it finished."""

    files: frozenset[str]
    folders: frozenset[str]
    complete: bool
    marked_ns: int  # the manifest's inode change time: an unfinished build wrote after it


def shown(path: Path) -> str:
    """A folder as messages name it: relative to the working directory when inside it, and
    with control characters escaped (a name cannot drive the terminal or a CI log)."""
    full = path.absolute()
    try:
        return printable(full.relative_to(Path.cwd()).as_posix() or ".")
    except ValueError:
        return printable(str(full))


def hold(folder: Path) -> int | None:
    """Lock ``folder`` (made when missing) for this build: the descriptor to ``release``,
    None where there is no ``flock`` (or the path is no folder, which the build refuses
    anyway). A folder another process holds is refused."""
    if sys.platform == "win32" or (folder.exists() and not folder.is_dir()):
        return None
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputFolderError(
            f"{shown(folder)}: another build is writing this folder (an invoke livereload "
            "or invoke regenerate still running?); wait for it to end, or stop it, then "
            "try again"
        ) from None
    return fd


def release(fd: int | None) -> None:
    """Let the next build have the folder ``hold`` locked."""
    if fd is not None:
        os.close(fd)


# --- the manifest ---------------------------------------------------------------------


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest; None when there is none or it is not one this code wrote."""
    path = folder / MANIFEST
    try:
        stamp = path.lstat()
        if not stat.S_ISREG(stamp.st_mode):  # a symlink or a folder: not written here
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    files, folders = data.get("files"), data.get("folders", [])
    if not _names(files) or not _names(folders):
        return None
    return Manifest(
        frozenset(files), frozenset(folders), data.get("complete") is True, stamp.st_ctime_ns
    )


def _names(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def manifest_text(files: Iterable[str], folders: Iterable[str], complete: bool) -> str:
    """The manifest's bytes as text: sorted names, one per line, no dates."""
    data = {
        "about": _ABOUT,
        "complete": complete,
        "files": sorted(files),
        "folders": sorted(folders),
        "format": FORMAT,
    }
    return json.dumps(data, indent=0, sort_keys=True, ensure_ascii=True) + "\n"


def write_manifest(
    folder: Path, files: Iterable[str], folders: Iterable[str], complete: bool
) -> None:
    """Replace the manifest in one step, so a build killed meanwhile leaves the old or the new."""
    tmp = folder / MANIFEST_TMP
    tmp.unlink(missing_ok=True)  # a leftover, or a planted symlink: never written through
    with tmp.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(manifest_text(files, folders, complete))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / MANIFEST)


# --- what the folder holds ------------------------------------------------------------


def present_files(folder: Path, retention: Iterable[str] = ()) -> list[str]:
    """Every non-folder entry below folder, as sorted relative POSIX paths.

    Symlinks count as entries and are never followed (a symlinked folder is one
    entry), so nothing outside the folder is ever listed. The retained top-level
    names and the manifest's own files are left out (a folder so named is not).
    """
    return _walk(folder, retention)[0]


def present_folders(folder: Path, retention: Iterable[str] = ()) -> list[str]:
    """Every real folder below folder (not the retained ones), as sorted relative paths."""
    return _walk(folder, retention)[1]


def _walk(folder: Path, retention: Iterable[str]) -> tuple[list[str], list[str]]:
    """``present_files`` and ``present_folders`` from one ``os.scandir`` pass.

    Names are joined as strings (no ``Path`` per entry): a warm build walks tens of
    thousands of files twice. An entry that is a real folder is walked, any other (a
    symlink too, whatever it points to) is a file; a folder that cannot be listed is
    listed itself but not its entries, as ``os.walk`` skips it.
    """
    retained = set(retention)
    skipped = {*retained, *OWN}  # top-level files that are not the build's (a folder is)
    found: list[str] = []
    folders: list[str] = []
    pending: list[tuple[str, str]] = []  # (the folder's path, its relative name + "/")
    for name, is_folder in _entries(os.fspath(folder)):
        if name in (retained if is_folder else skipped):
            continue
        if is_folder:
            folders.append(name)
            pending.append((os.path.join(folder, name), f"{name}/"))
        else:
            found.append(name)
    while pending:
        path, prefix = pending.pop()
        for name, is_folder in _entries(path):
            if is_folder:
                folders.append(prefix + name)
                pending.append((os.path.join(path, name), f"{prefix}{name}/"))
            else:
                found.append(prefix + name)
    found.sort()
    folders.sort()
    return found, folders


def _entries(path: str) -> list[tuple[str, bool]]:
    """A folder's entries and whether each is a real folder (symlinks never are); none when
    it cannot be listed."""
    try:
        with os.scandir(path) as entries:
            return [(entry.name, _is_folder(entry)) for entry in entries]
    except OSError:
        return []


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def owned_files(folder: Path, retention: Iterable[str] = ()) -> list[str]:
    """The files in folder a build of this archive wrote; refuses a folder holding others.

    Raises OutputFolderError, naming the folder and a few of the other files, when
    there are any, or when folder exists and is not a folder.
    """
    return owned(folder, retention)[0]


def owned(folder: Path, retention: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """``owned_files``, and the folders the manifest lists that are still there (one walk)."""
    files, listed, _all = _owned(folder, retention)
    return files, listed


def _owned(folder: Path, retention: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """``owned``, and every folder the walk found."""
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(
            f"{shown(folder)}: refused as output folder: it is a file; "
            "choose another folder (--output)"
        )
    if not folder.is_dir():
        return [], [], []
    files, folders = _walk(folder, retention)
    manifest = read_manifest(folder)
    strangers = [f for f in files if not _is_owned(folder, f, manifest)]
    if strangers:
        raise OutputFolderError(refusal(folder, strangers, manifest is not None))
    listed = manifest.folders if manifest is not None else frozenset()
    return files, [f for f in folders if f in listed], folders


def _is_owned(folder: Path, name: str, manifest: Manifest | None) -> bool:
    if manifest is None:
        return False
    if name in manifest.files:
        return True
    if manifest.complete:
        return False
    try:
        # Strictly later: a file changed in the same clock tick as the mark may predate it
        # (a dead build's first write comes long after, once every article is read).
        return (folder / name).lstat().st_ctime_ns > manifest.marked_ns
    except OSError:
        return False


def refusal(folder: Path, strangers: list[str], has_manifest: bool) -> str:
    """The message refusing folder: which files, and how to proceed."""
    names = ", ".join(printable(name) for name in strangers[:SHOWN_FILES])
    more = len(strangers) - SHOWN_FILES
    if more > 0:
        names += f" and {more} more"
    whose = (
        "the last build did not write"
        if has_manifest
        else f"and no {MANIFEST} saying a build of this archive wrote them"
    )
    return (
        f"{shown(folder)}: refused as output folder: it holds {len(strangers)} file(s) {whose} "
        f"({names}); a build removes only what it wrote, so it needs a folder of its own: "
        "empty this one (an older build's output too) or choose another (--output)"
    )


# --- removing -------------------------------------------------------------------------


def remove_files(folder: Path, names: Iterable[str], folders: Iterable[str] = ()) -> int:
    """Remove these entries (found by ``present_files``), then the folders they leave empty
    and the empty ones of ``folders`` (found by ``present_folders``). Returns the files removed."""
    removed = 0
    parents: set[Path] = {Path(f) for f in folders}
    for name in names:
        path = folder / name
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as err:
            raise OutputFolderError(
                f"{shown(folder)}: cannot remove {printable(name)}, which the last build wrote: "
                f"{err.strerror}; remove it yourself, or choose another folder (--output)"
            ) from None
        removed += 1
        parents.update(p for p in path.relative_to(folder).parents if p != Path("."))
    for parent in sorted(parents, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: something else is still there
            (folder / parent).rmdir()
    return removed


def begin_build(
    folder: Path,
    retention: Iterable[str] = (),
    keep: frozenset[str] = frozenset(),
    keep_under: tuple[str, ...] = (),
) -> frozenset[str]:
    """Before a build writes: refuse a foreign folder, mark the manifest unfinished, and
    remove the previous build's files and folders but ``keep`` (pages the build may keep
    as they are: ``newsarchive.site.incremental``, which removes those it no longer writes)
    and those under ``keep_under`` (folders whose writer removes its own stale files).

    Returns the folders still there (empty ones no build made): ``finish_build``
    leaves them out of the manifest, so no later build removes them.
    """
    retention = tuple(retention)
    files, folders, every = _owned(folder, retention)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_manifest(folder, files, folders, complete=False)
    except OSError as err:
        raise OutputFolderError(
            f"{shown(folder)}: cannot write {MANIFEST} there: {err.strerror}; "
            "choose another folder (--output)"
        ) from None
    removed = [f for f in files if f not in keep and not f.startswith(keep_under)]
    remove_files(folder, removed, _emptied(every, folders, files, removed))
    ours = set(folders)  # the folders of kept pages stay, and stay the build's own
    # The folders still there after the removal: those of the walk above that are left.
    return frozenset(f for f in every if f not in ours and (folder / f).is_dir())


def _emptied(
    every: list[str], listed: list[str], files: list[str], removed: list[str]
) -> list[str]:
    """The folders of ``listed`` that removing ``removed`` leaves empty, told from the walk
    that found ``every`` folder and the ``files``: those holding no file that stays and no
    folder that stays. ``remove_files`` then tries only these (and the removed files'
    folders) rather than every folder of the site, almost all of which hold kept pages."""
    emptying: set[str] = set()  # the removed files' folders, which remove_files tries
    for name in removed:
        _add_with_parents(name.rpartition("/")[0], emptying)
    candidates = emptying.union(listed)
    held: set[str] = set()  # folders that stay, each with its parents
    gone = set(removed)
    for name in files:
        if name not in gone:
            _add_with_parents(name.rpartition("/")[0], held)
    for name in every:
        if name not in candidates:
            _add_with_parents(name, held)
    return [f for f in listed if f not in held]


def _add_with_parents(name: str, into: set[str]) -> None:
    """Add a folder ("" is the top, never added) and the folders above it; ``into`` holds
    the parents of all it holds, so the climb stops at the first one already there."""
    while name and name not in into:
        into.add(name)
        name = name.rpartition("/")[0]


def finish_build(
    folder: Path, retention: Iterable[str] = (), before: frozenset[str] = frozenset()
) -> list[str]:
    """After a build: record every file now in the folder, and every folder but those
    there ``before`` it (``begin_build``'s answer), as written by it."""
    files, folders = _walk(folder, retention)
    write_manifest(folder, files, [f for f in folders if f not in before], complete=True)
    return files


def clean_output(folder: Path, retention: Iterable[str] = ()) -> int:
    """``invoke clean``: remove what builds wrote, and the manifest; refuse a foreign folder,
    and one a build is writing (``hold``)."""
    held = hold(folder) if folder.is_dir() else None
    try:
        removed = remove_files(folder, *owned(folder, retention))
        for name in OWN:
            if not (folder / name).is_dir():  # a folder so named is not ours
                (folder / name).unlink(missing_ok=True)
    finally:
        release(held)
    return removed


__all__ = [
    "MANIFEST",
    "Manifest",
    "OutputFolderError",
    "begin_build",
    "clean_output",
    "finish_build",
    "hold",
    "owned",
    "owned_files",
    "present_files",
    "present_folders",
    "read_manifest",
    "release",
]
