"""Markdown files with YAML front matter: split, load safely, dump stably.

The loader is deliberately narrower than YAML: no anchors or aliases (a
"billion laughs" file is refused before anything expands), no tags, and no
implicit typing beyond ``null``. Every scalar stays the string it reads as, so a
title ``No`` or ``2019`` is not turned into ``False`` or ``2019``; the article
schema, not YAML's guessing, decides which fields are integers or dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

MAX_FRONT_MATTER_BYTES = 64 * 1024

_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class FrontMatterError(ValueError):
    """A front-matter problem, with the field and the 1-based line it concerns."""

    def __init__(self, message: str, *, field: str | None = None, line: int | None = None):
        super().__init__(message)
        self.field = field
        self.line = line

    def describe(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{where}{self}"


@dataclass(frozen=True)
class Document:
    """One Markdown file: its metadata, its body, and where each key sits."""

    meta: dict[str, Any]
    body: str
    body_line: int
    key_lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases, tags or implicit types other than null."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 - replaced per class, as PyYAML expects

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise FrontMatterError(
                "YAML aliases (*name) are not allowed in front matter",
                line=event.start_mark.line + 1,
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise FrontMatterError(
                f"YAML anchors (&{anchor}) are not allowed in front matter",
                line=event.start_mark.line + 1,
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and not (isinstance(event, yaml.ScalarEvent) and tag is None):
            raise FrontMatterError(
                f"YAML tags ({tag}) are not allowed in front matter",
                line=event.start_mark.line + 1,
            )
        return super().compose_node(parent, index)


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def split(text: str) -> tuple[str | None, str, int]:
    """Return (yaml text or None, body, 1-based line where the body starts)."""
    match = _FENCE.match(text)
    if not match:
        return None, text.lstrip("\ufeff"), 1
    front = match.group(1) or ""
    body_line = text.count("\n", 0, match.end()) + 1
    return front, text[match.end() :], body_line


def parse(text: str) -> Document:
    """Parse a Markdown file; raise FrontMatterError with a line number on bad YAML."""
    front, body, body_line = split(text)
    if front is None:
        raise FrontMatterError(
            "no YAML front matter: the file must start with a '---' line", line=1
        )
    if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise FrontMatterError(
            f"front matter larger than {MAX_FRONT_MATTER_BYTES // 1024} KB", line=2
        )
    loader = _Loader(front)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FrontMatterError("front matter is empty", line=2)
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError("front matter must be a mapping of 'key: value' lines", line=2)
        meta = loader.construct_document(node)
    except FrontMatterError as err:
        if err.line is not None:
            err.line += 1  # the opening '---' is line 1
        raise
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(err, "problem", None) or str(err)
        raise FrontMatterError(f"invalid YAML: {problem}", line=line) from None
    finally:
        loader.dispose()
    key_lines = {
        key.value: key.start_mark.line + 2
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return Document(meta=meta, body=body, body_line=body_line, key_lines=key_lines)


# libyaml's emitter when PyYAML has it (its wheels do): ~10x faster for bulk ingest.
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(meta: dict[str, Any], body: str) -> str:
    """Serialise metadata and body; key order is kept so diffs stay small.

    PyYAML's safe dumper quotes any string another YAML reader would retype
    (``"No"``, ``"2019"``), so the file reads the same in every editor.
    """
    front = yaml.dump(
        meta,
        Dumper=_SafeDumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        default_flow_style=None,
    )
    return f"---\n{front}---\n\n{body.strip()}\n"
