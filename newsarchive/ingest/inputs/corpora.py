"""CSV and JSONL corpora: their encoding, their lines and rows, and each row's fields.

Inputs are untrusted, so:

* A CSV or JSONL file's encoding comes from its byte-order mark; else it is
  UTF-8, unless most of the lines with non-ASCII bytes in its first
  ``_SAMPLE_BYTES`` are not UTF-8: then it is the legacy encoding those lines
  read as (``decode.legacy_encoding``, the rules raw text is decoded by), or the
  file is refused by name. Bytes that are not valid in the chosen encoding
  refuse their line or row only.
* One bad line refuses that line only: JSON that does not parse, nests too
  deeply, holds NaN, Infinity, a number out of range or a key twice, or is not
  an object; a line longer than ``MAX_LINE`` characters. A CSV row with more or
  fewer fields than the header, or a field longer than ``MAX_FIELD`` characters,
  likewise. Later good rows are still read.
* Control characters and unpaired surrogates are removed from the text and every
  field (``clean.remove_controls``) and counted in ``RawRecord.removed`` for the
  run's summary; line breaks and tabs in a field become spaces.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, TextIO

from newsarchive.ingest.clean import remove_controls
from newsarchive.ingest.decode import BOMS, DEFAULT_MAX_BYTES, legacy_encoding
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.inputs.files import open_regular
from newsarchive.ingest.inputs.records import FIELD_NAMES, Columns, RawRecord, refused

MAX_FIELD = DEFAULT_MAX_BYTES  # characters in one CSV field or one corpus text: a raw file's limit
MAX_LINE = 5 * DEFAULT_MAX_BYTES  # characters in one JSONL line: a text, escaped, and its fields

# Choosing a corpus's encoding: at most this much of the file is read, and these many
# lines with non-ASCII bytes settle it; the non-UTF-8 ones (up to a raw file's limit)
# are what the legacy encoding is judged on.
_SAMPLE_BYTES = 64 * 2**20
_SAMPLE_LINES = 1000
# More NUL bytes than one in this many, without a byte-order mark: UTF-16 or binary.
_NUL_SHARE = 10

_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes the chosen encoding could not decode
_FIELD_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


# --- corpora: encoding, lines and fields ------------------------------------------------


def _corpus_encoding(handle: BinaryIO) -> tuple[str, int]:
    """The encoding to read a corpus file in, and the bytes of byte-order mark to skip.

    The handle is left at the start of the file.
    """
    head = handle.read(4)
    handle.seek(0)
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    scanned = nul = non_ascii = invalid = 0
    sample = bytearray()
    while scanned < _SAMPLE_BYTES and non_ascii < _SAMPLE_LINES:
        line = handle.readline(MAX_LINE)
        if not line:
            break
        scanned += len(line)
        nul += line.count(b"\0")
        if line.isascii():
            continue
        non_ascii += 1
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            invalid += 1
            if len(sample) < DEFAULT_MAX_BYTES:
                sample += line
    handle.seek(0)
    if nul * _NUL_SHARE > scanned:
        raise IngestError(
            "binary data (NUL bytes): UTF-16 without a byte-order mark, or not text; "
            "save it as UTF-8"
        )
    if invalid * 2 <= non_ascii:
        return "utf-8", 0
    try:
        return legacy_encoding(bytes(sample)), 0
    except IngestError as err:
        detail = err.reason.removeprefix("undecodable: ")
        raise IngestError(f"undecodable: not UTF-8, and {detail}") from None


def _open_corpus(path: Path, *, follow: bool, newline: str) -> tuple[TextIO, str]:
    """A corpus file as text in its encoding, and the encoding's name for messages.

    Bytes the encoding cannot decode become lone surrogates (``surrogateescape``),
    so the line or row that holds them can be refused alone.
    """
    handle = open_regular(path, follow=follow)
    try:
        encoding, skip = _corpus_encoding(handle)
        handle.seek(skip)
    except BaseException:
        handle.close()
        raise
    stream = io.TextIOWrapper(handle, encoding=encoding, errors="surrogateescape", newline=newline)
    return stream, encoding.upper().replace("_", "-")


def _lines(stream: TextIO, limit: int) -> Iterator[tuple[int, str | None]]:
    """Numbered lines, each read at most ``limit`` characters at a time; None for a longer one.

    A longer line is skipped to its end without being held in memory.
    """
    number = 0
    while line := stream.readline(limit):
        number += 1
        if line.endswith("\n") or len(line) < limit:
            yield number, line
            continue
        more = stream.readline(limit)
        if not more:
            yield number, line
            return
        while more and not more.endswith("\n"):
            more = stream.readline(limit)
        yield number, None


def _clean_field(value: str) -> tuple[str, int]:
    """A field as one line without control characters, and how many were removed."""
    if value.isprintable():  # no control, surrogate, line break or tab: the usual case
        return value.strip(), 0
    text, removed = remove_controls(value)
    return _FIELD_BREAKS.sub(" ", text).strip(), removed


def _json_kind(value: object) -> str:
    """What a value that should have been text is, in a reader's words."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "an object" if isinstance(value, dict) else "a list"


