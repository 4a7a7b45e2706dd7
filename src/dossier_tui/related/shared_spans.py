"""Where two linked passages overlap: character ranges of the shared words on both sides, per
paragraph, so a view can highlight exactly what the two sources have in common."""

from __future__ import annotations

from dossier_tui.related.normalise import term
from dossier_tui.related.passages import Word
from dossier_tui.related.shingles import SIZE

Ranges = dict[int, list[tuple[int, int]]]  # paragraph index -> [(start, end)]
Mention = tuple[int, int, int, str]  # (paragraph, start, end, entity name)


def same_spans(a: list[Word], b: list[Word]) -> tuple[Ranges, Ranges]:
    """The words of each side that belong to a 3-word run found in the other."""
    return _verbatim(a, _shingles(b)), _verbatim(b, _shingles(a))


def similar_spans(a: list[Word], b: list[Word], a_mentions: list[Mention], b_mentions: list[Mention]) -> tuple[Ranges, Ranges]:
    """The content words (same stem) and entities both sides mention."""
    shared_terms = _terms(a) & _terms(b)
    shared_entities = {m[3] for m in a_mentions} & {m[3] for m in b_mentions}
    return (
        _with_mentions(_ranges(a, [term(w[0]) in shared_terms for w in a]), a_mentions, shared_entities),
        _with_mentions(_ranges(b, [term(w[0]) in shared_terms for w in b]), b_mentions, shared_entities),
    )


def _shingles(found: list[Word]) -> set[tuple[str, ...]]:
    texts = [w[0] for w in found]
    return {tuple(texts[i : i + SIZE]) for i in range(len(texts) - SIZE + 1)}


def _verbatim(found: list[Word], other: set[tuple[str, ...]]) -> Ranges:
    texts = [w[0] for w in found]
    marked = [False] * len(found)
    for i in range(len(found) - SIZE + 1):
        if tuple(texts[i : i + SIZE]) in other:
            marked[i : i + SIZE] = [True] * SIZE
    return _ranges(found, marked)


def _terms(found: list[Word]) -> set[str]:
    return {t for t in (term(w[0]) for w in found) if t is not None}


def _ranges(found: list[Word], marked: list[bool]) -> Ranges:
    """Marked words as ranges, neighbours in the same paragraph joined into one range."""
    out: Ranges = {}
    previous = None
    for word, on in zip(found, marked):
        if not on:
            previous = None
            continue
        _, paragraph, start, end = word
        spans = out.setdefault(paragraph, [])
        if previous == paragraph and spans:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        previous = paragraph
    return out


def _with_mentions(ranges: Ranges, mentions: list[Mention], names: set[str]) -> Ranges:
    for paragraph, start, end, name in mentions:
        if name in names:
            ranges.setdefault(paragraph, []).append((start, end))
    return {p: _merge(spans) for p, spans in ranges.items()}


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
