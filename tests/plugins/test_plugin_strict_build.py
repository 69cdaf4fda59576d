"""strict_build in-process: a file that did not become a page fails the build, by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from inprocess import build, files, read, tiny_corpus

from newsarchive.site.buildcheck import IncompleteBuild

pytestmark = pytest.mark.build

BAD_DATE = "---\ntitle: Bad\ndate: 2019-02-30\nslug: bad\n---\n\nText.\n"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Builds run from the corpus' folder, so messages name files as content/…"""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_broken_article_fails_the_build_with_one_line_naming_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tiny_corpus(here, {"articles/2019/bad.md": BAD_DATE})
    with pytest.raises(IncompleteBuild) as failed:
        build(content, here / "output")
    assert str(failed.value) == (
        "1 of 5 content files did not become pages; 1 problem(s) listed above"
    )
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "content/articles/2019/bad.md: line 3: date: expected a real calendar date "
        "as YYYY-MM-DD, or unknown, got '2019-02-30'"
    ]
    assert "2019/05/talks-resume/index.html" in files(here / "output")


def test_switched_off_a_broken_article_is_only_left_out(here: Path) -> None:
    content = tiny_corpus(here, {"articles/2019/bad.md": BAD_DATE})
    output = build(content, here / "output", STRICT_BUILD_ENABLED=False)
    assert "2019/05/talks-resume/index.html" in files(output)
    assert not any("bad" in name for name in files(output))


def test_a_listed_plugin_that_did_not_load_fails_the_build(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugins = ["parallel_writer", "archive_reader", "archive_pages", "strict_build", "no_such"]
    with pytest.raises(IncompleteBuild):
        build(tiny_corpus(here), here / "output", PLUGINS=plugins, STRICT_BUILD_PLUGINS=plugins)
    assert capsys.readouterr().err.splitlines() == [
        "build: plugin 'no_such' did not load (its error is logged above)"
    ]


LINKING = """---
title: Envoys named
date: 2019-06-01
slug: envoys-named
---

As [the talks]({filename}/articles/2019/talks-resume.md) and [the summit]({filename}summit.md)
agreed, and as [the plan]({filename}/articles/2019/the-plan.md) said.
"""


def test_a_link_to_no_article_fails_the_build_naming_the_file_and_the_link(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tiny_corpus(here, {"articles/2019/envoys.md": LINKING})
    with pytest.raises(IncompleteBuild):
        build(content, here / "output")
    problems = [line for line in capsys.readouterr().err.splitlines() if "envoys.md" in line]
    assert problems == [
        "content/articles/2019/envoys.md: body: link '{filename}/articles/2019/the-plan.md' "
        "names no article or page of the content folder; expected the path of one, from the "
        "content folder ({filename}/articles/<year>/<file>.md) or from this file's folder"
    ]
    # The links that resolve are published with the addresses of their articles.
    page = read(here / "output", "2019/06/envoys-named/index.html")
    assert '<a href="../../../2019/05/talks-resume/">the talks</a>' in page
    assert '<a href="../../../2019/02/summit/">the summit</a>' in page


def test_a_static_link_is_refused_as_its_file_is_read(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = "---\ntitle: Photo\ndate: 2019-06-02\nslug: photo\n---\n\n![A map]({static}/map.svg)\n"
    content = tiny_corpus(here, {"articles/2019/photo.md": photo})
    (content / "map.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    with pytest.raises(IncompleteBuild):
        build(content, here / "output")
    lines = capsys.readouterr().err.splitlines()
    assert (
        "content/articles/2019/photo.md: body: link '{static}/map.svg': the archive publishes "
        "no file of the content folder but its articles and pages; expected a link to one of "
        "them ({filename}/articles/<year>/<file>.md) or a web address"
    ) in lines
    assert not (here / "output" / "map.svg").exists()
