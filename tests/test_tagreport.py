"""`invoke tags report`: per tag, articles tagged, those resting on one weak hit, examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_invoke
from newsarchive.content import frontmatter
from newsarchive.content.tagreport import format_report, tag_report

AGRICULTURE = """\
name: Agriculture
description: Farming.
match:
- farm*
- {rule: "fertili[sz]er*", weight: 2}
not:
- minist(er|ry) of agriculture
"""
SPORT = "name: Sport\ndescription: Sport.\nmatch: [football, {rule: olympi*, weight: 2}]\n"

ARTICLES = {
    # title, paragraphs, tags in the front matter
    "strong": ("Fertilizer Shipped to Farms", ["Fertilizer reached the farms.", "More."], ["agriculture"]),
    "weak": ("Minister Speaks", ["He spoke.", "He grew up on a farm."], ["agriculture"]),
    "guest-list": ("Reception", ["Present was the minister of Agriculture."], ["agriculture"]),
    "untagged": ("Olympic Team Named", ["The Olympic team was named."], []),
    "unknown-tag": ("Football", ["Football, football."], ["sport", "weather"]),
}  # fmt: skip


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "tags").mkdir(parents=True)
    (folder / "tags" / "agriculture.yaml").write_text(AGRICULTURE, encoding="utf-8")
    (folder / "tags" / "sport.yaml").write_text(SPORT, encoding="utf-8")
    articles = folder / "articles" / "2019"
    articles.mkdir(parents=True)
    for slug, (title, paragraphs, tags) in ARTICLES.items():
        meta = {"title": title, "date": "2019-01-01", "slug": slug, "tags": tags}
        text = frontmatter.dump(meta, "\n\n".join(paragraphs))
        (articles / f"{slug}.md").write_text(text, encoding="utf-8")
    (articles / "broken.md").write_text("no front matter here", encoding="utf-8")
    return folder


def test_report_counts_tagged_weak_unmatched_and_suggested(content: Path) -> None:
    report = tag_report(content)
    lines = {line.tag_id: line for line in report.lines}
    farming, sport = lines["agriculture"], lines["sport"]
    assert (farming.tagged, farming.weak, farming.unmatched, farming.suggested) == (3, 1, 1, 1)
    assert (sport.tagged, sport.weak, sport.unmatched, sport.suggested) == (1, 0, 0, 2)
    assert (report.articles, report.unreadable, report.unknown) == (5, 1, {"weather": 1})


def test_report_gives_an_example_of_each(content: Path) -> None:
    farming = {line.tag_id: line for line in tag_report(content).lines}["agriculture"]
    assert farming.strongest is not None and farming.weak_example is not None
    assert farming.strongest.title == "Fertilizer Shipped to Farms"
    assert (farming.strongest.hit.text, farming.strongest.hit.place) == ("Fertilizer", "title")
    assert farming.weak_example.title == "Minister Speaks"
    assert (farming.weak_example.hit.text, farming.weak_example.hit.place) == ("farm", "body")


def test_report_text_has_the_table_and_the_examples(content: Path) -> None:
    text = format_report(tag_report(content))
    header, farming, sport = text.splitlines()[:3]
    assert header.split() == [
        "tag",
        "tagged",
        "one",
        "weak",
        "hit",
        "no",
        "hit",
        "suggested",
        "now",
    ]
    assert farming.split() == ["agriculture", "3", "1", "1", "1"]
    assert sport.split() == ["sport", "1", "0", "0", "2"]
    assert "  one weak hit: 'Minister Speaks': 'farm' in the body" in text
    assert "tags not in the vocabulary: weather (1)" in text
    assert "1 files could not be read" in text


def test_invoke_tags_report_prints_the_report(content: Path) -> None:
    result = run_invoke("tags", "report", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].split() == ["agriculture", "3", "1", "1", "1"]


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_invoke_tags_help_prints_help(flag: str) -> None:
    result = run_invoke("tags", flag)
    assert result.returncode == 0, result.stderr
    assert "Usage: invoke tags report [--content DIR]" in result.stdout
    assert "--content=STRING" in result.stdout
    assert "articles read" not in result.stdout  # the report did not run


def test_invoke_tags_refuses_an_unknown_action(content: Path) -> None:
    result = run_invoke("tags", "list", "--content", str(content))
    assert result.returncode == 2
    assert "unknown action 'list'; the only action is: report" in result.stderr


def test_invoke_tags_report_names_a_broken_vocabulary(tmp_path: Path) -> None:
    result = run_invoke("tags", "report", "--content", str(tmp_path / "content"))
    assert result.returncode == 2
    assert "content/tags: expected a directory of .yaml files" in result.stderr
