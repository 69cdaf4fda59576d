"""The sharded search index answers exactly as the whole index in memory, which answers as lunr.

Over the shipped archive and a 3,000-article synthetic corpus, the shipped
engine (theme/static/js/search/engine.js, run under Node by compare_engines.mjs)
answers a set of queries three ways: from the whole compact index and store in
memory (oracle.mjs, the unsharded reference), from the shards with a fresh source per query
(only what that query fetches: heads, and tails only where the order shown
depends on them), and from the shards with one source for every query. The
answers — documents, order, scores, totals, facet counts, highlighted fields —
must be identical, to the bit. And the engine's ranking (runQuery) must equal
lunr.js's own ``idx.query`` on lunr.py's serialised index: the same documents,
scores and matched terms (lunr orders equal scores by when it met them, the
engine by document number: compared by score, then document).
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.corpus import docs_from_content
from benchmarks.synthetic import generate
from newsarchive.search import preparedcache, shards
from newsarchive.search.documents import TermCache, dumps, field_counts
from newsarchive.search.packedarrays import SHORT, docset_array, gaps_array, pack_array
from newsarchive.search.packing import ALPHABET, docset, gaps, pack, unpack
from newsarchive.search.shards import ordered, postings, thousandths, write_shards
from oracle import build_index, compact, document_store

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC_ARTICLES = 3000

# Words as typed: a query that ends in a letter is still being typed, so its last
# word also matches as a prefix and as the completion of a common suffix.
# fmt: off
WORDS = [
    # single words
    "Biegun", "sanctions", "Korea", "nuclear", "Pyongyang", "summit", "missile", "economy",
    # several words
    "kim jong un", "denuclearisation talks", "supreme people's assembly", "inter-Korean railway",
    "moon trump summit", "Kim Jong Un Moon Jae-in",
    # names with hyphens, in several spellings
    "Kim Jong-un", "KIM JONG-UN", "Moon Jae-in", "Ri Son-gwon",
    # Hangul
    "김명길", "김정은", "북한",
    # typos (fuzzy: words the index does not hold, five letters or more)
    "Beigun", "Pyongayng", "sanctoins", "denuclearizaton", "Stockolm", "xiegun",
    # prefixes and unfinished suffixes
    "railw", "negotiat", "denuclearizati", "kor", "pyong", "kim jo",
    # stop words only, numbers, U.S.
    "the", "of the", "and ", "2019", "U.S. sanctions", "US",
    # nothing
    "zzzz nothing", "xyzzyqq", "qwertyuiop",
]
# fmt: on
# (the same words, finished: a trailing space closes the last word)
FINISHED = ["kim jong un ", "Biegun ", "railw "]


def answers(tag: str, entity: str, year: str, source: str) -> list[dict]:
    """Search messages as the page sends them: words, filters, sorts and later pages."""
    out: list[dict] = [{"q": q} for q in WORDS + FINISHED]
    out += [
        {"q": "sanctions", "filters": {"tag": [tag]}},
        {"q": "Korea", "filters": {"year": [year]}},
        {"q": "Korea", "filters": {"year": [year, "undated"], "source": [source]}},
        {"q": "talks", "filters": {"entity": [entity], "tag": [tag]}},
        {"q": "xyzzyqq", "filters": {"tag": [tag]}},
        {"q": "", "filters": {"entity": [entity]}},
        {"q": "", "filters": {"year": [year]}, "sort": "oldest"},
        {"q": "Korea", "sort": "newest"},
        {"q": "Korea", "sort": "oldest"},
        {"q": "kim jong un", "sort": "newest", "offset": 20},
        {"q": "Korea", "offset": 20},
        {"q": "Korea", "offset": 40, "limit": 20},
        {"q": "nuclear", "offset": 0, "limit": 100},
        {"q": "denuclearisation talks", "sort": "oldest", "filters": {"entity": [entity]}},
    ]
    return out


def build(docs: list, folder: Path) -> dict:
    """The sharded files, the compact index and store, and lunr.py's serialised index."""
    docs = ordered(docs)
    write_shards(folder / "search", docs, {}, {})
    index = build_index(docs)
    paths = {
        "compact": folder / "compact.json",
        "store": folder / "store.json",
        "serialized": folder / "serialized.json",
    }
    paths["compact"].write_text(dumps(compact(index)), encoding="utf-8")
    paths["store"].write_text(dumps(document_store(docs, {}, {})), encoding="utf-8")
    paths["serialized"].write_text(json.dumps(index.serialize()), encoding="utf-8")
    request = {name: str(path) for name, path in paths.items()}
    request["shards"] = str(folder / "search")
    first = docs[0]
    request["answers"] = answers(
        tag="denuclearization",
        entity="kim-jong-un",
        year=next(d.date[:4] for d in docs if d.date),
        source=next(d.source for d in docs if d.source),
    )
    assert first is not None
    request["lunr"] = WORDS
    return request


