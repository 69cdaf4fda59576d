"""The downloadable data files: rows that read back exactly, safe in spreadsheets, same bytes."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from newsarchive.content.articles import read_article
from newsarchive.content.registry import Entity
from newsarchive.site import urls
from newsarchive.site.datafiles import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    article_lines,
    article_row,
    csv_text,
    entity_row,
    json_text,
    read_data_file,
    unchanged,
    write_data_files,
)

SHA = "e2090e" + "0" * 58

META: dict[str, Any] = {
    "title": "South Korea and the United States will seek ways to maintain dialogue",
    "date": "2019-10-07",
    "slug": "south-korea-and-the-united-states-will-seek-ways",
    "source": "Yonhap",
    "publisher": "The Korea Post",
    "section": "national",
    "kind": "article",
    "summary": 'Lee Do-hoon said on Monday, "We will", adding: talks, \nnot threats.',
    "entities": ["lee-do-hoon", "stephen-biegun", "kim-myong-gil"],
    "tags": ["denuclearization", "diplomacy"],
    "origin": {"file": "002_0324224dfd6ad1cb.txt", "sha256": SHA, "part": 1},
}
HANGUL = Entity(
    id="moon-jae-in",
    name="Moon Jae-in",
    type="person",
    aliases=("문재인", "Moon Jae In"),
    description="President of South Korea, 2017–2022.",
)


def write_json(path: Path, rows: list[dict[str, Any]]) -> None:
    write(path, json_text(rows))


def write_csv(path: Path, rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    write(path, csv_text(rows, columns))


def write(path: Path, text: str) -> None:
    """As the build writes a data file's text: UTF-8, line ends as they are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def unguard(cell: str) -> str:
    """The documented way back from a guarded cell: drop one leading apostrophe."""
    return cell[1:] if cell.startswith("'") else cell


def split_list(cell: str) -> list[str]:
    """The documented way back from a list cell."""
    cell = unguard(cell)
    if cell.startswith("["):
        return json.loads(cell)
    return cell.split("; ") if cell else []


# --- rows ---------------------------------------------------------------------------------


def test_article_row_flattens_front_matter_into_the_columns() -> None:
    row = article_row(META, "2019/10/south-korea-and-the-united-states-will-seek-ways/")
    assert tuple(row) == ARTICLE_COLUMNS
    assert row["date"] == "2019-10-07"
    assert row["url"] == "2019/10/south-korea-and-the-united-states-will-seek-ways/"
    assert (row["origin_file"], row["origin_sha256"], row["origin_part"]) == (
        ["002_0324224dfd6ad1cb.txt"],
        [SHA],
        [1],
    )
    assert row["origin_record"] == [] and row["author"] is None
    assert row["lang"] == "en"  # the schema's meaning of an omitted lang


def test_a_story_filed_several_times_lists_every_record_in_each_origin_column() -> None:
    other = "7a3e" + "1" * 60
    meta = {
        **META,
        "section": ["politics", "economy"],
        "origin": {
            "story": "9" * 64,
            "records": [
                {"file": "kcna.jsonl", "sha256": SHA, "record": "1042", "section": "politics"},
                {"file": "kcna.jsonl", "sha256": other, "url": "http://x/2", "section": "economy"},
            ],
        },
    }
    row = article_row(meta, "2019/10/x/")
    assert row["section"] == ["politics", "economy"]
    assert row["origin_story"] == "9" * 64
    assert row["origin_sha256"] == [SHA, other]
    assert row["origin_record"] == ["1042", None]
    assert row["origin_url"] == [None, "http://x/2"]
    assert row["origin_part"] == []


def test_article_row_defaults_and_date_forms() -> None:
    bare = {"title": "T", "slug": "t", "date": "unknown"}
    row = article_row(bare, "undated/t/")
    assert row["date"] == "unknown"
    assert (row["kind"], row["entities"], row["tags"], row["origin_file"]) == (
        "article",
        [],
        [],
        [],
    )
    assert article_row({**bare, "date": dt.date(2019, 1, 2)}, "")["date"] == "2019-01-02"
    assert article_row({**bare, "date": dt.datetime(2019, 1, 2, 9)}, "")["date"] == "2019-01-02"


def test_article_row_copies_lists_rather_than_sharing_them() -> None:
    row = article_row(META, "u/")
    row["entities"].append("x")
    assert META["entities"] == ["lee-do-hoon", "stephen-biegun", "kim-myong-gil"]


def test_entity_row_spans_the_dated_articles_and_counts_all() -> None:
    dates = [dt.date(2019, 3, 1), None, dt.date(2018, 4, 27), dt.datetime(2019, 6, 30, 15)]
    row = entity_row(HANGUL, "entities/moon-jae-in/", dates)
    assert tuple(row) == ENTITY_COLUMNS
    assert row["aliases"] == ["문재인", "Moon Jae In"]
    assert (row["article_count"], row["first_date"], row["last_date"]) == (
        4,
        "2018-04-27",
        "2019-06-30",
    )


