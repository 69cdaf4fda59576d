"""The shipped archive in a real Chromium, served under a sub-path like a GitHub project page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_home_links_to_articles_that_open(page, site_url: str) -> None:
    page.goto(site_url)
    assert page.title().startswith("Korean Peninsula News Archive")
    first = page.locator(".article-list a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.url.startswith(site_url)
    assert re.search(r"/\d{4}/\d{2}/[a-z0-9-]+/$", page.url)


def test_skip_link_is_the_first_keyboard_stop(page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_assets_from_npm_are_served_locally(page, site_url: str) -> None:
    """lunr comes from npm, bundled into the search worker the site serves itself."""
    response = page.goto(site_url + "theme/js/search/worker.js")
    assert response is not None and response.ok
    assert 'version="2.3.9"' in response.text()
