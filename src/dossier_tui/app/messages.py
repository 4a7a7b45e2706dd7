"""Messages the background workers post to the app: each stage's result, progress, search results."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class Progress(Message):
    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage = stage
        self.done = done
        self.total = total


class StageDone(Message):
    """A pipeline stage finished: `result` is its Dossier, Analysis, DossierIndex or RelatedIndex."""

    def __init__(self, stage: str, result: Any) -> None:
        super().__init__()
        self.stage = stage
        self.result = result


class StageFailed(Message):
    def __init__(self, stage: str, error: str) -> None:
        super().__init__()
        self.stage = stage
        self.error = error


class Notice(Message):
    """A one-line notice for the status line (index rebuilt, a file skipped...)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SearchDone(Message):
    """Results for one query (None: the query was empty); the app drops it if the query is stale."""

    def __init__(self, query: str, result: Any) -> None:
        super().__init__()
        self.query = query
        self.result = result


class LinksReady(Message):
    def __init__(self, article_id: str, paragraph: int, links: list, corroboration: Any) -> None:
        super().__init__()
        self.article_id = article_id
        self.paragraph = paragraph
        self.links = links
        self.corroboration = corroboration


class LinkCounts(Message):
    """Per article: how many of its passages other sources carry (same text)."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts
