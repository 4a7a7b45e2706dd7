"""The main screen: search bar, article list, reading view and related panel, drawn from the session.

Layout (app.tcss): wide, the panes side by side and the list cursor previews its article; narrow
(below NARROW_BELOW columns), one pane at a time as in mutt: the list, or the article (`escape` back
to the list, `r` the related passages). `Z` zooms the focused pane to the whole screen.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList

from dossier_tui import store
from dossier_tui.app import messages
from dossier_tui.app.annotating import AnnotationWork
from dossier_tui.app.article_list import ArticleList
from dossier_tui.app.clipboard import citation
from dossier_tui.app.reader_lines import Mark, clean
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.app.related_panel import LinkList, RelatedPanel
from dossier_tui.app.search_bar import SearchBar
from dossier_tui.app.status_line import StatusLine
from dossier_tui.app.workers import BackgroundWork
from dossier_tui.model import Article, DossierError
from dossier_tui.provenance import display_source
from dossier_tui.session import Place, ReadingSession, Row, outlet_of

if TYPE_CHECKING:  # imported by the analysis stage (start-up stays light)
    from dossier_tui.analysis import Analysis, Entity

NARROW_BELOW = 100
PREVIEW_DELAY = 0.15  # seconds the list cursor rests before its article is previewed (wide)
NOTICE_SECONDS = 10.0  # a passing notice (a file skipped, a copy) leaves the status line after this
SAVE_DELAY = 1.0  # seconds the reading cursor rests before the position is saved
REOPEN_AFTER = 5.0  # seconds before opening a published dossier again when its server did not answer
_STAGE_LABEL = {"load": "loading", "analyze": "analysing", "index": "indexing", "relate": "linking sources"}


class MainScreen(AnnotationWork, BackgroundWork):
    BINDINGS = [
        # Priority: the screen handles `/` as it arrives, so keys typed right after it reach the bar.
        Binding("/", "search", "Search", id="global.search", priority=True),
        Binding("e", "entities", "Entities", id="global.entities"),
        Binding("Q", "quotes", "Quotes", id="global.quotes"),
        Binding("c", "compare", "Compare", id="global.compare", show=False),
        Binding("r", "toggle_related", "Related", id="global.toggle_related"),
        Binding("Z", "zoom", "Zoom", id="global.zoom", show=False),
        Binding("M", "notes", "Notes", id="global.notes"),
    ]

    def __init__(self, session: ReadingSession) -> None:
        super().__init__(id="main-screen")
        self.session = session
        self._init_background()
        self._init_annotating()
        self._save_timer: Timer | None = None
        self._preview_timer: Timer | None = None

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            with Container(id="main"):
                yield ReadingView(id="reader")
                yield RelatedPanel(id="related")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def wide(self) -> bool:
        return not self.has_class("-narrow")

    def on_mount(self) -> None:
        self.reader.border_title = "Reading"
        self.query_one(RelatedPanel).border_title = "Related"
        self.watch(self, "focused", self._focus_changed)
        self.status.progress("loading", 0, 0)
        self.articles.focus()
        # Last session's list paints at once; the loaded dossier replaces it a moment later.
        listed = store.load_listing(self.session.path)
        self.session.listed = listed
        self.listed = [(a.id, a.title, a.source, a.date) for a in listed]
        self.articles.show_rows([Row(a) for a in listed])
        self.articles.border_title = f"Articles · {len(listed):,}" if listed else "Articles"
        self.call_after_refresh(self.first_frame.set)
        self.open_dossier()

    def _focus_changed(self, *_) -> None:
        self._show_shared()
        # Narrow: the list and the article take turns on the whole screen; focus says which.
        focused = self.focused
        self.in_search_bar = focused is self.query_one(SearchBar)
        if focused is not None and not self.in_search_bar:
            self.set_class(self._pane_of(focused) != "list", "reading")

    def _pane_of(self, widget) -> str:
        if widget is self.articles:
            return "list"
        return "related" if widget is not self.reader and self.query_one(RelatedPanel) in widget.ancestors_with_self else "reader"

    def action_zoom(self) -> None:
        """The focused pane alone on the screen, and back."""
        zoomed = [name for name in ("list", "reader", "related") if self.has_class(f"zoom-{name}")]
        self.remove_class(*(f"zoom-{name}" for name in zoomed))
        focused = self.focused
        if not zoomed and focused is not None and focused is not self.query_one(SearchBar):
            self.add_class(f"zoom-{self._pane_of(focused)}")

    def action_toggle_related(self) -> None:
        # Narrow: hidden unless asked for (and shown with the article); wide: shown unless put away.
        narrow = self.has_class("-narrow")
        self.toggle_class("show-related" if narrow else "hide-related")
        if narrow and self.has_class("show-related") and self.reader.article is not None:
            self.add_class("reading")

    # -- the dossier's stages ------------------------------------------------------------------

    def on_progress(self, message: messages.Progress) -> None:
        self.status.progress(_STAGE_LABEL.get(message.stage, message.stage), message.done, message.total)

    def on_notice(self, message: messages.Notice) -> None:
        self.status.set_notice(message.text, seconds=NOTICE_SECONDS, log=True)

    def on_stage_failed(self, message: messages.StageFailed) -> None:
        self.status.done(_STAGE_LABEL.get(message.stage, message.stage))
        if message.stage == "load" and self.session.remote is not None:
            # A published dossier's server did not answer: keep the screen, try again.
            self.status.set_notice(f"{message.error} (trying again in {REOPEN_AFTER:.0f} s)", log=True)
            self.set_timer(REOPEN_AFTER, self.open_dossier)
            return
        self.status.set_notice(f"{message.stage} failed: {message.error}")

    def on_stage_done(self, message: messages.StageDone) -> None:
        if not self.session.is_current("open", message.generation):
            return
        self.status.done(_STAGE_LABEL.get(message.stage, message.stage))
        if message.stage == "warm":
            self.session.search_ready = True
            self._rerun_search()
        elif message.stage == "load":
            self._loaded(message.result)
        elif message.stage == "analyze" and message.result is not None:
            self.session.analysis = message.result
            self._analysis_ready(message.result)
        elif message.stage == "index":
            self.session.search_ready = True
            self._rerun_search()
        elif message.stage == "relate":
            self.session.related = message.result
            if self.reader.article is not None:
                self._lookup_links(self.reader.article.id, self.reader.paragraph)

    def _loaded(self, dossier) -> None:
        session = self.session
        session.loaded(dossier)
        if dossier.warnings:
            for warning in dossier.warnings:
                self.status.add_to_log(f"skipped: {warning}")
            count = len(dossier.warnings)
            self.status.set_notice(f"{count} file{'s' * (count != 1)} skipped (L lists them): {dossier.warnings[0]}", seconds=NOTICE_SECONDS)
        if not dossier.articles:
            self.status.set_notice(f"no articles in {session.path}")
        position = store.load_position(dossier.root)
        if session.open is not None:  # opened from last session's list while loading
            self.open_article(session.open.article_id, session.open.paragraph, remember=False)
        elif position is not None and dossier.get(position.article_id):
            # Back where the reader left off: the list cursor on that article, the text at its paragraph.
            self.open_article(position.article_id, position.paragraph, focus=False, remember=False)
        self.show_list(keep=session.cursor)
        self.call_after_refresh(self.list_painted.set)
        self.load_annotations()
        if self.query_one(SearchBar).value.strip():
            self._rerun_search()

    def _analysis_ready(self, analysis: Analysis) -> None:
        articles = self.session.dossier.articles if self.session.dossier is not None else []
        self.articles.set_counts(quotes={a.id: len(analysis.quotes_in(a.id)) for a in articles})
        if self.reader.article is not None:
            self.reader.set_annotations(self._annotations(self.reader.article))
        if analysis.warnings:  # e.g. a problem in the dossier's aliases.yaml
            self.status.set_notice(analysis.warnings[0])

    def on_source_names(self, message: messages.SourceNames) -> None:
        if self.session.is_current("open", message.generation):
            self.session.source_names = message.names

    def on_link_counts(self, message: messages.LinkCounts) -> None:
        if self.session.is_current("open", message.generation):
            self.articles.set_counts(links=message.counts)

    # -- the list ------------------------------------------------------------------------------

    def show_list(self, *, keep: str | None = None, top: bool = False) -> None:
        articles = self.articles
        articles.show_rows(self.session.rows(), keep=keep, top=top)
        articles.border_title = clean(self.session.title())

    @on(ArticleList.Highlighted)
    def _list_moved(self, message: ArticleList.Highlighted) -> None:
        self.session.cursor = message.article.id
        if self.session.wants_more(message.index):
            self.session.limit += self.session.limit
            self._rerun_search()
        if self.wide and self.articles.has_focus:
            if self._preview_timer is not None:
                self._preview_timer.stop()
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview)

    def _preview(self) -> None:
        article = self.articles.highlighted_article
        if article is not None and self.wide and (self.reader.article is None or article.id != self.reader.article.id):
            self.open_article(article.id, focus=False, remember=False)

    def action_sort(self) -> None:
        self.session.next_sort()
        self.show_list()
        self.status.set_notice(f"sorted by {self.session.sort}")

    def action_filter_outlet(self) -> None:
        if self.session.dossier is None:
            return
        from dossier_tui.app.outlet_picker import OutletPicker

        self.app.push_screen(OutletPicker(self.session.outlets()), self._outlet_chosen)

    def _outlet_chosen(self, outlet: str | None) -> None:
        if outlet is not None:
            self.session.filter_outlet(outlet)
            self.show_list(top=True)
            self.articles.focus()

    def action_clear_filter(self) -> None:
        if self.session.clear_filters():
            self.show_list()
        elif self.session.searching:
            self.query_one(SearchBar).value = ""  # the search is the filter: clearing it lists every article

    def filter_by_entity(self, entity: Entity) -> None:
        bar = self.query_one(SearchBar)
        with bar.prevent(SearchBar.Changed):
            bar.value = ""
        self.session.set_results("", None)
        self.session.filter_entity(entity)
        self.show_list(top=True)
        self.articles.focus()

    # -- search --------------------------------------------------------------------------------

    def action_search(self) -> None:
        if isinstance(self.focused, Input):
            self.focused.insert_text_at_cursor("/")  # `/` typed inside a query or the in-article find
        else:
            self.set_focus(self.query_one(SearchBar))

    @on(SearchBar.Changed, "#search")
    def _query_changed(self, event: SearchBar.Changed) -> None:
        # A keystroke's search marks the words of each hit it returns (about 0.2 ms a hit at 3,824
        # articles): the rows the list shows, and more as the cursor goes down, not a fixed 50.
        self.session.page = self.articles.search_page()
        self.last_keystroke = time.monotonic()
        self.session.new_query(event.value)
        self.search(event.value, self.session.limit)

    def _rerun_search(self) -> None:
        query = self.query_one(SearchBar).value
        if query.strip() or self.session.searching:
            self.search(query, self.session.limit)

    def on_search_done(self, message: messages.SearchDone) -> None:
        session = self.session
        if not session.is_current("search", message.generation):
            return  # a newer keystroke has its own search under way
        paging = message.query == session.query and session.searching
        session.set_results(message.query, message.result, message.articles)
        self.show_list(top=not paging)
        if message.result is None:
            self.status.set_notice("")
            return
        scanning = "" if session.search_ready else " (scanning until the index is ready)"
        total = session.total
        self.status.set_notice(message.result.notice or f"{total:,} article{'s' if total != 1 else ''} match{scanning}")

    @on(SearchBar.OpenTop)
    def _open_top(self) -> None:
        rows = self.articles.rows
        if rows:
            self.open_article(rows[0].article.id)
        else:
            self.app.bell()

    @on(SearchBar.Left)
    def _leave_search(self) -> None:
        self.articles.focus()

    @on(SearchBar.Down)
    def _into_results(self) -> None:
        self.articles.focus()
        if self.articles.rows:
            self.articles.move_to(0)

    # -- reading -------------------------------------------------------------------------------

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article.id)

    def open_article(
        self,
        article_id: str,
        paragraph: int | None = None,
        *,
        focus: bool = True,
        remember: bool = True,
        hits: list[Mark] | None = None,
    ) -> None:
        """Show an article, at `paragraph` or at its first hit (search words, entity mentions, or `hits`)."""
        session = self.session
        if session.dossier is None:
            session.open = Place(article_id, paragraph)
            self.status.set_notice("opening as soon as the dossier is loaded…")
            return
        article = session.open_article(article_id, paragraph, remember=remember)
        if article is None:
            return
        if hits is None:
            hits = [Mark(p, s, e, "hit") for p, s, e in session.hits_for(article)]
        self.reader.show(article, annotations=self._annotations(article), hits=hits, paragraph=paragraph)
        self.show_annotations(article)
        self.reader.border_title = _provenance(article)
        self.articles.mark_open(article.id)
        if focus:
            self.add_class("reading")
            self.reader.focus()
        self.start_read_timer(article)
        self._remember_position()

    def _annotations(self, article: Article) -> list[Mark]:
        analysis = self.session.analysis
        if analysis is None:
            return []
        marks = [Mark(m.paragraph, m.start, m.end, str(m.type).lower()) for m in analysis.mentions_in(article.id)]
        for quote in analysis.quotes_in(article.id):
            speech = quote.kind == "speech"
            for number, span in enumerate(quote.pieces):
                label = (quote.speaker or "?") if speech and number == 0 else None
                marks.append(Mark(span.paragraph, span.start, span.end, "speech" if speech else "term", label))
        return marks

    @on(ReadingView.Closed)
    def _reader_closed(self) -> None:
        self.remove_class("reading", "zoom-reader", "zoom-related")
        self.articles.focus()
        if self.session.open is not None:  # the list cursor where it was, on the article left
            self.articles.show_rows(self.articles.rows, keep=self.session.cursor)

    @on(ReadingView.BackRequested)
    def _history_back(self) -> None:
        place = self.session.back()
        if place is None:
            self.app.notify("no earlier passage", timeout=2)
            return
        self.open_article(place.article_id, place.paragraph, remember=False)

    @on(ReadingView.HitMoved)
    def _hit_moved(self, message: ReadingView.HitMoved) -> None:
        self.status.set_hits(message.current, message.total)

    @on(ReadingView.CursorMoved)
    def _cursor_moved(self, message: ReadingView.CursorMoved) -> None:
        self.session.moved(message.paragraph)
        self._lookup_links(message.article.id, message.paragraph)
        # Saved a second after the cursor rests, so a dropped SSH session loses little. The timer
        # belongs to this screen, so it dies with it (it used to fire during shutdown).
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._remember_position)

    @on(ReadingView.CopyRequested)
    def _copy(self, message: ReadingView.CopyRequested) -> None:
        text = citation(message.article, message.text)
        self.app.copy_to_clipboard(text)
        # OSC 52 has no answer: whether the terminal let it through is not known here.
        self.app.notify(f"sent to the terminal's clipboard with its citation ({len(text):,} characters; OSC 52, if the terminal allows it)")

    def _remember_position(self) -> None:
        session = self.session
        if session.dossier is not None and session.open is not None:
            store.save_position(session.dossier.root, store.ReadingPosition(session.open.article_id, session.open.paragraph or 0))

    def stop_timers(self) -> None:
        """Before quitting: nothing may fire while the app shuts down."""
        for timer in (self._save_timer, self._preview_timer, self._read_timer):
            if timer is not None:
                timer.stop()

    # -- related passages ----------------------------------------------------------------------

    def _lookup_links(self, article_id: str, paragraph: int | None) -> None:
        panel = self.query_one(RelatedPanel)
        if paragraph is None:
            panel.show_message("Related passages\nmove to a paragraph to see other sources")
        elif self.session.related is None:
            panel.show_message("Related passages\nlinking sources…")
        else:
            self.lookup_links(article_id, paragraph)

    def on_links_ready(self, message: messages.LinksReady) -> None:
        reader = self.reader
        if not self.session.is_current("links", message.generation) or reader.article is None:
            return
        first = None
        if message.corroboration.first and (article := self.session.article(message.corroboration.first)):
            first = display_source(article) or article.title
        self.query_one(RelatedPanel).show_links(message.links, message.corroboration.sources, first)

    @on(OptionList.OptionHighlighted, "#related-links")
    def _link_highlighted(self) -> None:
        self._show_shared()

    def _show_shared(self, *_) -> None:
        """While the related panel has focus, underline in the text the words its passage shares."""
        reader = self.reader
        links = self.query_one(LinkList)
        picked = links.highlighted if links.has_focus else None
        panel_links = self.query_one(RelatedPanel).links
        if reader.paragraph is None or picked is None or picked >= len(panel_links):
            reader.set_shared([])
            return
        shared = panel_links[picked].own_shared
        reader.set_shared([Mark(reader.paragraph, start, end, "shared") for start, end in shared])

    @on(RelatedPanel.Jump)
    def _jump(self, message: RelatedPanel.Jump) -> None:
        # The words the two passages share are the hits there: highlighted, and n/N walk them.
        shared = [Mark(message.paragraph, start, end, "hit") for start, end in message.shared]
        self.open_article(message.article_id, message.paragraph, hits=shared)

    # -- other views ---------------------------------------------------------------------------

    def action_entities(self) -> None:
        if self.session.analysis is None:
            self.app.notify("entities are still being analysed", timeout=3)
            return
        from dossier_tui.app.entities_screen import EntitiesScreen

        self.app.push_screen(EntitiesScreen(self.session.analysis, self.session.dossier, self.session.source_names), self._entity_chosen)

    def _entity_chosen(self, choice: tuple[str, object] | None) -> None:
        if choice is None or self.session.analysis is None or self.session.dossier is None:
            return
        from dossier_tui.analysis import Entity

        action, value = choice
        if action == "filter" and isinstance(value, Entity):
            self.filter_by_entity(value)
            return
        from dossier_tui.app.alias_edits import add_rule

        try:
            path = add_rule(self.session.dossier.root, action, value)
        except DossierError as error:
            self.app.notify(str(error), severity="error", timeout=6)
            return
        self.status.set_notice(f"{action} written to {path}; analysing again")
        self.open_dossier()

    def action_quotes(self) -> None:
        if self.session.analysis is None:
            self.app.notify("quotes are still being analysed", timeout=3)
            return
        from dossier_tui.app.quotes_screen import QuotesScreen

        session = self.session
        self.app.push_screen(QuotesScreen(session.analysis, session.dossier, session.related), self._quote_chosen)

    def _quote_chosen(self, target: tuple[str, int] | None) -> None:
        if target is not None:
            self.open_article(*target)

    def action_compare(self) -> None:
        reader = self.reader
        other = self.articles.highlighted_article
        if self.session.related is None:
            self.app.notify("sources are still being linked", timeout=3)
            return
        if reader.article is None or other is None or other.id == reader.article.id:
            self.app.notify("open an article, then highlight another in the list to compare", timeout=4)
            return
        from dossier_tui.app.compare_screen import CompareScreen

        self.app.push_screen(CompareScreen(reader.article, other, self.session.related.compare(reader.article.id, other.id)))


def _provenance(article: Article, width: int = 70) -> str:
    """The reading pane's title: where the open article comes from (the header adds the author)."""
    text = clean(" · ".join(p for p in (outlet_of(article), article.date) if p) or article.title)
    return text if len(text) <= width else text[: width - 1] + "…"
