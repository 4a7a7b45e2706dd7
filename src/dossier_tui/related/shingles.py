""""Same text": word 3-shingles, an inverted index over 8-word runs, verbatim-overlap scoring.

A shingle is three consecutive folded words, so punctuation, quote marks, ellipses and case never
break a match, and one inserted or changed word costs at most three shingles. In memory a
shingle is the hash of its words (computed in C; never stored, as str hashes differ between runs).
"""

from __future__ import annotations

import math
from collections import Counter

SIZE = 3
# A pair is "same text" when its longest run of shared shingles covers at least RUN_WORDS words
# in a row (quotes and letters reproduced, lightly edited copy), not just a stock phrase.
RUN_WORDS = 8
RUN_SHINGLES = RUN_WORDS - SIZE + 1
# A shingle in more passages than this share (and at least COMMON_MIN) is furniture or a stock
# phrase: it never makes two passages the same text.
COMMON_SHARE = 300
COMMON_MIN = 50


def shingle_hashes(texts: list[str]) -> list[int]:
    """The shingles of a passage's folded words, in order."""
    return list(map(hash, zip(texts, texts[1:], texts[2:])))


def run_hashes(shingles: list[int]) -> list[int]:
    """The RUN_WORDS-word runs of a passage, each hashed from the three shingles that cover it
    (words 0-2, 3-5, 5-7): what two passages must share to be the same text."""
    return list(map(hash, zip(shingles, shingles[SIZE:], shingles[RUN_SHINGLES - 1 :])))


class ShingleIndex:
    """Runs -> passages that contain them (to find copies); df-weighted shingle containment
    between passages (to score them).

    A passage is first counted (`add`: its shingles and runs count towards document frequencies)
    and posted later (`post`: findable as a candidate), so a build can link each passage to those
    posted before it and score every pair exactly once. Only a run of RUN_WORDS words is posted:
    a pair without one is never the same text, and most runs are in one passage only, so a
    passage's candidates are the few passages that really share a run with it (reading postings
    of single shingles instead was most of the linking time)."""

    def __init__(self) -> None:
        self.postings: dict[int, list[int]] = {}
        self.df: Counter = Counter()
        self.run_df: Counter = Counter()
        self.sets: dict[int, frozenset[int]] = {}
        self.runs: dict[int, frozenset[int]] = {}
        self.texts: dict[int, list[str]] = {}
        self._order: dict[int, list[int]] = {}
        self._mass: dict[int, float] = {}
        self._weights: dict[int, float] = {}
        self._shared = self._weights.keys()
        self._findable: set[int] = set()
        self._rarest = 1.0

    def add(self, pid: int, texts: list[str]) -> None:
        self.texts[pid] = texts
        order = self._order[pid] = shingle_hashes(texts)
        keys = self.sets[pid] = frozenset(order)
        self.df.update(keys)
        runs = self.runs[pid] = frozenset(run_hashes(order))
        self.run_df.update(runs)

    def post(self, pid: int, only: set[int] | None = None) -> None:
        """Make the passage findable through its runs that another passage also has, and that
        are in `only` when given."""
        postings = self.postings
        for key in self.runs[pid] & (self._findable if only is None else only):
            postings.setdefault(key, []).append(pid)

    def prepare(self) -> None:
        """Before posting, from the final counts: the weights of the shingles more than one
        passage has, less those so common they are page furniture or stock phrases ("Do you have
        information you want to share with the Huffington Post?" is in every article of that
        outlet). A shingle found in many passages says little, a rare one a lot."""
        count = len(self.sets)
        common = max(COMMON_MIN, count // COMMON_SHARE)
        self._weights = {key: math.log(1 + count / n) for key, n in self.df.items() if 1 < n <= common}
        self._shared = self._weights.keys()
        self._findable = {key for key, n in self.run_df.items() if 1 < n <= common}
        # A shingle no other passage has (or a common one) weighs like the rarest.
        self._rarest = math.log(1 + count)
        self._mass.clear()

    def remove(self, pid: int) -> None:
        keys = self.sets.pop(pid)
        self.df.subtract(keys)
        for key in keys:
            if self.df[key] <= 0:
                del self.df[key]
        runs = self.runs.pop(pid)
        self.run_df.subtract(runs)
        for key in runs:
            found = self.postings.get(key)
            if found is not None and pid in found:
                found.remove(pid)
                if not found:
                    del self.postings[key]
            if self.run_df[key] <= 0:
                del self.run_df[key]
        del self.texts[pid], self._order[pid]
        self._mass.pop(pid, None)

    def findable_in(self, pids: list[int]) -> set[int]:
        """The postable runs of these passages."""
        return set().union(*(self.runs[p] for p in pids)) & self._findable

    def mass(self, pid: int) -> float:
        found = self._mass.get(pid)
        if found is None:
            keys = self.sets[pid]
            shared = keys & self._shared
            weights = self._weights
            found = sum(weights[k] for k in shared) + (len(keys) - len(shared)) * self._rarest or 1.0
            self._mass[pid] = found
        return found

    def query(self, pid: int) -> tuple[list[int | None], set[int]]:
        """What same_text needs of the passage compared: its shingles in order (None where a
        shingle cannot be shared) and the set of its sharable shingles."""
        shared = self._shared
        return [k if k in shared else None for k in self._order[pid]], self.sets[pid] & shared

    def candidates(self, pid: int) -> set[int]:
        """Posted passages sharing a run with the passage (a quote many outlets carry reaches
        them all; a stock phrase too common to be evidence was never posted)."""
        postings = self.postings
        return set().union(*(postings[key] for key in self.runs[pid] & postings.keys()))

    def same_text(self, p: int, q: int, query: tuple[list[int | None], set[int]]) -> float | None:
        """Weighted containment of the smaller passage in the other, when they share a verbatim
        run of at least RUN_WORDS words; None otherwise. `query`: self.query(p)."""
        sequence, sharable = query
        other = self.sets[q]
        run = best = 0
        for key in sequence:
            run = run + 1 if key in other else 0
            if run > best:
                best = run
        if best < RUN_SHINGLES:
            return None
        weights = self._weights
        shared = sum(weights[k] for k in sharable & other)
        return min(1.0, shared / min(self.mass(p), self.mass(q)))
