"""Each article's date formatted once per process, not once per article and build.

Pelican formats every article's date as it makes the article (``Content.locale_date``)
with its own ``pelican.utils.strftime``: a regular expression and a C ``strftime`` per
directive, 0.3-0.7 s of every build at 20,000 articles, which share a few thousand
days. The same date, zone, format and locale give the same text, so the text is kept
(``functools.lru_cache``) under exactly those: the date's ISO form with its offset, its
zone's name, the format and the time locale (a ``DATE_FORMATS`` entry may set another).
An autoreload process keeps it between builds.
"""

from __future__ import annotations

import functools
import locale
from collections.abc import Callable
from typing import Any

from pelican import utils

MOST_KEPT = 1 << 16  # dates (with zone, format and locale) kept at once


def format_dates_once(_pelican: Any = None) -> None:
    """Wrap Pelican's ``strftime`` (once: a second call leaves it as it is)."""
    if getattr(utils.strftime, "formats_once", False):
        return
    utils.strftime = _once(utils.strftime)


def _once(strftime: Callable[[Any, str], str]) -> Callable[[Any, str], str]:
    @functools.lru_cache(maxsize=MOST_KEPT)
    def formatted(date: Any, _key: tuple[str, ...], date_format: str) -> str:
        return strftime(date, date_format)

    def once(date: Any, date_format: str) -> str:
        key = (type(date).__name__, date.isoformat(), str(getattr(date, "tzinfo", None)))
        return formatted(date, (*key, locale.setlocale(locale.LC_TIME)), date_format)

    once.formats_once = True  # type: ignore[attr-defined]
    return once


__all__ = ["MOST_KEPT", "format_dates_once"]
