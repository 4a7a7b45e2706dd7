"""The reading session: what the reader has open, the article list it shows (search hits, filters,
sort, cursor) and the jump history, with no UI. The Textual screen draws it; tests drive it directly.

Background work (a search, a look-up) is asked for under a generation number; `is_current` tells
whether its answer still belongs to what the user last asked, so a stale result is dropped by number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dossier_tui.model import Article, Dossier
from dossier_tui.provenance import display_source

if TYPE_CHECKING:  # the stages' results; imported by the stages themselves (start-up stays light)
    from dossier_tui.analysis import Analysis, Entity
    from dossier_tui.annotations.dossier_annotations import DossierAnnotations
    from dossier_tui.backends.staged import StagedBackend
    from dossier_tui.related import RelatedIndex

PAGE = 50  # search hits fetched first (the reader asks for what its list shows, `page`): more as the cursor nears the end
SORTS = ("relevance", "date", "outlet", "title")  # relevance: rank when searching, dossier order otherwise
STATE_FILTERS = (None, "unread", "flagged", "notes")  # `F` cycles through them

Highlights = tuple[tuple[int, int, int], ...]  # (paragraph, start, end) of matched words, best passage first


@dataclass(slots=True)
class Row:
    article: Article
    highlights: Highlights = ()


@dataclass(slots=True, frozen=True)
class Place:
    article_id: str
    paragraph: int | None = None


def outlet_of(article: Article) -> str:
    """The outlet name shown for an article (and filtered on)."""
    return display_source(article) or ""


class ReadingSession:
    def __init__(self, path: str | Path, *, follow_links: bool = False, remote: Callable[[], StagedBackend] | None = None) -> None:
        self.path = Path(path)
        self.follow_links = follow_links  # read symlinks that point outside the dossier's folder
        # Opens a published dossier's stages (the reader on --db); None: the folder at `path`.
        self.remote = remote
        self.dossier: Dossier | None = None
        # Before the dossier is loaded: last session's list, and the articles of the hits found
        # in the index meanwhile (from its stored records).
        self.listed: list[Article] = []
        self.source_names: dict[str, str] = {}  # article id -> the source name shown, once loaded
        self._found: dict[str, Article] = {}
        self.analysis: Analysis | None = None  # once analysed
        self.related: RelatedIndex | None = None  # once linked
        self.search_ready = False  # the index answers (before: the loaded text is scanned)
        self.query = ""  # the query whose results the list shows ("" when not searching)
        self.hits: list[tuple[str, Highlights]] = []
        self.total = 0  # articles the query matches
        self.search_notice: str | None = None
        self.page = PAGE  # hits a new query fetches first
        self.limit = PAGE
        # (type, name): "Trump" the PERSON and "Trump" the ORG are two entities, two filters.
        self.entity_filter: tuple[str, str] | None = None
        self.outlet_filter: str | None = None
        self.state_filter: str | None = None  # one of STATE_FILTERS
        self.annotations: DossierAnnotations | None = None  # once read: read state, flags, notes
        self.sort = "relevance"
        self.open: Place | None = None
        self.history: list[Place] = []
        self.cursor: str | None = None  # id of the article under the list cursor
        self._generations: dict[str, int] = {}
        self._rows: list[Row] | None = None
        self._state_counts: tuple[int, int] | None = None  # (unread, flagged): the title's, per keystroke

    # -- generations ---------------------------------------------------------------------------

    def next_generation(self, kind: str) -> int:
        self._generations[kind] = self._generations.get(kind, 0) + 1
        return self._generations[kind]

    def is_current(self, kind: str, generation: int) -> bool:
        return self._generations.get(kind, 0) == generation

    # -- what is loaded ------------------------------------------------------------------------

    def loaded(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self._rows = None
        self._state_counts = None

    def article(self, article_id: str | None) -> Article | None:
        return self.dossier.get(article_id) if self.dossier is not None and article_id else None

    # -- the list ------------------------------------------------------------------------------

    @property
    def searching(self) -> bool:
        return bool(self.query.strip())

    def set_results(self, query: str, result, articles: dict[str, Article] | None = None) -> None:
        """The answer to `query` (a SearchResult, whose total is exact; None when the query is empty);
        `articles`: the hits' articles while the dossier is not loaded."""
        self._found = articles or {}
        self.query = query if result is not None else ""
        if result is None:
            self.hits, self.total, self.search_notice = [], 0, None
        else:
            self.hits = [(hit.article_id, tuple((h.paragraph, h.start, h.end) for h in hit.highlights)) for hit in result.hits]
            self.total = max(result.total, len(self.hits))
            self.search_notice = result.notice
        self._rows = None

    def new_query(self, query: str) -> None:
        """The user typed: the entity filter gives way to the search, paging starts again."""
        self.entity_filter = None
        self.limit = self.page
        self._rows = None

    def wants_more(self, index: int) -> bool:
        """Whether the list cursor at `index` is near the end of a search page with more to fetch."""
        return self.searching and len(self.hits) >= self.limit and self.total > len(self.hits) and index >= len(self.hits) - 10

    def filter_entity(self, entity: Entity | None) -> None:
        self.entity_filter = (str(entity.type), entity.name) if entity is not None else None
        self._rows = None

    def filtered_entity(self) -> Entity | None:
        """The entity of the filter in the current analysis (None when it has none by that type and name)."""
        if self.entity_filter is None or self.analysis is None:
            return None
        kind, name = self.entity_filter
        return next((e for e in self.analysis.entities if e.name == name and str(e.type) == kind), None)

    def filter_outlet(self, outlet: str | None) -> None:
        self.outlet_filter = outlet
        self._rows = None

    def clear_filters(self) -> bool:
        """Drop the entity, outlet and state filters; False when there was none."""
        had = self.entity_filter is not None or self.outlet_filter is not None or self.state_filter is not None
        self.entity_filter = self.outlet_filter = self.state_filter = None
        self._rows = None
        return had

    def next_state_filter(self) -> str | None:
        """All articles -> unread -> flagged -> with notes -> all."""
        self.state_filter = STATE_FILTERS[(STATE_FILTERS.index(self.state_filter) + 1) % len(STATE_FILTERS)]
        self._rows = None
        return self.state_filter

    def states_changed(self) -> None:
        """Read state, flags or notes changed (or were read): counts and a state filter follow."""
        self._state_counts = None
        if self.state_filter is not None:
            self._rows = None

    def set_sort(self, sort: str) -> None:
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}: one of {', '.join(SORTS)}")
        self.sort = sort
        self._rows = None

    def next_sort(self) -> str:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])
        return self.sort

    def rows(self) -> list[Row]:
        """The list as it is shown: search hits or every article, filtered, sorted (cached until a change)."""
        if self._rows is None:
            self._rows = self._build_rows()
        return self._rows

    def _build_rows(self) -> list[Row]:
        dossier = self.dossier
        if self.searching:
            get = dossier.get if dossier is not None else self._found.get
            rows = [Row(a, marks) for article_id, marks in self.hits if (a := get(article_id))]
        else:
            rows = [Row(a) for a in (dossier.articles if dossier is not None else self.listed)]
        if self.entity_filter is not None and self.analysis is not None:
            entity = self.filtered_entity()
            wanted = set(entity.articles) if entity is not None else set()
            rows = [row for row in rows if row.article.id in wanted]
        if self.outlet_filter is not None:
            rows = [row for row in rows if outlet_of(row.article) == self.outlet_filter]
        notes = self.annotations
        if self.state_filter is not None and notes is not None:
            keep = {
                "unread": lambda a: not notes.is_read(a.id),
                "flagged": lambda a: bool(notes.flags(a.id)),
                "notes": lambda a: notes.count(a.id) > 0,
            }[self.state_filter]
            rows = [row for row in rows if keep(row.article)]
        if self.sort == "date":  # newest first, undated last
            rows.sort(key=lambda row: row.article.date or "", reverse=True)
        elif self.sort == "outlet":
            rows.sort(key=lambda row: (not outlet_of(row.article), outlet_of(row.article).casefold()))
        elif self.sort == "title":
            rows.sort(key=lambda row: row.article.title.casefold())
        return rows

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles, most articles first (for the outlet picker)."""
        counts: dict[str, int] = {}
        for article in self.dossier.articles if self.dossier else ():
            if name := outlet_of(article):
                counts[name] = counts.get(name, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))

    def title(self) -> str:
        """The list's title: how many, of how many, narrowed how (`50 of 1,327 · sorted by date`)."""
        shown = len(self.rows())
        if self.searching:
            parts = [f"{shown:,} of {self.total:,}" if self.total > shown else f"{shown:,} found"]
        elif self.entity_filter or self.outlet_filter or self.state_filter:
            parts = [f"{shown:,} of {len(self.dossier.articles) if self.dossier else 0:,}"]
        else:
            parts = [f"Articles · {shown:,}"]
        if self.entity_filter:
            kind, name = self.entity_filter
            parts.append(f"entity: {name} ({kind.lower()})")
        if self.outlet_filter:
            parts.append(f"outlet: {self.outlet_filter}")
        if self.state_filter:
            parts.append({"unread": "unread only", "flagged": "flagged only", "notes": "with notes only"}[self.state_filter])
        if self.annotations is not None and self.dossier is not None:
            if self._state_counts is None:  # a pass over every article: once per change, not per keystroke
                ids = [a.id for a in self.dossier.articles]
                self._state_counts = (self.annotations.unread(ids), self.annotations.flagged(ids))
            unread, flagged = self._state_counts
            parts.append(f"{unread:,} unread")
            if flagged:
                parts.append(f"{flagged:,} flagged")
        if self.sort != "relevance":
            parts.append(f"by {self.sort}")
        return " · ".join(parts)

    # -- reading -------------------------------------------------------------------------------

    def open_article(self, article_id: str, paragraph: int | None = None, *, remember: bool = True) -> Article | None:
        """Make `article_id` the open article; the one left goes on the history when `remember`."""
        article = self.article(article_id)
        if article is None:
            return None
        if remember and self.open is not None:
            self.history.append(self.open)
        self.open = Place(article_id, paragraph)
        self.cursor = article_id
        return article

    def moved(self, paragraph: int | None) -> None:
        if self.open is not None:
            self.open = Place(self.open.article_id, paragraph)

    def back(self) -> Place | None:
        return self.history.pop() if self.history else None

    def hits_for(self, article: Article) -> Highlights:
        """The marks `n`/`N` walk in an article: the filtered entity's mentions, or the search's words."""
        if self.entity_filter and self.analysis is not None:
            kind, name = self.entity_filter
            return tuple(
                (m.paragraph, m.start, m.end)
                for m in self.analysis.mentions_in(article.id)
                if m.entity == name and str(m.type) == kind
            )
        return next((marks for article_id, marks in self.hits if article_id == article.id), ())
