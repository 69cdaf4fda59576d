"""sitemap.xml, robots.txt, 404.html, the canonical/OpenGraph macro and stable empty feeds.

Through `invoke`, as a contributor builds; the same plugin in-process, with exact expected
output, is in tests/plugins/test_plugin_site_extras.py, and the site feed's repair in
tests/test_site_feeds.py.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from conftest import ROOT, run_invoke

SITEURL = "https://example.github.io/archive"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def small_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three shipped articles (one undated) with the shipped registries and pages."""
    folder = tmp_path_factory.mktemp("small") / "content"
    for kind in ("entities", "tags", "pages"):
        shutil.copytree(ROOT / "content" / kind, folder / kind)
    shipped = ROOT / "content" / "articles"
    picks = [*sorted(shipped.glob("2019/*.md"))[:2], sorted(shipped.glob("undated/*.md"))[0]]
    for path in picks:
        target = folder / "articles" / path.relative_to(shipped)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return folder


def build(content: Path, output: Path, task: str = "preview", extra: str = "", **env: str) -> Path:
    result = run_invoke(
        task,
        "--content",
        str(content),
        "--output",
        str(output),
        env={"PELICAN_EXTRA": f"--cache-path {output.parent / 'cache'} {extra}", **env},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def html_urls(output: Path) -> list[str]:
    urls = []
    for path in output.rglob("*.html"):
        rel = path.relative_to(output).as_posix()
        if rel != "404.html":
            urls.append(f"{SITEURL}/{rel.removesuffix('index.html')}")
    return sorted(urls)


def locations(path: Path, element: str) -> list[str]:
    root = ET.parse(path).getroot()
    return [loc.text for loc in root.iter(f"{NS}loc")] if root.tag == f"{NS}{element}" else []


def test_sitemap_lists_every_page_once_with_absolute_urls(
    small_content: Path, tmp_path: Path
) -> None:
    output = build(small_content, tmp_path / "out", SITEURL=SITEURL)
    listed = locations(output / "sitemap.xml", "urlset")
    assert listed == html_urls(output)
    assert f"{SITEURL}/" in listed
    assert f"{SITEURL}/404.html" not in listed
    assert not list(output.glob("sitemap-*.xml"))
    assert (output / "robots.txt").read_text() == (
        f"User-agent: *\nDisallow:\nSitemap: {SITEURL}/sitemap.xml\n"
    )


def test_sitemap_splits_into_parts_beyond_the_limit(small_content: Path, tmp_path: Path) -> None:
    output = build(
        small_content, tmp_path / "out", extra="-e SITE_EXTRAS_SITEMAP_MAX_URLS=3", SITEURL=SITEURL
    )
    urls = html_urls(output)
    parts = sorted(output.glob("sitemap-*.xml"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(parts) == -(-len(urls) // 3)
    assert locations(output / "sitemap.xml", "sitemapindex") == [
        f"{SITEURL}/{part.name}" for part in parts
    ]
    listed = [url for part in parts for url in locations(part, "urlset")]
    assert listed == urls
    assert all(len(locations(part, "urlset")) <= 3 for part in parts)


def test_development_build_has_no_sitemap_and_relative_404(
    small_content: Path, tmp_path: Path
) -> None:
    output = build(small_content, tmp_path / "out", task="build")
    assert not (output / "sitemap.xml").exists()
    assert (output / "robots.txt").read_text() == "User-agent: *\nDisallow:\n"
    page = (output / "404.html").read_text()
    assert 'href="./archives/"' in page
    assert "https://" not in page.split("<footer")[0]


def test_404_page_has_absolute_links_when_published(small_content: Path, tmp_path: Path) -> None:
    output = build(small_content, tmp_path / "out", SITEURL=SITEURL)
    page = (output / "404.html").read_text()
    assert "<h1>Page not found</h1>" in page
    assert '<meta name="robots" content="noindex">' in page
    for section in ("", "archives/", "entities/", "tags/"):
        assert f'href="{SITEURL}/{section}"' in page
    assert f'href="{SITEURL}/theme/css/archive.css"' in page


def test_a_feed_without_entries_is_dated_by_the_newest_article(
    small_content: Path, tmp_path: Path
) -> None:
    output = build(small_content, tmp_path / "out", SITEURL=SITEURL)
    feeds = {path: ET.parse(path).getroot() for path in (output / "entities").glob("*/atom.xml")}
    empty = [root for root in feeds.values() if not list(root.iter(f"{ATOM}entry"))]
    full = [root for root in feeds.values() if list(root.iter(f"{ATOM}entry"))]
    assert empty and full
    newest = max(root.find(f"{ATOM}updated").text for root in full)
    assert {root.find(f"{ATOM}updated").text for root in empty} == {newest}


def render_meta(**context: object) -> str:
    env = Environment(
        loader=FileSystemLoader(ROOT / "theme" / "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.from_string(
        '{% import "_meta.html" as m with context %}'
        '{{ m.meta(path, "Talks <resume>", "Kim & Moon \\"meet\\"", "article") }}'
    )
    return template.render(SITENAME="Archive", **context)


def test_meta_macro_writes_canonical_and_opengraph_with_absolute_urls() -> None:
    html = render_meta(SITE_EXTRAS_SITEURL=SITEURL, path="2019/10/talks/index.html")
    url = f"{SITEURL}/2019/10/talks/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Talks">' in html  # tags stripped
    assert '<meta property="og:description" content="Kim &amp; Moon &#34;meet&#34;">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:site_name" content="Archive">' in html
    home = render_meta(SITE_EXTRAS_SITEURL=SITEURL, path="")
    assert f'<link rel="canonical" href="{SITEURL}/">' in home


def test_meta_macro_writes_nothing_without_a_site_address() -> None:
    assert render_meta(SITE_EXTRAS_SITEURL="", path="tags/").strip() == ""
    assert render_meta(path="tags/").strip() == ""
