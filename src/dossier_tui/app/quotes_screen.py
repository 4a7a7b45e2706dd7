"""Quotes (`Q`): who said what, grouped by speaker, with the quotes other sources carry too.

Enter jumps to the quote in its article. A quote that outlets attribute to different speakers
is flagged.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier_tui.app.grouped_list import GroupedList
from dossier_tui.app.reader_lines import clean
from dossier_tui.provenance import display_source

UNKNOWN = "Speaker not identified"


class QuoteList(GroupedList):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next quote", id="quotes.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous quote", id="quotes.cursor_up", show=False),
        Binding("enter", "select", "Go to quote", id="quotes.open"),
    ]


class QuotesScreen(ModalScreen[tuple[str, int] | None]):
    BINDINGS = [Binding("escape", "close", "Close", id="quotes.close")]

    def __init__(self, analysis, dossier, related=None) -> None:
        super().__init__()
        self.analysis = analysis
        self.dossier = dossier
        self.related = related
        self.targets: dict[str, tuple[str, int]] = {}

    def compose(self) -> ComposeResult:
        yield QuoteList(*self._options(), id="quotes")

    def on_mount(self) -> None:
        quotes = self.query_one(QuoteList)
        speech = sum(1 for q in self.analysis.quotes if q.kind == "speech")
        quotes.border_title = f"Quotes · {speech} · enter go to quote · escape close"
        quotes.focus()

    def _carried(self) -> dict[tuple[str, int, int], object]:
        """(article, paragraph, start) of each quote that several articles carry -> its cluster."""
        if self.related is None:
            return {}
        return {
            (m.article_id, m.paragraph, m.start): cluster
            for cluster in self.related.quote_clusters()
            for m in cluster.members
        }

    def _options(self) -> list[Option]:
        articles = {a.id: a for a in self.dossier.articles}
        carried = self._carried()
        by_speaker: dict[str, list] = {}
        for quote in self.analysis.quotes:
            if quote.kind == "speech":
                by_speaker.setdefault(quote.speaker or UNKNOWN, []).append(quote)
        order = sorted(by_speaker, key=lambda s: (s == UNKNOWN, -len(by_speaker[s]), s))
        options: list[Option] = []
        for speaker in order:
            quotes = by_speaker[speaker]
            options.append(Option(Text(f"{clean(speaker)} ({len(quotes)})", style="bold underline"), disabled=True))
            for quote in quotes:
                article = articles.get(quote.article_id)
                line = Text("“" + clean(_short(quote.text, 200)) + "”")
                where = (display_source(article) or article.title) if article else quote.article_id
                line.append(f"\n  — {clean(where)}", style="dim")
                cluster = _cluster_of(carried, quote)
                if cluster is not None:
                    line.append(f" · carried by {len(cluster.sources)} sources", style="bold")
                    if cluster.conflict:
                        line.append(" · attributed to " + clean(" / ".join(cluster.speakers)), style="bold reverse")
                key = f"q{len(self.targets)}"
                self.targets[key] = (quote.article_id, quote.paragraph)
                options.append(Option(line, id=key))
        if not options:
            options.append(Option("no quotes found in this dossier", disabled=True))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.targets[event.option.id])

    def action_close(self) -> None:
        self.dismiss(None)


def _cluster_of(carried: dict, quote):
    for span in quote.spans or [quote]:
        found = carried.get((quote.article_id, span.paragraph, span.start))
        if found is not None:
            return found
    return None


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
