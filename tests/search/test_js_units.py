"""The browser search code's unit tests (``tests/search/*.test.mjs``), run with ``node --test``.

One pytest test per test file, so a failure names the module it is about
(``pack.test.mjs`` tests ``theme/static/js/search/pack.js``, and so on). The
files run as they would by hand: ``node --test tests/search/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEST_FILES = sorted(HERE.glob("*.test.mjs"))


def _node() -> str:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "lunr" / "lunr.js").is_file():
        message = "needs node and node_modules/lunr (./dev test installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return node


def test_every_module_has_its_tests() -> None:
    """Each pure module of the search code has a test file of its own name."""
    modules = {p.stem for p in (ROOT / "theme" / "static" / "js" / "search").glob("*.js")}
    tested = {p.name.removesuffix(".test.mjs") for p in TEST_FILES}
    dom = {"page", "view"}  # DOM modules: tests/test_search_browser.py drives them in Chromium
    assert modules - dom - tested == set()
    assert tested - modules == set()


@pytest.mark.parametrize("path", TEST_FILES, ids=[p.name for p in TEST_FILES])
def test_node_unit_tests_pass(path: Path) -> None:
    run = subprocess.run(
        [_node(), "--test", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
