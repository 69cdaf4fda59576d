"""A list's one-line summary: whole words, never past the limit, an ellipsis only when cut."""

from newsarchive.site.summaries import one_line


def test_a_short_summary_is_kept_whole_on_one_line() -> None:
    assert one_line("Talks resume\n in  Hanoi.") == "Talks resume in Hanoi."
    assert one_line(None) == ""


def test_a_long_summary_stops_at_a_whole_word_with_an_ellipsis() -> None:
    text = "The envoys met in Hanoi on Monday, " + "and the talks went on " * 12
    cut = one_line(text, 60)
    assert len(cut) <= 60 and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "


def test_one_word_longer_than_the_limit_is_cut_inside_it() -> None:
    assert one_line("x" * 300, 20) == "x" * 19 + "…"
