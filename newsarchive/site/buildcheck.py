"""The strict-build ledger: every content file in must be a page out, or a reported problem.

Pelican logs a file it cannot read and goes on, so an article can vanish from a
site whose build "succeeded". The plugin feeds this ledger; the ledger says
what went missing and why, one `path: reason` line each, with every control
character shown escaped (``newsarchive.content.printable``), so a reason quoting what a
contributor wrote stays one line and cannot act on a terminal or a CI log.

No failure inside the build is a bare traceback either. Every plugin stage
(reading, generating, writing pages, feeds, data files, the search index) is
wrapped by ``guarded(stage)``: an unexpected exception becomes the line
``path: <stage> failed: <Exception>: <message>`` for the content file the stage
was processing, or ``build: …`` when none can be told, printed with every
problem found before it; the build then ends with ``StageFailed`` (an
``IncompleteBuild``), which ``invoke build`` reports without a traceback.

The file is found from the exception's traceback, innermost frame first: a
Pelican content object (an article or page) held by the frame, else a row or
document carrying one's URL, else an entity or tag of the registry, else a path
of a file in the content folder. So a stage needs no bookkeeping to be named,
and a stage over all articles names the article it was on.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from newsarchive.content.printable import printable


class IncompleteBuild(Exception):
    """Raised at the end of a build that left content out; Pelican's CLI exits with exitcode."""

    exitcode = 1


@dataclass
class Ledger:
    root: Path = field(default_factory=Path.cwd)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def note(self, path: str | os.PathLike[str] | None, reason: str) -> None:
        """Record why a file failed, or a build-wide error when there is no file.

        A reason of several lines (some exceptions' messages) is joined into one;
        spaces are kept, so the reason reads as `invoke check` prints it.
        """
        reason = _LINE_BREAKS.sub(" ", reason.strip())
        if path is None:
            if reason not in self.general:
                self.general.append(reason)
            return
        key = _key(path)
        bucket = self.reasons.setdefault(key, [])
        if reason not in bucket:
            bucket.append(reason)

    def expect(self, sources: Iterable[str], produced: Iterable[str], default: str) -> None:
        """Every source with no product is a problem; keep a logged reason when there is one."""
        done = {_key(p) for p in produced}
        for source in sources:
            key = _key(source)
            if key not in done and key not in self.reasons:
                self.note(key, default)

    def lines(self) -> list[str]:
        out = [
            printable(f"{self._show(path)}: {reason}")
            for path, rs in sorted(self.reasons.items())
            for reason in rs
        ]
        return out + [printable(f"build: {reason}") for reason in self.general]

    def clear(self) -> None:
        """Forget what was noted (it has been printed)."""
        self.reasons.clear()
        self.general.clear()

    def failed_files(self, among: Iterable[str] | None = None) -> int:
        """Files with a problem; with ``among``, only those of these files (the pages' sources)."""
        if among is None:
            return len(self.reasons)
        return len(self.reasons.keys() & {_key(path) for path in among})

    def _show(self, path: str) -> str:
        try:
            return os.path.relpath(path, self.root) if path.startswith(str(self.root)) else path
        except ValueError:
            return path

    def __bool__(self) -> bool:
        return bool(self.reasons or self.general)


def _key(path: str | os.PathLike[str]) -> str:
    """A file as the ledger keys it: absolute, a symbolic link named as itself, not its target."""
    return os.path.abspath(path)


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")

_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"'#?]*)""", re.I)


Links = Callable[[str], Iterable[str]]  # a page's links: the page files it links to


def unreachable(
    output: Path, targets: Iterable[str], start: str = "index.html", links: Links | None = None
) -> list[str]:
    """The targets (output-relative page files) no chain of links from the home page reaches.

    Listing pages are followed; the targets themselves (the articles) are not
    parsed, so the crawl costs the listings, not the whole site. ``links`` gives a
    page's links (``read_links`` by default; the strict build's remembers those of
    pages whose bytes it knows).
    """
    links_of = links or functools.partial(read_links, output)
    wanted = {posixpath.normpath(t) for t in targets}
    seen: set[str] = set()
    queue = [start]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        if page in wanted:
            continue
        queue.extend(target for target in links_of(page) if target not in seen)
    return sorted(wanted - seen)


def read_links(output: Path, page: str) -> tuple[str, ...]:
    """``page_links`` of the page file; none when it cannot be read as UTF-8."""
    try:
        data = (output / page).read_bytes()
    except OSError:
        return ()
    return bytes_links(page, data)


