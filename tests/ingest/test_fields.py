"""Corpus columns into fields: dates that cannot be misread, titles cleaned like bodies."""

from __future__ import annotations

import datetime as dt

import pytest

from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.fields import (
    MAX_TITLE,
    clean_title,
    date_format_error,
    dateline_gap,
    record_date,
)

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    "value",
    [
        "2024-08-20",
        "2024-08-20T09:30:00",
        "2024-08-20T09:30:00+09:00",
        "2024-08-20 09:30",
        "2024-08-20T00:00:00Z",
    ],
)
def test_iso_dates_with_or_without_a_time(value: str) -> None:
    assert record_date(value, today=TODAY) == dt.date(2024, 8, 20)


def test_epoch_milliseconds_are_refused_without_a_declared_format() -> None:
    with pytest.raises(IngestError) as err:
        record_date("1724112000000", today=TODAY)
    assert err.value.reason.startswith("date: '1724112000000' is not an ISO date")
    assert "--date-format epoch-ms" in err.value.reason


def test_epoch_milliseconds_and_seconds_with_the_format() -> None:
    assert record_date("1724112000000", "epoch-ms", TODAY) == dt.date(2024, 8, 20)
    assert record_date("1724112000", "epoch-s", TODAY) == dt.date(2024, 8, 20)


def test_the_wrong_epoch_unit_is_refused_not_turned_into_a_date() -> None:
    with pytest.raises(IngestError, match="no date a calendar holds"):
        record_date("1724112000000", "epoch-s", TODAY)


@pytest.mark.parametrize(
    "value", ["20240820", "17241120", "03/04/2019", "Aug 20, 2024", "2024-8-20"]
)
def test_compact_and_ambiguous_forms_are_never_guessed(value: str) -> None:
    with pytest.raises(IngestError, match=r"^date: "):
        record_date(value, today=TODAY)


def test_a_strftime_pattern_reads_day_month_year() -> None:
    assert record_date("20/08/2024", "%d/%m/%Y", TODAY) == dt.date(2024, 8, 20)
    with pytest.raises(IngestError, match="does not match --date-format"):
        record_date("2024-08-20", "%d/%m/%Y", TODAY)


def test_impossible_and_future_dates_are_refused() -> None:
    with pytest.raises(IngestError, match="not a real calendar date"):
        record_date("2018-02-30", today=TODAY)
    with pytest.raises(IngestError, match="outside"):
        record_date("2091-01-01", today=TODAY)
    assert record_date("2026-11-30", today=TODAY) == dt.date(2026, 11, 30)  # a day of slack


def test_date_format_option_is_checked() -> None:
    assert date_format_error("epoch-ms") is None and date_format_error("%Y%m%d") is None
    assert "expected iso, epoch-s, epoch-ms" in (date_format_error("unix") or "")


def test_dateline_gap_counts_days_across_a_year_end() -> None:
    assert dateline_gap(dt.date(2024, 8, 20), (8, 20)) == 0
    assert dateline_gap(dt.date(2024, 1, 1), (12, 31)) == 1
    assert dateline_gap(dt.date(2024, 9, 1), (8, 20)) == 12


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Kim Jong Un Inspects\r\n Munitions Factory", "Kim Jong Un Inspects Munitions Factory"),
        ("Kim\u00a0Jong\u00a0Un Visits Farm", "Kim Jong Un Visits Farm"),
        ("2024.08.20 Kim Jong Un Visits Farm", "Kim Jong Un Visits Farm"),
        ("Kim Jong Un Visits Farm [20 August 2024]", "Kim Jong Un Visits Farm"),
        ("Kim Jong Un Visits Farm - 2024-08-20", "Kim Jong Un Visits Farm"),
        ("Kim Jong Un Visits Farm | KCNA Watch", "Kim Jong Un Visits Farm"),
        ("<b>Talks</b> &amp; Tensions", "Talks & Tensions"),
        ("(LEAD) N. Korea fires missile", "N. Korea fires missile"),
        ("Talks Resume\x07 in Seoul", "Talks Resume in Seoul"),
    ],
)
def test_titles_are_cleaned_like_bodies(raw: str, title: str) -> None:
    assert clean_title(raw) == title


def test_a_title_that_is_only_a_date_or_blank_gives_none() -> None:
    assert clean_title("   \n ") is None


def test_an_overlong_title_is_cut_on_a_word_boundary() -> None:
    raw = "Kim Jong Un " + "visited the factory and gave guidance " * 12
    title = clean_title(raw)
    assert title is not None and len(title) <= MAX_TITLE
    assert title.endswith("\u2026") and not title[:-1].endswith(" ")
    assert raw.startswith(title[:-1])
