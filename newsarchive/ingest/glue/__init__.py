"""Glue repair: put back the spaces that scraping and copy-and-paste lost.

Markup dropped between two words (``of<b>Kim</b>``, ``<a>Kim Jong Un</a>received``)
leaves them glued, and a glued name is a mention the entity matcher cannot
see. ``GlueRepair(names)`` repairs a paragraph with every rule of the modules
below, using the registry's names for the name rules; ``repair_glue(paragraph)``
applies the rules that need no registry. Every repair inserts exactly one space, so
nothing but spaces is ever added and no character is removed.

Modules, each with its rules:

* ``sentences``: a stop glued to the next sentence (``added.The``);
* ``vocabulary``: what "real word" means, from wordfreq's English frequencies;
* ``words``: title words and common words glued to a name (``LeaderKim``, ``ofKim``),
  and what is never split (known words, code, addresses, non-English paragraphs);
* ``names``: registry names glued to a word (``receivedKim Jong Un``, ``DPRKhas``);
* ``repair``: ``GlueRepair``, every rule on one paragraph, and ``repair_glue``.

May import: ``newsarchive.content`` (names, matching) and ``newsarchive.ingest.dates``.
"""

from newsarchive.ingest.glue.repair import GlueRepair, repair_glue
from newsarchive.ingest.glue.sentences import word_before

__all__ = ["GlueRepair", "repair_glue", "word_before"]
