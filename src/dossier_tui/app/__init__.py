"""The Textual reader (a face over the core). Imported lazily so `dossier list` never pays for Textual."""

from __future__ import annotations

import os

# Textual paints at most MAX_FPS frames a second and a change waits for the next tick: at its
# default 60 that is up to 17 ms of a keystroke's 50 ms budget. A frame carries only what changed,
# so 120 costs little over SSH. Set before Textual is imported; the user's own setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")

__all__ = ["DossierApp"]


def __getattr__(name: str):
    if name == "DossierApp":
        from dossier_tui.app.app import DossierApp

        return DossierApp
    raise AttributeError(name)
