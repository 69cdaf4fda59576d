"""sitemap.xml and robots.txt from the files of an output folder (newsarchive.site.sitemap)."""

from __future__ import annotations

from pathlib import Path

from newsarchive.site.sitemap import page_urls, robots_txt, sitemap_files

BASE = "https://example.org/archive"


def test_every_html_file_is_listed_by_its_address_sorted(tmp_path: Path) -> None:
    for name in ("index.html", "tags/index.html", "404.html", "a/b.html", ".git/x.html", "x.xml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    assert page_urls(tmp_path, exclude=["404.html"]) == ["", "a/b.html", "tags/"]


def test_up_to_the_limit_one_file_beyond_it_numbered_parts_and_an_index() -> None:
    assert sitemap_files(BASE, ["", "tags/"], limit=2) == {
        "sitemap.xml": '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<url><loc>{BASE}/</loc></url>\n<url><loc>{BASE}/tags/</loc></url>\n</urlset>\n"
    }
    split = sitemap_files(BASE, ["", "tags/", "a&b/"], limit=2)
    assert list(split) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    assert f"<url><loc>{BASE}/a&amp;b/</loc></url>" in split["sitemap-2.xml"]
    assert split["sitemap.xml"].count("<sitemap><loc>") == 2


def test_robots_txt_names_the_sitemap_only_when_there_is_one() -> None:
    assert robots_txt(None) == "User-agent: *\nDisallow:\n"
    assert robots_txt(f"{BASE}/sitemap.xml") == (
        f"User-agent: *\nDisallow:\nSitemap: {BASE}/sitemap.xml\n"
    )
