"""The index pages' filter box (``theme/static/js/filter-list.js``): its ``node --test`` tests.

``tests/js/filter-list.test.mjs`` tests the matching, the status text and the wiring on a
stand-in of the index page's markup; run by hand with ``node --test tests/js/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests" / "js" / "filter-list.test.mjs"


def test_the_filter_box_node_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("needs node (./dev test installs it)")
        pytest.skip("needs node")
    run = subprocess.run(
        [node, "--test", str(TESTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
