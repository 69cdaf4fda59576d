"""Front matter is read safely and literally: what a contributor typed is what the site shows."""

from __future__ import annotations

import time

import pytest
import yaml

from conftest import ROOT
from newsarchive.content import frontmatter
from newsarchive.content.articles import ArticleError, read_article

BOMB = (
    "---\n"
    + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    + "title: boom\n---\n"
)


@pytest.mark.parametrize("title", ["No", "yes", "2019", "1.5", "null-ish", "on"])
def test_titles_stay_the_text_they_read_as(title: str) -> None:
    article = read_article(f"---\ntitle: {title}\ndate: 2019-01-02\nslug: x\n---\nBody\n")
    assert article.meta["title"] == title


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    assert len(BOMB) < 1024
    started = time.perf_counter()
    with pytest.raises(ArticleError, match="anchors"):
        read_article(BOMB)
    assert time.perf_counter() - started < 1.0


def test_python_tags_are_refused() -> None:
    with pytest.raises(ArticleError, match="tags"):
        read_article("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n")


def test_every_problem_is_reported_with_its_line() -> None:
    with pytest.raises(ArticleError) as caught:
        read_article("---\ntitle: Fine\ndate: 2019-13-01\nslug: Not A Slug\nkind: column\n---\n")
    messages = [str(issue) for issue in caught.value.issues]
    assert any(m.startswith("line 3: date:") for m in messages), messages
    assert any(m.startswith("line 4: slug:") for m in messages), messages
    assert any(m.startswith("line 5: kind: expected one of article, brief") for m in messages), (
        messages
    )


def test_unknown_field_suggests_the_right_one() -> None:
    with pytest.raises(ArticleError, match="did you mean 'title'"):
        read_article("---\ntitel: Fine\ntitle: Fine\ndate: 2019-01-01\nslug: x\n---\n")


def test_unknown_date_is_valid_and_stays_unknown() -> None:
    article = read_article("---\ntitle: Brief\ndate: unknown\nslug: brief\n---\nText\n")
    assert article.undated and article.date is None


def test_dump_then_parse_round_trips() -> None:
    meta = {
        "title": "No",
        "date": "2019-01-01",
        "slug": "no",
        "entities": ["kim-jong-un"],
        "origin": {"file": "a.txt", "part": 2},
    }
    parsed = frontmatter.parse(frontmatter.dump(meta, "Body"))
    assert parsed.meta["title"] == "No"
    assert parsed.meta["entities"] == ["kim-jong-un"]
    assert parsed.body.strip() == "Body"


def test_refusals_name_the_field_they_sit_under() -> None:
    with pytest.raises(ArticleError) as caught:
        read_article("---\ntitle: Fine\ncaptions: [&c one, *c]\n---\n")
    assert str(caught.value) == (
        "line 3: captions: YAML anchors (&c) are not allowed; "
        "expected every value written out in full"
    )


def test_load_mapping_reads_registry_files_as_text() -> None:
    data = frontmatter.load_mapping("name: No\naliases: [2019, on]\ndescription:\n")
    assert data == {"name": "No", "aliases": ["2019", "on"], "description": None}


def test_load_mapping_refuses_a_yaml_bomb_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(frontmatter.FrontMatterError, match="anchors") as caught:
        frontmatter.load_mapping(BOMB.strip("-\n"))
    assert caught.value.line == 1 and caught.value.field == "a"
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("text", "got"), [("", "an empty file"), ("- a\n", "a list"), ("just text\n", "a single value")]
)
def test_load_mapping_wants_key_value_lines(text: str, got: str) -> None:
    with pytest.raises(frontmatter.FrontMatterError, match=f"got {got}"):
        frontmatter.load_mapping(text)


def test_load_mapping_leaves_syntax_errors_to_yaml() -> None:
    with pytest.raises(yaml.YAMLError):
        frontmatter.load_mapping("name: [unclosed\n")


