""""Same text": word 3-shingles, an inverted index over 8-word runs, verbatim-overlap scoring.

A shingle is three consecutive folded words, so punctuation, quote marks, ellipses and case never
break a match, and one inserted or changed word costs at most three shingles. In memory a
shingle is the hash of its words (computed in C; never stored, as str hashes differ between runs).
"""

from __future__ import annotations

import math
import re
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

_RUN = re.compile(b"\\x01{%d,}" % RUN_SHINGLES)


def shingle_hashes(texts: list[str]) -> list[int]:
    """The shingles of a passage's folded words, in order."""
    return list(map(hash, zip(texts, texts[1:], texts[2:])))


class ShingleIndex:
    """Runs -> passages that contain them (to find copies); df-weighted shingle containment
    between passages (to score them).

    A passage is first counted (`add`: its shingles count towards document frequencies) and
    posted later (`post`: findable as a candidate), so a build can link each passage to those
    posted before it and score every pair exactly once. What is posted is a run: RUN_WORDS words
    whose shingles are all sharable, the least two passages of the same text have in common. Few
    passages have one, so a passage's candidates are the few passages that really share a run
    with it (reading postings of single shingles instead was most of the linking time)."""

    def __init__(self) -> None:
        self.postings: dict[int, list[int]] = {}
        self.df: Counter = Counter()
        self.sets: dict[int, frozenset[int]] = {}
        self.texts: dict[int, list[str]] = {}
        self._order: dict[int, list[int]] = {}
        self._runs: dict[int, frozenset[int]] = {}
        self._mass: dict[int, float] = {}
        self._weights: dict[int, float] = {}
        self._shared: set[int] = set()
        self._rarest = 1.0

    def add(self, pid: int, texts: list[str]) -> None:
        self.texts[pid] = texts
        order = self._order[pid] = shingle_hashes(texts)
        keys = self.sets[pid] = frozenset(order)
        self.df.update(keys)

    def post(self, pid: int) -> None:
        """Make the passage findable through its runs."""
        postings = self.postings
        for key in self.runs(pid):
            postings.setdefault(key, []).append(pid)

    def prepare(self) -> None:
        """Before posting, from the final counts: the weights of the shingles more than one
        passage has, less those so common they are page furniture or stock phrases ("Do you have
        information you want to share with the Huffington Post?" is in every article of that
        outlet). A shingle found in many passages says little, a rare one a lot."""
        count = len(self.sets)
        common = max(COMMON_MIN, count // COMMON_SHARE)
        self._weights = {key: math.log(1 + count / n) for key, n in self.df.items() if 1 < n <= common}
        # A set, not the weights' keys: intersecting a frozenset with a keys view is twice as slow.
        self._shared = set(self._weights)
        # A shingle no other passage has (or a common one) weighs like the rarest.
        self._rarest = math.log(1 + count)
        self._mass.clear()
        self._runs.clear()

    def runs(self, pid: int) -> frozenset[int]:
        """The passage's runs of RUN_SHINGLES sharable shingles in a row, each hashed from the
        three shingles that cover its RUN_WORDS words (words 0-2, 3-5, 5-7)."""
        found = self._runs.get(pid)
        if found is None:
            order, shared = self._order[pid], self.sets[pid] & self._shared
            found = frozenset()
            if len(shared) >= RUN_SHINGLES:
                # One byte per shingle, 1 where sharable: the regex engine finds the runs.
                sharable = bytes(map(shared.__contains__, order))
                found = frozenset(
                    hash((order[i], order[i + SIZE], order[i + RUN_SHINGLES - 1]))
                    for match in _RUN.finditer(sharable)
                    for i in range(match.start(), match.end() - RUN_SHINGLES + 1)
                )
            self._runs[pid] = found
        return found

    def mass(self, pid: int) -> float:
        found = self._mass.get(pid)
        if found is None:
            keys = self.sets[pid]
            shared = keys & self._shared
            weights = self._weights
            found = sum(weights[k] for k in shared) + (len(keys) - len(shared)) * self._rarest or 1.0
            self._mass[pid] = found
        return found

    def candidates(self, pid: int) -> set[int]:
        """Posted passages sharing a run with the passage (a quote many outlets carry reaches
        them all; a stock phrase too common to be evidence is in no run)."""
        postings = self.postings
        return set().union(*(postings[key] for key in self.runs(pid) & postings.keys()))

    def same_text(self, p: int, q: int) -> float:
        """Weighted containment of the smaller passage in the other; for candidates, which
        share a verbatim run of at least RUN_WORDS words."""
        weights = self._weights
        shared = sum(map(weights.__getitem__, self.sets[p] & self.sets[q] & self._shared))
        return min(1.0, shared / min(self.mass(p), self.mass(q)))
