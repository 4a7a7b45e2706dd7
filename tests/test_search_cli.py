"""`dossier search` as a script uses it: JSON hits on the seeds, exit codes, notices on stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dossier_tui.cli.main import main

GULEVICH_ARTICLES = {"000_037e540408ff3126", "002_e4a5ddeb4f614bb8"}


def search(capsys, seeds_dir, *args):
    code = main(["search", "-d", str(seeds_dir), *args, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


@pytest.mark.parametrize("query", ["Gulevich", "Gulev", "gulevich"])
def test_gulevich_finds_exactly_the_two_articles_that_name_him(capsys, seeds_dir, query):
    code, hits, _ = search(capsys, seeds_dir, query)
    assert code == 0
    assert {hit["id"] for hit in hits} == GULEVICH_ARTICLES


def test_hits_carry_offsets_of_the_matched_words(capsys, seeds_dir):
    from dossier_tui.corpus import load_dossier

    dossier = load_dossier(seeds_dir)
    _, hits, _ = search(capsys, seeds_dir, "Gulevich")
    for hit in hits:
        assert set(hit) == {"id", "title", "source", "date", "score", "snippet", "highlights"}
        texts = {p.index: p.text for p in dossier.get(hit["id"]).paragraphs}
        marked = [texts[h["paragraph"]][h["start"] : h["end"]] for h in hit["highlights"]]
        # The word itself, or the whole name when the analysis knows him (Viktor Gulevich).
        assert marked and all(word in ("Gulevich", "Viktor Gulevich") for word in marked)
        assert "Gulevich" in hit["snippet"]
    # 000 names him in three paragraphs: every occurrence is marked, not only the best passage.
    first = next(hit for hit in hits if hit["id"] == "000_037e540408ff3126")
    assert len({h["paragraph"] for h in first["highlights"]}) >= 2


def test_a_phrase_finds_only_the_article_that_has_it(capsys, seeds_dir):
    code, hits, _ = search(capsys, seeds_dir, '"letter of resignation"')
    assert code == 0
    assert [hit["id"] for hit in hits] == ["002_e4a5ddeb4f614bb8"]


def test_nothing_found_exits_1(capsys, seeds_dir):
    code, hits, _ = search(capsys, seeds_dir, "zanzibar ")
    assert code == 1
    assert hits == []


def test_limit(capsys, seeds_dir):
    _, hits, _ = search(capsys, seeds_dir, "Belarus", "--limit", "2")
    assert len(hits) == 2


@pytest.mark.parametrize("query", ['"Gulevich resign', "OR", "Gulevich AND", "*Gulevich", "NOT"])
def test_broken_queries_answer_with_a_notice_never_a_traceback(seeds_dir, query):
    done = subprocess.run(
        [sys.executable, "-m", "dossier_tui", "search", "-d", str(seeds_dir), query, "--json"],
        capture_output=True, text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert "notice:" in done.stderr
    if "Gulevich" in query:
        assert {hit["id"] for hit in json.loads(done.stdout)} == GULEVICH_ARTICLES


def test_plain_output_lists_titles(capsys, seeds_dir):
    code = main(["search", "-d", str(seeds_dir), "Gulevich"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Belarus Major General Resigns" in out
