"""Named entities with alias clusters, and quotes with their speakers. No UI imports here."""

from typing import TYPE_CHECKING

from dossier_tui.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from dossier_tui.analysis.analyzer import analyze
    from dossier_tui.analysis.records import Analysis, Entity, EntityType, Mention, Quote, Span

__all__ = ["Analysis", "Entity", "EntityType", "Mention", "Quote", "Span", "analyze"]
__getattr__ = lazy_exports(__name__, {"analyze": "analyzer", **{name: "records" for name in __all__[:6]}})
