"""Wire and newspaper furniture through parse_raw: what a reader sees of each outlet's form.

Every fixture is made up for these tests, in the layout of one outlet's copy.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsarchive.ingest.decode import decode_bytes
from newsarchive.ingest.story import Story
from newsarchive.ingest.structure import parse_raw

RAW = Path(__file__).parent.parent / "fixtures" / "raw"
AUG_20 = datetime.date(2024, 8, 20)  # a Tuesday


def parsed(name: str) -> Story:
    stories = parse_raw(decode_bytes((RAW / f"{name}.txt").read_bytes()))
    assert len(stories) == 1
    return stories[0]


def body(story: Story) -> str:
    return "\n".join(story.paragraphs)


# --- the three misses ---------------------------------------------------------------


def test_end_byline_with_email_leaves_the_body():
    story = parsed("yonhap_end_byline_email")
    assert (story.author, story.source, story.dateline) == ("Kim Soo-yeon", "Yonhap", "Seoul")
    assert (
        story.paragraphs[-1]
        == "By 2030, the allies plan to expand the drills, according to officials."
    )
    assert "@" not in body(story) and "(END)" not in body(story)


def test_name_with_email_in_brackets_at_the_end():
    story = parsed("herald_name_email")
    assert story.author == "Kim Arin"
    assert (story.date, story.date_basis) == (AUG_20, "stamp")
    assert story.paragraphs[-1] == "Visitors must book in advance, the ministry added."


def test_name_line_then_email_line():
    story = parsed("name_then_email")
    assert story.author == "Lee Jung-joo"
    # a sentence that mentions an address is running text
    assert story.paragraphs[-1] == (
        "Readers with questions about the fair can write to jobs@example.org, the organizers said."
    )


def test_dash_sign_off_with_email():
    story = parsed("dash_signoff_email")
    assert story.author == "Jane Doe"
    assert story.paragraphs == (
        "The museum will open a new hall on the Korean War next spring.",
        "Admission will be free for students.",
    )


def test_day_month_year_line_above_the_headline_and_hyphen_dateline():
    story = parsed("kcna_date_above_headline")
    assert story.title == "Kim Jong Un inspects farm in South Hwanghae Province"
    assert (story.date, story.date_basis) == (AUG_20, "stamp")
    assert (story.dateline, story.source, story.dateline_day) == ("Pyongyang", "KCNA", (8, 20))
    assert story.paragraphs[0] == (
        "Kim Jong Un inspected a cooperative farm in South Hwanghae Province."
    )


def test_date_line_in_the_headline_block_and_day_month_juche_dateline():
    story = parsed("kcna_day_month_juche")
    assert story.title == "Delegation leaves for Laos"
    assert story.date == AUG_20
    assert (story.dateline, story.source, story.dateline_day) == ("Pyongyang", "KCNA", (8, 20))
    assert story.paragraphs[0].startswith("A delegation of the Ministry of Culture")


def test_an_ambiguous_numeric_date_leaves_but_never_dates():
    story = parsed("ambiguous_numeric_date")
    assert (story.title, story.date) == ("Koreas hold Red Cross talks", None)
    assert story.paragraphs[0].startswith("The Red Cross societies")


# --- wire services and newspapers -----------------------------------------------------


def test_reuters_staff_credits_and_standards_line():
    story = parsed("reuters_credits")
    assert (story.source, story.dateline, story.dateline_day) == ("Reuters", "Seoul", (8, 20))
    assert story.author == "Hyonhee Shin and Josh Smith"  # reporters, not editors
    assert story.paragraphs[-1].startswith("Japan's defence ministry said")
    assert "Editing" not in body(story) and "Standards" not in body(story)


def test_ap_byline_on_two_lines_and_contributor_line():
    story = parsed("ap_byline")
    assert story.title == "North Korea fires missiles toward sea"
    assert (story.author, story.source, story.dateline) == ("Hyung-Jin Kim", "AP", "Seoul")
    assert story.dateline_day is None  # "SEOUL, South Korea (AP)" names no day
    assert story.paragraphs[0].startswith("North Korea fired two ballistic missiles")
    assert not any("contributed" in p or "Associated Press" in p for p in story.paragraphs)


def test_afp_dateline_and_desk_sign_off():
    story = parsed("afp_signoff")
    assert (story.source, story.dateline) == ("AFP", "Seoul")
    assert story.paragraphs[-1].endswith("rehearsals for an invasion.")


def test_xinhua_header_fields_and_editor_line():
    story = parsed("xinhua_editor")
    assert (story.source, story.dateline, story.dateline_day) == ("Xinhua", "Beijing", (8, 20))
    assert (story.date, story.author) == (AUG_20, None)  # an editor is not the author
    assert story.paragraphs[-1] == "The two sides signed an agreement on cultural exchanges."


def test_korea_times_byline_role_stamp_and_contact_line():
    story = parsed("koreatimes_contact")
    assert (story.title, story.author) == ("Defense chief vows stern response", "Jung Min-ho")
    assert story.date == AUG_20
    assert story.paragraphs[0].startswith("The defense minister vowed Tuesday")
    assert story.paragraphs[-1] == "He made the remarks during a visit to a frontline unit."


def test_two_authors_in_capitals_with_bracketed_email():
    story = parsed("joongang_two_authors")
    assert story.author == "Lee Sung-Eun and Park Eun-Jee"
    assert story.date == AUG_20  # "Aug. 20th, 2024" on its own line
    assert story.paragraphs[-1] == "Critics said the move signals a shift in policy."


def test_written_by():
    story = parsed("nknews_written_by")
    assert story.author == "Chad O'Carroll"
    assert len(story.paragraphs) == 2


# --- running text stays -------------------------------------------------------------


@pytest.mark.parametrize(
    "last",
    [
        "By contrast, Seoul declined to comment.",
        "By Friday, the two sides must agree",
        "For details, contact the ministry at press@example.go.kr.",
        "Kim Yo Jong",
        "— Kim Jong Il",
        "Reporting by the newspaper showed the plan was flawed.",
        "Reporter: Why did you go there?",
        "Experts from 20 countries contributed to the report.",
        "DPRK - China friendship will grow",
    ],
)
def test_a_last_line_that_is_not_wholly_a_credit_stays(last):
    story = parsed_text(f"North Korea fired a missile on Tuesday.\n\n{last}")
    assert story.paragraphs == ("North Korea fired a missile on Tuesday.", last)
    assert story.author is None


def parsed_text(text: str) -> Story:
    stories = parse_raw(text)
    assert len(stories) == 1
    return stories[0]


def test_a_credit_glued_to_the_last_sentence_leaves():
    story = parsed_text(
        "SEOUL, Aug. 20 (Yonhap) -- North Korea fired a missile, officials said. "
        "By Kim Soo-yeon (kimsy@yna.co.kr)"
    )
    assert story.paragraphs == ("North Korea fired a missile, officials said.",)
    assert story.author == "Kim Soo-yeon"


def test_a_date_that_ends_a_wrapped_sentence_stays_in_it():
    story = parsed_text("Officials said talks will open on\n20 August 2024\nand last a week.")
    assert story.paragraphs == (
        "Officials said talks will open on 20 August 2024 and last a week.",
    )
    assert story.date is None


def test_a_headline_above_its_date_line_in_one_block():
    story = parsed_text("Kim visits farm\n20 August 2024\n\nKim Jong Un visited a farm.")
    assert (story.title, story.date) == ("Kim visits farm", AUG_20)
    assert story.paragraphs == ("Kim Jong Un visited a farm.",)


def test_a_headline_right_above_a_dateline_lede():
    story = parsed_text(
        "Kim visits farm\nPYONGYANG, August 20 (KCNA) -- Kim Jong Un visited a farm.\nHe spoke."
    )
    assert (story.title, story.dateline_day) == ("Kim visits farm", (8, 20))
    assert story.paragraphs == ("Kim Jong Un visited a farm.", "He spoke.")


def test_a_dateline_with_its_year_dates_the_story():
    story = parsed_text("SEOUL, Aug 20, 2024 (AFP) - North Korea fired a missile.")
    assert (story.date, story.date_basis, story.dateline_day) == (AUG_20, "dateline", (8, 20))


def test_a_stamp_beats_a_dateline_year():
    story = parsed_text(
        "Published : 2024-08-21 09:00\n\nSEOUL, Aug 20, 2024 (AFP) - North Korea fired a missile."
    )
    assert (story.date, story.date_basis) == (datetime.date(2024, 8, 21), "stamp")
