"""The rules every plugin follows: typed settings under one prefix, and the order of handlers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import ClassVar

import pytest
from pelican.settings import get_settings_from_file

from conftest import ROOT
from newsarchive.site.pluginorder import (
    RULES,
    Before,
    PluginOrderError,
    broken,
    check_order,
    needed_order,
    order_problem,
    plugin_name,
)
from newsarchive.site.pluginsettings import PluginSettings, SettingsError, at_least, read


@dataclass(frozen=True)
class Sample(PluginSettings):
    PREFIX = "SAMPLE"
    RENAMED: ClassVar[Mapping[str, str]] = {"SAMPLE": "SAMPLE_ENABLED"}
    EXPORTED = frozenset({"SAMPLE_WRITTEN"})

    enabled: bool = True
    size: int = field(default=10, metadata=at_least(1))
    processes: int | None = None
    name: str = "x"
    paths: tuple[str, ...] = ("a",)
    files: dict[str, str] = field(default_factory=dict)
    kept: tuple[str, ...] = field(default=(), metadata={"setting": "PELICAN_OWN"})

    def problems(self) -> list[str]:
        return ["SAMPLE_NAME: expected a name when SAMPLE_FILES is set"] if self.files else []


def test_defaults_when_nothing_is_set_and_values_when_set() -> None:
    assert read(Sample, {"OTHER": 1}) == Sample()
    got = read(
        Sample,
        {
            "SAMPLE_SIZE": 3,
            "SAMPLE_PROCESSES": None,
            "SAMPLE_PATHS": ["b", "c"],
            "PELICAN_OWN": [".git"],
            "SAMPLE_WRITTEN": object(),
        },
    )
    assert got == Sample(size=3, paths=("b", "c"), kept=(".git",))


def test_every_wrong_value_is_one_line_saying_what_was_expected() -> None:
    with pytest.raises(SettingsError) as error:
        read(
            Sample,
            {
                "SAMPLE_ENABLED": "yes",
                "SAMPLE_SIZE": 0,
                "SAMPLE_PROCESSES": True,
                "SAMPLE_NAME": None,
                "SAMPLE_PATHS": "a",
                "SAMPLE_FILES": {"a": 1},
            },
        )
    assert str(error.value).splitlines() == [
        "SAMPLE_ENABLED: expected True or False, got 'yes'",
        "SAMPLE_SIZE: expected a whole number of at least 1, got 0",
        "SAMPLE_PROCESSES: expected a whole number, or None, got True",
        "SAMPLE_NAME: expected a text, got None",
        "SAMPLE_PATHS: expected a list of texts, got 'a'",
        "SAMPLE_FILES: expected a mapping of texts to texts, got {'a': 1}",
    ]


def test_a_misspelt_or_renamed_setting_is_refused() -> None:
    with pytest.raises(SettingsError) as error:
        read(Sample, {"SAMPLE_SIZES": 3, "SAMPLE": False})
    assert str(error.value).splitlines() == [
        "SAMPLE: renamed SAMPLE_ENABLED; rename it in the settings file",
        "SAMPLE_SIZES: not a setting of this plugin; its settings are PELICAN_OWN, "
        "SAMPLE_ENABLED, SAMPLE_FILES, SAMPLE_NAME, SAMPLE_PATHS, SAMPLE_PROCESSES, SAMPLE_SIZE",
    ]


def test_settings_that_must_go_together_are_checked_after_the_values() -> None:
    with pytest.raises(SettingsError, match=r"^SAMPLE_NAME: expected a name when SAMPLE_FILES"):
        Sample.of({"SAMPLE_FILES": {"a": "b"}})


# --- the order of handlers ------------------------------------------------------------------

SHIPPED = [plugin_name(p) for p in get_settings_from_file(str(ROOT / "pelican.conf.py"))["PLUGINS"]]


def test_the_shipped_order_keeps_every_rule() -> None:
    assert broken(SHIPPED) == []
    assert order_problem(SHIPPED) is None
    assert needed_order(SHIPPED) == SHIPPED


def test_rules_about_plugins_not_loaded_do_not_apply() -> None:
    assert broken(["strict_build", "archive_pages"]) == []
    assert broken(["site_extras", "inject_failure", "parallel_writer"]) == [
        rule for rule in RULES if (rule.first, rule.then) == ("parallel_writer", "site_extras")
    ]


def test_a_plugin_needed_first_moves_just_before_the_first_that_needs_it() -> None:
    listed = ["archive_reader", "archive_pages", "content_cache", "strict_build", "parallel_writer"]
    assert needed_order(listed) == [
        "archive_reader",
        "parallel_writer",
        "archive_pages",
        "strict_build",
        "content_cache",
    ]


def test_a_cycle_among_rules_keeps_the_listed_order_rather_than_looping() -> None:
    cycle = [Before("a", "b", "s", "r"), Before("b", "a", "s", "r")]
    assert needed_order(["b", "a"], cycle) == ["a", "b"]


def test_the_refusal_names_the_plugins_the_signal_the_reason_and_the_order_needed() -> None:
    rule = Before("a", "b", "finalized", "b reads what a writes")
    assert order_problem(["b", "c", "a"], [rule]) == (
        "PLUGINS lists b before a; a must come first (signal finalized: b reads what a writes)\n"
        "list them as PLUGINS = ['a', 'b', 'c']"
    )


def test_check_order_reads_the_registered_plugins_by_short_name() -> None:
    fine = SimpleNamespace(settings={"PLUGINS": ["pelican.plugins.parallel_writer", "site_extras"]})
    check_order(fine)
    misordered = SimpleNamespace(settings={"PLUGINS": ["site_extras", "parallel_writer"]})
    with pytest.raises(PluginOrderError, match="PLUGINS lists site_extras before parallel_writer"):
        check_order(misordered)
    check_order(SimpleNamespace(settings={"PLUGINS": None}))
    assert plugin_name(SimpleNamespace(__name__="pelican.plugins.sitemap")) == "sitemap"
