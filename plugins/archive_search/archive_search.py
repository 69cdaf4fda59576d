"""The archive_search plugin's generator (the rules are in the package docstring)."""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator
from pelican.writers import Writer

from newsarchive.content.registry import load_synonyms
from newsarchive.search import doccache, entrycache, preparedcache
from newsarchive.search.documents import (
    OwnTerms,
    SearchDoc,
    Synonyms,
    TermCache,
    entity_text,
    html_to_text,
    named,
    own_terms,
    sharing,
)
from newsarchive.search.shards import PreparedPostings, ordered, write_shards
from newsarchive.site import cachekey, urls, workers
from newsarchive.site.buildcheck import guarded, print_failure
from newsarchive.site.memo import KeptMap

from .settings import ArchiveSearchSettings

logger = logging.getLogger(__name__)


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


# An incremental build hands the index's child at most this many articles the index cache
# has no terms of (edited or new ones, made here before the handoff); beyond that (a cold
# build, another version of the code) the child is let go and one forked at the handoff
# makes them, on every core.
PRELOAD_MOST_NEW = 1000
# When more than this share of the cached documents are made again, the index's child lets
# go of their preparation and gathers the index as a cold build does.
REPREPARED_SHARE = 4
# How much the index's workers in an incremental build yield the cores (``os.nice``): the
# pages' own process, beside them, keeps its core, and the workers take both once it
# waits for the index. Paired builds (whole-process times, in turn): an addition and a deletion of the KCNA
# stories took 0.95 of the time with workers at full priority (5 pairs), an edit of the
# synthetic articles, whose index ends the build, 0.99 (4 pairs). One process for the
# index instead: 0.94 and 1.07.
WORKERS_NICE = 10


@dataclass
class _Preload:
    """The index's child started with the build, and this process's end of its pipe."""

    pid: int
    conn: Connection


class _IndexRun:
    """The build's search generator, and the child writing its index (at most one)."""

    def __init__(self) -> None:
        self.generator: ArchiveSearchGenerator | None = None
        self.children: list[int] = []
        self.preload: _Preload | None = None

    def take_preload(self) -> _Preload | None:
        """The preloading child, no longer this run's: its pid joins ``children``, to be
        waited for, and the caller hands it the articles or closes its pipe, which ends it."""
        preload, self.preload = self.preload, None
        if preload is not None:
            self.children.append(preload.pid)
        return preload

    def let_go_of_preload(self) -> None:
        preload = self.take_preload()
        if preload is not None:
            preload.conn.close()

    def reset(self) -> None:
        """No child left from a build that failed before its index was written."""
        self.let_go_of_preload()
        workers.wait_forked(self.children)
        self.children = []


_run = _IndexRun()


@dataclass(frozen=True)
class _Articles:
    """What the index needs of the archive's articles, in its order, by number: the keys
    of their index cache entries, of their entities' names, their own documents and their
    entities' names (``own_of`` and ``names_of``, asked only for the articles the cache
    cannot serve)."""

    keys: list[str | None]
    named_by: list[str]
    own_of: Callable[[int], SearchDoc]
    names_of: Callable[[int], tuple[list[str], str]]

    @classmethod
    def of(cls, archive: Any, names: Mapping[str, Sequence[str]]) -> _Articles:
        articles = archive.model.articles
        keys = [
            doccache.doc_key(a.source_digest, a.url) if getattr(a, "source_digest", None) else None
            for a in articles
        ]
        by_ids: dict[tuple[str, ...], str] = {}  # many articles name the same entities
        keys_of = doccache.NamesKeys(names)

        def named(ids: tuple[str, ...]) -> str:
            if ids not in by_ids:
                by_ids[ids] = keys_of.of(ids)
            return by_ids[ids]

        named_by = [named(tuple(a.entity_ids)) for a in articles]
        return cls(
            keys,
            named_by,
            lambda n: own_document(articles[n], archive),
            lambda n: entity_names(articles[n], archive),
        )

    def missing(self, cached: Mapping[str, doccache.Kept]) -> tuple[list[int], list[int]]:
        """The articles whose entries the cache lacks, and those of them it has no own terms
        of either (``make``)."""
        missing, new = [], []
        for n, k in enumerate(self.keys):
            kept = cached.get(k) if k is not None else None
            if kept is None or kept.names_key != self.named_by[n]:
                missing.append(n)
                if kept is None:
                    new.append(n)
        return missing, new


