"""The strict_build plugin's handlers (the rules are in the package docstring)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsarchive.content.articles import ArticleError
from newsarchive.content.contentfiles import scan_for
from newsarchive.content.printable import printable
from newsarchive.site.buildcheck import IncompleteBuild, Ledger, Watch, guarded, unreachable, watch
from newsarchive.site.groups import ARTICLE_GROUPS, PAGE_GROUPS
from newsarchive.site.pagelinks import LedgerStamp, keep_links, known_links

from .settings import StrictBuildSettings


class _LedgerHandler(logging.Handler):
    """Turns Pelican's error logs into ledger entries, reasons included.

    Pelican logs "Could not process <file>" inside its ``except`` block without
    the exception text (unless DEBUG); handlers run synchronously there, so the
    exception in flight is the reason.
    """

    def __init__(self, state: _State):
        super().__init__(level=logging.ERROR)
        self.state = state

    def emit(self, record: logging.LogRecord) -> None:
        path = _path_argument(record, self.state.content_path)
        if record.msg == "Could not process %s":
            exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
            if isinstance(exc, ArticleError):
                # One line per problem, as `invoke check` prints them.
                for issue in exc.issues:
                    self.state.ledger.note(path, str(issue))
                return
            reason = str(exc) if exc is not None and str(exc) else "could not be read"
            if exc is not None:
                reason = f"{type(exc).__name__}: {reason}"
            self.state.ledger.note(path, reason)
        elif path is not None and record.msg == "%s: %s":
            # logger.error("%s: %s", file, reason): the ledger names the file itself.
            self.state.ledger.note(path, str(record.args[1]))
        else:
            self.state.ledger.note(path, record.getMessage())


class _EscapeControls(logging.Filter):
    """Shows a record's control characters escaped (the console gets it after the ledger)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: logging reports it itself
            return True
        shown = printable(message)
        if shown != message:
            record.msg, record.args = shown, None
        return True


_ESCAPE = _EscapeControls()


def _escape_console_logs() -> None:
    """Pelican's console handler (on the root logger) prints what the filter made safe."""
    for handler in logging.getLogger().handlers:
        if _ESCAPE not in handler.filters:
            handler.addFilter(_ESCAPE)


def _path_argument(record: logging.LogRecord, content_path: str) -> str | None:
    """The content file a log record is about: Pelican passes it relative to PATH.

    In a ``"%s: %s"`` record the first argument is the path whatever it names
    (a registry entry that is a folder or a link is reported by its name too).
    """
    args = record.args if isinstance(record.args, tuple) else ()
    for index, arg in enumerate(args):
        if isinstance(arg, str | os.PathLike):
            candidate = os.path.join(content_path, os.fspath(arg))
            named = index == 0 and record.msg == "%s: %s" and os.path.lexists(candidate)
            if named or os.path.isfile(candidate):
                return candidate
    return None


class _State:
    """What one run saw; the log handler outlives runs so autoreload keeps it."""

    def __init__(self) -> None:
        self.handler: _LedgerHandler | None = None
        self.content_path = ""
        self.new_run()

    def new_run(self) -> None:
        self.ledger = Ledger()
        # Other plugins' stage failures join this ledger once a strict build has started.
        self.watch = (
            watch(self.ledger, self.content_path) if self.content_path else Watch(self.ledger)
        )
        self.sources: list[str] = []
        self.products: dict[str, str] = {}
        self.written: set[str] = set()
        self.is_article: dict[str, bool] = {}
        self.ledger_stamp: LedgerStamp | None = None  # the render ledger as the run found it


_state = _State()


def _enabled(settings: dict[str, Any]) -> bool:
    return StrictBuildSettings.of(settings).enabled


