"""The content model: what a file under ``content/`` is, and the rules every reader of it shares.

Front matter (``frontmatter``) and its schema (``schema``, ``schemas/*.json``), article
and page files (``articles``, ``pages``, ``contentfiles``), the entity registry and tag
vocabulary (``registry``), finding names and tags in text (``matching``, ``tagging``,
``wordregex``, ``textfold``), provenance and duplicates (``provenance``,
``fingerprints``, ``duplicates``), and the tools built on them (``check`` for
`invoke check`, ``scaffold`` for `invoke new`, ``entity_suggest``, ``tagreport``).

May import: the standard library and third-party libraries only — no other layer of
``newsarchive`` and never Pelican. Every other layer imports this one.
"""
