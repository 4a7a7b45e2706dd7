"""What the analysis produces: entities with their mentions, quotes with their speakers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    PERSON = "PERSON"
    PLACE = "PLACE"
    ORG = "ORG"
    GROUP = "GROUP"


@dataclass(slots=True, frozen=True)
class Span:
    paragraph: int
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    article_id: str
    paragraph: int
    start: int
    end: int
    surface: str
    entity: str  # canonical name of the entity's alias cluster
    type: EntityType
    role: str | None = None  # the title that stood before the name ("Major General")


@dataclass(slots=True)
class Entity:
    name: str
    type: EntityType
    aliases: list[str]
    count: int
    articles: list[str]
    mentions: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "type": str(self.type),
            "aliases": self.aliases,
            "count": self.count,
            "articles": self.articles,
            "mentions": [
                {"id": m.article_id, "paragraph": m.paragraph, "start": m.start, "end": m.end} for m in self.mentions
            ],
        }


@dataclass(slots=True)
class Quote:
    article_id: str
    paragraph: int
    start: int
    end: int
    text: str  # without the quote marks; the paragraphs of a multi-paragraph quote joined by "\n"
    speaker: str | None
    cue: str | None  # the verb or phrase that attributed it ("said", "according to", ":")
    kind: str  # "speech" or "term" (a scare-quoted phrase)
    spans: list[Span] = field(default_factory=list)

    @property
    def pieces(self) -> list[Span]:
        """Where the quote's text is: one span per paragraph it covers."""
        return self.spans or [Span(self.paragraph, self.start, self.end)]

    def to_json(self) -> dict:
        return {
            "id": self.article_id,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "cue": self.cue,
            "kind": self.kind,
            "spans": [{"paragraph": s.paragraph, "start": s.start, "end": s.end} for s in self.spans],
        }


# Entities as (name, type, aliases, count), then spelling -> entity number, skeleton -> numbers.
NameTables = tuple[list[tuple[str, str, list[str], int]], dict[str, int], dict[str, list[int]]]


@dataclass(slots=True)
class Analysis:
    entities: list[Entity]  # most mentioned first
    quotes: list[Quote]
    warnings: list[str] = field(default_factory=list)
    extracted: int = 0  # articles analysed in this run (the rest came from the cache)
    cached: int = 0
    _mentions_by_article: dict[str, list[Mention]] = field(default_factory=dict, repr=False)
    _quotes_by_article: dict[str, list[Quote]] = field(default_factory=dict, repr=False)
    _by_alias: dict[str, Entity] = field(default_factory=dict, repr=False)
    _by_skeleton: dict[str, list[Entity]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        from dossier_tui.analysis.transliteration import fold

        for entity in reversed(self.entities):  # the most mentioned wins a shared alias
            for mention in entity.mentions:
                self._mentions_by_article.setdefault(mention.article_id, []).append(mention)
            for alias in [entity.name, *entity.aliases]:
                self._by_alias[fold(alias)] = entity
        for mentions in self._mentions_by_article.values():
            mentions.sort(key=lambda m: (m.paragraph, m.start))
        for quote in self.quotes:
            self._quotes_by_article.setdefault(quote.article_id, []).append(quote)

    def index_spellings(self) -> None:
        """Build the spelling-tolerant lookup `entity()` needs for names no alias has (about 0.4 s
        on 3,824 articles): the pipeline calls it in its worker so no keystroke pays for it."""
        if self._by_skeleton:
            return
        by_skeleton: dict[str, list[Entity]] = {}
        for entity in self.entities:
            keys = {_skeleton_key(alias) for alias in (entity.name, *entity.aliases)}
            if entity.type == EntityType.PERSON:  # a surname alone: "Zelenskyy"
                keys |= {key.rsplit(" ", 1)[-1] for key in keys}
            for key in keys:
                by_skeleton.setdefault(key, []).append(entity)
        self._by_skeleton = by_skeleton  # published whole: a search thread never sees it half built

    def name_tables(self) -> NameTables:
        """The entity names and the spelling lookups of `entity()`, as plain data: what
        `from_name_tables` rebuilds (plain tuples unpickle several times faster than Entity objects)."""
        self.index_spellings()
        number = {id(e): i for i, e in enumerate(self.entities)}
        return (
            [(e.name, str(e.type), e.aliases, e.count) for e in self.entities],
            {key: number[id(e)] for key, e in self._by_alias.items()},
            {key: [number[id(e)] for e in found] for key, found in self._by_skeleton.items()},
        )

    @classmethod
    def from_name_tables(cls, tables: NameTables) -> Analysis:
        """An analysis that only finds entities by any spelling (no mentions, no quotes)."""
        names, by_alias, by_skeleton = tables
        types = {str(t): t for t in EntityType}
        entities = [Entity(name, types[kind], aliases, count, []) for name, kind, aliases, count in names]
        found = cls([], [])
        found.entities = entities
        found._by_alias = {key: entities[i] for key, i in by_alias.items()}
        found._by_skeleton = {key: [entities[i] for i in numbers] for key, numbers in by_skeleton.items()}
        return found

    def mentions_in(self, article_id: str) -> list[Mention]:
        return self._mentions_by_article.get(article_id, [])

    def quotes_in(self, article_id: str) -> list[Quote]:
        return self._quotes_by_article.get(article_id, [])

    def entity(self, name_or_alias: str) -> Entity | None:
        """The entity one of whose names this is, whatever its case or transliteration."""
        from dossier_tui.analysis.transliteration import exact_skeleton, fold

        key = fold(name_or_alias)
        if len(key) < 3:
            # One or two letters name no one ("t" is not "Michelle T"); only an abbreviation
            # written as such finds its place or organisation ("US", "UK").
            found = self._by_alias.get(key)
            abbreviation = name_or_alias.strip().upper()
            if found is None or found.type == EntityType.PERSON or len(key) < 2:
                return None
            return found if any(a.replace(".", "").upper() == abbreviation.replace(".", "") for a in found.aliases) else None
        found = self._by_alias.get(key)
        if found is not None:
            return found
        from dossier_tui.analysis.lexicon import titles

        words = name_or_alias.split()
        if len(words) > 1 and words[0] in titles():  # "Ms Thomas", "President Zelensky"
            return self.entity(" ".join(words[1:]))
        self.index_spellings()
        # A skeleton erases vowels: a person must also be spelled close to one of their names
        # ("korea" shares a skeleton with "Currie", not a name).
        candidates = {
            id(e): e for e in self._by_skeleton.get(_skeleton_key(name_or_alias), [])
            if e.type != EntityType.PERSON or any(
                exact_skeleton(name_or_alias, alias) or exact_skeleton(name_or_alias, alias.rsplit(" ", 1)[-1])
                for alias in (e.name, *e.aliases))
        }
        return next(iter(candidates.values())) if len(candidates) == 1 else None


def _skeleton_key(name: str) -> str:
    from dossier_tui.analysis.transliteration import skeleton

    return " ".join(skeleton(word) for word in name.split())
