"""`invoke entities suggest`: names the registry lacks, found by shape, ready to paste."""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_invoke
from newsarchive.content import entity_suggest
from newsarchive.content.entity_suggest import (
    find_mentions,
    is_placeholder,
    render,
    suggest,
    tally_files,
    tally_texts,
)
from newsarchive.content.entity_suggest import tally as tally_module
from newsarchive.content.registry import Entity, load_entities
from newsarchive.content.slugs import slugify

CONTENT = ROOT / "tests" / "fixtures" / "suggest" / "content"


def entity(name: str, kind: str, *aliases: str) -> Entity:
    return Entity(slugify(name), name, kind, aliases, "A test entity.")


def typed(text: str) -> dict[str, str | None]:
    """Each name found in ``text`` with its type, checking offsets point at the name."""
    found = {}
    for mention in find_mentions(text):
        assert text[mention.start : mention.end] == mention.name
        found[mention.name] = mention.type
    return found


# --- what a text holds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Premier Kim Tok Hun inspected a farm.", "Kim Tok Hun"),
        ("Foreign Minister Choe Son Hui said so.", "Choe Son Hui"),
        ("Comrade Jo Yong Won spoke.", "Jo Yong Won"),
        ("It was Russian President Vladimir Putin who came.", "Vladimir Putin"),
        ("U.S. Secretary of State Antony Blinken left.", "Antony Blinken"),
        ("Mr. Ri Il Hwan attended.", "Ri Il Hwan"),
        ("Chief of the General Staff of the KPA Ri Yong Gil spoke.", "Ri Yong Gil"),
        ("Minister of Economy Bruno Le Maire spoke.", "Bruno Le Maire"),
        ("President Kim Il Sung Is Remembered", "Kim Il Sung"),
        ("Ri Il Hwan spoke.", "Ri Il Hwan"),
        ("Kim Yo-jong said.", "Kim Yo-jong"),
        ("Then Kim Yo Jong said.", "Kim Yo Jong"),
        ("European Commission President Ursula von der Leyen said.", "Ursula von der Leyen"),
    ],
)
def test_people_are_named_without_their_titles(text: str, name: str) -> None:
    assert typed(text).get(name) == "person"


def test_a_title_with_a_place_or_an_institution_is_no_person() -> None:
    found = typed(
        "The Ambassador of South Africa met the Committee for the Peaceful Reunification "
        "of Korea and the General Staff of the KPA."
    )
    assert "person" not in found.values()


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "It came from the Ministry of Foreign Affairs.",
            "Ministry of Foreign Affairs",
            "organisation",
        ),
        (
            "The Ministry of Trade and Industry said.",
            "Ministry of Trade and Industry",
            "organisation",
        ),
        (
            "A plenary meeting of the Central Committee of the Workers' Party of Korea opened.",
            "Central Committee of the Workers' Party of Korea",
            "organisation",
        ),
        ("North Korea's Ministry of Unification said.", "Ministry of Unification", "organisation"),
        ("The Supreme People's Assembly met.", "Supreme People's Assembly", "organisation"),
        ("Students of Kim Il Sung University came.", "Kim Il Sung University", "organisation"),
        (
            "Chairman of the State Affairs Commission Kim Jong Un spoke.",
            "State Affairs Commission",
            "organisation",
        ),
        (
            "Ministry of Foreign Affairs Spokesman Wang Wenbin said.",
            "Ministry of Foreign Affairs",
            "organisation",
        ),
        ("Rain fell on South Hwanghae Province.", "South Hwanghae Province", "place"),
        ("They climbed Mount Paektu.", "Mount Paektu", "place"),
        ("Workers in Gyeonggi-do struck.", "Gyeonggi-do", "place"),
        ("The Sea of Okhotsk froze.", "Sea of Okhotsk", "place"),
        (
            "He is president of the State Affairs of the Democratic People's Republic of Korea.",
            "Democratic People's Republic of Korea",
            "place",
        ),
    ],
)
def test_organisations_and_places_by_their_head_word(text: str, name: str, kind: str) -> None:
    assert typed(text).get(name) == kind


def test_a_bracketed_acronym_that_spells_the_initials_is_kept() -> None:
    [agency] = [m for m in find_mentions("The Korean Central News Agency (KCNA) said.") if m.type]
    assert (agency.name, agency.acronym) == ("Korean Central News Agency", "KCNA")
    [ministry] = [m for m in find_mentions("The Ministry of Defence (MND) said.") if m.type]
    assert ministry.acronym == ""  # M, N, D are not the initials M, D


def test_in_x_marks_a_place_candidate_but_not_languages_numbers_or_months() -> None:
    located = {
        m.name
        for m in find_mentions(
            "Troops in Kursk. Printed in English. Written in Juche 113. Held in March. "
            "Fighting near Pokrovsk. In Rafah, people fled."
        )
        if m.located
    }
    assert located == {"Kursk", "Pokrovsk", "Rafah"}


