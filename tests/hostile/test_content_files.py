"""Files no reader should read, and pages that would take another URL: refused by name.

One content folder holds every case that stands on its own (an ``.html`` page with a
script, an ``.rst`` page with ``raw:: html``, ``.html``/``.rst``/``.markdown`` in
``articles/``, stray scripts, a registry file in a subfolder, pages with a
``template:``, a reserved or non-slug slug, an unknown field, two pages with one
slug), checked and built once. Links and pipes get a folder of their own; a clean
build shows every first URL segment of the site is one a page may not take.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG

from hostile_helpers import Verdict, assert_refused, build, content_with, verdicts
from newsarchive.site.pages import Reserved, site_settings

SCRIPT = "<script>window.__xss=1</script>"


def page(slug: str | None = None, extra: str = "", body: str = "A page.") -> str:
    slug_line = f"slug: {slug}\n" if slug is not None else ""
    return f"---\ntitle: A page\n{slug_line}{extra}---\n\n{body}\n"


ARTICLE = "---\ntitle: Notes\ndate: 2019-05-01\nslug: {slug}\n---\n\nTalks resumed.\n"
STRAY_PAGE = "expected only Markdown pages (.md) under content/pages; move or rename this file"
STRAY_ARTICLE = (
    "expected only Markdown articles (.md) under content/articles; move or rename this file"
)
OUTSIDE = (
    "expected only the folders articles/, pages/, entities/, tags/, sources/, synonyms/ in content; "
    "no reader reads this file, so move it out of the content folder"
)

FILES: dict[str, str] = {
    # Pelican's own readers would publish these unsanitised, linked from the menu
    "pages/evil.html": f"<html><head><title>Evil</title></head><body>{SCRIPT}</body></html>\n",
    "pages/evil-rst.rst": f"Evil\n====\n\n.. raw:: html\n\n   {SCRIPT}\n",
    "articles/2019/notes.html": f"<html><head><title>Notes</title></head><body>{SCRIPT}</body>",
    "articles/2019/notes-rst.rst": "Notes\n=====\n\n:date: 2019-05-01\n\nText.\n",
    # Python-Markdown's other extensions: read by nothing now, so refused
    "articles/2019/old-extension.markdown": ARTICLE.format(slug="old-extension"),
    # stray files anywhere
    "app.js": "window.__xss = 1;\n",
    "static/js/app.js": "window.__xss = 1;\n",
    "entities/notes.txt": "a note\n",
    "entities/people/kim-yo-jong.yaml": "name: Kim Yo Jong\ntype: person\ndescription: x\n",
    # ignored: dotfiles
    "articles/.gitkeep": "",
    "pages/.DS_Store": "\x00",
    # pages that would take another URL, or another template
    "pages/template.md": page("own-template", "template: entity\n"),
    "pages/entities.md": page("entities"),
    "pages/search-page.md": page("search"),
    "pages/feeds-page.md": page("feeds"),
    "pages/theme-page.md": page("theme"),
    "pages/year.md": page("2019"),
    "pages/over-article.md": page("2019/10/talks-resume"),
    "pages/Not_A_Slug.md": page(),
    "pages/save-as.md": page("save-as", "save_as: index.html\n"),
    "pages/twin-one.md": page("twins"),
    "pages/twin-two.md": page("twins"),
    # accepted: a slug from the file name, and a summary that is text
    "pages/credits.md": page(extra=f"summary: 'Credits {SCRIPT}'\n"),
}
REFUSED = {
    "content/pages/evil.html": STRAY_PAGE,
    "content/pages/evil-rst.rst": STRAY_PAGE,
    "content/articles/2019/notes.html": STRAY_ARTICLE,
    "content/articles/2019/notes-rst.rst": STRAY_ARTICLE,
    "content/articles/2019/old-extension.markdown": STRAY_ARTICLE,
    "content/app.js": OUTSIDE,
    "content/static/js/app.js": OUTSIDE,
    "content/entities/notes.txt": "expected only entity files (.yaml) under content/entities",
    "content/entities/people/kim-yo-jong.yaml": "directly in content/entities, not in a subfolder",
    "content/pages/template.md": "template: pages use the page template; remove this field",
    "content/pages/entities.md": "slug: 'entities' is a URL the site itself uses (entities/)",
    "content/pages/search-page.md": "slug: 'search' is a URL the site itself uses",
    "content/pages/feeds-page.md": "slug: 'feeds' is a URL the site itself uses",
    "content/pages/theme-page.md": "slug: 'theme' is a URL the site itself uses",
    "content/pages/year.md": "slug: '2019' would sit among the articles' URLs",
    "content/pages/over-article.md": "slug: '2019/10/talks-resume' is not a slug",
    "content/pages/Not_A_Slug.md": "the file name gives it; add a slug: field or rename the file",
    "content/pages/save-as.md": "save_as: unexpected field; a page takes only title, slug",
    "content/pages/twin-one.md": "slug: 'twins' is already used by content/pages/twin-two.md",
    "content/pages/twin-two.md": "slug: 'twins' is already used by content/pages/twin-one.md",
}


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Verdict, Verdict, Path]:
    root = tmp_path_factory.mktemp("content-files")
    content = content_with(root, FILES)
    checked, built = verdicts(content)
    return checked, built, root / "output"


@pytest.mark.parametrize("path", sorted(REFUSED))
def test_each_file_is_refused_by_name_by_check_and_build_alike(
    judged: tuple[Verdict, Verdict, Path], path: str
) -> None:
    checked, built, _ = judged
    assert_refused(checked, built, path, REFUSED[path])


def test_nothing_else_is_named_and_dotfiles_are_ignored(
    judged: tuple[Verdict, Verdict, Path],
) -> None:
    checked, built, _ = judged
    assert {path for path, _ in checked.problems} == set(REFUSED)
    assert {path for path, _ in built.problems} == set(REFUSED)


def test_no_refused_page_is_published_and_no_script_reaches_the_site(
    judged: tuple[Verdict, Verdict, Path],
) -> None:
    _, _, output = judged
    written = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    assert "credits/index.html" in written  # the page named after its file is built
    assert 'href="./credits/"' in (output / "index.html").read_text(encoding="utf-8")
    for path in written:
        assert not path.startswith(("evil", "notes", "twins", "own-template", "static/")), path
        assert not path.endswith((".js", ".rst")) or path.startswith("theme/"), path
    assert (output / "entities" / "index.html").read_text(encoding="utf-8").count("<h1") == 1
    for html in output.rglob("*.html"):
        assert "window.__xss" not in html.read_text(encoding="utf-8"), html


# --- links and pipes ---------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symbolic links and named pipes")
def test_links_and_pipes_are_refused_and_nothing_outside_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "diary.md").write_text(page("diary", body="A private diary."), encoding="utf-8")
    content = content_with(tmp_path, {})
    (content / "pages" / "linked.md").symlink_to(secret / "diary.md")
    (content / "articles" / "elsewhere").symlink_to(secret, target_is_directory=True)
    os.mkfifo(content / "articles" / "2019" / "pipe.md")
    checked, built = verdicts(content)  # a pipe read would never end: the test would hang
    link = (
        "is a symbolic link; expected a regular file in the content folder "
        "(a link could make the build read and publish any file on the machine)"
    )
    assert_refused(checked, built, "content/pages/linked.md", link)
    assert_refused(checked, built, "content/articles/elsewhere", link)
    assert_refused(
        checked,
        built,
        "content/articles/2019/pipe.md",
        "is not a regular file (a device, pipe or socket); expected a Markdown or YAML file",
    )
    output = tmp_path / "output"
    for html in output.rglob("*.html"):
        assert "private diary" not in html.read_text(encoding="utf-8"), html


# --- the reserved URLs are every URL the site uses ---------------------------------------


def test_every_first_url_segment_of_a_built_site_is_reserved_from_pages(tmp_path: Path) -> None:
    """If a plugin starts writing a new section, this names it: add it to PLUGIN_SECTIONS."""
    content = content_with(tmp_path, {"pages/credits.md": page("credits")})
    built = build(content)
    assert built.code == 0, built.text
    output = tmp_path / "output"
    reserved = Reserved.from_settings(site_settings(), DEFAULT_CONFIG)
    pages = {"about", "credits"}
    folders = {p.name for p in output.iterdir() if p.is_dir() and not p.name.startswith(".")}
    unreserved = {
        name for name in folders - pages if reserved.reason(name) is None and "." not in name
    }
    assert folders & {"entities", "tags", "search", "archives", "data", "theme", "2019"}
    assert unreserved == set()


def test_the_content_folder_is_walked_once_a_build(tmp_path: Path, monkeypatch) -> None:
    """The build's start asks twice (folders to stay out of, files to refuse): one walk.
    A new build walks again, so a file added between two builds is judged."""
    from newsarchive.content import contentfiles

    walks: list[Path] = []
    monkeypatch.setattr(contentfiles, "scan", lambda content: walks.append(content) or "found")

    class Build:
        pass

    first, second = Build(), Build()
    assert contentfiles.scan_for(first, tmp_path) == contentfiles.scan_for(first, tmp_path)
    assert contentfiles.scan_for(second, tmp_path) == "found"
    assert walks == [tmp_path, tmp_path]
