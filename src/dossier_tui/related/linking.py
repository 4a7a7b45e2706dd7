"""Computing and updating the links between passages, incrementally.

Every pair of passages from different articles is scored once, when the later of the two is
added: "same" when they share a verbatim run (shingles), else "similar" when their weighted
terms agree. Scores are symmetric, so a pair is stored on both sides.

A link depends on the whole dossier (term weights, rare words, stock phrases, which passages are
candidates), so any change relinks every passage, in the dossier's order: an update gives
exactly the links of a clean build. What makes that affordable is kept: the features of a passage
(its shingles and terms, the per-word work) are extracted again only for changed articles.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from dossier_tui.model import Dossier
from dossier_tui.related.entities import article_mentions, passage_mentions
from dossier_tui.related.link import LinkKind, rank_key
from dossier_tui.related.outlets import outlet
from dossier_tui.related.passages import Segment, article_passages
from dossier_tui.related.shingles import ShingleIndex
from dossier_tui.related.similar import TermIndex, passage_terms

# Links kept per passage (the panel shows ten per paragraph; the rest absorbs later removals).
PAIR_LIMIT = 20

Pair = tuple[int, float, LinkKind]  # (other passage id, score, kind)


class Linker:
    def __init__(self, links: dict | None = None, features: dict | None = None) -> None:
        links = links or {}
        features = features or {}
        self.keys: dict[str, str] = links.get("keys", {})
        # passage id -> (article id, number in the article, its (paragraph, start, end) segments)
        self.passages: dict[int, tuple[str, int, tuple[Segment, ...]]] = links.get("passages", {})
        self.pairs: dict[int, list[Pair]] = links.get("pairs", {})
        self.next_pid: int = links.get("next_pid", 0)
        self.shingles = ShingleIndex()
        self.terms = TermIndex()
        for pid, texts in features.get("texts", {}).items():
            self.shingles.add(pid, texts)
        for pid, terms in features.get("terms", {}).items():
            self.terms.add(pid, terms)

    def update(self, dossier: Dossier, analysis, keys: dict[str, str], on_progress: Callable[[int, int], None] | None = None) -> int:
        """Bring the links in line with `dossier`; returns how many passages had their features
        extracted (those of new and changed articles)."""
        if keys == self.keys:
            return 0
        kept: dict[str, list[tuple[int, tuple[Segment, ...], list[str], dict[str, int]]]] = {}
        for pid, (aid, number, segments) in self.passages.items():
            if keys.get(aid) == self.keys.get(aid):
                kept.setdefault(aid, []).append((number, segments, self.shingles.texts[pid], self.terms.terms[pid]))
        self.passages, self.pairs, self.next_pid = {}, {}, 0
        self.shingles, self.terms = ShingleIndex(), TermIndex()
        extracted = 0
        for article in dossier.articles:
            features = kept.get(article.id)
            if features is None:
                found = article_mentions(analysis, article.id)
                features = [
                    (passage.number, tuple(passage.segments), passage.texts,
                     passage_terms(passage.texts, [m[3] for m in passage_mentions(passage, found)]))
                    for passage in article_passages(article)
                ]
                extracted += len(features)
            for number, segments, texts, terms in features:
                pid = self.next_pid
                self.next_pid += 1
                self.shingles.add(pid, texts)
                self.terms.add(pid, terms)
                self.passages[pid] = (article.id, number, segments)
                self.pairs[pid] = []
        self.keys = dict(keys)
        self.terms.weigh()
        self.shingles.prepare()
        self._link(on_progress)
        outlets = {a.id: outlet(a) for a in dossier.articles}
        for pid in self.pairs:
            self._trim(pid, outlets)
        return extracted

    def _link(self, on_progress) -> None:
        """Score each passage against the passages posted before it, then post it: every pair once."""
        own_pids: dict[str, list[int]] = {}
        for pid, (aid, _, _) in self.passages.items():
            own_pids.setdefault(aid, []).append(pid)
        shingles, terms, pairs = self.shingles, self.terms, self.pairs
        for done, p in enumerate(self.passages):
            found: dict[int, tuple[float, LinkKind]] = {}
            own = own_pids[self.passages[p][0]]
            same = shingles.candidates(p)
            same.difference_update(own)
            for q in same:
                found[q] = (shingles.same_text(p, q), "same")
            for q in terms.candidates(p, own):
                if q not in found:
                    score = terms.cosine(p, q)
                    if score is not None:
                        found[q] = (score, "similar")
            for q, (score, kind) in found.items():
                pairs[p].append((q, score, kind))
                pairs[q].append((p, score, kind))
            shingles.post(p)
            terms.post(p)
            if on_progress and (done % 256 == 0 or done == len(self.passages) - 1):
                on_progress(done + 1, len(self.passages))

    def _trim(self, pid: int, outlets: dict[str, str]) -> None:
        pairs = self.pairs[pid]
        if len(pairs) <= PAIR_LIMIT:
            return  # lookups rank what they return; only a cut needs the order
        own = outlets[self.passages[pid][0]]
        pairs.sort(key=lambda pair: rank_key(pair[2], pair[1], outlets[self.passages[pair[0]][0]] == own), reverse=True)
        del pairs[PAIR_LIMIT:]

    def states(self) -> tuple[dict, dict]:
        """(links, features) as stored; a shared generation tells a matching pair of files."""
        generation = secrets.token_hex(8)
        links = {
            "generation": generation,
            "keys": self.keys,
            "passages": self.passages,
            "pairs": self.pairs,
            "next_pid": self.next_pid,
            "term_df": dict(self.terms.df),
            "passage_count": len(self.passages),
        }
        features = {
            "generation": generation,
            "texts": self.shingles.texts,
            "terms": self.terms.terms,
        }
        return links, features
