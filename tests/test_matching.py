"""Entity matching: the right people, places and organisations, and nothing else."""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path

import pytest

from newsarchive.content.matching import EntityMatcher, name_clashes
from newsarchive.content.registry import Entity, load_entities

CONTENT = Path(__file__).resolve().parents[1] / "content"

# From the seed articles (Yonhap, 2018-2019), quoted so the tests run without ../shared.
SEED_LEDE = (
    "South Korea and the United States will have senior-level discussions on North Korea "
    "this week, Seoul's foreign ministry said Tuesday, as the two Koreas plan to hold a "
    "groundbreaking ceremony for their railway and road project next week."
)
SEED_ENVOYS = (
    "Biegun and North Korea's chief nuclear negotiator, Kim Myong-gil, resumed working-level "
    "negotiations on denuclearizing the regime in Stockholm, Sweden, on Saturday, but the "
    "talks ended in conflicting assessments."
)
SEED_SUMMIT = (
    "Denuclearisation will be high on South Korean President Moon Jae-in's agenda when he "
    "meets with North Korean leader Kim Jong Un in Pyongyang this week, Moon's office said "
    "Monday."
)


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    return EntityMatcher(load_entities(CONTENT))


def surfaces(matcher: EntityMatcher, text: str) -> list[tuple[str, str]]:
    return [(text[start:end], entity_id) for start, end, entity_id in matcher.find_spans(text)]


# --- the seed articles ------------------------------------------------------------------


def test_seed_lede_finds_countries_and_ministry_in_order(matcher: EntityMatcher) -> None:
    assert matcher.find(SEED_LEDE) == [
        "south-korea",
        "united-states",
        "north-korea",
        "ministry-of-foreign-affairs-south-korea",
    ]


def test_seed_envoys_sentence(matcher: EntityMatcher) -> None:
    assert matcher.find(SEED_ENVOYS) == [
        "stephen-biegun",
        "north-korea",
        "kim-myong-gil",
        "stockholm",
        "sweden",
    ]


def test_seed_summit_sentence(matcher: EntityMatcher) -> None:
    assert matcher.find(SEED_SUMMIT) == [
        "south-korea",
        "moon-jae-in",
        "north-korea",
        "kim-jong-un",
        "pyongyang",
    ]


# --- precision --------------------------------------------------------------------------


def test_three_kims_are_three_people(matcher: EntityMatcher) -> None:
    text = "Kim Yo Jong greeted Kim Myong-gil before Kim Jong Un arrived."
    assert matcher.find(text) == ["kim-yo-jong", "kim-myong-gil", "kim-jong-un"]


