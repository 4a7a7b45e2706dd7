"""What the reader looks like (SVG snapshots): main screen and a seed article with highlights at
50x15, 80x24, 120x40 and 200x60, the help at 80x24 and 120x40, and the article under NO_COLOR.
Regenerate with `pytest --snapshot-update` (in a commit that says what changed on screen and why)."""

from __future__ import annotations

import pytest

from dossier_tui.app import DossierApp
from dossier_tui.app.search_bar import SearchBar

SIZES = [(80, 24), (120, 40)]
ALL_SIZES = [(50, 15), (80, 24), (120, 40), (200, 60)]
ALL_IDS = ["50x15", "80x24", "120x40", "200x60"]


async def _ready(pilot) -> None:
    pilot.app.query_one(SearchBar).cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open_gulevich(pilot) -> None:
    await _ready(pilot)
    await pilot.press("/", *"Gulevich", "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.press("n")
    await pilot.pause()


async def _help(pilot) -> None:
    await _ready(pilot)
    await pilot.press("enter", "?")
    await pilot.pause()


@pytest.mark.parametrize("size", ALL_SIZES, ids=ALL_IDS)
def test_main_screen(snap_compare, seeds_dir, size):
    assert snap_compare(DossierApp(seeds_dir), terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", ALL_SIZES, ids=ALL_IDS)
def test_article_with_highlights(snap_compare, seeds_dir, size):
    assert snap_compare(DossierApp(seeds_dir), terminal_size=size, run_before=_open_gulevich)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_help_screen(snap_compare, seeds_dir, size):
    assert snap_compare(DossierApp(seeds_dir), terminal_size=size, run_before=_help)


def test_article_with_highlights_no_color(snap_compare, seeds_dir, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(DossierApp(seeds_dir), terminal_size=(80, 24), run_before=_open_gulevich)


async def _analysed(pilot) -> None:
    await _ready(pilot)
    for _ in range(500):  # the stages may not have started when the workers were first awaited
        if pilot.app.session.analysis is not None and pilot.app.session.related is not None:
            break
        await pilot.pause(0.01)
    await pilot.app.workers.wait_for_complete()


async def _entities(pilot) -> None:
    await _analysed(pilot)
    await pilot.press("e")
    await pilot.pause()


async def _quotes(pilot) -> None:
    await _analysed(pilot)
    await pilot.press("Q")
    await pilot.pause()
    for _ in range(500):  # the quotes other sources carry are found in a thread started after the first frame
        if pilot.app.screen.carried is not None:
            break
        await pilot.pause(0.01)
    await pilot.pause()


def test_entities_screen(snap_compare, seeds_dir):
    assert snap_compare(DossierApp(seeds_dir), terminal_size=(80, 24), run_before=_entities)


def test_quotes_screen(snap_compare, seeds_dir):
    assert snap_compare(DossierApp(seeds_dir), terminal_size=(80, 24), run_before=_quotes)
