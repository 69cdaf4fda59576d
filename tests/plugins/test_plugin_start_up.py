"""What every build checks when it starts: the plugins' order and their settings.

A misordered ``PLUGINS`` or a wrong, misspelt or renamed setting stops the build before
anything is read or written, with a message naming what to change.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from inprocess import SETTINGS_FILE, plugin, start, tiny_corpus
from pelican.settings import get_settings_from_file

from newsarchive.site.pluginorder import PluginOrderError
from newsarchive.site.pluginsettings import PluginSettings, SettingsError

pytestmark = pytest.mark.build

SHIPPED = get_settings_from_file(str(SETTINGS_FILE))["PLUGINS"]


def refused(tmp_path: Path, **settings: object) -> str:
    with pytest.raises(SettingsError) as error:
        start(tiny_corpus(tmp_path), tmp_path / "output", **settings)
    return str(error.value)


def test_the_shipped_settings_start(tmp_path: Path) -> None:
    pelican = start(tiny_corpus(tmp_path), tmp_path / "output")
    assert pelican.settings["PLUGINS"] == SHIPPED


def test_a_misordered_plugins_list_stops_the_build_naming_the_order_needed(
    tmp_path: Path,
) -> None:
    misordered = [name for name in SHIPPED if name != "parallel_writer"] + ["parallel_writer"]
    with pytest.raises(PluginOrderError) as error:
        start(tiny_corpus(tmp_path), tmp_path / "output", PLUGINS=misordered)
    lines = str(error.value).splitlines()
    assert lines[0].startswith(
        "PLUGINS lists archive_pages before parallel_writer; parallel_writer must come first "
        "(signal finalized: "
    )
    assert [line.split(";")[0] for line in lines[:-1]] == [
        "PLUGINS lists archive_pages before parallel_writer",
        "PLUGINS lists strict_build before parallel_writer",
        "PLUGINS lists site_extras before parallel_writer",
    ]
    needed = ["archive_reader", "parallel_writer", *misordered[1:-1]]
    assert lines[-1] == f"list them as PLUGINS = {needed!r}"


def test_strict_build_after_content_cache_is_refused_too(tmp_path: Path) -> None:
    plugins = ["archive_reader", "content_cache", "strict_build"]
    with pytest.raises(PluginOrderError, match="PLUGINS lists content_cache before strict_build"):
        start(tiny_corpus(tmp_path), tmp_path / "output", PLUGINS=plugins)


def test_plugins_no_rule_names_may_stand_anywhere(tmp_path: Path) -> None:
    plugins = ["archive_search", "archive_reader", "archive_pages", "npm_assets"]
    assert start(tiny_corpus(tmp_path), tmp_path / "output", PLUGINS=plugins)


def test_a_wrong_value_is_refused_saying_what_is_expected(tmp_path: Path) -> None:
    assert refused(tmp_path, ARCHIVE_PAGES_PER_PAGE=0) == (
        "ARCHIVE_PAGES_PER_PAGE: expected a whole number of at least 1, got 0"
    )


def test_a_misspelt_setting_is_refused_listing_the_plugins_settings(tmp_path: Path) -> None:
    assert refused(tmp_path, SITE_EXTRAS_SITEMAP_MAX_URL=10) == (
        "SITE_EXTRAS_SITEMAP_MAX_URL: not a setting of this plugin; its settings are "
        "SITE_EXTRAS_EMPTY_FEED_DATE, SITE_EXTRAS_NOT_FOUND, SITE_EXTRAS_NOT_FOUND_TEMPLATE, "
        "SITE_EXTRAS_ROBOTS, SITE_EXTRAS_SITEMAP, SITE_EXTRAS_SITEMAP_EXCLUDE, "
        "SITE_EXTRAS_SITEMAP_MAX_URLS"
    )


@pytest.mark.parametrize(
    ("old", "new", "value"),
    [
        ("STRICT_BUILD", "STRICT_BUILD_ENABLED", True),
        ("NPM_ASSETS", "NPM_ASSETS_FILES", {}),
        ("CONTENT_CACHE_FINGERPRINT", "CONTENT_CACHE_ENABLED", True),
    ],
)
def test_a_renamed_setting_is_refused_naming_its_new_name(
    tmp_path: Path, old: str, new: str, value: object
) -> None:
    assert refused(tmp_path, **{old: value}) == (
        f"{old}: renamed {new}; rename it in the settings file"
    )


def test_every_plugin_has_frozen_typed_settings_under_its_own_prefix() -> None:
    for name in SHIPPED:
        module = plugin(name).settings
        [settings] = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, PluginSettings)
            and value.__module__ == module.__name__
        ]
        assert name.upper() == settings.PREFIX
        defaults = settings.of({})
        first = dataclasses.fields(defaults)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(defaults, first, None)