@pytest.mark.parametrize(
    "spelling",
    ["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "KIM JONG UN", "kim jong-un", "Kim  Jong‐un"],
)
def test_spellings_and_case_of_a_name(matcher: EntityMatcher, spelling: str) -> None:
    assert matcher.find(f"Talks with {spelling}'s envoy resumed.") == ["kim-jong-un"]


def test_bare_surname_is_nobody(matcher: EntityMatcher) -> None:
    assert matcher.find("Lee told reporters upon arriving.") == []
    assert matcher.find("Lee Do-hoon told reporters upon arriving.") == ["lee-do-hoon"]


def test_the_moon_is_not_the_president(matcher: EntityMatcher) -> None:
    assert matcher.find("Under the moon, Moon's office said nothing.") == []
    assert matcher.find("MOON JAE-IN spoke.") == ["moon-jae-in"]


def test_hangul_names_match_with_particles(matcher: EntityMatcher) -> None:
    text = "김정은 국무위원장은 문재인 대통령과 판문점에서 만났고 김명길 대사가 동행했다."
    assert matcher.find(text) == ["kim-jong-un", "moon-jae-in", "panmunjom", "kim-myong-gil"]


def test_us_is_the_country_only_in_capitals(matcher: EntityMatcher) -> None:
    assert matcher.find("Tell us what the US and the U.S. Treasury will do.") == [
        "united-states",
        "us-department-of-the-treasury",
    ]
    assert matcher.find("Let us wait for us.") == []


def test_spanish_un_is_not_the_un(matcher: EntityMatcher) -> None:
    assert matcher.find("Fue un encuentro con un delegado de la ONU.") == []
    assert matcher.find("The UN said the U.N. would help.") == ["united-nations"]


def test_common_words_are_not_one_word_names(matcher: EntityMatcher) -> None:
    assert matcher.find("It was his trump card, served on china plates.") == []
    assert matcher.find("Trump met TRUMP supporters in China.") == ["donald-trump", "china"]
    assert matcher.find("la XI Conferencia del Partido") == []


def test_no_match_inside_a_longer_word(matcher: EntityMatcher) -> None:
    assert matcher.find("Kim Jong Unwin signed. Koreaville. Seoulful. ROKs.") == []


def test_longest_name_wins_where_names_overlap(matcher: EntityMatcher) -> None:
    text = "Students of Kim Il Sung University met at the Kaesong Industrial Complex."
    assert matcher.find(text) == ["kim-il-sung-university", "kaesong-industrial-complex"]
    assert matcher.find("the UN Security Council") == ["united-nations-security-council"]


# --- spans ------------------------------------------------------------------------------


def test_spans_point_at_the_first_mention_as_written(matcher: EntityMatcher) -> None:
    text = "Pyongyang’s Workers’  Party of Korea and the WPK met in Pyongyang."
    assert surfaces(matcher, text) == [
        ("Pyongyang", "pyongyang"),
        ("Workers’  Party of Korea", "workers-party-of-korea"),
    ]


def test_overlapping_names_of_one_person_form_one_span(matcher: EntityMatcher) -> None:
    text = "President Moon Jae-in met Kim Jong-un."
    assert surfaces(matcher, text) == [
        ("President Moon Jae-in", "moon-jae-in"),
        ("Kim Jong-un", "kim-jong-un"),
    ]


def test_mentions_lists_every_mention(matcher: EntityMatcher) -> None:
    text = "Seoul and Washington; later Seoul again."
    assert [entity_id for _, _, entity_id in matcher.mentions(text)] == [
        "seoul",
        "washington",
        "seoul",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Supreme LeaderKim Jong Un inspected.",
        "said.The ministry",
        "\u00ad\u200b",
        "İİ Kim",
    ],
)
def test_odd_text_does_not_crash(matcher: EntityMatcher, text: str) -> None:
    for start, end, _ in matcher.find_spans(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Then Kim  Jong\u200b-un met",  # an invisible character: the full squeeze
        "Then Kim\u2003 Jong\u2014un met",  # runs of spaces alone
        "Then Kim \n\n Jong\u2010un met",
    ],
)
def test_a_name_broken_by_odd_spaces_dashes_or_invisible_characters_is_found_in_place(
    matcher: EntityMatcher, text: str
) -> None:
    """The span is the name as it stands in the text, however the text was normalised."""
    name = text[len("Then ") : -len(" met")]
    assert surfaces(matcher, text) == [(name, "kim-jong-un")]


# --- construction and scale -------------------------------------------------------------


def entity(entity_id: str, name: str, *aliases: str, **fields: object) -> Entity:
    return Entity(
        id=entity_id, name=name, type="person", aliases=aliases, description="x", **fields
    )


def test_one_alias_for_two_entities_is_refused() -> None:
    with pytest.raises(ValueError, match=r"also claimed by a .*context words"):
        EntityMatcher({"a": entity("a", "Kim Jong Un"), "b": entity("b", "Kim Jong-un")})


def test_empty_registry_finds_nothing() -> None:
    assert EntityMatcher({}).find("Kim Jong Un") == []


