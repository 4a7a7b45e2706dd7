"""Quotes (`Q`): who said what, grouped by speaker, with the quotes other sources carry too.

The list is line-API rows (grouped_rows): it paints at once on 27,000 quotes, and `/` filters it
as you type (words of the quote, the speaker or the outlet). Which quotes several sources carry
comes from the related index's quote clusters, which take seconds to build the first time: they
are built in a thread while the list is already usable, and the title says so until they land.
Enter jumps to the quote in its article. A quote that outlets attribute to different speakers is
flagged.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input
from textual.worker import get_current_worker

from dossier_tui.analysis.records import Quote
from dossier_tui.app.grouped_rows import Entry, GroupedRows
from dossier_tui.app.list_filter import FilterInput, matching
from dossier_tui.app.reader_lines import clean
from dossier_tui.provenance import display_source

UNKNOWN = "Speaker not identified"


class QuoteRows(GroupedRows):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next quote", id="quotes.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous quote", id="quotes.cursor_up", show=False),
        Binding("pagedown,space", "page_down", "Page down", id="quotes.page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="quotes.page_up", show=False),
        Binding("g,home", "top", "First quote", id="quotes.top", show=False),
        Binding("G,end", "bottom", "Last quote", id="quotes.bottom", show=False),
        Binding("enter", "select", "Go to quote", id="quotes.open"),
    ]


class QuotesScreen(ModalScreen[tuple[str, int] | None]):
    BINDINGS = [
        # `/` searches wherever you are: here, the quotes.
        Binding("/", "find", "Search", id="global.search"),
        Binding("escape", "close", "Close", id="quotes.close"),
    ]

    def __init__(self, analysis, dossier, related=None) -> None:
        super().__init__()
        self.analysis = analysis
        self.dossier = dossier
        self.related = related
        self.carried: dict[tuple[str, int, int], object] | None = None  # None until the clusters are in
        speech = [q for q in analysis.quotes if q.kind == "speech"]
        by_speaker: dict[str, list] = {}
        for quote in speech:
            by_speaker.setdefault(quote.speaker or UNKNOWN, []).append(quote)
        order = sorted(by_speaker, key=lambda s: (s == UNKNOWN, -len(by_speaker[s]), s))
        self._groups = [(speaker, by_speaker[speaker]) for speaker in order]
        self.total = len(speech)
        self._texts: list[str] | None = None  # every quote with its speaker and outlet, folded, for the filter
        self._query = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="quotes-box"):
            yield FilterInput(placeholder="/ filter by words, speaker or outlet", id="quotes-find")
            yield QuoteRows(self._lines, empty="no quote matches" if self.total else "no quotes found in this dossier", id="quotes")

    def on_mount(self) -> None:
        self._show("")
        self.query_one(QuoteRows).focus()
        if self.related is not None:
            # After the first frame: the thread would hold the interpreter (GIL) while it paints.
            self.call_after_refresh(self._find_carried)

    def _title(self, shown: int) -> str:
        count = f"{shown:,} of {self.total:,}" if self._query.strip() else f"{self.total:,}"
        waiting = " · finding quotes other sources carry…" if self.related is not None and self.carried is None else ""
        return f"Quotes · {count}{waiting} · enter go to quote · / find · escape close"

    def _show(self, query: str) -> None:
        self._query = query
        wanted = None
        if query.strip():
            quotes = [q for _, members in self._groups for q in members]
            if self._texts is None:
                self._texts = [f"{q.text} {q.speaker or ''} {self._where(q)}".casefold() for q in quotes]
            wanted = {id(quotes[n]) for n in matching(self._texts, query)}
        entries: list[Entry] = []
        shown = 0
        for speaker, quotes in self._groups:
            if wanted is not None:
                quotes = [q for q in quotes if id(q) in wanted]
            if not quotes:
                continue
            entries.append(Entry(f"{speaker} ({len(quotes):,})", 1, heading=True))
            entries.extend(Entry(q, 3) for q in quotes)
            shown += len(quotes)
        self.query_one("#quotes-box").border_title = self._title(shown)
        self.query_one(QuoteRows).set_entries(entries)

    def _where(self, quote) -> str:
        article = self.dossier.get(quote.article_id)
        return (display_source(article) or article.title) if article is not None else quote.article_id

    def _lines(self, value: object, width: int) -> list[Text]:
        if isinstance(value, str):
            return [Text(clean(value))]
        assert isinstance(value, Quote)
        quote = value
        words = " ".join(quote.text.split())
        text = Text("“" + clean(words) + "”")
        lines = text.wrap(self.app.console, max(10, width), overflow="ellipsis")
        shown = list(lines)[:2]
        if len(lines) > 2:
            shown[1] = shown[1].copy()
            shown[1].truncate(max(1, width - 1))
            shown[1].append("…")
        source = Text(f"  — {clean(self._where(quote))}", style="dim")
        cluster = self._cluster_of(quote)
        if cluster is not None:
            source.append(f" · carried by {len(cluster.sources)} sources", style="bold")
            if cluster.conflict:
                source.append(" · attributed to " + clean(" / ".join(cluster.speakers)), style="bold reverse")
        return [*shown, source, Text()]  # a short quote leaves the blank line under its outlet

    def _cluster_of(self, quote):
        if not self.carried:
            return None
        for span in quote.pieces:
            found = self.carried.get((quote.article_id, span.paragraph, span.start))
            if found is not None:
                return found
        return None

    @work(thread=True, exclusive=True, group="quote-clusters", exit_on_error=False)
    def _find_carried(self) -> None:
        """(article, paragraph, start) of each quote that several articles carry -> its cluster."""
        carried = {
            (m.article_id, m.paragraph, m.start): cluster
            for cluster in self.related.quote_clusters()
            for m in cluster.members
        }
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._carried_found, carried)

    def _carried_found(self, carried: dict) -> None:
        self.carried = carried
        rows = self.query_one(QuoteRows)
        rows.redraw()  # the lines on screen gain their "carried by" notes
        shown = sum(1 for entry in rows.entries if not entry.heading)
        self.query_one("#quotes-box").border_title = self._title(shown)

    # -- filter --------------------------------------------------------------------------------

    def action_find(self) -> None:
        self.query_one("#quotes-find", FilterInput).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    def on_filter_input_done(self, event: FilterInput.Done) -> None:
        event.stop()
        self.query_one(QuoteRows).focus()

    def on_grouped_rows_selected(self, event: GroupedRows.Selected) -> None:
        event.stop()
        if isinstance(event.value, Quote):
            self.dismiss((event.value.article_id, event.value.paragraph))

    def action_close(self) -> None:
        self.dismiss(None)
