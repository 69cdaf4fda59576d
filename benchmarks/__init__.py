"""Development tooling behind `invoke bench`: benchmarks, synthetic corpora, the
vanilla-Pelican comparison, first-query download budgets, and a local server and
Chromium for measuring pages. Not part of the installed package; tests use it too.

May import: anything — ``newsarchive``, Pelican, the test-only search oracle.
"""
