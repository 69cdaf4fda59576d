"""Shared fixtures: a built copy of the shipped archive, a sub-path server, a guarded browser.

Every test also gets one tier marker, ``unit``, ``build`` or ``browser`` (rules in ``tiers.py``):
``./dev test -m unit`` runs the fast tier, ``./dev test`` all of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

import pytest

from browsing import CHROMIUM_ARGS, CHROMIUM_ENV, PageGuard, chromium_executable, serve
from tiers import assign_tier, refuse_processes

ROOT = Path(__file__).resolve().parents[1]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give every test its tier marker, before ``-m`` selects among them."""
    for item in items:
        assign_tier(item)


def _guarded(item: pytest.Item) -> AbstractContextManager[None]:
    """A unit test, fixtures included, may not start a process or a build (the build tier's)."""
    return refuse_processes(item) if item.get_closest_marker("unit") else nullcontext()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with _guarded(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with _guarded(item):
        return (yield)


def run_invoke(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run an invoke task of this project the way a contributor would."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


# Another build of a folder, as a build's lock sees one: a process holding the folder by
# the build's own ``outputguard.hold``.
_HOLDER = (
    "import sys; from pathlib import Path; from newsarchive.site.outputguard import hold; "
    "hold(Path(sys.argv[1])); print('held', flush=True); sys.stdin.read()"
)


@contextmanager
def another_build_writing(folder: Path) -> Iterator[None]:
    """While inside, another process holds ``folder``'s lock, as a running build does."""
    other = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "held\n"
        yield
    finally:
        other.terminate()
        other.wait(timeout=30)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped archive, built once per session with the development settings."""
    output = tmp_path_factory.mktemp("site")
    result = run_invoke("build", "--output", str(output))
    assert result.returncode == 0, (
        f"the shipped archive does not build:\n{result.stdout}\n{result.stderr}"
    )
    return output


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_executable()
    if executable is None:
        message = (
            f"Chromium not found (set {CHROMIUM_ENV} or install Debian's chromium); "
            "run ./dev test, which installs it when it can"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def guarded_page(browser) -> Iterator[tuple[object, PageGuard]]:
    """A fresh page whose console errors, failed and third-party requests fail the test."""
    context = browser.new_context()
    page = context.new_page()
    guard = PageGuard()
    guard.attach(page)
    yield page, guard
    context.close()
    guard.check()


@pytest.fixture
def page(guarded_page):
    return guarded_page[0]
