"""What a publishing build says about the size of the site it publishes."""

from __future__ import annotations

from pathlib import Path

from newsarchive.site.sitesize import SiteSize, is_published, size_text, verdict

BIG = SiteSize(
    950_000_000, {"article pages": 600_000_000, "data/": 250_000_000, "search/": 100_000_000}
)


def test_hidden_files_and_files_in_hidden_folders_are_not_published() -> None:
    assert is_published("2019/05/talks/index.html") and is_published("robots.txt")
    assert not is_published(".newsarchive-pages")
    assert not is_published(".well-known/x") and not is_published("a/.b/c.html")


def test_parts_are_the_top_level_folders_with_the_year_folders_as_article_pages(
    tmp_path: Path,
) -> None:
    sizes = {"2019/05/a/index.html": 30, "2020/01/b/index.html": 20, "search/x.json": 7}
    sizes |= {"index.html": 5, ".newsarchive-pages": 1000}
    for name, size in sizes.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    site = SiteSize.of(tmp_path, [*sizes, "gone.html"])
    assert site.published == 62
    assert site.parts == {"article pages": 50, "search/": 7, "top-level files": 5}


def test_a_site_over_the_limit_is_an_error_naming_its_parts_and_the_settings_that_help() -> None:
    level, message = verdict(BIG, 900_000_000)
    assert level == "error"
    assert message == (
        "the site publishes 950.0 MB, over the limit of 900.0 MB (OUTPUT_GUARD_SIZE_LIMIT; "
        "GitHub Pages refuses a site over 1 GB). Its biggest parts: article pages 600.0 MB, "
        "data/ 250.0 MB, search/ 100.0 MB. To shrink it: ARCHIVE_PAGES_DATA_FORMATS = ['csv'] "
        "publishes one format of the data files."
    )


def test_a_site_within_a_tenth_of_the_limit_warns_and_a_smaller_one_says_nothing() -> None:
    assert verdict(BIG, 1_000_000_000)[0] == "warning"
    assert verdict(BIG, 1_060_000_000) is None


def test_sizes_read_in_decimal_units_as_github_states_its_limit() -> None:
    assert [size_text(n) for n in (999, 35_200, 212_700_000, 1_840_000_000)] == [
        "1.0 KB",
        "35.2 KB",
        "212.7 MB",
        "1.84 GB",
    ]
