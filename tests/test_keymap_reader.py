"""The keymap in the real reader on the seed dossier: vim sequences, the help, a broken user file."""

from __future__ import annotations

from dossier_tui.app import DossierApp
from dossier_tui.app.article_list import ArticleList
from dossier_tui.app.help_screen import HelpScreen
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.app.status_line import StatusLine


async def _open_first_article(app, pilot) -> ReadingView:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    reader = app.query_one(ReadingView)
    assert reader.has_focus and reader.article is not None
    return reader


async def test_gg_G_and_brackets_move_the_paragraph_cursor_under_vim(seeds_dir):
    app = DossierApp(seeds_dir, keymap="vim")
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await _open_first_article(app, pilot)
        last = len(reader.blocks) - 1
        await pilot.press("G")
        assert reader.cursor == last
        await pilot.press("g")
        assert app.query_one(StatusLine).notice.startswith("g …")
        await pilot.press("g")
        assert reader.cursor == 0
        # `] ]` and `[ [` do what j and k do (a paragraph taller than the view scrolls through first).
        await pilot.press("]", "]", "]", "]", "]", "]")
        after_brackets = (reader.cursor, reader.scroll_offset.y)
        await pilot.press("[", "[")
        back = (reader.cursor, reader.scroll_offset.y)
        await pilot.press("g", "g", "j", "j", "j")
        assert (reader.cursor, reader.scroll_offset.y) == after_brackets
        await pilot.press("k")
        assert (reader.cursor, reader.scroll_offset.y) == back
        assert after_brackets[0] > 0
        await pilot.press("g", "g", "ctrl+d")
        assert reader.scroll_offset.y > 0


async def test_the_default_keymap_has_no_sequences(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await _open_first_article(app, pilot)
        await pilot.press("end", "g")
        assert reader.cursor == 0  # `g` alone is the top: nothing held, nothing shown
        assert not app.query_one(StatusLine).notice.startswith("g …")


async def test_help_in_the_reader_lists_the_keys_in_force(seeds_dir, write_user_keymap):
    write_user_keymap("extends: vim\nreader:\n  copy: {keys: [Y], description: Copy with source}\n")
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_first_article(app, pilot)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(str(static.render()) for static in app.screen.query(".help-context"))
        assert shown.splitlines()[0] == "Reading view  (here)"
        table = app.screen.query("Static")[1].content
        rows = list(zip(*([str(cell) for cell in column.cells] for column in table.columns)))
        assert ("Y", "Copy with source", "reader.copy") in rows
        assert ("g g, home", "Top", "reader.top") in rows
        await pilot.press("escape")
        assert app.query_one(ReadingView).has_focus
        await pilot.press("Y")
        assert "terminal's clipboard" in app.main.status.notice  # in the status line, not a toast
        assert not app._notifications


async def test_a_broken_user_keymap_leaves_the_default_keys_and_a_notice(seeds_dir, write_user_keymap):
    path = write_user_keymap("reader:\n  copy: [shift+y]\n")
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await _open_first_article(app, pilot)
        messages = [text for _, text in app.main.status.messages]  # the message log (L)
        assert messages == [
            f"Keymap not applied: {path}:2: reader.copy: 'shift+y': write the capital letter 'Y' instead",
            "(keymap not applied: using the default keys)",
        ]
        assert app.main.status.notice.startswith("Keymap not applied: ") and not app._notifications
        await pilot.press("end")
        assert reader.cursor == len(reader.blocks) - 1


async def test_emacs_keys_move_the_list_and_the_footer_names_the_palette_key(seeds_dir):
    app = DossierApp(seeds_dir, keymap="emacs")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        articles = app.query_one(ArticleList)
        start = articles.highlighted
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+p")
        assert articles.highlighted == start + 1
        palette = app.query_one(".-command-palette")
        assert (palette.key_display, palette.description) == ("alt+x", "Commands")


async def test_the_command_palette_shows_the_keys_in_force(seeds_dir):
    app = DossierApp(seeds_dir, keymap="vim")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        helps = {command.help for command in app.get_system_commands(app.screen)}
        assert "reader.top (g g, home)" in helps
        assert "reader.page_down (ctrl+d, ctrl+f, pagedown, space)" in helps


async def test_zz_centres_the_paragraph_under_the_cursor_under_vim(seeds_dir):
    app = DossierApp(seeds_dir, keymap="vim")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "j", "enter")  # 002, the longest seed
        await app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.query_one(ReadingView)
        assert reader.article.id.startswith("002")
        await pilot.press(*["j"] * 6)
        view = reader.scrollable_content_region.height
        rows = min(reader._rows_of(reader.cursor), view)

        def above() -> int:  # rows of the view above the cursor paragraph
            return reader._starts[reader.cursor] - int(reader.scroll_offset.y)

        centred = view // 2 - rows // 2
        assert above() != centred
        await pilot.press("z", "z")
        assert above() == centred
