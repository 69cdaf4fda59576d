"""Reading and rendering on several cores give the same site, and every failure is still reported."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from test_strict_build import BROKEN, make_corpus

from conftest import ROOT, run_invoke

PARALLEL = "ARCHIVE_READER_PROCESSES=2 ARCHIVE_READER_PREFETCH_MIN=1 PARALLEL_WRITER_PROCESSES=2 PARALLEL_WRITER_MIN_JOBS=1"
SERIAL = "ARCHIVE_READER_PROCESSES=1 PARALLEL_WRITER_PROCESSES=1"


def build(output: Path, extra: str, theme: Path | None = None) -> tuple[int, str]:
    options = f"-e {extra}" + (f" -t {theme}" if theme else "")
    result = run_invoke("build", "--output", str(output), env={"PELICAN_EXTRA": options})
    return result.returncode, result.stderr


def test_forked_rendering_writes_the_same_site(tmp_path: Path) -> None:
    assert (
        build(tmp_path / "forked", "PARALLEL_WRITER_PROCESSES=2 PARALLEL_WRITER_MIN_JOBS=1")[0] == 0
    )
    assert build(tmp_path / "serial", "PARALLEL_WRITER_PROCESSES=1")[0] == 0
    forked = sorted(
        p.relative_to(tmp_path / "forked") for p in (tmp_path / "forked").rglob("*") if p.is_file()
    )
    serial = sorted(
        p.relative_to(tmp_path / "serial") for p in (tmp_path / "serial").rglob("*") if p.is_file()
    )
    assert forked == serial
    _match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "forked", tmp_path / "serial", forked, shallow=False
    )
    assert mismatch == [] and errors == []


def test_a_template_error_in_a_worker_fails_the_build(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    tag = theme / "templates" / "tag.html"
    tag.write_text(
        tag.read_text(encoding="utf-8").replace("{{ tag.name }}</h1>", "{{ tag.nmae }}</h1>"),
        encoding="utf-8",
    )
    code, stderr = build(
        tmp_path / "out", "PARALLEL_WRITER_PROCESSES=2 PARALLEL_WRITER_MIN_JOBS=1", theme
    )
    assert code != 0
    assert "nmae" in stderr


def test_a_broken_article_read_in_a_worker_is_reported_as_usual(tmp_path: Path) -> None:
    content = make_corpus(tmp_path, "impossible-date.md")
    result = run_invoke(
        "build",
        "--content",
        str(content),
        "--output",
        str(tmp_path / "out"),
        env={"PELICAN_EXTRA": f"-e {PARALLEL}"},
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if ".md: " in line]
    assert len(lines) == 1 and lines[0].endswith(
        BROKEN["impossible-date.md"][1] + " as YYYY-MM-DD, or unknown, got '2019-02-30'"
    )
