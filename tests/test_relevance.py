"""The relevance yardstick: judged.json fits the shipped archive, and the figures add up.

judged.json must cover every class of query the search is to understand, name
only articles that exist, and equal what its rules derive from content/ today,
so re-ingesting the archive cannot silently leave a stale judgment behind (the
fix is ``python -m benchmarks.relevance --rederive``, then reading the diff). The
checker is shown to fail on hand-made articles, and the metrics on a hand-made
ranking. No threshold is asserted on the live engine: that is a benchmark's
figure (``invoke bench --only search``), not a test's.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.relevance import (
    JUDGED,
    Judged,
    by_class,
    derive,
    drift,
    evaluate,
    load_judged,
    means,
    previous,
    read_archive,
    rederived,
    rule_problems,
    score,
)
from benchmarks.report import relevance_report

CONTENT = Path(__file__).resolve().parents[1] / "content"
CLASSES = (
    "names",
    "hangul",
    "phrase",
    "year",
    "typo",
    "prefix",
    "topic",
    "question",
    "exclusion",
    "or",
    "variant",
)


@pytest.fixture(scope="module")
def judged() -> list[Judged]:
    return load_judged()


@pytest.fixture(scope="module")
def shipped() -> list:
    return read_archive(CONTENT)


# --- judged.json ------------------------------------------------------------------------


def test_judged_covers_every_class_of_query(judged: list[Judged]) -> None:
    counts = Counter(j.cls for j in judged)
    assert len(judged) >= 60
    assert {c: counts[c] for c in CLASSES if counts[c] < 3} == {}
    assert set(counts) == set(CLASSES), "a class the report would show without a name here"


def test_every_judged_query_is_whole_and_distinct(judged: list[Judged]) -> None:
    assert len({j.q for j in judged}) == len(judged), "a query judged twice"
    for j in judged:
        assert j.q.strip() and j.note.strip() and j.relevant, j.q
        assert len(set(j.relevant)) == len(j.relevant), f"{j.q!r}: a slug listed twice"
        if j.rule is None:
            assert "reading" in j.note, f"{j.q!r}: a hand-made list must say it was read"
        else:
            assert rule_problems(j.rule) == [], j.q


def test_judged_fits_the_shipped_archive(judged: list[Judged], shipped: list) -> None:
    """Every slug exists and every rule still derives the list stored: no drift."""
    assert drift(judged, shipped) == []


def test_rederiving_changes_nothing_today(shipped: list) -> None:
    rows = json.loads(JUDGED.read_text(encoding="utf-8"))
    assert rederived(JUDGED, shipped) == rows


# --- the checker on hand-made articles -----------------------------------------------------


def _article(folder: Path, slug: str, date: str, body: str, **meta: str) -> None:
    lines = [f"title: {slug.replace('-', ' ').title()}", f"date: '{date}'", f"slug: {slug}"]
    lines += [f"{key}: {value}" for key, value in meta.items()]
    text = "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"
    year = date[:4] if date != "unknown" else "undated"
    (folder / "articles" / year).mkdir(parents=True, exist_ok=True)
    (folder / "articles" / year / f"{slug}.md").write_text(text, encoding="utf-8")


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    """Four articles: two years, one undated, entities, tags, a phrase split by a line break."""
    _article(
        tmp_path,
        "talks-in-stockholm",
        "2019-10-07",
        "Talks on\ndenuclearization ended.",
        entities="[stephen-biegun]",
        tags="[diplomacy]",
    )
    _article(tmp_path, "hostile-policy-again", "2018-05-01", "The HOSTILE\n  policy goes on.")
    _article(
        tmp_path,
        "sanctions-bite",
        "2019-02-01",
        "Sanctions and the hostile-policy.",
        tags="[sanctions]",
    )
    _article(tmp_path, "no-date", "unknown", "Denuclearisation was discussed in 2019.")
    return tmp_path


def test_rules_read_front_matter_text_and_dates(tiny: Path) -> None:
    docs = read_archive(tiny)
    assert derive({"all": [{"entity": "stephen-biegun"}]}, docs) == ["talks-in-stockholm"]
    assert derive({"all": [{"tag": "sanctions"}]}, docs) == ["sanctions-bite"]
    # Case and whitespace runs (a line break, two spaces) do not matter; the regex says the rest.
    assert derive({"all": [{"text": r"\bhostile[\s-]+policy"}]}, docs) == [
        "hostile-policy-again",
        "sanctions-bite",
    ]
    assert derive({"all": [{"text": r"denucleari[sz]"}]}, docs) == ["no-date", "talks-in-stockholm"]
    # A year is the article's date, never a number in its text; an undated article has none.
    assert derive({"year": 2019}, docs) == ["sanctions-bite", "talks-in-stockholm"]
    assert derive({"any": [{"tag": "sanctions"}, {"tag": "diplomacy"}]}, docs) == [
        "sanctions-bite",
        "talks-in-stockholm",
    ]
    rule = {"all": [{"text": "hostile"}], "none": [{"tag": "sanctions"}]}
    assert derive(rule, docs) == ["hostile-policy-again"]


def test_drift_names_a_stale_list_and_a_missing_slug(tiny: Path) -> None:
    docs = read_archive(tiny)
    stale = Judged(
        "sanctions", "topic", ("sanctions-bite", "gone"), "tagged", {"all": [{"tag": "sanctions"}]}
    )
    read = Judged("why", "question", ("removed-article",), "chosen by reading", None)
    fits = Judged("2018", "year", ("hostile-policy-again",), "dated 2018", {"year": 2018})
    problems = drift([stale, read, fits], docs)
    assert problems == [
        "'sanctions': no article 'gone'",
        "'sanctions': its rule now gives +[] -['gone']",
        "'why': no article 'removed-article'",
    ]


def test_drift_names_an_article_a_rule_now_adds(tiny: Path) -> None:
    _article(tiny, "more-sanctions", "2020-01-01", "More.", tags="[sanctions]")
    stale = Judged(
        "sanctions", "topic", ("sanctions-bite",), "tagged", {"all": [{"tag": "sanctions"}]}
    )
    assert drift([stale], read_archive(tiny)) == [
        "'sanctions': its rule now gives +['more-sanctions'] -[]"
    ]


def test_unusable_rules_are_refused() -> None:
    assert rule_problems({}) != []
    assert rule_problems({"all": [{"txt": "x"}]}) != []
    assert rule_problems({"all": [{"text": "("}]}) != []
    assert rule_problems({"years": 2019}) != []


# --- the metrics ---------------------------------------------------------------------------


def test_score_counts_the_first_ten_against_the_relevant() -> None:
    # Relevant at ranks 2 and 4 of five results shown; three relevant in all.
    s = score(["x", "a", "y", "b", "z"], {"a", "b", "c"})
    assert (s.recall, s.precision, s.rr) == (pytest.approx(2 / 3), pytest.approx(2 / 5), 0.5)


def test_recall_is_out_of_ten_when_more_are_relevant_and_only_ten_count() -> None:
    relevant = [f"r{i}" for i in range(30)]
    ranked = [*relevant[:9], "x", "r9"]  # the 11th result is relevant but not shown in the top 10
    s = score(ranked, relevant)
    assert (s.recall, s.precision, s.rr) == (pytest.approx(0.9), pytest.approx(0.9), 1.0)


def test_an_empty_result_scores_zero_and_nothing_relevant_is_refused() -> None:
    assert score([], {"a"}) == score(["x", "y"], {"a"})
    assert (score([], {"a"}).precision, score([], {"a"}).rr) == (0.0, 0.0)
    with pytest.raises(ValueError):
        score(["a"], set())


def test_means_per_class_and_against_the_baseline() -> None:
    rows = [
        {"q": "a", "class": "names", "recall": 1.0, "precision": 0.5, "rr": 1.0},
        {"q": "b", "class": "names", "recall": 0.0, "precision": 0.0, "rr": 0.0},
        {"q": "c", "class": "typo", "recall": 0.5, "precision": 1.0, "rr": 0.5},
    ]
    assert means(rows) == {"recall": 0.5, "precision": 0.5, "rr": 0.5}
    assert by_class(rows) == {
        "names": {"queries": 2, "recall": 0.5, "precision": 0.25, "rr": 0.5},
        "typo": {"queries": 1, "recall": 0.5, "precision": 1.0, "rr": 0.5},
    }
    # The baseline never judged "c": its means are over "a" and "b" only, and it says so.
    baseline = {"label": "old", "queries": [{**rows[0], "recall": 0.0}, rows[1]]}
    before = previous({"queries": rows}, baseline)
    assert before["missing"] == 1
    assert before["mean"] == {"recall": 0.0, "precision": 0.25, "rr": 0.5}
    assert set(before["classes"]) == {"names"}


def test_report_prints_each_class_beside_the_previous_release() -> None:
    rows = [
        {
            "q": "a",
            "class": "names",
            "recall": 1.0,
            "precision": 0.5,
            "rr": 1.0,
            "total": 4,
            "mode": "all",
        },
        {
            "q": "c",
            "class": "typo",
            "recall": 0.0,
            "precision": 0.0,
            "rr": 0.0,
            "total": 0,
            "mode": "all",
        },
    ]
    figures = {
        "top": 10,
        "judged": 2,
        "mean": means(rows),
        "classes": by_class(rows),
        "worst": rows[1:],
        "queries": rows,
    }
    figures["previous"] = previous(figures, {"label": "before", "queries": rows[:1]})
    lines = relevance_report(figures)
    assert "previous release: before" in lines[0]
    names = next(line for line in lines if line.split()[0] == "names")
    assert names.split()[1:] == ["1", "1.000", "0.500", "1.000", "1.000", "0.500", "1.000"]
    typo = next(line for line in lines if line.split()[0] == "typo")
    assert typo.split()[1:] == ["1", "0.000", "0.000", "0.000", "-", "-", "-"]
    assert any("'c' (typo)" in line for line in lines), "the worst queries are listed"
    assert relevance_report({"error": "relevance not measured: x"}) == [
        "  relevance        relevance not measured: x"
    ]


# --- the harness on the built archive (plumbing only: no threshold) ----------------------------


def test_every_judged_query_runs_through_the_built_sites_search(built_site: Path) -> None:
    figures = evaluate(built_site, CONTENT)
    judged = load_judged()
    slugs = {d.slug for d in read_archive(CONTENT)}
    assert [r["q"] for r in figures["queries"]] == [j.q for j in judged]
    for row, j in zip(figures["queries"], judged, strict=True):
        assert set(row["top"]) <= slugs, f"{j.q!r}: a result that is no article's URL"
        assert len(row["top"]) == min(10, row["total"])
        again = score(row["top"], j.relevant)
        assert (row["recall"], row["precision"], row["rr"]) == (
            round(again.recall, 3),
            round(again.precision, 3),
            round(again.rr, 3),
        )
    assert set(figures["classes"]) == set(CLASSES)