def test_entity_row_without_dated_articles_has_no_span() -> None:
    row = entity_row(HANGUL, "u/", [None, None])
    assert (row["article_count"], row["first_date"], row["last_date"]) == (2, None, None)
    assert entity_row(HANGUL, "u/", [])["article_count"] == 0


# --- JSON ---------------------------------------------------------------------------------


def test_json_round_trips_with_one_row_per_line(tmp_path: Path) -> None:
    rows = [
        article_row(META, "a/"),
        article_row({**META, "slug": "b", "title": "김정은 위원장"}, "b/"),
    ]
    path = tmp_path / "data" / "articles.json"
    write_json(path, rows)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == rows
    lines = text.split("\n")
    assert lines[0] == "[" and lines[-2:] == ["]", ""] and len(lines) == 5
    assert "김정은 위원장" in text  # ensure_ascii=False: readable, not \uXXXX
    assert lines[1].startswith(
        '{"slug":"south-korea-and-the-united-states-will-seek-ways","title":'
    )


def test_json_of_no_rows_is_an_empty_array(tmp_path: Path) -> None:
    write_json(tmp_path / "empty.json", [])
    assert (tmp_path / "empty.json").read_bytes() == b"[]\n"


def test_json_keeps_a_row_on_one_line_even_with_unicode_line_separators(tmp_path: Path) -> None:
    row = {"title": "one\u2028two\u2029three\nfour"}
    write_json(tmp_path / "a.json", [row])
    raw = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert len(raw.splitlines()) == 3
    assert json.loads(raw) == [row]


def test_json_writes_dates_and_refuses_what_it_cannot_represent(tmp_path: Path) -> None:
    write_json(tmp_path / "a.json", [{"d": dt.date(2019, 1, 2)}])
    assert json.loads((tmp_path / "a.json").read_text()) == [{"d": "2019-01-02"}]
    with pytest.raises(TypeError, match="set"):
        write_json(tmp_path / "b.json", [{"s": {1}}])


# --- CSV ----------------------------------------------------------------------------------


def test_csv_round_trips_through_the_csv_module(tmp_path: Path) -> None:
    rows = [
        article_row(META, "2019/10/x/"),
        article_row({"title": "T", "slug": "t", "date": "unknown"}, "undated/t/"),
    ]
    path = tmp_path / "articles.csv"
    write_csv(path, rows, ARTICLE_COLUMNS)
    read = read_csv(path)
    assert list(read[0]) == list(ARTICLE_COLUMNS)
    first, second = read
    assert first["summary"] == META["summary"]  # quotes, commas and a line break survive
    assert split_list(first["entities"]) == META["entities"]
    assert split_list(first["tags"]) == ["denuclearization", "diplomacy"]
    assert first["entities"] == "lee-do-hoon; stephen-biegun; kim-myong-gil"
    assert (first["origin_part"], first["origin_record"]) == ("1", "")
    assert first["section"] == "national"
    assert (second["date"], second["entities"], second["author"]) == ("unknown", "", "")


def test_csv_quotes_a_bare_carriage_return_so_the_row_stays_whole(tmp_path: Path) -> None:
    values = ["one\rtwo", "three\r\nfour", 'say "hi", then go', " padded ", ""]
    path = tmp_path / "cr.csv"
    write_csv(path, [{"a": value, "b": "x"} for value in values], ["a", "b"])
    assert [(row["a"], row["b"]) for row in read_csv(path)] == [(value, "x") for value in values]


def test_csv_list_cells_that_would_be_ambiguous_become_json(tmp_path: Path) -> None:
    lists = [["a;b", "c"], ["[x]", "y"], [""], [], ["x", ""], ["=SUM(A1)", "b"]]
    path = tmp_path / "lists.csv"
    write_csv(path, [{"v": value} for value in lists], ["v"])
    cells = [row["v"] for row in read_csv(path)]
    assert cells[:4] == ['["a;b","c"]', '["[x]","y"]', '[""]', ""]
    assert [split_list(cell) for cell in cells] == lists


def test_csv_guards_against_formula_injection(tmp_path: Path) -> None:
    titles = [
        "-0-",
        "+3% growth",
        '=HYPERLINK("http://x")',
        "@SUM(1)",
        "\tTab",
        "\rCR",
        "'quoted'",
        "Safe - title",
        "3-0",
    ]
    path = tmp_path / "t.csv"
    write_csv(path, [{"title": t} for t in titles], ["title"])
    cells = [row["title"] for row in read_csv(path)]
    assert cells[:7] == ["'" + t for t in titles[:7]]
    assert cells[7:] == ["Safe - title", "3-0"]
    assert [unguard(cell) for cell in cells] == titles


