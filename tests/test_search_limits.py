"""Queries written to break the parser or the index (issue 14, Medium and Low): a result and at
most one notice, never a RecursionError, a silent impossible date or a misleading total."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dossier_tui.index.query_parser import MAX_CLAUSES, parse
from dossier_tui.pipeline import Workspace

HUGE = {
    "a thousand words": " ".join(f"word{n}" for n in range(1000)),
    "one word a thousand times": " ".join(["belarus"] * 1000),
    "a thousand exclusions": " ".join(f"-w{n}" for n in range(1000)),
    "a thousand dates": " ".join(["date:2023"] * 1000),
    "a thousand different dates": " ".join(f"date:{1000 + n}" for n in range(1000)),
    "a thousand ORs": " OR ".join(f"w{n}" for n in range(1000)),
    "a phrase of a thousand words": '"' + " ".join(f"w{n}" for n in range(1000)) + '"',
    "OR groups": " ".join(" OR ".join(f"w{i}x{j}" for i in range(70)) for j in range(70)),
}


@pytest.mark.parametrize("query", HUGE.values(), ids=HUGE.keys())
def test_huge_queries_answer_in_the_index_and_the_scan(seeds_workspace, query):
    from dossier_tui.index import ScanSearch

    workspace = seeds_workspace
    for engine in (workspace.search_index, ScanSearch(workspace.dossier, workspace.analysis)):
        result = engine.search(query, 20)
        assert result.total >= len(result.hits)
    assert len(parse(query).notice or "") < 300  # one notice, not one per clause


def test_repeated_clauses_count_once_and_long_queries_are_cut_with_a_notice():
    assert parse("belarus " * 500).notice is None
    cut = parse(" ".join(f"word{n}" for n in range(500)))
    assert len(cut.root.nodes) == MAX_CLAUSES and "first 64 terms" in cut.notice


@pytest.mark.parametrize(
    ("clause", "reason"),
    [("date:2023-13-45", "not a day"), ("date:0000-00-00", "not a day"), ("date:2023-02-29", "not a day"),
     ("date:2017-02..2016-01", "ends before it starts"), ("date:>2023-04-31", "not a day")],
)
def test_an_impossible_date_is_left_out_with_a_notice(clause, reason):
    parsed = parse(f"belarus {clause} ")
    assert reason in parsed.notice and clause in parsed.notice
    assert parsed.root is not None and "DateRange" not in repr(parsed.root)


def test_real_dates_and_ranges_still_parse():
    for clause in ("date:2024-02-29", "date:2017-02..2017-03", "date:2017..2017-05", "date:<2017-03"):
        assert parse(f"belarus {clause} ").notice is None, clause


def test_totals_never_promise_more_than_was_found(news_dossier, monkeypatch, tmp_path):
    # Whoosh estimates a phrase's matches from its words: on 83 NewsArticles '"trump said"' has
    # 5 hits and was announced as "5 of about 33" (and "0 of about 83" for phrases found nowhere).
    workspace = Workspace(news_dossier(83, "md"))
    workspace.index()
    for query in ('"trump said"', '"the president said"', '"of the"', "trum", "the", "trump date:1990"):
        for limit in (1, 20, 100):
            result = workspace.search(query, limit)
            assert result.total >= len(result.hits), query
            if len(result.hits) < limit:
                assert result.total == len(result.hits), (query, limit, result.total)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "dossier_tui", *args], capture_output=True, text=True, timeout=120)


def test_a_thousand_word_search_from_the_cli_is_not_a_traceback(seeds_dir):
    run = cli("search", "-d", str(seeds_dir), "--json", *(["belarus"] * 1000), *(f"-w{n}" for n in range(1000)))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-500:]
    assert json.loads(run.stdout)


def test_excluded_words_need_no_double_dash(seeds_dir):
    everything = {hit["id"] for hit in json.loads(cli("search", "-d", str(seeds_dir), "--json", "belarus").stdout)}
    run = cli("search", "-d", str(seeds_dir), "--json", "belarus", "-gulevich")
    assert run.returncode == 0, run.stderr
    fewer = {hit["id"] for hit in json.loads(run.stdout)}
    assert fewer and fewer < everything
    assert cli("search", "-d", str(seeds_dir), "belarus", "--bogus").returncode == 2


def test_an_unknown_article_id_is_reported_before_any_build(seeds_dir, user_dirs):
    for args in (("related", "nope"), ("compare", "nope", "000_037e540408ff3126")):
        run = cli(args[0], "-d", str(seeds_dir), *args[1:])
        assert run.returncode == 2 and "no article with id 'nope'" in run.stderr
    built = [p.name for p in user_dirs["cache"].rglob("*") if p.is_dir()]
    assert "index" not in built and "related" not in built, built
