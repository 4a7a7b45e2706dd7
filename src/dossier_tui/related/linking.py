"""Computing and updating the links between passages, incrementally.

Every pair of passages from different articles is scored once, when the later of the two is
added: "same" when they share a verbatim run (shingles), else "similar" when their weighted
terms agree. Scores are symmetric, so a pair is stored on both sides. Removing an article drops
its passages and the pairs that point at them; adding one links only its own passages, so a
changed article costs its own passages, never the whole dossier.
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
        """Bring the links in line with `dossier`; returns how many passages were (re)linked."""
        outlets = {a.id: outlet(a) for a in dossier.articles}
        touched = self._remove({aid for aid, key in self.keys.items() if keys.get(aid) != key})
        fresh = [a for a in dossier.articles if self.keys.get(a.id) != keys[a.id]]
        new: list[int] = []
        for article in fresh:
            found = article_mentions(analysis, article.id)
            for passage in article_passages(article):
                pid = self.next_pid
                self.next_pid += 1
                self.shingles.add(pid, passage.texts)
                self.terms.add(pid, passage_terms(passage.texts, [m[3] for m in passage_mentions(passage, found)]))
                self.passages[pid] = (article.id, passage.number, tuple(passage.segments))
                self.pairs[pid] = []
                new.append(pid)
        self.keys = dict(keys)
        if new or touched:
            self.terms.weigh()
            self.shingles.prepare()
        if new:
            touched |= self._link(new, on_progress)
        for pid in touched | set(new):
            if pid in self.pairs:
                self._trim(pid, outlets)
        return len(new)

    def _remove(self, stale: set[str]) -> set[int]:
        gone = {pid for pid, (aid, _, _) in self.passages.items() if aid in stale}
        touched: set[int] = set()
        for pid in gone:
            del self.pairs[pid]
            self.shingles.remove(pid)
            self.terms.remove(pid)
            del self.passages[pid]
        if gone:
            # A trimmed list no longer names every passage that names it: look at all of them.
            for pid, pairs in self.pairs.items():
                if any(pair[0] in gone for pair in pairs):
                    self.pairs[pid] = [pair for pair in pairs if pair[0] not in gone]
                    touched.add(pid)
        for aid in stale:
            self.keys.pop(aid, None)
        return touched

    def _link(self, new: list[int], on_progress) -> set[int]:
        """Score each new passage against the passages posted before it, then post it: every
        pair once, old passages included, without a pass over the whole dossier."""
        touched: set[int] = set()
        fresh = set(new)
        own_pids: dict[str, list[int]] = {}
        for pid in new:
            own_pids.setdefault(self.passages[pid][0], []).append(pid)
        shingles, terms, pairs = self.shingles, self.terms, self.pairs
        # Posting needs the final document frequencies: old passages now, new ones as they go;
        # old ones only under the runs and terms a new passage has (nothing else is looked up).
        if len(fresh) < len(self.passages):
            wanted_runs, run_shingles = shingles.sharing(new)
            wanted_terms = set().union(*(terms.terms[pid].keys() for pid in new))
            for pid in self.passages:
                if pid not in fresh:
                    if not run_shingles.isdisjoint(shingles.sets[pid]):
                        shingles.post(pid, wanted_runs)
                    terms.post(pid, wanted_terms)
        for done, p in enumerate(new):
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
                if q not in fresh:
                    touched.add(q)
            shingles.post(p)
            terms.post(p)
            if on_progress and (done % 256 == 0 or done == len(new) - 1):
                on_progress(done + 1, len(new))
        return touched

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
