"""Where raw articles come from: text files, or rows of CSV and JSONL corpora.

Every input becomes a RawRecord with a label for error lines (``path`` or
``path:LINE``) and the SHA-256 its articles carry as provenance, so a re-run
recognises what it has already imported.

Inputs are untrusted: ``files`` reads regular files only and never blocks,
``corpora`` refuses a bad line or row alone; each module states its rules.
Modules: ``records`` (``RawRecord``, ``Columns``), ``files`` (raw text files and
folders), ``corpora`` (CSV and JSONL), and here the sources that choose between them.

May import: the rest of ``newsarchive.ingest`` (decoding, cleaning, errors) and the
standard library.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.inputs.corpora import MAX_FIELD, MAX_LINE, read_csv, read_jsonl
from newsarchive.ingest.inputs.files import (
    RAW_SUFFIXES,
    listing,
    open_regular,
    read_raw_files,
    source_kind,
)
from newsarchive.ingest.inputs.records import FIELD_NAMES, Columns, RawRecord, refused

# --- sources ----------------------------------------------------------------------------

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
    named = source_kind(source) == "file"
    files = [(source, None)] if named else listing(source, {f".{fmt}"}, recursive=False)
    if not files:
        raise IngestError(f"{source}: no .{fmt} files")
    for path, refusal in files:
        if refusal is not None:
            yield refused(str(path), path, refusal)
        else:
            yield from reader(path, columns, follow=named)


def count_records(source: Path, fmt: str) -> int | None:
    """A cheap total for the progress bar (lines for JSONL, files for raw); None when unknown."""
    fmt = source_format(source, fmt)
    try:
        named = source_kind(source) == "file"
    except IngestError:
        return None  # read_source says why
    if fmt == "raw":
        return 1 if named else len(listing(source, RAW_SUFFIXES, recursive=True))
    if fmt != "jsonl" or not named:
        return None
    try:
        with open_regular(source, follow=True) as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(2**20), b""))
    except IngestError:
        return None


__all__ = [
    "FIELD_NAMES",
    "FORMATS",
    "MAX_FIELD",
    "MAX_LINE",
    "Columns",
    "RawRecord",
    "count_records",
    "read_source",
]
