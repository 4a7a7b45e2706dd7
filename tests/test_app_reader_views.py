"""The reading view's own tools (issue #10): find in the article, copy, notices in the status line
and the message log instead of toasts, the related jump's scroll, and a cache that cannot show
another article's lines (issue #14)."""

from __future__ import annotations

import io
import shutil

from dossier_tui.app import DossierApp, main_screen
from dossier_tui.app.messages_screen import MessagesScreen
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.app.status_line import StatusLine
from dossier_tui.model import Article, Kind, Paragraph


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def opened(app, pilot, article_id: str) -> ReadingView:
    for _ in range(500):  # the open stage starts after the first frame
        if app.session.dossier is not None:
            break
        await pilot.pause(0.01)
    await settle(app, pilot)
    app.main.open_article(article_id)
    await pilot.pause()
    return app.query_one(ReadingView)


def visible_text(reader: ReadingView) -> str:
    return "\n".join("".join(s.text for s in reader.render_line(y)) for y in range(reader.scrollable_content_region.height))


async def test_find_in_the_article_walks_its_matches_and_escape_clears_them(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(app, pilot, "000_037e540408ff3126")
        wanted = sum(p.text.lower().count("gulevich") for p in reader.article.paragraphs)
        assert wanted >= 3
        await pilot.press("F", *"gulevich", "enter")
        await pilot.pause()
        status = app.query_one(StatusLine)
        assert reader.find_query == "gulevich" and len(reader._hits) >= 3
        assert all(reader.article.paragraphs[h.paragraph].text[h.start : h.end].lower() == "gulevich" for h in reader._hits)
        assert status.hits == f"hit 1/{len(reader._hits)}"
        assert app.session.dossier.get(reader.article.id) is reader.article  # the dossier search was not used
        await pilot.press("n")
        assert status.hits == f"hit 2/{len(reader._hits)}"
        assert "Gulevich" in visible_text(reader)
        await pilot.press("escape")  # clears the find, stays in the article
        await pilot.pause()
        assert reader._hits == [] and reader.find_query == "" and status.hits == ""
        assert not any(kind.startswith("hit") for marks in reader._marks.values() for kind in (m.kind for m in marks))
        assert reader.has_focus


async def test_find_with_nothing_typed_clears_and_escape_in_the_prompt_restores(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(app, pilot, "000_037e540408ff3126")
        await pilot.press("F", *"belarus", "enter")
        found = list(reader._hits)
        assert found
        await pilot.press("F", "backspace", "backspace", *"xyzzy")  # no match while typing...
        await pilot.pause()
        assert reader._hits == []
        await pilot.press("escape")  # ...and escape puts back the find before the prompt
        await pilot.pause()
        assert reader._hits == found and reader.find_query == "belarus"
        await pilot.press("F", "ctrl+a", "ctrl+k", "enter")  # an empty find clears
        await pilot.pause()
        assert reader._hits == [] and reader.find_query == ""


async def test_copy_has_no_doubled_quote_marks_and_says_where_it_went(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot, "000_037e540408ff3126")
        quoted = next(
            (a.id, p.index)
            for a in app.session.dossier.articles
            for p in a.paragraphs
            if p.kind == Kind.BODY and p.text.startswith("“")
        )
        reader = await opened(app, pilot, quoted[0])
        app.main.open_article(*quoted)
        await pilot.pause()
        assert reader.paragraph == quoted[1]
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“") and not app.clipboard.startswith("““")
        first_line = app.clipboard.splitlines()[0]
        assert not first_line.endswith("””")
        notice = app.query_one(StatusLine).notice
        assert "terminal's clipboard" in notice and "copied" not in notice
        assert not app._notifications  # no toast over the text


async def test_skipped_files_notice_leaves_the_status_line_and_stays_in_the_log(dossier_copy, monkeypatch):
    monkeypatch.setattr(main_screen, "NOTICE_SECONDS", 0.3)
    (dossier_copy / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    app = DossierApp(dossier_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        status = app.query_one(StatusLine)
        for _ in range(500):
            if "skipped" in status.notice:
                break
            await pilot.pause(0.01)
        assert "1 file skipped" in status.notice
        await settle(app, pilot)
        for _ in range(200):
            if "skipped" not in status.notice:
                break
            await pilot.pause(0.01)
        assert "skipped" not in status.notice
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, MessagesScreen)
        assert any("broken.txt" in text for _, text in app.screen.entries)
        await pilot.press("escape")
        assert not isinstance(app.screen, MessagesScreen)


def test_the_line_cache_follows_the_article_not_its_address():
    """A reload can put another article at a recycled address (id()): its lines must not be reused."""
    from textual.app import App

    first = Article("a", "a.txt", "First", paragraphs=[Paragraph(0, Kind.BODY, "alpha " * 20)], digest="1")

    class One(App):
        def compose(self):
            yield ReadingView(id="reader")

    async def run() -> None:
        app = One()
        async with app.run_test(size=(80, 24)) as pilot:
            reader = app.query_one(ReadingView)
            reader.show(first)
            await pilot.pause()
            assert "alpha" in visible_text(reader)
            # The same object now holds another article, as a recycled address would.
            first.id, first.title, first.digest = "b", "Second", "2"
            first.paragraphs = [Paragraph(0, Kind.BODY, "omega " * 20)]
            reader.show(first)
            await pilot.pause()
            shown = visible_text(reader)
            assert "omega" in shown and "alpha" not in shown

    import asyncio

    asyncio.run(run())


async def test_a_related_jump_shows_the_shared_words(tmp_path):
    """The shared words sit at the end of a paragraph taller than the view: they must be on screen."""
    shared = ("the commander wrote that he could not in good conscience order his soldiers to cross the border "
              "into a neighbouring country and asked to resign at once")
    filler = " ".join(f"Sentence number {n} of the long report says nothing that the other article says." for n in range(30))
    folder = tmp_path / "jump"
    folder.mkdir()
    (folder / "short.txt").write_text(f"A short piece\n\nIn a letter {shared}.\n", encoding="utf-8")
    (folder / "long.txt").write_text(
        f"A long piece\n\nThe report came out on Monday.\n\n{filler} In the end, {shared}.\n\nIt was not published.\n",
        encoding="utf-8",
    )
    app = DossierApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(app, pilot, "short")
        for _ in range(500):
            if app.session.related is not None:
                break
            await pilot.pause(0.01)
        await settle(app, pilot)
        paragraph = next(p.index for p in reader.article.paragraphs if "letter" in p.text)
        app.main.open_article("short", paragraph)
        await settle(app, pilot)
        links = app.main.query_one("RelatedPanel").links
        assert links and links[0].article_id == "long"
        link = links[0]
        app.main.query_one("RelatedPanel").post_message(
            type(app.main.query_one("RelatedPanel")).Jump(link.article_id, link.paragraph, link.shared)
        )
        await settle(app, pilot)
        assert reader.article.id == "long"
        assert len(reader._starts) and reader._rows_of(reader.cursor) > reader.scrollable_content_region.height
        assert "neighbouring country" in " ".join(visible_text(reader).split())


async def test_help_explains_the_marks_and_the_search_syntax(seeds_dir):
    from rich.console import Console
    from textual.widgets import Static

    from dossier_tui.app.help_screen import HelpScreen

    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        for static in app.screen.query(Static):
            console.print(static.content)
        shown = console.export_text()
        for mark in ("[Name] “…”", "[?] “…”", "[same text]", "[similar]", "“term”", "the hit you are on"):
            assert mark in shown, mark
        for syntax in ('"letter of resignation"', "trump OR obama", "title:", "date:2023", "speaker:"):
            assert syntax in shown, syntax


async def test_a_slash_typed_in_the_find_prompt_is_text(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(app, pilot, "000_037e540408ff3126")
        await pilot.press("F", "a", "/", "b")
        await pilot.pause()
        assert app.focused.value == "a/b" and reader.find_query == "a/b"
