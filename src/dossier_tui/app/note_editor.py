"""The note editor: a multi-line note (Markdown), tags and a label for one annotation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from dossier_tui.annotations import DEFAULT_LABEL, LABELS
from dossier_tui.app.reader_lines import clean

QUOTE_SHOWN = 300  # characters of the passage shown above the note


class NoteEditor(ModalScreen[dict | None]):
    """Dismissed with {"note", "tags", "label"} (save) or None (cancel)."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    #editor-box { width: 90%; max-width: 100; height: auto; max-height: 90%; border: round $accent;
                  border-title-align: left; background: $surface; padding: 0 1; }
    #editor-quote { height: auto; max-height: 5; text-style: italic; color: $text-muted; }
    #editor-note { height: 10; }
    #editor-tags, #editor-label { margin-top: 1; }
    #editor-hint { color: $text-muted; height: 1; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("escape", "cancel", "Cancel", id="editor.cancel"),
    ]

    def __init__(self, quote: str, *, note: str = "", tags: tuple[str, ...] = (), label: str = DEFAULT_LABEL, title: str = "New note") -> None:
        super().__init__()
        self.quote = quote
        self.note, self.tags, self.label = note, tags, label
        self.heading = title

    def compose(self) -> ComposeResult:
        shown = clean(" ".join(self.quote.split()))
        shown = shown if len(shown) <= QUOTE_SHOWN else shown[: QUOTE_SHOWN - 1] + "…"
        with Vertical(id="editor-box") as box:
            box.border_title = self.heading
            yield Static(f"“{shown}”", id="editor-quote", markup=False)
            yield TextArea(self.note, id="editor-note", soft_wrap=True, show_line_numbers=False)
            yield Input(", ".join(self.tags), placeholder="tags, separated by commas", id="editor-tags")
            yield Select([(label, label) for label in LABELS], value=self.label, allow_blank=False, id="editor-label")
            yield Static("", id="editor-hint", markup=False)

    def on_mount(self) -> None:
        save = self._keys("editor.save", "ctrl+s")
        cancel = self._keys("editor.cancel", "escape")
        self.query_one("#editor-hint", Static).update(f"{save} saves · {cancel} cancels · the note is Markdown")
        self.query_one(TextArea).focus()

    def _keys(self, action_id: str, default: str) -> str:
        from dossier_tui.app.key_sequences import effective_keymap

        return " / ".join(effective_keymap(self.app).keys_for(action_id)) or default

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        tags = [t.strip() for t in self.query_one("#editor-tags", Input).value.split(",")]
        label = self.query_one(Select).value
        self.dismiss({"note": self.query_one(TextArea).text, "tags": [t for t in tags if t], "label": str(label)})

    def action_cancel(self) -> None:
        self.dismiss(None)


class FlagPrompt(ModalScreen[str | None]):
    """The name of a flag to set or clear on an article (the flags in use are suggested)."""

    DEFAULT_CSS = """
    FlagPrompt { align: center middle; }
    #flag-box { width: 60; height: auto; border: round $accent; border-title-align: left; background: $surface; padding: 0 1; }
    #flag-hint { color: $text-muted; height: auto; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="editor.cancel")]

    def __init__(self, title: str, flags: set[str], known: list[str]) -> None:
        super().__init__()
        self.heading, self.flags, self.known = title, flags, known

    def compose(self) -> ComposeResult:
        from textual.suggester import SuggestFromList

        with Vertical(id="flag-box") as box:
            box.border_title = "Flag (enter sets it, or clears it when set)"
            yield Static(clean(self.heading), markup=False)
            now = ", ".join(sorted(self.flags)) or "none"
            yield Static(f"flags now: {clean(now)}", id="flag-hint", markup=False)
            yield Input(next(iter(sorted(self.flags)), "key source") if self.flags else "key source", id="flag-name",
                        suggester=SuggestFromList([*self.known, "key source", "dubious"], case_sensitive=False))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        self.dismiss(name or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
