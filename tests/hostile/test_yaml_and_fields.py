"""Hostile YAML and field values: refused by `invoke check` and the build alike, by file and line.

One content folder holds every case (each file is refused on its own account, so
they do not interfere), checked and built once: YAML nested 600 levels deep, keys
given twice, oversized files, front matter never closed, control characters and
lone surrogates in any text (nested ones too), blank or NUL titles, the year 1,
and registry entries that are a folder or a symbolic link.
"""

from __future__ import annotations

import pytest

from hostile_helpers import Verdict, assert_refused, content_with, verdicts

SHA = "5f2b8c1d9e0a7b6c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c"
DEEP = "[" * 600 + "]" * 600


def article(slug: str, extra: str = "", *, title: str = "A fine title", body: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndate: 2019-05-01\nslug: {slug}\n{extra}---\n\n"
        f"{body or 'Talks resumed in Panmunjom on Monday.'}\n"
    )


FILES: dict[str, str] = {
    # YAML limits
    "articles/2019/deep-flow.md": article("deep-flow", f"origin: {DEEP}\n"),
    "articles/2019/deep-block.md": article(
        "deep-block", "origin:\n" + "".join(f"{'  ' * n}k{n}:\n" for n in range(1, 40))
    ),
    "articles/2019/twice-title.md": "---\ntitle: One\ndate: 2019-05-01\ntitle: Two\n"
    "slug: twice-title\n---\n\nText.\n",
    "articles/2019/twice-nested.md": article(
        "twice-nested", f"origin:\n  file: a.txt\n  sha256: {SHA}\n  file: b.txt\n"
    ),
    # an anchor-like '&' sends the file to the pure-Python loader: the same refusal
    "articles/2019/twice-slow.md": "---\ntitle: Q&A &more\ndate: 2019-05-01\n"
    "slug: twice-slow\nslug: twice-slow\n---\n\nText.\n",
    "articles/2019/huge-front.md": article("huge-front", f"summary: {'word ' * 14_000}\n"),
    "articles/2019/not-closed.md": "---\ntitle: Open\ndate: 2019-05-01\nslug: not-closed\n\n"
    "The body follows with no closing line.\n",
    # characters
    "articles/2019/escape-title.md": article("escape-title", title='"Alert \\e[31m red"'),
    "articles/2019/bell-summary.md": article("bell-summary", 'summary: "Ding \\a dong"\n'),
    "articles/2019/surrogate-title.md": article("surrogate-title", title='"Half \\ud83d"'),
    "articles/2019/surrogate-caption.md": article(
        "surrogate-caption", 'captions: [Fine, "Half \\udc00 a pair"]\n'
    ),
    "articles/2019/control-origin.md": article(
        "control-origin", f'origin: {{file: "wire\\x1b.txt", sha256: {SHA}}}\n'
    ),
    "articles/2019/control-record.md": article(
        "control-record",
        f"origin:\n  story: {SHA}\n  records:\n  - {{file: a.txt, sha256: {SHA}}}\n"
        f'  - {{file: b.txt, sha256: {SHA}, url: "http://x\\x07"}}\n',
    ),
    "articles/2019/newline-title.md": article("newline-title", title='"One\\nTwo"'),
    "articles/2019/tab-source.md": article("tab-source", 'source: "Yon\\thap"\n'),
    "articles/2019/control-body.md": article(
        "control-body", body="A fine line.\nThen \x1b[2J a clear screen and a \x07 bell."
    ),
    "articles/2019/blank-title.md": article("blank-title", title='"   "'),
    "articles/2019/nul-title.md": article("nul-title", title='"\\0"'),
    "articles/2019/year-one.md": article("year-one").replace("2019-05-01", "0001-01-01"),
    # pages
    "pages/twice.md": "---\ntitle: One\ntitle: Two\n---\n\nA page.\n",
    "pages/escape.md": '---\ntitle: "Page \\e title"\n---\n\nA page.\n',
    "pages/blank.md": '---\ntitle: "  "\n---\n\nA page.\n',
    # registries
    "entities/deep-entity.yaml": f"name: Deep Entity\ntype: person\ndescription: {DEEP}\n",
    "entities/twice-entity.yaml": "name: Twice Entity\ntype: person\ntype: place\n"
    "description: Typed twice.\n",
    "entities/huge-entity.yaml": f"name: Huge Entity\ntype: person\ndescription: {'x' * 70_000}\n",
    "entities/escape-entity.yaml": 'name: "Escape \\e Entity"\ntype: person\ndescription: x\n',
    "tags/deep-tag.yaml": f"name: Deep Tag\ndescription: Deep.\nmatch: {DEEP}\n",
}

