"""Hostile ingest inputs: links, FIFOs and sockets, broken corpora, control characters.

`invoke ingest` reads corpora nobody has cleaned. Each case here is refused by
name (``path: reason`` or ``path:LINE: reason``) with no traceback, while the
good inputs around it are still written; or it is read, with the control
characters and lone surrogates it held removed and counted. Every run goes
through a subprocess with a timeout, so a FIFO that ingest opened (which blocks
forever) fails the test instead of stalling CI.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hostile_helpers import BASE
from newsarchive.content.articles import read_article
from newsarchive.ingest.clean import remove_controls
from newsarchive.ingest.inputs import MAX_FIELD, MAX_LINE

SECRET = "SECRET-7f3a-not-for-publication"
# What must never reach an article: C0 controls but tab and LF, DEL, C1, surrogates.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
STORY = (
    "Seoul, May {n} (Yonhap) -- North and South Korea held talks number {n} in Panmunjom "
    "on Monday, the unification ministry said. The delegations agreed to meet again."
)


def ingest(tmp_path: Path, source: Path, *options: str) -> tuple[int, str, str]:
    """`invoke ingest` on source into tmp_path/out, with the hostile base archive's registry."""
    args = ["--registry", str(BASE), "--source", str(source), "--dest", str(tmp_path / "out")]
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "ingest", *args, *options],
        capture_output=True,
        text=True,
        timeout=180,  # a FIFO opened by mistake blocks forever: fail instead of hanging
        cwd=tmp_path,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def written(tmp_path: Path) -> dict[str, str]:
    """Every written article's text (front matter and body), by file name; all schema-valid."""
    found = {}
    for path in sorted((tmp_path / "out").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        read_article(text)  # the build would accept it, or this raises
        found[path.name] = text
    return found


def reasons(err: str, source: Path) -> dict[str, str]:
    """Rejection lines as {path or path:LINE, relative to source's folder: reason}."""
    found = {}
    for line in err.splitlines():
        label, _, reason = line.partition(": ")
        if label.startswith(str(source)):
            found[label.removeprefix(str(source.parent) + "/")] = reason
    return found


# --- which files are read -----------------------------------------------------------------


@pytest.fixture
def raw_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two good texts and every kind of file ingest must not read, side by side."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n" + STORY.format(n=9), encoding="utf-8")
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    controls = "\x07\x1b[31m\x00\x7f\x9b"  # bell, an ANSI colour, NUL, DEL, C1
    body = "The two sides discussed the border, family reunions and rail links. " * 4
    text = STORY.format(n=1).replace("talks", f"talks{controls}") + f"\n\n{body}\n"
    (raw / "good.txt").write_text(text, encoding="utf-8")
    (raw / "sub" / "nested.txt").write_text(STORY.format(n=3), encoding="utf-8")
    (raw / "outside.txt").symlink_to(outside / "secret.txt")
    (raw / "outdir").symlink_to(outside, target_is_directory=True)
    (raw / "inside.txt").symlink_to(raw / "good.txt")
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    (raw / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(raw / "pipe.txt")
    monkeypatch.chdir(raw)  # a socket's path must be short: bind it relative
    listener = socket.socket(socket.AF_UNIX)
    listener.bind("sock.txt")
    yield raw
    listener.close()


def test_only_regular_files_inside_the_folder_are_read(tmp_path: Path, raw_folder: Path) -> None:
    code, out, err = ingest(tmp_path, raw_folder)
    assert code == 1, out + err
    refused = reasons(err, raw_folder)
    for name in ("outside.txt", "outdir", "inside.txt", "loop.txt", "dangling.txt"):
        assert refused.pop(f"raw/{name}") == "symbolic link: not followed", name
    assert refused.pop("raw/pipe.txt") == "FIFO: not a regular file, not read"
    assert refused.pop("raw/sock.txt") == "socket: not a regular file, not read"
    assert refused == {}
    articles = written(tmp_path)
    assert len(articles) == 2, articles.keys()
    assert not any(SECRET in text for text in articles.values())
    assert "imported 2, unchanged 0, rejected 7, removed 5 control characters" in out


def test_control_characters_are_removed_and_counted(tmp_path: Path, raw_folder: Path) -> None:
    ingest(tmp_path, raw_folder)
    for name, text in written(tmp_path).items():
        assert not CONTROL.search(text), name
        assert "[31m" not in text  # the terminal escape went whole


def test_a_source_named_as_a_link_is_followed(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "story.txt").write_text(STORY.format(n=4), encoding="utf-8")
    (tmp_path / "chosen").symlink_to(raw, target_is_directory=True)
    code, out, err = ingest(tmp_path, tmp_path / "chosen")
    assert code == 0, err
    assert "imported 1," in out


@pytest.mark.parametrize("options", [(), ("--format", "jsonl"), ("--format", "csv")])
def test_a_source_that_is_a_fifo_is_refused_unopened(tmp_path: Path, options) -> None:
    os.mkfifo(tmp_path / "feed.jsonl")
    code, _, err = ingest(tmp_path, tmp_path / "feed.jsonl", *options)
    assert code == 2
    assert f"{tmp_path / 'feed.jsonl'}: FIFO: not a regular file, not read" in err


# --- JSONL: one bad line rejects that line only ------------------------------------------


def jsonl_row(n: int, *, ascii: bool = False, **fields: object) -> str:
    """A corpus line; non-ASCII as UTF-8, or as \\u escapes (lone surrogates can only be)."""
    row = {"id": f"r{n}", "date": f"2019-05-{n:02d}", "title": f"Talks Round {n} Held"}
    row["text"] = STORY.format(n=n).replace("Panmunjom", "Panmunjom’s truce village")
    return json.dumps({**row, **fields}, ensure_ascii=ascii)


def test_bad_jsonl_lines_are_refused_one_by_one(tmp_path: Path) -> None:
    good = [1, 2, 3, 4, 5, 6]
    lines: list[bytes] = [
        jsonl_row(1).encode(),  # 1
        ("[" * 100_000 + "]" * 100_000).encode(),  # 2: RecursionError in json
        b"9" * 100_000,  # 3: more digits than Python reads
        jsonl_row(7).encode().replace(b"Round", b"Round \xe9\xff"),  # 4: not UTF-8
        b'{"id": "r8", "text": NaN}',  # 5
        b'{"id": "r9", "text": "x", "n": -Infinity}',  # 6
        b'{"id": "r10", "text": "x", "n": 1e400}',  # 7
        b'["a list", "not an object"]',  # 8
        b'{"id": "r11", "text": "x", "id": "r12"}',  # 9
        jsonl_row(2).encode(),  # 10
        b'{"id": "r13", "title": {"en": "Talks"}, "text": "x"}',  # 11
        ('{"id": "r14", "text": "' + "x" * MAX_LINE + '"}').encode(),  # 12
        b"",  # 13: blank, skipped
        # 14: a lone surrogate, controls and a line break in fields: read, then cleaned
        jsonl_row(
            3, ascii=True, title="Talks \ud800Round\u0007 3", url="http://e.org/\x1b[0m3\n"
        ).encode(),
        jsonl_row(4, text=STORY.format(n=4) + "\t\x01\x02").encode(),  # 15: raw controls
        jsonl_row(5).encode(),  # 16
        jsonl_row(6).encode(),  # 17
    ]
    corpus = tmp_path / "wire.jsonl"
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    code, out, err = ingest(tmp_path, corpus)
    assert code == 1
    assert reasons(err, corpus) == {
        "wire.jsonl:2": "not JSON: nested too deeply",
        "wire.jsonl:3": f"not JSON: a number of more than {sys.get_int_max_str_digits():,} digits",
        "wire.jsonl:4": "undecodable: not valid UTF-8",
        "wire.jsonl:5": "not JSON: NaN is not a JSON number",
        "wire.jsonl:6": "not JSON: -Infinity is not a JSON number",
        "wire.jsonl:7": "not JSON: number out of range: 1e400",
        "wire.jsonl:8": "not a JSON object",
        "wire.jsonl:9": "not JSON: key 'id' twice",
        "wire.jsonl:11": "title is an object: expected text",
        "wire.jsonl:12": f"line too long: more than {MAX_LINE:,} characters",
    }
    articles = written(tmp_path)
    assert len(articles) == len(good)
    assert not any(CONTROL.search(text) for text in articles.values())
    assert "title: Talks Round 3" in "".join(articles.values())
    assert "removed 5 control characters" in out  # line 14: 3, line 15: 2


# --- encodings and CSV rows -------------------------------------------------------------

HEADER = "id,date,title,text\r\n"


def csv_row(n: int, title: str, text: str = "") -> str:
    return f'r{n},2019-06-{n:02d},{title},"{text or STORY.format(n=n)}"\r\n'


def test_corpora_in_other_encodings_are_read_or_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "corpora"
    folder.mkdir()
    cafe = HEADER + csv_row(1, "Café Opens in Pyongyang") + csv_row(2, "Naïve Talks Resume")
    (folder / "utf16.csv").write_bytes(codecs.BOM_UTF16_LE + cafe.encode("utf-16-le"))
    (folder / "utf16-no-bom.csv").write_bytes(cafe.encode("utf-16-le"))
    korean = "서울 연합뉴스 남북은 월요일 판문점에서 회담을 열었다고 통일부가 밝혔다."
    (folder / "korean.csv").write_bytes(
        (HEADER + csv_row(3, "남북 회담 개최", korean)).encode("cp949")
    )
    (folder / "latin1.csv").write_bytes(
        (HEADER + csv_row(4, "Café Reopens") + csv_row(5, "Señor Kim Visits")).encode("latin-1")
    )
    rows = [
        csv_row(6, "Kim’s Good Row Before"),
        csv_row(7, "Ragged", "text").replace("\r\n", ",extra\r\n"),
        "r8,2019-06-08,Short\r\n",
        csv_row(9, "Huge Field", "x" * (MAX_FIELD + 1)),
        csv_row(10, "Nul\x00 In Title"),
        csv_row(11, "Pyongyang’s Good Row After"),
    ]
    utf8 = (HEADER + "".join(rows)).encode("utf-8")
    utf8 += csv_row(12, "Caf\udce9 Latin", "").encode("utf-8", "surrogateescape")
    (folder / "mixed.csv").write_bytes(utf8)
    code, out, err = ingest(tmp_path, folder, "--format", "csv")
    assert code == 1, err
    refused = reasons(err, folder)
    assert refused.pop("corpora/utf16-no-bom.csv").startswith("binary data (NUL bytes): UTF-16")
    ragged = "(a quote or line break out of place?)"
    assert refused == {
        "corpora/mixed.csv:3": f"ragged row: 5 fields, the header has 4 {ragged}",
        "corpora/mixed.csv:4": f"ragged row: 3 fields, the header has 4 {ragged}",
        "corpora/mixed.csv:5": f"field too long: more than {MAX_FIELD:,} characters",
        "corpora/mixed.csv:8": "undecodable: not valid UTF-8",
    }
    titles = {read_article(text).meta["title"] for text in written(tmp_path).values()}
    assert {"Café Opens in Pyongyang", "Naïve Talks Resume", "남북 회담 개최"} <= titles
    assert {"Café Reopens", "Señor Kim Visits", "Kim’s Good Row Before"} <= titles
    assert {"Nul In Title", "Pyongyang’s Good Row After"} <= titles
    assert "removed 1 control character " in out


def test_a_latin1_jsonl_corpus_is_decoded(tmp_path: Path) -> None:
    corpus = tmp_path / "legacy.jsonl"
    lines = [jsonl_row(n, title=f"Café Talks {n}") for n in (1, 2)]
    corpus.write_bytes("\n".join(lines).replace("’", "'").encode("latin-1"))
    code, _, err = ingest(tmp_path, corpus)
    assert code == 0, err
    titles = {read_article(text).meta["title"] for text in written(tmp_path).values()}
    assert titles == {"Café Talks 1", "Café Talks 2"}


# --- the cleaning itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cleaned", "removed"),
    [
        ("Kim\x00 Jong\x07 Un", "Kim Jong Un", 2),
        ("\x1b[1;31mAlert\x1b[0m", "Alert", 2),
        ("half \ud83d pair", "half  pair", 1),
        ("a\x7fb\x80c\x9fd", "abcd", 3),
        (
            "tab\there\nline\r\nfeed\x0cand\x85next\u2028",
            "tab\there\nline\r\nfeed\x0cand\x85next\u2028",
            0,
        ),
        ("Pyongyang’s “talks” — 김정은 😀", "Pyongyang’s “talks” — 김정은 😀", 0),
    ],
)
def test_remove_controls(text: str, cleaned: str, removed: int) -> None:
    assert remove_controls(text) == (cleaned, removed)
