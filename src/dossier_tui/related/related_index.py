"""RelatedIndex: the precomputed links between passages of different articles, and the views on
them (per-paragraph links, corroboration, compare, quote clusters).

Building does the work (and only for changed articles, see linking.py); a lookup is a dictionary
lookup plus the highlight ranges of the few links it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
    def __init__(self, dossier: Dossier, analysis, links: dict, recomputed: int, notice: str | None) -> None:
        self.dossier = dossier
        self.analysis = analysis
        # Passages linked by the build that made this index (0 when it was read back unchanged).
        self.recomputed = recomputed
        self.notice = notice
        self._articles = {a.id: a for a in dossier.articles}
        self._outlets = {a.id: outlet(a) for a in dossier.articles}
        self._passages: dict[int, tuple[str, int, tuple[Segment, ...]]] = links["passages"]
        self._pairs: dict[int, list[Pair]] = links["pairs"]
        self._term_df: dict[str, int] = links["term_df"]
        self._passage_count: int = links["passage_count"]
        self._covering: dict[tuple[str, int], list[int]] = {}
        covering = self._covering
        for pid, (aid, _, segments) in self._passages.items():
            for paragraph in {segment[0] for segment in segments}:
                covering.setdefault((aid, paragraph), []).append(pid)
        self._split: dict[str, tuple[list[Passage], list[Mention]]] = {}
        self._mentions: dict[str, list[Mention]] = {}
        self._clusters: list[QuoteCluster] | None = None

    @classmethod
    def build(cls, dossier: Dossier, analysis, cache_folder: str | Path, on_progress: Callable[[int, int], None] | None = None) -> RelatedIndex:
        """Read the stored links under `cache_folder`, relinking only articles that changed."""
        folder = Path(cache_folder)
        keys = {a.id: article_key(a, entity_names(analysis, a.id)) for a in dossier.articles}
        links, notice = link_store.load(folder, link_store.LINKS)
        if links is not None and links["keys"] == keys:
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
            link_store.save(folder, link_store.FEATURES, features)
            link_store.save(folder, link_store.LINKS, links)
            # Freed while the collector is off: the first collection after the pause would
            # otherwise walk the whole linker's postings before they are dropped.
            del linker, features
            return cls(dossier, analysis, links, recomputed, notice)

    def links(self, article_id: str, paragraph: int, limit: int = 10) -> list[Link]:
        """Passages of other articles related to this paragraph, best first."""
        pids = self._covering.get((article_id, paragraph))
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
        article = self._articles.get(article_id)
        if article is None:
            return []
        return [
            p.index
            for p in article.body
            if any(kind == "same" for pid in self._covering.get((article_id, p.index), ()) for _, _, kind in self._pairs[pid])
        ]

    def corroboration(self, article_id: str, paragraph: int) -> Corroboration:
        """The other outlets carrying this paragraph's text, and which article had it first."""
        article = self._article(article_id)
        carriers = [self._articles[link.article_id] for link in self.links(article_id, paragraph, PAIR_LIMIT) if link.kind == "same"]
        return corroborate(article, list({a.id: a for a in carriers}.values()))

    def compare(self, id_a: str, id_b: str) -> Alignment:
        """Two articles aligned passage by passage: shared, reworded, only in A, only in B."""
        a, b = self._article(id_a), self._article(id_b)
        (passages_a, mentions_a), (passages_b, mentions_b) = self._passages_of(a.id), self._passages_of(b.id)
        return align(a, b, passages_a, passages_b, mentions_a, mentions_b, self._term_df, self._passage_count)

    def quote_clusters(self) -> list[QuoteCluster]:
        """Quotes carried by more than one article, most widely carried first."""
        if self._clusters is None:
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

    def _article(self, article_id: str) -> Article:
        article = self._articles.get(article_id)
        if article is None:
            raise DossierError(f"no article with id {article_id!r} in {self.dossier.root}")
        return article

    def _passages_of(self, article_id: str) -> tuple[list[Passage], list[Mention]]:
        found = self._split.get(article_id)
        if found is None:
            if len(self._split) >= _SPLIT_CACHE:
                self._split.clear()
            found = self._split[article_id] = (
                article_passages(self._articles[article_id]),
                article_mentions(self.analysis, article_id),
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
        article = self._articles[b.article_id]
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
            mentions = self._mentions[aid] = article_mentions(self.analysis, aid)
        return passage, passage_words(passage, self._articles[aid]), passage_mentions(passage, mentions)


def _union(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(a + b):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
