"""Credit lines, bylines, datelines and end marks, one line at a time."""

from __future__ import annotations

import dataclasses

import pytest

from newsarchive.ingest.credits import (
    is_end_mark,
    match_credit,
    match_dateline,
    match_role_line,
    match_signature,
    strip_trailing_credits,
)


@pytest.mark.parametrize(
    ("line", "author", "agency"),
    [
        ("By Kim Soo-yeon (kimsy@yna.co.kr)", "Kim Soo-yeon", None),
        ("Kim Arin (arin@heraldcorp.com)", "Kim Arin", None),
        ("— Jane Doe, jdoe@example.com", "Jane Doe", None),
        (
            "By Kim Arin and Lee Jung-joo (arin@heraldcorp.com, jjlee@heraldcorp.com)",
            "Kim Arin and Lee Jung-joo",
            None,
        ),
        (
            "By Jane Doe (jd@example.com) and John Roe (jr@example.com)",
            "Jane Doe and John Roe",
            None,
        ),
        (
            "By Jane Doe, jd@example.com, and John Roe, jr@example.com",
            "Jane Doe and John Roe",
            None,
        ),
        ("BY LEE SUNG-EUN [lee.sungeun@joongang.co.kr]", "Lee Sung-Eun", None),
        ("By KIM TONG-HYUNG Associated Press", "Kim Tong-Hyung", "AP"),
        ("By MATTHEW LEE AP Diplomatic Writer", "Matthew Lee", "AP"),
        ("By Jane Doe | Reuters", "Jane Doe", "Reuters"),
        ("Jung Min-ho Staff Reporter", "Jung Min-ho", None),
        ("Park Si-soo, Staff Reporter", "Park Si-soo", None),
        ("Kim Arin, Korea Herald correspondent (arin@heraldcorp.com)", "Kim Arin", None),
        ("By Jun Ji-hye", "Jun Ji-hye", None),  # a surname, not the month
        ("Written by Chad O'Carroll", "Chad O'Carroll", None),
        ("김수연 기자 kimsy@yna.co.kr", "김수연", None),
        ("By Reuters", None, "Reuters"),
        ("By The Associated Press", None, "AP"),
        ("By Staff Reporter", None, None),
        ("Reporting by Hyonhee Shin; Editing by Raju Gopalakrishnan", "Hyonhee Shin", None),
        ("(Writing by Ju-min Park; Editing by Lincoln Feast.)", "Ju-min Park", None),
        (
            "Reporting by Josh Smith in Seoul and David Brunnstrom in Washington",
            "Josh Smith and David Brunnstrom",
            None,
        ),
        ("Reporting by the Seoul newsroom; Editing by Ed Davies", None, None),
        ("Editor: Zhang Zhou", None, None),
        ("Editor: huaxia", None, None),
        ("Reporter: Kim Soo-yeon", "Kim Soo-yeon", None),
        ("Source: Xinhua", None, "Xinhua"),
        ("Contact the writer at mhjung@koreatimes.co.kr", None, None),
        ("Write to Jane Doe at jane.doe@example.com", "Jane Doe", None),
        ("Email: jd@example.com", None, None),
        ("Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.", None, None),
        ("— Reuters", None, "Reuters"),
        ("Associated Press", None, "AP"),
        ("(AFP-Yonhap)", None, "AFP"),
    ],
)
def test_credit_lines(line, author, agency):
    credit = match_credit(line)
    assert credit is not None
    assert (credit.author, credit.agency) == (author, agency)


def test_a_credit_line_with_fields_and_a_date():
    credit = match_credit("Source: Xinhua| 2019-10-08 21:40:32|Editor: Li Xia")
    assert credit is not None
    assert (credit.agency, str(credit.date)) == ("Xinhua", "2019-10-08")


@pytest.mark.parametrize(
    "line",
    [
        "By Air and Sea, Aid Arrives",
        "By Friday, the two sides must agree",
        "By June 2024, the plant was finished",
        "By doing so, Seoul gains time.",
        "By Kim Jong Un's order",
        "By The Way",
        "Staff writer quits",
        "Kim Jong Un",
        "— Kim Jong Il",
        "For more information, email info@example.go.kr.",
        "The letter was sent to kim@example.com by the ministry.",
        "Reporter: Why did you go there?",
        "Reporting by the Times showed the plan was flawed.",
        "Experts contributed to the report.",
        "Source: Ministry of Unification",
        "Editing by",
    ],
)
def test_not_credit_lines(line):
    assert match_credit(line) is None


