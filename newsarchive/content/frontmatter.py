# Over 400 lines in one piece on purpose: the loader's limits (size, nesting, duplicate keys)
# are checked on both the libyaml fast path and the pure-Python path, and the two must stay
# side by side so that they refuse exactly the same files.
"""Markdown files with YAML front matter: split, load safely, dump stably.

The loader is deliberately narrower than YAML: no anchors or aliases (a
"billion laughs" file is refused before anything expands), no tags, and no
implicit typing beyond ``null``. Every scalar stays the string it reads as, so a
title ``No`` or ``2019`` is not turned into ``False`` or ``2019``; the article
schema, not YAML's guessing, decides which fields are integers or dates.

``load_mapping`` offers the same loader to the other YAML files contributors
write (the entity and tag registries), so they are refused the same way.

Limits, each refused with the line and the field it concerns (no input can
exhaust memory or the stack, or lose a value silently):

- at most 64 KB of YAML (``MAX_YAML_BYTES``) in front matter or a registry file;
- lists and mappings nested at most ``MAX_NESTING`` levels deep: deeper YAML
  would recurse the loader to a crash, and no field needs more than four;
- every key at most once in a mapping: YAML keeps the last of two silently, so
  a second ``title:`` would replace the first unseen.

Nesting and duplicate keys are checked on the composed node tree: on the fast
path as libyaml's tree (never deeper than libyaml allows, 1,000 levels) is
turned into values, at no extra pass; on the pure-Python path nesting while the
tree is composed (before its recursion could reach Python's limit), then keys
in one iterative walk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from newsarchive.content.printable import printable

MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_YAML_BYTES = MAX_FRONT_MATTER_BYTES  # a registry file is held to the same size
MAX_NESTING = 20

_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_OPENING = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")


class FrontMatterError(ValueError):
    """A front-matter problem, with the field and the 1-based line it concerns."""

    def __init__(self, message: str, *, field: str | None = None, line: int | None = None):
        super().__init__(message)
        self.field = field
        self.line = line

    def describe(self) -> str:
        where = f"{printable(self.field)}: " if self.field else ""
        return f"{where}{self}"


@dataclass(frozen=True)
class Document:
    """One Markdown file: its metadata, its body, and where each key sits."""

    meta: dict[str, Any]
    body: str
    body_line: int
    key_lines: dict[str, int]


_WRITE_OUT = "expected every value written out in full"


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases, tags or implicit types other than null.

    Refusals name the top-level key they sit under, so the message can say
    which field to rewrite.
    """

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 - replaced per class, as PyYAML expects

    def __init__(self, stream: str, offset: int = 0):
        super().__init__(stream)
        self._depth = 0
        self._field: str | None = None
        self._offset = offset  # lines before the YAML text (the opening '---')

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self._depth == 1:
            # Keys are composed with index None, values with their key node as index.
            self._field = index.value if isinstance(index, yaml.ScalarNode) else None
        event = self.peek_event()
        self._refuse(event)
        # Refused while composing, before the loader's recursion can reach Python's limit.
        if self._depth >= MAX_NESTING and isinstance(event, _COLLECTION_STARTS):
            raise _too_deep(self._field, event.start_mark.line + 1 + self._offset)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _refuse(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 + self._offset
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterError(
                f"YAML aliases (*{event.anchor}) are not allowed; {_WRITE_OUT}",
                field=self._field,
                line=line,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise FrontMatterError(
                f"YAML anchors (&{anchor}) are not allowed; {_WRITE_OUT}",
                field=self._field,
                line=line,
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and not (isinstance(event, yaml.ScalarEvent) and tag is None):
            raise FrontMatterError(
                f"YAML tags ({tag}) are not allowed; expected plain text values",
                field=self._field,
                line=line,
            )


_COLLECTION_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)


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
        if _OPENING.match(text):
            raise FrontMatterError(
                "front matter is not closed: expected a '---' line after the last field "
                "(the '---' on line 1 opens it)",
                line=1,
            )
        raise FrontMatterError(
            "no YAML front matter: the file must start with a '---' line", line=1
        )
    if _size(front) > MAX_FRONT_MATTER_BYTES:
        raise FrontMatterError(
            f"front matter larger than {MAX_FRONT_MATTER_BYTES // 1024} KB", line=2
        )
    try:
        node, meta = _load(front, offset=1)  # the opening '---' is line 1
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(err, "problem", None) or str(err)
        raise FrontMatterError(f"invalid YAML: {problem}", line=line) from None
    if node is None:
        raise FrontMatterError("front matter is empty", line=2)
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError("front matter must be a mapping of 'key: value' lines", line=2)
    key_lines = {
        key.value: key.start_mark.line + 2
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return Document(meta=meta, body=body, body_line=body_line, key_lines=key_lines)


_KINDS = {yaml.ScalarNode: "a single value", yaml.SequenceNode: "a list"}


def load_mapping(text: str) -> dict[str, Any]:
    """A whole YAML file of 'key: value' lines, read with the front-matter loader.

    Raises FrontMatterError (1-based line) for what the narrow loader refuses,
    anchors and aliases included, for a file over ``MAX_YAML_BYTES``, or when
    the file is not a mapping; and yaml.YAMLError for text that is not YAML at all.
    """
    check_size(_size(text))
    node, data = _load(text)
    if not isinstance(node, yaml.MappingNode):
        got = "an empty file" if node is None else _KINDS.get(type(node), "something else")
        line = 1 if node is None else node.start_mark.line + 1
        raise FrontMatterError(f"expected a mapping of 'key: value' lines, got {got}", line=line)
    return data


def check_size(size: int) -> None:
    """Refuse a YAML file of ``size`` bytes over ``MAX_YAML_BYTES`` (before it is parsed)."""
    if size > MAX_YAML_BYTES:
        raise FrontMatterError(
            f"file larger than {MAX_YAML_BYTES // 1024} KB; expected a short YAML file "
            "of 'key: value' lines",
            line=1,
        )


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _load(text: str, offset: int = 0) -> tuple[yaml.Node | None, Any]:
    """The one YAML document in ``text``: its node (for line numbers) and its value.

    ``offset`` is the number of lines before ``text`` in its file, so that every
    line a FrontMatterError names is a line of the file.
    """
    fast = _load_fast(text, offset)
    if fast is not None:
        return fast
    loader = _Loader(text, offset)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_tree(node, offset)
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


def _check_tree(root: yaml.Node, offset: int) -> None:
    """Refuse lists and mappings nested over MAX_NESTING levels, and keys given twice.

    For the pure-Python loader's tree (the fast path checks as it constructs):
    one iterative walk in document order, whatever the depth; the first problem
    found is raised, with its field and line.
    """
    for node, level, field in _walk(root):
        if level > MAX_NESTING and isinstance(node, _COLLECTIONS):
            raise _too_deep(field, node.start_mark.line + 1 + offset)
        if isinstance(node, yaml.MappingNode):
            names = [_scalar(key) for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
            if len(set(names)) < len(names):
                twice = next(name for n, name in enumerate(names) if name in names[:n])
                raise _duplicate(node, twice, field if level > 1 else None, offset)


_COLLECTIONS = (yaml.SequenceNode, yaml.MappingNode)


def _walk(root: yaml.Node) -> Iterator[tuple[yaml.Node, int, str | None]]:
    """Every node with its level (the root is 1) and the top-level key it sits under."""
    stack: list[tuple[yaml.Node, int, str | None]] = [(root, 1, None)]
    while stack:
        node, level, field = stack.pop()
        yield node, level, field
        if isinstance(node, yaml.MappingNode):
            children = []
            for key, value in node.value:
                name = field
                if level == 1:
                    name = key.value if isinstance(key, yaml.ScalarNode) else None
                children += [(key, level + 1, name), (value, level + 1, name)]
            stack.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, level + 1, field) for item in reversed(node.value))


def _duplicate(
    node: yaml.MappingNode, name: Any, field: str | None, offset: int
) -> FrontMatterError:
    """The second of two keys ``name`` of one mapping, as an error naming both lines."""
    lines = [
        key.start_mark.line + 1 + offset
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode) and _scalar(key) == name
    ]
    shown = "null" if name is None else repr(name)
    return FrontMatterError(
        f"duplicate key {shown} (also at line {lines[0]}); expected each key once, "
        "since YAML would silently keep only the last",
        field=field,
        line=lines[1],
    )


def _too_deep(field: str | None, line: int) -> FrontMatterError:
    return FrontMatterError(
        f"YAML nested deeper than {MAX_NESTING} levels; expected lists and mappings "
        f"at most {MAX_NESTING} levels deep",
        field=field,
        line=line,
    )


_CSafeLoader = getattr(yaml, "CSafeLoader", None)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
# Where YAML could read an anchor (&), alias (*) or tag (!): after a space, a flow
# bracket or a comma, or at a line start. Elsewhere (AT&T, "Hurrah!") they are text.
_INDICATOR = re.compile(r"(?:^|[\s\[\]{},])[&*!]", re.M)


def _load_fast(text: str, offset: int = 0) -> tuple[yaml.Node | None, Any] | None:
    """The same result as the narrow loader, parsed by libyaml: ~10x faster.

    Only for text that cannot hold an anchor, alias or tag (no ``&``, ``*`` or
    ``!`` where YAML would read one); anything else, and any error, goes to the
    pure-Python loader, which refuses it with the field and line.
    """
    if _CSafeLoader is None or _INDICATOR.search(text):
        return None
    try:
        node = yaml.compose(text, Loader=_CSafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None, None
    try:
        return node, _construct(node, offset)
    except _NotPlain:
        return None


class _NotPlain(Exception):
    """A node the fast path does not construct (a complex key): use the narrow loader."""


def _construct(node: yaml.Node, offset: int, level: int = 1, field: str | None = None) -> Any:
    """Every scalar as its text (null excepted), as the narrow loader's resolvers say.

    Nesting and duplicate keys are refused here, as ``_check_tree`` refuses them
    for the other loader, so the fast path walks the tree only once.
    """
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if level > MAX_NESTING:
        raise _too_deep(field, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, offset, level + 1, field) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _NotPlain
            name = _scalar(key)
            if name in out:
                raise _duplicate(node, name, field if level > 1 else None, offset)
            out[name] = _construct(value, offset, level + 1, key.value if level == 1 else field)
        return out
    raise _NotPlain


def _scalar(node: yaml.ScalarNode) -> str | None:
    plain = not node.style  # libyaml says "" where PyYAML says None
    return None if plain and _NULL.match(node.value) else node.value


# libyaml's emitter when PyYAML has it (its wheels do): ~10x faster for bulk ingest.
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_TAG = "tag:yaml.org,2002:"


def dump(meta: dict[str, Any], body: str) -> str:
    """Serialise metadata and body; key order is kept so diffs stay small.

    PyYAML's safe dumper quotes any string another YAML reader would retype
    (``"No"``, ``"2019"``), so the file reads the same in every editor.
    """
    options = {"allow_unicode": True, "width": 1000}
    try:
        front = yaml.serialize(_node(meta), Dumper=_SafeDumper, **options)
    except _NotPlain:
        front = yaml.dump(
            meta, Dumper=_SafeDumper, sort_keys=False, default_flow_style=None, **options
        )
    return f"---\n{front}---\n\n{body.strip()}\n"


def _node(value: Any) -> yaml.Node:
    """The node PyYAML's SafeRepresenter makes of a front-matter value, made directly.

    Its representer is pure Python and takes half of a dump; for the values front
    matter holds (text, numbers, booleans, null, lists, mappings) these few lines
    build the same nodes, with its ``default_flow_style=None`` rule: a list or
    mapping of plain scalars only is written in flow style (``[a, b]``). Anything
    else goes to the representer itself.
    """
    if isinstance(value, str):
        return yaml.ScalarNode(f"{_TAG}str", value)
    if isinstance(value, bool):
        return yaml.ScalarNode(f"{_TAG}bool", "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarNode(f"{_TAG}int", str(value))
    if value is None:
        return yaml.ScalarNode(f"{_TAG}null", "null")
    if isinstance(value, list):
        items = [_node(item) for item in value]
        return yaml.SequenceNode(f"{_TAG}seq", items, flow_style=all(map(_plain, items)))
    if isinstance(value, dict):
        pairs = [(_node(k), _node(v)) for k, v in value.items()]
        flow = all(_plain(k) and _plain(v) for k, v in pairs)
        return yaml.MappingNode(f"{_TAG}map", pairs, flow_style=flow)
    raise _NotPlain


def _plain(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style
