"""The pending-prefix layer on a small app of its own: sequences, timeout, hint, typing, fallbacks."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Footer, Input

from dossier_tui.app import key_sequences
from dossier_tui.app.help_screen import HelpScreen
from dossier_tui.app.status_line import StatusLine


class Pane(Widget, can_focus=True):
    BINDINGS = [
        Binding("j,down", "record('next_paragraph')", "Next paragraph", id="reader.next_paragraph"),
        Binding("k,up", "record('previous_paragraph')", "Previous paragraph", id="reader.previous_paragraph"),
        Binding("home", "record('top')", "Top", id="reader.top"),
        Binding("end", "record('bottom')", "Bottom", id="reader.bottom"),
        Binding("escape", "record('close')", "Back to list", id="reader.close"),
        Binding("n", "record('next_hit')", "Next hit", id="reader.next_hit"),
    ]

    def action_record(self, name: str) -> None:
        self.app.ran.append(name)


class SequencesApp(App):
    BINDINGS = [Binding("q", "record('quit')", "Quit", id="global.quit"), Binding("?", "help", "Help", id="global.help")]

    def __init__(self, keymap: str | None) -> None:
        super().__init__()
        self.keymap_name = keymap
        self.ran: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input()
        yield Pane()
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        key_sequences.install(self, self.keymap_name, self.query_one(StatusLine))
        self.query_one(Pane).focus()

    async def on_event(self, event: events.Event) -> None:
        if not await key_sequences.intercept(self, event):
            await super().on_event(event)

    def get_key_display(self, binding: Binding) -> str:
        return key_sequences.key_display(self, binding) or super().get_key_display(binding)

    def action_record(self, name: str) -> None:
        self.ran.append(name)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())


async def test_vim_sequences_run_their_actions():
    app = SequencesApp("vim")
    async with app.run_test() as pilot:
        await pilot.press("g", "g", "G", "]", "]", "[", "[", "home")
        assert app.ran == ["top", "bottom", "next_paragraph", "previous_paragraph", "top"]


async def test_a_global_sequence_works_from_any_pane():
    app = SequencesApp("emacs")
    async with app.run_test() as pilot:
        await pilot.press("ctrl+x", "ctrl+c")
        assert app.ran == ["quit"]


async def test_a_held_key_shows_in_the_status_line_and_expires(monkeypatch):
    # A loaded machine fires timers late, never early. So the expiry is waited for (bounded), with
    # every notice recorded; and where a held key must still be held, the timeout is long.
    monkeypatch.setattr(key_sequences, "TIMEOUT", 0.2)
    app = SequencesApp("vim")
    async with app.run_test() as pilot:
        status = app.query_one(StatusLine)
        status.set_notice("5 articles match")
        shown: list[str] = []
        set_notice = status.set_notice
        monkeypatch.setattr(status, "set_notice", lambda notice: (shown.append(notice), set_notice(notice)))
        await pilot.press("g")
        assert shown and shown[0].startswith("g …") and "g g Top" in shown[0]
        assert app.ran == []
        for _ in range(200):  # at most 10 s
            if status.notice == "5 articles match":
                break
            await pilot.pause(0.05)
        assert status.notice == "5 articles match" and app.key_sequences.pending == ()
        monkeypatch.setattr(key_sequences, "TIMEOUT", 60.0)
        await pilot.press("g")  # a fresh start, not the end of `g g`
        assert app.ran == [] and status.notice.startswith("g …") and "g g Top" in status.notice
        await pilot.press("g")
        assert app.ran == ["top"] and status.notice == "5 articles match"


async def test_a_key_that_does_not_continue_the_sequence_runs_as_usual():
    app = SequencesApp("vim")
    async with app.run_test() as pilot:
        await pilot.press("g", "j", "]", "n")
        assert app.ran == ["next_paragraph", "next_hit"]
        await pilot.press("g", "escape")  # escape only drops the held key
        assert app.ran == ["next_paragraph", "next_hit"]
        await pilot.press("escape")
        assert app.ran[-1] == "close"


async def test_typing_in_a_text_box_is_never_taken_for_a_sequence():
    app = SequencesApp("vim")
    async with app.run_test() as pilot:
        app.query_one(Input).focus()
        await pilot.press("g", "g", "]", "]")
        assert app.query_one(Input).value == "gg]]"
        assert app.ran == []


async def test_an_action_bound_only_to_a_sequence_frees_its_default_key(write_user_keymap):
    write_user_keymap("extends: vim\nreader:\n  top: [g g]\n  bottom: [G]\n")
    app = SequencesApp(None)
    async with app.run_test() as pilot:
        await pilot.press("home", "end")
        assert app.ran == []
        await pilot.press("g", "g", "G")
        assert app.ran == ["top", "bottom"]
        top = next(a.binding for a in app.screen.active_bindings.values() if a.binding.id == "reader.top")
        assert app.get_key_display(top) == "g g"


async def test_an_invalid_user_keymap_falls_back_to_the_default_with_a_notice(write_user_keymap):
    path = write_user_keymap("extends: vim\nreader:\n  next_hit: [j]\n")
    app = SequencesApp(None)
    async with app.run_test() as pilot:
        await pilot.press("g", "g", "j", "n")
        assert app.ran == ["top", "top", "next_paragraph", "next_hit"]  # default keys: `g` alone, no `g g`
        (notice,) = app._notifications
        assert notice.title == "Keymap not applied"
        assert notice.message.startswith(f"{path}:3: reader.next_hit: `j` is already bound to reader.next_paragraph")


async def test_help_lists_the_remapped_keys_where_you_are_first(write_user_keymap):
    write_user_keymap("extends: vim\nreader:\n  next_hit: {keys: [ctrl+n, n], description: Next search hit}\n")
    app = SequencesApp(None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("?")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        texts = [str(static.render()) for static in help_screen.query("Static")]
        assert texts[0] == "Reading view  (here)" and texts[2] == "Everywhere  (here)"
        reader_rows = _rows(help_screen, 1)
        assert ("ctrl+n, n", "Next search hit", "reader.next_hit") in reader_rows
        assert ("g g, home", "Top", "reader.top") in reader_rows
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


def _rows(screen, index):
    table = list(screen.query("Static"))[index].content
    cells = [[str(cell) for cell in column.cells] for column in table.columns]
    return list(zip(*cells))
