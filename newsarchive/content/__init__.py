"""The content model: what a file under ``content/`` is, and the rules every reader of it shares.

Front matter (``frontmatter``) and its schema (``schema``, ``schemas/*.json``), article
and page files (``articles``, ``contentfiles``), the entity registry and tag
vocabulary (``registry``), finding names and tags in text (``matching``, ``aliasforms``,
``longer_names``, ``tagging``, ``tagrules``, ``wordregex``, ``textfold``), the language
of a name from its script (``scripts``), provenance and duplicates (``provenance``,
``fingerprints``, ``duplicates``), and the tools built on them (``scaffold`` for
`invoke new`, ``entity_suggest`` for `invoke entities suggest`, ``tagreport``).

May import: the standard library and third-party libraries only — no other layer of
``newsarchive`` and never Pelican. Every other layer imports this one.
"""
