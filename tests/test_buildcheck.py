"""The build's own proofs: nothing skipped, nothing unreachable, no link that escapes the sub-path."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from newsarchive.site.buildcheck import unreachable


def write(root: Path, page: str, links: list[str]) -> None:
    path = root / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f'<a href="{href}">x</a>' for href in links), encoding="utf-8")


def test_unreachable_finds_articles_no_listing_links_to(tmp_path: Path) -> None:
    write(tmp_path, "index.html", ["archives/", "https://example.org/"])
    write(tmp_path, "archives/index.html", ["../2019/01/a/", "2019/"])
    write(tmp_path, "archives/2019/index.html", ["../../2019/02/b/#top"])
    write(tmp_path, "2019/01/a/index.html", ["../../03/c/"])  # articles are not followed
    write(tmp_path, "2019/02/b/index.html", [])
    write(tmp_path, "2019/03/c/index.html", [])
    targets = ["2019/01/a/index.html", "2019/02/b/index.html", "2019/03/c/index.html"]
    assert unreachable(tmp_path, targets) == ["2019/03/c/index.html"]


class _RootAbsolute(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value and value.startswith("/") and not value.startswith("//"):
                self.found.append(f"<{tag} {name}={value}>")


def test_no_root_absolute_links_anywhere_in_the_built_site(built_site: Path) -> None:
    offenders = []
    for page in built_site.rglob("*.html"):
        parser = _RootAbsolute()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_site)}: {f}" for f in parser.found]
    assert offenders == []
