"""Loading a dossier: files -> clean articles with their furniture classified. No UI imports here."""

from dossier_tui.corpus.folder_scan import FORMATS, Scan, scan_dossier
from dossier_tui.corpus.loader import dossier_files, load_dossier, load_file

__all__ = ["FORMATS", "Scan", "dossier_files", "load_dossier", "load_file", "scan_dossier"]