def start(pelican: Any) -> None:
    options = StrictBuildSettings.of(pelican.settings)
    if not options.enabled:
        return
    _state.content_path = pelican.settings["PATH"]
    if _state.handler is None:
        _state.handler = _LedgerHandler(_state)
        logging.getLogger("pelican").addHandler(_state.handler)
    _escape_console_logs()
    _state.new_run()
    _state.ledger_stamp = LedgerStamp.take(Path(pelican.settings["OUTPUT_PATH"]))
    loaded = set(pelican.settings.get("PLUGINS") or [])
    for name in options.plugins:
        if name not in loaded:
            _state.ledger.note(None, f"plugin {name!r} did not load (its error is logged above)")
    refuse_unread_files(pelican, Path(_state.content_path))


def refuse_unread_files(build: Any, content: Path) -> None:
    """Each file under the content folder that no reader reads, by name: an ``.html`` or
    ``.rst`` page, a stray script, a link (``newsarchive.content.contentfiles`` has the rules)."""
    for path, reason in scan_for(build, content).refused:
        _state.ledger.note(path, reason)


def _collect(
    generator: Any,
    paths_key: str,
    excludes_key: str,
    groups: tuple[str, ...],
    article: bool = False,
) -> None:
    if not _enabled(generator.settings):
        return
    base = generator.path
    files = generator.get_files(
        generator.settings[paths_key], exclude=generator.settings[excludes_key]
    )
    _state.sources.extend(os.path.join(base, f) for f in files)
    for group in groups:
        for content in getattr(generator, group, []):
            _state.products[content.source_path] = content.save_as
            _state.watch.urls[content.url] = content.source_path
            _state.is_article[content.source_path] = article and group == "articles"


@guarded("listing the articles read")
def articles_done(generator: Any) -> None:
    _collect(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES", ARTICLE_GROUPS, article=True)


@guarded("listing the pages read")
def pages_done(generator: Any) -> None:
    _collect(generator, "PAGE_PATHS", "PAGE_EXCLUDES", PAGE_GROUPS)


def written(path: str, context: Any = None) -> None:
    _state.written.add(os.path.abspath(path))


def _unreachable(settings: dict[str, Any], output: Path, articles: Iterable[str]) -> list[str]:
    """``unreachable``, reading only the listing pages whose links it does not know yet
    (``newsarchive.site.pagelinks``)."""
    stamp = _state.ledger_stamp
    if stamp is None:
        return unreachable(output, articles)
    links = known_links(settings, output, stamp)
    lost = unreachable(output, articles, links=links)
    keep_links(settings, links)
    return lost


@guarded("checking that every content file became a page")
def finish(pelican: Any) -> None:
    options = StrictBuildSettings.of(pelican.settings)
    if not options.enabled:
        return
    ledger = _state.ledger
    ledger.expect(_state.sources, _state.products, "skipped by Pelican: no page was generated")
    output = pelican.settings["OUTPUT_PATH"]
    for source, save_as in _state.products.items():
        target = os.path.abspath(os.path.join(output, save_as)) if save_as else None
        if target and target not in _state.written and not os.path.exists(target):
            ledger.note(source, f"no page was written at {save_as}")
    if options.reachability and os.path.isfile(os.path.join(output, "index.html")):
        articles = {s: p for s, p in _state.products.items() if p and _state.is_article.get(s)}
        lost = set(_unreachable(pelican.settings, Path(output), articles.values()))
        for source, save_as in articles.items():
            if os.path.normpath(save_as) in lost:
                ledger.note(source, f"no chain of links from the home page reaches {save_as}")
    lines = ledger.lines()
    failed = ledger.failed_files(_state.sources)  # registry files are no pages: not counted
    summary = f"{failed} of {len(_state.sources)} content files did not become pages"
    _state.new_run()
    # A run of the same Pelican (``pelican -r``) is not initialized again: it starts now.
    _state.ledger_stamp = LedgerStamp.take(Path(output))
    if lines:
        sys.stderr.write("".join(f"{line}\n" for line in lines))
        sys.stderr.flush()
        raise IncompleteBuild(f"{summary}; {len(lines)} problem(s) listed above")