def test_five_thousand_aliases_over_five_thousand_words() -> None:
    syllables = ["Ba", "Do", "Ki", "Mun", "So", "Hye", "Jin", "Pak", "Ryu", "Tae", "Yon", "Gu"]
    names = [" ".join(parts) for parts in itertools.permutations(syllables, 4)][:5000]
    entities = {
        f"p{i}": entity(f"p{i}", names[i], names[i + 1], names[i + 2], names[i + 3], names[i + 4])
        for i in range(0, 5000, 5)
    }
    started = time.perf_counter()
    matcher = EntityMatcher(entities)
    built = time.perf_counter() - started

    rng = random.Random(7)
    words = [
        rng.choice(["talks", "resumed", "in", "the", "north", "and", "said"]) for _ in range(5000)
    ]
    mentioned = rng.sample(range(1000), 40)
    for slot, person in zip(range(50, 5000, 120), mentioned, strict=False):
        words[slot] = names[person * 5 + rng.randrange(5)]
    text = " ".join(words)

    started = time.perf_counter()
    found = matcher.find(text)
    elapsed = time.perf_counter() - started

    assert found == [f"p{person * 5}" for person in mentioned]
    assert built < 5
    assert elapsed < 0.5


# --- names inside longer names ------------------------------------------------------------


@pytest.fixture(scope="module")
def wire() -> EntityMatcher:
    """A registry of our own, as a wire service's archive might hold it."""
    return EntityMatcher(
        {
            "stockholm": entity("stockholm", "Stockholm"),
            "yonhap": entity("yonhap", "Yonhap News Agency", "Yonhap"),
            "kim-jong-suk": entity("kim-jong-suk", "Kim Jong Suk"),
            "kim-il-sung": entity("kim-il-sung", "Kim Il Sung"),
            "kim-il-sung-university": entity("kim-il-sung-university", "Kim Il Sung University"),
            "kim-jong-un": entity("kim-jong-un", "Kim Jong Un"),
            "donald-trump": entity("donald-trump", "Donald Trump", "Trump"),
            "moon-jae-in": entity("moon-jae-in", "Moon Jae-in", "President Moon"),
            "north-korea": entity("north-korea", "North Korea", "DPRK"),
            "pyongyang": entity("pyongyang", "Pyongyang"),
            "tokyo": entity("tokyo", "Tokyo"),
            "united-states": entity("united-states", "United States", "U.S.", "U.S"),
            "sohae": entity("sohae", "Sohae Satellite Launching Station", "Sohae",
                            inside_longer_names=True),
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "A report by the Stockholm International Peace Research Institute said so.",
        "Farmers of Yonhap-ri in Kangso County met.",
        "Farmers of Yonhap ri met.",
        "Workers of the Kim Jong Suk Pyongyang Textile Mill overfulfilled the plan.",
        "The Kim Il Sung Prize was awarded.",
        "Students of Pyongyang University of Science and Technology met.",
        "Workers of the Kim Il Sung Iron and Steel Complex said the furnace was relit.",
        "Delegates toured the U.S. Naval Academy.",
    ],
)
def test_a_name_inside_a_longer_name_is_not_the_entity(wire: EntityMatcher, text: str) -> None:
    assert wire.find(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Trump administration said", ["donald-trump"]),
        ("President Moon Jae-in met Kim Jong Un's envoy.", ["moon-jae-in", "kim-jong-un"]),
        ("North Korea's envoy arrived in Pyongyang on Monday.", ["north-korea", "pyongyang"]),
        ("Stocks in Tokyo up 2% as Stockholm Exchange closed.", ["tokyo", "stockholm"]),
        ("Kim Jong Un Visits Farm", ["kim-jong-un"]),
        ("Kim Jong Un Visits Fish Farm under KPA Unit 580", ["kim-jong-un"]),
        ("Talks between Pyongyang and Kim Il Sung University students",
         ["pyongyang", "kim-il-sung-university"]),
        ("Staff of Trump and Stockholm Institute of Economics attended the hearing.",
         ["donald-trump"]),
    ],
)  # fmt: skip
def test_ordinary_words_after_a_name_do_not_hide_it(
    wire: EntityMatcher, text: str, expected: list[str]
) -> None:
    assert wire.find(text) == expected


def test_a_longer_name_in_the_registry_still_wins(wire: EntityMatcher) -> None:
    assert wire.find("Students of Kim Il Sung University met.") == ["kim-il-sung-university"]
    assert wire.find("Kim Il Sung founded Kim Il Sung University.") == [
        "kim-il-sung",
        "kim-il-sung-university",
    ]


