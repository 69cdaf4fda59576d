"""The source registry: content/sources/<id>.yaml, one schema for the loader, check and editors.

Each broken file is refused by the loader with a message naming the file and the field, and
by the JSON Schema an editor applies; `invoke check` reports it at the field's line; the
content folder accepts the sources/ folder and refuses anything else put in it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT
from newsarchive.content import contentfiles
from newsarchive.content.frontmatter import load_mapping
from newsarchive.content.registry import RegistryError, Source, load_sources
from newsarchive.content.registry.sources import credit_fields, source_fields, source_kinds
from newsarchive.content.schema import coerce
from newsarchive.site.check import check_content

CONTENT = ROOT / "content"
GOOD = """name: Yonhap News Agency
kind: news agency
country: South Korea
description: South Korea's main news agency.
aliases: [Yonhap, 연합뉴스]
credit:
  name: Yonhap sample
  url: https://example.org/yonhap
  license: CC BY 4.0
  license_url: https://creativecommons.org/licenses/by/4.0/
  cut_at: 2000
  files: [yonhap.csv]
"""
FILE = "yonhap-news-agency.yaml"


def schema() -> jsonschema.protocols.Validator:
    text = resources.files("newsarchive.content").joinpath("schemas/source.schema.json")
    data = json.loads(text.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(data)
    cls.check_schema(data)
    return cls(data)


def folder_with(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    for name, text in files.items():
        (content / "sources" / name).write_text(text, encoding="utf-8")
    return content


def problems(tmp_path: Path, text: str, name: str = FILE) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        load_sources(folder_with(tmp_path, {name: text}))
    return caught.value.errors


def test_a_good_file_loads_with_its_credit_and_label(tmp_path: Path) -> None:
    source = load_sources(folder_with(tmp_path, {FILE: GOOD}))["yonhap-news-agency"]
    assert source.label == "News agency"
    assert source.names == ("Yonhap News Agency", "Yonhap", "연합뉴스")
    assert source.credit is not None and source.credit.cut_at == 2000
    assert source.credit.covers("yonhap.csv") and not source.credit.covers("kcna.jsonl")


def test_no_sources_folder_is_no_source(tmp_path: Path) -> None:
    assert load_sources(tmp_path) == {}


def test_the_schema_names_the_loaders_fields_and_kinds() -> None:
    data = schema().schema
    assert tuple(data["properties"]) == source_fields()
    assert tuple(data["properties"]["credit"]["properties"]) == credit_fields()
    assert "state media" in source_kinds() and "news agency" in source_kinds()
    assert set(source_fields()) == {f for f in Source.__dataclass_fields__ if f != "id"}


@pytest.mark.parametrize("reader", [load_mapping, yaml.safe_load], ids=["loader", "editor"])
def test_every_shipped_source_passes_the_schema_and_the_loader(reader) -> None:
    files = sorted((CONTENT / "sources").glob("*.yaml"))
    assert files
    validator = schema()
    for path in files:
        data = reader(path.read_text("utf-8"))
        if reader is load_mapping:  # the loader's text is typed by the schema first
            data = coerce(data, validator.schema)
        assert [e.message for e in validator.iter_errors(data)] == [], path
    sources = load_sources(CONTENT)
    assert {"rodong-sinmun", "yonhap-news-agency"} <= set(sources)


def test_the_shipped_archive_sources_all_have_an_entry() -> None:
    sources = load_sources(CONTENT)
    names = {name.casefold() for source in sources.values() for name in source.names}
    shipped = {
        line.split(":", 1)[1].strip().casefold()
        for path in (CONTENT / "articles").rglob("*.md")
        for line in path.read_text("utf-8").split("\n---\n", 1)[0].splitlines()
        if line.startswith("source:")
    }
    assert shipped and shipped <= names


BROKEN = [
    (GOOD + "colour: red\n", "colour: unexpected field; expected only name, kind, country"),
    (GOOD.replace("kind: news agency", "kind: agency"), "kind: expected one of state media, "),
    (GOOD.replace("description: South Korea's main news agency.\n", ""), "description: missing"),
    (GOOD.replace("cut_at: 2000", "cut_at: many"), "credit.cut_at: expected a whole number"),
    (GOOD.replace("cut_at: 2000", "cut_at: 0"), "credit.cut_at: expected a whole number"),
    (
        GOOD.replace("https://example.org/yonhap", "javascript:alert(1)"),
        "credit.url: expected an http",
    ),
    (GOOD.replace("  license: CC BY 4.0\n", ""), "credit.license: missing"),
    (
        GOOD.replace("  cut_at: 2000\n", "  cut_at: 2000\n  year: 2019\n"),
        "credit.year: unexpected field",
    ),
    (GOOD.replace("[yonhap.csv]", "[data/yonhap.csv]"), "credit.files[0]: expected a file name"),
    (GOOD.replace("[Yonhap, 연합뉴스]", "Yonhap"), "aliases: expected a list of one-line names"),
    (GOOD.replace("[Yonhap, 연합뉴스]", "[Yonhap, '']"), "aliases[1]: expected a one-line name"),
    (
        GOOD.replace("credit:\n", "credit: yes\n").split("  name: Yonhap")[0],
        "credit: expected a mapping",
    ),
    (
        GOOD.replace("name: Yonhap News Agency", "name: Yonhap"),
        "name: 'Yonhap' gives the id 'yonhap'",
    ),
    (
        GOOD.replace("country: South Korea", "country: South\tKorea"),
        "country: holds the control character",
    ),
]


@pytest.mark.parametrize(("text", "message"), BROKEN, ids=[m.split(":")[0] for _, m in BROKEN])
def test_a_broken_file_is_refused_naming_file_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    errors = problems(tmp_path, text)
    assert any(e.startswith(f"content/sources/{FILE}: {message}") for e in errors), errors


@pytest.mark.parametrize(
    ("text", "message"), BROKEN[:-2], ids=[m.split(":")[0] for _, m in BROKEN[:-2]]
)
def test_the_editor_schema_refuses_the_same_files(text: str, message: str) -> None:
    assert list(schema().iter_errors(yaml.safe_load(text))), message


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("kind: news agency", "kind: wire").replace("cut_at: 2000", "cut_at: -1")
    errors = problems(tmp_path, text + "motto: news\n")
    assert len(errors) == 3


def test_an_alias_of_two_sources_is_refused_naming_both_files(tmp_path: Path) -> None:
    other = GOOD.replace("Yonhap News Agency", "Korean Central News Agency").replace(
        "[Yonhap, 연합뉴스]", "[KCNA, yonhap]"
    )
    content = folder_with(tmp_path, {FILE: GOOD, "korean-central-news-agency.yaml": other})
    with pytest.raises(RegistryError) as caught:
        load_sources(content)
    assert caught.value.errors == [
        "content/sources/yonhap-news-agency.yaml: aliases[0]: 'Yonhap' already names the source "
        "in content/sources/korean-central-news-agency.yaml; a source: value may mean one "
        "source only"
    ]


def test_invoke_check_reports_a_broken_source_at_its_field(tmp_path: Path) -> None:
    content = folder_with(tmp_path, {FILE: GOOD.replace("kind: news agency", "kind: wire")})
    for kind in ("entities", "tags"):
        shutil.copytree(CONTENT / kind, content / kind)
    report = check_content(
        content, shown=lambda p: p.relative_to(content.parent).as_posix(), today=dt.date(2024, 1, 1)
    )
    assert [str(p) for p in report.problems] == [
        f"content/sources/{FILE}:2: kind: expected one of state media, news agency, newspaper, "
        "broadcaster, magazine, news site, government, got 'wire'"
    ]


def test_the_content_folder_takes_sources_and_refuses_other_files_there(tmp_path: Path) -> None:
    content = folder_with(tmp_path, {FILE: GOOD, "notes.txt": "to do"})
    (content / "sources" / "old").mkdir()
    (content / "sources" / "old" / "kcna.yaml").write_text(GOOD, encoding="utf-8")
    refused = {
        path.relative_to(content).as_posix(): why
        for path, why in contentfiles.scan(content).refused
    }
    assert set(refused) == {"sources/notes.txt", "sources/old/kcna.yaml"}
    assert "expected only source files (.yaml)" in refused["sources/notes.txt"]
    assert "not in a subfolder" in refused["sources/old/kcna.yaml"]
