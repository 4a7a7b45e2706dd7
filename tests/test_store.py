"""The reader remembers the last article and paragraph per dossier, and survives a damaged state file."""

from __future__ import annotations

from dossier_tui import store


def test_position_round_trip_per_dossier(seeds_dir, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    store.save_position(seeds_dir, store.ReadingPosition("002_e4a5ddeb4f614bb8", 4))
    store.save_position(other, store.ReadingPosition("x", 1))
    assert store.load_position(seeds_dir) == store.ReadingPosition("002_e4a5ddeb4f614bb8", 4)
    assert store.load_position(other) == store.ReadingPosition("x", 1)


def test_nothing_remembered_and_damaged_file_mean_none(seeds_dir, user_dirs):
    assert store.load_position(seeds_dir) is None
    store.save_position(seeds_dir, store.ReadingPosition("a", 2))
    (state,) = (user_dirs["data"]).rglob("*.json")
    state.write_text("{not json", encoding="utf-8")
    assert store.load_position(seeds_dir) is None
    store.save_position(seeds_dir, store.ReadingPosition("b", 0))
    assert store.load_position(seeds_dir) == store.ReadingPosition("b", 0)
    assert [p.name for p in state.parent.iterdir()] == [state.name]  # no temp files left behind


def test_article_listing_round_trip(seeds_dir):
    from dossier_tui.corpus import load_dossier

    articles = load_dossier(seeds_dir).articles
    assert store.load_listing(seeds_dir) == []
    store.save_listing(seeds_dir, articles)
    listed = store.load_listing(seeds_dir)
    assert [(a.id, a.title, a.source, a.date) for a in listed] == [(a.id, a.title, a.source, a.date) for a in articles]
    assert all(not a.paragraphs for a in listed)  # titles only: the text comes from loading
