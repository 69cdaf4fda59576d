"""derive_title and headline recognition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.fields import fit_title
from newsarchive.ingest.structure import parse_raw
from newsarchive.ingest.titles import (
    DANGLING_WORDS,
    MAX_TITLE,
    clean_headline,
    derive_title,
    is_headline,
)

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


def all_seed_ledes() -> list[str]:
    ledes = []
    for path in sorted(SEEDS.iterdir()):
        ledes.extend(story.lede for story in parse_raw(path.read_text(encoding="utf-8")))
    return ledes


def words(text: str) -> list[str]:
    return re.findall(r"[\w'$-]+", text)


@pytest.mark.parametrize("lede", all_seed_ledes(), ids=lambda lede: lede[:30])
def test_seed_titles_fit_and_end_on_a_whole_word(lede):
    title = derive_title(lede)
    assert 20 <= len(title) <= MAX_TITLE
    kept = words(title)
    assert " ".join(kept) in " ".join(words(lede)) or set(kept) <= set(words(lede)), "reworded"
    assert not title.endswith((",", ";", ":", "-", "."))
    assert "..." not in title
    assert title.rstrip("\u2026").split()[-1].lower() not in DANGLING_WORDS
    prefix = title.rstrip("\u2026")
    if prefix in lede:
        end = lede.index(prefix) + len(prefix)
        assert end == len(lede) or not lede[end].isalnum(), "cut inside a word"


# --- a derived title ends on a whole clause ---------------------------------------------


def test_a_title_ends_before_a_clause_not_inside_it():
    lede = (
        "Denuclearisation will be high on South Korean President Moon Jae-in's agenda when he "
        "meets with North Korean leader Kim Jong Un in Pyongyang this week, Moon's office said "
        "Monday."
    )
    assert derive_title(lede) == (
        "Denuclearisation will be high on South Korean President Moon Jae-in's agenda"
    )


def test_a_title_ends_at_the_last_comma_that_fits():
    lede = (
        "The North Korean soldier who defected to the South in a hail of bullets last year is a "
        "general's son, but says most Northerners of his age have no loyalty to Kim Jong Un, "
        "according to a Japanese newspaper."
    )
    assert derive_title(lede) == (
        "The North Korean soldier who defected to the South in a hail of bullets last year is a "
        "general's son"
    )


def test_an_attribution_left_at_the_end_by_the_clause_cut_goes_too():
    lede = (
        "South Korea has earmarked more than $260 million to build new railways and roads in the "
        "North, an official said Thursday, as Seoul pushes ahead with cross-border projects "
        "despite international sanctions on Pyongyang."
    )
    assert derive_title(lede) == (
        "South Korea has earmarked more than $260 million to build new railways and roads in the "
        "North"
    )


def test_an_aside_between_dashes_goes_when_the_sentence_is_too_long():
    lede = (
        "Summits between North and South Korea are closely watched for both spectacular "
        "symbolism -- on grand display at the Panmunjom summit in April -- and smaller hints of "
        "meaning."
    )
    assert derive_title(lede) == (
        "Summits between North and South Korea are closely watched for both spectacular "
        "symbolism and smaller hints of meaning"
    )


def test_a_clause_boundary_that_leaves_a_function_word_is_passed_over():
    lede = (
        "Seoul will ship rice and fertiliser to flood-hit provinces of the North in the coming "
        "weeks and, if the talks in Kaesong go well, medicine for the children there."
    )
    # Not "... weeks and" (dangling), nor "... and, if the talks" (inside the if-clause).
    assert derive_title(lede) == (
        "Seoul will ship rice and fertiliser to flood-hit provinces of the North in the coming weeks"
    )


def test_without_a_clause_boundary_the_title_ends_before_a_phrase():
    lede = (
        "The two Koreas on Wednesday held a symbolic groundbreaking ceremony for reconnecting "
        "and repairing roads and railways across the divided peninsula in the border town."
    )
    assert derive_title(lede) == (
        "The two Koreas on Wednesday held a symbolic groundbreaking ceremony for reconnecting "
        "and repairing roads and railways"
    )


def test_a_title_with_no_place_to_end_says_it_stops_short():
    lede = " ".join(["Kimjongunsomethinglong"] * 12) + "."
    title = derive_title(lede)
    assert title.endswith("\u2026") and len(title) <= MAX_TITLE


def test_a_long_corpus_title_ends_on_a_clause_with_an_ellipsis():
    title = (
        "Kim Jong Un Inspects Construction Sites of Hospitals and Schools in Several Provinces "
        "of the Country and Gives Field Guidance to Officials, Who Pledge to Complete the "
        "Projects Ahead of Schedule for the Anniversary of the Founding of the Party"
    )
    fitted = fit_title(title)
    assert fitted == (
        "Kim Jong Un Inspects Construction Sites of Hospitals and Schools in Several Provinces "
        "of the Country and Gives Field Guidance to Officials\u2026"
    )
    assert fit_title("Short title") == "Short title"


def test_short_lede_becomes_the_title_without_its_stop():
    assert derive_title("North Korea fires two missiles into the East Sea.") == (
        "North Korea fires two missiles into the East Sea"
    )


def test_initialism_at_the_end_keeps_its_period():
    assert derive_title("Lee arrives in the U.S.") == "Lee arrives in the U.S."


def test_attribution_tail_goes():
    lede = "North and South Korea will open a joint liaison office this week, Seoul said Wednesday."
    assert derive_title(lede) == "North and South Korea will open a joint liaison office this week"


def test_seed_002_title():  # a whole sentence within the limit stays whole
    lede = all_seed_ledes()[1]
    assert derive_title(lede) == (
        "South Korea and the United States will seek ways to maintain dialogue with North Korea"
    )


def test_dateline_is_not_part_of_the_title():
    assert (
        derive_title("SEOUL, Oct. 8 (Yonhap) -- North Korea fired a missile.")
        == "North Korea fired a missile"
    )


def test_unclosed_quote_is_not_left_dangling():
    lede = (
        'The ministry urged Pyongyang to return to the table and warned that it would "block the path to '
        'denuclearization forever and ever" if it did not.'
    )
    title = derive_title(lede)
    assert title.count('"') % 2 == 0
    assert len(title) <= MAX_TITLE


def test_lower_case_lede_is_capitalised():
    assert derive_title("kim jong un visited a farm.") == "Kim jong un visited a farm"


def test_one_enormous_word_is_cut_hard():
    title = derive_title("x" * 300)
    assert len(title) == MAX_TITLE


def test_empty_lede_is_refused():
    with pytest.raises(IngestError):
        derive_title("   ")


@pytest.mark.parametrize(
    "line",
    [
        "Koreas agree to resume family reunions",
        "(LEAD) N. Korea fires two missiles: JCS",
        "Will Kim visit Seoul?",
        "북, 동해상으로 단거리 발사체 2발 발사",
    ],
)
def test_headlines(line):
    assert is_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "North Korea fired two missiles.",
        '"We will win," he said."',
        "He said it was over!\u201d",
        "SEOUL, Oct. 8 (Yonhap) -- North Korea fired a missile",
        "lower case start of something",
        "Single",
        "The message said:",
        " ".join(["word"] * 25),
    ],
)
def test_not_headlines(line):
    assert not is_headline(line)


def test_clean_headline():
    assert clean_headline("(2nd LD) Koreas agree on reunions (ATTN: UPDATES with details)") == (
        "Koreas agree on reunions"
    )
    assert clean_headline("(LEAD)") is None
