"""`invoke ingest` end to end: the seeds, corpora, re-runs, hand edits and bad input."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_invoke
from newsarchive.content import provenance
from newsarchive.content.articles import read_article
from newsarchive.ingest.titles import MAX_TITLE

FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"
REGISTRY = ROOT / "content"


def ingest(*args: str) -> tuple[int, str, str]:
    result = run_invoke("ingest", "--registry", str(REGISTRY), *args)
    return result.returncode, result.stdout, result.stderr


def articles(dest: Path) -> dict[str, dict]:
    """Every written article's front matter, by path relative to dest."""
    out = {}
    for path in sorted(dest.rglob("*.md")):
        article = read_article(path.read_text(encoding="utf-8"))  # schema-valid or raises
        out[str(path.relative_to(dest))] = {**article.meta, "_body": article.body}
    return out


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    dest = tmp_path_factory.mktemp("seeds") / "articles"
    code, out, err = ingest("--source", str(SEEDS), "--dest", str(dest))
    assert code == 0, err
    return dest, out


def record(article: dict) -> dict:
    """The (first) origin record an article was written from."""
    return provenance.records(article["origin"])[0]


def by_origin(found: dict[str, dict], name: str) -> list[dict]:
    return sorted(
        (a for a in found.values() if record(a)["file"] == name),
        key=lambda a: record(a).get("part", 0),
    )


def test_seed_000_header_date_source_and_glue(seeds_out: tuple[Path, str]) -> None:
    dest, _ = seeds_out
    [article] = by_origin(articles(dest), "000_ddf39e30f6a337f9.txt")
    assert article["date"] == "2018-12-18"
    assert article["source"] == "Yonhap"
    assert article["section"] == "national"
    assert article["kind"] == "article"
    assert {"stephen-biegun", "lee-do-hoon", "donald-trump", "igor-morgulov"} <= set(
        article["entities"]
    )
    assert "denuclearization" in article["tags"]
    body = article["_body"]
    assert "the ministry added. The meetings come" in body
    assert "(Yonhap)" not in body and "date 2018-12-18" not in body
    data = (SEEDS / "000_ddf39e30f6a337f9.txt").read_bytes()
    assert record(article)["sha256"] == hashlib.sha256(data).hexdigest()
    assert (dest / "2018" / f"{article['slug']}.md").is_file()


def test_seed_002_caption_date_publisher_and_footer(seeds_out: tuple[Path, str]) -> None:
    dest, _ = seeds_out
    [article] = by_origin(articles(dest), "002_0324224dfd6ad1cb.txt")
    assert article["date"] == "2019-10-07"
    assert article["source"] == "Yonhap"
    assert article["publisher"] == "The Korea Post"
    assert (
        len(article["captions"]) == 1 and "Dulles International Airport" in article["captions"][0]
    )
    assert "speaks to reporters" not in article["_body"]
    assert "무단전재" not in article["_body"] and "Korea Post" not in article["_body"]
    assert {"lee-do-hoon", "stephen-biegun", "kim-myong-gil", "kim-jong-un", "donald-trump"} <= set(
        article["entities"]
    )
    assert "yonhap-news-agency" not in article["entities"]


def test_seed_004_is_ten_undated_briefs(seeds_out: tuple[Path, str]) -> None:
    dest, _ = seeds_out
    briefs = by_origin(articles(dest), "004_66c54795a55e128f.txt")
    assert [record(b)["part"] for b in briefs] == list(range(1, 11))
    assert {b["kind"] for b in briefs} == {"brief"}
    assert {b["date"] for b in briefs} == {"unknown"}
    assert all((dest / "undated" / f"{b['slug']}.md").is_file() for b in briefs)
    assert "denuclearization" in briefs[6]["tags"]  # "Denuclearisation will be high…"
    assert "moon-jae-in" in briefs[6]["entities"]
    assert (
        "the U.S. insists pressure" in briefs[4]["_body"]
    )  # a single line break continues a brief
    assert len({b["slug"] for b in briefs}) == 10


