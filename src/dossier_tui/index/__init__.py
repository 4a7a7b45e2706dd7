"""Full-text search of a dossier: a Whoosh index kept in the user's cache, and a scan fallback."""

from typing import TYPE_CHECKING

from dossier_tui.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from dossier_tui.index.dossier_index import DossierIndex, UpdateReport
    from dossier_tui.index.results import Highlight, Hit, SearchResult
    from dossier_tui.index.scan_search import ScanSearch

__all__ = ["DossierIndex", "Highlight", "Hit", "ScanSearch", "SearchResult", "UpdateReport"]
__getattr__ = lazy_exports(__name__, {
    "DossierIndex": "dossier_index", "UpdateReport": "dossier_index", "ScanSearch": "scan_search",
    "Highlight": "results", "Hit": "results", "SearchResult": "results",
})
