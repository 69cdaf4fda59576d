"""The content_cache plugin's handler (the rules are in the package docstring)."""

from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from pelican import signals
from pelican.generators import ArticlesGenerator

from newsarchive.site import bodies, cachekey, memo
from newsarchive.site.buildcheck import guarded
from newsarchive.site.stamps import KeptDigests

from .settings import ContentCacheSettings

logger = logging.getLogger(__name__)


def check_settings(pelican: Any) -> None:
    ContentCacheSettings.of(pelican.settings)


@guarded("fingerprinting the content cache", defer=True)
def use_fingerprinted_cache(pelican: Any) -> None:
    settings = pelican.settings
    if not _fingerprinted(settings):
        return
    root = Path(settings["CACHE_PATH"])
    key = cachekey.fingerprint(settings, cachekey.code_dirs(settings.get("PLUGIN_PATHS", [])))
    cachekey.prune(root, key)
    settings["CACHE_PATH"] = str(root / key)
    logger.debug("content cache: %s", settings["CACHE_PATH"])


def _fingerprinted(settings: dict[str, Any]) -> bool:
    """Whether this plugin keeps the content cache (in a fingerprinted folder)."""
    caching = settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")
    return bool(caching) and ContentCacheSettings.of(settings).enabled


# Each file's stamp, taken once a build: Pelican asks for the stamp of every article about
# five times a build (its two cache layers, each when reading and when saving, and
# archive_reader's prefetch), and with "md5" each time opens and hashes the file. Keyed by
# absolute path, and by (folder, name) as each cacher asks, so asking again costs one lookup.
_stamps: dict[str, Any] = {}
_asked: dict[tuple[str, str], Any] = {}
# The digests kept from the last build, by each file's lstat (newsarchive.site.stamps):
# a file unchanged since is not opened. None when the cache is off.
_memo: KeptDigests | None = None
STAMPS = "file-stamps.pickle"  # in the fingerprinted cache folder


def forget_stamps(pelican: Any) -> None:
    """A new build stamps afresh (``invoke regenerate`` builds many times in one process,
    with one Pelican: its later runs send no ``initialized``, so this is connected to
    ``get_generators``, which every run sends before its generators stamp anything)."""
    global _memo
    _stamps.clear()
    _asked.clear()
    _memo = None


@guarded("reading the kept file stamps", defer=True)
def open_stamps(pelican: Any) -> None:
    """The last build's digests, kept in the fingerprinted cache folder (a digest of
    file times is no digest worth keeping, so "mtime" keeps none)."""
    global _memo
    settings = pelican.settings
    method = settings.get("CHECK_MODIFIED_METHOD", "mtime")
    if settings.get("CACHE_CONTENT") and method != "mtime" and _fingerprinted(settings):
        load = bool(settings.get("LOAD_CONTENT_CACHE"))
        _memo = KeptDigests(Path(settings["CACHE_PATH"]) / STAMPS, method, load=load)


@guarded("keeping the file stamps", defer=True)
def keep_stamps(pelican: Any) -> None:
    if _memo is not None:
        _memo.save()


def stamp_regular_files_only(cacher: Any) -> None:
    """Pelican stamps every file it finds with an extension it reads, opening it to hash
    it (``CHECK_MODIFIED_METHOD = "md5"``): a named pipe in a pull request would hang the
    build there, and a link would be followed out of the content folder. Such a file gets
    an empty stamp without being opened; archive_reader then refuses it by name, unread.

    A regular file is hashed once a build, the first time it is asked for, which is before
    it is read: a file edited during a build is cached with its stamp from before, so the
    next build sees the edit and reads it again (a stamp taken after the edit could file
    the older text under the newer stamp).

    Connected to ``generator_init`` and ``readers_init``; it wraps the instance's
    ``_get_file_stamp``, which a generator's later set-up leaves alone. A generator's
    file names are relative to its ``path``; the readers' are absolute.
    """
    stamp = getattr(cacher, "_get_file_stamp", None)  # only caching generators stamp
    if stamp is None or getattr(stamp, "regular_files_only", False):
        return
    base = getattr(cacher, "path", "") or ""

    def regular_stamp(filename: str) -> Any:
        asked = (base, filename)
        if asked in _asked:
            return _asked[asked]
        path = os.path.abspath(os.path.join(base, filename))
        if path not in _stamps:
            try:
                info = os.lstat(path)
            except OSError:
                return b""  # not there (yet): asked again, looked for again
            if not stat.S_ISREG(info.st_mode):
                _stamps[path] = b""
            elif _memo is None:
                _stamps[path] = stamp(filename)
            else:
                _stamps[path] = _memo.digest(path, info, lambda: stamp(filename))
        _asked[asked] = _stamps[path]
        return _stamps[path]

    regular_stamp.regular_files_only = True  # type: ignore[attr-defined]
    cacher._get_file_stamp = regular_stamp