def test_derived_titles_are_short_and_taken_from_the_lede(seeds_out: tuple[Path, str]) -> None:
    """A derived title is the lede's opening words, in order, an aside in dashes or
    brackets at most left out (``titles.py``), within the limit."""
    dest, _ = seeds_out
    for article in articles(dest).values():
        title = article["title"].rstrip("…")
        assert 0 < len(title) <= MAX_TITLE
        lede_words = iter(w.rstrip(",;:.") for w in article["summary"].split())
        title_words = [w.rstrip(",;:.") for w in title.split()]
        assert title_words[0] == article["summary"].split()[0].rstrip(",;:"), title
        assert all(word in lede_words for word in title_words), title  # a subsequence


def test_rerun_writes_nothing_new(seeds_out: tuple[Path, str]) -> None:
    dest, _ = seeds_out
    before = {p: p.stat().st_mtime_ns for p in dest.rglob("*.md")}
    code, out, _ = ingest("--source", str(SEEDS), "--dest", str(dest))
    assert code == 0
    assert "imported 0, unchanged 12, rejected 0" in out
    assert {p: p.stat().st_mtime_ns for p in dest.rglob("*.md")} == before


def test_hand_edits_survive_unless_forced(tmp_path: Path) -> None:
    dest = tmp_path / "articles"
    source = SEEDS / "002_0324224dfd6ad1cb.txt"
    assert ingest("--source", str(source), "--dest", str(dest))[0] == 0
    [path] = dest.rglob("*.md")
    edited = path.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1)
    path.write_text(edited, encoding="utf-8")
    code, out, _ = ingest("--source", str(source), "--dest", str(dest))
    assert code == 0 and "kept 1" in out
    assert path.read_text(encoding="utf-8") == edited
    code, out, _ = ingest("--source", str(source), "--dest", str(dest), "--force")
    assert code == 0 and "overwritten 1" in out
    assert "Edited" not in path.read_text(encoding="utf-8")


