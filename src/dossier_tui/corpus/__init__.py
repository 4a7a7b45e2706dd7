"""Loading a dossier: files -> clean articles with their furniture classified. No UI imports here."""

from typing import TYPE_CHECKING

from dossier_tui.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from dossier_tui.corpus.folder_scan import FORMATS, Scan, scan_dossier
    from dossier_tui.corpus.loader import dossier_files, load_dossier, load_file

__all__ = ["FORMATS", "Scan", "dossier_files", "load_dossier", "load_file", "scan_dossier"]
__getattr__ = lazy_exports(__name__, {
    "FORMATS": "folder_scan", "Scan": "folder_scan", "scan_dossier": "folder_scan",
    "dossier_files": "loader", "load_dossier": "loader", "load_file": "loader",
})
