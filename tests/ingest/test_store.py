"""Re-running ingest never loses or silently rewrites what content/ holds."""

from __future__ import annotations

from pathlib import Path

from newsarchive import frontmatter
from newsarchive.ingest.store import Draft, Outcome, Store

SHA = "a" * 64


def make_draft(slug: str = "talks-resume", part: int | None = None, body: str = "Text.") -> Draft:
    meta = {
        "title": "Talks resume",
        "date": "2019-10-07",
        "slug": slug,
        "origin": {"file": "x.txt", "sha256": SHA},
    }
    if part is not None:
        meta["origin"]["part"] = part
    return Draft(slug, "2019", SHA, part, frontmatter.dump(meta, body))


def test_second_put_of_same_article_is_unchanged(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    assert store.put(make_draft())[0] is Outcome.IMPORTED
    again = Store.open(tmp_path)
    outcome, path = again.put(make_draft())
    assert outcome is Outcome.UNCHANGED
    assert path == tmp_path / "2019" / "talks-resume.md"


def test_hand_edited_article_is_kept_unless_forced(tmp_path: Path) -> None:
    Store.open(tmp_path).put(make_draft())
    target = tmp_path / "2019" / "talks-resume.md"
    edited = target.read_text(encoding="utf-8").replace("Text.", "Text, corrected by an editor.")
    target.write_text(edited, encoding="utf-8")
    assert Store.open(tmp_path).put(make_draft())[0] is Outcome.KEPT
    assert target.read_text(encoding="utf-8") == edited
    assert Store.open(tmp_path, force=True).put(make_draft())[0] is Outcome.UPDATED
    assert "corrected" not in target.read_text(encoding="utf-8")


def test_article_found_by_provenance_even_after_a_move(tmp_path: Path) -> None:
    Store.open(tmp_path).put(make_draft())
    moved = tmp_path / "2019" / "renamed-by-editor.md"
    (tmp_path / "2019" / "talks-resume.md").rename(moved)
    store = Store.open(tmp_path)
    assert store.existing(SHA, None) == moved
    assert not (tmp_path / "2019" / "talks-resume.md").exists()


def test_slugs_stay_unique_and_digest_parts_are_separate_articles(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.put(make_draft("brief", part=1))
    second = store.unique_slug("brief")
    assert second == "brief-2"
    store.put(make_draft(second, part=2))
    reopened = Store.open(tmp_path)
    assert reopened.existing(SHA, 1).name == "brief.md"
    assert reopened.existing(SHA, 2).name == "brief-2.md"
