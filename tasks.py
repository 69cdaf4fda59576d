"""Archive tasks, in the shape `pelican-quickstart` generates, plus the archive's own.

`invoke --list` shows them all. Every build goes through `pelican_run`, so the
strict-build check and the plugins apply to the shipped archive, a test corpus
(`invoke build --content DIR --output DIR`) and the benchmarks alike.
"""

from __future__ import annotations

import datetime
import logging
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task
from pelican import get_instance, parse_arguments
from pelican import main as pelican_main
from pelican.log import init as init_logging
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

from newsarchive.content.printable import printable
from newsarchive.site.buildcheck import IncompleteBuild

HERE = Path(__file__).resolve().parent
SETTINGS_FILE_BASE = str(HERE / "pelican.conf.py")
SETTINGS_FILE_PUBLISH = str(HERE / "publish.conf.py")
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(SETTINGS_FILE_BASE)}

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": SETTINGS_FILE_PUBLISH,
    # Anchored to the project, so `invoke --search-root DIR ...` works from any directory.
    "content_path": str(HERE / SETTINGS["PATH"]),
    "deploy_path": str(HERE / SETTINGS["OUTPUT_PATH"]),
    "github_pages_branch": "gh-pages",
    "commit_message": f"Publish site on {datetime.date.today().isoformat()}",
    "host": "127.0.0.1",
    "port": 8000,
}


def _paths(content: str | None, output: str | None) -> str:
    content = content or CONFIG["content_path"]
    output = output or CONFIG["deploy_path"]
    return f"{shlex.quote(content)} -o {shlex.quote(output)}"


@task(help={"output": "output folder (default: output/)"})
def clean(c, output=None):
    """Remove the files the last build wrote; refuse a folder that holds any other file."""
    from newsarchive.site.outputguard import OutputFolderError, clean_output

    target = Path(output or CONFIG["deploy_path"])
    try:
        removed = clean_output(target, SETTINGS.get("OUTPUT_RETENTION") or ())
    except OutputFolderError as err:
        raise Exit(f"clean: {err}", code=1) from None
    print(f"{_shown(target)}: removed {removed} file(s) the last build wrote")


@task(
    help={
        "content": "content folder to build (default: content/)",
        "output": "output folder (default: output/)",
    }
)
def build(c, content=None, output=None):
    """Build the site with the development settings (strict: fails on any skipped article).

    Incremental: unchanged files are read from the content cache and unchanged pages kept
    (`invoke rebuild` for a build from scratch)."""
    ensure_assets(c)
    pelican_run(f"-s {shlex.quote(CONFIG['settings_base'])} {_paths(content, output)}")


@task(help={"content": "content folder to build", "output": "output folder"})
def rebuild(c, content=None, output=None):
    """Build the site from scratch: no page kept from the last build, no cached reading."""
    ensure_assets(c)
    pelican_run(f"-d --ignore-cache -s {shlex.quote(CONFIG['settings_base'])} {_paths(content, output)}")


@task(help={"content": "content folder to watch", "output": "output folder"})
def regenerate(c, content=None, output=None):
    """Rebuild the site whenever a content or theme file changes."""
    ensure_assets(c)
    pelican_run(f"-r -s {shlex.quote(CONFIG['settings_base'])} {_paths(content, output)}")


