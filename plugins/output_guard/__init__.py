"""output_guard: a build writes into a folder of its own and deletes only what a build wrote there.

Replaces Pelican's ``DELETE_OUTPUT_DIRECTORY`` (which wipes whatever folder ``--output``
names) with the manifest rules of ``newsarchive/site/outputguard.py``:

- before any generator runs (the first thing ``Pelican.run`` does is ask for
  generators), the output folder's check starts: one holding files no build of the
  archive wrote is refused by name, and nothing in it is touched; otherwise the
  previous build's files are removed (stale pages included) but the pages of the
  render ledger, which parallel_writer keeps or removes, and the manifest is
  marked unfinished. Pelican's own wipe is switched off for the run, even under
  ``pelican -d``. The check walks every folder of the site (one per page), which
  is mostly waiting on the system: a forked child (``workers.Later``) makes it while
  the articles are read, and the build takes its answer, or its refusal, once they
  are (``article_generator_finalized``), before any generator writes;
- once everything is written, the manifest lists every file the build wrote. Other
  plugins write on ``finalized`` too (sitemap, assets, the forked pages), so the
  receiver that records is connected anew at the start of each run: blinker calls
  receivers in the order they were connected, so it is the last, wherever the
  plugin stands in ``PLUGINS``. A build that fails or dies leaves the manifest
  unfinished, and the next build still knows its files.

One build at a time writes a folder: each run locks it as it asks for generators, before
the folder is checked (``outputguard.hold``), and lets it go once the manifest is
written; a second build of the same folder is refused by name until the first has
recorded its manifest, failed or died. ``invoke livereload`` holds it only while it
builds.

Settings (``settings.OutputGuardSettings``): Pelican's own ``OUTPUT_RETENTION`` names
top-level entries (``.git``, ``.nojekyll``, ``CNAME``) that are neither refused nor
removed; `invoke clean` honours it too. ``OUTPUT_GUARD_SIZE_LIMIT``: once the manifest is
written, the published site is measured against it (``newsarchive/site/sitesize.py``):
near it the build warns, over it the build fails, naming the site's biggest parts.
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .output_guard import check_settings, checked, guard


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(guard)
    signals.article_generator_finalized.connect(checked)


__all__ = ["register"]
