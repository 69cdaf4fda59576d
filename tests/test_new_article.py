"""`invoke new` starts an article that passes `invoke check` and builds, and never overwrites one."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_invoke


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    for kind in ("entities", "tags", "pages"):
        shutil.copytree(ROOT / "content" / kind, folder / kind)
    return folder


def new(content: Path, *args: str):
    return run_invoke("new", *args, "--content", str(content), cwd=content.parent)


def test_new_article_passes_check_and_builds(content: Path, tmp_path: Path) -> None:
    result = new(content, "--title", "Moon and Kim meet at Panmunjom", "--date", "2018-04-27")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/articles/2018/moon-and-kim-meet-at-panmunjom.md"
    text = (content / "articles/2018/moon-and-kim-meet-at-panmunjom.md").read_text("utf-8")
    assert text.startswith('---\ntitle: "Moon and Kim meet at Panmunjom"\ndate: 2018-04-27\n')

    check = run_invoke("check", "--content", str(content), cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert check.stdout.startswith("checked 1 article,")

    output = tmp_path / "output"
    build = run_invoke("build", "--content", str(content), "--output", str(output), cwd=tmp_path)
    assert build.returncode == 0, build.stdout + build.stderr
    page = output / "2018" / "04" / "moon-and-kim-meet-at-panmunjom" / "index.html"
    html = page.read_text("utf-8")
    assert "Moon and Kim meet at Panmunjom" in html
    assert "Write the article here" not in html  # the placeholder is an HTML comment


def test_new_article_is_dated_today_by_default(content: Path) -> None:
    result = new(content, "--title", "Talks resume")
    assert result.returncode == 0, result.stderr
    year = dt.date.today().year
    assert result.stdout.strip() == f"content/articles/{year}/talks-resume.md"


def test_unknown_date_goes_to_undated(content: Path) -> None:
    result = new(content, "--title", "A story without a date", "--date", "unknown")
    assert result.returncode == 0, result.stderr
    path = content / "articles/undated/a-story-without-a-date.md"
    assert "date: unknown\n" in path.read_text("utf-8")


def test_new_refuses_to_overwrite_or_reuse_a_slug(content: Path) -> None:
    assert new(content, "--title", "Summit", "--date", "2019-02-27").returncode == 0
    path = content / "articles/2019/summit.md"
    path.write_text(path.read_text("utf-8") + "\nMy text.\n", encoding="utf-8")
    again = new(content, "--title", "Summit", "--date", "2019-02-27")
    assert again.returncode != 0
    assert "already exists; not overwriting it" in again.stderr
    assert path.read_text("utf-8").endswith("My text.\n")
    other_year = new(content, "--title", "Summit", "--date", "2020-02-27")
    assert other_year.returncode != 0
    assert "the slug 'summit' is already used by" in other_year.stderr


def test_new_explains_bad_input(content: Path) -> None:
    bad_date = new(content, "--title", "Talks", "--date", "2019-02-30")
    assert bad_date.returncode != 0
    assert "expected a real calendar date as YYYY-MM-DD, or unknown" in bad_date.stderr
    hangul = new(content, "--title", "남북 정상회담")
    assert hangul.returncode != 0
    assert "give one with --slug" in hangul.stderr
    assert new(content, "--title", "남북 정상회담", "--slug", "inter-korean-summit").returncode == 0


def test_new_without_a_title_says_how_to_give_one(content: Path) -> None:
    result = new(content)
    assert result.returncode == 2
    assert "--title is required" in result.stderr
    assert not list((content / "articles").rglob("*.md"))
