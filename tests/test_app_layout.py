"""The reader's layout and list on the seeds and on a real-size dossier (Pilot): table columns,
count in the title, narrow one-pane model, zoom, sort and outlet filter, provenance, mouse, reopen."""

from __future__ import annotations

import asyncio

import pytest

from dossier_tui.app import DossierApp
from dossier_tui.app.article_list import ArticleList
from dossier_tui.app.outlet_picker import OutletPicker
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.app.search_bar import SearchBar
from dossier_tui.store import load_position


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def screen_lines(widget) -> list[str]:
    return ["".join(s.text for s in widget.render_line(y)) for y in range(widget.scrollable_content_region.height)]


@pytest.mark.parametrize("size", [(50, 15), (80, 24), (120, 40), (200, 60)])
async def test_list_shows_outlet_and_date_and_its_count(news_dossier, size):
    folder = news_dossier(300, "md")
    app = DossierApp(folder)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        assert articles.border_title == "Articles · 300 · 300 unread"  # the unread count: every article is new
        first = articles.rows[0].article
        lines = screen_lines(articles)
        assert any(first.date in line and first.source[:8] in line for line in lines), lines
        # every pane on screen has rows to show
        for pane in app.screen.query("ArticleList, ReadingView"):
            if pane.display and pane.region.width:
                assert pane.scrollable_content_region.height >= 1
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(ReadingView)
        assert reader.scrollable_content_region.height >= 1
        header = "\n".join(screen_lines(reader)[:4])
        assert first.title[:20] in header and first.date in header and first.source in header


async def test_at_200_columns_the_titles_get_most_of_the_list(news_dossier):
    # The list pane was 2/5 of the screen (80 columns at 200) and its title column about 30.
    app = DossierApp(news_dossier(300, "md"))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        columns = articles.columns
        assert columns.mode == "table" and columns.counts
        assert columns.title * 2 >= articles.scrollable_content_region.width, columns
        # and the text keeps a comfortable measure beside it
        assert app.query_one(ReadingView).scrollable_content_region.width >= 60