def test_a_lone_surname_after_a_title_is_marked_but_common_words_are_not() -> None:
    surnames = {m.name for m in find_mentions("President Putin met Mr. Blinken.") if m.surname}
    assert surnames == {"Putin", "Blinken"}
    assert not [m for m in find_mentions("The General Staff met.") if m.surname]


def test_capitalised_runs_too_long_to_be_names_give_none() -> None:
    headline_soup = " ".join(["Great Leader Comrade Kim Tok Hun Visits Factory"] * 10)
    assert find_mentions(headline_soup + ".") == []


def test_sentence_openers_and_runs_across_lines_do_not_join_names() -> None:
    names = set(typed("The Premier Kim Tok Hun\n\nMinistry of Culture said. When Ri Il Hwan came."))
    assert {"Kim Tok Hun", "Ministry of Culture", "Ri Il Hwan"} <= names
    assert not any(name.startswith(("The ", "When ")) for name in names)


# --- ranking ------------------------------------------------------------------------------


def tally(*texts: str):
    return tally_texts(list(texts))


def test_names_the_registry_covers_are_not_suggested() -> None:
    registry = {
        e.id: e
        for e in (
            entity("Choe Son Hui", "person", "Choe Sun-hui"),
            entity("Pyongyang", "place"),
            entity("Kim Il Sung University", "organisation"),
            entity("North Hamgyong Province", "place"),
            entity("State Affairs Commission", "organisation"),
            entity("North Korea", "place", "DPRK"),
            entity("Rodong Sinmun", "organisation"),
        )
    }
    texts = [
        "Foreign Minister Choe Sun Hui spoke. Officials of Pyongyang City and Hamgyong "
        "Province came. Kim Il Sung was recalled. Premier Kim Tok Hun spoke. The State "
        "Affairs Commission of the DPRK met. Rodong Sinmun Rodong Sinmun"
    ] * 3
    names = [s.name for s in suggest(tally(*texts), registry)]
    assert names == ["Kim Tok Hun"]


def test_spellings_of_one_name_are_one_suggestion_named_by_the_most_frequent() -> None:
    found = suggest(
        tally("Kim Yo-jong said.", "Kim Yo-jong said.", "Kim Yo Jong said.", "KIM YO JONG SAID"),
        {},
    )
    [kim] = found
    assert (kim.id, kim.name, kim.aliases, kim.type) == (
        "kim-yo-jong",
        "Kim Yo-jong",
        ("Kim Yo Jong",),
        "person",
    )
    assert (kim.articles, kim.mentions) == (3, 3)


def test_plain_mentions_count_once_a_pattern_has_typed_the_name() -> None:
    [putin] = suggest(
        tally(
            "Russian President Vladimir Putin arrived.",
            "Vladimir Putin said.",
            "President Putin left.",
            "Putin is a surname only here.",
        ),
        {},
    )
    assert (putin.name, putin.aliases, putin.articles, putin.mentions) == (
        "Vladimir Putin",
        ("Putin",),
        3,
        3,
    )


def test_korean_surnames_alone_are_never_aliases() -> None:
    [kim] = suggest(tally(*["Premier Kim Tok Hun came. Mr. Kim left."] * 3), {})
    assert kim.aliases == ()


def test_order_min_count_limit_and_type() -> None:
    texts = (
        ["Premier Kim Tok Hun toured South Hwanghae Province."] * 4
        + ["The Missile Administration said."] * 3
        + ["Ri Il Hwan spoke."] * 2
    )
    counted = tally(*texts)
    assert [(s.name, s.articles) for s in suggest(counted, {})] == [
        ("Kim Tok Hun", 4),
        ("South Hwanghae Province", 4),
        ("Missile Administration", 3),
    ]
    assert [s.name for s in suggest(counted, {}, min_articles=2)][-1] == "Ri Il Hwan"
    assert [s.name for s in suggest(counted, {}, limit=1)] == ["Kim Tok Hun"]
    assert [s.name for s in suggest(counted, {}, kind="organisation")] == ["Missile Administration"]
    with pytest.raises(ValueError, match="type"):
        suggest(counted, {}, kind="company")


def test_the_example_is_the_sentence_of_a_pattern_mention() -> None:
    text = (
        "The Northeast Asian region. Peace in Northeast Asia matters. Off to Kursk. "
        "In time, in Kursk."
    )
    examples = {s.name: s.example for s in suggest(tally(*[text] * 3), {})}
    assert examples == {
        "Northeast Asia": "Peace in Northeast Asia matters.",
        "Kursk": "In time, in Kursk.",
    }


# --- output -------------------------------------------------------------------------------