def _record(path: Path, line: int, row: dict[str, object], columns: Columns) -> RawRecord:
    label = f"{path}:{line}"
    try:
        canonical = json.dumps(row, sort_keys=True, ensure_ascii=False)
    except RecursionError:
        return refused(label, path, "not JSON: nested too deeply")
    sha = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    fields: dict[str, str] = {}
    used: list[tuple[str, str]] = []
    removed = 0
    for name in FIELD_NAMES:
        column = columns.pick(name, row)
        if column is None:
            continue
        used.append((name, column))
        value = row.get(column)
        if name == "text" or value is None or value == "":
            continue
        if isinstance(value, dict | list):
            return refused(label, path, f"{column} is {_json_kind(value)}: expected text", sha)
        cleaned, dropped = _clean_field(str(value))
        removed += dropped
        if cleaned:
            fields[name] = cleaned
    record = RawRecord(label, path.name, sha, fields=fields, line=line, columns=tuple(used))
    text_column = columns.pick("text", row)
    if text_column is None:
        names = " or ".join(repr(c) for c in columns.candidates("text"))
        return replace(record, error=f"no {names} field holding the article text")
    text = row.get(text_column)
    if isinstance(text, str):
        text, dropped = remove_controls(text)
        removed += dropped
    if text is None or not isinstance(text, str) or not text.strip():
        return replace(record, error=f"{text_column} is {_json_kind(text)}: no article text")
    if len(text) > MAX_FIELD:
        return replace(
            record,
            error=f"{text_column} is too long: {len(text):,} characters, limit {MAX_FIELD:,}",
        )
    return replace(record, text=text, removed=removed)


# --- CSV --------------------------------------------------------------------------------


def read_csv(path: Path, columns: Columns, *, follow: bool = True) -> Iterator[RawRecord]:
    """One record per row; a file that cannot be read as text is refused by name."""
    try:
        stream, encoding = _open_corpus(path, follow=follow, newline="")
    except IngestError as err:
        yield refused(str(path), path, err.reason)
        return
    with stream:
        yield from _csv_records(path, stream, encoding, columns)


def _bounded_lines(stream: TextIO) -> Iterator[str]:
    """The physical lines the csv module reads, none held longer than ``MAX_FIELD``.

    A longer line is skipped and replaced by one field just over the csv field
    limit, so the row it belongs to fails with csv's own error and the next row
    is read normally.
    """
    for _, line in _lines(stream, MAX_FIELD):
        yield line if line is not None else "x" * (MAX_FIELD + 1) + "\n"


