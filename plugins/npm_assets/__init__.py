"""npm_assets: copy browser assets installed by npm (package-lock.json) into the output.

Third-party code is never committed: it comes from the lockfile and lands only in
``output/``. A file missing from ``node_modules`` fails the build, saying to run
``npm ci``.

Settings (prefix ``NPM_ASSETS_``, ``settings.NpmAssetsSettings``): ``DIR`` (the
node_modules folder) and ``FILES`` (was ``NPM_ASSETS``), a mapping of
``package/file`` to a path under the output.
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .npm_assets import check_settings, copy_assets


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    signals.finalized.connect(copy_assets)


__all__ = ["register"]
