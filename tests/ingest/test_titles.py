"""derive_title and headline recognition."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.ingest.errors import IngestError
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


@pytest.mark.parametrize("lede", all_seed_ledes(), ids=lambda lede: lede[:30])
def test_seed_titles_fit_and_end_on_a_whole_word(lede):
    title = derive_title(lede)
    assert 20 <= len(title) <= MAX_TITLE
    assert lede.startswith(title) or title in lede
    assert not title.endswith((",", ";", ":", "-", ".", "\u2026"))
    assert "..." not in title and "\u2026" not in title
    assert title.split()[-1].lower() not in DANGLING_WORDS
    end = lede.index(title) + len(title)
    assert end == len(lede) or not lede[end].isalnum(), "cut inside a word"


def test_short_lede_becomes_the_title_without_its_stop():
    assert derive_title("North Korea fires two missiles into the East Sea.") == (
        "North Korea fires two missiles into the East Sea"
    )


def test_initialism_at_the_end_keeps_its_period():
    assert derive_title("Lee arrives in the U.S.") == "Lee arrives in the U.S."


def test_attribution_tail_goes():
    lede = "North and South Korea will open a joint liaison office this week, Seoul said Wednesday."
    assert derive_title(lede) == "North and South Korea will open a joint liaison office this week"


def test_seed_002_title():
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