def _csv_records(
    path: Path, stream: TextIO, encoding: str, columns: Columns
) -> Iterator[RawRecord]:
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(_bounded_lines(stream))
    try:
        header = next(reader, [])
    except (csv.Error, UnicodeDecodeError) as err:
        raise IngestError(f"{path}: header: {_csv_reason(err, encoding)}") from None
    _check_header(path, header, columns)
    while True:
        line = reader.line_num + 1
        label = f"{path}:{line}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield refused(label, path, _csv_reason(err, encoding))
            continue
        except UnicodeDecodeError:
            yield refused(label, path, _undecodable_from_here(encoding))
            return
        if not row:
            continue
        if len(row) != len(header):
            reason = f"ragged row: {len(row)} fields, the header has {len(header)}"
            yield refused(label, path, f"{reason} (a quote or line break out of place?)")
        elif any(not value.isascii() and _ESCAPED.search(value) for value in row):
            yield refused(label, path, f"undecodable: not valid {encoding}")
        else:
            yield _record(path, line, dict(zip(header, row, strict=True)), columns)


def _check_header(path: Path, header: list[str], columns: Columns) -> None:
    """The columns named on the command line, and a text column, must exist."""
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


def _csv_reason(err: Exception, encoding: str) -> str:
    if isinstance(err, UnicodeDecodeError):
        return f"undecodable: not valid {encoding}"
    if "field larger than field limit" in str(err):
        return f"field too long: more than {MAX_FIELD:,} characters"
    return f"not CSV: {err}"


def _undecodable_from_here(encoding: str) -> str:
    return f"undecodable: not valid {encoding} from here on; the rest of the file is not read"


# --- JSONL ------------------------------------------------------------------------------


class _NotJson(ValueError):
    """A line that parses but is not the strict JSON a record must be."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object, refused when it names a key twice (which value would be meant?)."""
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _NotJson(f"key {key!r} twice")
            seen.add(key)
    return mapping


def _no_constant(name: str) -> object:
    raise _NotJson(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJson(f"number out of range: {text[:20]}")
    return value


def _json_object(line: str) -> dict[str, object]:
    """The object on one JSONL line; ValueError with the reason when it is not one.

    Raw control characters inside strings are accepted (scrapes hold tabs) and
    then removed with the others.
    """
    try:
        row = json.loads(
            line,
            strict=False,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_float=_finite,
        )
    except RecursionError:
        raise ValueError("not JSON: nested too deeply") from None
    except _NotJson as err:
        raise ValueError(f"not JSON: {err}") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"not JSON: {err}") from None
    except ValueError:  # int() refuses more digits than sys.get_int_max_str_digits()
        limit = sys.get_int_max_str_digits()
        raise ValueError(f"not JSON: a number of more than {limit:,} digits") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    return row


def read_jsonl(path: Path, columns: Columns, *, follow: bool = True) -> Iterator[RawRecord]:
    """One record per non-blank line; a bad line is refused alone, the rest still read."""
    try:
        stream, encoding = _open_corpus(path, follow=follow, newline="\n")
    except IngestError as err:
        yield refused(str(path), path, err.reason)
        return
    with stream:
        number = 0
        try:
            for number, line in _lines(stream, MAX_LINE):
                record = _jsonl_record(path, number, line, encoding, columns)
                if record is not None:
                    yield record
        except UnicodeDecodeError:
            label = f"{path}:{number + 1}"
            yield refused(label, path, _undecodable_from_here(encoding))


def _jsonl_record(
    path: Path, number: int, line: str | None, encoding: str, columns: Columns
) -> RawRecord | None:
    label = f"{path}:{number}"
    if line is None:
        return refused(label, path, f"line too long: more than {MAX_LINE:,} characters")
    if not line.strip():
        return None
    if not line.isascii() and _ESCAPED.search(line):
        return refused(label, path, f"undecodable: not valid {encoding}")
    try:
        row = _json_object(line)
    except ValueError as err:
        return refused(label, path, str(err))
    return _record(path, number, row, columns)