CASES = [
    ("articles/2019/deep-flow.md", "origin: YAML nested deeper than 20 levels", "at most 20"),
    ("articles/2019/deep-block.md", "origin: YAML nested deeper than 20 levels"),
    ("articles/2019/twice-title.md", "duplicate key 'title' (also at line 2)"),
    ("articles/2019/twice-nested.md", "origin: duplicate key 'file' (also at line 6)"),
    ("articles/2019/twice-slow.md", "duplicate key 'slug' (also at line 4)"),
    ("articles/2019/huge-front.md", "front matter larger than 64 KB"),
    ("articles/2019/not-closed.md", "front matter is not closed: expected a '---' line"),
    ("articles/2019/escape-title.md", "title: holds the control character U+001B (escape)"),
    ("articles/2019/bell-summary.md", "summary: holds the control character U+0007 (bell)"),
    ("articles/2019/surrogate-title.md", "title: holds U+D83D, half of a UTF-16 surrogate pair"),
    ("articles/2019/surrogate-caption.md", "captions: item 2 holds U+DC00"),
    ("articles/2019/control-origin.md", "origin.file: holds the control character U+001B"),
    ("articles/2019/control-record.md", "origin.records.1.url: holds the control character U+0007"),
    ("articles/2019/newline-title.md", "title: holds a line break", "expected one line"),
    ("articles/2019/tab-source.md", "source: holds the control character U+0009 (tab)"),
    ("articles/2019/control-body.md", "body: holds the control character U+001B", "2 such"),
    ("articles/2019/blank-title.md", "title: is blank (only spaces); expected a non-empty"),
    ("articles/2019/nul-title.md", "title: holds the control character U+0000 (NUL)"),
    ("articles/2019/year-one.md", "date: 0001-01-01 is before 1800; expected the date"),
    ("pages/twice.md", "duplicate key 'title' (also at line 2)"),
    ("pages/escape.md", "title: holds the control character U+001B (escape)"),
    ("pages/blank.md", "title: is blank (only spaces)"),
    ("entities/deep-entity.yaml", "description: YAML nested deeper than 20 levels"),
    ("entities/twice-entity.yaml", "duplicate key 'type' (also at line 2)"),
    ("entities/huge-entity.yaml", "file larger than 64 KB"),
    ("entities/escape-entity.yaml", "name: holds the control character U+001B (escape)"),
    ("entities/folder.yaml", "is a folder; expected a YAML file"),
    ("tags/deep-tag.yaml", "match: YAML nested deeper than 20 levels"),
    ("tags/linked.yaml", "is a symbolic link; expected a regular file"),
]


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Verdict, Verdict]:
    root = tmp_path_factory.mktemp("yaml")
    content = content_with(root, FILES)
    (content / "entities" / "folder.yaml").mkdir()
    outside = root / "secret.yaml"  # a valid tag, but outside the content folder
    outside.write_text("name: Linked\ndescription: Outside.\nmatch: [secret]\n", encoding="utf-8")
    (content / "tags" / "linked.yaml").symlink_to(outside)
    return verdicts(content)


@pytest.mark.parametrize(
    ("name", "expected"), [(c[0], c[1:]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_hostile_file_is_refused_by_check_and_build_alike(
    judged: tuple[Verdict, Verdict], name: str, expected: tuple[str, ...]
) -> None:
    assert_refused(*judged, f"content/{name}", *expected)


def test_nothing_else_is_refused(judged: tuple[Verdict, Verdict]) -> None:
    """The base archive's own files still pass: one bad file costs nobody else."""
    named = {f"content/{case[0]}" for case in CASES}
    for verdict in judged:
        assert {path for path, _ in verdict.problems} == named, verdict.text


def test_one_problem_per_file_and_lines_point_at_the_field(judged: tuple[Verdict, Verdict]) -> None:
    checked, _ = judged
    lines = [line for line in checked.out.splitlines() if line.startswith("content/")]
    assert len(lines) == len(CASES)
    assert "content/articles/2019/twice-title.md:4: duplicate key 'title'" in checked.out
    assert "content/articles/2019/control-body.md:8: body:" in checked.out
    assert "content/entities/escape-entity.yaml:1: name:" in checked.out