def list_files_once(generator: Any) -> None:
    """A generator lists the files of its folders once a build: Pelican lists the articles'
    folder for its articles and again for files its disabled readers would read,
    archive_reader lists it before to prefetch and strict_build after to check. Each
    listing walks the folder and matches every name against ``IGNORE_FILES``: 0.1 s a
    listing at 20,000 articles.

    Connected to ``generator_init``; it wraps the instance's ``get_files``, so the listings
    go with the generator, and the next build (a new one) lists the folders afresh. A
    listing for no extension at all (no reader disabled) finds nothing, without a walk.
    Each caller gets a set of its own.
    """
    get_files = getattr(generator, "get_files", None)
    if get_files is None or getattr(get_files, "listed_once", False):
        return
    listed: dict[tuple[Any, ...], frozenset[str]] = {}

    def listed_once(paths: Any, exclude: Any = None, extensions: Any = None) -> set[str]:
        if extensions is None or extensions is False:  # the readers' extensions, or any
            wanted = extensions
        elif isinstance(extensions, list | tuple):
            if not extensions:  # Pelican lists a name whose extension is one of them
                return set()
            wanted = tuple(extensions)
        else:  # not as Pelican asks: listed as asked
            return get_files(paths, exclude=exclude, extensions=extensions)
        asked = ((paths,) if isinstance(paths, str) else tuple(paths), tuple(exclude or ()), wanted)
        if asked not in listed:
            listed[asked] = frozenset(get_files(paths, exclude=exclude, extensions=extensions))
        return set(listed[asked])

    listed_once.listed_once = True  # type: ignore[attr-defined]
    generator.get_files = listed_once


# --- compiled templates ------------------------------------------------------------------

