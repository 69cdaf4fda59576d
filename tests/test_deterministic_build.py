"""Two builds of the same content are byte-identical: no build times, no unstable order.

Each pair of builds runs with a different PYTHONHASHSEED, so an order that comes
from iterating a set or a dict of strings shows up as a difference. The second
publishing build reads Pelican's content cache that the first one wrote, so a
cached build must also equal a cold one (our reader's fields survive the cache).
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_invoke

SITEURL = "https://example.github.io/archive"


def build(task: str, output: Path, seed: int, **env: str) -> Path:
    result = run_invoke(task, "--output", str(output), env={"PYTHONHASHSEED": str(seed), **env})
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    a, b = files(first), files(second)
    out = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    out += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    out += [f"differs: {name}" for name in sorted(a.keys() & b.keys()) if a[name] != b[name]]
    return out


def test_development_builds_are_identical(tmp_path: Path) -> None:
    first = build("build", tmp_path / "one", seed=1)
    second = build("build", tmp_path / "two", seed=2)
    assert len(files(first)) > 1000
    assert differences(first, second) == []


def test_publishing_builds_are_identical_cold_and_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"SITEURL": SITEURL, "PELICAN_EXTRA": f"--cache-path {cache}"}
    first = build("preview", tmp_path / "one", seed=1, **env)
    assert any(cache.rglob("ArticlesGenerator-Readers")), "the publishing build wrote no cache"
    second = build("preview", tmp_path / "two", seed=2, **env)
    assert (first / "feeds" / "all.atom.xml").is_file()
    assert (first / "sitemap.xml").is_file()
    assert differences(first, second) == []


def test_differences_names_every_changed_file(tmp_path: Path) -> None:
    for folder, text in (("x", "1"), ("y", "2")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.html").write_text(text, encoding="utf-8")
        (tmp_path / folder / "same.html").write_text("same", encoding="utf-8")
    (tmp_path / "y" / "extra.xml").write_text("", encoding="utf-8")
    assert differences(tmp_path / "x", tmp_path / "y") == [
        "only in the second build: extra.xml",
        "differs: page.html",
    ]
