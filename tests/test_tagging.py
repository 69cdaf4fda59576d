"""Tag suggestions from the vocabulary's weighted rules: real evidence, not one passing word."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.content.matching import TagSuggester, rule_pattern
from newsarchive.content.registry import Tag, TagRule, load_tags
from newsarchive.content.tagging import (
    LEDE_LIMIT,
    MAX_GROUP_DEPTH,
    MAX_PROGRAM_SIZE,
    MAX_RULE_LENGTH,
    compile_rule,
)
from newsarchive.content.wordregex import WordPattern, WordText

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


def suggester_for(
    *tags: tuple[str, list[str | TagRule]], not_rules: tuple[str, ...] = (), min_score: float = 2
) -> TagSuggester:
    """A vocabulary of our own; ``not_rules`` go to the first tag."""
    vocabulary = {
        tag_id: Tag(tag_id, tag_id, "x", tuple(rules), not_rules if i == 0 else (), min_score)
        for i, (tag_id, rules) in enumerate(tags)
    }
    return TagSuggester(vocabulary)


def hit_tags(suggester: TagSuggester, text: str) -> list[str]:
    """Tags with any rule hit in a one-paragraph text, accepted or not."""
    return [evidence.tag_id for evidence in suggester.assess("", [text])]


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
    assert tag in hit_tags(suggester, f"Officials discussed the {british} on Monday.")
    assert tag in hit_tags(suggester, f"Officials discussed the {american} on Monday.")


def test_seed_ledes_get_their_topics(suggester: TagSuggester) -> None:
    assert {"railways-and-roads", "military", "inter-korean-relations"} <= set(
        suggester.suggest("", [SEED_ROADS])
    )
    assert "joint-liaison-office" in suggester.suggest("", [SEED_LIAISON])
    assert "denuclearization" in suggester.suggest("", [SEED_POMPEO])
    assert "diplomacy" in suggester.suggest("", [SEED_POMPEO])


def test_rodong_editorial_is_ideology(suggester: TagSuggester) -> None:
    assert suggester.suggest("", [RODONG_EDITORIAL])[0] == "ideology"


def test_hyphens_and_spaces_are_interchangeable(suggester: TagSuggester) -> None:
    for text in ("inter-Korean talks", "inter Korean talks", "COVID-19 rules", "Covid 19 rules"):
        assert hit_tags(suggester, text), text
    assert "health" in suggester.suggest("", ["the COVID-19 pandemic"])


def test_rules_match_whole_words_only(suggester: TagSuggester) -> None:
    assert hit_tags(suggester, "The trail was derailed by a hackneyed investigation.") == []


def test_capitalised_rules_are_case_sensitive(suggester: TagSuggester) -> None:
    assert "health" in suggester.suggest("", ["The WHO warned on Monday."])
    assert hit_tags(suggester, "He asked who warned whom.") == []


def test_every_shipped_rule_compiles() -> None:
    for tag in load_tags(CONTENT).values():
        for rule in (*(r.rule for r in tag.match), *tag.not_rules):
            assert compile_rule(rule).size <= MAX_PROGRAM_SIZE, rule


def test_a_calendar_year_is_not_ideology(suggester: TagSuggester) -> None:
    dateline = "Pyongyang, April 15, Juche 113 (2024) -- Flowers were laid at the monument."
    assert hit_tags(suggester, dateline) == []
    assert "ideology" not in suggester.suggest("Juche 113 (2024)", [dateline, dateline])


def test_a_minister_in_a_guest_list_is_not_agriculture(suggester: TagSuggester) -> None:
    guests = (
        "Present there were Pak Pong Ju, premier; Ri Chol Man, minister of Agriculture; "
        "Kim Tu Il, minister of Public Health; and Jang Chol, minister of Railways."
    )
    assert suggester.assess("Reception Held", [guests]) == []


def test_passing_country_names_are_not_relations(suggester: TagSuggester) -> None:
    body = ["A delegation arrived.", "It had visited China before.", "China was warm."]
    assert "china-relations" not in suggester.suggest("Delegation Arrives", body)
    assert "china-relations" in suggester.suggest(
        "Chinese Delegation Arrives", ["A Chinese delegation arrived in Pyongyang.", *body]
    )


# --- evidence: weights, places, minimum ---------------------------------------------------


FARMING = ("agriculture", ["farm*", TagRule("fertili[sz]er*", 2)])


def test_one_weak_hit_is_not_enough() -> None:
    suggester = suggester_for(FARMING)
    body = ["The minister spoke.", "He once lived on a farm."]
    assert suggester.suggest("Minister Speaks", body) == []
    [evidence] = suggester.assess("Minister Speaks", body)
    assert (evidence.hits, evidence.score, evidence.weak, evidence.accepted) == (1, 1, True, False)
    assert suggester.suggest("Minister Speaks", [*body, "The farms were green."]) == ["agriculture"]


def test_a_weighty_term_is_enough_alone() -> None:
    [evidence] = suggester_for(FARMING).assess("", ["Talks.", "Fertiliser arrived."])
    assert (evidence.hits, evidence.score, evidence.weak, evidence.accepted) == (1, 2, False, True)


def test_title_and_lede_weigh_more_than_the_body() -> None:
    suggester = suggester_for(FARMING)
    body = ["Officials met on Monday.", "Nothing else happened."]
    assert suggester.suggest("Officials Visit Farm", body) == ["agriculture"]
    assert suggester.assess("Officials Visit Farm", body)[0].weak is True
    assert suggester.suggest("", ["Officials visited a farm.", *body]) == []
    assert suggester.suggest("", ["Officials visited a farm and its farmers.", *body]) == [
        "agriculture"
    ]
    scores = [
        suggester.assess(title, paragraphs)[0].score
        for title, paragraphs in (
            ("Farm", ["x"]),
            ("", ["Farm news.", "x"]),
            ("", ["x", "Farm news."]),
        )
    ]
    assert scores == [2, 1.5, 1]


def test_only_the_opening_of_a_huge_first_paragraph_is_lede() -> None:
    suggester = suggester_for(FARMING)
    opening = "Officials met. " * (LEDE_LIMIT // 15 + 1)
    assert suggester.assess("", [f"A farm. {opening}"])[0].matches[0].place == "lede"
    assert suggester.assess("", [f"{opening} A farm."])[0].matches[0].place == "body"


def test_a_title_cut_from_the_lede_counts_once() -> None:
    suggester = suggester_for(FARMING)
    lede = "Officials visited a farm on Monday and praised the managers."
    [evidence] = suggester.assess("Officials visited a farm on Monday and…", [lede])
    assert [(hit.text, hit.place) for hit in evidence.matches] == [("farm", "lede")]


def test_not_rules_remove_the_hits_they_cover() -> None:
    suggester = suggester_for(
        ("ideology", ["juche", TagRule("juche idea", 2)]), not_rules=("juche #",), min_score=1
    )
    assert suggester.assess("", ["Pyongyang, Juche 113 (2024) -- Trees were planted."]) == []
    assert suggester.suggest("", ["They studied the Juche idea in Juche 113."]) == ["ideology"]
    assert suggester.suggest("", ["Juche-113 and Juche."]) == ["ideology"]


def test_strongest_tag_first_ties_in_vocabulary_order() -> None:
    suggester = suggester_for(
        ("summits", ["summit*"]),
        ("sanctions", ["sanction*"]),
        ("aid", [TagRule("aid", 2)]),
        min_score=1,
    )
    text = "Sanctions, more sanctions and sanctioned firms before the summit; aid too."
    assert {e.tag_id: e.score for e in suggester.assess("", ["x", text])} == {
        "sanctions": 3,
        "aid": 2,
        "summits": 1,
    }
    assert suggester.suggest("", ["x", text]) == ["sanctions", "aid", "summits"]
    assert suggester.suggest("", ["x", "summit and aid, aid"]) == ["aid", "summits"]
    assert suggester.suggest("", ["x", "summit, sanction"]) == ["summits", "sanctions"]


def test_overlapping_rules_of_one_tag_count_once() -> None:
    suggester = suggester_for(("missiles", ["missiles?", TagRule("missile launch*", 3)]))
    [evidence] = suggester.assess("", ["x", "A missile launch was seen."])
    assert [(hit.text, hit.weight) for hit in evidence.matches] == [("missile launch", 3)]


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
        ("juche #", ["Juche 113", "juche 1,000", "Juche-103"], ["Juche idea", "Juche"]),
        ("hwasong #", ["Hwasong-15", "Hwasong 14"], ["Hwasong County"]),
        ("arts, public health", ["arts, public health", "arts,public health"], ["arts public"]),
        ("(the )?(us|u.s.) and (the dprk|north korea)", ["the U.S. and the DPRK"], ["US and"]),
        ("(food|flood) (aid|relief)", ["flood relief", "Food aid"], ["foods aid"]),
        ("pow", ["POW"], ["powers"]),
        ("'til dawn", ["'til dawn"], ["til dawn"]),
        ("#th anniversary", ["70th anniversary"], ["anniversary"]),
    ],
)
def test_rule_syntax(rule: str, matches: list[str], misses: list[str]) -> None:
    suggester = suggester_for(("t", [rule]), min_score=0.1)
    for text in matches:
        assert suggester.suggest("", [f"({text})"]) == ["t"], text
    for text in misses:
        assert suggester.suggest("", [f"({text})"]) == [], text


@pytest.mark.parametrize(
    "rule",
    ["", "embargo.+", "sanc*tions", "(a|b", "a)", "a|b", "[]x", "[s-z]x", "?x", r"\bx", "#?"],
)
def test_bad_rules_are_refused(rule: str) -> None:
    with pytest.raises(ValueError):
        rule_pattern(rule)


# --- safe to run: RE2, limits, and Python's word boundaries -------------------------------

PATHOLOGICAL_RULE = "((e* )?(e* )?)?((e* )?(e* )?)?((e* )?(e* )?)? x"


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("a" * (MAX_RULE_LENGTH + 1), "characters, at most"),
        ("(" * (MAX_GROUP_DEPTH + 1) + "a" + ")" * (MAX_GROUP_DEPTH + 1), "nested more than"),
        ("(talks)?", "can match empty text"),
        ("(talks )?(summit)?", "can match empty text"),
        (" ".join(["# x"] * 20), "too complex to run safely"),
    ],
)
def test_rules_that_cannot_run_safely_are_refused(rule: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        compile_rule(rule)


def test_nested_optional_groups_run_in_linear_time() -> None:
    # Python's backtracking engine needs minutes for this rule on a 200-letter word (the
    # time grows with its sixth power); RE2 reads the text once. A subprocess with a
    # generous timeout guards against a hang without asserting timings.
    code = (
        "from newsarchive.content.registry import Tag\n"
        "from newsarchive.content.tagging import TagSuggester\n"
        f"rule = {PATHOLOGICAL_RULE!r}\n"
        "tags = {'t': Tag('t', 't', 'x', (rule,), (), 0.1)}\n"
        "print(TagSuggester(tags).suggest('', ['e' * 200 + ' y', 'eee eee x']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "['t']"


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Sanctions on Pyongyang’s firms", "Sanctions"),
        ("«sanctions»", "sanctions"),
        ("Café sanctions—again", "sanctions"),
        ("김정은 sanction 제재", "sanction"),
        ("\u3000sanctioned\u3000", "sanctioned"),
        ("a \ud800 sanction", "sanction"),
    ],
)
def test_word_boundaries_are_unicode_ones(text: str, hit: str) -> None:
    [evidence] = suggester_for(("t", ["sanction*"]), min_score=0.1).assess("", [text])
    assert [match.text for match in evidence.matches] == [hit]


@pytest.mark.parametrize(
    "text", ["sanctionsé", "ésanctions", "제재sanctions", "x_sanctions", "sanctions２"]
)
def test_letters_of_any_script_join_a_word(text: str) -> None:
    assert suggester_for(("t", ["sanctions"]), min_score=0.1).assess("", [text]) == []


def test_offsets_are_characters_after_wide_ones() -> None:
    text = "金正恩 😀 Ünïcödé “nuclear tests” 💥 and nuclear test"
    [evidence] = suggester_for(("t", ["nuclear tests?"]), min_score=0.1).assess("", [text])
    assert [match.text for match in evidence.matches] == ["nuclear tests", "nuclear test"]


def test_word_text_maps_bytes_and_characters_both_ways() -> None:
    text = "aé€😀b"
    prepared = WordText(text)
    padded = f"\n{text}\n"
    for index in range(len(padded) + 1):
        byte = prepared.byte(index)
        assert byte == len(padded[:index].encode("utf-8"))
        assert prepared.char(byte) == index


def test_the_wrapper_api_gives_the_same_matches() -> None:
    # The fast path calls RE2's own Match; the documented match/search API must agree.
    text = WordText("The sanctions, new sanctions and 'sanctioned' firms.")
    fast = WordPattern(rule_pattern("sanction*"))
    slow = WordPattern(rule_pattern("sanction*"))
    slow._raw = None
    assert list(fast.finditer(text)) == list(slow.finditer(text)) == [(4, 13), (19, 28), (34, 44)]
    assert fast.match_at(text, 4) == slow.match_at(text, 4) == (4, 13)
    assert fast.match_at(text, 5) is None and slow.match_at(text, 5) is None


@pytest.mark.parametrize(
    ("rule", "text", "hits"),
    [
        # A rule tried before its anchor letters, where the first word decides.
        ("(the )?(us|u.s.) and (the dprk|north korea)", "Talks: the U.S. and North Korea.", 1),
        ("(the )?(us|u.s.) and (the dprk|north korea)", "They and North Korea.", 0),
        # What may follow the anchor letters, past a separator.
        ("korean war", "the Korean  War", 1),
        ("korean war", "Korean-war", 1),
        ("korean war", "Korean warship", 0),
        ("korean war", "Korean people at war", 0),
        ("missile (tests?|launch*)", "missile launches", 1),
        ("missile (tests?|launch*)", "missile, tests", 0),
        ("WHO", "who", 0),
        ("WHO", "the WHO said", 1),
    ],
)
def test_shortcuts_never_change_what_matches(rule: str, text: str, hits: int) -> None:
    evidence = suggester_for(("t", [rule]), min_score=0.1).assess("", [text])
    assert sum(e.hits for e in evidence) == hits