async def test_narrow_is_one_pane_at_a_time_and_escape_keeps_the_cursor(news_dossier):
    app = DossierApp(news_dossier(300, "md"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        articles, reader = app.query_one(ArticleList), app.query_one(ReadingView)
        assert articles.region.width == 80 and reader.region.width == 0
        await pilot.press("j", "j", "j", "enter")
        await pilot.pause()
        assert reader.region.width == 80 and articles.region.width == 0
        assert reader.article.id == articles.rows[3].article.id
        # related passages one key away, and that key on screen in the footer (not cut off at 80)
        shown = [key for key in app.screen.query("FooterKey") if key.region.right <= 80 - len("▏^p Commands")]
        assert "r" in [key.key for key in shown]
        await pilot.press("r")
        await pilot.pause()
        related = app.screen.query_one("#related")
        assert related.region.height >= 4 and reader.scrollable_content_region.height >= 1
        await pilot.press("escape")
        await pilot.pause()
        assert articles.region.width == 80 and articles.highlighted == 3


async def test_zoom_gives_the_focused_pane_the_screen(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "Z")
        await pilot.pause()
        assert app.query_one(ReadingView).region.width == 120
        await pilot.press("Z")
        await pilot.pause()
        assert app.query_one(ArticleList).region.width > 0


async def test_sort_and_outlet_filter_with_escape_to_clear(news_dossier):
    app = DossierApp(news_dossier(300, "md"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("s", "s")  # relevance -> date -> outlet
        outlets = [row.article.source or "" for row in articles.rows]
        assert outlets == sorted(outlets, key=lambda o: (not o, o.casefold()))
        assert articles.border_title.endswith("by outlet")
        await pilot.press("s", "s")  # title, then back to the dossier's order
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OutletPicker)
        wanted, count = app.screen.outlets[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert {row.article.source for row in articles.rows} == {wanted}
        assert articles.border_title == f"{count} of 300 · outlet: {wanted} · 300 unread"
        await pilot.press("escape")
        assert len(articles.rows) == 300 and articles.border_title == "Articles · 300 · 300 unread"


async def test_search_pages_past_the_first_page_and_down_reaches_the_results(news_dossier):
    app = DossierApp(news_dossier(300, "md"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("/", *"the")
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        # the first page: what the list shows (12 rows of three lines) and a margin, not a fixed 50
        shown = len(articles.rows)
        assert 12 < shown < 50 and articles.border_title.startswith(f"{shown} of ")
        await pilot.press("down")
        assert articles.has_focus and articles.highlighted == 0
        await pilot.press("G")
        await settle(app, pilot)
        assert len(articles.rows) > shown


async def test_search_rows_paint_with_their_shared_counts_in_the_same_frame(news_dossier):
    # The counts came 0.4 s after the list rested, for the rows on screen only: every search
    # repainted the list a second time (the tmux keystroke timing saw a frame at 450 ms).
    app = DossierApp(news_dossier(300, "md"))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        assert articles.link_counts.keys() == {a.id for a in app.session.dossier.articles}
        await pilot.press("/", *"trump")
        await settle(app, pilot)
        lines = screen_lines(articles)
        rows = {row.article.id: line for row in articles.rows for line in lines if row.article.title[:30] in line}
        counted = [i for i in rows if articles.link_counts.get(i)]
        assert counted, "no article on screen carries text of another"
        assert all(rows[i].split()[-1] == str(articles.link_counts[i]) for i in counted), [rows[i] for i in counted]


async def test_related_jump_moves_the_header_and_the_list_mark(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        reader, articles = app.query_one(ReadingView), app.query_one(ArticleList)
        links = app.screen.query_one("#related-links")
        for _ in range(len(reader.blocks)):
            await pilot.press("j")
            await settle(app, pilot)
            if links.option_count:
                break
        assert links.option_count, "no related passage in the seeds"
        links.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        target = reader.article
        assert target.id != articles.rows[0].article.id and articles.open_id == target.id
        assert reader.border_title.startswith(target.source or target.title)
        mark = [line for line in screen_lines(articles) if line[1:2] == "•"]
        assert len(mark) == 1 and target.title[:15] in mark[0]


async def test_a_click_selects_the_row_under_the_pointer_and_a_double_click_opens_it(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        second = articles.rows[2].article
        y = next(y for y, line in enumerate(screen_lines(articles)) if second.title[:12] in line)
        top = articles.scrollable_content_region.y - articles.region.y  # the border above the rows
        await pilot.click(ArticleList, offset=(4, y + top))
        assert articles.highlighted_article.id == second.id
        await pilot.click(ArticleList, offset=(4, y + top), times=2)
        await pilot.pause()
        assert app.query_one(ReadingView).article.id == second.id


async def test_reopening_restores_the_list_cursor_and_the_paragraph_on_screen(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "down", "enter", *"j" * 12)
        reader = app.query_one(ReadingView)
        remembered = reader.paragraph
        text = reader.article.paragraphs[remembered].text
        await pilot.press("q")
    again = DossierApp(seeds_dir)
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(again, pilot)
        articles, reader = again.query_one(ArticleList), again.query_one(ReadingView)
        assert articles.highlighted == 3 and reader.paragraph == remembered
        assert text.split()[0] in "\n".join(screen_lines(reader))
        assert reader.scroll_offset.y > 0


async def test_quitting_right_after_moving_the_cursor_raises_nothing(seeds_dir):
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "j", "j")
        paragraph = app.query_one(ReadingView).paragraph
        await pilot.press("q")
        await asyncio.sleep(1.2)  # past the save timer's second
    assert app.return_code == 0 and app._exception is None
    assert load_position(seeds_dir).paragraph == paragraph


async def test_the_list_cursor_shows_without_focus_and_without_colour(seeds_dir, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = DossierApp(seeds_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        assert any(line.startswith("▌") for line in screen_lines(articles))
        await pilot.press("/")
        assert app.query_one(SearchBar).has_focus
        assert any(line.startswith("│") for line in screen_lines(articles))
        assert articles.styles.border_top[0] == "round"
        await pilot.press("escape")
        assert articles.styles.border_top[0] == "heavy"


async def test_opening_a_big_dossier_never_prints_it_on_the_ui_thread(news_dossier, monkeypatch):
    # Textual names a worker after the repr of its arguments: the annotations worker was handed
    # the dossier, and its repr (every article's every paragraph) froze the reader for 0.3 s.
    from dossier_tui.model import Dossier

    printed = []
    monkeypatch.setattr(Dossier, "__repr__", lambda self: printed.append(1) or "Dossier(...)")
    app = DossierApp(news_dossier(300, "md"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.session.annotations is not None
    assert not printed


async def test_a_reopened_dossier_is_searched_from_its_index_before_its_articles_load(news_dossier, tmp_path):
    # On a reopen the first keys waited for the articles, then their analysis, to load (1-3 s at
    # 3,824); the index of an unchanged dossier answers at once, and the stages wait while the
    # user is in the search bar (each reads a cache that holds the interpreter for 0.1-0.4 s).
    import shutil

    folder = tmp_path / "news"
    shutil.copytree(news_dossier(300, "md"), folder)
    first = DossierApp(folder)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(first, pilot)
    app = DossierApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("/", *"trump")
        articles = app.query_one(ArticleList)
        for _ in range(500):  # bounded: 5 s
            if app.session.query == "trump":
                break
            await asyncio.sleep(0.01)
        assert app.session.query == "trump" and app.session.dossier is None
        assert app.session.total > 0 and [row.article.id for row in articles.rows] == [i for i, _ in app.session.hits]
        assert any(row.highlights for row in articles.rows)
        await pilot.press("escape")  # out of the search bar: the stages go on
        await settle(app, pilot)
        assert app.session.dossier is not None and app.session.analysis is not None
