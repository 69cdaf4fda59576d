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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.ingest.errors import IngestError

RAW_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}


@dataclass(frozen=True)
class Columns:
    """Which corpus column or JSON field holds what; empty means the corpus has none."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    id: str = ""
    url: str = "url"
    lang: str = ""


@dataclass(frozen=True)
class RawRecord:
    label: str
    origin_file: str
    sha256: str
    data: bytes | None = None
    text: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    error: str | None = None


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
    fields = {}
    for name in ("title", "date", "id", "url", "lang"):
        column = getattr(columns, name)
        value = row.get(column) if column else None
        if value not in (None, ""):
            fields[name] = str(value).strip()
    text = row.get(columns.text)
    if columns.text not in row:
        return RawRecord(label, path.name, sha, fields=fields, error=f"no {columns.text!r} field")
    if text is None or not isinstance(text, str) or not text.strip():
        what = "null" if text is None else "empty" if isinstance(text, str) else type(text).__name__
        return RawRecord(
            label, path.name, sha, fields=fields, error=f"{columns.text} is {what}: no article text"
        )
    return RawRecord(label, path.name, sha, text=text, fields=fields)


def read_csv(path: Path, columns: Columns) -> Iterator[RawRecord]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in (columns.text,) if c not in (reader.fieldnames or [])]
        if missing:
            raise IngestError(
                f"{path}: no column {missing[0]!r}; columns are {', '.join(reader.fieldnames or [])}"
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


def read_source(source: Path, fmt: str, columns: Columns) -> Iterator[RawRecord]:
    """Records from any supported input; ``fmt`` is raw, csv or jsonl."""
    if fmt == "raw":
        yield from read_raw_files(source)
        return
    reader = {"csv": read_csv, "jsonl": read_jsonl}.get(fmt)
    if reader is None:
        raise IngestError(f"unknown format {fmt!r}: expected raw, csv or jsonl")
    files = [source] if source.is_file() else sorted(source.glob(f"*.{fmt}"))
    if not files:
        raise IngestError(f"{source}: no .{fmt} files")
    for path in files:
        yield from reader(path, columns)


def count_records(source: Path, fmt: str) -> int | None:
    """A cheap total for the progress bar (lines for JSONL, files for raw); None when unknown."""
    if fmt == "raw":
        return len(raw_files(source)) if source.exists() else None
    if fmt == "jsonl" and source.is_file():
        with source.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    return None


__all__ = ["Columns", "RawRecord", "count_records", "read_source"]
