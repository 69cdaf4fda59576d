"""How well the shipped search answers judged queries over the shipped archive.

``tests/search/judged.json`` holds the queries, each ``{"q", "class", "relevant",
"note", "rule"}``: ``relevant`` lists the slugs of the articles a reader asking
``q`` wants. A ``rule`` derives that list from ``content/`` (``derive``), so the
judgment is reproducible and ``drift`` can say when re-ingesting the archive has
changed it; ``rule`` null means the list was chosen by reading the articles,
and only its slugs' existence can be checked.

Rules of a rule (every key present must hold, so keys combine with AND):

- ``all``: every condition holds; ``any``: at least one does; ``none``: none does.
- A condition is ``{"entity": id}`` or ``{"tag": id}`` (the article's front matter
  lists it: the archive's own linking, which the build checks against the
  registries) or ``{"text": regex}``: a Python regex, case-insensitive, searched
  in the title, summary and body as written, whitespace runs made one space.
  The regex spells out what counts (``\\bsanction``, ``denuclearis|denucleariz``),
  so the truth never leans on the search's own tokenizer or stemmer.
- ``year``: the article is dated in that year (an undated one never is).

Metrics, over the first ``TOP`` results in relevance order (``score``):

- recall@10: relevant articles shown / min(10, number relevant);
- precision@10: relevant articles shown / articles shown (at most 10). An empty
  result set scores 0: every judged query has at least one relevant article in
  the archive, so showing nothing is a miss, never a "precise" answer;
- reciprocal rank: 1 / rank of the first relevant article shown, 0 if none.

Means are plain averages over queries, overall and per class. The search is
the built site's own worker (``relevance.mjs``) under Node, on the site's
``search/`` files, as ``benchmarks.firstquery`` runs it: no model of it.
``relevance-baseline.json`` keeps the per-query figures of an earlier engine;
its means are recomputed over the queries judged now, so adding a query never
skews the comparison.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean
from typing import Any

from benchmarks.builds import build_site
from benchmarks.firstquery import search_page
from benchmarks.measure import BenchError
from newsarchive.content.articles import read_article
from newsarchive.site import urls

PROJECT = Path(__file__).resolve().parents[1]
JUDGED = PROJECT / "tests" / "search" / "judged.json"
BASELINE = Path(__file__).with_name("relevance-baseline.json")
HELPER = Path(__file__).with_name("relevance.mjs")
TOP = 10
WORST = 12  # the worst queries the report lists: the next change's work list
METRICS = ("recall", "precision", "rr")
CONDITIONS = ("entity", "tag", "text")
RULE_KEYS = ("all", "any", "none", "year")


@dataclass(frozen=True)
class Judged:
    q: str
    cls: str
    relevant: tuple[str, ...]
    note: str
    rule: Mapping[str, Any] | None


@dataclass(frozen=True)
class Doc:
    """What a rule may look at of one article."""

    slug: str
    url: str
    year: int | None
    entities: frozenset[str]
    tags: frozenset[str]
    text: str  # title, summary, body; whitespace runs made one space


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    rr: float


# --- the judged queries and the archive -----------------------------------------------


def load_judged(path: Path = JUDGED) -> list[Judged]:
    """The judged queries of a judged.json file, in file order."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        Judged(r["q"], r["class"], tuple(r["relevant"]), r["note"], r.get("rule")) for r in rows
    ]


def read_archive(content: Path) -> list[Doc]:
    """Every article of a content folder (``articles/**/*.md``), in path order."""
    docs = []
    for path in sorted((content / "articles").rglob("*.md")):
        article = read_article(path.read_text(encoding="utf-8"))
        meta = article.meta
        text = " ".join((meta["title"], meta.get("summary") or "", article.body))
        docs.append(
            Doc(
                slug=article.slug,
                url=urls.article(article.slug, article.date),
                year=None if article.date is None else article.date.year,
                entities=frozenset(meta.get("entities") or ()),
                tags=frozenset(meta.get("tags") or ()),
                text=" ".join(text.split()),
            )
        )
    return docs


# --- rules ------------------------------------------------------------------------------


