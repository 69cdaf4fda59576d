"""archive_reader formats each date once (``plugins/archive_reader/dates.py``): the text
Pelican's own ``strftime`` gives, asked of it once per date, zone, format and locale."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from inprocess import plugin
from pelican import utils
from pelican.utils import SafeDatetime


def test_a_date_is_formatted_once_as_pelican_formats_it(monkeypatch: pytest.MonkeyPatch) -> None:
    dates = plugin("archive_reader").dates
    asked: list[tuple[object, str]] = []
    pelican_strftime = utils.strftime

    def counted(date: object, date_format: str) -> str:
        asked.append((date, date_format))
        return pelican_strftime(date, date_format)

    monkeypatch.setattr(utils, "strftime", counted)
    dates.format_dates_once()
    dates.format_dates_once()  # a second run of the plugin leaves it wrapped once
    seoul, utc = ZoneInfo("Asia/Seoul"), ZoneInfo("UTC")
    day = SafeDatetime(2019, 2, 7, 0, 0, tzinfo=seoul)
    same_instant = SafeDatetime(2019, 2, 6, 15, 0, tzinfo=utc)
    assert day == same_instant  # equal as instants: the text must still be each one's own
    for date in (day, day, SafeDatetime(2019, 2, 7, 0, 0, tzinfo=seoul), same_instant):
        assert date.strftime("%-d %B %Y") == pelican_strftime(date, "%-d %B %Y")
    assert day.strftime("%-d %B %Y") == "7 February 2019"
    assert same_instant.strftime("%-d %B %Y") == "6 February 2019"
    assert day.strftime("%Y-%m-%d %Z") == "2019-02-07 KST"
    assert [(d.isoformat(), f) for d, f in asked] == [
        (day.isoformat(), "%-d %B %Y"),
        (same_instant.isoformat(), "%-d %B %Y"),
        (day.isoformat(), "%Y-%m-%d %Z"),
    ]
    assert utils.strftime(dt.date(2018, 4, 27), "%-d %B %Y") == "27 April 2018"
