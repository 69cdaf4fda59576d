"""The output guard's walk and removal, against the plain rules they implement quickly.

The guard walks the output folder with ``os.scandir`` and tries to remove only the
folders its removal leaves empty; these tests hold it to the slow, obvious readings:
``os.walk`` with every symlink an entry, and ``rmdir`` tried on every listed folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from newsarchive.site.outputguard import (
    MANIFEST,
    begin_build,
    present_files,
    present_folders,
    remove_files,
    write_manifest,
)

RETENTION = (".git", ".nojekyll", "CNAME")


def reference_walk(folder: Path, retention: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The rule as ``os.walk`` reads it: symlinks are entries, never followed; the retained
    top-level names and the guard's own files are left out (a folder so named is not)."""
    own = {".newsarchive-manifest", ".newsarchive-manifest.tmp"}
    own |= {".newsarchive-pages", ".newsarchive-pages.tmp"}
    found, folders = [], []
    for parent, dirs, files in os.walk(folder):
        base = Path(parent).relative_to(folder)
        top = base == Path(".")
        links = [d for d in dirs if os.path.islink(os.path.join(parent, d))]
        dirs[:] = [d for d in dirs if d not in links and not (top and d in retention)]
        folders.extend((base / d).as_posix() for d in dirs)
        for name in (*files, *links):
            if not (top and name in {*retention, *own}):
                found.append((base / name).as_posix())
    return sorted(found), sorted(folders)


def lay_out(folder: Path, outside: Path) -> None:
    """A folder with every kind of entry the walk must tell apart."""
    for name in (
        "index.html",
        "2019/03/a/index.html",
        "2019/03/b/index.html",
        "search/doc/1.json",
        ".git/HEAD",
        "CNAME",
        "deep/.git/HEAD",  # retained only at the top
        ".newsarchive-pages/inner.html",  # a folder named as the ledger is walked
        "nested/CNAME",
    ):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    (folder / MANIFEST).write_text("{}", encoding="utf-8")
    (folder / "empty" / "deeper").mkdir(parents=True)
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("keep", encoding="utf-8")
    (folder / "to-folder").symlink_to(outside, target_is_directory=True)
    (folder / "2019" / "to-file").symlink_to(outside / "secret.txt")
    (folder / "dangling").symlink_to(outside / "none")
    (folder / ".nojekyll").symlink_to(outside / "secret.txt")  # retained, though a link


def test_the_walk_finds_what_os_walk_finds(tmp_path: Path) -> None:
    folder = tmp_path / "output"
    lay_out(folder, tmp_path / "outside")
    for retention in (RETENTION, ()):
        files, folders = reference_walk(folder, retention)
        assert present_files(folder, retention) == files
        assert present_folders(folder, retention) == folders
    assert "to-folder" in present_files(folder, RETENTION)  # a link, never followed
    assert "to-folder/secret.txt" not in present_files(folder, RETENTION)


def test_an_unlistable_folder_is_listed_without_its_entries(tmp_path: Path) -> None:
    folder = tmp_path / "output"
    lay_out(folder, tmp_path / "outside")
    locked = folder / "2019" / "03"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads it anyway: nothing to test
            return
        files, folders = reference_walk(folder, RETENTION)
        assert present_files(folder, RETENTION) == files
        assert present_folders(folder, RETENTION) == folders
    finally:
        locked.chmod(0o755)


def removal_by_trying_every_folder(folder: Path, keep: frozenset[str], listed: list[str]) -> None:
    """begin_build's removal as the rule says it: rmdir tried on every listed folder."""
    files, folders = reference_walk(folder, RETENTION)
    remove_files(folder, [f for f in files if f not in keep], [f for f in folders if f in listed])


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_begin_build_removes_the_folders_trying_every_one_would(tmp_path: Path) -> None:
    site = {
        "index.html",
        "2019/03/a/index.html",  # kept
        "2019/03/b/index.html",  # removed: its folder goes, 2019/03 stays
        "2019/04/c/index.html",  # removed: 2019/04 goes with it
        "tags/x/index.html",  # removed, but tags/x/mine/ (no build's) keeps tags/x
        "feeds/all.xml",
    }
    listed_folders = ["2019", "2019/03", "2019/03/a", "2019/03/b", "2019/04", "2019/04/c"]
    listed_folders += ["tags", "tags/x", "feeds", "old", "old/empty"]  # old: empty, listed
    keep = frozenset({"2019/03/a/index.html", "feeds/all.xml"})
    trees = []
    for name in ("fast", "slow"):
        folder = tmp_path / name
        for page in site:
            (folder / page).parent.mkdir(parents=True, exist_ok=True)
            (folder / page).write_text("x", encoding="utf-8")
        (folder / "old" / "empty").mkdir(parents=True)
        (folder / "tags" / "x" / "mine").mkdir()
        (folder / "unlisted" / "empty").mkdir(parents=True)
        write_manifest(folder, site, listed_folders, complete=True)
        if name == "fast":
            begin_build(folder, RETENTION, keep)
        else:
            removal_by_trying_every_folder(folder, keep, listed_folders)
        (folder / MANIFEST).unlink()
        trees.append(tree(folder))
    assert trees[0] == trees[1]
    assert "2019/04" not in trees[0] and "old" not in trees[0] and "2019/03" in trees[0]
    assert "tags/x/mine" in trees[0] and "unlisted/empty" in trees[0]
    shutil.rmtree(tmp_path / "fast")
