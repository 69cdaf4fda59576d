"""The archive as data: one row per article or entity, written as JSON and CSV for researchers.

Both files are deterministic: the same rows give the same bytes (rows and keys in the
order given, no timestamps, UTF-8 without BOM, ``\\n`` line ends), so a rebuild that
changes nothing changes no file, and a diff of two releases shows what moved.

JSON layout: one array, one row per line, each row compact (no spaces after ``,`` and
``:``), non-ASCII kept as is. ``json.load`` reads it whole; ``grep`` and ``diff``
work line by line. Lists stay lists, a missing value is ``null``.

CSV layout (RFC 4180 with LF line ends): a header line of column names, then one
line per row; a field with a comma, quote, CR or LF is quoted, its quotes doubled.
A missing value is an empty cell. ``csv_text`` says how lists are encoded and how
cells are kept from running as spreadsheet formulas.

Published, each file is gzip-compressed by default (``articles.csv.gz``: a quarter of
the size, which a host's limit counts), made by ``newsarchive.site.gzipped`` so a
rebuild compresses again only the chunks whose lines changed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from newsarchive.content import provenance
from newsarchive.content.schema import UNKNOWN_DATE
from newsarchive.site import gzipped, urls
from newsarchive.site.incremental import digest_of, file_digest
from newsarchive.site.overwrite import remove_others, write_if_changed

ARTICLE_COLUMNS = (
    "slug", "title", "date", "url", "source", "publisher", "author", "section", "kind",
    "lang", "summary", "entities", "tags", "origin_story",
    "origin_file", "origin_sha256", "origin_part", "origin_record", "origin_line",
    "origin_url", "origin_section",
)  # fmt: skip
ENTITY_COLUMNS = (
    "id", "name", "type", "aliases", "description", "url",
    "article_count", "first_date", "last_date",
)  # fmt: skip

TABLES = ("articles", "entities")
# The formats the data files are written in, as the archives page lists them. Each holds
# the same rows: at 20,000 articles the CSV is 0.7 KB an article and the JSON 1 KB (0.23
# KB each compressed), so an archive near its host's size limit may publish one
# (``ARCHIVE_PAGES_DATA_FORMATS``).
FORMATS = ("csv", "json")
GZIP_SUFFIX = ".gz"
LIST_SEPARATOR = "; "
# A spreadsheet reads a cell starting with one of these as a formula (or, for the
# apostrophe, as the guard itself, so it is guarded too and the rule reads back exactly).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_ORIGIN_FIELDS = ("file", "sha256", "part", "record", "line", "url", "section")


class EntityLike(Protocol):
    """What entity_row reads; newsarchive.content.registry.Entity is one."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def description(self) -> str: ...


def article_row(meta: Mapping[str, Any], url: str) -> dict[str, Any]:
    """One article's front matter as a flat row of ARTICLE_COLUMNS.

    ``url`` is the site-relative address ("2019/10/slug/"). ``kind`` and ``lang``
    are filled with the schema's meaning of an omitted field (article, en) so the
    column never needs interpreting. ``section`` is always a list (a story may be
    filed under several). Provenance is spread over origin_*: one list item per
    record the story came from, in the same order in every origin_ column (None
    where a record lacks the field; no items when none has it), and the story key.
    """
    origin = meta.get("origin")
    records = provenance.records(origin)
    row: dict[str, Any] = {
        "slug": meta["slug"],
        "title": meta["title"],
        "date": _iso_date(meta.get("date")) or UNKNOWN_DATE,
        "url": url,
        "source": meta.get("source"),
        "publisher": meta.get("publisher"),
        "author": meta.get("author"),
        "section": provenance.sections(meta.get("section")),
        "kind": meta.get("kind") or "article",
        "lang": meta.get("lang") or "en",
        "summary": meta.get("summary"),
        "entities": list(meta.get("entities") or ()),
        "tags": list(meta.get("tags") or ()),
    }
    row["origin_story"] = provenance.story(origin)
    for field in _ORIGIN_FIELDS:
        values = [r.get(field) for r in records]
        row[f"origin_{field}"] = values if any(v is not None for v in values) else []
    return row


def entity_row(entity: EntityLike, url: str, dates: Sequence[dt.date | None]) -> dict[str, Any]:
    """One entity as a row of ENTITY_COLUMNS; ``dates`` has one entry per article mentioning it.

    ``article_count`` counts undated articles too; first_date and last_date span the
    dated ones and are missing when there are none.
    """
    dated = sorted(filter(None, map(_iso_date, set(dates))))  # each day once: thousands repeat
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "description": entity.description,
        "url": url,
        "article_count": len(dates),
        "first_date": dated[0] if dated else None,
        "last_date": dated[-1] if dated else None,
    }


class ArticleLines(NamedTuple):
    """One article's line of the JSON file and of the CSV file: made once per article and
    kept between builds by its file's digest and address (``archive_pages``)."""

    json: str
    csv: str


def article_lines(meta: Mapping[str, Any], url: str) -> ArticleLines:
    row = article_row(meta, url)
    return ArticleLines(_json_line(row), _csv_row(row, ARTICLE_COLUMNS))


def file_name(table: str, format: str, compressed: bool) -> str:
    """A data file's name in ``urls.data``: ``articles.csv``, or ``articles.csv.gz``."""
    return f"{table}.{format}{GZIP_SUFFIX if compressed else ''}"


def file_names(formats: Collection[str], compressed: bool) -> dict[str, list[tuple[str, str]]]:
    """Each table's files, as (format, file name), in ``FORMATS``' order."""
    shown = [f for f in FORMATS if f in formats]
    return {table: [(f, file_name(table, f, compressed)) for f in shown] for table in TABLES}


