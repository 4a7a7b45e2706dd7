"""The reader shows what came from files inert (issue 14, High 1): a file name that would set the
window title, a title with a bidi override or joined emoji. Every line of the list and the
reading pane is checked for what a terminal would obey, and every row keeps the list's width."""

from __future__ import annotations

import shutil

from rich.cells import cell_len

from dossier_tui.app import DossierApp
from dossier_tui.app.article_list import ArticleList
from dossier_tui.app.reading_view import ReadingView

UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e", "\u200d")


def lines(widget) -> list[str]:
    return ["".join(s.text for s in widget.render_line(y)) for y in range(widget.scrollable_content_region.height)]


async def test_the_list_and_the_reader_show_hostile_names_inert(dossier_copy):
    first = sorted(dossier_copy.glob("000_*.txt"))[0]
    shutil.copy(first, dossier_copy / "evil\x1b]0;PWNED\x07.txt")
    (dossier_copy / "untitled\u202egnp.txt").write_text("No headline at all here, only a sentence of text.\n", encoding="utf-8")
    (dossier_copy / "family.md").write_text(
        '---\ntitle: "Family \u200d\U0001F469\u200d\U0001F467 [/bold] news"\nsource: "Outlet\u202e"\n---\n\n'
        "The family story of the day is here, officials said on Tuesday.\n",
        encoding="utf-8",
    )
    app = DossierApp(dossier_copy)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        article_list = app.screen.query_one(ArticleList)
        shown = lines(article_list)
        assert any("Family" in line for line in shown)
        for _ in range(len(article_list.rows)):
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown += lines(app.screen.query_one(ReadingView))
            await pilot.press("escape", "j")
        for line in shown:
            assert not any(bad in line for bad in UNSAFE), repr(line)
        widths = {cell_len(line) for line in lines(article_list)}
        assert len(widths) == 1, widths
