"""Malformed content fails the build with one `path: reason` line per bad file, and nothing else.

The rules are tested on their own first (registry ids, duplicate slugs and
origins), then through a real build of ``tests/fixtures/malformed``: good
articles beside one file for each kind of mistake a contributor makes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_invoke
from newsarchive.content.articles import ArticleError, read_article, read_page
from newsarchive.content.duplicates import FileProblem, duplicate_origins, duplicate_slugs
from newsarchive.content.registry import RegistryError, load_entities, load_tags

FIXTURE = ROOT / "tests" / "fixtures" / "malformed"
SHOWN = "tests/fixtures/malformed"  # how the build names the fixture's files (run from ROOT)
ERROR_LINE = re.compile(r"^(\S+\.(?:md|yaml)): (.+)$")

ARTICLE = "---\ntitle: T\ndate: 2019-01-02\nslug: t\n{extra}---\n\nBody.\n"
ENTITIES = {"kim-jong-un", "moon-jae-in", "donald-trump"}
TAGS = {"denuclearization", "diplomacy"}
SHA = "5f2b8c1d9e0a7b6c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c"


def issues(text: str, **registries: set[str]) -> list[str]:
    with pytest.raises(ArticleError) as caught:
        read_article(text, **registries)
    return [str(issue) for issue in caught.value.issues]


# --- registry ids -----------------------------------------------------------------------


def test_known_ids_pass() -> None:
    text = ARTICLE.format(extra="entities: [kim-jong-un]\ntags: [diplomacy]\n")
    article = read_article(text, entities=ENTITIES, tags=TAGS)
    assert article.meta["entities"] == ["kim-jong-un"]


def test_unknown_entity_names_line_field_and_near_miss() -> None:
    text = ARTICLE.format(extra="entities: [moon-jae-in, kim-jong-eun]\n")
    assert issues(text, entities=ENTITIES, tags=TAGS) == [
        "line 5: entities: unknown entity 'kim-jong-eun' (did you mean 'kim-jong-un'?); "
        "add content/entities/kim-jong-eun.yaml or fix the id"
    ]


def test_unknown_tag_without_near_miss_has_no_hint() -> None:
    text = ARTICLE.format(extra="tags: [agriculture]\n")
    assert issues(text, entities=ENTITIES, tags=TAGS) == [
        "line 5: tags: unknown tag 'agriculture'; add content/tags/agriculture.yaml or fix the id"
    ]


def test_several_unknown_ids_are_one_problem_of_the_field() -> None:
    text = ARTICLE.format(extra="entities: [kim-jong-eun, nobody]\n")
    (problem,) = issues(text, entities=ENTITIES)
    assert problem.startswith("line 5: entities: unknown entities 'kim-jong-eun' (did you mean")
    assert "'nobody'" in problem


def test_ids_are_unchecked_without_a_registry() -> None:
    text = ARTICLE.format(extra="entities: [anyone]\ntags: [anything]\n")
    assert read_article(text).meta["tags"] == ["anything"]
    assert read_article(text, entities=None, tags=None).meta["entities"] == ["anyone"]


def test_an_empty_registry_knows_no_id() -> None:
    text = ARTICLE.format(extra="entities: [kim-jong-un]\n")
    assert "unknown entity 'kim-jong-un'" in issues(text, entities=set())[0]


def test_ids_the_schema_rejects_are_not_reported_twice() -> None:
    text = ARTICLE.format(extra="entities: [Kim Jong Un]\n")
    (problem,) = issues(text, entities=ENTITIES)
    assert problem.startswith("line 5: entities: expected a list of entity ids such as")
    assert problem.endswith("got 'Kim Jong Un' as item 1")


def test_unknown_ids_are_reported_with_schema_problems() -> None:
    text = "---\ntitle: T\ndate: 2019-02-30\nslug: t\ntags: [diplomacie]\n---\n"
    found = issues(text, tags=TAGS)
    assert [f.split(":")[0] for f in found] == ["line 3", "line 5"]
    assert "did you mean 'diplomacy'" in found[1]


# --- duplicates -------------------------------------------------------------------------


def test_a_shared_slug_names_the_other_file_in_each() -> None:
    problems = duplicate_slugs([("a.md", "talks"), ("c.md", "other"), ("b.md", "talks")])
    assert [str(p) for p in problems] == [
        "a.md: slug: 'talks' is already used by b.md; expected a slug no other article has",
        "b.md: slug: 'talks' is already used by a.md; expected a slug no other article has",
    ]


def test_three_files_with_one_slug_give_one_line_each() -> None:
    problems = duplicate_slugs([("a.md", "x"), ("b.md", "x"), ("c.md", "x")])
    assert [p.path for p in problems] == ["a.md", "b.md", "c.md"]
    assert "already used by a.md and c.md;" in problems[1].message


def test_unique_slugs_and_a_file_listed_twice_are_fine() -> None:
    assert duplicate_slugs([("a.md", "x"), ("b.md", "y"), ("a.md", "x")]) == []


def test_same_input_and_part_is_a_duplicate_origin() -> None:
    problems = duplicate_origins(
        [
            ("a.md", {"file": "d.txt", "sha256": SHA, "part": 2}),
            ("b.md", {"file": "copy.txt", "sha256": SHA, "part": 2}),
        ]
    )
    assert problems[0] == FileProblem(
        "a.md",
        "origin: the same input (sha256 5f2b8c1d9e0a..., part 2) is already imported as b.md; "
        "expected each input in one article only, so keep one file",
    )
    assert problems[1].path == "b.md" and "imported as a.md;" in problems[1].message


def test_other_parts_of_one_digest_and_hand_written_articles_are_not_duplicates() -> None:
    pairs = [
        ("a.md", {"file": "d.txt", "sha256": SHA, "part": 1}),
        ("b.md", {"file": "d.txt", "sha256": SHA, "part": 2}),
        ("c.md", {"file": "d.txt", "sha256": SHA}),
        ("d.md", None),
        ("e.md", None),
    ]
    assert duplicate_origins(pairs) == []


def test_whole_inputs_without_parts_can_be_duplicates() -> None:
    pairs = [("a.md", {"file": "x", "sha256": SHA}), ("b.md", {"file": "y", "sha256": SHA})]
    assert "(sha256 5f2b8c1d9e0a...)" in duplicate_origins(pairs)[0].message


# --- registries are read as narrowly as front matter ------------------------------------


def yaml_bomb() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    return "\n".join(lines) + "\n"


def test_a_yaml_bomb_in_the_registry_is_refused_not_expanded(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "tags", content / "tags")
    bomb = yaml_bomb()
    assert len(bomb) < 1024
    (content / "tags" / "lol.yaml").write_text(bomb, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_tags(content)
    assert caught.value.errors == [
        "content/tags/lol.yaml: line 1: a: YAML anchors (&a) are not allowed; "
        "expected every value written out in full"
    ]
    assert caught.value.problems[0].path == content / "tags" / "lol.yaml"


def test_registry_values_stay_text(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "entities").mkdir(parents=True)
    (content / "entities" / "no.yaml").write_text(
        "name: No\ntype: place\naliases: [2019, 'yes']\ndescription: on\n", encoding="utf-8"
    )
    entity = load_entities(content)["no"]
    assert (entity.name, entity.aliases, entity.description) == ("No", ("2019", "yes"), "on")


# --- the build --------------------------------------------------------------------------

# Each bad file of the fixture, and what its one line must say.
EXPECTED = {
    "articles/2019/no-title.md": "line 2: title: missing: this field is required (a non-empty",
    "articles/2019/impossible-date.md": (
        "line 3: date: expected a real calendar date as YYYY-MM-DD, or unknown, got '2019-02-30'"
    ),
    "articles/2019/unknown-entity.md": (
        "line 9: entities: unknown entity 'kim-jong-eun' (did you mean 'kim-jong-un'?); "
        "add content/entities/kim-jong-eun.yaml or fix the id"
    ),
    "articles/2019/unknown-tag.md": (
        "line 5: tags: unknown tag 'denuclearisation' (did you mean 'denuclearization'?); "
        "add content/tags/denuclearisation.yaml or fix the id"
    ),
    "articles/2019/yaml-bomb.md": "line 2: a: YAML anchors (&a) are not allowed",
    "articles/2018/talks.md": (
        f"slug: 'talks' is already used by {SHOWN}/articles/2019/stockholm-talks.md; "
        "expected a slug no other article has"
    ),
    "articles/2019/stockholm-talks.md": (
        f"slug: 'talks' is already used by {SHOWN}/articles/2018/talks.md; "
        "expected a slug no other article has"
    ),
    "articles/2019/digest-story-two.md": (
        "origin: the same input (sha256 5f2b8c1d9e0a..., part 2) is already imported as "
        f"{SHOWN}/articles/2019/digest-story-two-again.md; expected each input in one article"
    ),
    "articles/2019/digest-story-two-again.md": (
        "origin: the same input (sha256 5f2b8c1d9e0a..., part 2) is already imported as "
        f"{SHOWN}/articles/2019/digest-story-two.md; expected each input in one article"
    ),
}
GOOD = {
    "articles/2019/moon-and-kim-meet-in-pyongyang.md": "2018/09/moon-and-kim-meet-in-pyongyang",
    "articles/2019/trump-and-kim-in-hanoi.md": "2019/02/trump-and-kim-in-hanoi",
    "articles/2019/talks-resume.md": "undated/talks-resume",
    "articles/2019/digest-story-one.md": "2019/06/digest-story-one",
}


def error_lines(stderr: str) -> dict[str, list[str]]:
    """The build's `path: reason` lines, by file; Pelican's own log lines are not of that form."""
    found: dict[str, list[str]] = {}
    for line in stderr.splitlines():
        match = ERROR_LINE.match(line)
        if match:
            found.setdefault(match.group(1), []).append(match.group(2))
    return found


def build(content: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return run_invoke("build", "--content", str(content), "--output", str(output))


@pytest.fixture(scope="module")
def malformed_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    output = tmp_path_factory.mktemp("malformed-site")
    return build(FIXTURE, output), output


def test_the_fixture_has_every_kind_of_mistake() -> None:
    files = {p.relative_to(FIXTURE).as_posix() for p in FIXTURE.glob("articles/**/*.md")}
    assert files == set(EXPECTED) | set(GOOD)
    assert (FIXTURE / "articles/2019/yaml-bomb.md").stat().st_size < 1024


def test_the_build_fails(malformed_build) -> None:
    result, _ = malformed_build
    assert result.returncode != 0
    assert (
        f"Build failed: {len(EXPECTED)} of {len(EXPECTED) + len(GOOD)} content files "
        "did not become pages" in result.stderr
    ), result.stderr


def test_one_line_per_bad_file_naming_field_and_expectation(malformed_build) -> None:
    result, _ = malformed_build
    lines = error_lines(result.stderr)
    assert sorted(lines) == sorted(f"{SHOWN}/{name}" for name in EXPECTED), result.stderr
    for name, expected in EXPECTED.items():
        (reason,) = lines[f"{SHOWN}/{name}"]
        assert reason.startswith(expected), f"{name}: {reason}"


def test_good_articles_are_not_listed_and_still_built(malformed_build) -> None:
    result, output = malformed_build
    for name, url in GOOD.items():
        assert name not in result.stderr
        assert (output / url / "index.html").is_file(), url


def test_the_yaml_bomb_is_refused_before_it_expands(malformed_build) -> None:
    result, _ = malformed_build
    assert "lol, lol" not in result.stderr
    assert len(result.stderr) < 20_000


def test_duplicates_are_left_out_of_the_site(malformed_build) -> None:
    _, output = malformed_build
    assert not (output / "2018/01/talks").exists()
    assert not (output / "2019/10/talks").exists()
    assert not (output / "2019/06/digest-story-two").exists()


def test_a_broken_registry_fails_the_build_naming_its_files(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    shutil.rmtree(content / "articles")
    shutil.copytree(FIXTURE / "articles" / "2019", content / "articles" / "2019")
    for name in ("stockholm-talks.md", "digest-story-two-again.md"):
        (content / "articles" / "2019" / name).unlink()
    (content / "entities" / "donald-trump.yaml").write_text(
        "name: Donald Trump\ntype: human\ndescription: President.\n", encoding="utf-8"
    )
    (content / "tags" / "lol.yaml").write_text(yaml_bomb(), encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode != 0
    lines = error_lines(result.stderr)
    entity = str(content / "entities" / "donald-trump.yaml")
    tag = str(content / "tags" / "lol.yaml")
    assert lines.get(entity) == [
        "type: expected one of person, organisation, place, event, got 'human'"
    ], result.stderr
    assert lines.get(tag) == [
        "line 1: a: YAML anchors (&a) are not allowed; expected every value written out in full"
    ], result.stderr
    # A broken registry is not used to judge articles: no unknown-id lines on top.
    assert not any("unknown-entity.md" in path or "unknown-tag.md" in path for path in lines)


# --- characters no text may hold ------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            'source: "Yon\\x1bhap"\n',
            "line 5: source: holds the control character U+001B (escape) at character 4",
        ),
        ('author: "A\\tB"\n', "line 5: author: holds the control character U+0009 (tab)"),
        (
            'captions: [ok, "a\\x07"]\n',
            "line 5: captions: item 2 holds the control character U+0007 (bell)",
        ),
        (
            'summary: "half \\ud83d\\ude00"\n',
            "line 5: summary: holds U+D83D, half of a UTF-16 surrogate pair",
        ),
        (
            f'origin: {{file: "a\\x85b", sha256: {SHA}}}\n',
            "line 5: origin.file: holds the control character U+0085",
        ),
        (
            f'origin:\n  records:\n  - {{file: a, sha256: {SHA}, record: "r\\0"}}\n',
            "line 5: origin.records.0.record: holds the control character U+0000 (NUL)",
        ),
    ],
    ids=["source", "tab", "caption", "surrogate", "c1", "record"],
)
def test_every_text_refuses_control_characters_and_surrogates(extra: str, expected: str) -> None:
    (problem,) = issues(ARTICLE.format(extra=extra))
    assert problem.startswith(expected), problem


def test_only_summary_and_captions_may_run_to_several_lines() -> None:
    text = ARTICLE.format(extra='summary: "One.\\nTwo."\ncaptions: ["A\\nB"]\nsource: "X\\nY"\n')
    (problem,) = issues(text)
    assert problem.startswith(
        "line 7: source: holds a line break at character 2; expected one line"
    )


@pytest.mark.parametrize("title", ['"   "', '"\\u3000\\t"'])
def test_a_blank_title_is_refused(title: str) -> None:
    found = issues(ARTICLE.replace("title: T", f"title: {title}").format(extra=""))
    assert found[0].startswith(
        "line 2: title: is blank (only spaces); expected a non-empty headline"
    )


def test_the_body_may_hold_tabs_and_line_ends_but_no_other_control() -> None:
    good = ARTICLE.format(extra="") + "Col\tumn\r\nNext line\r\n"
    assert read_article(good).body.endswith("Next line\r\n")
    bad = ARTICLE.format(extra="") + "Fine.\nA \x1b[2J clear.\n"
    assert issues(bad) == [
        "line 9: body: holds the control character U+001B (escape); expected plain text, "
        "in which only tabs and line breaks may be control characters"
    ]


def test_pages_follow_the_same_character_rules() -> None:
    with pytest.raises(ArticleError) as caught:
        read_page('---\ntitle: "About \\e"\nsummary: "x\\ny"\n---\n\nBody \x00.\n')
    assert [str(i) for i in caught.value.issues] == [
        "line 2: title: holds the control character U+001B (escape) at character 7; "
        "expected plain text, without control characters or surrogates",
        "line 6: body: holds the control character U+0000 (NUL); expected plain text, "
        "in which only tabs and line breaks may be control characters",
    ]


def test_registry_entries_are_regular_files_with_plain_text(tmp_path: Path) -> None:
    entities = tmp_path / "content" / "entities"
    entities.mkdir(parents=True)
    (entities / "a-folder.yaml").mkdir()
    (tmp_path / "outside.yaml").write_text("name: Linked\ntype: place\ndescription: x\n")
    (entities / "linked.yaml").symlink_to(tmp_path / "outside.yaml")
    (entities / "bell.yaml").write_text('name: "Bell \\a"\ntype: place\ndescription: x\n')
    with pytest.raises(RegistryError) as caught:
        load_entities(tmp_path / "content")
    assert caught.value.errors == [
        "content/entities/a-folder.yaml: is a folder; expected a YAML file "
        "(rename the folder or move it out)",
        "content/entities/bell.yaml: name: holds the control character U+0007 (bell) at "
        "character 6; expected plain text, without control characters or surrogates",
        "content/entities/linked.yaml: is a symbolic link; expected a regular file in the "
        "content folder (a link could make the build read and publish any file on the machine)",
    ]


def test_a_registry_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "seoul.yaml").write_text("name: Seoul\ntype: place\ndescription: x\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "entities").symlink_to(elsewhere)
    with pytest.raises(RegistryError) as caught:
        load_entities(tmp_path / "content")
    assert caught.value.errors == [
        "content/entities: is a symbolic link; expected a folder of .yaml files in the content "
        "folder (a link could make the build read and publish any file on the machine)"
    ]
