"""Plain text stays the same words once Markdown renders it."""

from __future__ import annotations

from html import unescape

import markdown
import pytest

from newsarchive.ingest.markdown_text import to_markdown


@pytest.mark.parametrize(
    "text",
    [
        "# of casualties rose to 12.",
        "1. The first point of the agreement.",
        "- not a list, a dash.",
        "> not a quote",
        "Prices rose 5*3 times for some_thing.",
        "The tag <script>alert(1)</script> is text.",
        "AT&T and &amp; stay literal.",
        "[Editorial] Let us advance",
    ],
)
def test_rendered_text_reads_as_written(text: str) -> None:
    html = markdown.markdown(to_markdown([text]))
    assert html.startswith("<p>") and html.endswith("</p>")

    inner = unescape(html[3:-4])
    assert inner == text
    assert "<script>" not in html
