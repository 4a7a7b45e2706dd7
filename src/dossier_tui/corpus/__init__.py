"""Loading a dossier: files -> clean articles. No UI imports here."""

from dossier_tui.corpus.loader import load_dossier

__all__ = ["load_dossier"]