def test_bad_inputs_are_rejected_one_line_each_and_good_ones_written(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes((SEEDS / "002_0324224dfd6ad1cb.txt").read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    (raw / "blank.txt").write_bytes(b" \n\r\n\t \n")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (raw / "huge.txt").write_bytes(b"North Korea said Monday. " * 100_000)
    dest = tmp_path / "articles"
    (dest / "2017").mkdir(parents=True)
    existing = dest / "2017" / "keep-me.md"
    existing.write_text(
        "---\ntitle: Keep me\ndate: 2017-01-01\nslug: keep-me\n---\nText\n", encoding="utf-8"
    )
    code, out, err = ingest("--source", str(raw), "--dest", str(dest))
    assert code != 0
    lines = [line for line in err.splitlines() if line.startswith(str(raw))]
    reasons = {Path(line.split(": ", 1)[0]).name: line.split(": ", 1)[1] for line in lines}
    assert set(reasons) == {"empty.txt", "blank.txt", "binary.txt", "huge.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "white space" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "Traceback" not in err
    assert "imported 1, unchanged 0, rejected 4" in out
    assert existing.read_text(encoding="utf-8").startswith("---\ntitle: Keep me")
    assert len(list(dest.rglob("*.md"))) == 2


def test_csv_corpus_with_columns(tmp_path: Path) -> None:
    corpus = tmp_path / "sample.csv"
    corpus.write_text(
        "doc_id,text,date,title,url\n"
        'r1,"Kim Jong Un inspected the Supreme People\'s Assembly. The session discussed denuclearisation.",2018-04-20,Session Held,http://example.org/1\n'
        'r2,"",2018-04-21,Empty,http://example.org/2\n'
        'r3,"Some text about Pyongyang.",2018-02-30,Bad Date,http://example.org/3\n',
        encoding="utf-8",
    )
    dest = tmp_path / "articles"
    code, _, err = ingest(
        "--source",
        str(corpus),
        "--format",
        "csv",
        "--id-column",
        "doc_id",
        "--credit",
        "Rodong Sinmun",
        "--dest",
        str(dest),
    )
    assert code != 0
    assert f"{corpus}:3: text is empty" in err
    assert f"{corpus}:4: date: '2018-02-30' is not a real calendar date" in err
    [article] = articles(dest).values()
    assert article["title"] == "Session Held"
    assert article["date"] == "2018-04-20"
    assert article["source"] == "Rodong Sinmun"
    assert record(article)["record"] == "r1" and record(article)["url"] == "http://example.org/1"
    assert "kim-jong-un" in article["entities"] and "denuclearization" in article["tags"]


def test_jsonl_corpus_flattened_paragraphs_nulls_and_languages(tmp_path: Path) -> None:
    corpus = tmp_path / "stories.jsonl"
    rows = [
        {
            "date": "2011-12-01",
            "title": "Kim Jong Il Sends Greetings",
            "language": "en",
            "story": "Pyongyang, December 1 (KCNA) -- Kim Jong Il sent a message to the president of Laos., ,  The message wished the people success., , ",
        },
        {"date": "2011-12-02", "title": "No Body", "language": "en", "story": None},
        {
            "date": "2011-12-02",
            "title": "Saludo",
            "language": "es",
            "story": "Pyongyang, 2 de diciembre (ACNC) -- Texto.",
        },
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    dest = tmp_path / "articles"
    code, out, err = ingest(
        "--source",
        str(corpus),
        "--format",
        "jsonl",
        "--text-column",
        "story",
        "--lang-column",
        "language",
        "--lang",
        "en",
        "--dest",
        str(dest),
    )
    assert code != 0
    assert f"{corpus}:2: story is null" in err
    assert "left out 1 in language 'es'" in out
    [article] = articles(dest).values()
    assert article["source"] == "KCNA"
    assert article["_body"].count("\n\n") == 1
    assert "(KCNA)" not in article["_body"] and ", ," not in article["_body"]


def test_digest_rule_can_be_forced_either_way(tmp_path: Path) -> None:
    seed = SEEDS / "004_66c54795a55e128f.txt"
    code, _, _ = ingest("--source", str(seed), "--dest", str(tmp_path / "one"), "--digest", "no")
    assert code == 0
    assert len(list((tmp_path / "one").rglob("*.md"))) == 1
    article = SEEDS / "002_0324224dfd6ad1cb.txt"
    code, _, _ = ingest(
        "--source", str(article), "--dest", str(tmp_path / "many"), "--digest", "yes"
    )
    assert code == 0
    assert len(list((tmp_path / "many").rglob("*.md"))) > 1


def test_same_headline_from_two_inputs_gets_two_slugs(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    text = (
        "North Korea fired two short-range missiles into the sea on Saturday, the military said.\n"
    )
    (raw / "a.txt").write_text(text, encoding="utf-8")
    (raw / "b.txt").write_text(
        text + "\nA second paragraph makes this a different input.\n", encoding="utf-8"
    )
    assert ingest("--source", str(raw), "--dest", str(tmp_path / "articles"))[0] == 0
    slugs = sorted(p.stem for p in (tmp_path / "articles").rglob("*.md"))
    assert len(slugs) == 2 and slugs[1] == slugs[0] + "-2"
    assert re.fullmatch(r"[a-z0-9-]+", slugs[0])


# --- a scrape of an agency's site: one story under several topics, epoch dates ----------

STORY = (
    "Pyongyang, August 20 (KCNA) -- Kim Jong Un inspected the newly built greenhouse farm "
    "in South Hamgyong Province on Monday. He praised the builders and said the farm would "
    "supply fresh vegetables to the people all year round."
)


def scrape_row(n: int, topic: str, story: str = STORY, date: object = 1724112000000) -> dict:
    return {
        "headline": "Kim Jong Un Inspects\nGreenhouse Farm",
        "topic": topic,
        "link": f"http://kcna.test/item/{n}",
        "date": date,
        "story": story,
    }


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_story_under_three_topics_is_one_article_and_a_fourth_record_joins_later(
    tmp_path: Path,
) -> None:
    corpus = write_jsonl(
        tmp_path / "scrape.jsonl",
        [scrape_row(1, "Top News"), scrape_row(2, "Politics"), scrape_row(3, "Economy")],
    )
    dest = tmp_path / "articles"
    code, out, err = ingest(
        "--source", str(corpus), "--dest", str(dest), "--date-format", "epoch-ms"
    )
    assert code == 0, err
    assert "imported 1, merged 2" in out
    assert "columns: text=story, title=headline, date=date, url=link, section=topic" in out
    [article] = articles(dest).values()
    assert article["title"] == "Kim Jong Un Inspects Greenhouse Farm"
    assert article["date"] == "2024-08-20"
    assert article["section"] == ["top news", "politics", "economy"]
    records = provenance.records(article["origin"])
    assert [r["url"] for r in records] == [f"http://kcna.test/item/{n}" for n in (1, 2, 3)]
    assert [r["line"] for r in records] == [1, 2, 3]

    later = write_jsonl(tmp_path / "later.jsonl", [scrape_row(4, "World", STORY + "  ")])
    code, out, _ = ingest("--source", str(later), "--dest", str(dest), "--date-format", "epoch-ms")
    assert code == 0 and "imported 0, merged 1" in out
    [article] = articles(dest).values()
    assert len(provenance.records(article["origin"])) == 4


def test_epoch_milliseconds_are_rejected_without_date_format(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "scrape.jsonl", [scrape_row(1, "Politics")])
    dest = tmp_path / "articles"
    code, _out, err = ingest("--source", str(corpus), "--dest", str(dest))
    assert code == 1
    assert f"{corpus}:1: date: '1724112000000' is not an ISO date" in err
    assert "--date-format epoch-ms" in err
    assert not list(dest.rglob("*.md"))


def test_a_near_duplicate_is_reported_not_merged(tmp_path: Path) -> None:
    story = STORY + (
        " The farm has 120 greenhouses heated by geothermal energy, and its workers will live "
        "in new houses built beside it, the report added."
    )
    corrected = story.replace("120 greenhouses", "130 greenhouses")
    corpus = write_jsonl(
        tmp_path / "scrape.jsonl",
        [
            scrape_row(1, "Politics", story, date="2024-08-20"),
            scrape_row(2, "Economy", corrected, "2024-08-20"),
        ],
    )
    dest = tmp_path / "articles"
    code, out, _ = ingest("--source", str(corpus), "--dest", str(dest))
    assert code == 0 and "imported 2" in out
    assert "1 likely duplicates" in out
    assert re.search(
        r"kim-jong-un-inspects-greenhouse-farm\.md ~ \S+-2\.md \(similarity 0\.\d\d\)", out
    )


def test_a_dateline_far_from_the_date_column_is_reported(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "scrape.jsonl", [scrape_row(1, "Politics", date="2024-09-30")])
    code, out, _ = ingest("--source", str(corpus), "--dest", str(tmp_path / "articles"))
    assert code == 0
    assert "1 articles whose dateline is more than a few days from the date column" in out
    assert f"{corpus}:1 -> " in out and "41 days apart" in out


def test_a_row_the_build_would_refuse_is_rejected_with_its_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "bad.csv"
    corpus.write_text(
        'title,text,date\nGood,"North Korea fired two missiles into the sea on Saturday, officials said.",1724-11-20\n',
        encoding="utf-8",
    )
    code, _, err = ingest("--source", str(corpus), "--format", "csv", "--dest", str(tmp_path / "a"))
    assert code == 1
    assert f"{corpus}:2: date: '1724-11-20' reads as 1724-11-20, outside 1800-01-01" in err


@pytest.mark.parametrize("task", ["ingest", "new"])
def test_help_prints_help_and_does_nothing_else(task: str, tmp_path: Path) -> None:
    result = run_invoke(task, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout and "--help" not in result.stderr
    assert not list(tmp_path.rglob("*.md"))
    flags = re.findall(r"^\s+(-\S*)", result.stdout, re.M)
    assert flags and all(re.fullmatch(r"-[a-z](?:,)?|--[a-z][a-z-]+(?:=\S+)?,?", f) for f in flags)
