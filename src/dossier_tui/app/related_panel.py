"""The related panel: passages from other sources that carry or report what the cursor paragraph says."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dossier_tui.app.reader_lines import clean
from dossier_tui.provenance import UNKNOWN_SOURCE

_KIND_LABEL = {"same": "same text", "similar": "similar"}


class LinkList(OptionList):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next passage", id="related.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous passage", id="related.cursor_up", show=False),
        Binding("enter", "select", "Go to passage", id="related.open"),
    ]


class RelatedPanel(Vertical):
    class Jump(Message):
        """Go to a passage of another article."""

        def __init__(self, article_id: str, paragraph: int, shared: list[tuple[int, int]]) -> None:
            super().__init__()
            self.article_id = article_id
            self.paragraph = paragraph
            self.shared = shared  # ranges of the passage's text it shares with the one left

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.links: list = []

    def compose(self) -> ComposeResult:
        yield Static("Related passages", id="related-header")
        yield LinkList(id="related-links")

    def show_message(self, message: str) -> None:
        self.links = []
        self.query_one(Static).update(message)
        self.query_one(LinkList).clear_options()

    def show_links(self, links: list, corroboration_sources: list[str], first: str | None) -> None:
        """links: related.Link objects, best first; corroboration: other outlets carrying the same text."""
        self.links = links
        header = Text("Related passages", style="bold")
        if corroboration_sources:
            count = len(corroboration_sources)
            header.append(f"\ncarried by {count} other source{'s' if count != 1 else ''}")
            if first:
                header.append(f" · first: {clean(first)}")
        elif not links:
            header.append("\nnothing similar in other sources", style="italic")
        self.query_one(Static).update(header)
        options = self.query_one(LinkList)
        options.clear_options()
        options.add_options([Option(_prompt(link), id=str(number)) for number, link in enumerate(links)])
        if links:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        link = self.links[event.option_index]
        self.post_message(self.Jump(link.article_id, link.paragraph, link.shared))


def _prompt(link) -> Text:
    title = Text(clean(link.source or UNKNOWN_SOURCE), style="bold")
    title.append(f" [{_KIND_LABEL.get(link.kind, link.kind)}]", style="underline" if link.kind == "same" else "italic")
    title.append("\n" + clean(link.title), style="dim")
    # the trailing newline leaves a blank line between passages
    return Text.assemble(title, "\n", shared_snippet(link.text, link.shared), "\n")


def shared_snippet(text: str, shared: list[tuple[int, int]], width: int = 220) -> Text:
    """The start of the shared stretch of the target passage, shared words bold (seen without colour)."""
    left = 0
    if shared and shared[0][0] > width // 4:
        left = text.rfind(" ", 0, shared[0][0] - 20) + 1
    window = clean(text[left : left + width])
    prefix = "…" if left else ""
    out = Text(prefix + window + ("…" if left + width < len(text) else ""))
    for start, end in shared:
        if start >= left and end <= left + width:
            out.stylize("bold underline", start - left + len(prefix), end - left + len(prefix))
    return out
