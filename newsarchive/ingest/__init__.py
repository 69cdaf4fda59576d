"""Ingest: raw news text (bytes) in, parsed stories out.

The text layer is pure Python and knows nothing about files or front matter:
``decode_bytes`` turns bytes into text, ``normalize`` and ``repair_glue`` clean it,
``parse_raw`` splits it into :class:`Story` objects (dropping a tail that repeats
the story after its credit: ``repeats``; putting back the paragraphs and subheads of
a body that ran them together: ``paragraphs``) and ``derive_title`` names the ones
that came without a headline, ending on a whole clause. ``ingester`` turns one record into
article drafts (fields, entities, tags, provenance), ``store`` writes them into
``content/`` without losing what is there, and ``run`` is one `invoke ingest`.

May import: ``newsarchive.content`` and third-party libraries; never Pelican, site
or search.
"""

from newsarchive.ingest.clean import normalize, repair_glue, split_flattened_paragraphs
from newsarchive.ingest.decode import decode_bytes
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.story import Story
from newsarchive.ingest.structure import parse_raw
from newsarchive.ingest.titles import derive_title

__all__ = [
    "IngestError",
    "Story",
    "decode_bytes",
    "derive_title",
    "normalize",
    "parse_raw",
    "repair_glue",
    "split_flattened_paragraphs",
]
