"""Helpers for the hostile-input tests: a small valid archive, one or more hostile files laid over it, and the
verdicts of `invoke check` and `invoke build` side by side.

Every case ends one of two ways: refused by name (the file named, a message, no
traceback) by both check and build with the same message, or accepted by both and
built safely. ``verdicts`` runs both on one content folder, so many hostile files can
share one build.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ROOT, run_invoke

BASE = ROOT / "tests" / "fixtures" / "hostile" / "base"
# `path:LINE: message` (check) and `path: line N: message` / `path: message` (build).
_CHECK_LINE = re.compile(r"^(?P<path>content/\S+?):(?P<line>\d+): (?P<message>.+)$")
_BUILD_LINE = re.compile(r"^(?P<path>content/\S+?): (?:line (?P<line>\d+): )?(?P<message>.+)$")


@dataclass
class Verdict:
    """What one command said: exit code, output, and its problems as (path, message)."""

    code: int
    out: str
    err: str
    problems: set[tuple[str, str]] = field(default_factory=set)

    @property
    def text(self) -> str:
        return self.out + self.err

    def about(self, path: str) -> set[str]:
        """The messages about one file (``content/...``)."""
        return {message for p, message in self.problems if p == path}


def content_with(
    root: Path, files: dict[str, str | bytes], remove: tuple[str, ...] = ()
) -> Path:
    """A copy of the base archive at root/content with ``files`` written over it."""
    content = root / "content"
    shutil.copytree(BASE, content)
    for name in remove:
        target = content / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for name, data in files.items():
        target = content / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8", newline="")
    return content


def _problems(text: str, pattern: re.Pattern[str]) -> set[tuple[str, str]]:
    found = set()
    for line in text.splitlines():
        match = pattern.match(line)
        if match and not match.group("message").startswith("warning: "):
            found.add((match.group("path"), match.group("message")))
    return found


def check(content: Path) -> Verdict:
    result = run_invoke("check", "--content", str(content), cwd=content.parent)
    return Verdict(
        result.returncode, result.stdout, result.stderr, _problems(result.stdout, _CHECK_LINE)
    )


def build(content: Path, output: Path | None = None) -> Verdict:
    output = output or content.parent / "output"
    result = run_invoke(
        "build", "--content", str(content), "--output", str(output), cwd=content.parent
    )
    return Verdict(
        result.returncode, result.stdout, result.stderr, _problems(result.stderr, _BUILD_LINE)
    )


def verdicts(content: Path) -> tuple[Verdict, Verdict]:
    """check, then build, of one content folder; neither may print a traceback."""
    checked, built = check(content), build(content)
    for verdict, name in ((checked, "check"), (built, "build")):
        assert "Traceback" not in verdict.text, f"{name} printed a traceback:\n{verdict.text}"
    return checked, built


def assert_refused(checked: Verdict, built: Verdict, path: str, *expected: str) -> None:
    """Both refuse ``path`` with the same message, which holds every ``expected`` part."""
    assert checked.code != 0 and built.code != 0, (checked.text, built.text)
    by_check, by_build = checked.about(path), built.about(path)
    assert by_check, f"check did not name {path}:\n{checked.text}"
    assert by_build, f"build did not name {path}:\n{built.text}"
    assert by_check == by_build, f"check and build disagree on {path}: {by_check} vs {by_build}"
    for part in expected:
        assert any(part in message for message in by_check), (part, by_check)

