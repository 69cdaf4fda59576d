"""Story keys and near-duplicates: the same story is known whatever record carries it."""

from __future__ import annotations

from newsarchive.content.fingerprints import jaccard, near_pairs, story_key, story_words

STORY = (
    "Kim Jong Un, general secretary of the Workers' Party of Korea, inspected a newly built "
    "greenhouse farm in South Hamgyong Province. He praised the builders and said the farm "
    "would supply fresh vegetables to the people all year round. Officials accompanied him."
)


def test_spacing_case_quotes_markup_and_glue_do_not_change_the_key() -> None:
    variants = [
        STORY.upper(),
        STORY.replace(" ", "  ").replace(". ", ".\n\n"),
        STORY.replace("'", "\u2019"),
        STORY.replace("greenhouse", "*greenhouse*").replace("farm", "<b>farm</b>", 1),
        STORY.replace("Province. He", "Province.He"),
    ]
    assert {story_key(v) for v in variants} == {story_key(STORY)}


def test_a_changed_word_changes_the_key() -> None:
    assert story_key(STORY.replace("greenhouse", "fish")) != story_key(STORY)


def test_texts_too_short_to_tell_apart_have_no_key() -> None:
    assert story_key("Editorial") is None
    assert story_words("Kim's visit, <i>again</i>!") == ["kim", "s", "visit", "again"]


def test_near_duplicates_are_found_with_their_similarity_and_others_are_not() -> None:
    corrected = STORY.replace("newly built", "new")
    added = STORY + " The farm covers 30 hectares."
    other = (
        "The Korean Central News Agency released a detailed report on the flood damage in the "
        "northern region and on the relief work of the army and the people there."
    )
    pairs = near_pairs(
        [
            ("a", story_words(STORY)),
            ("b", story_words(corrected)),
            ("c", story_words(other)),
            ("d", story_words(added)),
        ]
    )
    found = {(p.first, p.second) for p in pairs}
    assert ("a", "b") in found and ("a", "d") in found
    assert not any("c" in pair for pair in found)
    similarity = {(p.first, p.second): p.similarity for p in pairs}[("a", "b")]
    assert 0.8 <= similarity < 1.0
    assert similarity == round(jaccard(story_words(STORY), story_words(corrected)), 2)
