"""The archive's own logic, in the order its data flows, with no Pelican in it.

    raw text ──ingest──▶ content/ (Markdown + YAML) ──site──▶ output/ pages, feeds, data
                                          └────────search──▶ output/search/ shards

* ``content``: what an article, a page and a registry entry are — front matter,
  schema, registries, names and matching, tag rules, provenance, duplicates.
  Imports nothing else of the package.
* ``ingest``: raw text and corpus records in, article files out. Imports ``content``.
* ``site``: what the built site holds — URLs, the site model, listings, timelines,
  related articles, feeds, data files, rendering and sanitising, the strict-build
  ledger, ``invoke check``. Imports ``content``.
* ``search``: the tokenizer shared with the browser and the sharded index. Imports
  ``content`` and ``site`` (for the documents it indexes).

The Pelican plugins in ``plugins/`` are the only code that imports Pelican; they
call into these packages, so every rule can be tested without building a site.
Each package's docstring says what it may import; ``tests/test_layers.py`` holds them
to it. Development tooling (benchmarks, synthetic corpora, the vanilla-Pelican
comparison) lives outside the package, in ``benchmarks/``.
"""

__version__ = "0.1.0"