def test_dump_writes_exactly_what_pyyaml_writes() -> None:
    """The direct node builder must not change a byte of any article (diffs, re-runs)."""
    tricky = [
        "No", "2019", "- x", "a: b", "#hash", "multi\nline", "  padded ", "", "null", "~",
        "Kim Jong Un's 'quote' \"double\"", "김정은", "tab\there", "100%", "[x]", "{y}", "@z",
        "x" * 1200, "yes", "0x1F", "1e3", "2019-10-07", "\u2028", "é\u0301",
    ]  # fmt: skip
    metas = [
        {"title": t, "date": "2019-10-07", "slug": "x", "tags": [t, "b"], "origin": {"file": t, "part": 2}}
        for t in tricky
    ]
    metas += [{"title": "T", "flag": True, "none": None, "empty": [], "nested": [{"a": ["b"]}]}]
    metas += [
        frontmatter.parse(p.read_text(encoding="utf-8")).meta
        for p in sorted((ROOT / "content" / "articles").rglob("*.md"))[:200]
    ]
    for meta in metas:
        expected = yaml.dump(
            meta, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=1000,
            default_flow_style=None,
        )  # fmt: skip
        assert frontmatter.dump(meta, "Body.") == f"---\n{expected}---\n\nBody.\n"


# --- limits: nesting, duplicate keys, size, an unclosed block ----------------------------

DEEP_FLOW = "[" * 600 + "]" * 600


def _refusal(text: str, load=frontmatter.parse) -> frontmatter.FrontMatterError:
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        load(text)
    return caught.value


@pytest.mark.parametrize(
    "value",
    [
        DEEP_FLOW,  # libyaml composes it: refused on the tree
        "[" * 1500 + "]" * 1500,  # beyond libyaml: refused as the Python loader composes
        DEEP_FLOW + "  # Q &A",  # '&' where YAML could read an anchor: the Python loader
        "\n" + "".join(f"{'  ' * n}k{n}:\n" for n in range(1, 30)),  # block mappings
    ],
    ids=["flow", "beyond-libyaml", "python-loader", "block"],
)
def test_deep_nesting_is_refused_with_field_and_line(value: str) -> None:
    started = time.perf_counter()
    err = _refusal(f"---\ntitle: T\norigin: {value}\n---\nBody\n")
    assert time.perf_counter() - started < 1.0
    assert err.field == "origin"
    assert "YAML nested deeper than 20 levels" in str(err)
    assert err.line is not None and err.line >= 3


def test_twenty_levels_are_enough_and_allowed() -> None:
    nested = "[" * 19 + "x" + "]" * 19
    assert frontmatter.load_mapping(f"a: {nested}\n")["a"]


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "python"])
def test_a_key_given_twice_is_refused_at_its_second_line(fast: bool) -> None:
    title = "Talks" if fast else "Q&A &more"  # '&' where YAML reads an anchor: the Python loader
    err = _refusal(f"---\ntitle: {title}\ndate: 2019-01-02\ntitle: Other\n---\nBody\n")
    assert (err.line, err.field) == (4, None)
    assert str(err).startswith("duplicate key 'title' (also at line 2); expected each key once")


def test_a_nested_key_given_twice_names_its_field() -> None:
    err = _refusal("---\ntitle: T\norigin:\n  file: a\n  file: b\n---\nBody\n")
    assert (err.line, err.field) == (5, "origin")
    assert err.describe().startswith("origin: duplicate key 'file' (also at line 4)")


def test_two_spellings_of_null_are_one_key() -> None:
    err = _refusal("a: 1\n~: 2\nnull: 3\n", frontmatter.load_mapping)
    assert "duplicate key null (also at line 2)" in str(err)
    assert err.line == 3


def test_registry_files_have_a_size_limit() -> None:
    err = _refusal("name: x\ndescription: " + "y" * 70_000 + "\n", frontmatter.load_mapping)
    assert (err.line, str(err)) == (
        1,
        "file larger than 64 KB; expected a short YAML file of 'key: value' lines",
    )


def test_an_unclosed_front_matter_is_not_called_missing() -> None:
    err = _refusal("---\ntitle: T\ndate: 2019-01-02\n\nThe body, and no closing line.\n")
    assert err.line == 1
    assert str(err).startswith("front matter is not closed: expected a '---' line")
    assert "no YAML front matter" in str(_refusal("title: T\n\nBody\n"))