def rule_problems(rule: Mapping[str, Any]) -> list[str]:
    """What makes a rule unusable: unknown keys, conditions or regexes; an empty rule."""
    problems = [f"unknown rule key {k!r}" for k in rule if k not in RULE_KEYS]
    if not any(k in rule for k in RULE_KEYS):
        problems.append("a rule needs at least one of " + ", ".join(RULE_KEYS))
    for key in ("all", "any", "none"):
        for cond in rule.get(key, ()):
            if len(cond) != 1 or next(iter(cond)) not in CONDITIONS:
                problems.append(f"{key}: a condition is one of {CONDITIONS}, got {cond!r}")
            elif "text" in cond:
                try:
                    re.compile(cond["text"])
                except re.error as err:
                    problems.append(f"{key}: bad regex {cond['text']!r}: {err}")
    return problems


def _holds(cond: Mapping[str, str], doc: Doc) -> bool:
    if "entity" in cond:
        return cond["entity"] in doc.entities
    if "tag" in cond:
        return cond["tag"] in doc.tags
    return re.search(cond["text"], doc.text, re.IGNORECASE) is not None


def matches(rule: Mapping[str, Any], doc: Doc) -> bool:
    """Whether one article meets a rule (see the module's rules)."""
    if "year" in rule and doc.year != rule["year"]:
        return False
    if not all(_holds(c, doc) for c in rule.get("all", ())):
        return False
    if "any" in rule and not any(_holds(c, doc) for c in rule["any"]):
        return False
    return not any(_holds(c, doc) for c in rule.get("none", ()))


def derive(rule: Mapping[str, Any], docs: Iterable[Doc]) -> list[str]:
    """The slugs of the articles a rule picks, sorted: the judged list it must equal."""
    return sorted(d.slug for d in docs if matches(rule, d))


def drift(judged: Sequence[Judged], docs: Sequence[Doc]) -> list[str]:
    """Every way judged.json no longer fits the archive, one line each; [] when it fits.

    A slug the archive lacks, a rule that no longer derives the list stored,
    an unusable rule, and a query left with nothing relevant (it could not be scored).
    """
    slugs = {d.slug for d in docs}
    problems = []
    for j in judged:
        problems += [f"{j.q!r}: no article {s!r}" for s in j.relevant if s not in slugs]
        if not j.relevant:
            problems.append(f"{j.q!r}: nothing relevant")
        if j.rule is None:
            continue
        if bad := rule_problems(j.rule):
            problems += [f"{j.q!r}: {p}" for p in bad]
            continue
        derived = derive(j.rule, docs)
        if derived != sorted(j.relevant):
            gained = sorted(set(derived) - set(j.relevant))
            lost = sorted(set(j.relevant) - set(derived))
            problems.append(f"{j.q!r}: its rule now gives +{gained} -{lost}")
    return problems


def rederived(path: Path, docs: Sequence[Doc]) -> list[dict[str, Any]]:
    """judged.json's rows with every rule-made list derived afresh (hand-made lists kept)."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    for row in rows:
        if row.get("rule") is not None:
            row["relevant"] = derive(row["rule"], docs)
    return rows


# --- metrics ----------------------------------------------------------------------------


def score(ranked: Sequence[str], relevant: Iterable[str], top: int = TOP) -> Score:
    """recall@top, precision@top and reciprocal rank of one ranked list (module rules)."""
    wanted = set(relevant)
    if not wanted:
        raise ValueError("a judged query needs at least one relevant article")
    shown = list(ranked[:top])
    hits = [i for i, slug in enumerate(shown) if slug in wanted]
    return Score(
        recall=len(hits) / min(top, len(wanted)),
        precision=len(hits) / len(shown) if shown else 0.0,
        rr=1 / (hits[0] + 1) if hits else 0.0,
    )


def means(rows: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """The mean of each metric over rows, rounded to 3 places."""
    return {m: round(fmean(r[m] for r in rows), 3) for m in METRICS}


def by_class(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per class (in order of first appearance): its query count and its means."""
    classes: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        classes.setdefault(row["class"], []).append(row)
    return {c: {"queries": len(rs), **means(rs)} for c, rs in classes.items()}


# --- the search ---------------------------------------------------------------------------