@pytest.fixture(scope="module", params=["shipped", "synthetic"])
def compared(request, tmp_path_factory) -> dict:
    node = shutil.which("node")
    assert node, "node is needed for the search tests (./dev test)"
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "shipped":
        docs = docs_from_content(ROOT / "content")
    else:
        generate(ROOT / "content", folder / "content", SYNTHETIC_ARTICLES)
        docs = docs_from_content(folder / "content")
    run = subprocess.run(
        [node, str(ROOT / "tests" / "search" / "compare_engines.mjs")],
        input=json.dumps(build(docs, folder)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    return {"corpus": request.param, **json.loads(run.stdout)}


def test_sharded_answers_equal_the_whole_index(compared: dict) -> None:
    assert len(compared["answers"]) >= 30
    for answer in compared["answers"]:
        memory, cold, warm = answer["memory"], answer["cold"], answer["warm"]
        label = (compared["corpus"], memory["q"])
        assert cold == memory, label
        assert warm == memory, label


def test_the_answers_are_not_trivial(compared: dict) -> None:
    by_q = {}
    for answer in compared["answers"]:
        by_q.setdefault(answer["memory"]["q"], answer["memory"])
    assert by_q["Biegun"]["total"] > 0 and by_q["Beigun"]["total"] > 0
    assert by_q["kim jong un"]["total"] == by_q["Kim Jong-un"]["total"] > 20
    assert by_q["denuclearisation talks"]["total"] > 0
    assert by_q["김명길"]["total"] > 0
    assert by_q["xyzzyqq"]["total"] == 0 and by_q["zzzz nothing"]["mode"] in {"any", "all"}
    # A ranked query shows lunr's scores, best first, unless the query names an entity
    # (its articles first) or few articles hold every word (those missing one follow):
    # then each result says what it lacks, one word at most; in the fallback, at least one.
    for answer in compared["answers"]:
        memory = answer["memory"]
        if answer["message"]["sort"] != "relevance" or memory["mode"] not in {"all", "any"}:
            continue
        lacking = [len(item.get("without", [])) for item in memory["items"]]
        if memory["mode"] == "any":
            assert all(lacking), memory["q"]
            continue
        assert all(n <= 1 for n in lacking), memory["q"]
        if not memory.get("named") and not any(lacking):
            scores = [item["score"] for item in memory["items"]]
            assert scores == sorted(scores, reverse=True), memory["q"]
    # Some first pages needed no tail at all, and none needed every file.
    fetched = [set(a["fetched"]) for a in compared["answers"]]
    assert any(not any(p.startswith("tails/") for p in f) for f in fetched)


def test_the_engine_ranks_exactly_as_lunr(compared: dict) -> None:
    checked = 0
    for run in compared["lunr"]:
        # (A query of no clauses, stop words only, finds nothing here; lunr takes it for
        # a negated query and returns every document: it is not compared.)
        assert run["clauses"] or run["ours"] == [], run["q"]
        assert run["ours"] == run["theirs"], (compared["corpus"], run["q"])
        assert run["sharded"] == run["ours"], (compared["corpus"], run["q"])
        checked += len(run["ours"])
    assert checked > 1000


@pytest.mark.parametrize(
    ("chunk", "key_bits"), [(shards.CHUNK_POSTINGS, 63), (1000, 63), (1000, 20)]
)
def test_postings_are_lunr_py_s_own(
    chunk: int, key_bits: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shard writer's weights and term indexes are those of build_index + compact,
    whether its arrays hold every posting at once or runs of terms of ``chunk`` postings
    (the shipped archive's are then in some hundred runs, its biggest terms alone), and
    whether a field's postings are sorted as one number each or, past ``KEY_BITS``, by term."""
    monkeypatch.setattr(shards, "CHUNK_POSTINGS", chunk)
    monkeypatch.setattr(shards, "KEY_BITS", key_bits)
    by_order = shards._PostingTable._take_field_by_order
    ordered_fields: list[int] = []
    monkeypatch.setattr(
        shards._PostingTable,
        "_take_field_by_order",
        lambda table, *a: ordered_fields.append(1) or by_order(table, *a),
    )
    runs: list[tuple[int, int]] = []
    term_runs = shards._term_runs
    monkeypatch.setattr(shards, "_term_runs", lambda *a: iter(runs.extend(term_runs(*a)) or runs))
    docs = ordered(docs_from_content(ROOT / "content"))
    ours = postings(docs)
    assert (len(runs) > 100) == (chunk < shards.CHUNK_POSTINGS), len(runs)
    assert len(ordered_fields) == (len(shards.FIELDS) if key_bits < 63 else 0)
    theirs = compact(build_index(docs))
    assert_terms_equal(ours, theirs)


def assert_terms_equal(ours: list[shards.Term], theirs: dict) -> None:
    """Our terms are those of lunr.py's compact index, with its term indexes and weights."""
    assert [t.term for t in ours] == theirs["terms"]
    assert [t.index for t in ours] == [row[0] for row in theirs["postings"]]
    for term, row in zip(ours, theirs["postings"], strict=True):
        assert_postings_equal(term, row)


def assert_postings_equal(term: shards.Term, row: list[int]) -> None:
    """``term``'s weights are those of its row in lunr.py's compact index."""
    fields: dict[int, list[tuple[int, int]]] = {}
    i = 1
    while i < len(row):
        number, n = row[i], row[i + 1]
        i += 2
        ref = 0
        for _ in range(n):
            ref += row[i]
            fields.setdefault(number, []).append((ref, row[i + 1]))
            i += 2
    for number in range(len(term.weights)):
        refs = [r for r, m in zip(term.docs, term.masks, strict=True) if m >> number & 1]
        assert list(zip(refs, term.weights[number], strict=True)) == fields.get(number, [])


def test_a_word_written_hundreds_of_times_weighs_as_in_lunr() -> None:
    """Counts are packed a byte each while they fit (``documents.packed_counts``); a word
    more frequent than that in one article must still weigh what lunr.py weighs."""
    docs = ordered(docs_from_content(ROOT / "content"))[:40]
    many = replace(docs[0], body=docs[0].body + " sanctions" * 300, summary="Talks " * 70_000)
    docs = [many, *docs[1:]]
    ours = postings(docs)
    theirs = compact(build_index(docs))
    assert_terms_equal(ours, theirs)
    counted = field_counts(many, TermCache())
    assert max(counted[4].counts) > 255 and max(counted[3].counts) > 65_535


def test_an_index_gathered_from_documents_prepared_before_is_lunrs() -> None:
    """The index's child of an incremental build prepares the cached documents' postings
    before it knows which articles are indexed (``PreparedPostings``): an index of some of
    them, reordered, with others prepared only then, is still lunr.py's, term numbers too."""
    shipped = ordered(docs_from_content(ROOT / "content"))
    rng = random.Random(11)
    prepared = shards.PreparedPostings()
    prepared.add(shipped[: len(shipped) * 2 // 3])  # the last third: edited or added since
    kept = [d for d in shipped if rng.random() < 0.8]  # the others: deleted since
    edited = replace(kept[5], title="Envoys agree a zeppelin summit", body="Quixotic talks.")
    docs = [*kept[:5], edited, *kept[6:]]
    rng.shuffle(docs)
    docs = ordered(docs)
    weighing = shards._Weighing.of(docs, prepared)
    ours = list(weighing.terms(0, len(weighing.vocabulary)))
    theirs = compact(build_index(docs))
    assert_terms_equal(ours, theirs)
    assert {"zeppelin", "quixot"} <= {t.term for t in ours}
    assert [t.index for t in ours] == [t.index for t in postings(docs)]


def test_an_index_gathered_from_a_kept_preparation_is_lunrs(tmp_path: Path) -> None:
    """The preparation of the cached documents is kept between builds
    (``preparedcache``): the next build takes each kept slot by its document's key and
    prepares only the others; its index is still lunr.py's, term numbers too."""
    shipped = ordered(docs_from_content(ROOT / "content"))
    keyed = {f"key-{n}": SimpleNamespace(doc=doc) for n, doc in enumerate(shipped)}
    first = dict(list(keyed.items())[: len(shipped) * 2 // 3])  # the rest: added since
    preparedcache.prepare(tmp_path, "inputs", first, save=True)
    rng = random.Random(5)
    cached = {k: v for k, v in keyed.items() if rng.random() < 0.9}  # others: deleted since
    edited_key = next(iter(cached))
    edited = replace(cached[edited_key].doc, title="Envoys agree a zeppelin summit")
    cached[edited_key] = SimpleNamespace(doc=edited)
    cached[f"{edited_key}-edited"] = cached.pop(edited_key)  # an edit is a new key
    added: list = []
    real_add = shards.PreparedPostings.add

    def counting_add(self, docs) -> None:
        docs = list(docs)
        added.extend(docs)
        real_add(self, docs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shards.PreparedPostings, "add", counting_add)
        prepared = preparedcache.prepare(tmp_path, "inputs", cached, save=True)
    lacking = [v.doc for k, v in cached.items() if k not in first]
    assert [id(d) for d in added] == [id(d) for d in lacking]  # the kept ones were not prepared
    docs = ordered([v.doc for v in cached.values()])
    weighing = shards._Weighing.of(docs, prepared)
    ours = list(weighing.terms(0, len(weighing.vocabulary)))
    assert_terms_equal(ours, compact(build_index(docs)))
    assert "zeppelin" in {t.term for t in ours}
    assert [t.index for t in ours] == [t.index for t in postings(docs)]


def test_a_kept_preparation_of_another_key_or_mostly_stale_is_not_used(tmp_path: Path) -> None:
    docs = ordered(docs_from_content(ROOT / "content"))[:40]
    cached = {f"key-{n}": SimpleNamespace(doc=doc) for n, doc in enumerate(docs)}
    preparedcache.prepare(tmp_path, "inputs", cached, save=True)
    assert preparedcache.prepare(tmp_path, "inputs", cached, save=False).in_order(docs)
    assert preparedcache._read(tmp_path, "other inputs", cached)[0] == []
    most_gone = dict(list(cached.items())[:30])  # 10 of 40 slots stale: more than 1 in 8
    assert preparedcache._read(tmp_path, "inputs", most_gone)[0] == []
    (tmp_path / preparedcache.FILE).write_bytes(b"not a pickle")
    assert preparedcache._read(tmp_path, "inputs", cached)[0] == []


def test_weights_round_as_python_rounds_even_at_half_thousandths() -> None:
    """Weights are computed over arrays; rounding must still be Python's (lunr.py's), also
    for scores that a float product would move across a half-thousandth."""
    rng = random.Random(7)
    halves = [(k + 0.5) / 1000 for k in range(0, 40_000, 7)]
    near = [math.nextafter(x, direction) for x in halves for direction in (0, math.inf)]
    scores = [*halves, *near, *(rng.uniform(0, 40) for _ in range(20_000))]
    expected = [round(round(x, 3) * 1000) for x in scores]
    assert thousandths(np.array(scores)).tolist() == expected


def test_packed_numbers_round_trip() -> None:
    numbers = [0, 1, 63, 64, 1727, 1728, 46655, 46656, 10**9, *range(0, 5000, 7)]
    assert unpack(pack(numbers)) == numbers
    assert set(pack(range(100_000))) <= set(ALPHABET)
    assert '"' not in ALPHABET and "\\" not in ALPHABET
    count = 1000
    for refs in ([], [0], [5, 6, 999], list(range(0, count, 2)), list(range(1, count))):
        text = docset(refs, count)
        if text.startswith("!"):
            absent = set(range(count)) - set(refs)
            assert sorted(absent) == _ungap(unpack(text[1:]))
        elif text.startswith("~"):
            bits = [ALPHABET.index(c) for c in text[1:]]
            assert [r for r in range(count) if bits[r // 6] >> (r % 6) & 1] == refs
        else:
            assert _ungap(unpack(text)) == refs


def test_arrays_are_packed_as_their_numbers_are() -> None:
    """A big term's postings are packed as arrays (``packedarrays``): the same characters
    as ``packing`` gives their numbers, short or long, small numbers or six figures."""
    rng = np.random.default_rng(5)
    for top in (10, 64, 1728, 46_656, 10**6, 2**40):
        for n in (0, 1, SHORT, SHORT + 1, 3000):
            values = rng.integers(0, top, n)
            assert pack_array(values) == pack(values.tolist())
    count = 5000
    for n in (0, 7, SHORT + 1, count // 4, count // 2, count * 3 // 4, count - 1, count):
        refs = np.sort(rng.choice(count, size=n, replace=False))
        assert gaps_array(refs).tolist() == gaps(refs.tolist())
        assert docset_array(refs, count) == docset(refs.tolist(), count)
    leading = np.array([1700, *range(1800, 1800 + 2 * SHORT)])  # gaps that start with "~"
    assert pack_array(gaps_array(leading)).startswith("~")
    assert docset_array(leading, 10**6) == docset(leading.tolist(), 10**6)


def test_a_big_term_s_head_holds_its_heaviest_articles() -> None:
    """A term in many articles: its head has the eighth (at least HEAD_ALL) it weighs most
    in, equal weights in article order; each tier says what a later article weighs at most."""
    docs = ordered(docs_from_content(ROOT / "content"))
    weighing = shards._Weighing.of(docs)
    assert weighing is not None
    big = [t for t in weighing.arrays(0, len(weighing.vocabulary)) if len(t.docs) > 400]
    assert big
    for t in big:
        head, tails = shards.term_entry(t, len(docs))
        listed = t.listed()
        sums = [0] * len(listed.docs)
        for number, field_weights in enumerate(listed.weights):
            at = [p for p, m in enumerate(listed.masks) if m >> number & 1]
            for p, w in zip(at, field_weights, strict=True):
                sums[p] += w
        heaviest = sorted(range(len(sums)), key=lambda p: (-sums[p], p))
        ranges = shards.tier_ranges(len(sums))
        assert ranges[0] == (0, max(shards.HEAD_ALL, -(-len(sums) // shards.HEAD_SHARE)))
        tiers = [_ungap(unpack(head[3]))] + [_ungap(unpack(entry[0])) for _key, entry in tails]
        taus = [head[4]] + [entry[3] for _key, entry in tails]
        assert len(tiers) == len(ranges) == head[5] + 1
        for (start, end), tier, tau in zip(ranges, tiers, taus, strict=True):
            assert tier == sorted(heaviest[start:end])
            assert tau == (sums[heaviest[end]] if end < len(sums) else 0)


def _ungap(values: list[int]) -> list[int]:
    out, at = [], -1
    for value in values:
        at += value + 1
        out.append(at)
    return out


def test_the_browser_decodes_every_docset_the_writer_writes(tmp_path: Path) -> None:
    """Sets of articles packed by shards.py and unpacked by the browser's pack.js are the same."""
    node = shutil.which("node")
    assert node, "node is needed for the search tests (./dev test)"
    count = 50_000
    sets = [[first] for first in range(1600, 1800)]
    sets += [[first, first + 9, count - 1] for first in (0, 1663, 1664, 1727, 1728, 44_928)]
    sets += [list(range(0, count, 3)), list(range(1, count)), []]
    cases = tmp_path / "docsets.json"
    cases.write_text(json.dumps({"count": count, "packed": [docset(s, count) for s in sets]}))
    script = (
        "import { readFileSync } from 'node:fs';"
        f"import {{ docset }} from {json.dumps(str(ROOT / 'theme/static/js/search/pack.js'))};"
        "const { count, packed } = JSON.parse(readFileSync(process.argv[1], 'utf8'));"
        "process.stdout.write(JSON.stringify(packed.map((text) => [...docset(text, count)])));"
    )
    run = subprocess.run(
        [node, "--input-type=module", "-e", script, str(cases)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    decoded = json.loads(run.stdout)
    wrong = [s[:3] for s, d in zip(sets, decoded, strict=True) if s != d]
    assert wrong == []


def test_single_docs_are_published_only_when_asked(tmp_path: Path) -> None:
    """ARCHIVE_SEARCH_SINGLE_DOCS: each row in a file of its own too, the same row as in
    its shared file; turned off, the next build removes those files."""
    docs = ordered(docs_from_content(ROOT / "content"))
    folder = tmp_path / "search"

    def shared_rows() -> list:
        files = sorted((folder / "docs").glob("*.json"), key=lambda p: int(p.stem))
        return [row for f in files for row in json.loads(f.read_text("utf-8"))["docs"]]

    write_shards(folder, docs, {}, {}, single_docs=True)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["singleDocs"] is True
    rows = shared_rows()
    assert len(rows) == len(docs) == len(list((folder / "doc").iterdir()))
    for ref in (0, len(docs) // 2, len(docs) - 1):
        assert json.loads((folder / "doc" / f"{ref}.json").read_text("utf-8")) == rows[ref]

    write_shards(folder, docs, {}, {})
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["singleDocs"] is False
    assert not (folder / "doc").exists()
    assert shared_rows() == rows


@pytest.mark.build
def test_terms_written_in_forked_workers_are_the_same_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An incremental build writes the terms' entries on every core: the same bytes, and
    the work really is shared (each worker gets runs of terms)."""
    docs = ordered(docs_from_content(ROOT / "content"))
    forked: list[int] = []
    fork_each = shards.workers.fork_each

    def counted(function, items, count, nice=0):  # type: ignore[no-untyped-def]
        forked.append(len(items))
        return fork_each(function, items, count, nice)

    monkeypatch.setattr(shards.workers, "fork_each", counted)
    one = shards.shard_files(docs, {}, {})
    assert forked == []
    two = shards.shard_files(docs, {}, {}, processes=2)
    assert forked and forked[0] >= 2 * shards.SHARES_PER_PROCESS - 1
    assert two == one
    assert shards.shard_files(docs, {}, {}, processes=2, nice=10) == one  # yielding the cores


def test_first_positions_are_numpys_unique_ones(monkeypatch) -> None:
    """Terms are numbered by first occurrence (``_first_occurrences``) from the smallest
    position of each number, a run of postings at a time: the same as sorting them."""
    monkeypatch.setattr(shards, "FIRSTS_RUN", 7)  # many runs, a number's first in any
    rng = np.random.default_rng(5)
    for size in (0, 1, 6, 7, 8, 500):
        ids = rng.integers(0, 40, size, dtype=np.int32)
        terms, first = shards._first_positions(ids)
        expected = np.unique(ids, return_index=True)
        assert terms.tolist() == expected[0].tolist() and first.tolist() == expected[1].tolist()
