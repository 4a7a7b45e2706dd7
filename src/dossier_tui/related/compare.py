"""Two articles aligned passage by passage for a side-by-side view: text both carry ("shared"),
the same thing in other words ("reworded"), and what only one of them has."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from dossier_tui.related.entities import Mention, passage_mentions
from dossier_tui.related.normalise import term
from dossier_tui.model import Article
from dossier_tui.related.passages import Passage, passage_words
from dossier_tui.related.shared_spans import Ranges, same_spans, similar_spans
from dossier_tui.related.shingles import RUN_SHINGLES, SIZE
from dossier_tui.related.similar import MIN_COSINE, MIN_SHARED_TERMS


@dataclass(slots=True)
class AlignedRow:
    kind: str  # "shared" | "reworded" | "only_a" | "only_b"
    score: float
    a_paragraphs: list[int]
    b_paragraphs: list[int]
    a_shared: Ranges  # paragraph -> [(start, end)] in A's paragraph text
    b_shared: Ranges

    def to_json(self) -> dict:
        def side(paragraphs: list[int], shared: Ranges) -> dict:
            spans = [{"paragraph": p, "start": s, "end": e} for p in sorted(shared) for s, e in shared[p]]
            return {"paragraphs": paragraphs, "shared": spans}

        return {
            "kind": self.kind,
            "score": round(self.score, 4),
            "a": side(self.a_paragraphs, self.a_shared),
            "b": side(self.b_paragraphs, self.b_shared),
        }


@dataclass(slots=True)
class Alignment:
    a: str
    b: str
    rows: list[AlignedRow]

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "rows": [row.to_json() for row in self.rows]}


def align(article_a: Article, article_b: Article, passages_a: list[Passage], passages_b: list[Passage], mentions_a: list[Mention],
          mentions_b: list[Mention], term_df: dict[str, int], passage_count: int) -> Alignment:
    def idf(name: str) -> float:
        df = term_df.get(name, 1)
        return math.log(1 + (passage_count - df + 0.5) / (df + 0.5))

    words_a = [passage_words(p, article_a) for p in passages_a]
    words_b = [passage_words(p, article_b) for p in passages_b]
    vectors_a = [_vector(p, idf) for p in passages_a]
    vectors_b = [_vector(p, idf) for p in passages_b]
    candidates = []
    for i, a in enumerate(passages_a):
        sequence = _shingles(a)
        for j, b in enumerate(passages_b):
            score = _containment(sequence, set(_shingles(b)))
            if score is not None:
                candidates.append((True, score, i, j))
                continue
            score = _cosine(vectors_a[i], vectors_b[j])
            if score is not None:
                candidates.append((False, score, i, j))
    match_a: dict[int, tuple[int, float, bool]] = {}
    taken_b: set[int] = set()
    for same, score, i, j in sorted(candidates, reverse=True):
        if i not in match_a and j not in taken_b:
            match_a[i] = (j, score, same)
            taken_b.add(j)
    # A long paragraph is several windows: a window matching the partner of its sibling joins
    # the sibling's row rather than standing alone as "only in A/B".
    more_a: dict[int, list[int]] = {i: [i] for i in match_a}
    more_b: dict[int, list[int]] = {i: [j] for i, (j, _, _) in match_a.items()}
    owner_b = {j: i for i, (j, _, _) in match_a.items()}
    for same, _, i, j in sorted(candidates, reverse=True):
        if i in match_a and j not in taken_b and passages_b[j].paragraphs == passages_b[match_a[i][0]].paragraphs:
            more_b[i].append(j)
            taken_b.add(j)
        elif i not in match_a and j in owner_b and passages_a[i].paragraphs == passages_a[owner_b[j]].paragraphs:
            more_a[owner_b[j]].append(i)
            match_a[i] = (-1, 0.0, same)  # absorbed: no row of its own

    rows: list[AlignedRow] = []
    next_b = 0

    def only_b(until: int) -> None:
        nonlocal next_b
        for j in range(next_b, until):
            if j not in taken_b:
                rows.append(AlignedRow("only_b", 0.0, [], passages_b[j].paragraphs, {}, {}))
        next_b = max(next_b, until)

    for i, a in enumerate(passages_a):
        if i not in match_a:
            rows.append(AlignedRow("only_a", 0.0, a.paragraphs, [], {}, {}))
            continue
        j, score, same = match_a[i]
        if j < 0:
            continue
        only_b(j)
        side_a, side_b = sorted(more_a[i]), sorted(more_b[i])
        a_words = [w for n in side_a for w in words_a[n]]
        b_words = [w for n in side_b for w in words_b[n]]
        if same:
            shared_a, shared_b = same_spans(a_words, b_words)
        else:
            shared_a, shared_b = similar_spans(
                a_words, b_words,
                [m for n in side_a for m in passage_mentions(passages_a[n], mentions_a)],
                [m for n in side_b for m in passage_mentions(passages_b[n], mentions_b)],
            )
        paragraphs_a = sorted({p for n in side_a for p in passages_a[n].paragraphs})
        paragraphs_b = sorted({p for n in side_b for p in passages_b[n].paragraphs})
        rows.append(AlignedRow("shared" if same else "reworded", score, paragraphs_a, paragraphs_b, shared_a, shared_b))
    only_b(len(passages_b))
    return Alignment(article_a.id, article_b.id, _merged(rows))


def _merged(rows: list[AlignedRow]) -> list[AlignedRow]:
    """One row for consecutive unmatched windows of the same long paragraph."""
    merged: list[AlignedRow] = []
    for row in rows:
        last = merged[-1] if merged else None
        if last is not None and row.kind == last.kind and row.kind in ("only_a", "only_b") and (
            row.a_paragraphs == last.a_paragraphs and row.b_paragraphs == last.b_paragraphs
        ):
            continue
        merged.append(row)
    return merged


def _shingles(passage: Passage) -> list[tuple[str, ...]]:
    texts = passage.texts
    return [tuple(texts[i : i + SIZE]) for i in range(len(texts) - SIZE + 1)]


def _containment(sequence: list[tuple[str, ...]], other: set[tuple[str, ...]]) -> float | None:
    run = best = 0
    for shingle in sequence:
        run = run + 1 if shingle in other else 0
        best = max(best, run)
    if best < RUN_SHINGLES:
        return None
    return len(set(sequence) & other) / min(len(set(sequence)), len(other))


def _vector(passage: Passage, idf) -> dict[str, float]:
    counts = Counter(t for t in map(term, passage.texts) if t is not None)
    vector = {name: idf(name) * (1 + math.log(n)) for name, n in counts.items()}
    length = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {name: w / length for name, w in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float | None:
    shared = [name for name in a if name in b]
    if len(shared) < MIN_SHARED_TERMS:
        return None
    score = sum(a[name] * b[name] for name in shared)
    return score if score >= MIN_COSINE else None
