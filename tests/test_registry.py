"""The entity registry and tag vocabulary load, and bad files are reported usefully."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from newsarchive.content.registry import (
    ENTITY_TYPES,
    Entity,
    RegistryError,
    TagRule,
    load_entities,
    load_tags,
)
from newsarchive.content.slugs import is_slug, slugify

CONTENT = Path(__file__).resolve().parents[1] / "content"


def write(content: Path, kind: str, stem: str, text: str) -> Path:
    path = content / kind / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def registry_errors(load, content: Path) -> str:
    with pytest.raises(RegistryError) as caught:
        load(content)
    return str(caught.value)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "entities").mkdir(parents=True)
    (folder / "tags").mkdir()
    return folder


# --- the shipped registry ---------------------------------------------------------------


def test_every_shipped_entity_file_is_valid() -> None:
    entities = load_entities(CONTENT)
    assert 150 <= len(entities) <= 250
    assert {entity.type for entity in entities.values()} == set(ENTITY_TYPES)
    assert all(entity.description for entity in entities.values())


@pytest.mark.parametrize("kind", ["entities", "tags"])
def test_every_file_name_is_the_slug_of_its_name(kind: str) -> None:
    files = sorted((CONTENT / kind).glob("*.yaml"))
    assert files
    for path in files:
        name = yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
        assert path.stem == slugify(name), f"{path.name} holds {name!r}"
        assert is_slug(path.stem)


def test_shipped_vocabulary_is_valid() -> None:
    tags = load_tags(CONTENT)
    assert 20 <= len(tags) <= 30
    for expected in ("denuclearization", "sanctions", "inter-korean-relations", "dmz", "health"):
        assert expected in tags
    assert all(tag.match for tag in tags.values())
    assert all(isinstance(rule, TagRule) for tag in tags.values() for rule in tag.match)
    assert TagRule("kimilsungism*", 3) in tags["ideology"].match
    assert "juche #" in tags["ideology"].not_rules
    assert tags["ideology"].min_score == 3
    assert tags["sanctions"].min_score == 2


def test_people_from_the_seed_articles_are_registered() -> None:
    entities = load_entities(CONTENT)
    for entity_id in (
        "stephen-biegun",
        "lee-do-hoon",
        "kim-myong-gil",
        "donald-trump",
        "moon-jae-in",
        "kim-jong-un",
        "mike-pompeo",
        "igor-morgulov",
        "panmun-station",
        "dulles-international-airport",
    ):
        assert entity_id in entities


def test_well_known_hangul_names_are_aliases() -> None:
    entities = load_entities(CONTENT)
    assert "김정은" in entities["kim-jong-un"].aliases
    assert "문재인" in entities["moon-jae-in"].aliases
    assert "김명길" in entities["kim-myong-gil"].aliases


def test_entities_are_immutable() -> None:
    entity = load_entities(CONTENT)["kim-jong-un"]
    assert isinstance(entity, Entity)
    assert entity.names[0] == "Kim Jong Un"
    with pytest.raises(dataclasses.FrozenInstanceError):
        entity.name = "Someone else"  # type: ignore[misc]


# --- errors name the file, the field and what was expected ------------------------------


def test_wrong_type_names_file_field_and_choices(content: Path) -> None:
    write(
        content,
        "entities",
        "kim-jong-un",
        "name: Kim Jong Un\ntype: human\ndescription: Leader of North Korea.\n",
    )
    message = registry_errors(load_entities, content)
    assert (
        "content/entities/kim-jong-un.yaml: type: "
        "expected one of person, organisation, place, event, got 'human'" in message
    )


def test_file_name_must_be_the_slug_of_the_name(content: Path) -> None:
    write(content, "entities", "kju", "name: Kim Jong Un\ntype: person\ndescription: Leader.\n")
    message = registry_errors(load_entities, content)
    assert "content/entities/kju.yaml: name:" in message
    assert "kim-jong-un.yaml" in message


def test_missing_and_unknown_fields_are_reported(content: Path) -> None:
    write(content, "entities", "seoul", "name: Seoul\ntype: place\nalias: [서울]\n")
    message = registry_errors(load_entities, content)
    assert "content/entities/seoul.yaml: description: missing" in message
    assert "content/entities/seoul.yaml: alias: unexpected field" in message


def test_every_problem_is_reported_not_just_the_first(content: Path) -> None:
    write(content, "entities", "seoul", "name: Seoul\ntype: city\ndescription: Capital.\n")
    write(content, "entities", "tokyo", "name: Tokyo\ntype: place\naliases: Edo\ndescription: x\n")
    write(content, "entities", "broken", "name: [unclosed\n")
    with pytest.raises(RegistryError) as caught:
        load_entities(content)
    errors = caught.value.errors
    assert len(errors) == 3
    assert any(e.startswith("content/entities/seoul.yaml: type:") for e in errors)
    assert any(e.startswith("content/entities/tokyo.yaml: aliases:") for e in errors)
    assert any(e.startswith("content/entities/broken.yaml: not valid YAML") for e in errors)


def test_alias_claimed_by_two_entities_names_both_files(content: Path) -> None:
    write(
        content,
        "entities",
        "north-korea",
        "name: North Korea\ntype: place\naliases: [DPRK]\ndescription: A country.\n",
    )
    write(
        content,
        "entities",
        "pyongyang",
        "name: Pyongyang\ntype: place\naliases: [DPRK]\ndescription: A city.\n",
    )
    message = registry_errors(load_entities, content)
    assert "content/entities/pyongyang.yaml: aliases: 'DPRK'" in message
    assert "content/entities/north-korea.yaml" in message


def test_spelling_variants_of_one_alias_still_collide(content: Path) -> None:
    write(content, "entities", "kim-jong-un", "name: Kim Jong Un\ntype: person\ndescription: a\n")
    write(
        content,
        "entities",
        "kim-jong-il",
        "name: Kim Jong Il\ntype: person\naliases: [Kim Jong-un]\ndescription: b\n",
    )
    message = registry_errors(load_entities, content)
    assert "content/entities/kim-jong-il.yaml: aliases: 'Kim Jong-un' is also claimed by" in message
    assert "content/entities/kim-jong-un.yaml" in message


def test_repeated_spellings_within_one_entity_are_fine(content: Path) -> None:
    write(
        content,
        "entities",
        "kim-jong-un",
        "name: Kim Jong Un\ntype: person\naliases: [Kim Jong-un, Kim Jong-Un]\ndescription: a\n",
    )
    assert list(load_entities(content)) == ["kim-jong-un"]


def test_missing_registry_folder_is_an_error(tmp_path: Path) -> None:
    message = registry_errors(load_entities, tmp_path / "content")
    assert "content/entities: expected a directory" in message


def test_bad_tag_rule_names_file_and_rule(content: Path) -> None:
    write(
        content,
        "tags",
        "sanctions",
        "name: Sanctions\ndescription: Sanctions.\nmatch:\n- sanction*\n- embargo.+\n",
    )
    message = registry_errors(load_tags, content)
    assert "content/tags/sanctions.yaml: match[1]: unsupported character '+'" in message


def test_tag_needs_rules(content: Path) -> None:
    write(content, "tags", "sanctions", "name: Sanctions\ndescription: Sanctions.\nmatch: []\n")
    message = registry_errors(load_tags, content)
    assert "content/tags/sanctions.yaml: match: expected a non-empty list" in message


# --- not, context, inside_longer_names ----------------------------------------------------

STOCKHOLM = "name: Stockholm\ntype: place\ndescription: A city.\n"
RI = "name: Ri Yong Ho\ntype: person\ndescription: A minister.\n"
RI_GENERAL = (
    "name: Ri Yong Ho (general)\ntype: person\naliases: [Ri Yong-ho]\ndescription: A general.\n"
)


def test_entity_fields_for_telling_names_apart_load(content: Path) -> None:
    write(content, "entities", "stockholm", STOCKHOLM + "not: [Stockholm Syndrome]\n")
    write(content, "entities", "ri-yong-ho", RI + "context: [foreign minister]\n")
    write(
        content,
        "entities",
        "ri-yong-ho-general",
        RI_GENERAL + "context: [General Staff]\ninside_longer_names: true\n",
    )
    entities = load_entities(content)
    assert entities["stockholm"].not_names == ("Stockholm Syndrome",)
    assert entities["ri-yong-ho"].context == ("foreign minister",)
    assert entities["ri-yong-ho-general"].inside_longer_names is True
    assert entities["stockholm"].inside_longer_names is False


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "not: [Syndrome]\n",
            "content/entities/stockholm.yaml: not[0]: expected a phrase that contains "
            "'Stockholm' or one of its aliases, got 'Syndrome'",
        ),
        (
            "not: [Stockholm]\n",
            "content/entities/stockholm.yaml: not[0]: expected a longer phrase than a name "
            "of the entity, got 'Stockholm', which is one of its names",
        ),
        ("not: Stockholm Syndrome\n", "content/entities/stockholm.yaml: not: expected a list"),
        (
            "context: [x]\n",
            "content/entities/stockholm.yaml: context[0]: expected at least two characters",
        ),
        (
            "inside_longer_names: yes\n",
            "content/entities/stockholm.yaml: inside_longer_names: expected true or false, "
            "got 'yes'",
        ),
    ],
)
def test_bad_entity_fields_name_file_field_and_expectation(
    content: Path, extra: str, expected: str
) -> None:
    write(content, "entities", "stockholm", STOCKHOLM + extra)
    assert expected in registry_errors(load_entities, content)


def test_namesakes_without_context_are_refused(content: Path) -> None:
    write(content, "entities", "ri-yong-ho", RI)
    write(content, "entities", "ri-yong-ho-general", RI_GENERAL)
    message = registry_errors(load_entities, content)
    assert (
        "content/entities/ri-yong-ho-general.yaml: aliases: 'Ri Yong-ho' is also claimed by "
        "content/entities/ri-yong-ho.yaml (as 'Ri Yong Ho'); namesakes need context words"
    ) in message


def test_namesakes_with_context_load_and_one_may_be_the_default(content: Path) -> None:
    write(content, "entities", "ri-yong-ho", RI)
    write(content, "entities", "ri-yong-ho-general", RI_GENERAL + "context: [Vice Marshal]\n")
    assert sorted(load_entities(content)) == ["ri-yong-ho", "ri-yong-ho-general"]


def test_a_context_word_namesakes_share_is_refused(content: Path) -> None:
    write(content, "entities", "ri-yong-ho", RI + "context: [general, minister]\n")
    write(content, "entities", "ri-yong-ho-general", RI_GENERAL + "context: [General]\n")
    message = registry_errors(load_entities, content)
    assert (
        "content/entities/ri-yong-ho-general.yaml: context: 'General' is also a context word "
        "of content/entities/ri-yong-ho.yaml, which shares the name 'Ri Yong-ho'"
    ) in message


# --- weights, not rules, min_score ----------------------------------------------------------

TAG = "name: Agriculture\ndescription: Farming.\n"


def test_weighted_rules_not_rules_and_min_score_load(content: Path) -> None:
    write(
        content,
        "tags",
        "agriculture",
        TAG + "min_score: 2.5\nmatch:\n- farm*\n- {rule: 'fertili[sz]er*', weight: 2}\n"
        "- rule: harvest*\n  weight: 1.5\nnot:\n- minist(er|ry) of agriculture\n",
    )
    tag = load_tags(content)["agriculture"]
    assert tag.match == (
        TagRule("farm*", 1),
        TagRule("fertili[sz]er*", 2),
        TagRule("harvest*", 1.5),
    )
    assert tag.not_rules == ("minist(er|ry) of agriculture",)
    assert tag.min_score == 2.5


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "match:\n- {rule: farm*, weight: heavy}\n",
            "content/tags/agriculture.yaml: match[0]: weight: expected a number from 0.1 to 10, "
            "got 'heavy'",
        ),
        (
            "match:\n- {rule: farm*, weight: 50}\n",
            "match[0]: weight: expected a number from 0.1 to 10, got '50'",
        ),
        (
            "match:\n- {rule: farm*, wieght: 2}\n",
            "content/tags/agriculture.yaml: match[0]: unexpected field 'wieght'; "
            "expected only rule, weight",
        ),
        (
            "match:\n- {weight: 2}\n",
            "content/tags/agriculture.yaml: match[0]: expected a rule, or a mapping with rule "
            "and weight",
        ),
        (
            "match:\n- farm*\nnot:\n- farm.+\n",
            "content/tags/agriculture.yaml: not[0]: unsupported character '+'",
        ),
        (
            "match:\n- juche\nnot:\n- juche #\n",
            "content/tags/agriculture.yaml: not[0]: 'juche' is also a match rule, so it would "
            "cancel every hit of it; a rule with '#' must be quoted",
        ),
        (
            "min_score: high\nmatch: [farm*]\n",
            "content/tags/agriculture.yaml: min_score: expected a number from 0.1 to 100, "
            "got 'high'",
        ),
    ],
)
def test_bad_tag_fields_name_file_field_and_expectation(
    content: Path, extra: str, expected: str
) -> None:
    write(content, "tags", "agriculture", TAG + extra)
    assert expected in registry_errors(load_tags, content)


def test_a_quoted_number_rule_is_a_not_rule(content: Path) -> None:
    text = 'name: Ideology\ndescription: x\nmatch: [juche]\nnot:\n- "juche #"\n'
    write(content, "tags", "ideology", text)
    assert load_tags(content)["ideology"].not_rules == ("juche #",)