@task(
    help={
        "port": "port to listen on (default 8000)",
        "output": "folder to serve (default: output/)",
        "base": "path to serve the site under, as GitHub Pages serves a project page at "
        "/<repo>/, e.g. --base /archive/ (default: /)",
    }
)
def serve(c, port=None, output=None, base="/"):
    """Serve the built site as GitHub Pages would: its 404.html for any missing page."""
    from benchmarks.siteserver import make_server, site_address

    port = int(port or CONFIG["port"])
    root = output or CONFIG["deploy_path"]
    if not Path(root, "index.html").is_file():
        raise Exit(f"{root}: no built site to serve; run `invoke build` first", code=1)
    try:
        server = make_server(Path(root), base=base, host=CONFIG["host"], port=port, quiet=False)
    except OSError as err:
        raise Exit(
            f"serve: port {port}: {err.strerror}; choose another with --port", code=1
        ) from None
    print(f"Serving the archive at {site_address(server, base)} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        server.server_close()


SCREENSHOTS_FOLDER = HERE / "output-screenshots"
README_SCREENSHOTS = HERE / "docs" / "screenshots"


@task(
    help={
        "output": "folder for the PNGs (default: output-screenshots/, git-ignored)",
        "site": "a built site to shoot as it is (default: build output/ first)",
        "pages": "comma-separated page types (default: all): "
        "home, article, entity, entities, topic, topics, archives, year, month, undated, "
        "about, search, search-filters, 404",
        "readme": "also refresh the README's two pictures in docs/screenshots/",
    }
)
def screenshots(c, output=None, site=None, pages=None, readme=False):
    """Full-page PNGs of every page type at 390 and 1280 px wide, light and dark."""
    from benchmarks.browser import chromium_executable
    from benchmarks.screenshots import PAGE_NAMES, README_SHOTS

    names = [n.strip() for n in pages.split(",") if n.strip()] if pages else list(PAGE_NAMES)
    if unknown := [n for n in names if n not in PAGE_NAMES]:
        raise Exit(f"--pages: no page type {unknown[0]!r}; known: {', '.join(PAGE_NAMES)}", code=2)
    executable = chromium_executable()
    if executable is None:
        raise Exit("screenshots: Chromium not found (on Debian: apt-get install chromium)", code=1)
    if site is None:
        build(c)
    root = Path(site or CONFIG["deploy_path"])
    if not (root / "index.html").is_file():
        raise Exit(f"{_shown(root)}: no built site to shoot; run `invoke build` first", code=1)
    folder = Path(output) if output else SCREENSHOTS_FOLDER
    written, missing = _shoot_site(root, folder, names, executable)
    print(f"{len(written)} screenshot(s) in {_shown(folder)}/")
    if missing:
        print(f"the site has no page of type: {', '.join(missing)}")
    if readme:
        _refresh_readme_screenshots(folder, README_SHOTS)


def _shoot_site(
    root: Path, folder: Path, names: list[str], executable: str
) -> tuple[list[Path], list[str]]:
    """Serve the site under /archive/, as Pages would, and shoot it in one Chromium."""
    from benchmarks.browser import SUBPATH, launch_args
    from benchmarks.screenshots import Site, take_screenshots
    from benchmarks.siteserver import serving

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise Exit("screenshots: Playwright missing; pip install -e '.[test]'", code=1) from None
    with serving(root, base=SUBPATH) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=launch_args())
        try:
            return take_screenshots(browser, url, Site.load(root), folder, names)
        except LookupError as err:
            raise Exit(f"screenshots: {err}", code=1) from None
        finally:
            browser.close()


def _refresh_readme_screenshots(folder: Path, shots: tuple[str, ...]) -> None:
    """Copy the README's pictures from a fresh run: they show the design as it now is."""
    README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in shots:
        source = folder / f"{name}.png"
        if not source.is_file():
            raise Exit(f"--readme: {name}.png was not shot (see --pages)", code=1)
        shutil.copyfile(source, README_SCREENSHOTS / source.name)
        print(f"README picture: {_shown(README_SCREENSHOTS / source.name)}")


@task
def reserve(c, port=None):
    """Build the site, then serve it."""
    build(c)
    serve(c, port=port)


@task(help={"content": "content folder to build", "output": "output folder"})
def preview(c, content=None, output=None):
    """Build the site with the publishing settings (feeds, SITEURL from the environment)."""
    ensure_assets(c)
    pelican_run(f"-s {shlex.quote(CONFIG['settings_publish'])} {_paths(content, output)}")


@task
def livereload(c):
    """Rebuild on changes and serve at http://127.0.0.1:8000/ (regenerate + serve in one)."""
    ensure_assets(c)
    pelican_run(
        f"-r -l -b {CONFIG['host']} -p {CONFIG['port']} -s {shlex.quote(CONFIG['settings_base'])} {_paths(None, None)}"
    )


@task(
    name="gh-pages",
    help={
        "remote": "git remote to push the gh-pages branch to (default: origin)",
        "push": "push the branch after committing (default); --no-push only commits it locally",
        "output": "folder to build into and publish (default: output/)",
    },
)
def gh_pages(c, remote="origin", push=True, output=None):
    """Publish the site to the gh-pages branch with ghp-import (adds .nojekyll)."""
    output = output or CONFIG["deploy_path"]
    preview(c, output=output)
    # ghp-import works on the git repository of the current directory; `-n` adds .nojekyll
    # so GitHub Pages serves the files as built instead of running Jekyll over them.
    c.run(
        f"{shlex.quote(sys.executable)} -m ghp_import -n -b {CONFIG['github_pages_branch']} "
        f"-m {shlex.quote(CONFIG['commit_message'])} -r {shlex.quote(remote)} "
        f"{'-p ' if push else ''}{shlex.quote(output)}"
    )