def search_top(output: Path, queries: Sequence[str], top: int = TOP) -> list[dict[str, Any]]:
    """The built site's search answering each query as typed: ``{q, mode, total, urls}``."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is needed to run the search scripts (Node.js 20.19 or newer)")
    page = search_page(output)
    run = subprocess.run(
        [node, str(HELPER), str(output), page.worker, page.manifest, str(top)],
        input=json.dumps(list(queries)),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode:
        raise RuntimeError(f"the search scripts failed:\n{run.stderr}")
    return json.loads(run.stdout)


def evaluate(output: Path, content: Path, judged_path: Path = JUDGED) -> dict[str, Any]:
    """Every judged query through the site's search: per query, per class and mean figures.

    Raises ValueError when judged.json does not fit the content (``drift``): its
    figures would measure a stale judgment.
    """
    output = Path(output).resolve()
    judged, docs = load_judged(judged_path), read_archive(content)
    if problems := drift(judged, docs):
        raise ValueError(f"{judged_path} does not fit {content}:\n" + "\n".join(problems))
    slug_of = {d.url: d.slug for d in docs}
    answers = search_top(output, [j.q for j in judged])
    rows = []
    for j, answer in zip(judged, answers, strict=True):
        ranked = [slug_of.get(url, url) for url in answer["urls"]]
        s = score(ranked, j.relevant)
        rows.append(
            {
                "q": j.q,
                "class": j.cls,
                "relevant": len(j.relevant),
                "mode": answer["mode"],
                "total": answer["total"],
                "recall": round(s.recall, 3),
                "precision": round(s.precision, 3),
                "rr": round(s.rr, 3),
                "top": ranked,
            }
        )
    return {
        "top": TOP,
        "judged": len(rows),
        "mean": means(rows),
        "classes": by_class(rows),
        "worst": worst(rows),
        "queries": rows,
    }


def worst(rows: Sequence[Mapping[str, Any]], count: int = WORST) -> list[Mapping[str, Any]]:
    """The queries served worst: lowest recall first, then reciprocal rank, then precision."""
    return sorted(rows, key=lambda r: (r["recall"], r["rr"], r["precision"]))[:count]


def previous(figures: Mapping[str, Any], baseline: Mapping[str, Any]) -> dict[str, Any]:
    """The baseline's figures over the queries judged now: its mean and per class.

    A query the baseline did not judge is left out of both sides' comparison
    and counted in ``missing``.
    """
    old = {row["q"]: row for row in baseline.get("queries", ())}
    rows = [{**old[r["q"]], "class": r["class"]} for r in figures["queries"] if r["q"] in old]
    return {
        "label": baseline.get("label", "baseline"),
        "missing": len(figures["queries"]) - len(rows),
        "mean": means(rows) if rows else None,
        "classes": by_class(rows) if rows else {},
    }


def relevance(output: Path, content: Path, baseline: Path = BASELINE) -> dict[str, Any]:
    """``evaluate`` with the baseline beside it (``previous``), for `invoke bench`.

    A failure is kept as ``error`` (the other search figures still count); the
    report prints it in place of the table.
    """
    try:
        figures = evaluate(output, content)
    except (RuntimeError, ValueError, OSError) as err:
        return {"error": f"relevance not measured: {err}"}
    if baseline.is_file():
        figures["previous"] = previous(figures, json.loads(baseline.read_text(encoding="utf-8")))
    return figures


def bench_relevance(content: Path, output: Path) -> dict[str, Any]:
    """`invoke build` of content (the shipped archive) into output, then ``relevance`` on it."""
    try:
        build_site(content, output)
    except BenchError as err:
        return {"error": f"relevance not measured: the build failed: {err}"}
    return relevance(output, content)


def baseline_of(figures: Mapping[str, Any], label: str) -> dict[str, Any]:
    """What relevance-baseline.json keeps of a run: a label, and each query's figures."""
    keep = ("q", "class", "recall", "precision", "rr")
    return {"label": label, "queries": [{k: r[k] for k in keep} for r in figures["queries"]]}


def main(argv: Sequence[str] | None = None) -> int:
    """python -m benchmarks.relevance SITE: the figures of a built site, as in `invoke bench`."""
    from benchmarks.report import relevance_report

    parser = argparse.ArgumentParser(prog="python -m benchmarks.relevance", description=__doc__)
    parser.add_argument("site", type=Path, nargs="?", help="a built site (invoke build --output)")
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--write-baseline", metavar="LABEL", help="store this run as the baseline")
    parser.add_argument(
        "--rederive", action="store_true", help="rewrite judged.json's rule-made lists from content"
    )
    args = parser.parse_args(argv)
    if args.rederive:
        rows = rederived(JUDGED, read_archive(args.content))
        JUDGED.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0
    if args.site is None:
        parser.error("a built site is needed (or --rederive)")
    figures = relevance(args.site, args.content)
    print("\n".join(relevance_report(figures)))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.write_baseline and "error" not in figures:
        text = json.dumps(baseline_of(figures, args.write_baseline), indent=2)
        BASELINE.write_text(text + "\n", encoding="utf-8")
    return 1 if "error" in figures else 0


if __name__ == "__main__":
    sys.exit(main())
