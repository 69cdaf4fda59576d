"""Paragraphs put back into run-together bodies: wire styles, subheads, quotes, and what stays.

Every fixture is made up for these tests, in the layout of one outlet's copy with its line
breaks lost, as corpora and scrapes deliver it.
"""

from __future__ import annotations

import re

import pytest

from newsarchive.content.sentences import split_sentences
from newsarchive.ingest.paragraphs import (
    MAX_CHARS,
    MAX_SENTENCES,
    is_run_together,
    restore_paragraphs,
    split_subhead,
)

YONHAP = (
    "North Korea fired two short-range ballistic missiles into the East Sea on Thursday, "
    "South Korea's military said, in its first launch in three months. "
    "The missiles were fired from the Yonpo area in South Hamgyong Province at around 7 a.m. "
    "and flew about 400 kilometers at an altitude of 50 km, according to the Joint Chiefs "
    "of Staff (JCS). "
    "South Korean and U.S. intelligence authorities are analyzing the details of the launch. "
    "The launch came a day after the U.S. special envoy for North Korea, Sung Kim, wrapped "
    "up a four-day trip to Seoul. "
    '"We strongly urge North Korea to stop its acts that raise military tensions on the '
    'peninsula," the JCS said in a text message sent to reporters. '
    "Meanwhile, the presidential office convened an emergency meeting of the National "
    "Security Council to discuss the launch and its implications. "
    "It said the launch violated U.N. Security Council resolutions banning the North from "
    "any ballistic missile activity. "
    "North Korea has carried out a series of weapons tests this year, including what it "
    "claimed was a hypersonic missile in January."
)
KCNA = (
    "The 6th Plenary Meeting of the 8th Central Committee of the Workers' Party of Korea "
    "opened at the office building of the Central Committee on Monday. "
    "Attending the meeting were members and alternate members of the Central Committee. "
    "Observers included officials of departments of the Central Committee, leading "
    "officials of ministries and national institutions and chief secretaries of provincial "
    "party committees. "
    "The meeting discussed the implementation of the decisions of the previous plenary "
    "meeting and the tasks for the coming year. "
    "Noting that the past year was a year of great victory, the report said that all the "
    "sectors had achieved their goals despite the difficulties. "
    "It stressed the need to strengthen the discipline of the Party and to increase the "
    "role of the officials in the struggle for the fulfilment of the five-year plan. "
    "The meeting continues."
)
REUTERS = (
    "North Korea on Tuesday test-fired what it said was a new type of submarine-launched "
    "ballistic missile, state media reported, a day after South Korea said it had detected "
    "a launch from the east coast port of Sinpo. "
    "The test came as U.S. and South Korean envoys met in Washington to discuss ways to "
    "restart talks with Pyongyang. "
    'The missile "will contribute greatly to putting the defence technology of the country '
    'on a high level and to enhancing the underwater operational capability of our navy," '
    "the KCNA news agency said. "
    "The launch drew condemnation from Japan, which said the missile had fallen outside its "
    "exclusive economic zone. "
    "However, analysts said the weapon appeared to be smaller than previous models and "
    "might be designed for a new submarine under construction. "
    "The United States urged Pyongyang to refrain from further provocations and to engage "
    "in dialogue, a State Department spokesperson said. "
    "He said Washington harboured no hostile intent towards the North."
)
RODONG = (
    "Supreme Leader Kim Jong Un inspected the newly built Sinuiju Greenhouse Farm. "
    "He looked round the greenhouses and the production buildings of the farm. "
    "Expressing great satisfaction over the fact that the farm was built in a short span "
    "of time, he said that it is a model of modern farms in the country. "
    "He stressed the need to steadily raise the level of scientific farming. "
    "Love for the People Shown in Every Detail The farm is equipped with modern facilities "
    "that ensure the growth of vegetables all the year round. "
    "Its hydroponic system and automatic control system were developed by local scientists. "
    "The workers of the farm have been provided with dwelling houses and welfare facilities. "
    "They pledged to repay the care of the Party with higher yields."
)


def words(text: str) -> list[str]:
    """The words of a text, markup and spacing aside: what a reader reads."""
    return re.findall(r"\w+", text)


@pytest.mark.parametrize(
    "body", [YONHAP, KCNA, REUTERS, RODONG], ids=["yonhap", "kcna", "reuters", "rodong"]
)
def test_a_run_together_body_gets_paragraphs_and_keeps_every_word(body: str) -> None:
    restored = restore_paragraphs([body])
    assert restored.split and len(restored.paragraphs) >= 2
    assert words(" ".join(restored.paragraphs)) == words(body)
    for index, paragraph in enumerate(restored.paragraphs):
        if index in restored.headings:
            continue
        sentences = split_sentences(paragraph)
        assert len(sentences) <= MAX_SENTENCES or len(paragraph) <= MAX_CHARS, paragraph
        assert len(paragraph) <= MAX_CHARS or len(sentences) == 1, paragraph


@pytest.mark.parametrize(
    "body", [YONHAP, KCNA, REUTERS, RODONG], ids=["yonhap", "kcna", "reuters", "rodong"]
)
def test_paragraphs_end_on_a_sentence_end(body: str) -> None:
    for paragraph in restore_paragraphs([body]).paragraphs[:-1]:
        assert paragraph.endswith((".", '."', ".\u201d", "Detail")), paragraph


def test_a_transition_opens_a_paragraph() -> None:
    paragraphs = restore_paragraphs([YONHAP]).paragraphs
    assert any(p.startswith("Meanwhile, the presidential office") for p in paragraphs)
    paragraphs = restore_paragraphs([REUTERS]).paragraphs
    assert any(p.startswith("However, analysts said") for p in paragraphs)
    paragraphs = restore_paragraphs([KCNA]).paragraphs
    assert any(p.startswith("Noting that the past year") for p in paragraphs)


