"""The order the archive's plugins must be listed in, checked when a build starts.

Pelican calls the handlers of one signal in the order the plugins registered them,
which is the order of ``PLUGINS``. Some of the archive's plugins rely on another's
handler having run first; each such rule is a ``Before`` in ``RULES``, with the
signal and the reason. A build whose ``PLUGINS`` breaks one fails at start-up
(``check_order``, connected to ``initialized`` by every plugin's ``register``),
naming the plugins and giving an order that works, rather than writing a site some
of whose pages were checked, listed or copied too early.

Rules about plugins a build does not load do not apply; plugins no rule names (a test
plugin, a third-party one) may stand anywhere. The output_guard plugin's handler that
ends a build needs no rule: it connects it anew at each build, after every other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsarchive.site.buildcheck import IncompleteBuild


@dataclass(frozen=True)
class Before:
    """Plugin ``first`` must be listed before plugin ``then``: both handle ``signal``."""

    first: str
    then: str
    signal: str
    reason: str


RULES = (
    Before(
        "parallel_writer",
        "archive_pages",
        "finalized",
        "the pages are rendered in parallel_writer's handler, and archive_pages' clears the "
        "list entries they reuse",
    ),
    Before(
        "parallel_writer",
        "strict_build",
        "finalized",
        "the pages are rendered in parallel_writer's handler; strict_build checks they were "
        "written and are linked from the home page",
    ),
    Before(
        "parallel_writer",
        "site_extras",
        "finalized",
        "the pages are rendered in parallel_writer's handler; the sitemap lists the pages written",
    ),
    Before(
        "archive_reader",
        "strict_build",
        "page_generator_finalized",
        "archive_reader leaves out pages sharing a slug before strict_build lists the pages "
        "to be written",
    ),
    Before(
        "output_guard",
        "archive_search",
        "get_generators",
        "output_guard takes the output folder for the build before archive_search forks the "
        "search index's child: a build refused there (another build is writing the folder) "
        "leaves no child waiting",
    ),
    Before(
        "strict_build",
        "content_cache",
        "initialized",
        "a content_cache set-up failure is noted in the ledger strict_build starts for the build",
    ),
)


class PluginOrderError(IncompleteBuild):
    """``PLUGINS`` lists the archive's plugins in an order their handlers cannot work in."""


def plugin_name(plugin: object) -> str:
    """A ``PLUGINS`` entry by its short name (``pelican.plugins.x`` and a module ``x`` are x)."""
    name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", str(plugin))
    return name.rsplit(".", 1)[-1]


def broken(plugins: Sequence[str], rules: Iterable[Before] = RULES) -> list[Before]:
    """The rules ``plugins`` (in load order) breaks; rules about absent plugins do not count."""
    position = {name: index for index, name in reversed(list(enumerate(plugins)))}
    return [
        rule
        for rule in rules
        if rule.first in position
        and rule.then in position
        and position[rule.first] > position[rule.then]
    ]


def needed_order(plugins: Sequence[str], rules: Iterable[Before] = RULES) -> list[str]:
    """``plugins`` reordered to keep every rule: a plugin another needs first moves to just
    before it, everything else stays where it was listed."""
    names = list(dict.fromkeys(plugins))
    rules = list(rules)
    needs = {
        name: sorted(
            {r.first for r in rules if r.then == name and r.first in names}, key=names.index
        )
        for name in names
    }
    placed: list[str] = []
    started: set[str] = set()

    def place(name: str) -> None:
        if name in started:  # placed, or a cycle among the rules: keep the listed order
            return
        started.add(name)
        for first in needs[name]:
            place(first)
        placed.append(name)

    for name in names:
        place(name)
    return placed


def order_problem(plugins: Sequence[str], rules: Iterable[Before] = RULES) -> str | None:
    """Why ``plugins`` cannot run in this order and what order works, or None."""
    rules = list(rules)
    found = broken(plugins, rules)
    if not found:
        return None
    lines = [
        f"PLUGINS lists {r.then} before {r.first}; {r.first} must come first "
        f"(signal {r.signal}: {r.reason})"
        for r in found
    ]
    lines.append(f"list them as PLUGINS = {needed_order(plugins, rules)!r}")
    return "\n".join(lines)


def check_order(pelican: Any) -> None:
    """At start-up (``initialized``): fail the build when ``PLUGINS`` breaks a rule.

    Reads the names of the plugins Pelican registered, in registration order.
    """
    plugins = [plugin_name(p) for p in pelican.settings.get("PLUGINS") or ()]
    problem = order_problem(plugins)
    if problem is not None:
        raise PluginOrderError(problem)


__all__ = [
    "RULES",
    "Before",
    "PluginOrderError",
    "broken",
    "check_order",
    "needed_order",
    "order_problem",
    "plugin_name",
]
