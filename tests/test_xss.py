"""Markup in any field a contributor writes never runs in a reader's browser.

Three layers: ``clean_html`` on its own; every page built from
``tests/fixtures/xss`` (whose articles, page, entity and tag carry script in
every field) parsed tag by tag; and those pages opened in Chromium.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import LOCAL_HOSTS, serve
from conftest import ROOT, run_invoke
from newsarchive.site.rendering import render_body
from newsarchive.site.sanitize import EXTERNAL_REL, clean_html

FIXTURE = ROOT / "tests" / "fixtures" / "xss"
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "[click](javascript:window.__xss=1)",
    '<a href="javascript:alert(1)">click</a>',
    '"><svg onload=window.__xss=1>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
]


def render(text: str) -> str:
    """A body as the archive reader renders and cleans it."""
    return render_body(text)


# --- (a) clean_html ---------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_survives_rendering(payload: str) -> None:
    html = render(f"Text before.\n\n{payload}\n\nText after.")
    problems = Scanner.scan(html)
    assert problems == [], html
    assert "Text before." in html and "Text after." in html


def test_script_and_style_go_with_their_content() -> None:
    assert clean_html("<p>a<script>window.__xss=1</script><style>p{}</style>b</p>") == "<p>ab</p>"


def test_event_handlers_and_styles_are_dropped() -> None:
    html = clean_html('<p onclick="x()" style="color:red" class="x" id="top">t</p>')
    assert html == "<p>t</p>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_dangerous_link_schemes_lose_their_href(href: str) -> None:
    assert clean_html(f'<a href="{href}">x</a>') == "<a>x</a>"


@pytest.mark.parametrize(
    "tag",
    [
        '<iframe src="https://example.com"></iframe>',
        '<object data="x.swf"></object>',
        '<embed src="x.swf">',
        '<svg onload="alert(1)"><circle r="1"/></svg>',
        "<math><mi>x</mi></math>",
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
    ],
)
def test_embedding_elements_are_removed(tag: str) -> None:
    assert clean_html(f"<p>a</p>{tag}<p>b</p>") == "<p>a</p><p>b</p>"


def test_forms_are_unwrapped_to_their_text() -> None:
    html = clean_html(
        '<form action="https://evil.example"><input name="q"><button>Go</button></form>'
    )
    assert html == "Go"


def test_links_to_other_hosts_get_rel_and_site_links_do_not() -> None:
    html = render(
        "[out](https://example.com/a?b=1&c=2) [proto](//example.com/x) [mail](mailto:a@b.example) "
        "[rel](../other/) [frag](#note) [pelican]({filename}/articles/2019/x.md)"
    )
    external = f'rel="{EXTERNAL_REL}"'
    assert f'<a href="https://example.com/a?b=1&amp;c=2" {external}>out</a>' in html
    assert f'<a href="//example.com/x" {external}>proto</a>' in html
    assert '<a href="mailto:a@b.example">mail</a>' in html
    assert '<a href="../other/">rel</a>' in html
    assert '<a href="#note">frag</a>' in html
    assert '<a href="{filename}/articles/2019/x.md">pelican</a>' in html


def test_a_written_rel_is_replaced_not_kept() -> None:
    html = clean_html('<a href="https://example.com" rel="opener" target="_blank">x</a>')
    assert html == f'<a href="https://example.com" rel="{EXTERNAL_REL}">x</a>'


def test_link_titles_are_kept_and_escaped() -> None:
    html = clean_html('<a href="https://example.com" title="a &quot;b&quot; > c">x</a>')
    assert 'title="a &quot;b&quot; &gt; c"' in html
    assert html.endswith(f'rel="{EXTERNAL_REL}">x</a>')


def test_images_only_from_the_site() -> None:
    assert render("![A map](maps/korea.png)") == '<p><img src="maps/korea.png" alt="A map"></p>'
    assert render("![Pixel](https://tracker.example/p.gif)") == '<p><img alt="Pixel"></p>'
    assert render("![Pixel](//tracker.example/p.gif)") == '<p><img alt="Pixel"></p>'
    assert render("![Pixel](/\\tracker.example/p.gif)") == '<p><img alt="Pixel"></p>'
    assert render("![Pixel]({index}//tracker.example/p.gif)") == '<p><img alt="Pixel"></p>'
    assert clean_html('<img src="data:image/svg+xml,<svg onload=alert(1)>">') == "<img>"


def test_news_structure_is_kept() -> None:
    text = (
        "## Background\n\n> A quote.\n\n1. one\n2. two\n\n"
        "| Year | Talks |\n|:-----|------:|\n| 2019 | 2 |\n\n"
        'The <abbr title="Democratic People\'s Republic of Korea">DPRK</abbr> said so.\n'
    )
    html = render(text)
    for tag in ("<h2>", "<blockquote>", "<ol>", "<table>", '<th style="text-align:left">'):
        assert tag in html
    assert '<abbr title="Democratic People\'s Republic of Korea">DPRK</abbr>' in html


def test_the_page_headline_stays_the_only_h1() -> None:
    assert render("# Second headline\n\nText.") == "Second headline\n<p>Text.</p>"


def test_footnotes_keep_their_anchors_and_nothing_else_gets_an_id() -> None:
    html = render("Claim.[^1]\n\n[^1]: Source.\n")
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert '<li id="fn:1">' in html
    assert clean_html('<p id="__xss">x</p><sup id="location">y</sup>') == "<p>x</p><sup>y</sup>"


def test_code_keeps_only_a_language_class() -> None:
    html = render("```python\nx = 1\n```")
    assert html.startswith('<pre><code class="language-python">')
    assert clean_html('<code class="evil language-js">x</code>') == (
        '<code class="language-js">x</code>'
    )


# --- (b) every built page, tag by tag ---------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "cite"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "base", "applet"}
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_INVISIBLE = re.compile(r"[\x00-\x20]+")


class Scanner(HTMLParser):
    """Everything in a page a browser would run: forbidden tags, handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script_tags = 0
        self._script: str | None = None  # text of an executable inline script being read

    @classmethod
    def scan(cls, html: str) -> list[str]:
        scanner = cls()
        scanner.feed(html)
        scanner.close()
        raw = len(re.findall(r"<script", html, re.I))
        if raw != scanner.script_tags:
            scanner.problems.append(f"{raw} '<script' in the text, {scanner.script_tags} parsed")
        return scanner.problems

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRIBUTES and _runs_code(value):
                self.problems.append(f"<{tag} {name}={value!r}> script URL")
            if name == "style" and ("javascript:" in value.lower() or "expression(" in value):
                self.problems.append(f"<{tag} style={value!r}>")
        refresh = values.get("http-equiv", "").lower() == "refresh"
        if tag == "meta" and refresh and "javascript:" in values.get("content", "").lower():
            self.problems.append(f"<meta http-equiv=refresh content={values['content']!r}>")
        if tag == "script":
            self._start_script(values)

    def _start_script(self, values: dict[str, str]) -> None:
        self.script_tags += 1
        src = values.get("src")
        if src is not None and (urlsplit(src).scheme or urlsplit(src).netloc):
            self.problems.append(f"<script src={src!r}> from outside the site")
        if values.get("type", "").lower() in EXECUTABLE_TYPES:
            self._script = ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if "__xss" in self._script or "alert(" in self._script:
                self.problems.append(f"inline script runs fixture code: {self._script[:80]!r}")
            self._script = None


