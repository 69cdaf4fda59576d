"""`invoke check` finds every content problem without building, one `path:line: message` each."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_invoke
from newsarchive.site.check import check_content
from newsarchive.site.checkreport import Problem, Report

CONTENT = ROOT / "content"
SHA = "5f2b8c1d9e0a7b6c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c"
TODAY = dt.date(2024, 5, 1)


def article(slug: str, date: str = "2019-04-12", extra: str = "") -> str:
    return f"---\ntitle: A title\ndate: {date}\nslug: {slug}\n{extra}---\n\nBody.\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A small content folder with the shipped registries and one good article."""
    folder = tmp_path / "content"
    for kind in ("entities", "tags"):
        shutil.copytree(CONTENT / kind, folder / kind)
    put(folder, "articles/2019/good.md", article("good", extra="entities: [kim-jong-un]\n"))
    return folder


def put(content: Path, rel: str, text: str) -> Path:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lines(content: Path) -> list[str]:
    report = check_content(
        content, shown=lambda p: p.relative_to(content.parent).as_posix(), today=TODAY
    )
    return [str(problem) for problem in report.problems]


def test_shipped_content_has_no_problem() -> None:
    result = run_invoke("check")
    assert result.returncode == 0, result.stdout + result.stderr
    articles = len(list((CONTENT / "articles").rglob("*.md")))
    entities = len(list((CONTENT / "entities").glob("*.yaml")))
    tags = len(list((CONTENT / "tags").glob("*.yaml")))
    assert result.stdout.splitlines() == [
        f"checked {articles} articles, {entities} entities, {tags} tags: 0 problems"
    ]


def test_a_good_folder_passes(content: Path) -> None:
    assert lines(content) == []


def test_schema_problems_name_the_line_of_the_field(content: Path) -> None:
    put(content, "articles/2019/bad-date.md", article("bad-date", date="2019-02-30"))
    assert lines(content) == [
        "content/articles/2019/bad-date.md:3: date: expected a real calendar date as "
        "YYYY-MM-DD, or unknown, got '2019-02-30'"
    ]


def test_unknown_ids_get_a_did_you_mean(content: Path) -> None:
    put(content, "articles/2019/typo.md", article("typo", extra="entities: [kim-jong-eun]\n"))
    assert lines(content) == [
        "content/articles/2019/typo.md:5: entities: unknown entity 'kim-jong-eun' "
        "(did you mean 'kim-jong-un'?); add content/entities/kim-jong-eun.yaml or fix the id"
    ]


def test_file_must_sit_in_its_year_and_be_named_by_its_slug(content: Path) -> None:
    put(content, "articles/2018/misnamed.md", article("real-slug", date="2019-04-12"))
    assert lines(content) == [
        "content/articles/2018/misnamed.md:3: date: 2019-04-12 puts the article in "
        "content/articles/2019/, but the file is in content/articles/2018/; "
        "move it to content/articles/2019/real-slug.md",
        "content/articles/2018/misnamed.md:4: slug: 'real-slug' differs from the file name "
        "'misnamed.md'; expected the file to be named real-slug.md (rename it, or change the slug)",
    ]


def test_undated_articles_go_to_undated(content: Path) -> None:
    put(content, "articles/undated/fine.md", article("fine", date="unknown"))
    put(content, "articles/2019/lost.md", article("lost", date="unknown"))
    assert lines(content) == [
        "content/articles/2019/lost.md:3: date: unknown puts the article in "
        "content/articles/undated/, but the file is in content/articles/2019/; "
        "move it to content/articles/undated/lost.md"
    ]


def test_placement_is_checked_even_when_ids_are_wrong(content: Path) -> None:
    put(content, "articles/2018/both.md", article("both", extra="tags: [diplomacyy]\n"))
    found = lines(content)
    assert [line.split(": ", 1)[0] for line in found] == [
        "content/articles/2018/both.md:3",
        "content/articles/2018/both.md:5",
    ]
    assert "did you mean 'diplomacy'?" in found[1]


