"""Re-running ingest never loses or silently rewrites what content/ holds, and a story
filed under several records becomes one article listing them all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsarchive.content import frontmatter
from newsarchive.content.fingerprints import story_key
from newsarchive.ingest.store import Draft, Outcome, Store

SHA = "a" * 64
BODY = "Talks between the two Koreas resumed on Monday at the truce village, officials said."


def make_draft(
    slug: str = "talks-resume",
    part: int | None = None,
    body: str = BODY,
    sha: str = SHA,
    section: str | None = None,
    **record: Any,
) -> Draft:
    meta: dict[str, Any] = {"title": "Talks resume", "date": "2019-10-07"}
    if section:
        meta["section"] = section
        record["section"] = section
    origin = {"file": "x.jsonl", "sha256": sha, **record}
    if part is not None:
        origin["part"] = part
    return Draft(slug, "2019", meta, body, origin, story_key(body))


def put(store: Store, draft: Draft) -> tuple[Outcome, Path]:
    """One put, written to disk before the test looks (writes run in the background)."""
    result = store.put(draft)
    store.flush()
    return result


def read(path: Path) -> dict[str, Any]:
    return frontmatter.parse(path.read_text(encoding="utf-8")).meta


def test_second_put_of_same_article_is_unchanged(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    assert put(store, make_draft())[0] is Outcome.IMPORTED
    again = Store.open(tmp_path)
    outcome, path = put(again, make_draft())
    assert outcome is Outcome.UNCHANGED
    assert path == tmp_path / "2019" / "talks-resume.md"


def test_hand_edited_article_is_kept_unless_forced(tmp_path: Path) -> None:
    put(Store.open(tmp_path), make_draft())
    target = tmp_path / "2019" / "talks-resume.md"
    edited = target.read_text(encoding="utf-8").replace("officials said", "officials told AP")
    target.write_text(edited, encoding="utf-8")
    assert put(Store.open(tmp_path), make_draft())[0] is Outcome.KEPT
    assert target.read_text(encoding="utf-8") == edited
    assert put(Store.open(tmp_path, force=True), make_draft())[0] is Outcome.UPDATED
    assert "told AP" not in target.read_text(encoding="utf-8")


def test_article_found_by_provenance_even_after_a_move(tmp_path: Path) -> None:
    put(Store.open(tmp_path), make_draft())
    moved = tmp_path / "2019" / "renamed-by-editor.md"
    (tmp_path / "2019" / "talks-resume.md").rename(moved)
    store = Store.open(tmp_path)
    assert store.find((SHA, None)) == moved
    assert put(store, make_draft())[0] is Outcome.UNCHANGED
    assert not (tmp_path / "2019" / "talks-resume.md").exists()


def test_slugs_stay_unique_and_digest_parts_are_separate_articles(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    put(store, make_draft("brief", part=1, body=BODY))
    put(
        store,
        make_draft("brief", part=2, body="A different brief about rice harvests in the north."),
    )
    reopened = Store.open(tmp_path)
    assert reopened.find((SHA, 1)).name == "brief.md"
    assert reopened.find((SHA, 2)).name == "brief-2.md"


def test_one_story_under_three_topics_is_one_article_with_three_records(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    topics = [("1" * 64, "politics"), ("2" * 64, "economy"), ("3" * 64, "top news")]
    outcomes = [
        put(store, make_draft(sha=sha, section=topic, url=f"http://kcna.test/{topic}"))[0]
        for sha, topic in topics
    ]
    assert outcomes == [Outcome.IMPORTED, Outcome.MERGED, Outcome.MERGED]
    [path] = tmp_path.rglob("*.md")
    meta = read(path)
    assert [r["sha256"] for r in meta["origin"]["records"]] == [sha for sha, _ in topics]
    assert [r["url"] for r in meta["origin"]["records"]][2] == "http://kcna.test/top news"
    assert meta["section"] == ["politics", "economy", "top news"]
    assert meta["origin"]["story"] == story_key(BODY)

    # A later run brings a fourth listing, with other spacing and punctuation: it joins.
    later = Store.open(tmp_path)
    messy = BODY.replace(" ", "  ").replace(",", "") + "\n"
    outcome, joined = put(later, make_draft(sha="4" * 64, section="world", body=messy))
    assert (outcome, joined) == (Outcome.MERGED, path)
    assert len(read(path)["origin"]["records"]) == 4
    # Re-running any of the four writes nothing.
    rerun = Store.open(tmp_path)
    before = path.read_text(encoding="utf-8")
    assert {put(rerun, make_draft(sha=sha, section=t))[0] for sha, t in topics} == {
        Outcome.UNCHANGED
    }
    assert path.read_text(encoding="utf-8") == before


def test_merging_keeps_the_hand_edits_of_the_article(tmp_path: Path) -> None:
    put(Store.open(tmp_path), make_draft(section="politics"))
    path = tmp_path / "2019" / "talks-resume.md"
    edited = path.read_text(encoding="utf-8").replace(
        "title: Talks resume", "title: Talks resume at Panmunjom"
    )
    path.write_text(edited, encoding="utf-8")
    outcome, _ = put(Store.open(tmp_path), make_draft(sha="5" * 64, section="politics"))
    assert outcome is Outcome.MERGED
    meta = read(path)
    assert meta["title"] == "Talks resume at Panmunjom"
    assert meta["section"] == "politics"  # the same topic twice is one section
    assert len(meta["origin"]["records"]) == 2


def test_a_hand_written_article_with_the_same_words_receives_the_record(tmp_path: Path) -> None:
    folder = tmp_path / "2019"
    folder.mkdir()
    (folder / "by-hand.md").write_text(
        "---\ntitle: By hand\ndate: 2019-10-07\nslug: by-hand\n---\n\n" + BODY + "\n",
        encoding="utf-8",
    )
    outcome, path = put(Store.open(tmp_path), make_draft())
    assert (outcome, path.name) == (Outcome.MERGED, "by-hand.md")
    assert read(path)["origin"]["records"][0]["sha256"] == SHA


def test_an_older_single_record_origin_is_read_and_upgraded_on_merge(tmp_path: Path) -> None:
    folder = tmp_path / "2019"
    folder.mkdir()
    (folder / "old.md").write_text(
        "---\ntitle: Old\ndate: 2019-10-07\nslug: old\norigin:\n  file: x.txt\n"
        f"  sha256: {'b' * 64}\n  part: 2\n---\n\n{BODY}\n",
        encoding="utf-8",
    )
    store = Store.open(tmp_path)
    assert store.find(("b" * 64, 2)) == folder / "old.md"
    assert put(store, make_draft())[0] is Outcome.MERGED
    records = read(folder / "old.md")["origin"]["records"]
    assert [(r["sha256"], r.get("part")) for r in records] == [("b" * 64, "2"), (SHA, None)]
