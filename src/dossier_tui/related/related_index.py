"""RelatedIndex: the precomputed links between passages of different articles, and the views on
them (per-paragraph links, corroboration, compare, quote clusters).

Building does the work (and only for changed articles, see linking.py); a lookup is a dictionary
lookup plus the highlight ranges of the few links it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from dossier_tui.gc_pause import gc_paused
from dossier_tui.model import Article, Dossier, DossierError
from dossier_tui.provenance import display_source
from dossier_tui.related import link_store
from dossier_tui.related.compare import Alignment, align
from dossier_tui.related.corroboration import Corroboration, corroborate
from dossier_tui.related.entities import Mention, article_key, article_mentions, entity_names, passage_mentions
from dossier_tui.related.link import Link, LinkKind, rank_key
from dossier_tui.related.linking import PAIR_LIMIT, Linker, Pair
from dossier_tui.related.outlets import outlet
from dossier_tui.related.passages import Passage, Segment, Word, article_passages, passage_words
from dossier_tui.related.quote_clusters import QuoteCluster, cluster_quotes
from dossier_tui.related.shared_spans import same_spans, similar_spans

_SPLIT_CACHE = 512  # articles whose passages are kept ready for highlight ranges


class RelatedIndex:
    def __init__(
        self, dossier: Dossier | None, analysis, links: dict, recomputed: int, notice: str | None,
        records: Records | None = None,
    ) -> None:
        """The links of LINKS over the loaded DOSSIER and its ANALYSIS, or (`stored`, no dossier)
        over the articles and mentions RECORDS reads one at a time."""
        self.dossier = dossier
        self.analysis = analysis
        # Passages linked by the build that made this index (0 when it was read back unchanged).
        self.recomputed = recomputed
        self.notice = notice
        self._records = records if records is not None else _Loaded(dossier, analysis)
        self._outlets: dict[str, str] = links["outlets"]
        self._passages: dict[int, tuple[str, int, tuple[Segment, ...]]] = links["passages"]
        self._pairs: dict[int, list[Pair]] = links["pairs"]
        self._term_df: dict[str, int] = links["term_df"]
        self._passage_count: int = links["passage_count"]
        self._by_article: dict[str, list[int]] = links["by_article"]
        self._covering: dict[str, dict[int, list[int]]] = {}  # per article as asked: paragraph -> its passages
        self._split: dict[str, tuple[list[Passage], list[Mention]]] = {}
        self._mentions: dict[str, list[Mention]] = {}
        self._clusters: list[QuoteCluster] | None = None

    @classmethod
    def build(
        cls, dossier: Dossier, analysis, cache_folder: str | Path, on_progress: Callable[[int, int], None] | None = None,
        inputs: str = "",
    ) -> RelatedIndex:
        """Read the stored links under `cache_folder`, relinking only articles that changed.

        INPUTS names what the articles and their entities were made from (the analysis key): it
        is stored with the links, so that `stored` can trust them without the dossier."""
        folder = Path(cache_folder)
        keys = {a.id: article_key(a, entity_names(analysis, a.id)) for a in dossier.articles}
        outlets = {a.id: outlet(a) for a in dossier.articles}
        links, notice = link_store.load(folder, link_store.LINKS)
        if links is not None and links["keys"] == keys:
            if (links.get("outlets"), links.get("inputs")) != (outlets, inputs) or "by_article" not in links:
                links |= {"outlets": outlets, "inputs": inputs, "by_article": _by_article(links["passages"])}
                link_store.save(folder, link_store.LINKS, links)
            return cls(dossier, analysis, links, 0, notice)
        features = None
        if links is not None:
            features, notice = link_store.load(folder, link_store.FEATURES)
            if features is None or features["generation"] != links["generation"]:
                links = features = None
        with gc_paused():
            linker = Linker(links, features)
            recomputed = linker.update(dossier, analysis, keys, on_progress)
            links, features = linker.states()
            links |= {"outlets": outlets, "inputs": inputs, "by_article": _by_article(links["passages"])}
            link_store.save(folder, link_store.FEATURES, features)
            link_store.save(folder, link_store.LINKS, links)
            # Freed while the collector is off: the first collection after the pause would
            # otherwise walk the whole linker's postings before they are dropped.
            del linker, features
            return cls(dossier, analysis, links, recomputed, notice)

    @classmethod
    def stored(cls, cache_folder: str | Path, inputs: str, records: Records) -> RelatedIndex | None:
        """The links the last build stored from INPUTS (a warm open: nothing changed since), with
        the articles and mentions read from RECORDS when a lookup needs them; None when the
        stored links were made from something else."""
        links, _ = link_store.load(Path(cache_folder), link_store.LINKS)
        if links is None or not inputs or links.get("inputs") != inputs:
            return None
        return cls(None, None, links, 0, None, _Remembered(records))

    def links(self, article_id: str, paragraph: int, limit: int = 10) -> list[Link]:
        """Passages of other articles related to this paragraph, best first."""
        pids = self._covering_of(article_id).get(paragraph)
        if not pids:
            return []
        own_outlet = self._outlets[article_id]
        ranked = sorted(
            ((pid, q, score, kind) for pid in pids for q, score, kind in self._pairs[pid]),
            key=lambda pair: rank_key(pair[3], pair[2], self._outlets[self._passages[pair[1]][0]] == own_outlet),
            reverse=True,
        )
        found: dict[tuple[str, int], Link] = {}
        for pid, q, score, kind in ranked:
            link = self._link(pid, q, score, kind, paragraph)
            if link is None:
                continue
            earlier = found.get((link.article_id, link.paragraph))
            if earlier is None:
                if len(found) == limit:
                    break
                found[link.article_id, link.paragraph] = link
            elif earlier.kind == link.kind:
                # A long paragraph is several passages: one overlap may run across them.
                earlier.shared = _union(earlier.shared, link.shared)
                earlier.own_shared = _union(earlier.own_shared, link.own_shared)
        return list(found.values())

    def same_text_paragraphs(self, article_id: str) -> list[int]:
        """The article's paragraphs whose passage carries text found in another article, from the
        stored links alone (no highlight ranges): cheap enough to count for a whole list."""
        article = self._records.article(article_id)
        if article is None:
            return []
        return [
            p.index
            for p in article.body
            if any(kind == "same" for pid in self._covering_of(article_id).get(p.index, ()) for _, _, kind in self._pairs[pid])
        ]

    def corroboration(self, article_id: str, paragraph: int) -> Corroboration:
        """The other outlets carrying this paragraph's text, and which article had it first."""
        article = self._article(article_id)
        carriers = [self._known(link.article_id) for link in self.links(article_id, paragraph, PAIR_LIMIT) if link.kind == "same"]
        return corroborate(article, list({a.id: a for a in carriers}.values()))

    def compare(self, id_a: str, id_b: str) -> Alignment:
        """Two articles aligned passage by passage: shared, reworded, only in A, only in B."""
        a, b = self._article(id_a), self._article(id_b)
        (passages_a, mentions_a), (passages_b, mentions_b) = self._passages_of(a.id), self._passages_of(b.id)
        return align(a, b, passages_a, passages_b, mentions_a, mentions_b, self._term_df, self._passage_count)

    def quote_clusters(self) -> list[QuoteCluster]:
        """Quotes carried by more than one article, most widely carried first."""
        if self._clusters is None:
            if self.dossier is None:
                raise RuntimeError("quote clusters need the loaded dossier (RelatedIndex.build)")
            self._clusters = cluster_quotes(self.dossier, self.analysis)
        return self._clusters

    def strongest(self, limit: int = 20, kind: LinkKind = "same") -> list[tuple[str, int, Link]]:
        """The strongest links of a kind between different outlets, one per pair of articles (a
        speech printed whole by two outlets would fill the list otherwise), as (article id,
        paragraph, link): what most needs reading to judge the links."""
        pairs = sorted(
            (
                (score, pid, q)
                for pid, found in self._pairs.items()
                for q, score, link_kind in found
                if pid < q and link_kind == kind and self._outlets[self._passages[pid][0]] != self._outlets[self._passages[q][0]]
            ),
            reverse=True,
        )
        found: list[tuple[str, int, Link]] = []
        articles: set[tuple[str, str]] = set()
        for score, pid, q in pairs:
            article_id, _, segments = self._passages[pid]
            if (article_id, self._passages[q][0]) in articles:
                continue
            if len(articles) == limit * 5:
                break
            articles.add((article_id, self._passages[q][0]))
            for paragraph in dict.fromkeys(segment[0] for segment in segments):
                link = self._link(pid, q, score, kind, paragraph)
                if link is not None:
                    found.append((article_id, paragraph, link))
                    break
        # Among equal scores, the longer shared text is the stronger evidence.
        found.sort(key=lambda item: (item[2].score, sum(e - s for s, e in item[2].shared)), reverse=True)
        return found[:limit]

    def _covering_of(self, article_id: str) -> dict[int, list[int]]:
        """The article's passages by the paragraphs they cover (a passage may join several)."""
        covering = self._covering.get(article_id)
        if covering is None:
            covering = self._covering[article_id] = {}
            for pid in self._by_article.get(article_id, ()):
                for paragraph in {segment[0] for segment in self._passages[pid][2]}:
                    covering.setdefault(paragraph, []).append(pid)
        return covering

    def _article(self, article_id: str) -> Article:
        article = self._records.article(article_id)
        if article is None:
            where = f" in {self.dossier.root}" if self.dossier is not None else ""
            raise DossierError(f"no article with id {article_id!r}{where}")
        return article

    def _known(self, article_id: str) -> Article:
        """An article the links name (there is one: the links were made from these articles)."""
        article = self._records.article(article_id)
        assert article is not None, article_id
        return article

    def _passages_of(self, article_id: str) -> tuple[list[Passage], list[Mention]]:
        found = self._split.get(article_id)
        if found is None:
            if len(self._split) >= _SPLIT_CACHE:
                self._split.clear()
            found = self._split[article_id] = (
                article_passages(self._known(article_id)),
                self._records.mentions(article_id),
            )
        return found

    def _link(self, pid: int, q: int, score: float, kind: LinkKind, paragraph: int) -> Link | None:
        a, a_words, a_mentions = self._located(pid)
        b, b_words, b_mentions = self._located(q)
        if kind == "same":
            own_ranges, ranges = same_spans(a_words, b_words)
        else:
            own_ranges, ranges = similar_spans(a_words, b_words, a_mentions, b_mentions)
        own_shared = own_ranges.get(paragraph)
        if not own_shared or not ranges:
            return None  # the overlap lies in a neighbour this passage was joined with
        target = max(sorted(ranges), key=lambda p: sum(end - start for start, end in ranges[p]))
        article = self._known(b.article_id)
        text = next(p.text for p in article.paragraphs if p.index == target)
        return Link(article.id, target, score, kind, text, article.title, display_source(article), ranges[target], own_shared)

    def _located(self, pid: int) -> tuple[Passage, list[Word], list[Mention]]:
        """A stored passage with its words' offsets and its entity mentions, for highlighting."""
        aid, number, segments = self._passages[pid]
        passage = Passage(aid, number, list(segments), [])
        mentions = self._mentions.get(aid)
        if mentions is None:
            if len(self._mentions) >= _SPLIT_CACHE:
                self._mentions.clear()
            mentions = self._mentions[aid] = self._records.mentions(aid)
        return passage, passage_words(passage, self._known(aid)), passage_mentions(passage, mentions)


