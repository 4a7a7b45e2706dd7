"""The Workspace opens a dossier in stages with progress, and searches before the index is ready."""

from __future__ import annotations

import threading

from dossier_tui.index import DossierIndex
from dossier_tui.pipeline import Workspace

GULEVICH_ARTICLES = {"000_037e540408ff3126", "002_e4a5ddeb4f614bb8"}


def test_stages_report_progress_in_order(seeds_dir):
    seen = []
    workspace = Workspace(seeds_dir).open_all(lambda stage, done, total: seen.append((stage, done, total)))
    stages = [stage for stage, _, _ in seen]
    assert stages.index("load") < stages.index("index")
    assert ("load", 5, 5) in seen and ("index", 5, 5) in seen
    assert len(workspace.dossier.articles) == 5
    assert isinstance(workspace.search_index, DossierIndex)


def test_default_is_the_builtin_dossier():
    workspace = Workspace()
    assert len(workspace.load().articles) == 5


def test_search_scans_until_the_index_is_ready_with_the_same_answer(seeds_dir):
    workspace = Workspace(seeds_dir)
    workspace.load()
    before = workspace.search("Gulev")
    assert workspace.search_index is None
    workspace.index()
    after = workspace.search("Gulev")
    assert {h.article_id for h in before.hits} == {h.article_id for h in after.hits} == GULEVICH_ARTICLES
    assert before.hits[0].highlights == after.hits[0].highlights


def test_search_answers_while_the_index_builds_in_another_thread(seeds_dir):
    workspace = Workspace(seeds_dir)
    workspace.load()
    workspace.analyze()
    searched = threading.Event()
    waited = []

    def hold_the_build(stage, done, total):
        # The build waits here for a search from the other thread: a search that waited for the
        # build instead would time out this wait.
        if stage == "index" and not waited:
            waited.append(searched.wait(timeout=10))

    builder = threading.Thread(target=workspace.index, args=(hold_the_build,))
    builder.start()
    found = {h.article_id for h in workspace.search("Gulevich").hits}
    searched.set()
    builder.join()
    assert waited == [True]
    assert found == GULEVICH_ARTICLES
    assert {h.article_id for h in workspace.search("Gulevich").hits} == GULEVICH_ARTICLES


def test_second_workspace_reuses_the_index(seeds_dir):
    Workspace(seeds_dir).open_all()
    workspace = Workspace(seeds_dir)
    workspace.load()
    workspace.analyze()
    seen = []
    workspace.index(lambda stage, done, total: seen.append(done))
    assert workspace.notices == []
    assert all(done == 0 for done in seen)
