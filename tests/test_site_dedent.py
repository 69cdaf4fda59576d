"""Pages are published without the templates' indentation, and nothing else changes."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import DictLoader, Environment

from newsarchive.site.dedent import Dedent

ROOT = Path(__file__).resolve().parents[1]


def render(template: str, **values: str) -> str:
    env = Environment(
        loader=DictLoader({"t": template}),
        extensions=[Dedent],
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    return env.get_template("t").render(**values)


def test_indentation_goes_and_line_breaks_stay() -> None:
    out = render("<footer>\n  <p>Texts remain theirs;\n    each names its provenance.</p>\n</footer>\n")
    assert out == "<footer>\n<p>Texts remain theirs;\neach names its provenance.</p>\n</footer>"


def test_what_a_template_inserts_keeps_its_spaces() -> None:
    body = "<pre>\n    def talks():\n        return 'Hanoi'\n</pre>"
    out = render("<main>\n  {% if body %}\n    {{ body }}\n  {% endif %}\n</main>\n", body=body)
    assert out == f"<main>\n{body}\n</main>"


def test_the_theme_has_no_whitespace_sensitive_markup_of_its_own() -> None:
    """Dedenting a template's <pre> or <textarea> would change what it shows."""
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert not re.search(r"<(pre|textarea)\b", source, re.I), template.name


def test_the_site_is_built_without_indentation(built_site: Path) -> None:
    page = next((built_site / "2019").rglob("index.html"))
    html = page.read_text(encoding="utf-8")
    assert '<main id="main"' in html
    assert not re.search(r"\n[ \t]+<", html), page
