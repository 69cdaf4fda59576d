"""npm_assets: copy browser assets installed by npm (package-lock.json) into the output.

Third-party code is never committed: it comes from the lockfile and lands only in
``output/``. A file missing from ``node_modules`` fails the build, saying to run
``npm ci``. The scripts named in ``BUNDLES`` are then bundled with their imports and
minified in place by esbuild (from the same lockfile).

Settings (prefix ``NPM_ASSETS_``, ``settings.NpmAssetsSettings``): ``DIR`` (the
node_modules folder), ``FILES`` (was ``NPM_ASSETS``), a mapping of
``package/file`` to a path under the output, and ``BUNDLES``, the entry scripts
under the output to bundle.
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .npm_assets import bundle_scripts, check_settings, copy_assets


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    signals.finalized.connect(copy_assets)
    signals.finalized.connect(bundle_scripts)


__all__ = ["register"]