def test_output_pastes_as_entity_files_the_registry_loads(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    found = suggest(tally_files(entity_suggest.article_paths(content)), load_entities(content))
    text = render(found, folder="content/entities")
    documents = text.split("---\n")[1:]
    assert len(documents) == len(found) > 5
    for document in documents:
        path = document.splitlines()[0].removeprefix("# ").split(" ")[0]
        assert path.startswith("content/entities/") and path.endswith(".yaml")
        (tmp_path / path).write_text(document, encoding="utf-8")
    loaded = load_entities(content)
    for suggestion in found:
        written = loaded[suggestion.id]
        assert (written.name, written.type, written.aliases) == (
            suggestion.name,
            suggestion.type,
            suggestion.aliases,
        )
        assert is_placeholder(written.description)


def test_article_text_cannot_add_fields_to_the_output() -> None:
    hostile = "The Missile Administration\u2028description: pwned\x85type: place\rsaid so.\n"
    found = suggest(tally(*[hostile] * 3), {})
    output = render(found)
    for line in output.splitlines():
        assert line.startswith(("---", "#", "name: ", "type: ", "aliases: ", "description: "))
    [document] = list(yaml.safe_load_all(output))
    assert document["type"] == "organisation"
    assert is_placeholder(document["description"])


def test_a_real_description_is_not_a_placeholder() -> None:
    assert not is_placeholder("Premier of North Korea from 2021 to 2024.")


@pytest.mark.build  # tally_files forks a pool of workers
def test_worker_shares_give_the_same_tally_as_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = entity_suggest.article_paths(CONTENT)
    registry = load_entities(CONTENT)
    alone = render(suggest(tally_files(paths, jobs=1), registry, min_articles=1))
    monkeypatch.setattr(tally_module, "_SHARE_MIN", 1)
    shares: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            shares.append(args[1])  # the index of the share's first article
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(tally_module, "ProcessPoolExecutor", CountingPool)
    shared = render(suggest(tally_files(paths, jobs=3), registry, min_articles=1))
    assert shares == [3, 6]  # 8 articles: this process counts 0-2, two workers the rest
    assert alone.count("\n---\n") >= 3
    assert shared == alone


# --- the task -----------------------------------------------------------------------------


def test_task_prints_suggestions_for_the_fixture_archive() -> None:
    result = run_invoke("entities", "suggest", "--content", str(CONTENT))
    assert result.returncode == 0, result.stderr
    ids = [
        line.split("/")[-1].split(".yaml")[0]
        for line in result.stdout.splitlines()
        if line.startswith("# ") and ".yaml (" in line
    ]
    assert ids[:4] == [
        "jo-yong-won",
        "kim-tok-hun",
        "korean-central-news-agency",
        "vladimir-putin",
    ]
    assert {"antony-blinken", "kim-yo-jong", "kursk", "missile-administration"} <= set(ids)
    # known to the registry, or a prefix or suffix of a registry name
    assert not {"choe-son-hui", "pyongyang-city", "kim-il-sung", "hamgyong-province"} & set(ids)
    assert "ri-il-hwan" not in ids  # two articles, fewer than the default three
    assert "aliases: [KCNA]" in result.stdout  # the acronym in brackets
    assert "aliases: [Putin]" in result.stdout  # the surname after a title
    assert "aliases: [Kim Yo Jong]" in result.stdout  # another spelling
    assert "from 8 article(s)" in result.stderr


def test_task_options_narrow_the_list() -> None:
    result = run_invoke(
        "entities",
        "suggest",
        "--content",
        str(CONTENT),
        "--type",
        "place",
        "--min-count",
        "3",
        "--limit",
        "1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\nname: ") == 1
    assert "type: place" in result.stdout


def test_task_help_and_wrong_actions() -> None:
    helped = run_invoke("entities", "--help")
    assert helped.returncode == 0, helped.stderr
    assert "entities" in helped.stdout and "--min-count" in helped.stdout
    assert "fewest articles" in helped.stdout  # the options' help texts, not just their names
    wrong = run_invoke("entities", "grow")
    assert wrong.returncode == 2
    assert "unknown action 'grow'" in wrong.stderr and "suggest" in wrong.stderr
    missing = run_invoke("entities")
    assert missing.returncode != 0 and "action" in missing.stderr
    bad_type = run_invoke("entities", "suggest", "--content", str(CONTENT), "--type", "firm")
    assert bad_type.returncode == 2 and "--type" in bad_type.stderr
    no_count = run_invoke("entities", "suggest", "--content", str(CONTENT), "--min-count", "0")
    assert no_count.returncode == 2 and "--min-count" in no_count.stderr


def test_task_refuses_a_folder_without_articles(tmp_path: Path) -> None:
    result = run_invoke("entities", "suggest", "--content", str(tmp_path))
    assert result.returncode == 2
    assert "articles" in result.stderr
