"""The built site: what every page, feed and data file holds, computed without Pelican.

The URL scheme (``urls``), the site model and listings (``model``), entity timelines
(``timeline``), related articles (``related``), entity links in bodies (``linking``),
Markdown rendering and HTML sanitising (``rendering``, ``sanitize``), feeds
(``feeds``), data files (``datafiles``), the output folder's manifest
(``outputguard``) and the strict-build ledger (``buildcheck``).

May import: ``newsarchive.content`` and third-party libraries; never Pelican, ingest
or search. The plugins in ``plugins/`` call this package from Pelican's signals.
"""
