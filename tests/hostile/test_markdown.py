"""Hostile Markdown bodies: rendered in linear time, built safely, and nothing lost unseen.

Python-Markdown spent more than five minutes on a body of 60,000 ``[``; the archive
now renders with markdown-it-py (``newsarchive/site/rendering.py`` says why). Here:

- the renderer on pathological bodies, each in a subprocess with a generous timeout
  (a hang guard, not a timing: a hang fails the test instead of stalling CI), checking
  what comes out;
- the features the archive's Markdown had before (tables, footnotes, definition lists,
  attribute lists, fenced code) still render, and Pelican's ``{filename}`` links survive;
- one content folder of hostile articles, checked and built once: check accepts each,
  the build writes each page, and the text of each is on it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hostile_helpers import content_with, verdicts
from newsarchive.site.rendering import MAX_NESTING, render_as_text, render_body

# name: (body, a piece of the HTML it must render to)
PATHOLOGICAL: dict[str, tuple[str, str]] = {
    "brackets": ("[" * 60_000, "<p>" + "[" * 1000),
    "link-openers": ("[a](" * 15_000, "[a]([a]("),
    "image-openers": ("![" * 30_000, "![!["),
    "footnote-openers": ("[^" * 30_000, "[^[^"),
    "inline-footnotes": ("^[" * 20_000 + "x" + "]" * 20_000, "^[^["),
    "stars": ("*" * 60_000, "<hr>"),
    "emphasis-runs": ("*a **b _c __d " * 10_000, "*a **b _c __d"),
    "emphasis": ("*a* __b__ " * 10_000, "<em>a</em> <strong>b</strong>"),
    "less-than": ("<" * 60_000, "&lt;&lt;&lt;"),
    "tag-openers": ("<a " * 20_000, "&lt;a &lt;a"),
    "greater-than": (">" * 60_000, "<p>&gt;&gt;&gt;"),  # nested past the limit: text
    "backticks": ("`a``" * 15_000, "<code>"),
    "ampersands": ("&#" * 30_000 + "&amp;" * 10_000, "&amp;#&amp;#"),
    "braces": ("`x`" + "{" * 30_000, "<code>x</code>"),
    "long-line": ("word " * 40_000, "word word"),
    "wide-table": ("|a" * 3_000 + "\n" + "|-" * 3_000 + "\n" + "|b" * 3_000, "<table>"),
    "nested-lists": ("".join("  " * i + "- item\n" for i in range(300)), "- item"),
    "nested-quotes": ("> " * 5_000 + "deep", "deep"),
    "deep-raw-html": ("<div>" * 50_000 + "inside", "&lt;div&gt;&lt;div&gt;"),
    "deep-raw-lists": ("<ul><li>" * 20_000, "&lt;ul&gt;&lt;li&gt;"),
}


def render_in_subprocess(bodies: dict[str, str], timeout: float) -> dict[str, str]:
    """Each body rendered by the archive's renderer in a fresh interpreter; a hang fails."""
    script = textwrap.dedent(
        """
        import json, sys
        from newsarchive.site.rendering import render_body
        bodies = json.load(sys.stdin)
        json.dump({name: render_body(body) for name, body in bodies.items()}, sys.stdout)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(bodies),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_pathological_bodies_render_in_linear_time_and_keep_their_text() -> None:
    rendered = render_in_subprocess({k: body for k, (body, _) in PATHOLOGICAL.items()}, 300)
    for name, (_, expected) in PATHOLOGICAL.items():
        assert expected in rendered[name], (name, rendered[name][:200])


def test_bodies_nested_past_the_limit_are_shown_as_text_not_cut() -> None:
    body = "> " * (MAX_NESTING + 5) + "the last words"
    html = render_body(body)
    assert html == render_as_text(body)
    assert "the last words" in html and "<blockquote>" not in html
    shallow = "> " * 3 + "quoted"
    assert render_body(shallow).count("<blockquote>") == 3


def test_balanced_raw_html_is_kept_and_only_runaway_nesting_is_shown_as_text() -> None:
    table = "<table>" + "<tr><td>x</td></tr>" * 500 + "</table>"
    assert render_body(table).startswith("<table>")
    assert render_body("<sub>2</sub> and <abbr title='t'>T</abbr>") == (
        '<p><sub>2</sub> and <abbr title="t">T</abbr></p>'
    )
    assert render_body("<div>" * 65 + "x").startswith("&lt;div&gt;")


def test_the_archive_markdown_features_still_render() -> None:
    html = render_body(
        textwrap.dedent(
            """\
            ## Background

            | Year | Talks |
            |:-----|------:|
            | 2019 | 2 |

            Claim.[^1] Again.[^1]

            Term
            : Definition

            ```python
            x = 1
            ```

            A [link](https://example.org){.footnote-ref #top} and [another]({filename}/articles/2019/a.md).

            [^1]: Source.
            """
        )
    )
    for part in (
        "<h2>Background</h2>",
        '<th style="text-align:left">Year</th>',
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<sup id="fnref2:1">',
        '<li id="fn:1">',
        '<a class="footnote-backref" href="#fnref:1">',
        "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>",
        '<pre><code class="language-python">x = 1\n</code></pre>',
        '<a href="{filename}/articles/2019/a.md">another</a>',
    ):
        assert part in html, part
    assert 'id="top"' not in html  # an attribute list cannot set ids the sanitiser refuses


# --- built as articles -------------------------------------------------------------------

BUILT = ("brackets", "link-openers", "emphasis-runs", "less-than", "nested-quotes")


def article(slug: str, body: str) -> str:
    return f"---\ntitle: Hostile body {slug}\ndate: 2019-05-01\nslug: {slug}\n---\n\n{body}\n"


def test_hostile_bodies_pass_check_and_build_into_pages_with_their_text(tmp_path: Path) -> None:
    files = {f"articles/2019/{name}.md": article(name, PATHOLOGICAL[name][0]) for name in BUILT}
    checked, built = verdicts(content_with(tmp_path, files))
    assert (checked.code, built.code) == (0, 0), checked.text + built.text
    for name in BUILT:
        page = (tmp_path / "output" / "2019" / "05" / name / "index.html").read_text("utf-8")
        assert PATHOLOGICAL[name][1] in page, name


@pytest.mark.parametrize("body", ["", "\n\n\n", "Only one line"])
def test_trivial_bodies_render(body: str) -> None:
    assert render_body(body) == ("<p>Only one line</p>" if body.strip() else "")