def write_data_files(
    output: Path,
    articles: Sequence[ArticleLines],
    entities: Iterable[tuple[EntityLike, Sequence[dt.date | None]]],
    formats: Collection[str] = FORMATS,
    compressed: bool = True,
    kept: Mapping[str, bytes] | None = None,
) -> Written:
    """The data files under ``output`` (at ``urls.data``), two in each of ``formats``: one
    row per article, from its ``article_lines``, and per entity, from (entity, the dates of
    its articles); ``compressed``, gzip-compressed with the chunks ``kept`` has. A file
    already holding its bytes is left as it is, and any other file of the folder goes."""
    entity_rows = [entity_row(e, urls.entity(e.id), dates) for e, dates in entities]
    texts: dict[str, dict[str, str]] = {}
    if "json" in formats:
        texts["json"] = {
            "articles": _json_array([a.json for a in articles]),
            "entities": json_text(entity_rows),
        }
    if "csv" in formats:
        texts["csv"] = {
            "articles": _csv_header(ARTICLE_COLUMNS) + "".join(a.csv for a in articles),
            "entities": csv_text(entity_rows, ENTITY_COLUMNS),
        }
    written = Written({}, {})
    for format, tables in texts.items():
        for table, text in tables.items():
            data = text.encode("utf-8")
            if compressed:
                data, now = gzipped.compress(data, kept or {})
                written.chunks.update(now)
            name = file_name(table, format, compressed)
            written.digests[name] = digest_of(data)
            _write(output / urls.data(name), data)
    # The data folder is its writer's (incremental.SELF_MANAGED): what a build before
    # this one wrote there, in another format or compression, goes.
    remove_others(output / urls.data(""), written.digests)
    return written


class Written(NamedTuple):
    """What ``write_data_files`` wrote: the files' compressed chunks, to keep for the next
    build (``gzipped.compress``), and each file's digest by name (``unchanged``)."""

    chunks: dict[str, bytes]
    digests: dict[str, str]


def unchanged(output: Path, digests: Mapping[str, str]) -> bool:
    """Whether the data folder under ``output`` holds exactly the files ``digests`` names,
    each with those bytes (``incremental.file_digest``): then a build whose data are the
    same need not write them."""
    folder = output / urls.data("")
    try:
        present = {entry.name for entry in os.scandir(folder)}
    except OSError:
        return False
    return present == set(digests) and all(
        file_digest(folder / name) == digest for name, digest in digests.items()
    )


def read_data_file(path: Path) -> str:
    """A data file's text, gzip-compressed (its name ends in ``GZIP_SUFFIX``) or not."""
    data = path.read_bytes()
    return (gzip.decompress(data) if path.name.endswith(GZIP_SUFFIX) else data).decode("utf-8")


def json_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """``rows`` as a JSON array with one compact row per line (see the module doc)."""
    return _json_array([_json_line(row) for row in rows])


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """``rows`` as CSV with exactly ``columns``, in that order.

    Keys outside ``columns`` are left out; a missing key or None is an empty cell.

    Lists are joined with "; " (``a; b``). When that could not be split back exactly
    (an item contains ";", the first item starts with "[", or the only item is empty)
    the cell holds the list as JSON instead (``["a;b","c"]``). Entity ids and tags
    are slugs and always take the plain form. To read a list cell: JSON if it starts
    with "[", else empty for no items, else split on "; ".

    Formula injection: a spreadsheet runs a cell starting with =, +, - or @ (and
    some apps one starting with a tab or carriage return) as a formula, and titles
    like "-0-" or "+3%" exist. Such a cell gets a leading apostrophe, which
    spreadsheets show as text. A cell that really starts with an apostrophe gets one
    too, so reading back is one rule: drop a leading apostrophe.
    """
    return _csv_header(columns) + "".join(_csv_row(row, columns) for row in rows)


def _json_array(lines: Sequence[str]) -> str:
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def _csv_header(columns: Sequence[str]) -> str:
    return _csv_line(_guard(column) for column in columns)


def _csv_row(row: Mapping[str, Any], columns: Sequence[str]) -> str:
    return _csv_line(_guard(_cell(row.get(column))) for column in columns)


def _iso_date(value: dt.date | str | None) -> str | None:
    """YYYY-MM-DD for a date, datetime or ISO string; None for no date or "unknown"."""
    if value is None or value == UNKNOWN_DATE:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.isoformat()


def _json_line(row: Mapping[str, Any]) -> str:
    text = json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=_json_default)
    # Legal in JSON, but line breaks to JavaScript and to str.splitlines: keep one row a line.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON: {value!r}")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return _join([_cell(item) for item in value])
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return _iso_date(value) or ""
    return str(value)


def _join(items: list[str]) -> str:
    """Items joined by "; ", or JSON when the joined form would not split back the same."""
    ambiguous = (
        any(";" in item for item in items) or (items and items[0].startswith("[")) or items == [""]
    )
    if ambiguous:
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    return LIST_SEPARATOR.join(items)


def _csv_line(cells: Iterable[str]) -> str:
    line = ",".join(map(_csv_quote, cells))
    return (line or '""') + "\n"  # a blank line would be skipped, not read as one empty cell


def _csv_quote(cell: str) -> str:
    """RFC 4180 quoting.

    Done here rather than by the csv module: told to end lines with LF, it leaves a
    field with a bare CR unquoted, and a reader then splits the row there.
    """
    if any(char in cell for char in ',"\n\r'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _guard(text: str) -> str:
    """Text a spreadsheet will not run as a formula (see csv_text)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, data)
