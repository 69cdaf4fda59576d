"""Repeated tails: a story carried again after its credit goes, counted; anything else stays.

Fixtures are made up in the shape scraped pages give: the story, its credit, then the story
again in shrinking pieces, the last one cut where the dataset stopped.
"""

from __future__ import annotations

from newsarchive.ingest.repeats import Repeats, drop_repeated_tail
from newsarchive.ingest.structure import parse_raw

S1 = "The 5th Autumn Trade Fair opened at the Three-Revolution Exhibition House on Monday."
S2 = "Machines, building materials and light industrial goods are on display."
S3 = "Officials and members of foreign embassies attended the opening ceremony."
S4 = "The fair will last till Sept. 27."
STORY = " ".join((S1, S2, S3, S4))


def test_shrinking_copies_after_an_agency_credit_are_dropped_and_counted() -> None:
    tail = f" {STORY} Rodong Sinmun {S2} {S3} {S4} Rodong Sinmun {S3} {S4} Rodong Sinmun {S4} Rod"
    text = f"{STORY} Rodong Sinmun{tail}"
    repeats = drop_repeated_tail([text])
    assert repeats.paragraphs == (f"{STORY} Rodong Sinmun",)
    assert repeats.dropped == len(tail)


def test_a_copy_after_a_writers_signature_is_dropped() -> None:
    text = f"{STORY} Jang Un Gyong {STORY} Jang Un Gyong {S3} {S4} Jang"
    repeats = drop_repeated_tail([text])
    assert repeats.paragraphs == (f"{STORY} Jang Un Gyong",)
    assert repeats.dropped > 0


def test_a_copy_after_an_agency_credit_in_brackets_and_in_its_own_paragraphs() -> None:
    paragraphs = [S1, f"{S2} {S3}", f"{S4} (KCNA)", S1, f"{S2} {S3}", S4]
    repeats = drop_repeated_tail(paragraphs)
    assert repeats.paragraphs == (S1, f"{S2} {S3}", f"{S4} (KCNA)")


def test_a_copy_after_a_run_in_subhead_the_first_copy_had() -> None:
    first = f"Love for the People {S1} {S2} {S3} {S4}"
    text = f"{first} Rodong Sinmun {S1} {S2} {S3} {S4} Rodong Sinmun {S2} {S3}"
    assert drop_repeated_tail([text]).paragraphs == (f"{first} Rodong Sinmun",)


def test_a_repeat_without_a_credit_before_it_stays() -> None:
    text = f"{STORY} {S1} {S2}"
    assert drop_repeated_tail([text]) == Repeats((text,), 0)


def test_a_tail_that_differs_from_the_earlier_text_stays() -> None:
    text = f"{STORY} Rodong Sinmun {S1} {S2} The fair drew more visitors than last year."
    repeats = drop_repeated_tail([text])
    assert repeats.paragraphs == (text,) and repeats.dropped == 0


def test_a_sentence_quoted_again_mid_story_stays() -> None:
    text = f"{S1} {S2} (Yonhap) {S1} New text follows here and goes on. {S3}"
    assert drop_repeated_tail([text]).dropped == 0


def test_parse_raw_drops_the_tail_then_takes_the_credit() -> None:
    text = f"{STORY} Rodong Sinmun {STORY} Rodong Sinmun {S4} Rodong"
    (story,) = parse_raw(text, digest=False)
    assert " ".join(story.paragraphs) == STORY
    assert story.source == "Rodong Sinmun"
    assert story.repeat_dropped == len(f" {STORY} Rodong Sinmun {S4} Rodong")