def test_a_quotation_opens_a_paragraph_and_is_never_split() -> None:
    paragraphs = restore_paragraphs([YONHAP]).paragraphs
    assert any(p.startswith('"We strongly urge') for p in paragraphs)
    for paragraph in restore_paragraphs([REUTERS]).paragraphs:
        assert paragraph.count('"') % 2 == 0, paragraph


def test_no_break_falls_inside_a_quotation_of_several_sentences() -> None:
    quote = (
        "\u201cWe will never give up. We will build the economy by our own efforts. We will "
        "win. Nobody can stop us. We have the strength.\u201d "
    )
    body = (
        ("The minister spoke at the meeting held in the capital on Monday. " * 3)
        + quote
        + ("He then left the hall. The meeting ended in the evening. Delegates went home. " * 3)
    )
    paragraphs = restore_paragraphs([body]).paragraphs
    assert sum(quote.strip() in p for p in paragraphs) == 1
    for paragraph in paragraphs:
        assert paragraph.count("\u201c") == paragraph.count("\u201d"), paragraph


def test_a_run_in_subhead_becomes_a_heading_of_its_own() -> None:
    restored = restore_paragraphs([RODONG])
    assert [restored.paragraphs[i] for i in restored.headings] == [
        "Love for the People Shown in Every Detail"
    ]
    after = restored.paragraphs[restored.headings[0] + 1]
    assert after.startswith("The farm is equipped with modern facilities")


def test_a_headline_run_into_the_start_of_the_body_is_its_first_heading() -> None:
    body = "Let Us Make Greater Strides This Year It is the task of all sectors to advance. " + (
        "The officials must work harder for the people in every field of the economy. " * 10
    )
    restored = restore_paragraphs([body])
    assert restored.headings == (0,)
    assert restored.paragraphs[0] == "Let Us Make Greater Strides This Year"
    assert restored.paragraphs[1].startswith("It is the task")


@pytest.mark.parametrize(
    "sentence",
    [
        "Kim Jong Un inspected the farm and gave instructions.",  # a name and its verb
        "Rodong Sinmun The delegation left Pyongyang on Monday.",  # an agency's credit
        "Ri Hyon Do The delegation left Pyongyang on Monday.",  # an author's signature
        "North Korea fired a missile on Monday.",
        "Steps Toward the Summit Were Taken in Hanoi.",  # an opener before a small word
        "The U.S. Forces Korea The drills began.",  # a stop inside: no Title Case phrase
        "In Seoul, the talks began.",
        "Moon Jae-in And Kim Jong Un met.",
    ],
)
def test_what_is_not_a_subhead(sentence: str) -> None:
    assert split_subhead(sentence) == (None, sentence)


def test_a_subhead_may_hold_small_words_and_numbers() -> None:
    heading, rest = split_subhead("Victory of the April 25 Team The team won 2:0 at home.")
    assert heading == "Victory of the April 25 Team"
    assert rest == "The team won 2:0 at home."


def test_a_body_that_has_its_breaks_is_left_exactly_as_it_is() -> None:
    paragraphs = [
        "SEOUL -- North Korea fired a missile on Monday, the military said.",
        "The missile flew about 600 km. " * 8,  # one long paragraph among short ones
        "The launch was the third this month.",
        "Officials are analysing the data. They said more details would follow.",
    ]
    assert not is_run_together(paragraphs)
    restored = restore_paragraphs(paragraphs)
    assert restored.paragraphs == tuple(paragraphs) and not restored.split


def test_a_short_one_paragraph_brief_is_left_alone() -> None:
    brief = "North Korea fired a missile on Monday. It flew 600 km. Seoul condemned the launch."
    assert restore_paragraphs([brief]).paragraphs == (brief,)


def test_a_few_very_long_paragraphs_are_each_split_and_never_merged() -> None:
    first, second = YONHAP, KCNA
    restored = restore_paragraphs([first, "A short paragraph.", second])
    assert "A short paragraph." in restored.paragraphs
    index = restored.paragraphs.index("A short paragraph.")
    assert words(" ".join(restored.paragraphs[:index])) == words(first)
    assert words(" ".join(restored.paragraphs[index + 1 :])) == words(second)


def test_runs_are_cut_evenly_with_no_orphan() -> None:
    sentence = "The workers of the plant fulfilled their yearly plan ahead of schedule this month. "
    restored = restore_paragraphs([sentence * 9])
    sizes = [len(split_sentences(p)) for p in restored.paragraphs]
    assert sizes == [3, 3, 3]


def test_a_marker_never_leaves_a_sentence_alone() -> None:
    body = (
        "The delegation arrived in Pyongyang on Monday for a visit of several days. "
        "Meanwhile, talks opened in Beijing on trade between the two countries. "
        "Moreover, the officials signed an agreement on the exchange of students. "
    ) * 4
    for paragraph in restore_paragraphs([body]).paragraphs:
        assert len(split_sentences(paragraph)) >= 2, paragraph


def test_one_glued_paragraph_of_many_sentences_is_split_and_the_rest_kept() -> None:
    """A story whose later paragraphs lost their breaks (and the spaces after their stops,
    which glue repair puts back): that paragraph alone is split."""
    first = "Seoul said Tuesday that the allies will hold talks on North Korea this week."
    second = "The U.S. envoy is scheduled to visit Seoul from Wednesday till Saturday."
    glued = " ".join(
        f"Sentence number {n} of the glued paragraph says something about the talks at great length."
        for n in range(12)
    )
    restored = restore_paragraphs([first, second, glued])
    assert restored.paragraphs[:2] == (first, second)
    assert len(restored.paragraphs) >= 5
    assert " ".join(restored.paragraphs[2:]) == glued