def test_duplicate_slugs_and_origins_name_every_file(content: Path) -> None:
    origin = f"origin: {{file: a.txt, sha256: {SHA}}}\n"
    put(content, "articles/2019/twin.md", article("twin", extra=origin))
    put(content, "articles/2020/twin.md", article("twin", date="2020-01-02"))
    put(content, "articles/2019/copy.md", article("copy", extra=origin))
    found = lines(content)
    assert [line.split(": ", 1)[0] for line in found] == [
        "content/articles/2019/copy.md:5",
        "content/articles/2019/twin.md:4",
        "content/articles/2019/twin.md:5",
        "content/articles/2020/twin.md:4",
    ]
    assert "already imported as content/articles/2019/twin.md" in found[0]
    assert "'twin' is already used by content/articles/2020/twin.md" in found[1]
    assert "already imported as content/articles/2019/copy.md" in found[2]
    assert "'twin' is already used by content/articles/2019/twin.md" in found[3]


def test_a_date_in_the_future_is_a_typo(content: Path) -> None:
    put(content, "articles/2091/ahead.md", article("ahead", date="2091-04-12"))
    tomorrow = TODAY + dt.timedelta(days=1)
    put(
        content,
        f"articles/{tomorrow.year}/seoul-today.md",
        article("seoul-today", date=tomorrow.isoformat()),
    )
    assert lines(content) == [
        "content/articles/2091/ahead.md:3: date: 2091-04-12 is in the future; "
        "expected the date the article was published"
    ]


def test_other_files_under_articles_are_refused(content: Path) -> None:
    put(content, "articles/2019/notes.rst", "Notes\n=====\n")
    put(content, "articles/2019/.DS_Store", "")
    assert lines(content) == [
        "content/articles/2019/notes.rst:1: expected only Markdown articles (.md) under "
        "content/articles; move or rename this file"
    ]


def test_registry_problems_point_at_the_field(content: Path) -> None:
    path = content / "entities" / "kim-jong-un.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: person", "type: persn"))
    put(content, "tags/Bad.yml", "name: Bad\n")
    assert lines(content) == [
        "content/entities/kim-jong-un.yaml:2: type: expected one of person, organisation, "
        "place, event, got 'persn'",
        "content/tags/Bad.yml:1: expected the extension .yaml, not .yml",
    ]


def test_yaml_errors_keep_their_line(content: Path) -> None:
    put(content, "articles/2019/broken.md", "---\ntitle: A\ndate: 2019-01-02\nslug: [oops\n---\n")
    [line] = lines(content)
    assert line.startswith("content/articles/2019/broken.md:")
    assert "invalid YAML" in line


def linking(slug: str, *links: str) -> str:
    body = " ".join(f"[a story]({link})" for link in links)
    return f"---\ntitle: A title\ndate: 2019-04-12\nslug: {slug}\n---\n\nSee {body}.\n"


def test_body_links_name_an_article_or_page_and_no_other_file(content: Path) -> None:
    """The build's link rules, without building: links that resolve pass, from the content
    folder or the file's own, to an article or a page; a dead one or a {static} one is
    named, as the build names it."""
    put(
        content,
        "pages/about.md",
        "---\ntitle: About\nslug: about\n---\n\nSee [it]({filename}/articles/2019/good.md).\n",
    )
    resolving = (
        "{filename}/articles/2019/good.md",
        "{filename}good.md",
        "{filename}/pages/about.md",
    )
    put(content, "articles/2019/fine.md", linking("fine", *resolving))
    assert lines(content) == []
    put(content, "articles/2019/dead.md", linking("dead", "{filename}/articles/2019/gone.md"))
    put(content, "articles/2019/image.md", linking("image", "{static}/map.svg"))
    put(content, "pages/links.md", "---\ntitle: Links\nslug: links\n---\n\n[x]({filename}x.md)\n")
    assert lines(content) == [
        "content/articles/2019/dead.md:1: body: link '{filename}/articles/2019/gone.md' names "
        "no article or page of the content folder; expected the path of one, from the content "
        "folder ({filename}/articles/<year>/<file>.md) or from this file's folder",
        "content/articles/2019/image.md:1: body: link '{static}/map.svg': the archive "
        "publishes no file of the content folder but its articles and pages; expected a link "
        "to one of them ({filename}/articles/<year>/<file>.md) or a web address",
        "content/pages/links.md:1: body: link '{filename}x.md' names no article or page of "
        "the content folder; expected the path of one, from the content folder "
        "({filename}/articles/<year>/<file>.md) or from this file's folder",
    ]


