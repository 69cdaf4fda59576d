"""The language of a name from its script: what the entity page puts in an alias's ``lang``."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.content.registry import Entity, RegistryError, load_entities
from newsarchive.content.scripts import language_tag, script_lang


@pytest.mark.parametrize(
    ("alias", "lang"),
    [
        ("김정은", "ko"),
        ("조선로동당", "ko"),
        ("金正恩 김정은", "ko"),  # Hanja beside Hangul: Korean
        ("ㄱㄴ", "ko"),  # compatibility jamo
        ("あべ しんぞう", "ja"),
        ("キム・ジョンウン", "ja"),
        ("ｷﾑ", "ja"),  # half-width katakana
        ("安倍晋三 あべ", "ja"),  # kanji beside kana: Japanese
        ("金正恩", "zh"),  # Han alone: Chinese unless the file says otherwise
        ("习近平", "zh"),
        ("豈", "zh"),  # a compatibility ideograph
        ("𠀀", "zh"),  # CJK extension B
        ("Путин", "ru"),
        ("كيم جونغ أون", "ar"),
        ("Κιμ", "el"),
        ("བོད", "und"),  # a script with no default: claimed for no language
        ("Kim Jong Un", "en"),
        ("Nguyễn Phú Trọng", "en"),  # Latin with diacritics: the site's language
        ("KCNA", "en"),
        ("1.21", "en"),
    ],
)
def test_the_script_decides_the_language(alias: str, lang: str) -> None:
    assert script_lang(alias) == lang


def test_latin_takes_the_sites_language() -> None:
    assert script_lang("Kim Jong Un", default="fr") == "fr"
    assert script_lang("김정은", default="fr") == "ko"


@pytest.mark.parametrize(
    ("value", "tag"),
    [("ja", "ja"), ("ZH-hant", "zh-Hant"), ("zh-tw", "zh-TW"), ("es-419", "es-419")],
)
def test_language_tags_are_read_in_their_usual_case(value: str, tag: str) -> None:
    assert language_tag(value) == tag


@pytest.mark.parametrize("value", ["", "j", "japanese", "ko kr", "zh-", "zh-Hant-TW-x", "12"])
def test_what_is_no_language_tag_is_refused(value: str) -> None:
    assert language_tag(value) is None


def write_entity(tmp_path: Path, aliases: str) -> Path:
    content = tmp_path / "content"
    (content / "entities").mkdir(parents=True)
    (content / "entities" / "shinzo-abe.yaml").write_text(
        f"name: Shinzo Abe\ntype: person\naliases: {aliases}\ndescription: Prime minister.\n",
        encoding="utf-8",
    )
    return content


def test_an_alias_may_state_its_language_and_that_wins(tmp_path: Path) -> None:
    content = write_entity(tmp_path, "[Abe Shinzo, {name: 安倍晋三, lang: ja}, 아베 신조, 安倍]")
    entity = load_entities(content)["shinzo-abe"]
    assert entity.aliases == ("Abe Shinzo", "安倍晋三", "아베 신조", "安倍")
    assert entity.names == ("Shinzo Abe", "Abe Shinzo", "安倍晋三", "아베 신조", "安倍")
    assert [entity.alias_lang(a) for a in entity.aliases] == ["en", "ja", "ko", "zh"]


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ("[{name: 安倍晋三, lang: japanese}]", "aliases[0]: lang: expected a language tag"),
        ("[{name: 安倍晋三}]", "aliases[0]: lang: expected a language tag"),
        ("[{lang: ja}]", "aliases[0]: name: expected a non-empty text"),
        ("[{name: 安倍晋三, lang: ja, script: Hani}]", "aliases[0]: unexpected field 'script'"),
        ("[Abe, ~]", "aliases[1]: expected a non-empty text, or a mapping with name and lang"),
    ],
)
def test_a_wrong_alias_mapping_is_named(tmp_path: Path, aliases: str, message: str) -> None:
    content = write_entity(tmp_path, aliases)
    with pytest.raises(RegistryError) as caught:
        load_entities(content)
    assert f"content/entities/shinzo-abe.yaml: {message}" in str(caught.value)


def test_an_entity_made_in_code_judges_every_alias_by_its_script() -> None:
    entity = Entity("kim-jong-un", "Kim Jong Un", "person", ("김정은", "金正恩"), "Leader.")
    assert [entity.alias_lang(a) for a in entity.aliases] == ["ko", "zh"]
