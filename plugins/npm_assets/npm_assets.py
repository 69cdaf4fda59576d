"""The npm_assets plugin's handlers (the rules are in the package docstring)."""

from __future__ import annotations

import os
import shutil
from typing import Any

from newsarchive.site.buildcheck import guarded

from .settings import NpmAssetsSettings


class MissingAssetError(Exception):
    exitcode = 1


def check_settings(pelican: Any) -> None:
    NpmAssetsSettings.of(pelican.settings)


@guarded("copying the browser assets")
def copy_assets(pelican: Any) -> None:
    options = NpmAssetsSettings.of(pelican.settings)
    for source, target in options.files.items():
        origin = os.path.join(options.dir or "", source)
        if not os.path.isfile(origin):
            raise MissingAssetError(
                f"{origin}: missing; run `npm ci` (invoke build does it when node_modules is absent)"
            )
        destination = os.path.join(pelican.settings["OUTPUT_PATH"], target)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(origin, destination)