def test_github_annotations_follow_each_problem() -> None:
    problem = Problem("content/a, b.md", 3, "date: 100% wrong\nreally", "front matter")
    assert problem.annotation() == (
        "::error file=content/a%2C b.md,line=3,title=Front matter::date: 100%25 wrong%0Areally"
    )


def test_lines_show_control_characters_escaped_and_start_no_command() -> None:
    problem = Problem("content/a\x1b.md", 2, "x\n::error::y: unknown field ##[warning]z")
    assert str(problem) == (
        "content/a\\x1b.md:2: x\\n:\\x3aerror:\\x3ay: unknown field ##\\x5bwarning]z"
    )


def test_under_github_actions_each_problem_is_only_its_annotation() -> None:
    problems = [Problem("content/a.md", 1, "bad"), Problem("content/b.md", 2, "worse")]
    warning = Problem("content/c.md", 1, "close", "likely duplicate", "warning")
    report = Report(problems, 3, 0, 0, [warning])
    assert report.lines(github=True) == [
        "::error file=content/a.md,line=1,title=Front matter::bad",
        "::error file=content/b.md,line=2,title=Front matter::worse",
        "::warning file=content/c.md,line=1,title=Likely duplicate::close",
    ]
    assert report.lines() == [
        "content/a.md:1: bad",
        "content/b.md:2: worse",
        "content/c.md:1: warning: close",
    ]


def test_invoke_check_under_github_actions_prints_only_annotations_and_a_summary(
    content: Path,
) -> None:
    """A plain line beside the annotation would reach the log, where a line can run as a command."""
    put(content, "articles/2019/typo.md", article("typo", extra="tags: [diplomacyy]\n"))
    result = run_invoke(
        "check", "--content", str(content), cwd=content.parent, env={"GITHUB_ACTIONS": "true"}
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/articles/2019/typo.md,line=5,title=Unknown id::tags: unknown tag "
        "'diplomacyy' (did you mean 'diplomacy'?); add content/tags/diplomacyy.yaml or fix the id",
        f"checked 2 articles, {len(list((content / 'entities').glob('*.yaml')))} entities, "
        f"{len(list((content / 'tags').glob('*.yaml')))} tags: 1 problem",
    ]


def test_no_annotations_outside_github_actions(content: Path) -> None:
    put(content, "articles/2019/typo.md", article("typo", extra="tags: [diplomacyy]\n"))
    result = run_invoke(
        "check", "--content", str(content), cwd=content.parent, env={"GITHUB_ACTIONS": ""}
    )
    assert result.returncode == 1
    assert not any(line.startswith("::") for line in result.stdout.splitlines())


@pytest.mark.build  # check_content forks a pool of workers for a large archive
def test_many_articles_are_checked_in_parallel_with_the_same_result(content: Path) -> None:
    for number in range(2100):
        put(content, f"articles/2019/a-{number}.md", article(f"a-{number}"))
    put(content, "articles/2019/a-5.md", article("a-5", extra="tags: [nope]\n"))
    one = check_content(content, today=TODAY, jobs=1)
    two = check_content(content, today=TODAY, jobs=2)
    assert one == two
    assert one.articles == 2101
    assert [p.line for p in two.problems] == [5]