class _Index:
    """Writing the index: the index cache read, the documents made, the shards written.
    Its preloading child is started before the generators exist (``get_generators``), so
    this holds only what that needs: the settings and the output folder."""

    def __init__(self, settings: dict[str, Any], output_path: str) -> None:
        self.settings = settings
        self.output_path = output_path

    def can_preload(self) -> bool:
        """An index cache to read, a search to build, and a way to fork."""
        settings = self.settings
        return (
            bool(settings.get("LOAD_CONTENT_CACHE"))
            and ArchiveSearchSettings.of(settings).enabled
            and workers.can_fork()
            and (Path(settings["CACHE_PATH"]) / doccache.FILE).is_file()
        )

    def start_preload(self) -> _Preload:
        """Fork the index's child now, as the build starts: it reads the index cache and
        prepares its documents' postings (``shards.PreparedPostings``; two to three
        seconds' work at 20,000 articles) on the core the reading of the articles leaves
        idle, and waits for the articles (``start``)."""
        ours, theirs = multiprocessing.Pipe()

        def job() -> None:
            ours.close()
            with theirs:
                self._serve_preloaded(theirs)

        pid = workers.start_forked(job, _index_failure)
        theirs.close()
        return _Preload(pid, ours)

    @guarded("writing the search index")
    def _serve_preloaded(self, conn: Connection) -> None:
        """In the preloading child: read the index cache and prepare its postings, then,
        once handed the articles, say which of them it cannot serve, and write the index
        when handed those."""
        synonyms, terms = self.synonyms()
        folder = Path(self.settings["CACHE_PATH"])
        stored_key, cached = doccache.load_any(folder)
        # the unchanged ones are gathered, not read again; their preparation is kept too
        caching = bool(self.settings.get("CACHE_CONTENT"))
        prepared = preparedcache.prepare(folder, stored_key, cached, caching)
        try:
            tags, keys, named_by = conn.recv()
            key = self.cache_key(tags, synonyms)
            if key != stored_key:
                conn.send(None)
                return
            partial = _Articles(keys, named_by, _unknown, _unknown)
            missing, new = partial.missing(cached)
            if len(missing) * REPREPARED_SHARE > len(cached):
                # Most documents are made again (an alias edit of an entity most articles
                # name): their preparation serves little, and is let go of now (its arrays
                # and the documents it holds), before the new ones are made.
                prepared = None
            conn.send((missing, new))
            handed = conn.recv()
        except EOFError:  # the build ended (failed) before its index: nothing to write
            return
        if handed is not None:
            owns, rows, names = handed
            articles = replace(partial, own_of=owns.__getitem__, names_of=rows.__getitem__)
            entries = entrycache.later(folder, key)
            self.write_index(articles, cached, key, synonyms, terms, names, tags, prepared, entries)

    def index_job(self, archive: Any) -> Callable[[], None]:
        """Writing the index of the archive's articles, the index cache read by the job
        itself: in a child forked at the handoff, or in order where there is no fork."""
        synonyms, terms = self.synonyms()
        folder = Path(self.settings["CACHE_PATH"])

        @guarded("writing the search index")
        def job() -> None:
            names, tags = _names(archive)
            key = self.cache_key(tags, synonyms)
            load = bool(self.settings.get("LOAD_CONTENT_CACHE"))
            cached = doccache.load(folder, key) if load else {}
            entries = entrycache.later(folder, key) if load else None
            articles = _Articles.of(archive, names)
            self.write_index(articles, cached, key, synonyms, terms, names, tags, entries=entries)

        return job

    def synonyms(self) -> tuple[Synonyms, TermCache]:
        """The synonym groups, with the cache of terms that serves them and the index (one
        tokenizing of each chunk)."""
        lists = load_synonyms(self.settings["PATH"]).values()
        terms = TermCache()
        groups = (group for synonym_list in lists for group in synonym_list.groups)
        return Synonyms(groups, terms), terms

    def cache_key(self, tags: Mapping[str, str], synonyms: Synonyms) -> str:
        code = cachekey.code_dirs(self.settings.get("PLUGIN_PATHS", []))
        return doccache.inputs(code, tags, synonyms.groups)

    def write_index(
        self,
        articles: _Articles,
        cached: Mapping[str, doccache.Kept],
        key: str,
        synonyms: Synonyms,
        terms: TermCache,
        names: dict[str, Sequence[str]],
        tags: dict[str, str],
        prepared: PreparedPostings | None = None,
        entries: entrycache.KeptEntries | None = None,
    ) -> None:
        """Every article's search document with its terms, unchanged ones from the index
        cache (``newsarchive.search.doccache``), which then holds this build's; then the
        index, with the terms' entries kept from the last build where they are the same
        (``newsarchive.search.entrycache``), which then holds this build's."""
        settings = self.settings
        options = ArchiveSearchSettings.of(settings)
        missing, _new = articles.missing(cached)

        def make(n: int) -> tuple[SearchDoc, OwnTerms | None]:
            """The document, and its own terms when new (a worker sends back no more)."""
            k = articles.keys[n]
            kept = cached.get(k) if k is not None else None
            own = kept.own if kept is not None else None
            if own is None:
                own = own_terms(articles.own_of(n), synonyms, terms)
            doc = named(own, *articles.names_of(n), synonyms, terms)
            return doc, None if kept is not None else own

        # When the cache had entries (an incremental build), the index runs beside the pages'
        # own process, which mostly keys kept pages: many documents to make (an alias edit of
        # an entity thousands of articles name) and the terms' entries are made on every
        # core, by workers that yield the cores to the pages' process (``WORKERS_NICE``) and
        # take them once it waits for the index. A cold build's pages keep every core busy.
        count = workers.processes(options.processes) if cached else 1
        answers = workers.each_maybe_forked(make, missing, count, options.min_jobs, WORKERS_NICE)
        made = dict(zip(missing, answers, strict=True))
        del answers
        remade = bool(made)
        now: dict[str, doccache.Kept] = {}
        docs = []
        for n, k in enumerate(articles.keys):
            if n in made:
                doc, own = made.pop(n)  # a copy ``sharing`` replaces goes at once
                if k is not None:
                    own = own or cached[k].own
                    doc = sharing(doc, own)  # one copy of each field, in memory and cache
                    now[k] = doccache.Kept(articles.named_by[n], doc, own)
            else:  # kept as it was (an article without a key is always made)
                now[k] = cached[k]  # type: ignore[index]
                doc = now[k].doc  # type: ignore[index]
            docs.append(doc)
        # Saved unless they would be written as they were read (nothing new, nothing gone).
        if settings.get("CACHE_CONTENT") and (remade or now.keys() != cached.keys()):
            doccache.save(Path(settings["CACHE_PATH"]), key, now, since=cached)
        # Only the documents serve from here on: the entries (each document's own terms too)
        # are let go of before the index is weighed, and the cache as read with them.
        del now
        if isinstance(cached, KeptMap):  # after an alias edit, most documents are replaced
            cached.release()
        folder = Path(self.output_path) / urls.search()
        folder.mkdir(parents=True, exist_ok=True)
        # Signed and mapped only when there are kept entries to use or this build's to keep
        # (a build without a cache, as Pages publishes, does neither).
        caching = bool(settings.get("CACHE_CONTENT"))
        kept = entries  # None: no file of kept entries
        if kept is None and caching:
            kept = entrycache.KeptEntries()
        in_order = ordered(docs)
        if caching and prepared is None:  # prepared in index order, kept for the next build
            prepared = PreparedPostings()
            prepared.add(in_order)
            key_of = {id(doc): k for doc, k in zip(docs, articles.keys, strict=True)}
            keys = [key_of[id(doc)] for doc in in_order]
            preparedcache.keep_prepared(Path(settings["CACHE_PATH"]), key, prepared, keys)
        del docs
        write_shards(
            folder,
            in_order,
            names,
            tags,
            options.single_docs,
            count,
            prepared,
            WORKERS_NICE,
            kept,
        )
        if caching and kept is not None:
            entrycache.save(Path(settings["CACHE_PATH"]), key, kept)


