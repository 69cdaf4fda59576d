"""Copy browser assets installed by npm (package-lock.json) into the output.

Settings: ``NPM_ASSETS_DIR`` (the node_modules folder) and ``NPM_ASSETS``, a
mapping of ``package/file`` to a path under the output. Third-party code is
never committed: it comes from the lockfile and lands only in ``output/``.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from pelican import signals

from newsarchive.site.buildcheck import guarded


class MissingAssetError(Exception):
    exitcode = 1


@guarded("copying the browser assets")
def copy_assets(pelican: Any) -> None:
    settings = pelican.settings
    modules = settings.get("NPM_ASSETS_DIR")
    for source, target in settings.get("NPM_ASSETS", {}).items():
        origin = os.path.join(modules, source)
        if not os.path.isfile(origin):
            raise MissingAssetError(
                f"{origin}: missing; run `npm ci` (invoke build does it when node_modules is absent)"
            )
        destination = os.path.join(settings["OUTPUT_PATH"], target)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(origin, destination)


def register() -> None:
    signals.finalized.connect(copy_assets)
