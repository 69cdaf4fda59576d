"""A build that would leave an article out fails, naming the file and the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_invoke

GOOD = """---
title: {title}
date: {date}
slug: {slug}
---

Body of {title}.
"""

BROKEN = {
    "impossible-date.md": (
        "---\ntitle: Bad\ndate: 2019-02-30\nslug: bad\n---\n\nText.\n",
        "line 3: date: expected a real calendar date",
    ),
    "no-title.md": (
        "---\ndate: 2019-02-03\nslug: no-title\n---\n\nText.\n",
        "line 2: title: missing",
    ),
    "bad-yaml.md": ("---\ntitle: [unclosed\ndate: 2019-02-03\n---\n\nText.\n", "invalid YAML"),
    "no-front-matter.md": ("Just text, no front matter.\n", "line 1: no YAML front matter"),
    "not-utf8.md": (
        "---\ntitle: Caf\xe9\ndate: 2019-02-03\nslug: cafe\n---\n".encode("latin-1"),
        "not UTF-8",
    ),
}


def make_corpus(root: Path, broken: str | None = None) -> Path:
    content = root / "content"
    (content / "articles" / "2019").mkdir(parents=True)
    for n in range(3):
        slug = f"good-article-{n}"
        text = GOOD.format(title=f"Good article {n}", date=f"2019-05-0{n + 1}", slug=slug)
        (content / "articles" / "2019" / f"{slug}.md").write_text(text, encoding="utf-8")
    if broken:
        data, _ = BROKEN[broken]
        target = content / "articles" / "2019" / broken
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return content


def test_good_corpus_builds_every_article(tmp_path: Path) -> None:
    content = make_corpus(tmp_path)
    output = tmp_path / "out"
    result = run_invoke("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    for n in range(3):
        page = output / "2019" / "05" / f"good-article-{n}" / "index.html"
        assert f"Good article {n}" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_one_broken_article_fails_the_build_naming_it(tmp_path: Path, broken: str) -> None:
    content = make_corpus(tmp_path, broken)
    result = run_invoke("build", "--content", str(content), "--output", str(tmp_path / "out"))
    assert result.returncode != 0
    problem_lines = [line for line in result.stderr.splitlines() if ".md: " in line]
    assert len(problem_lines) == 1, result.stderr
    path, _, reason = problem_lines[0].partition(": ")
    assert Path(path).name == broken
    assert BROKEN[broken][1] in reason
    assert "1 of 4 content files did not become pages" in result.stderr


def test_undefined_template_variable_fails_the_build(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "{{ article.title }}</h1>", "{{ article.titel }}</h1>"
        ),
        encoding="utf-8",
    )
    content = make_corpus(tmp_path)
    result = run_invoke(
        "build",
        "--content",
        str(content),
        "--output",
        str(tmp_path / "out"),
        env={"PELICAN_EXTRA": f"-t {theme}"},
    )
    assert result.returncode != 0
    assert "titel" in result.stderr


def test_articles_no_page_links_to_fail_the_build(tmp_path: Path) -> None:
    """A theme that stops listing articles loses them from the site: the build must say which."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "_article_list.html").write_text(
        "<p>listing removed</p>\n", encoding="utf-8"
    )
    year = '{% extends "base.html" %}{% block content %}<h1>{{ year }}</h1>{% endblock %}'
    (theme / "templates" / "archive_year.html").write_text(year, encoding="utf-8")
    content = make_corpus(tmp_path)
    result = run_invoke(
        "build",
        "--content",
        str(content),
        "--output",
        str(tmp_path / "out"),
        env={"PELICAN_EXTRA": f"-t {theme}"},
    )
    assert result.returncode != 0
    lost = [
        line
        for line in result.stderr.splitlines()
        if "no chain of links from the home page reaches" in line
    ]
    assert len(lost) == 3, result.stderr


def test_a_plugin_that_does_not_load_fails_the_build(tmp_path: Path) -> None:
    plugins = [
        "archive_reader",
        "archive_pages",
        "archive_search",
        "npm_assets",
        "strict_build",
        "no_such_plugin",
    ]
    listed = json.dumps(plugins)
    content = make_corpus(tmp_path)
    result = run_invoke(
        "build",
        "--content",
        str(content),
        "--output",
        str(tmp_path / "out"),
        env={"PELICAN_EXTRA": f"-e PLUGINS='{listed}' STRICT_BUILD_PLUGINS='{listed}'"},
    )
    assert result.returncode != 0
    assert "build: plugin 'no_such_plugin' did not load" in result.stderr
