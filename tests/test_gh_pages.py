"""`invoke gh-pages` publishes the built site, with .nojekyll, to the gh-pages branch of a remote.

The remote is a bare repository in a temporary folder, and the task runs from a
temporary clone, so neither the network nor this project's own repository is touched.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import run_invoke


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def test_gh_pages_pushes_the_site_with_nojekyll_to_origin(tmp_path: Path) -> None:
    remote = tmp_path / "origin.git"
    work = tmp_path / "work"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    git("init", "--quiet", str(work), cwd=tmp_path)
    git("remote", "add", "origin", str(remote), cwd=work)
    git("config", "user.name", "Archive Test", cwd=work)
    git("config", "user.email", "archive-test@example.org", cwd=work)

    output = tmp_path / "site"
    result = run_invoke(
        "gh-pages",
        "--output",
        str(output),
        cwd=work,
        env={"SITEURL": "", "PELICAN_EXTRA": f"--cache-path {tmp_path / 'cache'}"},
    )
    assert result.returncode == 0, result.stdout + result.stderr

    published = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert ".nojekyll" in published
    assert "index.html" in published
    assert "404.html" in published
    built = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    assert published == built | {".nojekyll"}
    message = git("log", "-1", "--format=%s", "gh-pages", cwd=remote)
    assert message.startswith("Publish site on ")


def test_gh_pages_without_push_only_commits_locally(tmp_path: Path) -> None:
    remote = tmp_path / "origin.git"
    work = tmp_path / "work"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    git("init", "--quiet", str(work), cwd=tmp_path)
    git("remote", "add", "origin", str(remote), cwd=work)
    git("config", "user.name", "Archive Test", cwd=work)
    git("config", "user.email", "archive-test@example.org", cwd=work)

    result = run_invoke(
        "gh-pages",
        "--no-push",
        "--output",
        str(tmp_path / "site"),
        cwd=work,
        env={"PELICAN_EXTRA": f"--cache-path {tmp_path / 'cache'}"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert ".nojekyll" in git("ls-tree", "--name-only", "gh-pages", cwd=work).split()
    assert git("branch", "--list", cwd=remote).strip() == ""