def test_signatures_and_roles_need_a_neighbour():
    assert match_signature("Kim Arin") == "Kim Arin"
    assert match_signature("Traffic was heavy.") is None
    assert match_role_line("Staff Reporter") is not None
    assert match_role_line("Reporter arrested in Seoul") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("kjm/ssy", True),
        ("burs-kjm/dva", True),
        ("ENDS", True),
        ("kimsy@yna.co.kr", True),
        ("<arin@heraldcorp.com>", True),
        ("Contact: press@example.org", False),
        ("Kim/Lee", False),
    ],
)
def test_end_marks(line, expected):
    assert is_end_mark(line) is expected


@pytest.mark.parametrize(
    ("paragraph", "text", "agency", "author"),
    [
        (
            "It ended, officials said. By Kim Soo-yeon (kimsy@yna.co.kr)",
            "It ended, officials said.",
            None,
            "Kim Soo-yeon",
        ),
        (
            "It ended. (Reporting by Hyonhee Shin; Editing by Ed Davies)",
            "It ended.",
            None,
            "Hyonhee Shin",
        ),
        ("It ended. kimsy@yna.co.kr", "It ended.", None, None),
        (
            "Write to us at info@example.org for details.",
            "Write to us at info@example.org for details.",
            None,
            None,
        ),
    ],
)
def test_credits_glued_to_the_last_sentence(paragraph, text, agency, author):
    assert dataclasses.astuple(strip_trailing_credits(paragraph)) == (text, agency, author)


@pytest.mark.parametrize(
    ("lede", "place", "agency", "month_day", "year"),
    [
        ("PYONGYANG, August 20 (KCNA) - Kim Jong Un", "Pyongyang", "KCNA", (8, 20), None),
        ("Pyongyang, 20 August (KCNA) -- Kim", "Pyongyang", "KCNA", (8, 20), None),
        (
            "Pyongyang, August 20, Juche 113 (2024) (KCNA) -- Kim",
            "Pyongyang",
            "KCNA",
            (8, 20),
            2024,
        ),
        ("Pyongyang, August 20, Juche 113 (KCNA) -- Kim", "Pyongyang", "KCNA", (8, 20), 2024),
        ("Pyongyang, August 20(KCNA)--Kim", "Pyongyang", "KCNA", (8, 20), None),
        ("SEOUL, Aug 20, 2024 (AFP) - North", "Seoul", "AFP", (8, 20), 2024),
        ("BEIJING, Sept. 3 (Xinhua) -- China", "Beijing", "Xinhua", (9, 3), None),
        ("SEOUL, Aug. 20th (Yonhap) \u2013 North", "Seoul", "Yonhap", (8, 20), None),
        ("SEOUL, Aug. 20 (AFP-Yonhap) -- X", "Seoul", "AFP", (8, 20), None),
        ("NEW YORK (CNN) \u2014 The", "New York", "CNN", None, None),
        ("SEOUL -- The bridge", "Seoul", None, None, None),
        ("Pyongyang, August 20 -- A", "Pyongyang", None, (8, 20), None),
        ("SEOUL (Yonhap) North Korea", "Seoul", "Yonhap", None, None),
        ("Pyongyang, August 20 (KCNA) --south Korean puppets", "Pyongyang", "KCNA", (8, 20), None),
        ("PYONGYANG, Feb. 30 (KCNA) -- X", "Pyongyang", "KCNA", None, None),
    ],
)
def test_datelines(lede, place, agency, month_day, year):
    dateline = match_dateline(lede)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.month_day, dateline.year) == (
        place,
        agency,
        month_day,
        year,
    )


@pytest.mark.parametrize(
    "lede",
    [
        "BREAKING -- North Korea fired a missile.",
        "DPRK - China friendship will grow.",
        "DPRK -- China friendship will grow.",
        "SEOUL - the city grew.",
        "Seoul -- The capital grew.",
        "Kim Jong Un (KJU) - the leader",
        "North Korea (Yonhap) fired a missile",
    ],
)
def test_not_datelines(lede):
    assert match_dateline(lede) is None


def test_an_agency_credited_twice_in_a_row_leaves_the_text() -> None:
    """Scrapers keep both the paper's byline and its footer: ``... China. Rodong Sinmun Rodong Sinmun``."""
    done = strip_trailing_credits(
        'of the People." Rodong Sinmun Rodong Sinmun Rodong Sinmun Rodong Sinmun'
    )
    assert (done.text, done.agency) == ('of the People."', "Rodong Sinmun")
    kept = "The hall was named after Kim Il Sung Kim Il Sung."
    assert strip_trailing_credits(kept).text == kept
