"""Suggestions as draft entity files: YAML to paste, headed by its path and evidence.

Rules:

* Fields are written the way the registry's files are (``aliases`` as a flow list);
  values are quoted by the YAML dumper, and the evidence lines are comments cleaned of
  line breaks, so no text from an article can add a field.
* The description is a placeholder starting ``TODO:`` that ``is_placeholder``
  recognises, and a human must replace.
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml

from newsarchive.content.entity_suggest.ranking import Suggestion

PLACEHOLDER_PREFIX = "TODO:"


def placeholder(name: str) -> str:
    """The description a suggestion carries until a human writes one."""
    return f"{PLACEHOLDER_PREFIX} one line saying who or what {name} is (replace this text)"


def is_placeholder(description: str) -> bool:
    """True for a description still reading as ``placeholder`` wrote it."""
    return description.strip().upper().startswith(PLACEHOLDER_PREFIX)


def render(suggestions: Iterable[Suggestion], folder: str = "content/entities") -> str:
    """YAML documents ready to paste as entity files, each headed by its path and evidence.

    Fields are written the way the registry's files are (``aliases`` as a flow
    list); values are quoted by the YAML dumper, and the evidence lines are
    comments cleaned of line breaks, so no text from an article can add a field.
    """
    documents = []
    for s in suggestions:
        lines = [
            f"# {folder}/{s.id}.yaml ({s.type}; {_plural(s.articles, 'article')}, "
            f"{_plural(s.mentions, 'mention')})"
        ]
        if s.example:
            lines.append(f"# e.g. {s.example}")
        lines.append(_field("name", s.name))
        lines.append(_field("type", s.type))
        if s.aliases:
            lines.append(_field("aliases", list(s.aliases)))
        lines.append(_field("description", placeholder(s.name)))
        documents.append("---\n" + "\n".join(lines) + "\n")
    return "".join(documents)


def _field(key: str, value: str | list[str]) -> str:
    """One ``key: value`` line; a list in brackets, as the registry's files write aliases."""
    text = (
        yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
        .removesuffix("\n...\n")
        .strip()
    )
    return f"{key}: {text}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
