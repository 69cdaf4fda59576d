"""The build's fast paths give exactly what the slow, general paths give."""

from __future__ import annotations

import random

import pytest

from conftest import ROOT
from newsarchive.content import frontmatter
from newsarchive.content.articles import read_article
from newsarchive.site.rendering import render_markdown, render_plain

ARTICLES = sorted((ROOT / "content" / "articles").rglob("*.md"))


def slow_load(text: str) -> object:
    loader = frontmatter._Loader(text)
    try:
        return loader.construct_document(loader.get_single_node())
    finally:
        loader.dispose()


def slow_render(body: str) -> str:
    return render_markdown(body)


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
        "title: 'quoted # not a comment'\nnested: {a: {b: [1, 2]}}\n",
    ],
)
def test_libyaml_path_reads_plain_yaml_as_the_narrow_loader_does(front: str) -> None:
    fast = frontmatter._load_fast(front)
    assert fast is not None, "plain YAML should take the fast path"
    assert fast[1] == slow_load(front)


@pytest.mark.parametrize(
    ("front", "refusal"),
    [
        ("title: &a x\nb: *a\n", "anchors"),
        ("title: !!python/object x\n", "tags"),
        ("? [complex]\n: key\n", "unhashable key"),
    ],
)
def test_libyaml_path_steps_aside_for_what_the_narrow_loader_refuses(
    front: str, refusal: str
) -> None:
    assert frontmatter._load_fast(front) is None
    with pytest.raises(Exception, match=refusal):
        frontmatter.load_mapping(front)


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
        "Entities &quot;named&quot;, &foo; unknown, &#0; and &#x41; and &#12345678; too long.",
        "A\xa0no-break space, an ideographic\u3000space, and 한국어.",
        "Wow! Not an image, and a ! alone.",
        "One.\n\n\nTwo after three line breaks.",
        "\u3000Leading ideographic space.",
        "Trailing space \nbefore a line break.",
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


# Pieces of text the fast path must render exactly as markdown-it and the sanitiser do, or
# leave to them: entities valid and not, escapes, spaces of every kind, block starts.
PIECES = [
    *("a", "Seoul", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\r\n"),
    *("&amp;", "&lt;", "&gt;", "&quot;", "&QUOT;", "&foo;", "&#8212;", "&#x41;", "&#13;"),
    *("&#0;", "&#12345678;", "&nbsp;", "&", "&#", ";", "x&copy"),
    *("\xa0", "\u3000", "\u2028", "\u0085", "\ufeff", "\ufffe", "é", "한", "\U0001f600"),
    *("\\*", "\\[", "\\\\", "\\!", "\\#", "\\-", "\\.", "\\>"),
    *("!", ">", "1.", "1)", "#", "-", "+", "=", ":", "~", "|", "^", '"', "'", "<", "*", "_"),
]


def test_generated_text_renders_the_same_or_falls_back() -> None:
    rng = random.Random(11)
    used = 0
    for _ in range(20000):
        body = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        plain = render_plain(body)
        if plain is not None:
            used += 1
            assert plain == slow_render(body), repr(body)
    assert used > 2000
