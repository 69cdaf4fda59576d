"""The browser fixture itself must catch what a reader would hit: script errors, broken and outside requests."""

from __future__ import annotations

from pathlib import Path

import pytest

from browsing import PageGuard, serve

pytestmark = pytest.mark.browser


def open_page(browser, root: Path, html: str) -> PageGuard:
    (root / "index.html").write_text(html, encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    guard = PageGuard()
    guard.attach(page)
    with serve(root) as url:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    context.close()
    return guard


def test_guard_catches_a_javascript_error(browser, tmp_path: Path) -> None:
    guard = open_page(
        browser,
        tmp_path,
        "<!doctype html><title>t</title><script>throw new Error('boom');</script>",
    )
    assert any("boom" in p for p in guard.problems), guard.problems
    with pytest.raises(AssertionError, match="boom"):
        guard.check()


def test_guard_catches_a_console_error_and_a_missing_file(browser, tmp_path: Path) -> None:
    guard = open_page(
        browser,
        tmp_path,
        "<!doctype html><title>t</title><img src='missing.png' alt=''><script>console.error('oops')</script>",
    )
    assert any("console error: oops" in p for p in guard.problems), guard.problems
    assert any("missing.png" in p for p in guard.problems), guard.problems


def test_guard_blocks_and_reports_third_party_requests(browser, tmp_path: Path) -> None:
    guard = open_page(
        browser,
        tmp_path,
        "<!doctype html><title>t</title><img src='https://example.com/x.png' alt=''>",
    )
    assert any("third-party request: https://example.com/x.png" in p for p in guard.problems), (
        guard.problems
    )


def test_root_absolute_links_break_under_the_sub_path(browser, tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("body{}", encoding="utf-8")
    guard = open_page(
        browser, tmp_path, "<!doctype html><title>t</title><link rel=stylesheet href='/style.css'>"
    )
    assert any("404" in p and "/style.css" in p for p in guard.problems), guard.problems


def test_clean_page_passes(browser, tmp_path: Path) -> None:
    guard = open_page(browser, tmp_path, "<!doctype html><title>t</title><p>fine</p>")
    guard.check()
