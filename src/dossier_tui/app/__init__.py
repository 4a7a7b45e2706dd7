"""The Textual reader (a face over the core). Imported lazily so `dossier list` never pays for Textual."""

from __future__ import annotations

__all__ = ["DossierApp"]


def __getattr__(name: str):
    if name == "DossierApp":
        from dossier_tui.app.app import DossierApp

        return DossierApp
    raise AttributeError(name)
