"""Highlights, notes, flags and read state: kept in the dossier, found again after its files change.

No UI imports here; the reader and the CLI are faces over these calls.
"""

from dossier_tui.annotations.anchoring import ArticleText, Placed, make_target, place_all
from dossier_tui.annotations.records import DEFAULT_LABEL, LABELS, Annotation, ArticleState, State, Target
from dossier_tui.annotations.store import FILE_NAME, AnnotationStore, AnnotationStoreError, store_path

__all__ = [
    "DEFAULT_LABEL",
    "FILE_NAME",
    "LABELS",
    "Annotation",
    "AnnotationStore",
    "AnnotationStoreError",
    "ArticleState",
    "ArticleText",
    "Placed",
    "State",
    "Target",
    "make_target",
    "place_all",
    "store_path",
]
