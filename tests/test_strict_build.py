"""A build that would leave an article out fails, naming the file and the reason."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, run_invoke
from newsarchive.content.registry import Entity
from newsarchive.site import buildcheck

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
    content = make_corpus(tmp_path)
    build_without_listings(tmp_path, content, tmp_path / "out")


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


def test_plugins_listed_in_an_order_their_handlers_cannot_work_in_stop_the_build(
    tmp_path: Path,
) -> None:
    plugins = ["archive_reader", "archive_pages", "strict_build", "parallel_writer"]
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
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        "Build failed: PLUGINS lists archive_pages before parallel_writer; "
        "parallel_writer must come first (signal finalized: "
    )
    assert lines[-1] == (
        "list them as PLUGINS = "
        "['archive_reader', 'parallel_writer', 'archive_pages', 'strict_build']"
    )
    assert not (tmp_path / "out").exists()  # stopped before anything was read or written


# --- failures inside the build: named by file, printed safely --------------------------


class _Content:
    """What Pelican's articles and pages carry that names their file."""

    def __init__(self, source_path: Path, url: str = "") -> None:
        self.source_path = str(source_path)
        self.url = url


def _boom(*_values: object) -> None:
    """Fails inside a stage whose frame holds the values passed (as a real stage's would)."""
    raise RuntimeError("boom")


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> buildcheck.Watch:
    monkeypatch.chdir(tmp_path)
    make_corpus(tmp_path)
    (tmp_path / "content" / "entities").mkdir()
    (tmp_path / "content" / "entities" / "kim-jong-un.yaml").write_text("name: Kim Jong Un\n")
    monkeypatch.setattr(buildcheck, "_watch", [])
    return buildcheck.watch(buildcheck.Ledger(root=tmp_path), tmp_path / "content")


ARTICLE_FILE = "content/articles/2019/good-article-1.md"


def _failed_line(stage: Callable[[], None], capsys: pytest.CaptureFixture[str]) -> list[str]:
    with pytest.raises(buildcheck.StageFailed):
        stage()
    return capsys.readouterr().err.splitlines()


def test_a_failing_stage_names_the_article_it_was_on(
    run: buildcheck.Watch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = _Content(tmp_path / ARTICLE_FILE)

    @buildcheck.guarded("writing the feeds")
    def stage() -> None:
        for item in [article]:
            context = {"article": item, "title": "x"}
            _boom(context)

    assert _failed_line(stage, capsys) == [
        f"{ARTICLE_FILE}: writing the feeds failed: RuntimeError: boom"
    ]


def test_a_row_is_traced_to_its_article_by_url(
    run: buildcheck.Watch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run.urls["2019/05/good-article-1/"] = str(tmp_path / ARTICLE_FILE)

    @buildcheck.guarded("writing the data files")
    def stage() -> None:
        row = {"slug": "good-article-1", "url": "2019/05/good-article-1/"}
        _boom(row)

    assert _failed_line(stage, capsys)[0].startswith(f"{ARTICLE_FILE}: writing the data files")


def test_an_entity_is_traced_to_its_registry_file(
    run: buildcheck.Watch, capsys: pytest.CaptureFixture[str]
) -> None:
    entity = Entity("kim-jong-un", "Kim Jong Un", "person", (), "Leader.")

    @buildcheck.guarded("writing the entity pages")
    def stage() -> None:
        label = f"Articles mentioning {entity.name}"
        _boom(label)

    assert _failed_line(stage, capsys)[0].startswith("content/entities/kim-jong-un.yaml: writing")


def test_a_stage_over_everything_says_build_and_prints_earlier_problems_too(
    run: buildcheck.Watch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run.ledger.note(tmp_path / "content/articles/2019/good-article-0.md", "title: bad \x1b")

    @buildcheck.guarded("writing the sitemap")
    def stage() -> None:
        urls, folder = ["a/", "b/"], str(tmp_path / "content" / "articles")
        _boom(urls, folder)

    assert _failed_line(stage, capsys) == [
        "content/articles/2019/good-article-0.md: title: bad \\x1b",
        "build: writing the sitemap failed: RuntimeError: boom",
    ]


def test_a_deferred_stage_only_notes_its_failure(run: buildcheck.Watch) -> None:
    @buildcheck.guarded("fingerprinting the cache", defer=True)
    def stage() -> None:
        raise OSError("disk full")

    assert stage() is None
    assert run.ledger.lines() == ["build: fingerprinting the cache failed: OSError: disk full"]


def test_a_reported_failure_passes_through_outer_stages(run: buildcheck.Watch) -> None:
    @buildcheck.guarded("outer")
    def outer() -> None:
        raise buildcheck.IncompleteBuild("already reported")

    with pytest.raises(buildcheck.IncompleteBuild, match="already reported"):
        outer()
    assert not run.ledger


def test_ledger_lines_keep_spaces_and_show_control_characters_escaped(tmp_path: Path) -> None:
    ledger = buildcheck.Ledger(root=tmp_path)
    ledger.note(tmp_path / "a.md", "got '  two spaces'\nand a \x07 bell ::error::x")
    assert ledger.lines() == ["a.md: got '  two spaces' and a \\x07 bell :\\x3aerror:\\x3ax"]


def test_a_warm_build_whose_listings_stop_linking_articles_still_fails(tmp_path: Path) -> None:
    """The links of kept pages are remembered between builds; pages rendered anew are read."""
    content = make_corpus(tmp_path)
    output = tmp_path / "out"
    first = run_invoke("build", "--content", str(content), "--output", str(output))
    assert first.returncode == 0, first.stderr
    build_without_listings(tmp_path, content, output)


def build_without_listings(tmp_path: Path, content: Path, output: Path) -> None:
    """Build with a theme whose listings link no article: the build names all three lost."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "_article_list.html").write_text(
        "<p>listing removed</p>\n", encoding="utf-8"
    )
    year = '{% extends "base.html" %}{% block content %}<h1>{{ year }}</h1>{% endblock %}'
    (theme / "templates" / "archive_year.html").write_text(year, encoding="utf-8")
    result = run_invoke(
        "build",
        "--content",
        str(content),
        "--output",
        str(output),
        env={"PELICAN_EXTRA": f"-t {theme}"},
    )
    assert result.returncode != 0
    lost = [
        line
        for line in result.stderr.splitlines()
        if "no chain of links from the home page reaches" in line
    ]
    assert len(lost) == 3, result.stderr
