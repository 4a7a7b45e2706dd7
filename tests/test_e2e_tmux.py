"""The real `dossier` command in a real terminal (tmux, 80x24): what a user over SSH would do first."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
TITLES = [
    "Belarus Major General",
    "Belarus commanders",
    "Belarus Military Dissent",
    "Lukashenko won’t help",
    "Putin’s invasion of",
]

pytestmark = pytest.mark.requires_tool("tmux")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("dossier")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dossier_tui"]


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, *keys], check=True)

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.session], capture_output=True, text=True)
        return out.stdout

    def wait_for(self, check, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if check(screen) or time.monotonic() > deadline:
                return screen
            time.sleep(0.1)


@pytest.fixture
def terminal(user_dirs):
    session = f"dossier-e2e-{uuid.uuid4().hex[:8]}"
    # A running tmux server starts panes with its own environment: pass ours on the command line.
    env = {name: os.environ[name] for name in os.environ if name.startswith("XDG_")}
    env |= {"PYTHONPATH": str(SRC), "TERM": "screen-256color"}
    # Textual draws on stderr, so it stays on the terminal; a traceback would be printed there too.
    # `; sleep` keeps the pane open after the app exits, so the test can read what it left behind.
    shell = shlex.join(["env", "-u", "NO_COLOR", *(f"{k}={v}" for k, v in env.items()), *_command()])
    shell += "; echo EXIT=$?; sleep 30"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", shell], check=True)
    try:
        yield Terminal(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def _row_titles(screen: str) -> list[str]:
    return [title for title in TITLES if title[:18] in screen]


def test_search_open_and_quit_in_tmux(terminal):
    term = terminal
    screen = term.wait_for(lambda s: len(_row_titles(s)) == 5)
    assert _row_titles(screen) == TITLES, screen
    term.keys("/Gulevich")
    screen = term.wait_for(lambda s: len(_row_titles(s)) == 2)
    assert _row_titles(screen) == ["Belarus Major General", "Belarus Military Dissent"], screen
    term.keys("Enter")
    screen = term.wait_for(lambda s: "hit 1/" in s)
    assert "Gulevich" in screen and "hit 1/" in screen, screen
    term.keys("Escape")
    time.sleep(0.3)
    term.keys("q")
    screen = term.wait_for(lambda s: "EXIT=" in s)
    assert "EXIT=0" in screen, screen
    assert "Traceback" not in screen and "Error" not in screen
