"""Sources on the site: an article's source entry by name or alias, the credit of each record,
and the SOURCE_CREDITS setting the footer reads."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from newsarchive.site.sources import jinja_globals, sources_of

RODONG = """name: Rodong Sinmun
kind: state media
country: North Korea
description: Daily newspaper of the Workers' Party of Korea.
aliases: [Nodong Sinmun]
credit:
  name: Rodong sample
  url: https://example.org/rodong
  license: CC BY 4.0
  license_url: https://creativecommons.org/licenses/by/4.0/
  cut_at: 3500
  files: [rodong.csv]
"""
YONHAP = """name: Yonhap News Agency
kind: news agency
country: South Korea
description: South Korea's main news agency.
aliases: [Yonhap]
"""


def content(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "content" / "sources"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder.parent


def test_a_source_is_found_by_name_or_alias_whatever_the_case_and_spacing(tmp_path: Path) -> None:
    sources = sources_of(
        content(tmp_path, **{"rodong-sinmun": RODONG, "yonhap-news-agency": YONHAP})
    )
    assert sources.get("Rodong Sinmun").label == "State media"
    assert sources.get("  nodong   SINMUN ").id == "rodong-sinmun"
    assert sources.get("YONHAP").label == "News agency"
    assert sources.get("Reuters") is None and sources.get(None) is None


def test_a_record_gets_its_datasets_credit_only(tmp_path: Path) -> None:
    sources = sources_of(
        content(tmp_path, **{"rodong-sinmun": RODONG, "yonhap-news-agency": YONHAP})
    )
    rodong, yonhap = sources.get("Rodong Sinmun"), sources.get("Yonhap")
    assert sources.credit_for(rodong, "rodong.csv").name == "Rodong sample"
    assert sources.credit_for(rodong, "seed.txt") is None  # the credit lists its files
    assert sources.credit_for(yonhap, "rodong.csv").name == "Rodong sample"  # by the file
    assert sources.credit_for(None, "other.csv") is None


def test_source_credits_keep_the_footers_shape(tmp_path: Path) -> None:
    folder = content(tmp_path, **{"rodong-sinmun": RODONG, "yonhap-news-agency": YONHAP})
    credits = jinja_globals()["source_credits"]({"PATH": str(folder)})
    assert len(credits) == 1  # only sources with a credit
    assert credits[0] == {
        "name": "Rodong sample",
        "url": "https://example.org/rodong",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "cut_at": 3500,
        "files": ["rodong.csv"],
    }


def test_the_template_globals_read_the_folder_being_built(tmp_path: Path) -> None:
    folder = content(tmp_path, **{"rodong-sinmun": RODONG})
    context = {"PATH": str(folder)}
    article = SimpleNamespace(source="Nodong Sinmun")
    g = jinja_globals()
    assert g["source_of"](context, article).name == "Rodong Sinmun"
    assert g["source_credit"](context, article, "rodong.csv").cut_at == 3500
    assert [c["name"] for c in g["source_credits"](context)] == ["Rodong sample"]
    assert g["source_of"](context, SimpleNamespace()) is None  # an article with no source


def test_a_build_reads_the_registry_once_and_the_next_build_reads_it_again(
    tmp_path: Path,
) -> None:
    folder = content(tmp_path, **{"yonhap-news-agency": YONHAP})
    context, article = {"PATH": str(folder)}, SimpleNamespace(source="Yonhap")
    build = jinja_globals()
    assert build["source_of"](context, article).kind == "news agency"
    path = folder / "sources" / "yonhap-news-agency.yaml"
    path.write_text(YONHAP.replace("news agency\n", "broadcaster\n") + "\n", encoding="utf-8")
    assert build["source_of"](context, article).kind == "news agency"  # one registry a build
    assert jinja_globals()["source_of"](context, article).kind == "broadcaster"


def test_an_edited_source_file_is_read_again(tmp_path: Path) -> None:
    folder = content(tmp_path, **{"yonhap-news-agency": YONHAP})
    assert sources_of(folder).get("Yonhap").kind == "news agency"
    path = folder / "sources" / "yonhap-news-agency.yaml"
    path.write_text(YONHAP.replace("news agency\n", "broadcaster\n") + "\n", encoding="utf-8")
    assert sources_of(folder).get("Yonhap").kind == "broadcaster"
