"""Pages rendered again only when what they show changed: the render ledger of a build.

Editing one article of 20,000 must not render 20,000 pages again. The rules:

- A page's key (``page_key``) hashes everything its rendering reads: the build's
  global key (``global_key``: the code, libraries and Python, every setting, every
  theme file, every content file that is not an article, a page or an entity (the
  tag, source and synonym registries), the site subtitle and the static pages), the
  page's address and template, and the values it is rendered with. An article is
  hashed by its source file's digest (``source_digest``, set by the reader) and its
  entities as its chips show them (``entity_view``), and the page's own article also
  by the links its body gets (``link_digest``) and its neighbours' and related
  articles' digests, the only other articles an article page shows (``linkkeys``).
- Entities are keyed where they are shown, not in the global key: an entity's own
  page hashes it whole; any other value holding one hashes every field but its
  aliases (``OMITTED``), which other pages never show. An alias that no article's text
  holds then renders again only the entity's own pages (and the unkeyed ones).
- Only ``KEYED_TEMPLATES`` are keyed: their templates read nothing of the site but
  their values and what the global key covers (``tests/site/test_incremental.py``
  checks the templates for that). The few other pages (home, indexes, year pages)
  show counts of the whole archive and are rendered every build. ``KEYED_FILES`` are
  the files a generator writes without a template (an entity's feed), keyed the same
  way by the values it writes them from: an edit writes again the feeds whose entries
  changed, not one per entity.
- A value the key cannot hash (an object it does not know) makes the page unkeyed:
  rendered every build, never wrongly kept.
- The ledger (``LEDGER`` in the output folder) lists each keyed page's key and the
  digest of the file written. A page whose key is unchanged and whose file still
  has those bytes is kept as it is (a folder restored from a cache keeps its pages;
  a page edited by hand is rendered again). The ledger is written when a build has
  rendered everything, so a failed build leaves the old one, whose digests the
  pages it rewrote no longer match. It holds no time: two builds of the same site
  write the same ledger, and settings that say only how a build runs
  (``HOW_TO_BUILD``: folders, caches, processes) are left out of the keys.
- A page the ledger lists that the build no longer writes (an article deleted or
  renamed) is removed by the build (``stale``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsarchive.site import cachekey, urls
from newsarchive.site.outputguard import LEDGER, LEDGER_TMP, remove_files
from newsarchive.site.stamps import KeptDigests

FORMAT = 1
STAMPS = "page-digests.pickle"  # FileDigests, in Pelican's cache folder
# Folders whose writer writes only the files whose bytes changed and removes its stale
# ones itself (the search index, ``newsarchive.search.shards.write_shards``; the data
# files, ``newsarchive.site.datafiles``): a build keeps them, as it keeps the ledger's
# pages, for that writer to update.
SELF_MANAGED = (urls.search(), urls.data(""))
KEYED_TEMPLATES = frozenset({"article", "page", "entity", "tag", "archive_month", "undated"})
# Files a generator writes itself, keyed as pages are: an entity's Atom feed, whose values
# are the entity, its newest dated articles and (when it has none) the site's newest date.
ENTITY_FEED = "entity_feed"
KEYED_FILES = frozenset({ENTITY_FEED})
# An article page shows these other articles (listings.place_in_time, listings.relate).
NEIGHBOURS = ("older", "newer")
RELATED = "related"
# What a page shows of an entity other than its own page's: every field but the names it
# never shows (its aliases are read by the matcher, whose reading of each article is the
# article's ``link_digest``, ``linkkeys``).
OMITTED = {"Entity": frozenset({"aliases", "alias_langs"})}
# The value of a keyed page that is the page's own entity, hashed whole.
OWN_ENTITY = "entity"


class Unkeyable(TypeError):
    """A value the page key cannot hash: the page is rendered every build."""


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def source_digest(text: str) -> str:
    """The digest of a content file's text, which the reader stores on what it read."""
    return digest_of(text.encode("utf-8"))


# --- keys -------------------------------------------------------------------------------


# id -> (the object, its digest): a value shared by many pages (an entity, its timeline) is
# hashed once per build; holding the object keeps its id from being reused meanwhile. An
# article as lists show it is kept under ("shown", id), as the text of its parts: it is
# listed on a dozen pages (its entities', topics' and month's), 600,000 times a build
# at 20,000 articles naming 20 entities each.
Shared = dict[Any, tuple[Any, str]]


