"""Test tiers: every test is exactly one of ``unit``, ``build`` or ``browser``.

- ``browser``: drives Chromium (uses the ``browser`` fixture, or is marked so).
- ``build``: runs an invoke task, a Pelican build or any other process, directly or through a
  fixture or a helper of the test suite or of ``benchmarks/`` (``run_invoke``, ``subprocess``,
  ``multiprocessing``, ``pelican.Pelican``, the ``built_site`` fixture).
- ``unit``: everything else, pure functions on small inputs; ``./dev test -m unit`` runs in
  seconds.

The tier is found, not written: ``assign_tier`` reads the names a test, its fixtures and the
helpers they call refer to (``co_names``, followed through functions defined under ``tests/``
and ``benchmarks/``, the tooling), so a new test lands in the right tier without a marker. A
test may still carry one tier marker itself, which wins (two are an error): a test of a
function of the package that forks a pool of workers is marked ``build`` by hand. Because such
a name hides in the package, ``refuse_processes`` backs the reading at run time: a ``unit``
test that starts a process, forks, or runs Pelican fails, saying to mark it ``build``.
"""

from __future__ import annotations

import multiprocessing.util
import os
import subprocess
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

TIERS = ("unit", "build", "browser")
TESTS = Path(__file__).resolve().parent
#: Where helpers are followed: the test suite and the development tooling, not the package.
FOLLOWED = (TESTS, TESTS.parent / "benchmarks")

#: Fixtures that need Chromium, and fixtures that build the shipped archive.
BROWSER_FIXTURES = frozenset({"browser"})
BUILD_FIXTURES = frozenset({"built_site", "site_url"})
#: Modules whose use means a process (or a pool of them) is started.
PROCESS_MODULES = frozenset({"subprocess", "multiprocessing", "concurrent.futures.process"})


def assign_tier(item: pytest.Item) -> str:
    """Add the item's tier marker (unless it has one) and return the tier."""
    own = [tier for tier in TIERS if item.get_closest_marker(tier) is not None]
    if len(own) > 1:
        raise pytest.UsageError(f"{item.nodeid}: marked {' and '.join(own)}; a test has one tier")
    tier = own[0] if own else found_tier(item)
    if not own:
        item.add_marker(tier)
    return tier


def found_tier(item: pytest.Item) -> str:
    """The tier the item's fixtures and the names its code refers to call for."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & BROWSER_FIXTURES:
        return "browser"
    if fixtures & BUILD_FIXTURES:
        return "build"
    seen: set[types.CodeType] = set()
    functions = [getattr(item, "function", None), *fixture_functions(item)]
    if any(starts_processes(f, seen) for f in functions if isinstance(f, types.FunctionType)):
        return "build"
    return "unit"


def fixture_functions(item: pytest.Item) -> Iterator[Callable[..., object]]:
    """The functions of every fixture the item uses, however indirectly."""
    info = getattr(item, "_fixtureinfo", None)
    for definitions in getattr(info, "name2fixturedefs", {}).values():
        for definition in definitions:
            yield definition.func


def starts_processes(function: types.FunctionType, seen: set[types.CodeType]) -> bool:
    """Whether the function, or a helper function it names, names a process starter.

    Only functions defined under ``FOLLOWED`` are read: the package's own code is what the
    tests exercise (most of it in-process), and ``refuse_processes`` catches a process it starts.
    """
    function = getattr(function, "__wrapped__", function)
    if function.__code__ in seen or not followed(function):
        return False
    seen.add(function.__code__)
    names = referred_names(function.__code__)
    for name in names:
        value = function.__globals__.get(name)
        if value is None:
            continue
        if is_process_starter(value):
            return True
        if isinstance(value, types.FunctionType) and starts_processes(value, seen):
            return True
    return False


def referred_names(code: types.CodeType) -> set[str]:
    """Global and attribute names a code object and its nested functions refer to."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= referred_names(constant)
    return names


def followed(function: types.FunctionType) -> bool:
    path = Path(function.__code__.co_filename).resolve()
    return any(path.is_relative_to(folder) for folder in FOLLOWED)


def is_process_starter(value: object) -> bool:
    """A module (or one of its functions or classes) that starts processes, or Pelican."""
    if isinstance(value, types.ModuleType):
        return value.__name__ in PROCESS_MODULES
    module = getattr(value, "__module__", None)
    if module in PROCESS_MODULES:
        return True
    return (module or "").split(".")[0] == "pelican" and getattr(value, "__name__", "") == "Pelican"


@contextmanager
def refuse_processes(item: pytest.Item) -> Iterator[None]:
    """While a ``unit`` test (and its fixtures) runs, starting a process or a build fails it."""
    import pelican

    def refuse(*_args: object, **_kwargs: object) -> None:
        pytest.fail(
            f"{item.nodeid} is in the unit tier but starts a process or runs Pelican: "
            "mark it @pytest.mark.build (unit tests call functions, in-process, in seconds)",
            pytrace=True,
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "_execute_child", refuse)
        patch.setattr(os, "fork", refuse)
        patch.setattr(multiprocessing.util, "spawnv_passfds", refuse)
        patch.setattr(pelican.Pelican, "run", refuse)
        yield
