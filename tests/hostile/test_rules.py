"""Hostile tag rules: refused by `invoke check` and the build by file and rule, or run in linear time.

Tag rules come by pull request and run on every ingested article. Python's
backtracking regular expressions took minutes on an ordinary-looking rule with
nested optional groups; rules now run on RE2 (linear in the text), and a rule too
long, too deeply nested, too large once compiled, or matching empty text is
refused before ingest ever sees it. One content folder holds every refused rule
(each file is refused on its own account); the rule that is accepted is then run
by `invoke ingest` on a hostile text, in a subprocess with a timeout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hostile_helpers import assert_refused, check, content_with, verdicts
from newsarchive.content.articles import read_article
from newsarchive.content.tagging import MAX_GROUP_DEPTH, MAX_PROGRAM_SIZE, MAX_RULE_LENGTH

# Nested optional groups of word endings: minutes of backtracking per long word before.
PATHOLOGICAL = "((e* )?(e* )?)?((e* )?(e* )?)?((e* )?(e* )?)? x"


def tag(name: str, match: str, extra: str = "") -> str:
    return f"name: {name}\ndescription: A hostile rule.\nmatch:\n- talks\n- '{match}'\n{extra}"


DEEP = "(" * (MAX_GROUP_DEPTH + 1) + "talks" + ")" * (MAX_GROUP_DEPTH + 1)
LONG = "(" + "|".join(f"word{n}" for n in range(MAX_RULE_LENGTH // 6)) + ")"
COMPLEX = " ".join(["# x"] * 20)

FILES = {
    "tags/deep-groups.yaml": tag("Deep Groups", DEEP),
    "tags/long-rule.yaml": tag("Long Rule", LONG),
    "tags/empty-match.yaml": tag("Empty Match", "(talks )?(summit)?"),
    "tags/complex-rule.yaml": tag("Complex Rule", COMPLEX),
    "tags/deep-not.yaml": f"name: Deep Not\ndescription: A hostile rule.\nmatch: [talks]\n"
    f"not: ['{DEEP}']\n",
    "tags/bad-syntax.yaml": tag("Bad Syntax", "(?=talks)"),
}


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory):
    return verdicts(content_with(tmp_path_factory.mktemp("rules"), FILES))


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("content/tags/deep-groups.yaml", ("match[1]:", f"nested more than {MAX_GROUP_DEPTH}")),
        ("content/tags/long-rule.yaml", ("match[1]:", f"at most {MAX_RULE_LENGTH}")),
        ("content/tags/empty-match.yaml", ("match[1]:", "can match empty text")),
        ("content/tags/complex-rule.yaml", ("match[1]:", f"at most {MAX_PROGRAM_SIZE}")),
        ("content/tags/deep-not.yaml", ("not[0]:", "nested more than")),
        ("content/tags/bad-syntax.yaml", ("match[1]:", "'?' must follow")),
    ],
)
def test_a_rule_that_cannot_run_safely_is_refused_by_file_and_rule(refused, path, parts) -> None:
    checked, built = refused
    assert_refused(checked, built, path, *parts)


def test_check_points_at_the_rules_line(refused) -> None:
    checked, _ = refused
    assert "content/tags/deep-groups.yaml:3: match[1]: " in checked.out


def test_an_accepted_rule_runs_in_bounded_time_on_a_hostile_text(tmp_path: Path) -> None:
    content = content_with(tmp_path, {"tags/nested.yaml": tag("Nested", PATHOLOGICAL)})
    checked = check(content)
    assert checked.code == 0, checked.text  # within the limits: RE2 runs it in linear time
    raw = tmp_path / "raw"
    raw.mkdir()
    word = "e" * 300  # Python's engine: time grows with the sixth power of this length
    (raw / "hostile.txt").write_text(
        f"Seoul, May 2 (Yonhap) -- Officials said {word} y on Monday, and talks went on.\n\n"
        f"The {word} talks resumed in Panmunjom on Monday after a long pause, eee eee x.\n",
        encoding="utf-8",
    )
    options = ["--registry", str(content), "--source", str(raw), "--dest", str(tmp_path / "out")]
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "ingest", *options],
        capture_output=True,
        text=True,
        timeout=180,  # a hang fails the test instead of stalling CI; no timing is asserted
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [path] = (tmp_path / "out").rglob("*.md")
    assert "nested" in read_article(path.read_text(encoding="utf-8")).meta["tags"]