class ArchiveSearchGenerator(Generator):
    @guarded("setting up the search page")
    def generate_context(self) -> None:
        self.enabled = ArchiveSearchSettings.of(self.settings).enabled
        self.started = False
        self.index = _Index(self.settings, self.output_path)
        _run.generator = self

    def start(self) -> None:
        """Write the index in a child of its own, now: every article is read and the
        archive's listings are made, and the index needs nothing the pages write, so it is
        built while the pages are keyed and rendered (``finish_index`` waits for it, then
        writes the search page). The child preloaded as the build started is handed the
        articles when it can serve them; otherwise one is forked now."""
        if not self.enabled or not workers.can_fork():
            _run.let_go_of_preload()
            return
        self.started = True
        archive = self.context["archive"]
        if not self._hand_over(archive):
            _run.children.append(
                workers.start_forked(self.index.index_job(archive), _index_failure)
            )

    def _hand_over(self, archive: Any) -> bool:
        """Hand the preloading child the articles; whether it writes the index."""
        preload = _run.take_preload()
        if preload is None:
            return False
        with preload.conn as conn:
            names, tags = _names(archive)
            articles = _Articles.of(archive, names)
            try:
                conn.send((tags, articles.keys, articles.named_by))
                needs = conn.recv()
                if needs is None or len(needs[1]) > PRELOAD_MOST_NEW:
                    logger.debug("search index: the preloaded index cache cannot serve")
                    return False
                missing, new = needs
                owns = {n: articles.own_of(n) for n in new}
                rows = {n: articles.names_of(n) for n in missing}
                conn.send((owns, rows, names))
            except (EOFError, OSError):  # the child failed: it said why, and fails the build
                return True
        logger.debug(
            "search index: %d of %d documents from the preloaded index cache",
            len(articles.keys) - len(missing),
            len(articles.keys),
        )
        return True

    @guarded("writing the search page")
    def generate_output(self, writer: Any) -> None:
        if not self.enabled:  # an index kept from the last build goes with it
            shutil.rmtree(Path(self.output_path) / urls.search(), ignore_errors=True)
        elif not self.started:  # no fork on this platform: in order
            self.index.index_job(self.context["archive"])()
            self.write_page(writer)

    def write_page(self, writer: Writer) -> None:
        """The search page, which carries the manifest of the index written (the worker
        saves a round trip). Written by Pelican's own ``Writer.write_file``: never queued in
        parallel_writer."""
        manifest = (Path(self.output_path) / urls.search() / "manifest.json").read_text("utf-8")
        Writer.write_file(
            writer,
            urls.save_as(urls.search()),
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=urls.search(),
            page_name="search",
            search_manifest=inline_json(manifest),
        )


