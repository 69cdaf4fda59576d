"""The npm_assets plugin's settings (prefix ``NPM_ASSETS_``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from newsarchive.site.pluginsettings import PluginSettings


@dataclass(frozen=True)
class NpmAssetsSettings(PluginSettings):
    """``DIR``: the node_modules folder; ``FILES``: ``package/file`` to a path under the
    output, for each file to copy; ``BUNDLES``: module scripts under the output that
    esbuild (from ``DIR``) bundles with their imports and minifies, in place."""

    PREFIX = "NPM_ASSETS"
    RENAMED: ClassVar[Mapping[str, str]] = {"NPM_ASSETS": "NPM_ASSETS_FILES"}

    dir: str | None = None
    files: dict[str, str] = field(default_factory=dict)
    bundles: tuple[str, ...] = ()

    def problems(self) -> list[str]:
        if (self.files or self.bundles) and not self.dir:
            return [
                "NPM_ASSETS_DIR: expected the node_modules folder to copy NPM_ASSETS_FILES"
                " from and to run esbuild on NPM_ASSETS_BUNDLES"
            ]
        return []