def test_csv_guards_a_list_cell_too(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [{"aliases": ["-x-", "y"]}], ["aliases"])
    (row,) = read_csv(tmp_path / "a.csv")
    assert row["aliases"] == "'-x-; y"
    assert split_list(row["aliases"]) == ["-x-", "y"]


def test_csv_keeps_hangul_as_utf8_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "entities.csv"
    write_csv(
        path, [entity_row(HANGUL, "entities/moon-jae-in/", [dt.date(2018, 4, 27)])], ENTITY_COLUMNS
    )
    raw = path.read_bytes()
    assert raw.startswith(b"id,name,") and "문재인".encode() in raw
    (row,) = read_csv(path)
    assert split_list(row["aliases"]) == ["문재인", "Moon Jae In"]
    assert row["description"] == "President of South Korea, 2017–2022."
    assert row["article_count"] == "1"


def test_csv_writes_only_the_given_columns_in_their_order(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [{"b": 2, "a": 1, "extra": 3}], ["a", "b", "missing"])
    assert (tmp_path / "a.csv").read_bytes() == b"a,b,missing\n1,2,\n"


# --- determinism --------------------------------------------------------------------------


def test_same_rows_give_the_same_bytes_with_lf_line_ends(tmp_path: Path) -> None:
    rows = [article_row(META, "a/"), article_row({**META, "slug": "b", "title": "김정은"}, "b/")]
    outputs = []
    for attempt in ("one", "two"):
        write_json(tmp_path / attempt / "a.json", rows)
        write_csv(tmp_path / attempt / "a.csv", rows, ARTICLE_COLUMNS)
        outputs.append(
            (
                (tmp_path / attempt / "a.json").read_bytes(),
                (tmp_path / attempt / "a.csv").read_bytes(),
            )
        )
    assert outputs[0] == outputs[1]
    for data in outputs[0]:
        assert b"\r\n" not in data and data.endswith(b"\n")


def test_shipped_articles_become_rows_that_read_back(tmp_path: Path) -> None:
    paths = sorted((ROOT / "content" / "articles").rglob("*.md"))[:60]
    articles = [read_article(path.read_text(encoding="utf-8")) for path in paths]
    rows = [
        article_row(article.meta, urls.article(article.slug, article.date)) for article in articles
    ]
    write_json(tmp_path / "articles.json", rows)
    write_csv(tmp_path / "articles.csv", rows, ARTICLE_COLUMNS)
    assert json.loads((tmp_path / "articles.json").read_text(encoding="utf-8")) == rows
    for row, read in zip(rows, read_csv(tmp_path / "articles.csv"), strict=True):
        assert unguard(read["title"]) == row["title"]
        assert split_list(read["entities"]) == row["entities"]
        assert read["date"] == row["date"]
        assert split_list(read["origin_sha256"]) == row["origin_sha256"]


def test_the_four_data_files_land_at_their_addresses_compressed(tmp_path: Path) -> None:
    url = urls.article(META["slug"], dt.date(2019, 10, 7))
    write_data_files(tmp_path, [article_lines(META, url)], [(HANGUL, [dt.date(2019, 10, 7), None])])
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert written == [
        "data",
        "data/articles.csv.gz",
        "data/articles.json.gz",
        "data/entities.csv.gz",
        "data/entities.json.gz",
    ]
    with gzip.open(tmp_path / "data" / "articles.json.gz", "rt", encoding="utf-8") as handle:
        [article] = json.load(handle)
    assert (article["slug"], article["url"]) == (META["slug"], url)
    with gzip.open(tmp_path / "data" / "entities.csv.gz", "rt", encoding="utf-8", newline="") as f:
        [entity] = list(csv.DictReader(f))
    assert (entity["url"], entity["article_count"], entity["first_date"]) == (
        "entities/moon-jae-in/",
        "2",
        "2019-10-07",
    )


def test_plain_data_files_hold_the_text_the_compressed_ones_do(tmp_path: Path) -> None:
    url = urls.article(META["slug"], dt.date(2019, 10, 7))
    lines, entities = [article_lines(META, url)], [(HANGUL, [dt.date(2019, 10, 7)])]
    plain_written = write_data_files(tmp_path / "plain", lines, entities, compressed=False)
    assert plain_written.chunks == {}
    written = write_data_files(tmp_path / "gz", lines, entities)
    assert len(written.chunks) == 4  # one chunk a file, each kept for the next build
    assert unchanged(tmp_path / "gz", written.digests)
    assert not unchanged(tmp_path / "gz", plain_written.digests)
    plain = sorted((tmp_path / "plain" / "data").iterdir())
    assert [p.name for p in plain] == [
        "articles.csv",
        "articles.json",
        "entities.csv",
        "entities.json",
    ]
    for path in plain:
        compressed = tmp_path / "gz" / "data" / f"{path.name}.gz"
        assert read_data_file(path) == read_data_file(compressed) == path.read_text("utf-8")
    [row] = read_csv(tmp_path / "plain" / "data" / "articles.csv")
    assert row["slug"] == META["slug"]
