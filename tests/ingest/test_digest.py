"""One article or several briefs: seed 004 is a digest, seeds 000 and 002 are articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.ingest.digest import is_self_contained_lede, looks_like_digest
from newsarchive.ingest.structure import parse_raw

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
RAW = Path(__file__).parent.parent / "fixtures" / "raw"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*")).read_text(encoding="utf-8")


def test_seed_004_ten_briefs_in_order():
    briefs = parse_raw(seed("004"))
    assert len(briefs) == 10
    assert [b.part for b in briefs] == list(range(1, 11))
    assert all(b.kind == "brief" and b.date is None and b.title is None for b in briefs)
    assert briefs[0].paragraphs[0].startswith("The two Koreas on Wednesday held")
    assert briefs[9].paragraphs[0].startswith("President Donald Trump said Friday")


def test_seed_004_single_line_breaks_continue_a_brief():
    briefs = parse_raw(seed("004"))
    lengths = [len(b.paragraphs) for b in briefs]
    assert lengths == [1, 1, 1, 1, 2, 1, 1, 1, 1, 2]
    assert briefs[4].paragraphs[1].startswith("The figure comes as Seoul and Washington")
    assert briefs[9].paragraphs[1].startswith("Trump put some blame on Beijing")


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_articles_stay_one_story(prefix):
    stories = parse_raw(seed(prefix))
    assert len(stories) == 1
    assert stories[0].kind == "article" and stories[0].part is None


def test_seed_002_fails_the_lede_rule_even_without_its_credits():
    # Strip everything that alone would make it an article: the rule must still say no.
    blocks = [b for b in seed("002").split("\n\n") if "(Yonhap)" not in b and "Korea Post" not in b]
    assert not looks_like_digest([b.split("\n") for b in blocks])
    assert len(parse_raw("\n\n".join(blocks))) == 1


def test_digest_can_be_forced_either_way():
    assert len(parse_raw(seed("004"), digest=False)) == 1
    assert parse_raw(seed("004"), digest=False)[0].kind == "article"
    forced = parse_raw(seed("002"), digest=True)
    assert len(forced) == 11  # 12 blocks; the caption's joins the story before it
    assert forced[0].kind == "brief" and forced[0].part == 1
    assert forced[4].captions and not any(b.captions for b in forced[5:])


def test_two_datelines_make_a_digest():
    briefs = parse_raw((RAW / "dateline_digest.txt").read_text(encoding="utf-8"))
    assert [(b.part, b.dateline, b.source) for b in briefs] == [
        (1, "Seoul", "Yonhap"),
        (2, "Tokyo", "Yonhap"),
        (3, "Beijing", "Yonhap"),
    ]
    assert briefs[0].paragraphs[1] == "The trip is part of preparations for a joint office."
    assert briefs[2].paragraphs == (
        "China called for restraint on the Korean Peninsula, its foreign ministry said Tuesday.",
    )


def test_a_surname_taken_up_again_means_one_article():
    text = (
        "Zimbabwean President Robert Mugabe vowed on Monday to continue the fight against sanctions.\n\n"
        "The ruling party held a congress in Harare in December, state media reported on Tuesday.\n\n"
        "Mugabe said on Monday that the former colonial power refused to lift its sanctions.\n"
    )
    assert len(parse_raw(text)) == 1
    assert len(parse_raw(text.replace("Mugabe said", "Officials said"))) == 3


def test_two_ledes_are_not_enough():
    two = "\n\n".join(seed("004").split("\n\n")[:2])
    assert len(parse_raw(two)) == 1


def test_wire_furniture_means_article():
    text = "date 2018-12-18 NATIONAL\n\n" + seed("004")
    stories = parse_raw(text)
    assert len(stories) == 1 and stories[0].section == "national"


@pytest.mark.parametrize(
    "lede",
    [
        "North and South Korea will open a joint liaison office this week to improve exchanges, Seoul said Wednesday.",
        "Summits between North and South Korea are closely watched for symbolism -- on display at Panmunjom in April.",
        "A South Korean train crossed into North Korea on Friday for the first time in a decade.",
    ],
)
def test_self_contained_ledes(lede):
    assert is_self_contained_lede(lede)


@pytest.mark.parametrize(
    "paragraph",
    [
        "He will hold talks with his South Korean counterpart, Lee Do-hoon, on Thursday, officials said.",
        '"I plan to meet with Special Representative Biegun on Monday," Lee told reporters upon arriving.',
        "The envoy cast the weekend's negotiations in a positive light on Monday, saying both sides learned.",
        "Meanwhile, Lee is to meet with Russian Deputy Foreign Minister Igor Morgulov in Seoul on Tuesday.",
        "In addition, the ministry said Tuesday it will send officials to Kaesong next week for the talks.",
        "Lee Do-hoon, special representative for peace affairs, made the remark as he arrived in the capital.",
        'The ministry said Tuesday it would "continue efforts for peace and keep the dialogue going.',
        "Short lede, said Monday.",
        "UNEP also said on Tuesday that the targets set by developed countries fall far short of need.",
        "The German daily said on Tuesday that the report was drafted under pressure from Washington.",
    ],
)
def test_not_self_contained(paragraph):
    assert not is_self_contained_lede(paragraph)
