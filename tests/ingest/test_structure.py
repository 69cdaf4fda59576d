"""parse_raw: metadata out of the body, what the user sees in the seeds and fixtures."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from newsarchive.ingest.captions import is_caption
from newsarchive.ingest.clean import normalize, split_flattened_paragraphs
from newsarchive.ingest.credits import (
    match_byline,
    match_dateline,
    match_footer,
    strip_trailing_credits,
)
from newsarchive.ingest.decode import decode_bytes
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.story import Story
from newsarchive.ingest.structure import parse_raw

FIXTURES = Path(__file__).parent.parent / "fixtures"


def load(name: str) -> str:
    folder = "seeds" if name[0].isdigit() else "raw"
    path = next((FIXTURES / folder).glob(f"{name}*"))
    return decode_bytes(path.read_bytes())


def only_story(text: str) -> Story:
    stories = parse_raw(text)
    assert len(stories) == 1
    return stories[0]


# --- the seeds --------------------------------------------------------------------


def test_seed_000_header_article():
    story = only_story(load("000"))
    assert story.kind == "article" and story.part is None
    assert (story.date, story.date_basis) == (datetime.date(2018, 12, 18), "header")
    assert story.source == "Yonhap"
    assert story.section == "national"
    assert story.title is None
    # Three paragraphs as written, then the fourth, whose breaks were lost with the spaces
    # after its stops (".The meetings"), split again at its sentences.
    assert len(story.paragraphs) == 7
    assert not any("date 2018" in p or "NATIONAL" in p for p in story.paragraphs)
    glued = " ".join(story.paragraphs[3:])
    assert "the ministry added. The meetings come" in glued
    assert 'desired by no one." South Korea has' in glued
    assert ".The " not in glued
    assert story.paragraphs[-1] == (
        "Meanwhile, Lee is to meet with Russian Deputy Foreign Minister Igor Morgulov in Seoul "
        "later Tuesday for discussions on the North Korea issue."
    )


def test_seed_002_caption_dated_article():
    story = only_story(load("002"))
    assert story.kind == "article"
    assert (story.date, story.date_basis) == (datetime.date(2019, 10, 7), "caption+weekday")
    assert story.source == "Yonhap"
    assert story.publisher == "The Korea Post"
    assert story.captions == (
        "Lee Do-hoon, special representative for Korean Peninsula peace and security affairs, "
        "speaks to reporters at Dulles International Airport, near Washington, on Oct. 7, 2019. (Yonhap)",
    )
    assert not any("Dulles International Airport, near Washington" in p for p in story.paragraphs)
    assert not any("저작권자" in p or "Korea Post" in p for p in story.paragraphs)
    assert len(story.paragraphs) == 11
    assert story.paragraphs[-1].endswith("for each denuclearization measure.")


def test_seed_004_is_ten_briefs():
    stories = parse_raw(load("004"))
    assert len(stories) == 10
    assert [s.part for s in stories] == list(range(1, 11))
    assert {s.kind for s in stories} == {"brief"}
    assert {s.date for s in stories} == {None}


# --- header, stamps, datelines, credits ----------------------------------------------


def test_stamped_fixture():
    story = only_story(load("stamped"))
    assert story.title == "Seoul to expand aid for defectors"
    assert (story.date, story.date_basis) == (datetime.date(2019, 10, 8), "stamp")
    assert not any("Published" in p or "Updated" in p for p in story.paragraphs)


@pytest.mark.parametrize(
    "stamp",
    [
        "Published : 2019-10-08 09:12",
        "Updated : 2019-10-08 09:12",
        "Posted on 2019-10-08",
        "입력 2019.10.08 09:12",
        "Published : Oct 8, 2019 - 09:12 Updated : Oct 8, 2019 - 10:12",
    ],
)
def test_each_stamp_leaves_the_body(stamp):
    for text in (
        f"{stamp}\n\nSeoul said Tuesday it would act.",
        f"Seoul said Tuesday it would act.\n\n{stamp}",
    ):
        story = only_story(text)
        assert story.paragraphs == ("Seoul said Tuesday it would act.",)
        assert (story.date, story.date_basis) == (datetime.date(2019, 10, 8), "stamp")


@pytest.mark.parametrize(
    ("lede", "place", "source"),
    [
        ("SEOUL, Oct. 8 (Yonhap) -- North Korea fired a missile.", "Seoul", "Yonhap"),
        ("Pyongyang, July 30 (KCNA) -- Kim Jong Un visited a farm.", "Pyongyang", "KCNA"),
        ("WASHINGTON, Oct. 7 (Yonhap) -- Lee arrived in Washington.", "Washington", "Yonhap"),
        ("Pyongyang, December 1 (KCNA) -- A delegation left.", "Pyongyang", "KCNA"),
        ("SEOUL, South Korea (AP) \u2014 North Korea fired a missile.", "Seoul", "AP"),
        ("SEOUL (Reuters) - North Korea fired a missile.", "Seoul", "Reuters"),
        ("UNITED NATIONS, Oct. 8 (Yonhap) -- The council met.", "United Nations", "Yonhap"),
    ],
)
def test_datelines(lede, place, source):
    story = only_story(lede)
    assert (story.dateline, story.source, story.date) == (place, source, None)
    assert story.paragraphs[0] == lede.split(" ", 1)[1].split(") ", 1)[1].lstrip("-\u2014 ")


def test_korean_dateline_and_footer_from_cp949():
    story = only_story(load("cp949_korean"))
    assert (story.dateline, story.source, story.author) == ("서울", "Yonhap", "김수연")
    assert story.date == datetime.date(2019, 10, 8)
    assert story.publisher is None  # the footer names the source itself
    assert story.paragraphs[0].startswith("북한이 8일")
    assert not any("저작권자" in p for p in story.paragraphs)


def test_not_datelines():
    assert match_dateline("Lee Do-hoon (left) met Biegun on Monday.") is None
    assert match_dateline("Seoul (population 10 million) -- a megacity.") is None


@pytest.mark.parametrize(
    ("paragraph", "text", "agency", "author"),
    [
        ("It ended. (Yonhap)", "It ended.", "Yonhap", None),
        ("It ended. (END)", "It ended.", None, None),
        ("It ended. -0-", "It ended.", None, None),
        ("It ended. / Yonhap", "It ended.", "Yonhap", None),
        ("It ended. (Yonhap) (END)", "It ended.", "Yonhap", None),
        ("The lives improved. Rodong Sinmun", "The lives improved.", "Rodong Sinmun", None),
        ("The lives improved. Rodong News Team", "The lives improved.", None, "Rodong News Team"),
        ("The lives improved. Ri Hyon Do", "The lives improved.", None, "Ri Hyon Do"),
        (
            "He met the United Nations Security Council",
            "He met the United Nations Security Council",
            None,
            None,
        ),
        (
            "Talks were held with the U.S. State Department",
            "Talks were held with the U.S. State Department",
            None,
            None,
        ),
    ],
)
def test_trailing_credits(paragraph, text, agency, author):
    assert dataclasses.astuple(strip_trailing_credits(paragraph)) == (text, agency, author)


def test_end_marks_and_email_lines_leave():
    text = "SEOUL, Oct. 8 (Yonhap) -- Seoul acted.\n\nMore followed.\n\nksy@yna.co.kr\n(END)"
    story = only_story(text)
    assert story.paragraphs == ("Seoul acted.", "More followed.")


@pytest.mark.parametrize(
    ("line", "author", "agency"),
    [
        ("By Kim Soo-yeon", "Kim Soo-yeon", None),
        ("By Lee Haye-ah, Yonhap", "Lee Haye-ah", "Yonhap"),
        (
            "By Kim Tong-hyung and Hyung-jin Kim, Associated Press",
            "Kim Tong-hyung and Hyung-jin Kim",
            "AP",
        ),
        ("By Kim Jae-won, The Korea Herald", "Kim Jae-won", None),
        ("By Park Si-soo, staff reporter", "Park Si-soo", None),
        ("By KIM SOO-YEON", "Kim Soo-Yeon", None),
    ],
)
def test_bylines(line, author, agency):
    byline = match_byline(line)
    assert byline is not None
    assert (byline.author, byline.agency) == (author, agency)


@pytest.mark.parametrize(
    "line",
    ["By Friday, the two sides must agree", "By doing so, Seoul gains time.", "Bylines are rare."],
)
def test_not_bylines(line):
    assert match_byline(line) is None


def test_bylined_fixture():
    story = only_story(load("bylined"))
    assert (story.author, story.source, story.dateline) == ("Lee Haye-ah", "Yonhap", "Washington")
    assert story.publisher is None
    assert story.paragraphs[0].startswith("South Korea's top nuclear envoy")
    assert not any("Copyright" in p for p in story.paragraphs)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("저작권자 \u00a9 The Korea Post 무단전재 및 재배포금지", "The Korea Post"),
        ("<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "Yonhap"),
        ("\u24d2 연합뉴스", "Yonhap"),
        ("ⓒ 한겨레신문사 : 무단전재 및 재배포 금지", "한겨레신문사"),
        ("Copyright \u00a9 2019 Yonhap News Agency. All rights reserved.", "Yonhap"),
        ("(c) 2021 The Korea Herald. All rights reserved.", "The Korea Herald"),
        ("\u00a9 Copyright 2019 The Korea Times Co., Ltd.", "The Korea Times"),
        ("All rights reserved.", ""),
        ("무단전재 및 재배포 금지", ""),
    ],
)
def test_footers(line, outlet):
    assert match_footer(line) == outlet


def test_not_footers():
    assert match_footer("The copyright law was revised on Tuesday, officials said.") is None
    assert match_footer("North Korea fired a missile.") is None


def test_english_footer_fixture():
    story = only_story(load("english_footer"))
    assert (story.source, story.publisher) == (None, "The Korea Herald")
    assert story.paragraphs[-1] == "Traffic had been suspended for two years."


# --- captions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "Lee Do-hoon speaks to reporters at Dulles International Airport, near Washington, on Oct. 7, 2019. (Yonhap)",
        "This photo, provided by the Korean Central News Agency, shows a missile launch.",
        "This undated picture released by KCNA shows Kim Jong Un at a farm.",
        "In this file photo, Kim Jong Un waves to a crowd. (AP Photo/Lee Jin-man)",
        "President Moon Jae-in (C) poses with athletes in Seoul. (Yonhap)",
        "Photo: Kim Jong Un inspects a factory.",
    ],
)
def test_captions(paragraph):
    assert is_caption(paragraph)


@pytest.mark.parametrize(
    ("paragraph", "last"),
    [
        ("The U.S. has demanded the North take denuclearization steps first. (Yonhap)", True),
        ("The U.S. has demanded the North take denuclearization steps first. (Yonhap)", False),
        ("The talks will resume on Oct. 21, 2019, officials said. (Yonhap)", True),
        ("North Korea released images of the test. (Yonhap)", True),
        ("This picture will be treasured as an heirloom.", False),
        ("Kim met Lee in Seoul on Oct. 7, 2019. They talked. Then they left. (Yonhap)", False),
        ("Kim Jong Un (left) met the envoy.", False),
    ],
)
def test_not_captions(paragraph, last):
    assert not is_caption(paragraph, last=last)


def test_caption_only_text_keeps_its_words():
    caption = "Kim Jong Un inspects a factory in Pyongyang on Oct. 7, 2019. (Yonhap)"
    story = only_story(caption)
    assert story.paragraphs and not story.captions


# --- headlines, wrapped lines, other fixtures -----------------------------------------


def test_crlf_fixture_headline_and_dateline():
    story = only_story(load("crlf_headline"))
    assert story.title == "Koreas agree to resume family reunions"
    assert (story.dateline, story.source) == ("Seoul", "Yonhap")
    assert story.paragraphs == (
        "The two Koreas agreed Monday to resume reunions of families separated by the 1950-53 "
        "Korean War, the unification ministry said.",
        "The reunions will take place at the Mount Kumgang resort next month, it said.",
    )


def test_headline_wire_tags_are_dropped():
    text = "(LEAD) N. Korea fires two missiles: JCS (ATTN: ADDS details)\n\nNorth Korea fired two missiles."
    assert only_story(text).title == "N. Korea fires two missiles: JCS"


def test_headline_detection_can_be_turned_off():
    text = (
        "Koreas agree to resume family reunions\n\nThe two Koreas agreed Monday to resume reunions."
    )
    story = parse_raw(text, headline=False)[0]
    assert story.title is None
    assert story.paragraphs[0] == "Koreas agree to resume family reunions"


def test_a_lede_is_not_a_headline():
    text = "North Korea fired two missiles on Tuesday.\n\nThe launch came days after talks."
    assert only_story(text).title is None
    assert only_story("Just one line without a stop").title is None


def test_hard_wrapped_lines_join():
    text = "North Korea fired two short-range\nmissiles on Tuesday, officials\nsaid.\n\nMore later."
    assert (
        only_story(text).paragraphs[0]
        == "North Korea fired two short-range missiles on Tuesday, officials said."
    )


def test_html_fixture():
    story = only_story(load("html_remnants"))
    assert story.paragraphs == (
        "North Korea\u2019s leader visited a farm & a factory on Friday, state media said Saturday.",
        "The visit was his first in a month.",
        "Officials accompanied him.",
    )


def test_kcna_fixture_with_flattened_paragraphs():
    text = split_flattened_paragraphs(normalize(load("kcna_flattened")))
    story = parse_raw(text, digest=False)[0]
    assert (story.source, story.dateline, story.date) == ("KCNA", "Pyongyang", None)
    assert len(story.paragraphs) == 3


def test_rodong_fixture_glue_and_trailing_author():
    story = only_story(load("rodong_glued"))
    assert story.author == "Ri Hyon Do"
    assert "respected Supreme Leader Kim Jong Un. The speakers" in story.paragraphs[0]
    assert story.paragraphs[0].endswith("Participants marched through the streets.")


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "Copyright \u00a9 2019 Yonhap News Agency. All rights reserved.", "(END)"],
)
def test_no_running_text_is_an_ingest_error(text):
    with pytest.raises(IngestError, match="no running text"):
        parse_raw(text)


def test_story_is_frozen():
    story = only_story("Seoul said Tuesday it would act.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        story.title = "x"  # type: ignore[misc]
    assert story.lede == "Seoul said Tuesday it would act."


def test_package_exports_the_public_api():
    import newsarchive.ingest as ingest

    assert set(ingest.__all__) == {
        "IngestError",
        "Story",
        "decode_bytes",
        "derive_title",
        "normalize",
        "parse_raw",
        "repair_glue",
        "split_flattened_paragraphs",
    }
    story = ingest.parse_raw(ingest.decode_bytes(b"Seoul said Tuesday it would act."))[0]
    assert ingest.derive_title(story.lede) == "Seoul said Tuesday it would act"