TEMPLATES = "templates"  # Jinja's compiled templates, in the fingerprinted cache folder
# What a template's compiled code depends on besides its source: how it is split into
# tokens, which extensions rewrite it, and what the code generator is told.
_COMPILE_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "autoescape",
    "finalize",
    "optimized",
    "is_async",
    "code_generator_class",
)


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, each checked against its source and against
    the environment's options: Jinja's own checks the source alone, and two builds may
    set the environment differently (``JINJA_ENVIRONMENT``) with the same folder. An
    option that is a function (an ``autoescape`` chooser) shows its address, so its
    templates are compiled again every build, as they were without the cache."""

    def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Bucket:
        options = repr(
            (
                jinja2.__version__,
                sorted(environment.extensions),
                *(getattr(environment, option, None) for option in _COMPILE_OPTIONS),
            )
        )
        checksum = self.get_source_checksum(f"{options}\0{source}")
        bucket = Bucket(environment, self.get_cache_key(name, filename), checksum)
        self.load_bytecode(bucket)
        return bucket


@guarded("keeping the compiled templates", defer=True)
def keep_compiled_templates(generator: Any) -> None:
    """Each generator's templates compiled once, not every build (a fifth of a second of
    every build's own process at 20,000 articles: each generator has an environment of
    its own, which compiled each template it loads).

    Connected to ``generator_init``, before any template is loaded. The folder is the
    fingerprinted one, so new code, libraries or Python start it afresh.
    """
    settings = generator.settings
    env = getattr(generator, "env", None)
    if env is None or env.bytecode_cache is not None or not _fingerprinted(settings):
        return
    folder = Path(settings["CACHE_PATH"]) / TEMPLATES
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = CompiledTemplates(str(folder))


# --- Pelican's readers cache, kept as its changes ----------------------------------------

# The readers cache holds what the reader made of every article (51 MB at 20,220 KCNA
# stories), and Pelican pickles it whole after every build, a third of a second for an
# edit that changed one entry.
READERS_CHANGES = "pelican-readers"


def keep_readers_cache_as_changes(generator: Any) -> None:
    """Pelican's readers cache read with the changes kept beside it since it was written
    whole, and saved as those changes while they are few (``memo.keep_changes``).

    Connected to ``generator_init``, after Pelican has read its cache file and before
    anything is read through it. Pelican never drops an entry (a deleted article's stays
    in its cache), so the changes are the entries read again since.
    """
    readers = getattr(generator, "readers", None)
    settings = generator.settings
    if readers is None or not getattr(readers, "_cache_data_policy", False):
        return
    if not _fingerprinted(settings):
        return
    path = Path(readers._cache_path)
    loaded = settings.get("LOAD_CONTENT_CACHE") and settings["CONTENT_CACHING_LAYER"] == "reader"
    token = memo.file_token(path) if loaded and readers._cache else ""
    base = dict(readers._cache)
    memo.apply_changes(readers._cache, path, READERS_CHANGES, token)
    save_whole = readers.save_cache
    kept = None
    if isinstance(generator, ArticlesGenerator):
        folder, apart = Path(settings["CACHE_PATH"]), _made_untouched(settings)
        kept = _keep_bodies_apart(readers, folder, fresh=not loaded, apart=apart)

    def save_cache() -> None:
        try:
            if memo.keep_changes(path, READERS_CHANGES, token, base, readers._cache):
                return
            memo.forget_changes(path)
        except OSError as problem:
            logger.warning("Could not keep the changes of cache %s: %s", path, problem)
        finally:
            base.clear()  # the readings it holds go once the cache is saved (archive_reader)
        named = kept.compact(readers._cache, _entry_body, _with_body) if kept is not None else ()
        save_whole()
        if kept is not None:
            kept.remove_unnamed(named)

    readers.save_cache = save_cache


# What Pelican itself reads of a cached body as it makes the article: the files it links
# with {static} or {attach} ("{", or "%7B" as a URL escapes it; ``get_static_links``) and its
# images' alt texts (``find_empty_alt``, a warning). A body holding either stays in the
# readers cache whole, so Pelican reads it as it always did.
_READ_AS_MADE = re.compile(r"<img|\{|%7[Bb]")


def _made_untouched(settings: dict[str, Any]) -> bool:
    """Whether Pelican hands a cached body to its article untouched: not with typogrify
    on (it rewrites the body after the cache), nor with a plugin that handles each article
    as it is made (``content_object_init``), which would see the kept body's empty string."""
    return not settings.get("TYPOGRIFY") and not signals.content_object_init.receivers


def _keep_bodies_apart(
    readers: Any, folder: Path, fresh: bool, apart: bool
) -> bodies.KeptBodies | None:
    """Article bodies kept in files of their own, the readers cache naming each by its
    place (``newsarchive.site.bodies.KeptBodies``): loading the cache no longer loads
    every body, nor does the build write every body again. None unless ``apart``
    (``_made_untouched``).

    Wraps the readers' ``cache_data`` (a body read is kept, its entry names it) and
    ``get_cached_data`` (an entry whose body is not there is no entry: the file is read
    again, as it is when bodies are not kept apart this build, typogrify turned on since);
    the cache is compacted when it is saved whole (``keep_readers_cache_as_changes``).
    """
    kept = bodies.open_kept(folder, fresh) if apart else None
    cache_data, get_cached_data = readers.cache_data, readers.get_cached_data

    def cache_apart(filename: str, data: Any) -> None:
        content, metadata = data
        if (
            kept is not None
            and isinstance(content, str)
            and not isinstance(content, bodies.StoredBody)
            and not _READ_AS_MADE.search(content)
        ):
            content = kept.add(content)
        cache_data(filename, (content, metadata))

    def get_kept(filename: str, default: Any = None) -> Any:
        data = get_cached_data(filename, default)
        if data is not default and isinstance(data[0], bodies.StoredBody):
            return data if kept is not None and kept.holds(data[0]) else default
        return data

    readers.cache_data, readers.get_cached_data = cache_apart, get_kept
    return kept


def _entry_body(entry: Any) -> bodies.StoredBody | None:
    """The kept body a readers-cache entry, ``(stamp, (content, metadata))``, names."""
    content = entry[1][0] if isinstance(entry, tuple) and isinstance(entry[1], tuple) else None
    return content if isinstance(content, bodies.StoredBody) else None


def _with_body(entry: Any, body: bodies.StoredBody) -> Any:
    stamp, (_content, metadata) = entry
    return (stamp, (body, metadata))