class _Hasher:
    """A canonical text of a value: each part tagged and sized, so none run together, hashed
    once whole (a page's key has dozens of parts, and 20,000 pages are keyed a build)."""

    def __init__(self, shared: Shared | None = None, whole: bool = False) -> None:
        self.parts: list[str] = []
        self.shared: Shared = {} if shared is None else shared
        self.whole = whole  # every field of an entity, OMITTED ones too

    def part(self, tag: str, data: str | bytes) -> None:
        self.parts.append(_part(tag, data))

    def value(self, value: Any) -> None:
        if value is None or isinstance(value, bool | int | float):
            self.part("p", repr(value))
        elif isinstance(value, str):  # Markup too
            self.part("s", value)
        elif isinstance(value, bytes):
            self.part("b", value)
        elif isinstance(value, dt.date):  # datetime too
            self.part("t", value.isoformat())
        elif hasattr(value, "source_digest"):  # an article or page, as a list shows it
            self.parts.append(self._shown(value))
        elif isinstance(value, Mapping):
            self.part("d", str(len(value)))
            for key in sorted(value, key=repr):
                self.value(key)
                self.value(value[key])
        elif isinstance(value, list | tuple):
            self.part("l", str(len(value)))
            shared = self.shared
            for item in value:
                known = shared.get(("shown", id(item)))  # an article listed before
                if known is not None and known[0] is item:
                    self.parts.append(known[1])
                else:
                    self.value(item)
        elif isinstance(value, set | frozenset):
            self.value(sorted(value, key=repr))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            self.part("c", self._dataclass(value))
        elif _is_url_wrapper(value):  # Pelican's category of an article
            self.part("w", f"{type(value).__name__}:{value.name}")
        else:
            raise Unkeyable(f"cannot key a {type(value).__module__}.{type(value).__qualname__}")

    def _shown(self, item: Any) -> str:
        """An article's parts as a list shows it: its text's digest and its entities' chips."""
        known = self.shared.get(("shown", id(item)))
        if known is None or known[0] is not item:
            text = _part("a", item.source_digest) + _part("v", getattr(item, "entity_view", ""))
            known = self.shared["shown", id(item)] = (item, text)
        return known[1]

    def _dataclass(self, value: Any) -> str:
        name = type(value).__qualname__
        omitted = frozenset() if self.whole else OMITTED.get(name, frozenset())
        shared_as = id(value) if not omitted else -id(value)  # its whole digest differs
        known = self.shared.get(shared_as)
        if known is None:
            inner = _Hasher(self.shared)
            inner.part("c", name)
            for f in dataclasses.fields(value):
                if f.name not in omitted:
                    inner.value(getattr(value, f.name))
            known = self.shared[shared_as] = (value, inner.hexdigest())
        return known[1]

    def hexdigest(self) -> str:
        return hashlib.sha256("".join(self.parts).encode("utf-8")).hexdigest()[:32]


def _part(tag: str, data: str | bytes) -> str:
    """One tagged, sized part of a key's text."""
    text = data if isinstance(data, str) else data.decode("latin-1")  # bytes: one char each
    return f"{tag}{len(text)}:{text}"


def _is_url_wrapper(value: Any) -> bool:
    return any(c.__name__ == "URLWrapper" for c in type(value).__mro__)


def shown_digest(value: Any) -> str:
    """The digest of a value as pages other than its own show it (``OMITTED``)."""
    hasher = _Hasher()
    hasher.value(value)
    return hasher.hexdigest()


def own_content(hasher: _Hasher, item: Any) -> None:
    """An article or page as its own page shows it: itself, its neighbours, its related."""
    hasher.value(item)
    hasher.part("L", getattr(item, "link_digest", ""))  # its body's links
    targets = getattr(item, "targets_digest", "")  # its body as its links to files resolve
    if targets:
        hasher.part("T", targets)
    for name in NEIGHBOURS:
        hasher.value(getattr(item, name, None))
    hasher.value(list(getattr(item, RELATED, None) or ()))


