"""Site search: the tokenizer shared with the browser, and the sharded index the site ships.

``tokenizer``: one term pipeline, implemented identically in
``theme/static/js/search/pipeline.js`` and proven by shared test vectors.
``documents``: what is indexed of an article. ``shards``: the index as files the
search page fetches on demand, packed by ``packing`` (``packedarrays`` for big terms).
Kept between builds: each article's document (``doccache``) and each term's entries
(``entrycache``).

May import: ``newsarchive.content``, ``newsarchive.site`` (an article's text as the
site renders it) and third-party libraries (lunr.py, numpy for the index's arithmetic);
never Pelican or ingest.
"""

from newsarchive.search.tokenizer import PIPELINE_NAMES, configure, register, terms, tokenize

__all__ = ["PIPELINE_NAMES", "configure", "register", "terms", "tokenize"]
