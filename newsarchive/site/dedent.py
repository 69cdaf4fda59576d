"""Templates written indented, pages published without the indentation.

The theme's templates are indented for whoever edits them; Jinja copies that
indentation into every page, about 300 bytes of each article page, and an archive is
mostly article pages. ``Dedent`` removes the spaces and tabs that start each line of a
template's source before Jinja parses it. The newline before them stays, so text that
ran across two lines still reads with a space between. What a template inserts (an
article's body, a summary) is never touched, so a ``<pre>`` in a body keeps its
layout; the theme's own templates have no ``<pre>`` or ``<textarea>``
(``tests/test_site_dedent.py`` checks).
"""

from __future__ import annotations

import re

from jinja2.ext import Extension

_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def dedent(source: str) -> str:
    return _INDENT.sub("", source)


class Dedent(Extension):
    """A Jinja extension (``JINJA_ENVIRONMENT["extensions"]``) applying ``dedent``."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return dedent(source)


__all__ = ["Dedent", "dedent"]
