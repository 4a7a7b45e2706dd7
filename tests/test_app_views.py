"""The reader's other views on the seed dossier (Pilot): entities filter, quotes, help, copy, related."""

from __future__ import annotations

import yaml
from textual.command import CommandList

from dossier_tui.app import DossierApp
from dossier_tui.app.article_list import ArticleList
from dossier_tui.app.entities_screen import EntitiesScreen, EntityRows
from dossier_tui.app.help_screen import HelpScreen
from dossier_tui.app.quotes_screen import QuotesScreen
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.app.related_panel import RelatedPanel

GULEVICH = {"000_037e540408ff3126", "002_e4a5ddeb4f614bb8"}


async def press_until(pilot, key: str, done, limit: int = 300) -> None:
    """Press KEY until DONE() holds: bounded, so a regression fails here instead of hanging CI."""
    for _ in range(limit):
        if done():
            return
        await pilot.press(key)
    assert done(), f"still not there after {limit} presses of {key!r}"


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def pick_entity(app, pilot, name: str) -> None:
    """Open the entities view and move the cursor to `name`, as a user would with j."""
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, EntitiesScreen)
    entities = app.screen.query_one(EntityRows)
    for _ in range(len(entities.entries)):
        if entities.highlighted.name == name:
            return
        await pilot.press("j")
    raise AssertionError(f"{name} is not in the entities view")


async def test_entity_filter_narrows_the_list_and_highlights_mentions(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pick_entity(app, pilot, "Viktor Gulevich")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EntitiesScreen)
        assert {row.article.id for row in app.query_one(ArticleList).rows} == GULEVICH
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ReadingView)
        # the mentions are the hits: the cursor starts on the first one, n walks through them
        assert "Gulevich" in reader.article.paragraphs[reader.paragraph].text
        assert reader._hits and all(
            "Gulevich" in reader.article.paragraphs[h.paragraph].text[h.start : h.end] for h in reader._hits
        )


async def test_rename_writes_aliases_yaml_and_applies_it(dossier_copy):
    dossier = dossier_copy
    app = DossierApp(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pick_entity(app, pilot, "Viktor Gulevich")
        await pilot.press("R", *"Viktar Hulevich", "enter")
        await settle(app, pilot)
        assert yaml.safe_load((dossier / "aliases.yaml").read_text(encoding="utf-8")) == {
            "rename": {"Viktor Gulevich": "Viktar Hulevich"}
        }
        assert app.session.analysis.entity("Gulevich").name == "Viktar Hulevich"


async def test_quotes_view_jumps_to_the_quote(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("Q")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        quote = app.screen.query_one("#quotes").highlighted
        article_id, paragraph = quote.article_id, quote.paragraph
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ReadingView)
        assert (reader.article.id, reader.paragraph) == (article_id, paragraph)


async def test_help_lists_the_keys(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_copy_puts_the_paragraph_and_its_citation_on_the_clipboard(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("end", "enter")
        reader = app.query_one(ReadingView)
        await press_until(pilot, "j", lambda: reader.blocks[reader.cursor].kind == "text")  # past the header
        article = reader.article
        paragraph = article.paragraphs[reader.paragraph].text
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“" + paragraph[:40])
        assert f"— {article.source}, “{article.title}”" in app.clipboard


async def test_related_panel_follows_the_cursor_and_jumps_to_the_other_source(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # 000: the Gulevich article
        reader = app.query_one(ReadingView)
        panel = app.query_one(RelatedPanel)
        letter = next(p.index for p in reader.article.paragraphs if "conducting explanatory work" in p.text)
        await press_until(pilot, "j", lambda: reader.paragraph == letter)
        await settle(app, pilot)
        # the resignation letter: 002 carries the same text, and it comes first
        assert (panel.links[0].article_id, panel.links[0].kind) == ("002_e4a5ddeb4f614bb8", "same")
        at_letter = [(link.article_id, link.paragraph) for link in panel.links]
        await pilot.press("k")
        await settle(app, pilot)
        assert [(link.article_id, link.paragraph) for link in panel.links] != at_letter
        await pilot.press("j")
        await settle(app, pilot)
        assert [(link.article_id, link.paragraph) for link in panel.links] == at_letter
        target = panel.links[0]
        await pilot.press("tab", "enter")
        await settle(app, pilot)
        assert (reader.article.id, reader.paragraph) == (target.article_id, target.paragraph)
        assert "explanatory work" in reader.article.paragraphs[reader.paragraph].text.lower()
        # the shared words are highlighted there as hits
        text = reader.article.paragraphs[reader.paragraph].text
        assert reader._hits and all(h.paragraph == reader.paragraph for h in reader._hits)
        assert "explanatory" in " ".join(text[h.start : h.end].lower() for h in reader._hits)
        await pilot.press("backspace")
        assert (reader.article.id, reader.paragraph) == ("000_037e540408ff3126", letter)


async def test_compare_aligns_the_open_article_with_the_one_highlighted_in_the_list(seeds_dir):
    from dossier_tui.app.compare_screen import CompareScreen

    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "escape", "down", "down", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.a.id, app.screen.b.id) == ("000_037e540408ff3126", "002_e4a5ddeb4f614bb8")
        # the resignation letter both carry is one aligned "shared" row
        assert any(row.kind == "shared" for row in app.screen.alignment.rows)
        await pilot.press("escape")
        assert not isinstance(app.screen, CompareScreen)


async def test_command_palette_runs_reader_actions(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("end", "enter")  # 004, which has page furniture folded away
        reader = app.query_one(ReadingView)
        assert not reader.show_furniture
        await pilot.press("ctrl+p", *"furniture")
        commands = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches its providers in the background
            if commands.option_count:
                break
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.show_furniture


async def test_related_panel_is_toggled_under_the_text_at_80_columns(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        panel = app.query_one(RelatedPanel)
        reader = app.query_one(ReadingView)
        assert not panel.display or panel.region.width == 0
        await pilot.press("enter", "r")
        await pilot.pause()
        assert panel.region.width > 0 and panel.region.y > reader.region.y  # below the text
        await pilot.press("r")
        await pilot.pause()
        assert panel.region.width == 0


async def test_merge_and_split_write_aliases_yaml(dossier_copy):
    dossier = dossier_copy
    app = DossierApp(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # Lukashenka is one spelling of Alexander Lukashenko: split it off, then merge it back.
        await pick_entity(app, pilot, "Alexander Lukashenko")
        await pilot.press("s", *"Lukashenka", "enter")
        await settle(app, pilot)
        assert app.session.analysis.entity("Lukashenka").name == "Lukashenka"
        await pick_entity(app, pilot, "Lukashenka")
        await pilot.press("m")
        entities = app.screen.query_one(EntityRows)
        await press_until(pilot, "k", lambda: entities.highlighted.name == "Alexander Lukashenko")
        await pilot.press("enter")
        await settle(app, pilot)
        assert yaml.safe_load((dossier / "aliases.yaml").read_text(encoding="utf-8")) == {
            "split": ["Lukashenka"],
            "merge": [["Alexander Lukashenko", "Lukashenka"]],
        }
        assert app.session.analysis.entity("Lukashenka").name == "Alexander Lukashenko"