@task(
    positional=[],  # `--help` must print help, not become a title
    help={
        "title": "the article's headline (required)",
        "date": "publication date as YYYY-MM-DD (default: today), or unknown",
        "slug": "the article's id and URL part (default: from the title)",
        "content": "content folder (default: content/)",
    },
)
def new(c, title=None, date=None, slug=None, content=None):
    """Start an article: content/articles/<year>/<slug>.md with valid front matter."""
    from newsarchive.content.scaffold import ScaffoldError, new_article

    if not title:
        raise Exit('new: --title is required, e.g. invoke new --title "Talks resume"', code=2)
    try:
        path = new_article(Path(content or CONFIG["content_path"]), title, date=date, slug=slug)
    except ScaffoldError as err:
        raise Exit(f"new: {err}", code=2) from None
    print(_shown(path))


@task(help={"content": "content folder to check (default: content/)"})
def check(c, content=None):
    """Check all content without building: schema, ids, duplicates, dates, file placement."""
    from newsarchive.site.check import check_content

    report = check_content(Path(content or CONFIG["content_path"]), defaults=DEFAULT_CONFIG)
    for line in report.lines(github=os.environ.get("GITHUB_ACTIONS") == "true"):
        print(line)
    print(report.summary())
    if report.problems:
        raise Exit(code=1)


def _shown(path: Path) -> str:
    """A path as a contributor typed it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _printable_lines(text: str) -> str:
    """Each line of a message with its control characters shown escaped (newsarchive.content.printable)."""
    return "\n".join(printable(line) for line in text.split("\n"))


_COLUMN_HELP = "column or JSON field holding {} (default: the first of {} a record has)"


@task(
    positional=[],  # `--help` must print help, not become a source
    auto_shortflags=False,  # thirteen options: long names only, none ambiguous
    help={
        "source": "a raw text file, a folder of them, or a corpus file (with --format); required",
        "dest": "where articles go, as DEST/<year>/<slug>.md (default: content/articles)",
        "format": "auto (default: csv or jsonl for a file named so, else raw text), raw, csv or jsonl",
        "digest": "auto (default), yes (split every input into briefs) or no (one article per input)",
        "force": "overwrite articles that differ from a fresh ingest (hand edits are lost)",
        "credit": "source to record when the text credits none, e.g. 'Rodong Sinmun'",
        "lang": "with a language column: keep only these languages, comma-separated (e.g. en)",
        "date_format": "how the date column writes dates: iso (default: YYYY-MM-DD, optionally "
        "with a time), epoch-s, epoch-ms, or a strftime pattern such as %d/%m/%Y",
        "text_column": _COLUMN_HELP.format("the article text", "text, story, body, content"),
        "title_column": _COLUMN_HELP.format("the headline", "title, headline"),
        "date_column": _COLUMN_HELP.format("the date", "date, published, pubdate"),
        "id_column": _COLUMN_HELP.format("a record id, kept as origin record", "id, doc_id, guid"),
        "url_column": _COLUMN_HELP.format("the original address", "url, link"),
        "section_column": _COLUMN_HELP.format("the section or topic", "section, topic, category"),
        "lang_column": _COLUMN_HELP.format("the language code", "lang, language"),
        "registry": "content folder with entities/ and tags/ (default: the one above dest)",
    },
)
def ingest(
    c,
    source=None,
    dest=None,
    format="auto",
    digest="auto",
    force=False,
    credit=None,
    lang=None,
    date_format="iso",
    text_column=None,
    title_column=None,
    date_column=None,
    id_column=None,
    url_column=None,
    section_column=None,
    lang_column=None,
    registry=None,
):
    """Turn raw news text or corpus records into Markdown articles with YAML front matter."""
    from newsarchive.content.registry import RegistryError
    from newsarchive.ingest.errors import IngestError
    from newsarchive.ingest.fields import date_format_error
    from newsarchive.ingest.ingester import Ingester
    from newsarchive.ingest.inputs import Columns, count_records, read_source
    from newsarchive.ingest.run import default_content_dir
    from newsarchive.ingest.run import ingest as run_ingest
    from newsarchive.ingest.store import Store

    if not source:
        raise Exit("ingest: --source is required (a file, a folder or a corpus)", code=2)
    digest_modes = {"auto": None, "yes": True, "no": False}
    if digest not in digest_modes:
        raise Exit(f"--digest: expected auto, yes or no, got {digest!r}", code=2)
    if (problem := date_format_error(date_format)) is not None:
        raise Exit(problem, code=2)
    source_path = Path(source)
    dest_path = Path(dest or Path(CONFIG["content_path"]) / "articles")
    columns = Columns(
        text=text_column,
        title=title_column,
        date=date_column,
        id=id_column,
        url=url_column,
        lang=lang_column,
        section=section_column,
    )
    try:
        ingester = Ingester.for_content(
            Path(registry) if registry else default_content_dir(dest_path),
            digest=digest_modes[digest],
            credit=credit,
            date_format=date_format,
        )
        store = Store.open(dest_path, force=force)
        summary = run_ingest(
            read_source(source_path, format, columns),
            ingester,
            store,
            languages={code.strip().lower() for code in lang.split(",")} if lang else None,
            total=count_records(source_path, format),
            shown=_shown,
        )
    except (IngestError, RegistryError) as err:
        raise Exit(_printable_lines(f"ingest: {err}"), code=2) from None
    for label, reason in summary.rejected:
        print(printable(f"{label}: {reason}"), file=sys.stderr)  # a line quoting input: escaped
    print(summary.line())
    for note in summary.notes():
        print(note)
    if summary.rejected:
        kinds = ", ".join(f"{kind} {n}" for kind, n in summary.rejects_by_reason().items())
        raise Exit(
            f"{len(summary.rejected)} input(s) rejected ({kinds}); the others were written", code=1
        )


# The shipped archive: these sources, from ../shared, ingested into content/articles.
SHIPPED_SOURCES = [
    {"source": "seeds"},
    {
        "source": "corpora/rodong_sinmun_en_sample.csv",
        "format": "csv",
        "id_column": "doc_id",
        "credit": "Rodong Sinmun",
    },
]


@task(
    name="ingest-shipped",
    help={
        "shared": "folder with seeds/ and corpora/ (default: ../shared beside the project)",
        "dest": "where articles go (default: content/articles)",
        "force": "overwrite articles that differ from a fresh ingest",
    },
)
def ingest_shipped(c, shared=None, dest=None, force=False):
    """Re-ingest the shipped archive's sources (the seeds and the Rodong Sinmun sample)."""
    root = Path(shared or HERE.parent / "shared")
    for options in SHIPPED_SOURCES:
        print(f"{options['source']}: ", end="", flush=True)
        ingest(c, **{**options, "source": str(root / options["source"])}, dest=dest, force=force)