def _by_article(passages: dict[int, tuple[str, int, tuple[Segment, ...]]]) -> dict[str, list[int]]:
    """Each article's passages, in the order of the stored table (the order ties are ranked in)."""
    found: dict[str, list[int]] = {}
    for pid, (aid, _, _) in passages.items():
        found.setdefault(aid, []).append(pid)
    return found


class Records(Protocol):
    """Where a related index reads an article and its entity mentions."""

    def article(self, article_id: str) -> Article | None: ...

    def mentions(self, article_id: str) -> list[Mention]: ...


class _Loaded:
    """The loaded dossier and its analysis."""

    def __init__(self, dossier: Dossier | None, analysis) -> None:
        self._articles = {a.id: a for a in dossier.articles} if dossier is not None else {}
        self._analysis = analysis

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def mentions(self, article_id: str) -> list[Mention]:
        return article_mentions(self._analysis, article_id)


class _Remembered:
    """RECORDS read once per article: a lookup reads the same few articles many times."""

    def __init__(self, records: Records) -> None:
        self._records = records
        self._articles: dict[str, Article | None] = {}

    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            self._articles[article_id] = self._records.article(article_id)
        return self._articles[article_id]

    def mentions(self, article_id: str) -> list[Mention]:
        return self._records.mentions(article_id)


def _union(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(a + b):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
