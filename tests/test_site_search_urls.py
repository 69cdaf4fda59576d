"""The search page's address with filters (``urls.search_for``), as the timeline and home link it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from newsarchive.site import urls


def test_one_filter_and_several_values_of_one_name_in_the_order_given() -> None:
    assert urls.search_for(entity="kim-jong-un", month="2018-12") == (
        "search/?entity=kim-jong-un&month=2018-12"
    )
    assert urls.search_for(entity="kim-jong-un", month=["2018-10", "2018-11", "2018-12"]) == (
        "search/?entity=kim-jong-un&month=2018-10&month=2018-11&month=2018-12"
    )
    assert (
        urls.search_for(entity="kim-jong-un", year=2018) == "search/?entity=kim-jong-un&year=2018"
    )


def test_no_filter_is_the_plain_search_page() -> None:
    assert urls.search_for() == urls.search() == "search/"
    assert urls.search_for(month=[]) == "search/"


def test_any_value_is_percent_encoded_and_reads_back_exactly() -> None:
    source = "Korea Herald & Co / 코리아헤럴드 #1 +?"
    url = urls.search_for(source=source)
    assert url == (
        "search/?source=Korea%20Herald%20%26%20Co%20%2F%20"
        "%EC%BD%94%EB%A6%AC%EC%95%84%ED%97%A4%EB%9F%B4%EB%93%9C%20%231%20%2B%3F"
    )
    assert parse_qsl(urlsplit(url).query) == [("source", source)]
