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
    OwnTerms,
    SearchDoc,
    Synonyms,
    TermCache,
    entity_text,
    html_to_text,
    named,
    own_terms,
)
from newsarchive.search.shards import ordered, write_shards
from newsarchive.site import cachekey, urls, workers
from newsarchive.site.buildcheck import guarded, print_failure

from .settings import ArchiveSearchSettings


def own_document(article: Any, archive: Any) -> SearchDoc:
    """An article's search document without its entities' names (``documents.own_terms``)."""
    tags = [archive.tags[i] for i in article.tag_ids if i in archive.tags]
    record = article.record
    return SearchDoc(
        title=record["title"],
        url=article.url,
        date="" if article.archive_date is None else article.archive_date.isoformat(),
        source=record.get("source", ""),
        entity_ids=[],
        tag_ids=[t.id for t in tags],
        summary=record.get("summary", ""),
        body=html_to_text(article._content),
        entity_text="",
        tag_text=entity_text(t.name for t in tags),
    )


def entity_names(article: Any, archive: Any) -> tuple[list[str], str]:
    """The ids of the article's entities the registry has, and their names and aliases."""
    entities = [archive.entities[i] for i in article.entity_ids if i in archive.entities]
    return [e.id for e in entities], entity_text(name for e in entities for name in e.names)


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
            made, processes = self._documents(archive, synonyms, terms, names, tags)
            docs = ordered(made)
            folder.mkdir(parents=True, exist_ok=True)
            single = ArchiveSearchSettings.of(self.settings).single_docs
            files = write_shards(folder, docs, names, tags, single, processes)
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
    ) -> tuple[list[SearchDoc], int]:
        """Every article's search document with its terms, unchanged ones from the index
        cache (``newsarchive.search.doccache``), which then holds this build's; and how many
        processes the rest of the index may use."""
        settings = self.settings
        folder = Path(settings["CACHE_PATH"])
        code = cachekey.code_dirs(settings.get("PLUGIN_PATHS", []))
        key = doccache.inputs(code, tags, synonyms.groups)
        loading, saving = settings.get("LOAD_CONTENT_CACHE"), settings.get("CACHE_CONTENT")
        cached = doccache.load(folder, key) if loading else {}
        articles = archive.model.articles
        keys = [
            doccache.doc_key(a.source_digest, a.url) if getattr(a, "source_digest", None) else None
            for a in articles
        ]
        named_by = [
            doccache.names_key((i, *names[i]) for i in a.entity_ids if i in names) for a in articles
        ]
        missing = [
            n
            for n, k in enumerate(keys)
            if k is None or k not in cached or cached[k].names_key != named_by[n]
        ]

        def make(n: int) -> tuple[SearchDoc, OwnTerms | None]:
            """The document, and its own terms when new (a worker sends back no more)."""
            kept = cached.get(keys[n]) if keys[n] is not None else None
            own = kept.own if kept is not None else None
            if own is None:
                own = own_terms(own_document(articles[n], archive), synonyms, terms)
            doc = named(own, *entity_names(articles[n], archive), synonyms, terms)
            return doc, None if kept is not None else own

        # When the cache had entries (an incremental build), the index ends the build, and the
        # pages, mostly kept, leave a core waiting: many documents to make (an alias edit of
        # an entity thousands of articles name) and the terms' entries are made on every
        # core. A cold build's pages keep every core busy.
        options = ArchiveSearchSettings.of(settings)
        count = workers.processes(options.processes) if cached else 1
        answers = workers.each_maybe_forked(make, missing, count, options.min_jobs)
        made = dict(zip(missing, answers, strict=True))
        now: dict[str, doccache.Kept] = {}
        docs = []
        for n, k in enumerate(keys):
            if n in made:
                doc, own = made[n]
                if k is not None:
                    now[k] = doccache.Kept(named_by[n], doc, own or cached[k].own)
            else:  # kept as it was (an article without a key is always made)
                now[k] = cached[k]  # type: ignore[index]
                doc = now[k].doc  # type: ignore[index]
            docs.append(doc)
        # Saved unless they would be written as they were read (nothing new, nothing gone).
        if saving and (made or now.keys() != cached.keys()):
            doccache.save(folder, key, now, since=cached)
        return docs, count


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