def _runs_code(url: str) -> bool:
    url = _INVISIBLE.sub("", url).lower()
    return url.startswith(("javascript:", "vbscript:", "data:text/html"))


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("xss-site")
    result: subprocess.CompletedProcess[str] = run_invoke(
        "build", "--content", str(FIXTURE), "--output", str(output)
    )
    assert result.returncode == 0, f"the XSS fixture does not build:\n{result.stderr}"
    return output


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_scanner_catches_each_payload_unescaped() -> None:
    for payload in PAYLOADS:
        if not payload.startswith("["):
            assert Scanner.scan(f"<p>{payload}</p>"), payload
    assert Scanner.scan("<p><a href=' java\nscript:x'>x</a></p>")
    # A '<script' the parser reads as text is flagged all the same.
    assert Scanner.scan("<style><script>x</script></style>") == [
        "1 '<script' in the text, 0 parsed"
    ]


def test_no_built_page_carries_runnable_markup(xss_site: Path) -> None:
    built = pages(xss_site)
    assert len(built) >= 3
    problems = {
        page.relative_to(xss_site).as_posix(): found
        for page in built
        if (found := Scanner.scan(page.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_markup_in_text_fields_is_shown_as_text(xss_site: Path) -> None:
    page = (xss_site / "2019/02/markup-in-every-field/index.html").read_text(encoding="utf-8")
    assert "Summit &lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    for field in ("source", "publisher", "byline"):
        assert f'class="{field}">&lt;' in page or f'class="{field}">&#34;&gt;&lt;' in page, field
    assert "Kim Jong Un &lt;script&gt;window.__xss=1&lt;/script&gt; waves." in page


def test_the_body_keeps_its_text_and_its_safe_link(xss_site: Path) -> None:
    page = (xss_site / "2019/02/markup-in-every-field/index.html").read_text(encoding="utf-8")
    assert "left the summit early." in page
    assert f'<a href="https://www.yna.co.kr/" rel="{EXTERNAL_REL}">fine link</a>' in page


def test_a_script_url_in_the_provenance_is_not_linked(xss_site: Path) -> None:
    page = (xss_site / "2019/02/markup-in-every-field/index.html").read_text(encoding="utf-8")
    assert "Originally published at" not in page


# --- (c) in a browser -------------------------------------------------------------------


@pytest.mark.browser
def test_no_page_runs_injected_script_in_a_browser(browser, xss_site: Path) -> None:
    """Every page the build wrote: article, page, listings and entity and tag pages."""
    context = browser.new_context()
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: events.append(f"page error: {error}"))
    page.route("**/*", _local_only)
    found: dict[str, list[str]] = {}
    try:
        with serve(xss_site) as url:
            for built in pages(xss_site):
                path = built.relative_to(xss_site).as_posix()
                page.goto(url + path.removesuffix("index.html"))
                page.wait_for_load_state("load")
                if page.evaluate("typeof window.__xss") != "undefined":
                    events.append("window.__xss was set")
                if events:
                    found[path] = list(events)
                    events.clear()
    finally:
        context.close()
    assert found == {}


def _local_only(route) -> None:
    """No request leaves the machine, whatever a page tries to load."""
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()
