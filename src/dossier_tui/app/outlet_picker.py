"""`o` in the list: pick an outlet to list only its articles (most articles first; type to narrow)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from dossier_tui.app.reader_lines import clean


class OutletPicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss", "Close", show=False)]

    def __init__(self, outlets: list[tuple[str, int]]) -> None:
        super().__init__()
        self.outlets = outlets

    def compose(self) -> ComposeResult:
        with Vertical(id="outlet-box") as box:
            box.border_title = f"Outlets · {len(self.outlets):,} · enter lists one · escape closes"
            yield Input(placeholder="type to narrow", id="outlet-filter")
            yield OptionList(*self._options(""), id="outlets")

    def _options(self, typed: str) -> list[Option]:
        typed = typed.casefold()
        return [
            Option(f"{clean(name)}  ({count:,})", id=str(number))
            for number, (name, count) in enumerate(self.outlets)
            if typed in name.casefold()
        ]

    def on_input_changed(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        options.highlighted = 0 if options.option_count else None

    def on_input_submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id)

    def on_key(self, event) -> None:
        # Up and down move through the outlets while the typing stays in the box.
        if event.key in ("down", "up") and self.query_one(Input).has_focus:
            options = self.query_one(OptionList)
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        self.dismiss(self.outlets[int(option_id)][0] if option_id is not None else None)
