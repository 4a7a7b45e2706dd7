"""Full-text search of a dossier: a Whoosh index kept in the user's cache, and a scan fallback."""

from dossier_tui.index.dossier_index import DossierIndex, UpdateReport
from dossier_tui.index.results import Highlight, Hit, SearchResult
from dossier_tui.index.scan_search import ScanSearch

__all__ = ["DossierIndex", "Highlight", "Hit", "ScanSearch", "SearchResult", "UpdateReport"]
