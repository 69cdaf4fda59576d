"""URLs in disguise: no image or other subresource loads from another host, no link runs script.

The sanitiser judges a URL in the form a browser may read it (``url_form``): entity
and percent encodings undone, tabs, line breaks and invisible characters removed,
backslashes read as slashes, lower case; and what follows a Pelican intrasite marker
(``{index}``, ``{}``) as a URL of its own, since Pelican keeps its scheme and host.
Each form is tested in raw HTML and in Markdown, then built into a page, whose
every ``src`` and ``href`` is read back.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from hostile_helpers import content_with, verdicts
from newsarchive.site.rendering import render_body
from newsarchive.site.sanitize import EXTERNAL_REL, clean_html, is_local, url_form

# Image sources a browser would fetch from another host (or run, or embed).
FOREIGN_SOURCES = [
    "/\\evil.example/p.png",
    "\\\\evil.example/p.png",
    "\\/evil.example/p.png",
    "//evil.example/p.png",
    "///evil.example/p.png",
    "/\t/evil.example/p.png",
    "/\n/evil.example/p.png",
    " //evil.example/p.png",
    "&#x2F;&#x2F;evil.example/p.png",
    "&#47;&#47;evil.example/p.png",
    "&sol;&sol;evil.example/p.png",
    "%2F%2Fevil.example/p.png",
    "%5C%5Cevil.example/p.png",
    "%252F%252Fevil.example/p.png",
    "HTTPS://evil.example/p.png",
    "http:evil.example/p.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "DaTa:image/svg+xml,<svg onload=alert(1)>",
    "javascript:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "{index}//evil.example/p.png",
    "{filename}//evil.example/articles/2019/talks-resume.md",
    "|static|//evil.example/p.png",
    "{}https://evil.example/p.png",
    "%2525252525252F%2525252525252Fevil.example",  # still encoded after four rounds
]
# Links that would run script: their href is dropped.
SCRIPT_LINKS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " java\nscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#x6A;avascript&colon;alert(1)",
    "%6Aavascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "{}javascript:alert(1)",
    "|x|javascript:alert(1)",
    "{index}javascript:alert(1)",
]
# Links to other hosts stay, marked as leaving the site.
EXTERNAL_LINKS = [
    "https://www.yna.co.kr/view/AEN20190228",
    "HTTP://Example.com/",
    "//example.com/x",
    "/\\example.com/x",
    "&#x2F;&#x2F;example.com/x",
    "{index}//example.com/x",
]
LOCAL_SOURCES = [
    "maps/korea.png",
    "../images/map.png",
    "/images/map.png",
    "images/a%20map.png",
    "{static}/images/map.png",
    "{filename}/images/map.png",
    "?v=1",
]


@pytest.mark.parametrize("src", FOREIGN_SOURCES)
def test_an_image_from_another_host_loses_its_src(src: str) -> None:
    assert clean_html(f'<img src="{src}" alt="x">') == '<img alt="x">'
    assert not is_local(src)


@pytest.mark.parametrize(
    "markdown",
    [
        "![x](/\\evil.example/p.png)",
        "![x](<//evil.example/p.png>)",
        "![x](%2F%2Fevil.example/p.png)",
        "![x](&#x2F;&#x2F;evil.example/p.png)",
        "![x]({index}//evil.example/p.png)",
        "![x][ref]\n\n[ref]: /\\evil.example/p.png",
    ],
)
def test_a_markdown_image_from_another_host_loses_its_src(markdown: str) -> None:
    html = render_body(markdown)
    assert "<img" in html and "src=" not in html, html


@pytest.mark.parametrize("href", SCRIPT_LINKS)
def test_a_link_that_would_run_script_loses_its_href(href: str) -> None:
    assert clean_html(f'<a href="{href}">x</a>') == "<a>x</a>"


@pytest.mark.parametrize("href", EXTERNAL_LINKS)
def test_a_link_to_another_host_stays_and_is_marked_as_leaving(href: str) -> None:
    html = clean_html(f'<a href="{href}">x</a>')
    assert html.startswith("<a href=") and html.endswith(f' rel="{EXTERNAL_REL}">x</a>'), html


@pytest.mark.parametrize("src", LOCAL_SOURCES)
def test_images_of_the_site_keep_their_src_as_written(src: str) -> None:
    assert clean_html(f'<img src="{src}">') == f'<img src="{src}">'


def test_the_judged_form_undoes_every_disguise() -> None:
    assert url_form("&#x2F;%2F\\Evil.Example\t/p") == "///evil.example/p"
    assert url_form(" Java\u200bScript:x") == "javascript:x"
    assert url_form("%25252F") == "/"
    assert url_form("%2525252525252F") is None


# --- built into a page ---------------------------------------------------------------------


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "srcset", "poster", "data", "action"):
                self.found.append((tag, name, value or ""))


def test_a_page_of_disguised_urls_builds_and_loads_nothing_from_elsewhere(tmp_path: Path) -> None:
    images = "\n\n".join(f'<img src="{src}" alt="img">' for src in FOREIGN_SOURCES)
    links = "\n\n".join(f'<a href="{href}">script link</a>' for href in SCRIPT_LINKS)
    body = f"{images}\n\n{links}\n\n![md](/\\evil.example/p.png)\n\n[out](https://example.com/)"
    page = f"---\ntitle: Disguised URLs\nslug: disguised\n---\n\n{body}\n"
    checked, built = verdicts(content_with(tmp_path, {"pages/disguised.md": page}))
    assert (checked.code, built.code) == (0, 0), checked.text + built.text
    html = (tmp_path / "output" / "disguised" / "index.html").read_text(encoding="utf-8")
    article = html[html.index('<article class="page">') : html.index("</article>")]
    urls = _Urls()
    urls.feed(article)
    assert article.count("<img") == len(FOREIGN_SOURCES) + 1
    assert [u for u in urls.found if u[1] == "src"] == []
    assert urls.found == [("a", "href", "https://example.com/")]
