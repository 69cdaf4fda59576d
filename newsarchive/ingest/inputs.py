"""Where raw articles come from: text files, or rows of CSV and JSONL corpora.

Every input becomes a RawRecord with a label for error lines (``path`` or
``path:LINE``) and the SHA-256 its articles carry as provenance, so a re-run
recognises what it has already imported.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsarchive.ingest.errors import IngestError

RAW_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}


# What each field is called in the corpora people bring, most usual name first. A column
# named on the command line is used alone; otherwise the first of these a record has.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "story", "body", "content", "article", "full_text", "article_text"),
    "title": ("title", "headline", "heading", "head"),
    "date": ("date", "published", "published_at", "pubdate", "publish_date", "datetime"),
    "id": ("id", "doc_id", "record_id", "guid", "uid"),
    "url": ("url", "link", "href", "permalink"),
    "section": ("section", "topic", "category", "rubric", "desk"),
    "lang": ("lang", "language"),
}


@dataclass(frozen=True)
class Columns:
    """Which corpus column or JSON field holds what.

    None means "find it": the first of ``FIELD_NAMES`` the record has. A name
    given explicitly must exist (for the text) or is simply absent from a record.
    """

    text: str | None = None
    title: str | None = None
    date: str | None = None
    id: str | None = None
    url: str | None = None
    lang: str | None = None
    section: str | None = None

    def candidates(self, field_name: str) -> tuple[str, ...]:
        given = getattr(self, field_name)
        return (given,) if given else FIELD_NAMES[field_name]

    def pick(self, field_name: str, keys: Iterable[str]) -> str | None:
        """The column of ``field_name`` among a record's keys, or None."""
        present = set(keys)
        return next((c for c in self.candidates(field_name) if c in present), None)


@dataclass(frozen=True)
class RawRecord:
    label: str
    origin_file: str
    sha256: str
    data: bytes | None = None
    text: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    line: int | None = None  # of a corpus row: where a reader finds it in the file
    columns: tuple[tuple[str, str], ...] = ()  # (field, column) pairs this record used


def raw_files(source: Path) -> list[Path]:
    """The raw files under a path, sorted so runs are reproducible."""
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise IngestError(f"{source}: no such file or folder")
    return sorted(
        p
        for p in source.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in RAW_SUFFIXES
    )


def read_raw_files(source: Path) -> Iterator[RawRecord]:
    for path in raw_files(source):
        try:
            data = path.read_bytes()
        except OSError as err:
            yield RawRecord(str(path), path.name, "", error=f"unreadable: {err.strerror}")
            continue
        yield RawRecord(str(path), path.name, hashlib.sha256(data).hexdigest(), data=data)


def _record(path: Path, line: int, row: dict[str, object], columns: Columns) -> RawRecord:
    label = f"{path}:{line}"
    canonical = json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8")
    sha = hashlib.sha256(canonical).hexdigest()
    fields: dict[str, str] = {}
    used: list[tuple[str, str]] = []
    for name in FIELD_NAMES:
        column = columns.pick(name, row)
        if column is None:
            continue
        used.append((name, column))
        value = row.get(column)
        if name != "text" and value not in (None, ""):
            fields[name] = str(value).strip()
    record = RawRecord(label, path.name, sha, fields=fields, line=line, columns=tuple(used))
    text_column = columns.pick("text", row)
    if text_column is None:
        names = " or ".join(repr(c) for c in columns.candidates("text"))
        return replace(record, error=f"no {names} field holding the article text")
    text = row.get(text_column)
    if text is None or not isinstance(text, str) or not text.strip():
        what = "null" if text is None else "empty" if isinstance(text, str) else type(text).__name__
        return replace(record, error=f"{text_column} is {what}: no article text")
    return replace(record, text=text)


def read_csv(path: Path, columns: Columns) -> Iterator[RawRecord]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        for name in FIELD_NAMES:
            given = getattr(columns, name)
            if given and given not in header:
                raise IngestError(f"{path}: no column {given!r}; columns are {', '.join(header)}")
        if columns.pick("text", header) is None:
            names = ", ".join(FIELD_NAMES["text"])
            raise IngestError(
                f"{path}: no text column (looked for {names}); columns are {', '.join(header)}; "
                "name it with --text-column"
            )
        line = reader.line_num + 1
        for row in reader:
            yield _record(path, line, row, columns)
            line = reader.line_num + 1


def read_jsonl(path: Path, columns: Columns) -> Iterator[RawRecord]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            label = f"{path}:{number}"
            try:
                row = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                yield RawRecord(
                    label, path.name, hashlib.sha256(raw).hexdigest(), error=f"not JSON: {err}"
                )
                continue
            if not isinstance(row, dict):
                yield RawRecord(
                    label, path.name, hashlib.sha256(raw).hexdigest(), error="not a JSON object"
                )
                continue
            yield _record(path, number, row, columns)


CORPUS_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FORMATS = ("auto", "raw", "csv", "jsonl")


def source_format(source: Path, fmt: str) -> str:
    """The format to read: ``auto`` is csv or jsonl for a file named so, raw otherwise."""
    if fmt not in FORMATS:
        raise IngestError(f"unknown format {fmt!r}: expected {', '.join(FORMATS)}")
    if fmt != "auto":
        return fmt
    return CORPUS_SUFFIXES.get(source.suffix.lower(), "raw") if source.is_file() else "raw"


def read_source(source: Path, fmt: str, columns: Columns) -> Iterator[RawRecord]:
    """Records from any supported input; ``fmt`` is auto, raw, csv or jsonl."""
    fmt = source_format(source, fmt)
    if fmt == "raw":
        yield from read_raw_files(source)
        return
    reader = {"csv": read_csv, "jsonl": read_jsonl}[fmt]
    files = [source] if source.is_file() else sorted(source.glob(f"*.{fmt}"))
    if not files:
        raise IngestError(f"{source}: no .{fmt} files")
    for path in files:
        yield from reader(path, columns)


def count_records(source: Path, fmt: str) -> int | None:
    """A cheap total for the progress bar (lines for JSONL, files for raw); None when unknown."""
    fmt = source_format(source, fmt) if source.exists() else fmt
    if fmt == "raw":
        return len(raw_files(source)) if source.exists() else None
    if fmt == "jsonl" and source.is_file():
        with source.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    return None


__all__ = ["FIELD_NAMES", "FORMATS", "Columns", "RawRecord", "count_records", "read_source"]
