"""Events in the entity registry (dates, matching by date) and the synonym lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsarchive.content import contentfiles
from newsarchive.content.matching import EntityMatcher
from newsarchive.content.registry import RegistryError, load_entities, load_synonyms
from newsarchive.search.documents import SearchDoc, Synonyms

pytestmark = pytest.mark.unit

SINGAPORE = """name: Singapore summit
type: event
start: 2018-06-12
aliases: [DPRK-U.S. summit in Singapore, DPRK-U.S. summit]
description: First Trump-Kim summit.
"""
HANOI = """name: Hanoi summit
type: event
start: 2019-02-27
end: 2019-02-28
aliases: [DPRK-U.S. summit]
description: Second Trump-Kim summit.
"""
PLACE = "name: Singapore\ntype: place\ndescription: City state.\n"


def _content(tmp_path: Path, kind: str, files: dict[str, str]) -> Path:
    """A content folder holding files under ``kind`` (entities, synonyms)."""
    folder = tmp_path / "content" / kind
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path / "content"


def _registry(tmp_path: Path, files: dict[str, str]) -> Path:
    return _content(tmp_path, "entities", files)


def _problems(content: Path, load=load_entities) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        load(content)
    return caught.value.errors


def test_events_may_share_a_name_and_keep_their_dates(tmp_path):
    entities = load_entities(
        _registry(tmp_path, {"singapore-summit.yaml": SINGAPORE, "hanoi-summit.yaml": HANOI})
    )
    assert entities["hanoi-summit"].start == dt.date(2019, 2, 27)
    assert entities["hanoi-summit"].end == dt.date(2019, 2, 28)
    assert entities["singapore-summit"].end is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PLACE + "start: 2018-06-12\n", "start: only an event has dates; this entity is a place"),
        (SINGAPORE.replace("start: 2018-06-12\n", ""), "start: missing; an event needs"),
        (SINGAPORE + "end: 2018-06-11\n", "end: expected a date on or after start (2018-06-12)"),
        (SINGAPORE.replace("2018-06-12", "2018-02-30"), "start: expected a real calendar date"),
        (SINGAPORE.replace("2018-06-12", "12/06/2018"), "start: expected a real calendar date"),
    ],
)
def test_bad_dates_are_refused_by_file_and_field(tmp_path, text, expected):
    name = "singapore.yaml" if text.startswith("name: Singapore\n") else "singapore-summit.yaml"
    errors = _problems(_registry(tmp_path, {name: text}))
    assert any(e.startswith(f"content/entities/{name}: {expected}") for e in errors), errors


def _matcher(tmp_path: Path) -> EntityMatcher:
    files = {
        "singapore-summit.yaml": SINGAPORE,
        "hanoi-summit.yaml": HANOI,
        "singapore.yaml": PLACE,
    }
    return EntityMatcher(load_entities(_registry(tmp_path, files)))


def test_the_article_date_picks_among_events_sharing_a_name(tmp_path):
    matcher = _matcher(tmp_path)
    text = "Officials reviewed the DPRK-U.S. summit."
    assert matcher.find(text, dt.date(2018, 10, 1)) == ["singapore-summit"]
    assert matcher.find(text, dt.date(2019, 3, 5)) == ["hanoi-summit"]
    assert matcher.find(text, dt.date(2018, 5, 1)) == ["singapore-summit"]  # the next to come
    assert matcher.find(text) == []  # unknown date: a shared name is not guessed


def test_an_event_is_not_linked_long_before_it(tmp_path):
    matcher = _matcher(tmp_path)
    text = "the DPRK-U.S. summit in Singapore"
    assert matcher.find(text, dt.date(2015, 1, 1)) == ["singapore"]
    assert matcher.find(text) == ["singapore-summit", "singapore"]


def test_an_event_name_keeps_the_names_inside_it(tmp_path):
    found = _matcher(tmp_path).find("He hailed the DPRK-U.S. summit in Singapore.", None)
    assert set(found) == {"singapore-summit", "singapore"}


def _synonyms(tmp_path: Path, files: dict[str, str]) -> Path:
    return _content(tmp_path, "synonyms", files)


def test_a_word_in_two_groups_is_refused_naming_both_files(tmp_path):
    content = _synonyms(
        tmp_path,
        {
            "a.yaml": "description: A.\ngroups:\n- [DPRK, North Korea]\n",
            "b.yaml": "description: B.\ngroups:\n- [ICBM, nuke]\n- [north korea, NK]\n",
        },
    )
    [error] = _problems(content, load_synonyms)
    assert error.startswith("content/synonyms/b.yaml: groups[1]: 'north korea' is already in")
    assert "groups[0] of content/synonyms/a.yaml" in error


def test_a_group_of_one_word_is_refused(tmp_path):
    content = _synonyms(tmp_path, {"a.yaml": "description: A.\ngroups:\n- [ICBM]\n"})
    assert _problems(content, load_synonyms) == [
        "content/synonyms/a.yaml: groups[0]: expected a list of at least two words, got ['ICBM']"
    ]


def test_synonym_folder_is_content_the_check_accepts(tmp_path):
    content = _synonyms(tmp_path, {"a.yaml": "description: A.\ngroups:\n- [ICBM, nuke]\n"})
    (content / "synonyms" / "notes.txt").write_text("x", encoding="utf-8")
    found = contentfiles.scan(content)
    assert [path.name for path, _ in found.refused] == ["notes.txt"]
    assert load_synonyms(content)["a"].groups == (("ICBM", "nuke"),)
    assert load_synonyms(tmp_path / "elsewhere") == {}


def test_either_spelling_finds_the_article_through_the_body_field():
    synonyms = Synonyms([["ICBM", "intercontinental ballistic missile"], ["DPRK", "North Korea"]])
    extra = synonyms.extra("Pyongyang tested intercontinental ballistic missiles on Friday.")
    doc = SearchDoc("t", "u", "", "", [], [], "", "body text", "", "", synonyms=extra)
    assert "ICBM" in doc.field_texts()["b"]
    assert "North Korea" not in doc.field_texts()["b"]  # no word of that group is there
    assert "ICBM" not in doc.snippet
    assert synonyms.extra("NORTH-KOREA's media") == "DPRK"
