"""The npm_assets plugin's handlers (the rules are in the package docstring)."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

from newsarchive.site.buildcheck import guarded

from .settings import NpmAssetsSettings


class MissingAssetError(Exception):
    exitcode = 1


class BundleError(Exception):
    exitcode = 1


def check_settings(pelican: Any) -> None:
    NpmAssetsSettings.of(pelican.settings)


def installed(path: str) -> str:
    """path, a file npm installs; a build without it fails saying how to get it."""
    if not os.path.isfile(path):
        raise MissingAssetError(
            f"{path}: missing; run `npm ci` (invoke build does it when node_modules is absent)"
        )
    return path


@guarded("copying the browser assets")
def copy_assets(pelican: Any) -> None:
    options = NpmAssetsSettings.of(pelican.settings)
    for source, target in options.files.items():
        origin = installed(os.path.join(options.dir or "", source))
        destination = os.path.join(pelican.settings["OUTPUT_PATH"], target)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(origin, destination)


@guarded("bundling the browser scripts")
def bundle_scripts(pelican: Any) -> None:
    """Each entry of BUNDLES becomes one minified file, under its own name.

    One file instead of a graph of modules is one request and one compile in the
    browser: on a slow link each level of imports costs a round trip. The file keeps
    its name, so templates name the entry as written; npm packages it imports (the
    search worker's lunr) resolve only here, from DIR.
    """
    options = NpmAssetsSettings.of(pelican.settings)
    if not options.bundles:
        return
    esbuild = installed(os.path.join(options.dir or "", ".bin", "esbuild"))
    output = pelican.settings["OUTPUT_PATH"]
    for entry in options.bundles:
        path = os.path.join(output, entry)
        if not os.path.isfile(path):
            raise MissingAssetError(f"{entry}: named by NPM_ASSETS_BUNDLES, not in {output}")
        run = subprocess.run(
            [
                esbuild,
                path,
                "--bundle",
                "--minify",
                "--format=esm",
                "--log-level=error",
                "--allow-overwrite",
                f"--outfile={path}",
            ],
            capture_output=True,
            text=True,
            check=False,
            # Packages (lunr) from DIR, wherever the output folder is.
            env={**os.environ, "NODE_PATH": os.path.abspath(options.dir or "")},
        )
        if run.returncode:
            raise BundleError(f"{entry}: esbuild could not bundle it:\n{run.stderr.strip()}")
