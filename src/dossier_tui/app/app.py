"""DossierApp: the reader's shell. It owns the reading session, the keymap and the keys that work
everywhere; the main screen (main_screen.py) owns the panes and the background work feeding them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from dossier_tui import locations
from dossier_tui.app import key_sequences
from dossier_tui.app.main_screen import NARROW_BELOW, NOTICE_SECONDS, MainScreen
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.session import ReadingSession

if TYPE_CHECKING:
    from dossier_tui.backends.staged import StagedBackend


class DossierApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "dossier"
    # Below NARROW_BELOW columns one pane has the whole width at a time (mutt's model).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]

    BINDINGS = [
        Binding("q", "quit", "Quit", id="global.quit"),
        Binding("?", "help", "Help", id="global.help"),
        Binding("L", "messages", "Messages", id="global.messages", show=False),
        Binding("tab", "focus_next", "Next pane", id="global.focus_next", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", id="global.focus_previous", show=False),
        Binding("ctrl+p", "command_palette", "Commands", id="global.command_palette", show=False),
    ]

    def __init__(
        self, path: str | Path | None = None, *, keymap: str | None = None, mouse: bool = True, follow_links: bool = False,
        remote: Callable[[], StagedBackend] | None = None,
    ) -> None:
        """REMOTE opens a published dossier (`dossier --db URL NAME`); PATH then names it locally."""
        super().__init__()
        path = Path(path) if path is not None else locations.builtin_dossier()
        self.session = ReadingSession(path, follow_links=follow_links, remote=remote)
        self.keymap_name = keymap
        self.mouse = mouse
        # Over SSH every animation frame is bytes on a slow link.
        self.animation_level = "none"
        self.main = MainScreen(self.session)
        self.key_sequences: key_sequences.KeySequences | None = None  # installed after the first frame

    def get_default_screen(self) -> Screen:
        return self.main

    def on_mount(self) -> None:
        # User keys over the defaults and the key sequences: read (YAML, ~0.1 s) after the first frame.
        self.call_after_refresh(lambda: key_sequences.install(self, self.keymap_name, self.main.status))

    async def on_event(self, event: events.Event) -> None:
        # Multi-key sequences (`g g`) see each key press before Textual's bindings do.
        if isinstance(event, events.Key) and await key_sequences.intercept(self, event):
            return
        await super().on_event(event)

    def get_key_display(self, binding: Binding) -> str:
        return key_sequences.key_display(self, binding) or super().get_key_display(binding)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: Textual's own commands, then every action of the reader."""
        yield from super().get_system_commands(screen)
        keymap = key_sequences.effective_keymap(self)
        main = self.main
        for node, bindings in ((self, self.BINDINGS), (main, MainScreen.BINDINGS), (main.reader, ReadingView.BINDINGS)):
            for binding in bindings:
                if not isinstance(binding, Binding):
                    continue
                if binding.action in ("command_palette", "focus_next", "focus_previous") or binding.action.startswith("select_"):
                    continue
                keys = ", ".join(keymap.keys_for(binding.id or "")) or binding.key
                yield SystemCommand(
                    binding.description, f"{binding.id} ({keys})", lambda n=node, a=binding.action: n.run_action(a)
                )

    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None, markup: bool = True) -> None:
        """Notices go to the status line and the message log (`L`), never over the text as toasts."""
        lines = [line for line in str(message).splitlines() if line.strip()] or [""]
        lines[0] = f"{title}: {lines[0]}" if title else lines[0]
        status = self.main.status
        for line in lines:
            status.add_to_log(line)
        more = f" (+{len(lines) - 1} lines: L shows them)" if len(lines) > 1 else ""
        status.set_notice(lines[0] + more, seconds=timeout or NOTICE_SECONDS)

    def action_messages(self) -> None:
        from dossier_tui.app.messages_screen import MessagesScreen

        self.push_screen(MessagesScreen(self.main.status.messages))

    def action_help(self) -> None:
        from dossier_tui.app.help_screen import HelpScreen

        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.main.stop_timers()
        self.main._remember_position()
        self.exit()
