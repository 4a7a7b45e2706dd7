"""The keymap in the app: user keys over the defaults, and multi-key sequences (`g g`, `] ]`).

Textual binds single keys only, so sequences get a small pending-prefix layer. The app hands every
key press to `intercept` before Textual's own handling. A key that starts a sequence of the
contexts in focus is held and shown in the status line; the next key either completes the
sequence, whose action then runs through the Textual binding with that id (so `check_action` and
the widget's own action method apply), or does not, and then runs as usual. After TIMEOUT seconds
the held keys are dropped: validation guarantees no prefix is also bound alone, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea

from dossier_tui.keymap import Keymap, KeyNameError, load_keymap, load_keymap_or_default, normalize_key

if TYPE_CHECKING:  # the app imports this module
    from dossier_tui.app.app import DossierApp

TIMEOUT = 1.0
PALETTE = "global.command_palette"
_MAX_NOTICE_LINES = 4


class KeySequences:
    def __init__(self, app: App, keymap: Keymap, show_hint: Callable[[str], None]) -> None:
        self.app = app
        self.keymap = keymap
        self.show_hint = show_hint
        self.pending: tuple[str, ...] = ()
        self._timer: Timer | None = None

    async def feed(self, event: events.Key) -> bool:
        """True when the key belongs to a sequence (held or completed) and Textual must not see it."""
        focused = self.app.focused
        if isinstance(focused, (Input, TextArea)):
            self.cancel()  # typed text is text
            return False
        sequences = {}
        for context in contexts_in_focus(self.app, self.keymap):
            sequences.update(self.keymap.sequences(context))
        try:
            key = normalize_key(event.key)
        except KeyNameError:  # a key no keymap can name (e.g. a bare modifier)
            key = event.key
        was_pending = bool(self.pending)
        keys = (*self.pending, key)
        if keys in sequences:
            self.cancel()
            await self._run(sequences[keys])
            return True
        if self._hold(keys, sequences):
            return True
        self.cancel()
        if was_pending and key == "escape":
            return True  # escape only drops the held keys, as in vim
        return was_pending and self._hold((key,), sequences)

    def _hold(self, keys: tuple[str, ...], sequences: dict[tuple[str, ...], str]) -> bool:
        following = {seq: action for seq, action in sequences.items() if seq[: len(keys)] == keys}
        if not following:
            return False
        self.pending = keys
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(TIMEOUT, self.cancel)
        choices = ", ".join(f"{' '.join(seq)} {self.keymap.description(action)}" for seq, action in following.items())
        self.show_hint(f"{' '.join(keys)} …  ({choices})")
        return True

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.pending:
            self.pending = ()
            self.show_hint("")

    async def _run(self, action_id: str) -> None:
        for active in self.app.screen.active_bindings.values():
            if active.binding.id == action_id:
                if active.enabled:
                    await self.app.run_action(active.binding.action, active.node)
                return
        self.app.bell()


def contexts_in_focus(app: App, keymap: Keymap, screen: Screen | None = None) -> list[str]:
    """The keymap contexts whose bindings are live: from the focused widget out, stopping at a modal screen."""
    screen = screen or app.screen
    known = set(keymap.contexts())
    contexts: list[str] = []
    for node in (screen.focused or screen).ancestors_with_self:
        for binding in getattr(node, "BINDINGS", ()):
            context = (getattr(binding, "id", None) or "").split(".", 1)[0]
            if getattr(node, "check_action", None) and node.check_action(binding.action.split("(", 1)[0], ()) is False:
                continue  # keys of a mode that is off (the reading view's selection keys)
            if context in known and context not in contexts:
                contexts.append(context)
        if node.is_modal:
            break
    # `global` last, where the focused pane repeats one of its keys (the reader's `r`): the
    # help lists the pane's own keys first.
    return sorted(contexts, key=lambda context: context == "global")


def install(app: DossierApp, keymap_name: str | None, status) -> None:
    """Apply the keymap (`--keymap`, else the user's file, else the default) to `app`, on mount;
    held keys of a sequence show in `status` (the main screen's status line).

    An invalid keymap never stops the reader: it starts with the default keys and says why.
    """
    keymap, problem = load_keymap_or_default(keymap_name)
    textual_keymap = keymap.textual_keymap()
    app.set_keymap(textual_keymap)
    if PALETTE in textual_keymap:
        # The footer finds the palette's key by this name; left at ctrl+p it would label whatever
        # action a keymap put there (emacs: previous line).
        # Set on this app, not its class: another reader in the same process may use another keymap.
        app.COMMAND_PALETTE_BINDING = textual_keymap[PALETTE].split(",")[0]  # type: ignore[misc]
    app.key_sequences = KeySequences(app, keymap, _status_hint(status))
    if problem:
        lines = problem.splitlines()
        if len(lines) > _MAX_NOTICE_LINES:
            lines = [*lines[: _MAX_NOTICE_LINES - 1], f"… {len(lines) - _MAX_NOTICE_LINES + 1} more: run `dossier keys`"]
        app.notify("\n".join(lines), title="Keymap not applied", severity="error", timeout=20)


async def intercept(app: App, event: events.Event) -> bool:
    """Called first by the app's `on_event`: True when a key press was taken by a sequence."""
    layer: KeySequences | None = getattr(app, "key_sequences", None)
    if layer is None or not isinstance(event, events.Key) or event.is_forwarded:
        return False
    return await layer.feed(event)


def effective_keymap(app: App) -> Keymap:
    layer: KeySequences | None = getattr(app, "key_sequences", None)
    return layer.keymap if layer is not None else load_keymap("default")


def key_display(app: App, binding: Binding) -> str | None:
    """The footer's label for a binding of an action bound only to sequences: `g g`, not its stand-in `g`."""
    layer: KeySequences | None = getattr(app, "key_sequences", None)
    if layer is None or binding.id is None:
        return None
    keys = layer.keymap.keys_for(binding.id)
    return keys[0] if keys and all(" " in key for key in keys) else None


def _status_hint(status) -> Callable[[str], None]:
    """Show held keys in the status line's notice, then put back the notice they covered."""
    covered: list[tuple[str, str]] = []  # (the notice covered, the hint shown over it)

    def show(hint: str) -> None:
        if hint:
            previous = covered.pop()[0] if covered else status.notice
            covered.append((previous, hint))
            status.set_notice(hint)
        elif covered:
            previous, shown = covered.pop()
            if status.notice == shown:  # unless something newer took the line meanwhile
                status.set_notice(previous)

    return show
