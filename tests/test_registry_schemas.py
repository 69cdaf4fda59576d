"""The editor schemas of entity and tag files agree with the registry loader.

newsarchive/content/registry.py checks registry files with its own messages; the JSON
Schemas under newsarchive/content/schemas/ give editors the same rules. Every shipped file
passes both, and each kind of broken file fails both.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT
from newsarchive.content.frontmatter import load_mapping
from newsarchive.content.registry import (
    ENTITY_FIELDS,
    ENTITY_TYPES,
    TAG_FIELDS,
    RegistryError,
    load_entities,
    load_tags,
)

CONTENT = ROOT / "content"
ENTITY = "name: Kim Jong Un\ntype: person\naliases: [Kim Jong-un]\ndescription: Leader.\n"
TAG = "name: Diplomacy\ndescription: Talks.\nmatch: [diplomac*]\n"


def schema(kind: str) -> jsonschema.protocols.Validator:
    text = (
        resources.files("newsarchive.content")
        .joinpath(f"schemas/{kind}.schema.json")
        .read_text("utf-8")
    )
    data = json.loads(text)
    cls = jsonschema.validators.validator_for(data)
    cls.check_schema(data)
    return cls(data)


def test_schemas_name_the_loaders_fields_and_types() -> None:
    entity, tag = schema("entity").schema, schema("tag").schema
    assert tuple(entity["properties"]) == ENTITY_FIELDS
    assert tuple(tag["properties"]) == TAG_FIELDS
    assert tuple(entity["properties"]["type"]["enum"]) == ENTITY_TYPES


@pytest.mark.parametrize("kind", ["entities", "tags"])
@pytest.mark.parametrize("reader", [load_mapping, yaml.safe_load], ids=["loader", "editor"])
def test_every_shipped_registry_file_passes_its_schema(kind: str, reader) -> None:
    """As the loader reads it (every value text) and as an editor does (typed YAML)."""
    validator = schema("entity" if kind == "entities" else "tag")
    files = sorted((CONTENT / kind).glob("*.yaml"))
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(reader(path.read_text("utf-8")))]
        assert errors == [], path


BROKEN = [
    ("entities", "kim-jong-un", ENTITY.replace("type: person", "type: persn")),
    ("entities", "kim-jong-un", ENTITY.replace("description: Leader.\n", "")),
    ("entities", "kim-jong-un", ENTITY + "born: 1984\n"),
    ("entities", "kim-jong-un", ENTITY.replace("[Kim Jong-un]", "Kim Jong-un")),
    ("entities", "kim-jong-un", ENTITY.replace("name: Kim Jong Un", 'name: " "')),
    ("tags", "diplomacy", TAG.replace("match: [diplomac*]\n", "")),
    ("tags", "diplomacy", TAG.replace("[diplomac*]", "[]")),
    ("tags", "diplomacy", TAG + "colour: red\n"),
    ("entities", "kim-jong-un", ENTITY + "not: Kim Jong Un's\n"),
    ("entities", "kim-jong-un", ENTITY + "context: foreign minister\n"),
    ("entities", "kim-jong-un", ENTITY + "inside_longer_names: maybe\n"),
    ("tags", "diplomacy", TAG.replace("[diplomac*]", "[{rule: diplomac*, weight: heavy}]")),
    ("tags", "diplomacy", TAG.replace("[diplomac*]", "[{rule: diplomac*, wieght: 2}]")),
    ("tags", "diplomacy", TAG.replace("[diplomac*]", "[{weight: 2}]")),
    ("tags", "diplomacy", TAG + "not: diplomat\n"),
    ("tags", "diplomacy", TAG + "min_score: high\n"),
    ("entities", "kim-jong-un", ENTITY.replace("[Kim Jong-un]", "[{name: 金正恩, lang: chinese}]")),
    ("entities", "kim-jong-un", ENTITY.replace("[Kim Jong-un]", "[{name: 金正恩, script: Hani}]")),
    ("entities", "kim-jong-un", ENTITY.replace("[Kim Jong-un]", "[{lang: zh}]")),
]


@pytest.mark.parametrize(("kind", "stem", "text"), BROKEN)
def test_a_broken_registry_file_fails_schema_and_loader(
    tmp_path: Path, kind: str, stem: str, text: str
) -> None:
    folder = tmp_path / "content"
    (folder / kind).mkdir(parents=True)
    (folder / kind / f"{stem}.yaml").write_text(text, encoding="utf-8")
    validator = schema("entity" if kind == "entities" else "tag")
    assert list(validator.iter_errors(load_mapping(text))), "the schema accepts it"
    with pytest.raises(RegistryError):
        (load_entities if kind == "entities" else load_tags)(folder)


def test_editor_settings_map_the_schemas_to_the_registry_folders() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping["./newsarchive/content/schemas/entity.schema.json"] == "content/entities/*.yaml"
    assert mapping["./newsarchive/content/schemas/tag.schema.json"] == "content/tags/*.yaml"
    for path in mapping:
        assert (ROOT / path).is_file()


def test_new_fields_in_typed_yaml_pass_schema_and_loader(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    (folder / "tags").mkdir(parents=True)
    text = TAG.replace("[diplomac*]", "[{rule: diplomac*, weight: 2.5}]") + (
        'min_score: 3\nnot: ["foreign minist(er|ry) #"]\n'
    )
    (folder / "tags" / "diplomacy.yaml").write_text(text, encoding="utf-8")
    assert list(schema("tag").iter_errors(yaml.safe_load(text))) == []
    assert load_tags(folder)["diplomacy"].min_score == 3


def test_an_alias_stating_its_language_passes_schema_and_loader(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    (folder / "entities").mkdir(parents=True)
    text = ENTITY.replace("[Kim Jong-un]", "[Kim Jong-un, {name: 金正恩, lang: zh-Hant}]")
    (folder / "entities" / "kim-jong-un.yaml").write_text(text, encoding="utf-8")
    assert list(schema("entity").iter_errors(yaml.safe_load(text))) == []
    assert list(schema("entity").iter_errors(load_mapping(text))) == []
    entity = load_entities(folder)["kim-jong-un"]
    assert entity.alias_lang("金正恩") == "zh-Hant"
