"""Messages the background workers post to the main screen, typed.

Each answer carries the generation it was asked under (ReadingSession.next_generation): the screen
keeps it only while `session.is_current(kind, generation)`, so a stale answer never overwrites a newer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class Progress(Message):
    stage: str
    done: int
    total: int


@dataclass
class StageDone(Message):
    """A pipeline stage finished: `result` is its Dossier, Analysis, DossierIndex or RelatedIndex
    ("warm": the index of an unchanged dossier, searchable before anything is loaded)."""

    generation: int  # of the "open" kind: opening again (after an alias edit) starts a new one
    stage: str
    result: Any


@dataclass
class StageFailed(Message):
    generation: int
    stage: str
    error: str


@dataclass
class Notice(Message):
    """A one-line notice for the status line (index rebuilt, a file skipped...)."""

    text: str


@dataclass
class SearchDone(Message):
    """Results for one query (result None: the query was empty)."""

    generation: int
    query: str
    result: Any
    articles: dict[str, Any]  # the hits' articles (from the index) while the dossier is not loaded, else empty


@dataclass
class LinksReady(Message):
    generation: int
    article_id: str
    paragraph: int
    links: list
    corroboration: Any


@dataclass
class SourceNames(Message):
    """Per article: the source name shown for it (provenance.display_source), found off the UI thread."""

    generation: int  # of the "open" kind
    names: dict[str, str]


@dataclass
class LinkCounts(Message):
    """Per article: how many of its passages other sources carry (same text)."""

    generation: int  # of the "open" kind, like StageDone
    counts: dict[str, int]


@dataclass
class AnnotationsReady(Message):
    """The dossier's annotations read and placed in its text (a DossierAnnotations)."""

    generation: int
    annotations: Any
