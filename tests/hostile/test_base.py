"""The base archive the hostile cases are laid over is itself valid: check and build accept it."""

from __future__ import annotations

from pathlib import Path

from hostile_helpers import content_with, verdicts


def test_the_base_archive_passes_check_and_builds(tmp_path: Path) -> None:
    checked, built = verdicts(content_with(tmp_path, {}))
    assert (checked.code, built.code) == (0, 0), checked.text + built.text
    assert not checked.problems and not built.problems
