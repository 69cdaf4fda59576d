"""content_cache: Pelican's content cache, safe to keep between builds (and between CI runs).

With ``CACHE_CONTENT``/``LOAD_CONTENT_CACHE`` Pelican stores what the reader made of
each file (body HTML and metadata, our reader's ``record``, ``entity_ids``,
``tag_ids``, ``undated``… included) and reuses it while the file's stamp is
unchanged; ``CHECK_MODIFIED_METHOD = "md5"`` makes the stamp the file's content,
since file times mean nothing on a fresh checkout.

That stamp says nothing about what else the reader's output depends on: the code,
the settings, the libraries and the ids of the entity and tag registries the reader
checks articles against. A cached article is not read again, so after a registry
change a removed entity would go unreported. This plugin therefore keeps the cache in
``CACHE_PATH/<fingerprint>/`` (``newsarchive.site.cachekey``): any change starts a
fresh cache, and older fingerprints are removed so the folder does not grow. An
entity's new alias or description is no such change: the reader reads only ids.

Pelican opens every file it stamps; a file that is not a regular one (a named pipe,
a link) is stamped without being opened, and archive_reader refuses it by name. A
regular file's digest is kept for the next build, which reuses it while the file's
``lstat`` is the same (``newsarchive.site.stamps``): an unchanged article is not opened.
Pelican's readers cache is saved as its changes since it was written whole, while they
are few (``memo.keep_changes``), not rewritten whole after every build. It names each
article's body by its place in files kept beside it (``newsarchive.site.bodies.KeptBodies``)
instead of holding the text: the cache loads without the bodies, and a build does not
write every body again for its body store.

Jinja's compiled templates are kept in the same folder (``templates/``): each generator
compiled every template it loads, every build. Jinja checks a kept template against
its source; this plugin's ``CompiledTemplates`` also against the environment's options.

A generator lists its folders once a build (``list_files_once``): Pelican lists the
articles' folder twice, archive_reader and strict_build once each, every listing a walk.

Its ``initialized`` handler runs after strict_build's, so a failure here is noted in
that build's ledger and fails the build at its end (``newsarchive.site.pluginorder``).

Settings (prefix ``CONTENT_CACHE_``, ``settings.ContentCacheSettings``): ``ENABLED``
(default True; was ``CONTENT_CACHE_FINGERPRINT``); it acts only when Pelican's content
cache is on. Regular files only are stamped, and folders listed once, in every build.
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .content_cache import (
    check_settings,
    forget_stamps,
    keep_compiled_templates,
    keep_readers_cache_as_changes,
    keep_stamps,
    list_files_once,
    open_stamps,
    stamp_regular_files_only,
    use_fingerprinted_cache,
)


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    signals.initialized.connect(use_fingerprinted_cache)
    # Every run (``pelican -r`` runs again without initializing again), before any stamp.
    signals.get_generators.connect(forget_stamps)
    signals.get_generators.connect(open_stamps)
    signals.all_generators_finalized.connect(keep_stamps)
    signals.generator_init.connect(stamp_regular_files_only)
    signals.generator_init.connect(keep_readers_cache_as_changes)
    signals.generator_init.connect(keep_compiled_templates)
    signals.generator_init.connect(list_files_once)
    signals.readers_init.connect(stamp_regular_files_only)


__all__ = ["register"]