@task(
    help={
        "only": "comma-separated benchmarks to run (default: all): ingest, search, scale",
        "shared": "folder with the corpora (default: ../shared beside the project)",
        "out": "JSON file for the figures (default: bench/results/latest.json)",
        "jobs": "worker processes for ingest (default: one per CPU)",
        "sizes": "scale: comma-separated synthetic corpus sizes (default 1000,5000,20000,100000; none for none)",
        "kcna": "scale: also the 20,305 English KCNA stories (default); --no-kcna leaves them out",
        "corpus": "ingest: a JSONL or CSV corpus to measure instead of the KCNA stories",
        "date_format": "ingest: how that corpus writes dates (see invoke ingest --help)",
    }
)
def bench(
    c,
    only=None,
    shared=None,
    out=None,
    jobs=None,
    sizes=None,
    kcna=True,
    corpus=None,
    date_format="iso",
):
    """Run the benchmarks; print a table and write the figures as JSON."""
    from benchmarks.measure import BenchError
    from benchmarks.report import report
    from benchmarks.run import BENCHMARKS
    from benchmarks.run import run as run_benchmarks

    names = [n.strip() for n in only.split(",")] if only else list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        raise Exit(f"unknown benchmark {unknown[0]!r}; known: {', '.join(BENCHMARKS)}", code=2)
    scale: dict = {"kcna": kcna}
    if sizes is not None:
        try:
            scale["sizes"] = tuple(
                int(s) for s in sizes.replace("_", "").split(",") if s.strip() not in ("", "none")
            )
        except ValueError:
            raise Exit(f"--sizes: expected numbers like 1000,5000, got {sizes!r}", code=2) from None
    out_path = Path(out or HERE / "bench" / "results" / "latest.json")
    try:
        results = run_benchmarks(
            names,
            Path(shared or HERE.parent / "shared"),
            HERE / "content",
            out_path,
            jobs=int(jobs) if jobs else None,
            options={"scale": scale, "ingest": {"corpus": corpus, "date_format": date_format}},
        )
    except (FileNotFoundError, BenchError) as err:
        raise Exit(f"bench: {err}", code=2) from None
    print(report(results))
    print(f"figures written to {out_path}")


TAGS_HELP = {
    "action": "report: per tag, articles tagged, how many rest on one weak hit, examples",
    "content": "content folder with tags/ and articles/ (default: content/)",
}


