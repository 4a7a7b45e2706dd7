"""Reopening an unchanged dossier does no extraction: results come from the on-disk cache."""

from __future__ import annotations

from dossier_tui.analysis import analyze, analyzer
from dossier_tui.corpus import load_dossier
from dossier_tui.locations import cache_dir


def test_reopening_an_unchanged_dossier_extracts_nothing(dossier_copy, monkeypatch):
    first = analyze(load_dossier(dossier_copy))
    assert (first.extracted, first.cached) == (5, 0)
    assert any((cache_dir() / "analysis").iterdir())

    def no_extraction(article):
        raise AssertionError(f"{article.id} was extracted again")

    monkeypatch.setattr(analyzer, "analyze_article", no_extraction)
    second = analyze(load_dossier(dossier_copy))
    assert (second.extracted, second.cached) == (0, 5)
    assert [(e.name, e.count) for e in second.entities] == [(e.name, e.count) for e in first.entities]
    assert [(q.text, q.speaker) for q in second.quotes] == [(q.text, q.speaker) for q in first.quotes]


def test_a_changed_article_alone_is_extracted_again(dossier_copy):
    analyze(load_dossier(dossier_copy))
    path = next(dossier_copy.glob("002_*.txt"))
    text = path.read_text(encoding="utf-8").replace("First a little background.", "First, Viacorka said, background.")
    path.write_text(text, encoding="utf-8")
    again = analyze(load_dossier(dossier_copy))
    assert (again.extracted, again.cached) == (1, 4)
    assert again.entity("Viacorka").count == 6

def test_a_corrupt_cache_costs_speed_not_results(dossier_copy):
    expected = analyze(load_dossier(dossier_copy))
    for file in (cache_dir() / "analysis").iterdir():
        file.write_bytes(b"not a database")
    again = analyze(load_dossier(dossier_copy))
    assert [e.name for e in again.entities] == [e.name for e in expected.entities]


def test_an_unusable_cache_folder_costs_speed_not_results(dossier_copy, tmp_path, monkeypatch):
    expected = analyze(load_dossier(dossier_copy))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    again = analyze(load_dossier(dossier_copy))
    assert (again.extracted, again.cached) == (5, 0)
    assert [(e.name, e.count) for e in again.entities] == [(e.name, e.count) for e in expected.entities]
