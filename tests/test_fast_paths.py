"""The build's fast paths give exactly what the slow, general paths give."""

from __future__ import annotations

import markdown
import pytest

from conftest import ROOT
from newsarchive import frontmatter
from newsarchive.articles import read_article
from newsarchive.rendering import render_plain
from newsarchive.sanitize import clean_html

ARTICLES = sorted((ROOT / "content" / "articles").rglob("*.md"))
MARKDOWN = markdown.Markdown(
    extensions=["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    output_format="html5",
)


def slow_load(text: str) -> object:
    loader = frontmatter._Loader(text)
    try:
        return loader.construct_document(loader.get_single_node())
    finally:
        loader.dispose()


def slow_render(body: str) -> str:
    MARKDOWN.reset()
    return clean_html(MARKDOWN.convert(body))


def test_libyaml_path_reads_every_shipped_article_as_the_narrow_loader_does() -> None:
    used = 0
    for path in ARTICLES:
        front = frontmatter.split(path.read_text(encoding="utf-8"))[0]
        fast = frontmatter._load_fast(front)
        if fast is not None:
            used += 1
            assert fast[1] == slow_load(front), path
    assert used > len(ARTICLES) * 0.9


@pytest.mark.parametrize(
    "front",
    [
        "title: No\nn: 2019\nx: ~\ny:\nz: ''\nlist: [a, 'b', \"c\"]\n",
        "title: AT&T buys it!\nurl: http://x/?a=1&b=2\n",
        "title: &a x\nb: *a\n",
        "title: !!python/object x\n",
        "? [complex]\n: key\n",
        "title: 'quoted # not a comment'\nnested: {a: {b: [1, 2]}}\n",
    ],
)
def test_libyaml_path_agrees_or_steps_aside(front: str) -> None:
    fast = frontmatter._load_fast(front)
    if fast is None:
        return  # the narrow loader decides (and refuses anchors, aliases and tags)
    assert fast[1] == slow_load(front)


def test_plain_paragraphs_render_as_markdown_renders_them() -> None:
    used = 0
    for path in ARTICLES:
        body = read_article(path.read_text(encoding="utf-8")).body
        plain = render_plain(body)
        if plain is not None:
            used += 1
            assert plain == slow_render(body), path
    assert used > len(ARTICLES) * 0.9


@pytest.mark.parametrize(
    "body",
    [
        "One.\n\nTwo, with \\*stars\\* and \\_under\\_ and \\[brackets\\].",
        "Tom &amp; Jerry &lt;3 and a > sign and 5 &#8212; 6.",
        "Lines\nwrap\ninside a paragraph.",
        "1\\. Not a list.\n\n\\# Not a heading.\n\n\\- Not a bullet.",
        "*emphasis*",
        "# Heading",
        "- item",
        "1. item",
        "a line break  \nhere",
        "<b>html</b>",
        "[link](http://example.org)",
        "    code block",
        "Table | head\n--- | ---\na | b",
        "Term\n: definition",
        "A footnote[^1].\n\n[^1]: Note.",
        "AT&T",
    ],
)
def test_edge_cases_render_the_same_or_fall_back(body: str) -> None:
    plain = render_plain(body)
    if plain is not None:
        assert plain == slow_render(body)
