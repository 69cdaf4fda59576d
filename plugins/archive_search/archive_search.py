"""The archive_search plugin's generator (the rules are in the package docstring)."""

from __future__ import annotations

import atexit
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator
from pelican.writers import Writer

from newsarchive.content.registry import load_synonyms
from newsarchive.search import doccache
from newsarchive.search.documents import (
    SearchDoc,
    Synonyms,
    TermCache,
    entity_text,
    html_to_text,
    with_terms,
)
from newsarchive.search.shards import ordered, write_shards
from newsarchive.site import cachekey, urls, workers
from newsarchive.site.buildcheck import guarded, print_failure
from newsarchive.site.memo import each_kept_forked

from .settings import ArchiveSearchSettings


def search_doc(article: Any, archive: Any, synonyms: Synonyms | None = None) -> SearchDoc:
    entities = [archive.entities[i] for i in article.entity_ids if i in archive.entities]
    tags = [archive.tags[i] for i in article.tag_ids if i in archive.tags]
    record = article.record
    body = html_to_text(article._content)
    names = entity_text(name for e in entities for name in e.names)
    summary = record.get("summary", "")
    extra = "" if synonyms is None else synonyms.extra(record["title"], summary, names, body)
    return SearchDoc(
        title=record["title"],
        url=article.url,
        date="" if article.archive_date is None else article.archive_date.isoformat(),
        source=record.get("source", ""),
        entity_ids=[e.id for e in entities],
        tag_ids=[t.id for t in tags],
        summary=summary,
        body=body,
        entity_text=names,
        tag_text=entity_text(t.name for t in tags),
        synonyms=extra,
    )


class _IndexRun:
    """The build's search generator, and the child writing its index (at most one)."""

    def __init__(self) -> None:
        self.generator: ArchiveSearchGenerator | None = None
        self.children: list[int] = []


_run = _IndexRun()


class ArchiveSearchGenerator(Generator):
    @guarded("setting up the search page")
    def generate_context(self) -> None:
        self.enabled = ArchiveSearchSettings.of(self.settings).enabled
        self.started = False
        _run.generator = self

    def start(self) -> None:
        """Write the index and its page in a child of its own, now: every article is read and
        the archive's listings are made, and the index needs nothing the pages write, so it
        is built while the pages are keyed and rendered (``finish_index`` waits for it)."""
        if not self.enabled or not workers.can_fork():
            return
        job = self._job(Writer(self.output_path, settings=self.settings))
        _run.children.append(workers.start_forked(job, _index_failure))
        self.started = True

    @guarded("writing the search page")
    def generate_output(self, writer: Any) -> None:
        if not self.enabled:  # an index kept from the last build goes with it
            shutil.rmtree(Path(self.output_path) / urls.search(), ignore_errors=True)
        elif not self.started:  # no fork on this platform: in order
            self._job(writer)()

    def _job(self, writer: Writer) -> Callable[[], None]:
        """Write the index, then the search page, which carries its manifest."""
        archive = self.context["archive"]
        lists = load_synonyms(self.settings["PATH"]).values()
        terms = TermCache()  # one tokenizing of each chunk, for the synonyms and the index
        groups = (group for synonym_list in lists for group in synonym_list.groups)
        synonyms = Synonyms(groups, terms)
        folder = Path(self.output_path) / urls.search()

        @guarded("writing the search index")
        def write_index_and_page() -> None:
            names = {i: e.names for i, e in archive.entities.items()}
            tags = {i: t.name for i, t in archive.tags.items()}
            docs = ordered(self._documents(archive, synonyms, terms, names, tags))
            folder.mkdir(parents=True, exist_ok=True)
            single = ArchiveSearchSettings.of(self.settings).single_docs
            files = write_shards(folder, docs, names, tags, single)
            # The page carries the manifest it was built with: the worker saves a round trip.
            # Written by Pelican's own Writer.write_file: never queued in parallel_writer.
            Writer.write_file(
                writer,
                urls.save_as(urls.search()),
                self.get_template("search"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=urls.search(),
                page_name="search",
                search_manifest=inline_json(files["manifest.json"]),
            )

        return write_index_and_page

    def _documents(
        self, archive: Any, synonyms: Synonyms, terms: TermCache, names: dict, tags: dict
    ) -> list[SearchDoc]:
        """Every article's search document with its terms, unchanged ones from the index
        cache (``newsarchive.search.doccache``), which then holds this build's."""
        settings = self.settings
        folder = Path(settings["CACHE_PATH"])
        code = cachekey.code_dirs(settings.get("PLUGIN_PATHS", []))
        key = doccache.inputs(code, tags, synonyms.groups)
        cached = doccache.load(folder, key) if settings.get("LOAD_CONTENT_CACHE") else {}

        def doc_key(article: Any) -> str | None:
            digest = getattr(article, "source_digest", None)
            if not digest:
                return None
            own = (names[i] for i in article.entity_ids if i in names)
            return doccache.doc_key(digest, article.url, own)

        def make(n: int) -> SearchDoc:
            return with_terms(search_doc(articles[n], archive, synonyms), terms)

        # Many documents to make (a cold build, an alias of an entity thousands of articles
        # name) are made on every core: the index ends such a build, begun once the pages
        # are mostly rendered, so a core would wait.
        articles = archive.model.articles
        options = ArchiveSearchSettings.of(settings)
        docs, kept = each_kept_forked(
            cached,
            [doc_key(a) for a in articles],
            make,
            workers.processes(options.processes),
            options.min_jobs,
        )
        # Saved unless it would be written as it was read (nothing new, nothing gone).
        if settings.get("CACHE_CONTENT") and kept.keys() != cached.keys():
            doccache.save(folder, key, kept)
        return docs


def inline_json(text: str) -> Markup:
    """JSON safe inside a <script> element: no "</script" or "<!--" can end or hide it."""
    return Markup(text.replace("<", "\\u003c"))


def check_settings(pelican: Any) -> None:
    ArchiveSearchSettings.of(pelican.settings)


def start_index(generators: Any) -> None:
    """Once every generator has its context: the archive is complete, no page is keyed yet
    (archive_pages stamps the articles for their keys next, at ``get_writer``)."""
    if _run.generator is not None:
        _run.generator.start()


def _index_failure(error: BaseException) -> None:
    print_failure("writing the search index", error)


@guarded("writing the search index")
def finish_index(pelican: Any) -> None:
    """Wait for the index's child; its failure (printed by it) fails the build."""
    children, _run.children, _run.generator = _run.children, [], None
    if workers.wait_forked(children):
        raise RuntimeError("the process writing it failed (its error is printed above)")


def _wait_at_exit() -> None:
    """A build that failed before ``finish_index`` still leaves no child behind."""
    workers.wait_forked(_run.children)


atexit.register(_wait_at_exit)


def get_generators(pelican: Any) -> type[Generator]:
    return ArchiveSearchGenerator
