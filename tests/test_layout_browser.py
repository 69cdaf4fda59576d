"""Every page type fits a phone and a laptop, light and dark: no sideways scroll, targets a
finger can hit, no WCAG 2.2 AA violation axe-core finds.

One built site, one browser; each (page type, width, scheme) is opened once (a module-scoped
fixture) and its checks are separate tests, so a failure reads
``test_targets_are_24px[entity-390-dark]``. The pages are found and opened as
``invoke screenshots`` opens them (``benchmarks/screenshots.py``): a failure names a picture.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.screenshots import (
    PAGE_NAMES,
    SCHEMES,
    WIDTHS,
    Site,
    new_context,
    page_type,
    shot_name,
    show,
    take_screenshots,
)
from browsing import PageGuard
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TARGET_SIZE_JS = (Path(__file__).parent / "target_size.js").read_text(encoding="utf-8")
MINIMUM_TARGET = 24  # CSS px, WCAG 2.2 SC 2.5.8
SHOWN_OFFENDERS = 12  # a failure lists this many, then how many more
NOT_FOUND_CONSOLE = (
    "console error: Failed to load resource: the server responded with a status of 404"
)

# Outermost visible elements reaching past the right edge of the page's viewport.
OVERFLOW_JS = """
(width) => {
  const limit = Math.min(width, document.documentElement.clientWidth);
  const scrollWidth = document.documentElement.scrollWidth;
  const past = (el) => el.getBoundingClientRect().right > limit + 0.5 && el.checkVisibility();
  const culprits = [...document.body.querySelectorAll('*')]
    .filter((el) => past(el) && !(el.parentElement && past(el.parentElement)))
    .slice(0, 5)
    .map((el) => `${el.localName}${el.id ? '#' + el.id : ''}${[...el.classList].map(
      (c) => '.' + c).join('')} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
  return {limit, scrollWidth, culprits};
}
"""


@dataclass
class Shown:
    """A page of one type at one width and scheme, opened and settled, with its guard."""

    page: object
    guard: PageGuard
    name: str
    width: int
    status: int


VARIANTS = [
    pytest.param((name, width, scheme), id=shot_name(name, width, scheme))
    for name in PAGE_NAMES
    for width in WIDTHS
    for scheme in SCHEMES
]


@pytest.fixture(scope="module")
def site(built_site: Path) -> Site:
    return Site.load(built_site)


@pytest.fixture(scope="module", params=VARIANTS)
def shown(request, browser, site_url: str, site: Site) -> Iterator[Shown]:
    name, width, scheme = request.param
    kind = page_type(name)
    context = new_context(browser, width, scheme)
    page = context.new_page()
    guard = PageGuard()
    guard.attach(page)
    response = show(page, site_url, site, kind)
    yield Shown(page, guard, name, width, response.status if response else 0)
    context.close()


def test_page_answers_and_loads_cleanly(shown: Shown) -> None:
    """The expected status, and no script error, failed or outside request on the way."""
    expected = page_type(shown.name).status
    assert shown.status == expected
    problems = list(shown.guard.problems)
    if expected == 404:  # the page's own answer, and Chromium's console line about it
        for own in (f"HTTP 404: {shown.page.url}", NOT_FOUND_CONSOLE):
            problems.remove(next((p for p in problems if p.startswith(own)), own))
    assert problems == [], "\n".join(problems)


def test_no_horizontal_overflow(shown: Shown) -> None:
    """Nothing is wider than the viewport: a reader never scrolls sideways to read a line."""
    found = shown.page.evaluate(OVERFLOW_JS, shown.width)
    assert found["scrollWidth"] <= found["limit"], (
        f"the page is {found['scrollWidth']} px wide in a {found['limit']} px viewport; "
        f"reaching past its edge: {'; '.join(found['culprits'])}"
    )


def test_targets_are_24px(shown: Shown) -> None:
    """WCAG 2.2 2.5.8: every pointer target is 24x24 CSS px, bar the inline and spacing cases."""
    offenders = shown.page.evaluate(TARGET_SIZE_JS, MINIMUM_TARGET)
    lines = [
        f"{o['selector']} {o['text']!r}: {o['width']}x{o['height']}, its 24 px circle meets "
        f"{o['near']}"
        for o in offenders
    ]
    assert not offenders, f"{len(offenders)} target(s) under 24x24 px:\n{listed(lines)}"


def listed(lines: list[str], most: int = SHOWN_OFFENDERS) -> str:
    """The first lines of a long report, then how many more: a failure stays readable."""
    more = [f"... and {len(lines) - most} more"] if len(lines) > most else []
    return "\n".join(lines[:most] + more)


def test_no_wcag22_aa_violation(shown: Shown) -> None:
    """axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules (2.2's target-size among them)."""
    violations = axe_violations(shown.page)
    assert not violations, "\n".join(violations)


def axe_violations(page) -> list[str]:
    """One line per axe-core violation: the rule, its help, how many nodes, the first one."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        AXE_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {' '.join(v['nodes'][0]['target'])}"
        f" {v['nodes'][0]['html'][:100]})"
        for v in found
    ]


# --- invoke screenshots' pictures -----------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_screenshots_of_each_width_and_scheme(browser, site_url: str, site: Site, tmp_path: Path):
    written, missing = take_screenshots(browser, site_url, site, tmp_path, ["about", "404"])
    assert missing == []
    assert sorted(p.name for p in written) == sorted(
        f"{name}-{width}-{scheme}.png"
        for name in ("about", "404")
        for width in WIDTHS
        for scheme in SCHEMES
    )
    for path in written:
        width, height = png_size(path)
        assert width == int(path.stem.split("-")[1]) and height >= 800, path.name
    light, dark = (tmp_path / f"about-390-{s}.png" for s in SCHEMES)
    assert light.read_bytes() != dark.read_bytes()


def test_a_page_type_the_site_lacks_is_reported_not_shot(browser, site_url: str, tmp_path: Path):
    bare = Site(tmp_path / "empty-site")
    written, missing = take_screenshots(browser, site_url, bare, tmp_path / "shots", ["article"])
    assert (written, missing) == ([], ["article"])


# --- the checks themselves, on pages of our own making ---------------------------------------

CHECKED_PAGE = """<!doctype html><html lang="en"><title>t</title>
<style>body {{ margin: 0; font: 16px/1.5 sans-serif; }} {style}</style><body>{body}"""


def offenders_on(page, body: str, style: str = "") -> list[str]:
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content(CHECKED_PAGE.format(style=style, body=body))
    return [o["text"] for o in page.evaluate(TARGET_SIZE_JS, MINIMUM_TARGET)]


def test_small_targets_side_by_side_are_reported(page) -> None:
    body = '<nav><a href="#p1">1</a><a href="#p2">2</a> <a href="#p3">Next page</a></nav>'
    style = "nav a { display: inline-block; height: 18px; line-height: 18px; padding: 0 2px; }"
    # Page numbers 14 px apart: their circles meet. "Next page" is short, but far enough.
    assert offenders_on(page, body, style) == ["1", "2"]


def test_a_link_inside_a_sentence_is_exempt(page) -> None:
    notes = '<a href="#n1">[1]</a><a href="#n2">[2]</a>'
    body = f"<p>Talks resumed in Stockholm{notes} on Saturday, officials said.</p>"
    assert offenders_on(page, body) == []  # side by side, yet in a sentence
    assert offenders_on(page, f"<p>{notes}</p>") == ["[1]", "[2]"]  # no sentence around them


def test_a_list_of_bare_links_is_not_a_sentence(page) -> None:
    body = '<ul><li><a href="#a">Kim Jong Un</a></li><li><a href="#b">Moon Jae-in</a></li></ul>'
    style = "li { line-height: 1.1; }"
    assert offenders_on(page, body, style) == ["Kim Jong Un", "Moon Jae-in"]
    counted = body.replace("</a>", "</a> 177")  # a count beside a link is no sentence
    assert offenders_on(page, counted, style) == ["Kim Jong Un", "Moon Jae-in"]


def test_a_small_target_with_room_around_it_is_exempt(page) -> None:
    body = '<button style="position:absolute;left:40px;top:40px;width:16px;height:16px">x</button>'
    body += '<button style="position:absolute;left:70px;top:40px;width:16px;height:16px">y</button>'
    assert offenders_on(page, body) == []  # centres 30 px apart: the circles do not meet
    page.evaluate("document.querySelectorAll('button')[1].style.left = '60px'")
    assert [o["text"] for o in page.evaluate(TARGET_SIZE_JS, MINIMUM_TARGET)] == ["x", "y"]


def test_a_checkbox_counts_through_its_label(page) -> None:
    small = (
        '<label><input type="checkbox"> Sanctions</label>'
        '<label><input type="checkbox"> Trade</label>'
    )
    style = "label { display: block; line-height: 1; }"
    assert offenders_on(page, small, style) == ["Sanctions", "Trade"]
    style = "label { display: block; min-height: 24px; }"
    assert offenders_on(page, small, style) == []


def test_hidden_and_off_page_targets_are_not_measured(page) -> None:
    body = (
        '<a class="skip" href="#main">Skip</a><a class="vh" href="#x">Hidden</a>'
        '<a style="display:inline-block;height:10px" href="#y">Tiny</a>'
    )
    style = (
        ".skip { position: absolute; left: -999px; }"
        ".vh { position: absolute; width: 1px; height: 1px; overflow: hidden;"
        " clip: rect(0 0 0 0); }"
    )
    assert offenders_on(page, body, style) == []  # Tiny stands alone: its circle meets nothing


def test_overflow_names_what_reaches_past_the_edge(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content(CHECKED_PAGE.format(style="", body='<table class="wide" width="600"><td>x'))
    found = page.evaluate(OVERFLOW_JS, 390)
    assert found["scrollWidth"] > found["limit"]
    assert found["culprits"][0].startswith("table.wide")


def test_axe_reports_what_wcag_22_aa_forbids(page) -> None:
    page.set_content(
        CHECKED_PAGE.format(style="", body='<main><button></button><img src="data:,">')
    )
    rules = {line.split(":")[0] for line in axe_violations(page)}
    assert {"button-name", "image-alt"} <= rules
