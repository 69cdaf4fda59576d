"""A failure inside any build stage is a `path: reason` line naming the file, never a traceback.

Each case builds the base archive with a test-only plugin (``plugins/inject_failure.py``,
given through ``PELICAN_EXTRA``) that makes one stage raise while it processes
one article (``talks-resume``) or, for stages over the whole site, at once. The
build must fail, print no traceback, and name the article (or the entity being
written), or say ``build:`` and the stage when no one file is at fault.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pelican.settings import get_settings_from_file

from conftest import ROOT, run_invoke
from hostile_helpers import content_with

PLUGINS = Path(__file__).resolve().parent / "plugins"
ARTICLE = "content/articles/2019/talks-resume.md"
INJECTED = "failed: RuntimeError: injected failure"

# stage -> the line the build must print
EXPECTED = {
    "reader": f"{ARTICLE}: RuntimeError: injected failure",
    "pages": f"{ARTICLE}: rendering the pages {INJECTED}",
    "entity pages": f"content/entities/kim-jong-un.yaml: writing the archive pages {INJECTED}",
    "feeds": f"{ARTICLE}: writing the entity feeds {INJECTED}",
    "data files": f"{ARTICLE}: writing the data files {INJECTED}",
    "search index": f"{ARTICLE}: writing the search index {INJECTED}",
    "duplicates": f"build: checking the articles for duplicates {INJECTED}",
    "sitemap": f"build: writing the sitemap and robots.txt {INJECTED}",
    "setup": "Build failed: RuntimeError: injected failure (PELICAN_EXTRA=--debug shows where)",
}


def _build(tmp_path: Path, extra: str) -> tuple[int, str]:
    content = content_with(tmp_path, {})
    result = run_invoke(
        "build",
        "--content",
        str(content),
        "--output",
        str(tmp_path / "output"),
        cwd=tmp_path,
        env={"PELICAN_EXTRA": extra},
    )
    return result.returncode, result.stdout + result.stderr


def _with_plugin(stage: str) -> str:
    plugins = [*get_settings_from_file(str(ROOT / "pelican.conf.py"))["PLUGINS"], "inject_failure"]
    settings = {
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(PLUGINS)],
        "PLUGINS": plugins,
        "INJECT_FAILURE": stage,
        "INJECT_FAILURE_SLUG": "talks-resume",
    }
    return "-e " + " ".join(f"{key}='{json.dumps(value)}'" for key, value in settings.items())


@pytest.mark.parametrize("stage", sorted(EXPECTED))
def test_a_failing_stage_is_reported_by_file_without_a_traceback(
    tmp_path: Path, stage: str
) -> None:
    code, text = _build(tmp_path, _with_plugin(stage))
    assert code == 1, text
    assert "Traceback" not in text, text
    assert EXPECTED[stage] in text.splitlines(), text
    assert "Build failed:" in text


def test_a_missing_browser_asset_is_reported_without_a_traceback(tmp_path: Path) -> None:
    code, text = _build(tmp_path, """-e NPM_ASSETS_FILES='{"no-such-package/x.js": "x.js"}'""")
    assert code == 1, text
    assert "Traceback" not in text, text
    assert any(
        line.startswith("build: copying the browser assets failed: MissingAssetError: ")
        and "no-such-package/x.js: missing" in line
        for line in text.splitlines()
    ), text