def _names(archive: Any) -> tuple[dict[str, Sequence[str]], dict[str, str]]:
    """The entities' names and aliases, and the topics' names, by id."""
    names = {i: e.names for i, e in archive.entities.items()}
    return names, {i: t.name for i, t in archive.tags.items()}


def _unknown(n: int) -> Any:
    raise LookupError(f"article {n} was not handed to the index's child")


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
    generator = _run.generator
    _run.let_go_of_preload()
    children, _run.children, _run.generator = _run.children, [], None
    if workers.wait_forked(children):
        raise RuntimeError("the process writing it failed (its error is printed above)")
    if generator is not None and generator.started:
        generator.write_page(Writer(generator.output_path, settings=generator.settings))


def _wait_at_exit() -> None:
    """A build that failed before ``finish_index`` still leaves no child behind."""
    _run.let_go_of_preload()
    workers.wait_forked(_run.children)


atexit.register(_wait_at_exit)


def get_generators(pelican: Any) -> type[Generator]:
    """The search generator; and, before any generator reads the content cache, the index's
    child forked when it can preload: the child holds what the build held then, not the
    articles (at 100,000 articles, forked once Pelican had loaded its cache, its memory
    counted 1.5 GB of the build's besides its own)."""
    _run.reset()
    index = _Index(pelican.settings, pelican.output_path)
    if index.can_preload():
        _run.preload = index.start_preload()
    return ArchiveSearchGenerator
