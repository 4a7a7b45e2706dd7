"""With the analysis: entity fields and alias-aware search (one spelling of a person finds the others)."""

from __future__ import annotations

import pytest

from dossier_tui.index import ScanSearch
from dossier_tui.pipeline import Workspace

A000, A001, A002, A003, A004 = (
    "000_037e540408ff3126", "001_4b140442f7eb92c8", "002_e4a5ddeb4f614bb8",
    "003_ecac462b4844b263", "004_2046b0676354d8cc",
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    # Module-scoped, so not the per-test monkeypatch: the cache dir is restored after the module.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        workspace = Workspace().open_all()
        assert workspace.analysis is not None, "dossier_tui.analysis is part of the package"
        yield workspace


def both(workspace, query):
    scan = ScanSearch(workspace.dossier, workspace.analysis)
    return workspace.search(query), scan.search(query)


def marked(workspace, hit):
    texts = {p.index: p.text for p in workspace.dossier.get(hit.article_id).paragraphs}
    return {texts[h.paragraph][h.start : h.end] for h in hit.highlights}


@pytest.mark.parametrize("query", ["Tsikhanouskaya ", "Tikhanovskaya ", "person:Tsikhanouskaya"])
def test_one_spelling_finds_the_other(workspace, query):
    # 002 writes Svetlana Tikhanovskaya, 004 Sviatlana Tsikhanouskaya: one person.
    for result in both(workspace, query):
        assert {hit.article_id for hit in result.hits} == {A002, A004}
        for hit in result.hits:
            assert marked(workspace, hit) & {"Tikhanovskaya", "Svetlana Tikhanovskaya", "Sviatlana Tsikhanouskaya"}


def test_person_field_matches_people_only(workspace):
    for result in both(workspace, "person:Gulevich "):
        assert {hit.article_id for hit in result.hits} == {A000, A002}
    # "Minsk" is a place: no article has a person of that name.
    for result in both(workspace, "person:Minsk "):
        assert result.hits == []
    for result in both(workspace, "place:Minsk "):
        assert {hit.article_id for hit in result.hits} == {A002, A004}


def test_speaker_field(workspace):
    speakers = {q.article_id for q in workspace.analysis.quotes if q.speaker == "Valery Kavaleuski"}
    assert speakers
    for result in both(workspace, 'speaker:"Valery Kavaleuski"'):
        assert {hit.article_id for hit in result.hits} == speakers


def test_alias_highlights_mark_the_other_spelling(workspace):
    index_result, _ = both(workspace, "Lukashenka ")
    hit = next(h for h in index_result.hits if h.article_id == A001)
    assert "Lukashenko" in " ".join(marked(workspace, hit))
