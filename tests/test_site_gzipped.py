"""The data files' gzip framing: any gzip reader reads it, and a rebuild compresses only
the chunks whose lines changed, into the bytes a build compressing all of them writes."""

from __future__ import annotations

import functools
import gzip
import json
import random
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import ROOT
from newsarchive.content.articles import read_article
from newsarchive.site import gzipped


@functools.cache
def summaries() -> list[str]:
    """The shipped articles' summaries: real text, compressing as the data files do."""
    paths = sorted((ROOT / "content" / "articles").rglob("*.md"))
    return [
        str(read_article(path.read_text(encoding="utf-8")).meta.get("summary") or "")
        for path in paths
    ]


def table(rows: int, seed: int = 7) -> bytes:
    """A data file's text: one JSON line a row, as ``datafiles`` writes them."""
    rng = random.Random(seed)
    lines = [
        json.dumps({"slug": f"story-{n}", "summary": rng.choice(summaries()), "n": n})
        for n in range(rows)
    ]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode()


def counting_deflate(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The chunks deflated from here on, in order."""
    deflated: list[bytes] = []
    deflate = gzipped.deflate

    def count(chunk: bytes) -> bytes:
        deflated.append(chunk)
        return deflate(chunk)

    monkeypatch.setattr(gzipped, "deflate", count)
    return deflated


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"x",
        b"no newline at the end",
        b"\n\n\n",
        b"a\r\nb\rc\n",
        "문재인\n".encode(),
        table(8000),
    ],
)
def test_what_is_compressed_reads_back_exactly_with_pythons_gzip(text: bytes) -> None:
    data, _ = gzipped.compress(text, {})
    assert gzip.decompress(data) == text


@pytest.mark.skipif(shutil.which("gzip") is None, reason="needs the gzip command")
def test_the_gzip_command_tests_and_reads_a_file_of_many_chunks(tmp_path: Path) -> None:
    text = table(8000)
    data, chunks = gzipped.compress(text, {})
    assert len(chunks) > 5  # a file of many chunks, one member
    path = tmp_path / "articles.json.gz"
    path.write_bytes(data)
    subprocess.run(["gzip", "--test", str(path)], check=True)
    read = subprocess.run(["gzip", "-dc", str(path)], check=True, capture_output=True).stdout
    assert read == text


def test_its_size_is_within_four_percent_of_the_text_compressed_whole() -> None:
    text = table(20000)
    data, _ = gzipped.compress(text, {})
    whole = gzip.compress(text, compresslevel=gzipped.LEVEL)
    assert len(data) < len(text) / 3
    assert len(data) <= len(whole) * 1.04  # these rows repeat more than real ones: 1-2%


def test_a_changed_line_compresses_its_own_chunk_again_and_no_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = table(8000)
    _, kept = gzipped.compress(before, {})
    after = before.replace(b'"story-4500"', b'"story-4500-corrected"')
    deflated = counting_deflate(monkeypatch)
    data, now = gzipped.compress(after, kept)
    assert len(deflated) == 1 and b"story-4500-corrected" in deflated[0]
    assert len(now) == len(kept)
    assert data == gzipped.compress(after, {})[0]  # as a build compressing every chunk writes
    assert gzip.decompress(data) == after


def test_a_line_added_or_removed_changes_at_most_the_chunks_around_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = table(8000).splitlines(keepends=True)
    _, kept = gzipped.compress(b"".join(lines), {})
    added = b"".join([*lines[:3200], b'{"slug":"an-added-story"},\n', *lines[3200:]])
    removed = b"".join([*lines[:6400], *lines[6401:]])
    for text in (added, removed):
        deflated = counting_deflate(monkeypatch)
        data, _ = gzipped.compress(text, kept)
        assert 1 <= len(deflated) <= 2
        assert data == gzipped.compress(text, {})[0]
        monkeypatch.undo()


def test_chunks_kept_by_another_zlib_are_compressed_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = table(1000)
    _, kept = gzipped.compress(text, {})
    monkeypatch.setattr(gzipped, "SALT", f"zlib 0.0, level {gzipped.LEVEL}\n".encode())
    deflated = counting_deflate(monkeypatch)
    _, now = gzipped.compress(text, kept)
    assert len(deflated) == len(now) and not now.keys() & kept.keys()


def test_the_trailer_holds_the_texts_crc_and_length() -> None:
    text = table(500)
    data, _ = gzipped.compress(text, {})
    assert data[:3] == b"\x1f\x8b\x08" and data[4:8] == b"\0\0\0\0"  # no time: same text, same file
    assert int.from_bytes(data[-8:-4], "little") == zlib.crc32(text)
    assert int.from_bytes(data[-4:], "little") == len(text)
