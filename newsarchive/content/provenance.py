"""An article's ``origin``: the raw files and corpus records it came from.

Two shapes are valid (``schemas/article.schema.json``):

* one record, as written by hand or by early versions of ingest::

      origin: {file: 002_0324224dfd6ad1cb.txt, sha256: e2090e…, part: 1}

* a story and every record that carried it, as ingest writes now: an agency files
  one story under several topics and addresses, and each listing is a record::

      origin:
        story: 9f12…          # SHA-256 of the story's words (newsarchive.content.fingerprints)
        records:
        - {file: kcna.jsonl, sha256: 51c0…, record: '1042', url: …, section: politics}
        - {file: kcna.jsonl, sha256: 7a3e…, record: '1057', url: …, section: economy}

A record is known by its ``sha256`` and ``part`` (the story's number inside a
digest file); every consumer reads origins through this module, so none depends
on which shape a file uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

RecordKey = tuple[str, int | None]


def records(origin: Any) -> list[Mapping[str, Any]]:
    """The records of an origin, first (the one the article was written from) first."""
    if not isinstance(origin, Mapping):
        return []
    if "records" in origin:
        listed = origin["records"]
        return [r for r in listed if isinstance(r, Mapping)] if isinstance(listed, list) else []
    return [origin] if "sha256" in origin else []


def story(origin: Any) -> str | None:
    """The stored story key, when the origin has one."""
    if isinstance(origin, Mapping) and isinstance(origin.get("story"), str):
        return origin["story"]
    return None


def record_key(record: Mapping[str, Any]) -> RecordKey | None:
    """What identifies one record: its input's SHA-256 and its part in a digest."""
    sha256 = record.get("sha256")
    if not isinstance(sha256, str):
        return None
    part = record.get("part")
    return sha256, part if isinstance(part, int) else None


def record_keys(origin: Any) -> list[RecordKey]:
    return [key for r in records(origin) if (key := record_key(r)) is not None]


def merged(story_key: str | None, all_records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """An origin in the story shape, records in the order given, each once."""
    seen: set[RecordKey | None] = set()
    kept = []
    for record in all_records:
        key = record_key(record)
        if key in seen:
            continue
        seen.add(key)
        kept.append(dict(record))
    origin: dict[str, Any] = {}
    if story_key:
        origin["story"] = story_key
    origin["records"] = kept
    return origin


def sections(section: Any) -> list[str]:
    """The ``section`` field as a list (it may be one name or several)."""
    if isinstance(section, str):
        return [section]
    if isinstance(section, list):
        return [s for s in section if isinstance(s, str)]
    return []


def section_field(names: Iterable[str]) -> str | list[str] | None:
    """Section names as the field holds them: one name alone, several as a list, each once."""
    unique = list(dict.fromkeys(names))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else unique


def describe(key: RecordKey) -> str:
    """A record key as messages show it."""
    sha256, part = key
    return f"sha256 {sha256[:12]}..." + (f", part {part}" if part is not None else "")
