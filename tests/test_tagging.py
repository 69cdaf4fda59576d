"""Tag suggestions from the vocabulary's match rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.matching import TagSuggester, rule_pattern
from newsarchive.registry import Tag, load_tags

CONTENT = Path(__file__).resolve().parents[1] / "content"

# Seed ledes (2018), quoted so the tests run without ../shared.
SEED_ROADS = (
    "North and South Korea have connected a road across their shared border for the first "
    "time in 14 years, Seoul's defence ministry said Thursday in the latest reconciliation "
    "gesture between the neighbours."
)
SEED_LIAISON = (
    "North and South Korea will open a joint liaison office this week to improve "
    "cross-border communications and exchanges, Seoul said Wednesday."
)
SEED_POMPEO = (
    "President Donald Trump said Friday he has directed Secretary of State Mike Pompeo to "
    "delay a planned trip to North Korea, citing insufficient progress on denuclearization."
)
RODONG_EDITORIAL = (
    "The army and people of the DPRK will advance the socialist cause under the banner of "
    "the Juche idea, upholding the revolutionary line of self-reliance set forth by the Party."
)


@pytest.fixture(scope="module")
def suggester() -> TagSuggester:
    return TagSuggester(load_tags(CONTENT))


def suggester_for(*tags: tuple[str, list[str]], min_hits: int = 1) -> TagSuggester:
    vocabulary = {tag_id: Tag(tag_id, tag_id, "x", tuple(rules)) for tag_id, rules in tags}
    return TagSuggester(vocabulary, min_hits=min_hits)


# --- the shipped vocabulary -------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american", "tag"),
    [
        ("denuclearisation", "denuclearization", "denuclearization"),
        ("denuclearised", "denuclearized", "denuclearization"),
        ("defence ministry", "defense ministry", "military"),
        ("nuclear programme", "nuclear program", "nuclear-weapons"),
        ("missile defence", "missile defense", "missiles"),
        ("forced labour", "forced labor", "human-rights"),
        ("World Food Programme", "World Food Program", "humanitarian-aid"),
        ("fertiliser", "fertilizer", "agriculture"),
        ("demilitarised zone", "demilitarized zone", "dmz"),
    ],
)
def test_british_and_american_spellings_alike(
    suggester: TagSuggester, british: str, american: str, tag: str
) -> None:
    assert tag in suggester.suggest(f"Officials discussed the {british} on Monday.")
    assert tag in suggester.suggest(f"Officials discussed the {american} on Monday.")


def test_seed_ledes_get_their_topics(suggester: TagSuggester) -> None:
    assert {"railways-and-roads", "military", "inter-korean-relations"} <= set(
        suggester.suggest(SEED_ROADS)
    )
    assert "joint-liaison-office" in suggester.suggest(SEED_LIAISON)
    assert "denuclearization" in suggester.suggest(SEED_POMPEO)
    assert "diplomacy" in suggester.suggest(SEED_POMPEO)


def test_rodong_editorial_is_ideology(suggester: TagSuggester) -> None:
    assert suggester.suggest(RODONG_EDITORIAL)[0] == "ideology"


def test_hyphens_and_spaces_are_interchangeable(suggester: TagSuggester) -> None:
    for text in ("inter-Korean talks", "inter Korean talks", "COVID-19 rules", "Covid 19 rules"):
        assert suggester.suggest(text), text
    assert "health" in suggester.suggest("the COVID-19 pandemic")


def test_rules_match_whole_words_only(suggester: TagSuggester) -> None:
    assert suggester.suggest("The trail was derailed by a hackneyed investigation.") == []


def test_capitalised_rules_are_case_sensitive(suggester: TagSuggester) -> None:
    assert "health" in suggester.suggest("The WHO warned on Monday.")
    assert suggester.suggest("He asked who warned whom.") == []


def test_every_shipped_rule_compiles() -> None:
    for tag in load_tags(CONTENT).values():
        for rule in tag.match:
            re.compile(rule_pattern(rule))


# --- ordering and thresholds ------------------------------------------------------------


def test_strongest_tag_first_ties_in_vocabulary_order() -> None:
    suggester = suggester_for(
        ("summits", ["summit*"]), ("sanctions", ["sanction*"]), ("aid", ["aid"])
    )
    text = "Sanctions, more sanctions and sanctioned firms before the summit; aid too."
    assert suggester.scores(text) == {"summits": 1, "sanctions": 3, "aid": 1}
    assert suggester.suggest(text) == ["sanctions", "summits", "aid"]


def test_min_hits_drops_passing_mentions() -> None:
    suggester = suggester_for(("summits", ["summit*"]), ("sanctions", ["sanction*"]), min_hits=2)
    assert suggester.suggest("Sanctions and sanctions at the summit.") == ["sanctions"]


# --- rule syntax ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "matches", "misses"),
    [
        ("denucleari[sz]ation", ["Denuclearisation", "denuclearization"], ["denuclearize"]),
        ("sanction*", ["sanctions", "Sanctioned"], ["transactions"]),
        ("program(me)?s?", ["programme", "programs", "Programmes"], ["programmer"]),
        ("labou?r", ["labour", "Labor"], ["laboratory"]),
        ("north south (relations|ties)", ["North-South relations", "north south ties"], ["north"]),
        ("inter korean", ["inter-Korean", "inter‑Korean", "inter Korean"], ["Korean"]),
        ("leaders' meeting", ["leaders’ meeting", "leaders' meeting"], ["leaders meeting"]),
        ("u.s.", ["U.S."], ["us", "USA"]),
        ("THAAD", ["THAAD"], ["Thaad"]),
    ],
)
def test_rule_syntax(rule: str, matches: list[str], misses: list[str]) -> None:
    suggester = suggester_for(("t", [rule]))
    for text in matches:
        assert suggester.suggest(f"({text})") == ["t"], text
    for text in misses:
        assert suggester.suggest(f"({text})") == [], text


@pytest.mark.parametrize(
    "rule", ["", "embargo.+", "sanc*tions", "(a|b", "a)", "a|b", "[]x", "[s-z]x", "?x", r"\bx"]
)
def test_bad_rules_are_refused(rule: str) -> None:
    with pytest.raises(ValueError):
        rule_pattern(rule)