def page_key(
    global_key: str,
    name: str,
    template: str,
    values: Mapping[str, Any],
    shared: Shared | None = None,
) -> str | None:
    """The key of one page; None when it is not keyed (module rules). Pages of one build
    share ``shared``, so what several of them show is hashed once."""
    if template not in KEYED_TEMPLATES and template not in KEYED_FILES:
        return None
    hasher = _Hasher(shared)
    hasher.part("g", global_key)
    hasher.part("n", name)
    hasher.part("t", template)
    try:
        for key in sorted(values):
            hasher.part("k", key)
            value = values[key]
            if key in ("article", "page") and hasattr(value, "source_digest"):
                own_content(hasher, value)
            elif key == OWN_ENTITY:
                whole = _Hasher(hasher.shared, whole=True)
                whole.value(value)
                hasher.part("e", whole.hexdigest())
            else:
                hasher.value(value)
    except Unkeyable:
        return None
    return hasher.hexdigest()


# Settings that say how a build runs, not what it writes: left out of the key, so a build on
# more cores, into another folder or from a cache renders (and keeps) the same pages.
HOW_TO_BUILD = frozenset(
    {
        "PATH",
        "OUTPUT_PATH",
        "THEME",
        "PLUGIN_PATHS",
        "CACHE_PATH",
        "CACHE_CONTENT",
        "LOAD_CONTENT_CACHE",
        "CHECK_MODIFIED_METHOD",
        "CONTENT_CACHING_LAYER",
        "GZIP_CACHE",
        "DELETE_OUTPUT_DIRECTORY",
        "OUTPUT_RETENTION",
        "NPM_ASSETS_DIR",
        "WRITE_SELECTED",
        "DEBUG",
        "LOG_FILTER",
        "BIND",
        "PORT",
    }
)
HOW_TO_BUILD_SUFFIXES = ("_PROCESSES", "_MIN_JOBS", "_PREFETCH_MIN", "_INCREMENTAL")


def shapes_output(setting: str) -> bool:
    return (
        setting.isupper()
        and setting not in HOW_TO_BUILD
        and not setting.endswith(HOW_TO_BUILD_SUFFIXES)
    )


def _setting_text(value: Any) -> str:
    """A setting that JSON cannot write, named by what it is, never by its address."""
    if isinstance(value, type) or callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    text = repr(value)
    return type(value).__qualname__ if " at 0x" in text else text


def global_key(settings: Mapping[str, Any], context: Mapping[str, Any]) -> str:
    """What every keyed page's rendering may read besides its own values (module rules)."""
    hasher = _Hasher()
    hasher.part("format", str(FORMAT))
    hasher.part("code", cachekey.build_code(settings))
    hasher.part(
        "settings",
        json.dumps(
            {k: v for k, v in settings.items() if shapes_output(k)},
            sort_keys=True,
            default=_setting_text,
        ),
    )
    for label, path in _files(Path(settings["THEME"]), ()):
        hasher.part(f"theme/{label}", path.read_bytes())
    content = Path(settings["PATH"])
    # The entity registry is keyed page by page (the module rules): an entity's edit
    # renders again the pages that show what changed, not every page.
    skipped = (*settings.get("ARTICLE_PATHS", ()), *settings.get("PAGE_PATHS", ()), urls.ENTITIES)
    for label, path in _files(content, skipped):
        hasher.part(f"content/{label}", path.read_bytes())
    hasher.part("subtitle", str(context.get("SITESUBTITLE", "")))
    for page in context.get("pages", ()):
        if hasattr(page, "source_digest"):
            own_content(hasher, page)
        else:
            hasher.part("page", f"{page.url}\0{page.title}")
    return hasher.hexdigest()


def _files(folder: Path, skipped: Iterable[str]) -> list[tuple[str, Path]]:
    """The regular files under folder (links never followed), but those under ``skipped``."""
    skip = {s.strip("/") for s in skipped}
    found = []
    for parent, dirs, files in os.walk(folder):
        base = Path(parent).relative_to(folder)
        dirs[:] = sorted(d for d in dirs if (base / d).as_posix() not in skip)
        for name in sorted(files):
            path = Path(parent) / name
            if path.is_file() and not path.is_symlink():
                found.append(((base / name).as_posix(), path))
    return found


# --- the ledger -------------------------------------------------------------------------


