"""No message can inject: what check, build and ingest print holds no control character, and no
line a GitHub Actions runner would run as a workflow command, other than check's own annotations.

The runner reads a command from a line that starts with ``::`` after its leading
spaces, or that holds ``##[`` anywhere (the legacy form); ``workflow_commands``
reads output the same way. The hostile inputs put a newline and ``::error …``,
``::stop-commands::`` and ``##[error]`` in field names, values and file names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_invoke
from hostile_helpers import Verdict, assert_refused, build, check, content_with
from newsarchive.content.printable import printable, workflow_data, workflow_property

# Commands the runner registers (actions/runner ActionCommandManager and its extensions).
RUNNER_COMMANDS = {
    "add-mask", "add-matcher", "add-path", "debug", "echo", "endgroup", "error", "group",
    "notice", "remove-matcher", "save-state", "set-env", "set-output", "stop-commands", "warning",
}  # fmt: skip
# What a terminal or log acts on: every control character but the line feed ending a line.
_HIDDEN = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_LEGACY = re.compile(r"##\[([^\] ]+)")


def workflow_commands(text: str) -> list[tuple[str, str]]:
    """(command, rest of line) for each line the runner would run as a workflow command."""
    found = []
    for line in text.split("\n"):
        start = line.lstrip()
        if start.startswith("::") and (end := start.find("::", 2)) > 0:
            name = start[2:end].split(" ", 1)[0]
            if name in RUNNER_COMMANDS:
                found.append((name, start[end + 2 :]))
                continue
        found += [
            (m.group(1), line) for m in _LEGACY.finditer(line) if m.group(1) in RUNNER_COMMANDS
        ]
    return found


# --- the escaping rules ---------------------------------------------------------------


def test_printable_shows_every_hidden_character_and_breaks_every_command() -> None:
    assert printable("a\nb\rc\td\x1b[2J\x07\x00") == "a\\nb\\rc\\td\\x1b[2J\\x07\\x00"
    assert printable("\x85 \u2028 \u202e \ud800") == "\\x85 \\u2028 \\u202e \\ud800"
    assert printable("x\n::error::y ##[warning]z") == "x\\n:\\x3aerror:\\x3ay ##\\x5bwarning]z"
    assert (
        printable("Kim Jong Un — 김정은, café, C:\\path") == "Kim Jong Un — 김정은, café, C:\\path"
    )


@pytest.mark.parametrize(
    "text", ["a\n::error::b", ":::", "##[x", "\x1b\ud83d\u202e", "C:\\x1b"], ids=repr
)
def test_printable_twice_is_printable_once(text: str) -> None:
    assert printable(printable(text)) == printable(text)


def test_workflow_values_are_escaped_as_github_documents() -> None:
    assert workflow_data("100% sure\r\nnext ::x") == "100%25 sure%0D%0Anext ::x"
    assert workflow_property("a: b, 50%") == "a%3A b%2C 50%25"
    assert workflow_data("bell \x07 ##[error]") == "bell \\x07 ##\\x5berror]"


# --- check, build and ingest output -------------------------------------------------

KEY_COMMAND = '"x\\n::error file=README.md::injected"'
FILES = {
    "articles/2019/newline-key.md": "---\ntitle: Key\ndate: 2019-05-01\nslug: newline-key\n"
    f"{KEY_COMMAND}: 1\n---\n\nText.\n",
    "articles/2019/stop-key.md": "---\ntitle: Key\ndate: 2019-05-01\nslug: stop-key\n"
    '"y\\r\\n::stop-commands::pwned": 2\n---\n\nText.\n',
    "articles/2019/legacy-slug.md": "---\ntitle: Slug\ndate: 2019-05-01\n"
    'slug: "##[error]legacy"\n---\n\nText.\n',
    "articles/2019/escape-value.md": "---\ntitle: Value\ndate: 2019-05-01\n"
    'slug: escape-value\nsource: "Yonhap \\e[2J\\n::warning::x"\n---\n\nText.\n',
}
# check refuses a file whose name is not its slug; the build names no file it accepts
EVIL_NAME = "articles/2019/evil\x1b[2J\n::error::name.md"


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("messages")
    evil = "---\ntitle: Evil name\ndate: 2019-05-01\nslug: evil-name\n---\n\nA named file.\n"
    return content_with(root, {**FILES, EVIL_NAME: evil})


@pytest.fixture(scope="module")
def checked(content: Path) -> Verdict:
    return check(content)


@pytest.fixture(scope="module")
def built(content: Path) -> Verdict:
    return build(content)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("newline-key.md", "x\\n:\\x3aerror file=README.md:\\x3ainjected: unknown field"),
        ("stop-key.md", "y\\r\\n:\\x3astop-commands:\\x3apwned: unknown field"),
        ("legacy-slug.md", "slug: expected lower-case letters, digits and single hyphens"),
        ("escape-value.md", "source: holds the control character U+001B (escape)"),
    ],
)
def test_check_and_build_refuse_with_the_same_escaped_message(
    checked: Verdict, built: Verdict, name: str, expected: str
) -> None:
    assert_refused(checked, built, f"content/articles/2019/{name}", expected)


def test_check_lines_are_one_per_problem_with_nothing_hidden(checked: Verdict) -> None:
    lines = checked.out.splitlines()
    assert not _HIDDEN.search(checked.out), checked.out
    assert workflow_commands(checked.text) == []
    assert all(line.startswith("content/articles/2019/") for line in lines[:-1]), lines
    assert "content/articles/2019/evil\\x1b[2J\\n:\\x3aerror:\\x3aname.md:4: slug:" in checked.out
    assert "##\\x5berror]legacy" in checked.out


def test_build_output_holds_nothing_a_terminal_or_runner_acts_on(built: Verdict) -> None:
    assert built.code == 1
    assert not _HIDDEN.search(built.text), built.text
    assert workflow_commands(built.text) == []


def test_under_github_actions_check_prints_only_its_annotations(content: Path) -> None:
    result = run_invoke(
        "check", "--content", str(content), cwd=content.parent, env={"GITHUB_ACTIONS": "true"}
    )
    assert result.returncode == 1
    *problems, summary = result.stdout.splitlines()
    assert summary.startswith("checked 7 articles")
    commands = workflow_commands(result.stdout + result.stderr)
    assert len(commands) == len(problems) == 5
    assert {name for name, _ in commands} == {"error"}
    for line in problems:
        assert line.startswith("::error file=content/articles/2019/"), line
        assert not _HIDDEN.search(line) and "##[" not in line
    newline_key = next(line for line in problems if "newline-key.md" in line)
    assert "line=5,title=Front matter::x\\n:\\x3aerror file=README.md:\\x3ainjected: unknown" in (
        newline_key
    )


def test_ingest_rejections_are_printed_escaped(tmp_path: Path) -> None:
    source = tmp_path / "wire"
    source.mkdir()
    (source / "story\x1b[2J\n::error::x.txt").write_text("", encoding="utf-8")
    content = content_with(tmp_path, {})
    result = run_invoke(
        "ingest", "--source", str(source), "--dest", str(content / "articles"), cwd=tmp_path
    )
    assert result.returncode == 1
    assert "wire/story\\x1b[2J\\n:\\x3aerror:\\x3ax.txt: " in result.stderr
    assert not _HIDDEN.search(result.stdout + result.stderr)
    assert workflow_commands(result.stdout + result.stderr) == []