@task(positional=["action"], help=TAGS_HELP)
def tags(c, action, content=None):
    """Report how well the tag rules back the articles' tags.

    Usage: invoke tags report [--content DIR]. Per tag: articles tagged, how many
    rest on one weak hit, how many no rule matches, how many today's rules would
    tag, and an example of each (newsarchive/content/tagreport.py).
    """
    from newsarchive.content.registry import RegistryError
    from newsarchive.content.tagreport import format_report, tag_report

    if action in ("-h", "--help"):  # invoke hands a flag after the task to the positional
        from invoke import Collection, Program, Task

        shown = Task(tags.body, name="tags", positional=["action"], help=TAGS_HELP)
        Program(namespace=Collection(shown), binary="inv[oke]").run(["invoke", "--help", "tags"])
        return
    if action != "report":
        raise Exit(f"tags: unknown action {action!r}; the only action is: report", code=2)
    try:
        print(format_report(tag_report(Path(content or CONFIG["content_path"]))))
    except RegistryError as err:
        raise Exit(f"tags: {err}", code=2) from None


def pelican_run(cmd: str) -> None:
    """Run Pelican in this process; a failed or incomplete build exits non-zero."""
    argv = shlex.split(cmd) + shlex.split(os.environ.get("PELICAN_EXTRA", ""))
    args = parse_arguments(argv)
    if args.autoreload or args.listen:
        pelican_main(argv)
        return
    init_logging(level=args.verbosity, fatal=args.fatal, name="pelican")
    try:
        pelican, _settings = get_instance(args)  # plugins' `initialized` handlers run here
        pelican.run()
    except IncompleteBuild as err:
        raise Exit(f"Build failed: {err}", code=1) from None
    except Exception as err:  # a failure no stage reported: say what, not a traceback
        if args.verbosity == logging.DEBUG:
            raise
        reason = printable(f"{type(err).__name__}: {err}")
        raise Exit(f"Build failed: {reason} (PELICAN_EXTRA=--debug shows where)", code=1) from None


@task(
    positional=["action"],
    help={
        "action": "suggest: print entity files for frequent names the registry lacks",
        "content": "content folder with articles/ and entities/ (default: content/)",
        "min_count": "fewest articles a name must appear in (default 3)",
        "limit": "most suggestions to print, most frequent first (default 50; 0 for all)",
        "type": "only this type: person, organisation or place",
    },
)
def entities(c, action, content=None, min_count=3, limit=50, type=None):
    """Grow the entity registry: `invoke entities suggest` drafts files for unknown names."""
    import subprocess

    from newsarchive.content.entity_suggest import article_paths, render, suggest, tally_files
    from newsarchive.content.registry import ENTITY_TYPES, RegistryError, load_entities

    if action in ("-h", "--help"):
        # invoke gives a missing positional argument the next word, --help included, and
        # has used up the help texts by now: show what `invoke --help entities` shows.
        shown = subprocess.run(
            [sys.executable, "-m", "invoke", "--search-root", str(HERE), "--help", "entities"]
        )
        raise Exit(code=shown.returncode)
    if action != "suggest":
        raise Exit(f"entities: unknown action {action!r}; expected: suggest", code=2)
    if type is not None and type not in ENTITY_TYPES:
        raise Exit(f"--type: expected one of {', '.join(ENTITY_TYPES)}, got {type!r}", code=2)
    if min_count < 1 or limit < 0:
        raise Exit("--min-count must be at least 1 and --limit at least 0", code=2)
    folder = Path(content or CONFIG["content_path"])
    if not (folder / "articles").is_dir():
        raise Exit(f"entities: {_shown(folder / 'articles')}: no such folder of articles", code=2)
    try:
        registry = load_entities(folder)
    except RegistryError as err:
        raise Exit(f"entities: {err}", code=2) from None
    tally = tally_files(article_paths(folder))
    found = suggest(tally, registry, min_articles=min_count, limit=limit or None, kind=type)
    print(render(found, folder=_shown(folder / "entities")), end="")
    print(f"{len(found)} suggestion(s) from {tally.articles} article(s)", file=sys.stderr)


@task
def assets(c):
    """Install the browser assets and test tools of package-lock.json (npm ci) when missing or stale."""
    ensure_assets(c)


def ensure_assets(c) -> None:
    """Install the npm packages of package-lock.json when node_modules lacks them or is stale."""
    lock = HERE / "package-lock.json"
    installed = HERE / "node_modules" / ".package-lock.json"
    if installed.is_file() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    if shutil.which("npm") is None:
        raise Exit(
            "npm not found: install Node.js 20 (with npm) to fetch the browser assets", code=1
        )
    print("Installing browser assets from package-lock.json (npm ci)...", file=sys.stderr)
    with c.cd(str(HERE)):
        c.run("npm ci --no-audit --no-fund --loglevel=error", pty=False)
