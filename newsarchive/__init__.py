"""Archive logic shared by ingest, the Pelican plugins, `invoke check` and search.

Nothing here imports Pelican: the plugins in ``plugins/`` are thin glue that
call into this package, so every rule can be tested without building a site.
"""

__version__ = "0.1.0"