def bytes_links(page: str, data: bytes) -> tuple[str, ...]:
    """``page_links`` of a page's bytes; none when they are not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ()
    if "\r" in text:  # as a file read as text sees it
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return page_links(page, text)


def page_links(page: str, text: str) -> tuple[str, ...]:
    """The page files (output-relative ``.html``, inside the folder) a page's links lead to,
    each once: a folder's address leads to its ``index.html``; other sites, ``mailto:`` and
    root-relative addresses are not followed."""
    base = posixpath.dirname(page)
    found: dict[str, None] = {}
    for href in dict.fromkeys(_HREF.findall(text)):
        if not href or "://" in href or href.startswith(("mailto:", "/")):
            continue
        target = posixpath.normpath(posixpath.join(base, href))
        if href.endswith("/") or target == ".":
            target = posixpath.join(target, "index.html") if target != "." else "index.html"
        if target.endswith(".html") and not target.startswith(".."):
            found[target] = None
    return tuple(found)


# --- failures inside the build ------------------------------------------------------------


class StageFailed(IncompleteBuild):
    """A build stage raised; its `path: reason` line, and every problem before it, are printed."""


@dataclass
class Watch:
    """What naming a failure needs: where problems go, the content folder, pages by URL."""

    ledger: Ledger
    content_path: str = ""
    urls: dict[str, str] = field(default_factory=dict)  # a page's URL -> its source file
    pid: int = field(default_factory=os.getpid)  # a forked worker prints its failure alone


_watch: list[Watch] = []


def watch(ledger: Ledger, content_path: str | os.PathLike[str]) -> Watch:
    """Report this build's stage failures with ``ledger``'s problems (strict_build, per run)."""
    _watch[:] = [Watch(ledger, os.path.abspath(content_path) if content_path else "")]
    return _watch[0]


F = TypeVar("F", bound=Callable[..., Any])


def guarded(stage: str, *, defer: bool = False) -> Callable[[F], F]:
    """Wrap a build stage so an unexpected exception is reported as `path: <stage> failed: …`.

    ``stage`` says what it does ("writing the entity feeds"). The failure is
    printed with the problems noted so far and raised as ``StageFailed``. With
    ``defer`` (set-up stages after which the build can still run) it is only
    noted, and the strict build's final check fails the build with it.
    A ``IncompleteBuild`` passes through: it was reported where it was raised.
    """

    def wrap(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except IncompleteBuild:
                raise
            except Exception as error:
                path, reason = failure(stage, error)
                current = _current()
                if defer and current is not None:
                    current.ledger.note(path, reason)
                    return None
                raise _report(stage, path, reason) from None

        return run  # type: ignore[return-value]

    return wrap


def print_failure(stage: str, error: BaseException) -> None:
    """In a forked worker: print the `path: reason` line of ``error`` (the parent fails the build)."""
    if isinstance(error, StageFailed):
        return  # printed where it was raised
    _print(_alone(*failure(stage, error)))


def failure(stage: str, error: BaseException) -> tuple[str | None, str]:
    """The content file ``error`` was raised on (None when no file can be told) and the reason."""
    text = str(error)
    detail = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return culprit(error), f"{stage} failed: {detail}"


def culprit(error: BaseException) -> str | None:
    """The content file the innermost frame of ``error``'s traceback (or its cause's) was on."""
    current = _current()
    finder = _Finder(current.content_path if current else "", current.urls if current else {})
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        frames = [frame for frame, _ in traceback.walk_tb(error.__traceback__)]
        for frame in reversed(frames):
            found = finder.find(frame.f_locals)
            if found is not None:
                return found
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return None


def _current() -> Watch | None:
    return _watch[0] if _watch else None


def _report(stage: str, path: str | None, reason: str) -> StageFailed:
    current = _current()
    if current is None or current.pid != os.getpid():
        lines = _alone(path, reason)
    else:
        current.ledger.note(path, reason)
        lines = current.ledger.lines()
        current.ledger.clear()
    _print(lines)
    return StageFailed(f"{stage} failed; {len(lines)} problem(s) listed above")


def _alone(path: str | None, reason: str) -> list[str]:
    ledger = Ledger()
    ledger.note(path, reason)
    return ledger.lines()


def _print(lines: list[str]) -> None:
    sys.stderr.write("".join(f"{line}\n" for line in lines))
    sys.stderr.flush()


# Dictionaries a frame passes on (Pelican's template context, a writer's keyword
# arguments) name the page they render under these keys.
_CONTENT_KEYS = ("article", "page")


@dataclass(frozen=True)
class _Finder:
    """Tells which content file, if any, the values a frame holds are about."""

    content_path: str
    urls: Mapping[str, str]

    def find(self, variables: Mapping[str, Any]) -> str | None:
        values = [*variables.values(), *self._passed_on(variables.values())]
        for kind in (self._content, self._by_url, self._registry_entry, self._content_file):
            for value in values:
                try:
                    found = kind(value)
                except Exception:  # an object whose attributes raise (a template's Undefined)
                    continue
                if found is not None:
                    return found
        return None

    @staticmethod
    def _passed_on(values: Iterable[Any]) -> Iterator[Any]:
        for value in values:
            if isinstance(value, dict):
                yield from (value[key] for key in _CONTENT_KEYS if key in value)

    @staticmethod
    def _content(value: Any) -> str | None:
        """A Pelican article or page: its source file."""
        if isinstance(value, str | bytes | int | float | dict | list | tuple):
            return None
        path = getattr(value, "source_path", None)
        return path if isinstance(path, str) and os.path.isfile(path) else None

    def _by_url(self, value: Any) -> str | None:
        """A data-file row or search document: the source of the page at its URL."""
        if not self.urls or isinstance(value, str | bytes | int | float | list | tuple):
            return None
        url = value.get("url") if isinstance(value, Mapping) else getattr(value, "url", None)
        return self.urls.get(url) if isinstance(url, str) else None

    def _registry_entry(self, value: Any) -> str | None:
        """An entity or tag: its file in the registry (imported late: tasks.py starts light)."""
        from newsarchive.content.registry import Entity, Tag

        if not self.content_path or not isinstance(value, Entity | Tag):
            return None
        kind = "entities" if isinstance(value, Entity) else "tags"
        path = os.path.join(self.content_path, kind, f"{value.id}.yaml")
        return path if os.path.lexists(path) else None

    def _content_file(self, value: Any) -> str | None:
        """A path (absolute, or from the working or the content folder) of a content file."""
        if not self.content_path or not isinstance(value, str | os.PathLike):
            return None
        for candidate in (Path(value), Path(self.content_path) / value):
            full = Path(os.path.abspath(candidate))
            inside = full.is_relative_to(self.content_path) and full != Path(self.content_path)
            if inside and full.suffix and os.path.lexists(full):
                return str(full)
        return None