def test_the_registry_may_say_longer_names_are_still_the_entity(wire: EntityMatcher) -> None:
    assert wire.find("Engines were tested at the Sohae Launching Station.") == ["sohae"]


def test_the_longer_name_rule_applies_to_every_mention(wire: EntityMatcher) -> None:
    text = "The Stockholm Institute for Security and Development Policy met in Stockholm."
    assert [text[s:e] for s, e, _ in wire.mentions(text)] == ["Stockholm"]
    assert wire.mentions(text)[0][0] == text.rindex("Stockholm")


# --- not phrases ----------------------------------------------------------------------------


def test_a_not_phrase_hides_only_its_own_entity() -> None:
    matcher = EntityMatcher(
        {
            "washington": entity("washington", "Washington", not_names=("George Washington",)),
            "george": entity("george", "George Bush"),
            "stockholm": entity("stockholm", "Stockholm", not_names=("Stockholm Syndrome",)),
        }
    )
    assert matcher.find("The USS George Washington sailed.") == []
    assert matcher.find("The USS George Washington sailed to Washington.") == ["washington"]
    assert matcher.find("A case of Stockholm syndrome in Stockholm") == ["stockholm"]
    assert matcher.find("George Bush Washington trip") == ["george", "washington"]


# --- namesakes ------------------------------------------------------------------------------


def namesakes(*, minister_context: tuple[str, ...] = ("foreign minister",)) -> EntityMatcher:
    return EntityMatcher(
        {
            "ri-minister": entity("ri-minister", "Ri Yong Ho", context=minister_context),
            "ri-general": entity(
                "ri-general", "Ri Yong Ho (general)", "Ri Yong Ho",
                context=("Vice Marshal", "General Staff"),
            ),
            "kpa": entity("kpa", "Korean People's Army", "KPA"),
        }
    )  # fmt: skip


def test_namesakes_are_told_apart_by_context_words() -> None:
    matcher = namesakes()
    assert matcher.find("Foreign Minister Ri Yong Ho met the envoy.") == ["ri-minister"]
    assert matcher.find("KPA Vice Marshal Ri Yong Ho inspected a unit.") == ["kpa", "ri-general"]
    assert matcher.find("Ri Yong Ho, chief of the KPA General Staff, spoke.") == [
        "ri-general",
        "kpa",
    ]


def test_the_nearest_context_word_decides() -> None:
    text = (
        "The foreign minister was absent. The foreign minister's deputy said that "
        "Vice Marshal Ri Yong Ho had inspected the front."
    )
    assert namesakes().find(text) == ["ri-general"]


def test_no_context_word_no_link_unless_a_default() -> None:
    assert namesakes().find("Ri Yong Ho arrived on Monday.") == []
    with_default = namesakes(minister_context=())
    assert with_default.find("Ri Yong Ho arrived on Monday.") == ["ri-minister"]
    assert with_default.find("Vice Marshal Ri Yong Ho arrived.") == ["ri-general"]


def test_namesakes_are_resolved_the_same_way_every_time() -> None:
    text = "Ri Yong Ho of the General Staff met Foreign Minister Ri Yong Ho."
    results = {tuple(namesakes().mentions(text)) for _ in range(5)}
    assert len(results) == 1
    assert [entity_id for _, _, entity_id in results.pop()] == ["ri-general", "ri-minister"]


def test_namesake_rules_live_in_name_clashes() -> None:
    two_defaults = [entity("a", "Ri Yong Ho"), entity("b", "Ri Yong Ho (b)", "Ri Yong-ho")]
    assert [(c.entity_id, c.field, c.value) for c in name_clashes(two_defaults)] == [
        ("b", "aliases", "Ri Yong-ho")
    ]
    shared_word = [
        entity("a", "Ri Yong Ho", context=("general",)),
        entity("b", "Ri Yong Ho (b)", "Ri Yong Ho", context=("General",)),
    ]
    assert [(c.entity_id, c.field) for c in name_clashes(shared_word)] == [("b", "context")]
    with pytest.raises(ValueError, match="context word"):
        EntityMatcher({e.id: e for e in shared_word})
