""""Similar": the same fact in other words, found through shared rare terms and entities.

Each passage is a bag of stemmed content terms plus its entities ("@viktor gulevich", so
Lukashenko and Lukashenka count as one), weighted BM25-style (rare terms count more, repeats
saturate, long passages are not favoured) and compared by cosine, which is symmetric, so one
score serves both directions of a link.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import chain
from operator import mul

from dossier_tui.related.normalise import term

_NAME_WORDS = re.compile(r"[^\W\d_]+")
K1, B = 1.2, 0.75
ENTITY_BOOST = 1.5
# Below this cosine, or with fewer shared terms, two passages are not reporting the same thing.
MIN_COSINE = 0.1
MIN_SHARED_TERMS = 3
# Evidence a link needs besides its score: shared rare content words (a word found in at most
# RARE_SHARE of the passages, or RARE_FLOOR) beyond the words of the shared entities' names:
# MIN_RARE_TERMS when the cosine is at least CONFIDENT_COSINE, else WEAK_RARE_TERMS (long passages
# on one story score low but share many); or three shared entities and one such word. A name or
# a stock phrase in common ("Santos", "John Bercow told MPs", "underwent surgery") is no link.
MIN_RARE_TERMS = 2
WEAK_RARE_TERMS = 3
CONFIDENT_COSINE = 0.25
MIN_ENTITIES_WITH_ONE = 3
RARE_SHARE = 1 / 400
RARE_FLOOR = 20
# A weak link (cosine below CONFIDENT_COSINE) also needs one shared word found in hardly any
# passage (in at most PINNING_SHARE of them, or PINNING_FLOOR): a name, a place, a rare word pins
# the story; words rare only because a topic is ("stabbing", "firearm", "fridge") do not.
PINNING_SHARE = 1 / 4000
PINNING_FLOOR = 3
# Terms of a passage used to find candidates: its heaviest (rare) ones, up to this many, and
# up to QUERY_POSTINGS postings read in all.
QUERY_TERMS = 8
QUERY_POSTINGS = 250
# Passages rescored exactly, out of those sharing the heaviest terms.
SIM_CANDIDATES = 12


def _term_cap(count: int) -> int:
    """Terms found in more passages than this are too common to find candidates with."""
    return max(40, count // 500)


def passage_terms(words: list[str], entities: list[str]) -> dict[str, int]:
    """Term frequencies of a passage: stemmed content words and "@entity" names."""
    counts = Counter(t for t in map(term, words) if t is not None)
    counts.update("@" + name.casefold() for name in entities)
    return dict(counts)


class TermIndex:
    """term -> passages; BM25 vectors. Like ShingleIndex: `add` counts, `post` makes findable."""

    def __init__(self) -> None:
        self.postings: dict[str, list[int]] = {}
        self.df: Counter = Counter()
        self.terms: dict[int, dict[str, int]] = {}
        self.vectors: dict[int, tuple[dict[str, float], float]] = {}
        self._idf: dict[str, float] = {}
        self._findable: set[str] = set()
        self._rare = RARE_FLOOR
        self._pinning = PINNING_FLOOR
        self._average = 1.0

    def add(self, pid: int, terms: dict[str, int]) -> None:
        self.terms[pid] = terms
        self.df.update(terms.keys())

    def post(self, pid: int) -> None:
        """Make the passage findable through its terms that can find candidates (see `weigh`)."""
        postings = self.postings
        for name in self.terms[pid].keys() & self._findable:
            postings.setdefault(name, []).append(pid)

    def weigh(self) -> None:
        """Term weights from the current document frequencies, and the terms that find
        candidates: shared with another passage, and not so common that every pair would be a
        candidate. Vectors follow on demand (an update that adds one article needs the vectors
        of its candidates, not of every passage)."""
        count = len(self.terms) or 1
        self._average = sum(sum(tf.values()) for tf in self.terms.values()) / count or 1.0
        # An entity's boost is part of its weight from the start.
        self._idf = {
            name: math.log(1 + (count - n + 0.5) / (n + 0.5)) * (ENTITY_BOOST if name[0] == "@" else 1.0)
            for name, n in self.df.items()
        }
        cap = _term_cap(count)
        self._findable = {name for name, n in self.df.items() if 1 < n <= cap}
        self._rare = max(RARE_FLOOR, int(count * RARE_SHARE))
        self._pinning = max(PINNING_FLOOR, int(count * PINNING_SHARE))
        self.vectors = {}

    def vector(self, pid: int) -> tuple[dict[str, float], float]:
        """The passage's BM25 vector (without the constant factor K1 + 1, which the cosine
        divides away) and its length."""
        found = self.vectors.get(pid)
        if found is None:
            tf, idf = self.terms[pid], self._idf
            norm_length = K1 * (1 - B + B * sum(tf.values()) / self._average)
            vector = {name: idf[name] * n / (n + norm_length) for name, n in tf.items()}
            found = self.vectors[pid] = (vector, math.hypot(*vector.values()) or 1.0)
        return found

    def candidates(self, pid: int, exclude: list[int]) -> list[int]:
        """Up to SIM_CANDIDATES posted passages, not in `exclude`, sharing at least two of the
        passage's QUERY_TERMS heaviest findable terms, those sharing most first."""
        vector, postings = self.vector(pid)[0], self.postings
        heaviest = sorted(filter(self._findable.__contains__, vector), key=vector.__getitem__, reverse=True)
        chosen: list[list[int]] = []
        budget = QUERY_POSTINGS
        for name in heaviest[:QUERY_TERMS]:
            found = postings.get(name)
            if found:
                budget -= len(found)
                if budget < 0 and chosen:
                    break
                chosen.append(found)
        # Most postings are read once: the few read twice or more are found by set operations,
        # and only when they are too many are they counted.
        seen: set[int] = set()
        repeated: set[int] = set()
        for found in chosen:
            repeated.update(seen.intersection(found))
            seen.update(found)
        repeated.difference_update(exclude)
        if len(repeated) <= SIM_CANDIDATES:
            return list(repeated)
        counts = Counter(chain.from_iterable(chosen))
        for q in exclude:
            counts.pop(q, None)
        return [q for q, _ in counts.most_common(SIM_CANDIDATES)]

    def _evidence(self, shared: set[str], needed: int) -> bool:
        """NEEDED shared rare content words besides the entities' names, or several shared
        entities with one: enough to say two passages report the same thing."""
        df, rare_df = self.df, self._rare
        entities = [name for name in shared if name[0] == "@"]
        names = {term(word) for name in entities for word in _NAME_WORDS.findall(name[1:])}
        rare = sum(1 for name in shared if name[0] != "@" and name not in names and df[name] <= rare_df)
        return rare >= needed or (len(entities) >= MIN_ENTITIES_WITH_ONE and rare >= 1)

    def cosine(self, p: int, q: int) -> float | None:
        (a, a_length), (b, b_length) = self.vector(p), self.vector(q)
        shared = a.keys() & b.keys()
        if len(shared) < MIN_SHARED_TERMS:
            return None
        score = sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared))) / (a_length * b_length)
        if score < MIN_COSINE:
            return None
        if score >= CONFIDENT_COSINE:
            return score if self._evidence(shared, MIN_RARE_TERMS) else None
        pinned = any(self.df[name] <= self._pinning for name in shared if name[0] != "@")
        return score if pinned and self._evidence(shared, WEAK_RARE_TERMS) else None
