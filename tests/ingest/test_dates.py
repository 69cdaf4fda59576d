"""Dates from headers, stamps and captions checked against the lede; never guessed."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsarchive.ingest.dates import (
    caption_date,
    date_from_captions,
    lede_weekday,
    match_date_line,
    match_header,
    match_stamp,
    month_number,
    parse_date,
)
from newsarchive.ingest.structure import parse_raw

RAW = Path(__file__).parent.parent / "fixtures" / "raw"
OCT_7 = datetime.date(2019, 10, 7)  # a Monday
MONDAY, WEDNESDAY, SATURDAY = 0, 2, 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-12-18", datetime.date(2018, 12, 18)),
        ("2019.10.08", datetime.date(2019, 10, 8)),
        ("2019/10/08", datetime.date(2019, 10, 8)),
        ("2019. 10. 8.", datetime.date(2019, 10, 8)),
        ("Oct. 7, 2019", OCT_7),
        ("October 7, 2019", OCT_7),
        ("Sept. 19 2018", datetime.date(2018, 9, 19)),
        ("7 October 2019", OCT_7),
        ("2019년 10월 7일", OCT_7),
        ("August 20th, 2024", datetime.date(2024, 8, 20)),
        ("20th of August 2024", datetime.date(2024, 8, 20)),
        ("20-Aug-2024", datetime.date(2024, 8, 20)),
        ("20/08/2024", datetime.date(2024, 8, 20)),
        ("08/20/2024", datetime.date(2024, 8, 20)),
        ("08.08.2024", datetime.date(2024, 8, 8)),
        ("03/04/2024", None),  # March 4 or April 3: never guessed
        ("Juche 113.8.20", datetime.date(2024, 8, 20)),
        ("Feb. 30, 2019", None),
        ("2019-13-01", None),
        ("1066-10-14", None),
        ("no date here", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_header_line():
    header = match_header(" date 2018-12-18 NATIONAL")
    assert header is not None
    assert header.date == datetime.date(2018, 12, 18)
    assert header.section == "national"
    assert match_header("Date: 2019-10-08").section is None
    assert match_header("The date 2018-12-18 was set for the talks.") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published : 2019-10-08 09:12", datetime.date(2019, 10, 8)),
        ("Published: Oct 8, 2019 - 16:35", datetime.date(2019, 10, 8)),
        ("Posted on 2019-10-08", datetime.date(2019, 10, 8)),
        ("Posted : 2019-10-08 16:35 Updated : 2019-10-09 17:10", datetime.date(2019, 10, 8)),
        ("Updated : 2019-10-09 10:40", datetime.date(2019, 10, 9)),
        ("Last updated on October 9, 2019 at 10:40 a.m. KST", datetime.date(2019, 10, 9)),
        ("입력 2019.10.08 09:12", datetime.date(2019, 10, 8)),
        ("입력 : 2019-10-08 09:12:33 | 수정 : 2019-10-08 10:00:01", datetime.date(2019, 10, 8)),
        ("기사입력 2019.10.08. 오전 9:12", datetime.date(2019, 10, 8)),
        ("승인 2019.10.08 09:12", datetime.date(2019, 10, 8)),
        ("2019/10/08 09:12 KST", datetime.date(2019, 10, 8)),
        ("Published : Aug. 20, 2024 - 15:02", datetime.date(2024, 8, 20)),
        ("Published: 20 Aug. 2024, 15:02", datetime.date(2024, 8, 20)),
        ("Updated 10:58 PM GMT+9, August 20, 2024", datetime.date(2024, 8, 20)),
        ("Published: Tuesday, August 20, 2024 3:02 PM", datetime.date(2024, 8, 20)),
        ("Posted on 2024-08-20T15:02:03+09:00", datetime.date(2024, 8, 20)),
    ],
)
def test_stamp_lines(line, expected):
    assert match_stamp(line) == (expected,)


@pytest.mark.parametrize(
    "line",
    [
        "Published reports say the talks will resume on 2019-10-08.",
        "South Korea said Tuesday it would resume talks.",
        "Updated figures showed a rise.",
        "",
    ],
)
def test_not_stamps(line):
    assert match_stamp(line) is None


AUG_20 = datetime.date(2024, 8, 20)  # a Tuesday


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("20 August 2024", AUG_20),
        ("Tuesday, 20 August 2024", AUG_20),
        ("Tuesday 20 August 2024", AUG_20),
        ("Tue, 20 Aug 2024 15:02 KST", AUG_20),
        ("August 20, 2024", AUG_20),
        ("AUGUST 20, 2024", AUG_20),
        ("Aug. 20th, 2024", AUG_20),
        ("Aug 20 2024", AUG_20),
        ("Tuesday, Aug. 20, 2024 at 3:02 p.m. EDT", AUG_20),
        ("August 20, 2024 (Tuesday)", AUG_20),
        ("Sept. 3, 2024", datetime.date(2024, 9, 3)),
        ("2024-08-20", AUG_20),
        ("2024-08-20T15:02:03+09:00", AUG_20),
        ("2024. 8. 20.", AUG_20),
        ("20/08/2024", AUG_20),
        ("08/20/2024", AUG_20),
        ("2024년 8월 20일 (화)", AUG_20),
        ("Juche 113.8.20.", AUG_20),
        ("03/04/2024", None),  # a date line, but which date is unknown
        ("Monday, 20 August 2024", None),  # the weekday contradicts the date
        ("Feb. 30, 2024", None),
    ],
)
def test_date_lines(line, expected):
    assert match_date_line(line) == (expected,)


@pytest.mark.parametrize(
    "line",
    ["20 August 2024 was a hot day", "In August 2024", "20 August", "2024", "Section 3", ""],
)
def test_not_date_lines(line):
    assert match_date_line(line) is None


def test_month_numbers():
    assert [month_number(m) for m in ("Sept.", "aug", "December", "Mayday")] == [9, 8, 12, None]


@pytest.mark.parametrize(
    "top",
    ["20 August 2024", "Tuesday, 20 August 2024", "August 20, 2024", "2024-08-20"],
)
def test_a_date_line_above_the_headline_dates_the_story(top):
    story = parse_raw(f"{top}\n\nKim visits farm\n\nKim Jong Un visited a farm on Tuesday.")[0]
    assert (story.title, story.date, story.date_basis) == ("Kim visits farm", AUG_20, "stamp")
    assert story.paragraphs == ("Kim Jong Un visited a farm on Tuesday.",)


def test_stamp_with_impossible_date_is_still_a_stamp():
    assert match_stamp("Published : 2019-02-30 09:12") == (None,)


def test_caption_date():
    assert (
        caption_date("X speaks at the airport, near Washington, on Oct. 7, 2019. (Yonhap)") == OCT_7
    )
    assert caption_date("This file photo, taken on Oct. 7, 2019, shows Kim. (Yonhap)") is None
    assert caption_date("X speaks to reporters on Monday. (Yonhap)") is None


@pytest.mark.parametrize(
    ("lede", "expected"),
    [
        ("Seoul's chief nuclear negotiator said Monday.", (MONDAY, True)),
        ("Lee told reporters on Wednesday that talks would go on.", (WEDNESDAY, True)),
        ("The ministry on Wednesday announced a plan.", (WEDNESDAY, True)),
        ("North Korea fired two missiles on Saturday.", (SATURDAY, False)),
        ("No weekday at all.", None),
    ],
)
def test_lede_weekday(lede, expected):
    assert lede_weekday(lede) == expected


CAPTION = "Lee speaks to reporters at Dulles International Airport on Oct. 7, 2019. (Yonhap)"


def test_caption_date_consistent_with_the_reporting_weekday():
    assert date_from_captions([CAPTION], "Lee said Monday talks would continue.") == OCT_7


def test_reporting_weekday_after_the_photo_dates_the_story_that_day():
    lede = "Lee said Wednesday talks would continue."
    assert date_from_captions([CAPTION], lede) == datetime.date(2019, 10, 9)


def test_inconsistent_event_weekday_gives_no_date():
    lede = "North Korea fired two missiles on Saturday, its first launch in months."
    assert date_from_captions([CAPTION], lede) is None


def test_matching_event_weekday_is_enough():
    lede = "North Korea fired two missiles on Monday, its first launch in months."
    assert date_from_captions([CAPTION], lede) == OCT_7


def test_no_weekday_or_file_photo_gives_no_date():
    assert date_from_captions([CAPTION], "Lee arrived in Washington for talks.") is None
    file_photo = "This file photo shows Lee in Seoul on Oct. 7, 2019. (Yonhap)"
    assert date_from_captions([file_photo], "Lee said Monday talks would continue.") is None


def test_fixtures_through_parse_raw():
    lag = parse_raw((RAW / "caption_weekday_lag.txt").read_text(encoding="utf-8"))[0]
    assert (lag.date, lag.date_basis) == (datetime.date(2019, 10, 9), "caption+weekday")
    event = parse_raw((RAW / "caption_event_weekday.txt").read_text(encoding="utf-8"))[0]
    assert (event.date, event.date_basis) == (None, "")
    assert len(event.captions) == 1


def test_header_beats_stamp_beats_caption():
    text = f"date 2018-12-18 NATIONAL\n\nPublished : 2019-10-08 09:12\n\nLee said Monday.\n\n{CAPTION}\n\nMore text."
    story = parse_raw(text)[0]
    assert (story.date, story.date_basis) == (datetime.date(2018, 12, 18), "header")
    story = parse_raw(text.split("\n\n", 1)[1])[0]
    assert (story.date, story.date_basis) == (datetime.date(2019, 10, 8), "stamp")


def test_dateline_alone_never_dates_and_today_is_never_used():
    story = parse_raw(
        "SEOUL, Oct. 8 (Yonhap) -- North Korea fired a missile on Tuesday, officials said."
    )[0]
    assert story.date is None
    assert story.date_basis == ""
    assert story.dateline == "Seoul"
