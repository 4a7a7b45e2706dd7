"""Named entities with alias clusters, and quotes with their speakers. No UI imports here."""

from dossier_tui.analysis.analyzer import analyze
from dossier_tui.analysis.records import Analysis, Entity, EntityType, Mention, Quote, Span

__all__ = ["Analysis", "Entity", "EntityType", "Mention", "Quote", "Span", "analyze"]
