"""The article model every layer shares: plain data, no behaviour beyond serialisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    BODY = "body"
    BOILERPLATE = "boilerplate"
    HEADING = "heading"
    CAPTION = "caption"


@dataclass(slots=True)
class Paragraph:
    index: int
    kind: Kind
    text: str
    # True when the paragraph was cut out of a run of text that had no breaks,
    # so the reader can show consecutive flow paragraphs as one block.
    flow: bool = False

    def to_json(self) -> dict:
        return {"index": self.index, "kind": str(self.kind), "text": self.text, "flow": self.flow}


@dataclass(slots=True)
class Article:
    id: str
    path: str
    title: str
    source: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    # Hash of the article's normalised content: the key for per-article caches.
    digest: str = ""

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == Kind.BODY]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "author": self.author,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }


@dataclass(slots=True, frozen=True)
class LoadWarning:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(slots=True, frozen=True)
class FileStamp:
    """A file as it was when read: stat taken before the read, SHA-1 of the bytes read. Caches
    record this, not the file as it is when they are written, so an edit made meanwhile is seen."""

    size: int
    mtime_ns: int
    sha1: str


@dataclass(slots=True)
class Dossier:
    root: str
    articles: list[Article]
    warnings: list[LoadWarning] = field(default_factory=list)
    # Article.path -> the file as it was read, for every file found (sha1 empty when not read).
    files: dict[str, FileStamp] = field(default_factory=dict)
    folders: dict[str, int] = field(default_factory=dict)  # folder read -> its mtime_ns then
    _by_id: dict[str, Article] | None = field(default=None, repr=False, compare=False)

    def get(self, article_id: str) -> Article | None:
        # Views look articles up per row and per link: a dict, built once the list is final.
        if self._by_id is None or len(self._by_id) != len(self.articles):
            self._by_id = {a.id: a for a in self.articles}
        return self._by_id.get(article_id)


class DossierError(Exception):
    """A problem with the user's input that stops a command: shown as one line, exit code 2."""
