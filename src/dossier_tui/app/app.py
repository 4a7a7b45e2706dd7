"""DossierApp: the search bar, article list, reading view and related panel, fed by background stages.

The dossier opens in stages (load, analyze, index, relate) in one thread worker; the list paints as
soon as loading ends and each later stage enriches the views when it lands. Searches and related
look-ups run in their own exclusive workers, so a keystroke never waits and stale results are dropped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from dossier_tui import locations, store
from dossier_tui.app import key_sequences, messages
from dossier_tui.app.article_list import ArticleList, Row
from dossier_tui.app.clipboard import citation
from dossier_tui.app.reader_lines import Mark, clean
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.app.related_panel import LinkList, RelatedPanel
from dossier_tui.app.search_bar import SearchBar
from dossier_tui.app.status_line import StatusLine
from dossier_tui.model import Article, Dossier, DossierError

WIDE = 110
SEARCH_LIMIT = 50  # rows listed per search: enough to scan, cheap enough to rank per keystroke
W = TypeVar("W", bound=Widget)
_PROGRESS_EVERY = 0.1  # seconds between progress messages from a stage


class DossierApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "dossier"
    # Below WIDE columns the list shows titles only and the related panel sits under the text, toggled.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]

    BINDINGS = [
        Binding("q", "quit", "Quit", id="global.quit"),
        Binding("?", "help", "Help", id="global.help"),
        # Priority: the app handles `/` as it arrives, so keys typed right after it reach the bar.
        Binding("/", "search", "Search", id="global.search", priority=True),
        Binding("tab", "focus_next", "Next pane", id="global.focus_next", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", id="global.focus_previous", show=False),
        Binding("e", "entities", "Entities", id="global.entities"),
        Binding("Q", "quotes", "Quotes", id="global.quotes"),
        Binding("c", "compare", "Compare", id="global.compare", show=False),
        Binding("r", "toggle_related", "Related", id="global.toggle_related"),
        Binding("ctrl+p", "command_palette", "Commands", id="global.command_palette", show=False),
    ]

    def __init__(self, path: str | Path | None = None, *, keymap: str | None = None, mouse: bool = True) -> None:
        super().__init__()
        self.path = Path(path) if path is not None else locations.builtin_dossier()
        self.keymap_name = keymap
        self.mouse = mouse
        # Over SSH every animation frame is bytes on a slow link.
        self.animation_level = "none"
        self.workspace = None
        self.dossier: Dossier | None = None
        self.analysis = None
        self.related = None
        self.search_ready = False
        self._search_lock = threading.Lock()
        self._searching = False
        self._wanted_query = ""
        self.results: dict[str, tuple[tuple[int, int, int], ...]] = {}
        self.shown_query = ""  # the query whose results the list shows
        self.link_counts: dict[str, int] = {}
        self._first_frame = threading.Event()
        self._list_painted = threading.Event()
        self.pending_open: tuple[str, int | None] | None = None
        self._listed: list[tuple] = []  # the remembered list shown at start, to rewrite it only on change
        self._save_timer: Timer | None = None
        self.entity_filter: str | None = None
        self.history: list[tuple[str, int | None]] = []

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

    def on_mount(self) -> None:
        self._view(ArticleList).border_title = "Articles"
        self._view(ReadingView).border_title = "Reading"
        self._view(RelatedPanel).border_title = "Related"
        # User keys over the defaults and the key sequences: read (YAML, ~0.1 s) after the first frame.
        self.call_after_refresh(key_sequences.install, self, self.keymap_name)
        self.watch(self.screen, "focused", self._show_shared)
        self._view(StatusLine).progress("loading", 0, 0)
        articles = self._view(ArticleList)
        articles.focus()
        # Last session's list paints at once; the loaded dossier replaces it a moment later.
        listed = store.load_listing(self.path)
        self._listed = [(a.id, a.title, a.source, a.date) for a in listed]
        articles.show_rows([Row(a) for a in listed])
        self.call_after_refresh(self._first_frame.set)
        self._open_dossier()

    async def on_event(self, event: events.Event) -> None:
        # Multi-key sequences (`g g`) see each key press before Textual's bindings do.
        if isinstance(event, events.Key) and await key_sequences.intercept(self, event):
            return
        await super().on_event(event)

    def get_key_display(self, binding: Binding) -> str:
        return key_sequences.key_display(self, binding) or super().get_key_display(binding)

    def _view(self, kind: type[W]) -> W:
        """A widget of the main screen, also while a modal screen is on top."""
        return self.screen_stack[0].query_one(kind)

    # -- opening the dossier in stages ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_dossier(self) -> None:
        from dossier_tui.pipeline import Workspace

        # The stages wait for the first frame: their thread would slow the first paint (GIL).
        self._first_frame.wait(timeout=1)
        workspace = Workspace(self.path)
        self.workspace = workspace
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= _PROGRESS_EVERY or done >= total:
                last[0] = now
                self.post_message(messages.Progress(stage, done, total))

        shown = 0
        for stage in ("load", "analyze", "index", "relate"):
            try:
                result = getattr(workspace, stage)(progress)
            except Exception as error:  # a failed stage leaves the earlier ones usable
                self.post_message(messages.StageFailed(stage, f"{type(error).__name__}: {error}"))
                if stage == "load":
                    return
                continue
            self.post_message(messages.StageDone(stage, result))
            if stage == "load":
                # Let the list paint before the next stages take the interpreter (GIL) for seconds.
                self._list_painted.wait(timeout=2)
                if [(a.id, a.title, a.source, a.date) for a in result.articles] != self._listed:
                    store.save_listing(self.path, result.articles)
            for notice in workspace.notices[shown:]:
                self.post_message(messages.Notice(notice))
            shown = len(workspace.notices)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # exit_on_error=False keeps the app alive; the user still learns what broke, in one line.
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self._view(StatusLine).set_notice(f"{event.worker.name} failed: {type(error).__name__}: {error}")

    def on_progress(self, message: messages.Progress) -> None:
        self._view(StatusLine).progress(_STAGE_LABEL.get(message.stage, message.stage), message.done, message.total)

    def on_notice(self, message: messages.Notice) -> None:
        self._view(StatusLine).set_notice(message.text)

    def on_stage_failed(self, message: messages.StageFailed) -> None:
        status = self._view(StatusLine)
        status.done(_STAGE_LABEL.get(message.stage, message.stage))
        status.set_notice(f"{message.stage} failed: {message.error}")

    def on_stage_done(self, message: messages.StageDone) -> None:
        status = self._view(StatusLine)
        status.done(_STAGE_LABEL.get(message.stage, message.stage))
        if message.stage == "load":
            self._loaded(message.result)
        elif message.stage == "analyze" and message.result is not None:
            self.analysis = message.result
            self._analysis_ready()
        elif message.stage == "index":
            self.search_ready = True
            self._rerun_search()
        elif message.stage == "relate":
            self.related = message.result
            self._related_ready()

    def _loaded(self, dossier: Dossier) -> None:
        self.dossier = dossier
        status = self._view(StatusLine)
        if dossier.warnings:
            status.set_notice(f"{len(dossier.warnings)} file(s) skipped: {dossier.warnings[0]}")
        if not dossier.articles:
            status.set_notice(f"no articles in {self.path}")
        self._view(ArticleList).show_rows([Row(a) for a in dossier.articles])
        self.call_after_refresh(self._list_painted.set)
        if self.pending_open is not None:  # chosen from last session's list while loading
            self.open_article(*self.pending_open)
            self.pending_open = None
        elif (position := store.load_position(dossier.root)) is not None and dossier.get(position.article_id):
            self.open_article(position.article_id, position.paragraph, focus=False)
        query = self._view(SearchBar).value
        if query.strip():
            self._search(query)

    def _analysis_ready(self) -> None:
        assert self.dossier is not None
        counts = {a.id: len(self.analysis.quotes_in(a.id)) for a in self.dossier.articles}
        self._view(ArticleList).set_counts(quotes=counts)
        reader = self._view(ReadingView)
        if reader.article is not None:
            reader.set_annotations(self._annotations(reader.article))
        if self.analysis.warnings:  # e.g. a problem in the dossier's aliases.yaml
            self._view(StatusLine).set_notice(self.analysis.warnings[0])

    def _related_ready(self) -> None:
        reader = self._view(ReadingView)
        if reader.article is not None:
            self._lookup_links(reader.article.id, reader.paragraph)
        self._view(ArticleList).settle_now()

    @on(ArticleList.Settled)
    def _count_shown_links(self, message: ArticleList.Settled) -> None:
        """Counts for the rows on screen only: a count costs a look-up per paragraph (ms each)."""
        if self.related is not None:
            self._count_links([article_id for article_id in message.article_ids if article_id not in self.link_counts])

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _count_links(self, article_ids: list[str]) -> None:
        worker = get_current_worker()
        counts: dict[str, int] = {}
        for number, article_id in enumerate(article_ids, start=1):
            article = self.dossier.get(article_id) if self.dossier else None
            if article is None or worker.is_cancelled:
                continue
            counts[article_id] = len(self.related.same_text_paragraphs(article_id))
            if number % 25 == 0 or number == len(article_ids):
                self.post_message(messages.LinkCounts(counts))
                counts = {}

    def on_link_counts(self, message: messages.LinkCounts) -> None:
        self.link_counts |= message.counts
        self._view(ArticleList).set_counts(links=self.link_counts)

    # -- search --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Over a view (entities, quotes, compare, help, palette) these keys belong to the view:
        # `/` stays a typed character and `e` does not open a second entities view on top.
        if action in _MAIN_SCREEN_ACTIONS:
            return self.screen is self.screen_stack[0]
        return True

    def action_search(self) -> None:
        bar = self._view(SearchBar)
        if bar.has_focus:
            bar.insert_text_at_cursor("/")  # `/` typed inside a query
        else:
            self.screen.set_focus(bar)

    @on(SearchBar.Changed, "#search")
    def _query_changed(self, event: SearchBar.Changed) -> None:
        self.entity_filter = None
        self._search(event.value)

    def _rerun_search(self) -> None:
        query = self._view(SearchBar).value
        if query.strip():
            self._search(query)

    def _search(self, query: str) -> None:
        """Search for the latest query. One search thread at a time: when it finishes it takes the
        newest query typed meanwhile, so fast typing never piles up stale searches."""
        with self._search_lock:
            self._wanted_query = query
            if self._searching:
                return
            self._searching = True
        self._search_latest()

    @work(thread=True, group="search", exit_on_error=False)
    def _search_latest(self) -> None:
        try:
            while True:
                query = self._wanted_query
                self.post_message(messages.SearchDone(query, self._run_search(query)))
                with self._search_lock:
                    if self._wanted_query == query:
                        self._searching = False
                        return
        except BaseException:
            with self._search_lock:
                self._searching = False
            raise

    def _run_search(self, query: str):
        if not query.strip() or self.workspace is None or self.dossier is None:
            return None
        # Scans the loaded articles until the index is ready; never waits for a running stage.
        return self.workspace.search(query, limit=SEARCH_LIMIT)

    def on_search_done(self, message: messages.SearchDone) -> None:
        if message.query != self._view(SearchBar).value or self.dossier is None:
            return  # a newer keystroke has its own search under way
        articles = self._view(ArticleList)
        status = self._view(StatusLine)
        self.shown_query = message.query
        if message.result is None:
            self.results = {}
            articles.show_rows([Row(a) for a in self.dossier.articles])
            status.set_notice("")
            return
        self.results = {
            hit.article_id: tuple((h.paragraph, h.start, h.end) for h in hit.highlights) for hit in message.result.hits
        }
        rows = [Row(a, self.results[hit.article_id]) for hit in message.result.hits if (a := self.dossier.get(hit.article_id))]
        articles.show_rows(rows, keep_highlight=False)
        total = message.result.total
        source = "" if self.search_ready else " (scanning until the index is ready)"
        listed = f" (best {len(rows)} listed)" if total > len(rows) else ""
        notice = message.result.notice or f"{total} article{'s' if total != 1 else ''} match{listed}{source}"
        status.set_notice(notice)

    @on(SearchBar.OpenTop)
    def _open_top(self) -> None:
        articles = self._view(ArticleList)
        if articles.rows:
            self.open_article(articles.rows[0].article.id)
        else:
            self.bell()

    @on(SearchBar.Left)
    def _leave_search(self) -> None:
        self._view(ArticleList).focus()

    # -- opening articles ----------------------------------------------------------------------

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
        if self.dossier is None:
            self.pending_open = (article_id, paragraph)
            self._view(StatusLine).set_notice("opening as soon as the dossier is loaded…")
            return
        if (article := self.dossier.get(article_id)) is None:
            return
        reader = self._view(ReadingView)
        if remember and reader.article is not None:
            self.history.append((reader.article.id, reader.paragraph))
        if hits is None:
            hits = [Mark(p, s, e, "hit") for p, s, e in self._hits_for(article)]
        reader.show(article, annotations=self._annotations(article), hits=hits, paragraph=paragraph)
        # The header shows the title; the border says where it comes from.
        reader.border_title = _short(" · ".join(p for p in (article.source, article.date) if p) or "Reading", 60)
        if focus:
            reader.focus()
        self._remember_position()

    def _hits_for(self, article: Article) -> Iterable[tuple[int, int, int]]:
        if self.entity_filter and self.analysis is not None:
            return [(m.paragraph, m.start, m.end) for m in self.analysis.mentions_in(article.id) if m.entity == self.entity_filter]
        return self.results.get(article.id, ())

    def _annotations(self, article: Article) -> list[Mark]:
        if self.analysis is None:
            return []
        marks = [Mark(m.paragraph, m.start, m.end, str(m.type).lower()) for m in self.analysis.mentions_in(article.id)]
        for quote in self.analysis.quotes_in(article.id):
            speech = quote.kind == "speech"
            for number, span in enumerate(quote.spans or [quote]):
                label = (quote.speaker or "?") if speech and number == 0 else None
                marks.append(Mark(span.paragraph, span.start, span.end, "speech" if speech else "term", label))
        return marks

    @on(ReadingView.Closed)
    def _reader_closed(self) -> None:
        self._view(ArticleList).focus()

    @on(ReadingView.BackRequested)
    def _history_back(self) -> None:
        if not self.history:
            self.notify("no earlier passage", timeout=2)
            return
        article_id, paragraph = self.history.pop()
        self.open_article(article_id, paragraph, remember=False)

    @on(ReadingView.HitMoved)
    def _hit_moved(self, message: ReadingView.HitMoved) -> None:
        self._view(StatusLine).set_hits(message.current, message.total)

    @on(ReadingView.CursorMoved)
    def _cursor_moved(self, message: ReadingView.CursorMoved) -> None:
        self._lookup_links(message.article.id, message.paragraph)
        # Saved a second after the cursor rests, so a dropped SSH session loses little.
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(1.0, self._remember_position)

    @on(ReadingView.CopyRequested)
    def _copy(self, message: ReadingView.CopyRequested) -> None:
        text = citation(message.article, message.text)
        self.copy_to_clipboard(text)
        self.notify(f"copied with citation ({len(text)} characters)", timeout=3)

    # -- related passages ----------------------------------------------------------------------

    def _lookup_links(self, article_id: str, paragraph: int | None) -> None:
        panel = self._view(RelatedPanel)
        if paragraph is None:
            panel.show_message("Related passages\nmove to a paragraph to see other sources")
        elif self.related is None:
            panel.show_message("Related passages\nlinking sources…")
        else:
            self._links(article_id, paragraph)

    @work(thread=True, exclusive=True, group="links", exit_on_error=False)
    def _links(self, article_id: str, paragraph: int) -> None:
        links = self.related.links(article_id, paragraph, limit=10)
        corroboration = self.related.corroboration(article_id, paragraph)
        if not get_current_worker().is_cancelled:
            self.post_message(messages.LinksReady(article_id, paragraph, links, corroboration))

    def on_links_ready(self, message: messages.LinksReady) -> None:
        reader = self._view(ReadingView)
        if reader.article is None or (reader.article.id, reader.paragraph) != (message.article_id, message.paragraph):
            return
        first = None
        if message.corroboration.first and self.dossier and (article := self.dossier.get(message.corroboration.first)):
            first = article.source or article.title
        self._view(RelatedPanel).show_links(message.links, message.corroboration.sources, first)

    @on(OptionList.OptionHighlighted, "#related-links")
    def _link_highlighted(self) -> None:
        self._show_shared()

    def _show_shared(self, *_) -> None:
        """While the related panel has focus, underline in the text the words its passage shares."""
        reader = self._view(ReadingView)
        links = self._view(LinkList)
        picked = links.highlighted if links.has_focus else None
        panel_links = self._view(RelatedPanel).links
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

    def action_toggle_related(self) -> None:
        # Narrow: hidden unless asked for; wide: shown unless put away (see app.tcss).
        main = self.screen_stack[0]
        main.toggle_class("show-related" if main.has_class("-narrow") else "hide-related")

    # -- other views ---------------------------------------------------------------------------

    def action_help(self) -> None:
        from dossier_tui.app.help_screen import HelpScreen

        self.push_screen(HelpScreen())

    def action_entities(self) -> None:
        if self.analysis is None:
            self.notify("entities are still being analysed", timeout=3)
            return
        from dossier_tui.app.entities_screen import EntitiesScreen

        self.push_screen(EntitiesScreen(self.analysis, self.dossier), self._entity_chosen)

    def _entity_chosen(self, choice: tuple[str, object] | None) -> None:
        if choice is None or self.analysis is None or self.dossier is None:
            return
        action, value = choice
        if action == "filter":
            self._filter_by_entity(str(value))
            return
        from dossier_tui.app.alias_edits import add_rule

        try:
            path = add_rule(self.dossier.root, action, value)
        except DossierError as error:
            self.notify(str(error), severity="error", timeout=6)
            return
        self._view(StatusLine).set_notice(f"{action} written to {path.name}; analysing again")
        self._open_dossier()

    def _filter_by_entity(self, name: str) -> None:
        entity = self.analysis.entity(name)
        if entity is None:
            return
        bar = self._view(SearchBar)
        with bar.prevent(SearchBar.Changed):
            bar.value = ""
        self.entity_filter = entity.name
        self.results = {}
        wanted = set(entity.articles)
        rows = [Row(a) for a in self.dossier.articles if a.id in wanted]
        articles = self._view(ArticleList)
        articles.show_rows(rows, keep_highlight=False)
        articles.focus()
        self._view(StatusLine).set_notice(f"{entity.name}: {len(rows)} articles · / to search clears the filter")

    def action_quotes(self) -> None:
        if self.analysis is None:
            self.notify("quotes are still being analysed", timeout=3)
            return
        from dossier_tui.app.quotes_screen import QuotesScreen

        self.push_screen(QuotesScreen(self.analysis, self.dossier, self.related), self._quote_chosen)

    def _quote_chosen(self, target: tuple[str, int] | None) -> None:
        if target is not None:
            self.open_article(*target)

    def action_compare(self) -> None:
        reader = self._view(ReadingView)
        other = self._view(ArticleList).highlighted_article
        if self.related is None:
            self.notify("sources are still being linked", timeout=3)
            return
        if reader.article is None or other is None or other.id == reader.article.id:
            self.notify("open an article, then highlight another in the list to compare", timeout=4)
            return
        from dossier_tui.app.compare_screen import CompareScreen

        self.push_screen(CompareScreen(reader.article, other, self.related.compare(reader.article.id, other.id)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: Textual's own commands, then every action of the reader."""
        yield from super().get_system_commands(screen)
        keymap = key_sequences.effective_keymap(self)
        reader = self._view(ReadingView)
        for node, bindings in ((self, self.BINDINGS), (reader, ReadingView.BINDINGS)):
            for binding in bindings:
                if binding.action in ("command_palette", "focus_next", "focus_previous"):
                    continue
                keys = ", ".join(keymap.keys_for(binding.id)) or binding.key
                yield SystemCommand(
                    binding.description, f"{binding.id} ({keys})", lambda n=node, a=binding.action: n.run_action(a)
                )

    def _remember_position(self) -> None:
        reader = self._view(ReadingView)
        if self.dossier is not None and reader.article is not None:
            store.save_position(self.dossier.root, store.ReadingPosition(reader.article.id, reader.paragraph or 0))

    async def action_quit(self) -> None:
        self._remember_position()
        self.exit()


_MAIN_SCREEN_ACTIONS = {"search", "entities", "quotes", "compare", "toggle_related"}
_STAGE_LABEL = {"load": "loading", "analyze": "analysing", "index": "indexing", "relate": "linking sources"}


def _short(text: str, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: width - 1] + "…"