Entry = tuple[str, str]  # the page's key, the digest of the file's bytes


def file_digest(path: Path) -> str | None:
    try:
        return digest_of(path.read_bytes())
    except OSError:
        return None


def read_ledger(folder: Path) -> dict[str, Entry]:
    """The last build's keyed pages (output-relative path: entry); empty when none or unreadable."""
    try:
        data = json.loads((folder / LEDGER).read_text(encoding="utf-8"))
        pages = data["pages"] if data.get("format") == FORMAT else {}
        return {str(p): (str(k), str(d)) for p, (k, d) in pages.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_ledger(folder: Path, pages: Mapping[str, Entry]) -> None:
    """Replace the ledger in one step; sorted, so two builds of the same site write the same bytes."""
    tmp = folder / LEDGER_TMP
    tmp.unlink(missing_ok=True)
    data = {"format": FORMAT, "pages": {p: list(pages[p]) for p in sorted(pages)}}
    with tmp.open("x", encoding="utf-8", newline="\n") as handle:
        json.dump(data, handle, indent=0, separators=(",", ":"))
        handle.write("\n")
    os.replace(tmp, folder / LEDGER)


def forget_ledger(folder: Path) -> None:
    """No page is kept by the next build (``invoke rebuild``, incremental builds off)."""
    (folder / LEDGER).unlink(missing_ok=True)


class FileDigests:
    """The digests of the output's pages, each read again only when its file's ``stat``
    changed (``stamps.KeptDigests``).

    Checking that a kept page still has its ledger's bytes read and hashed every page of
    the site at every build (20,000 files for one edited article). The digests are kept
    between builds (``STAMPS`` in Pelican's cache folder, never in the output: the ledger
    holds no time).
    """

    def __init__(self, output: Path, cache: Path | None = None) -> None:
        self.output = output
        self._root = os.fspath(output)
        self.kept = KeptDigests(None if cache is None else cache / STAMPS, str(FORMAT))

    def __call__(self, name: str) -> str | None:
        try:
            info = os.stat(os.path.join(self._root, name))
        except OSError:
            return None
        return self.kept.digest(name, info, lambda: file_digest(self.output / name))

    def save(self) -> None:
        """Keep this build's digests for the next (only those of pages it kept or wrote)."""
        self.kept.save()


class RenderLedger:
    """One build's decisions: which pages to render, which to keep, which went stale.
    ``cache``: where the pages' digests are kept between builds (``FileDigests``)."""

    def __init__(self, folder: Path, enabled: bool = True, cache: Path | None = None) -> None:
        self.folder = folder
        self.enabled = enabled
        self.previous = read_ledger(folder) if enabled else {}
        self.kept: dict[str, Entry] = {}
        self.rendered: dict[str, str] = {}  # path: key; the file's digest is read once written
        self.unkeyed = 0
        self.stale_removed: list[str] = []
        self.digests = FileDigests(folder, cache if enabled else None)

    def wants(self, name: str, key: str | None) -> bool:
        """Whether the page at ``name`` must be rendered (False: kept as the last build wrote it)."""
        if key is None:
            self.unkeyed += 1
            return True
        last = self.previous.get(name)
        if last is not None and last[0] == key and self.digests(name) == last[1]:
            self.kept[name] = last
            return False
        self.rendered[name] = key
        return True

    def stale(self) -> list[str]:
        """The last build's keyed pages this build neither kept nor rendered."""
        return sorted(set(self.previous) - set(self.kept) - set(self.rendered))

    def finish(self) -> None:
        """Remove the stale pages (and the folders they leave empty), then write the ledger."""
        self.stale_removed = self.stale()
        remove_files(self.folder, self.stale_removed)
        pages = dict(self.kept)
        for name, key in self.rendered.items():
            digest = self.digests(name)
            if digest is not None:
                pages[name] = (key, digest)
        write_ledger(self.folder, pages)
        self.digests.save()


__all__ = [
    "ENTITY_FEED",
    "KEYED_FILES",
    "KEYED_TEMPLATES",
    "LEDGER",
    "FileDigests",
    "RenderLedger",
    "Unkeyable",
    "forget_ledger",
    "global_key",
    "page_key",
    "read_ledger",
    "shown_digest",
    "source_digest",
    "write_ledger",
]
