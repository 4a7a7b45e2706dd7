"""Finding annotations again in articles that may have changed since they were made.

An article's paragraphs are read as one text (joined by a blank line), so a quote may run over
several paragraphs. Each annotation is placed, in order:

1. the quote is still at its stored position: there (one string comparison, so an unchanged
   dossier costs next to nothing);
2. the exact quote: found once, there; found several times, the occurrence whose surrounding
   text best matches the stored prefix/suffix, then the one nearest the old position: ANCHORED;
3. a fuzzy match of the quote (rapidfuzz's best alignment, ends refined), accepted when the quote
   is close enough or nearly so with its context agreeing: MOVED;
4. else ORPHANED, with its last known position kept for the user to re-attach or delete.

An annotation whose article id is gone (file renamed or moved) follows the article with the same
text digest, else the article holding its quotes exactly; read state and flags follow the digest.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from dossier_tui.annotations.records import CONTEXT, Annotation, State, Target
from dossier_tui.annotations.store import AnnotationStore
from dossier_tui.model import Article, Dossier

SEPARATOR = "\n\n"
# Fuzzy acceptance (rapidfuzz scores 0-100): a quote this close stands on its own; one down to
# NEAR stands when the text around it agrees too. Measured on edited seed passages (tests).
CLOSE = 85.0
NEAR = 70.0
CONTEXT_AGREES = 60.0
_MAX_OCCURRENCES = 200


@dataclass(slots=True, frozen=True)
class Placed:
    """An annotation where it was found (positions as in Target); for ORPHANED, its last known place."""

    annotation: Annotation
    article: str
    state: State
    paragraph: int
    start: int
    end_paragraph: int
    end: int

    @property
    def id(self) -> str:
        return self.annotation.id

    def covers(self, paragraph: int) -> bool:
        return self.state != State.ORPHANED and self.paragraph <= paragraph <= self.end_paragraph

    def span_in(self, paragraph: int, length: int) -> tuple[int, int]:
        """The part of paragraph `paragraph` (of `length` characters) this annotation covers."""
        start = self.start if paragraph == self.paragraph else 0
        end = self.end if paragraph == self.end_paragraph else length
        return start, end


class ArticleText:
    """One article's paragraphs as a single text, with offsets back to (paragraph, character)."""

    __slots__ = ("article", "text", "starts", "_digest")

    def __init__(self, article: Article) -> None:
        self.article = article
        texts = [p.text for p in article.paragraphs]
        self.text = SEPARATOR.join(texts)
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text) + len(SEPARATOR)
        self.starts = starts
        self._digest: str | None = None

    @property
    def digest(self) -> str:
        if self._digest is None:
            self._digest = text_digest(self.text)
        return self._digest

    def offset(self, paragraph: int, char: int) -> int:
        """(paragraph, character) -> offset in the text; positions past the end are clamped."""
        if not self.starts:
            return 0
        paragraph = max(0, min(paragraph, len(self.starts) - 1))
        return self.starts[paragraph] + max(0, min(char, self._length(paragraph)))

    def position(self, offset: int, *, end: bool = False) -> tuple[int, int]:
        """Offset in the text -> (paragraph, character). A start inside a separator moves to the next
        paragraph; an end inside one, back to the end of the previous paragraph."""
        if not self.starts:
            return 0, 0
        paragraph = max(0, bisect_right(self.starts, offset) - 1)
        char = offset - self.starts[paragraph]
        length = self._length(paragraph)
        if char > length:
            if end or paragraph + 1 >= len(self.starts):
                return paragraph, length
            return paragraph + 1, 0
        if end and char == 0 and paragraph > 0:
            return paragraph - 1, self._length(paragraph - 1)
        return paragraph, char

    def _length(self, paragraph: int) -> int:
        return len(self.article.paragraphs[paragraph].text)


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_target(
    text: ArticleText, paragraph: int, start: int, end_paragraph: int | None = None, end: int | None = None
) -> Target:
    """The anchor of a new annotation: paragraph `paragraph` from `start` to `end_paragraph`:`end`
    (default: the end of `paragraph`). ValueError for a range that selects nothing."""
    paragraphs = text.article.paragraphs
    if not 0 <= paragraph < len(paragraphs):
        raise ValueError(f"no paragraph {paragraph} (the article has 0 to {len(paragraphs) - 1})")
    end_paragraph = paragraph if end_paragraph is None else end_paragraph
    if not paragraph <= end_paragraph < len(paragraphs):
        raise ValueError(f"range ends in paragraph {end_paragraph}, before {paragraph} or past the last")
    end = len(paragraphs[end_paragraph].text) if end is None else end
    first, last = text.offset(paragraph, start), text.offset(end_paragraph, end)
    selected = text.text[first:last]
    if last <= first or not selected.strip():
        raise ValueError("the selection is empty")
    # Spaces and paragraph breaks at the edges are not part of the passage.
    first += len(selected) - len(selected.lstrip())
    last -= len(selected) - len(selected.rstrip())
    paragraph, start = text.position(first)
    end_paragraph, end = text.position(last, end=True)
    return Target(
        article=text.article.id,
        paragraph=paragraph,
        start=start,
        end_paragraph=end_paragraph,
        end=end,
        quote=text.text[first:last],
        prefix=text.text[max(0, first - CONTEXT) : first],
        suffix=text.text[last : last + CONTEXT],
        digest=text.digest,
    )


def place(annotation: Annotation, text: ArticleText) -> Placed:
    """Find one annotation in one article (see the module docstring)."""
    target = annotation.target
    old = text.offset(target.paragraph, target.start)
    found = _exact(target, text, old)
    if found is not None:
        return _placed(annotation, text, State.ANCHORED, found, found + len(target.quote))
    fuzzy = _fuzzy(target, text)
    if fuzzy is not None:
        return _placed(annotation, text, State.MOVED, *fuzzy)
    return orphan(annotation)


def orphan(annotation: Annotation) -> Placed:
    t = annotation.target
    return Placed(annotation, t.article, State.ORPHANED, t.paragraph, t.start, t.end_paragraph, t.end)


def place_all(annotations: Iterable[Annotation], dossier: Dossier) -> list[Placed]:
    """Every annotation placed in the dossier as it is now, in the order given."""
    texts: dict[str, ArticleText] = {}

    def text_of(article: Article) -> ArticleText:
        if article.id not in texts:
            texts[article.id] = ArticleText(article)
        return texts[article.id]

    placed: dict[str, Placed] = {}
    lost: dict[str, list[Annotation]] = {}
    annotations = list(annotations)
    for annotation in annotations:
        target = annotation.target
        article = dossier.get(target.article)
        if article is None:
            lost.setdefault(target.article, []).append(annotation)
        elif _unmoved(target, article):
            placed[annotation.id] = Placed(annotation, article.id, State.ANCHORED, target.paragraph, target.start, target.end_paragraph, target.end)
        else:
            placed[annotation.id] = place(annotation, text_of(article))
    if lost:
        for group in lost.values():
            home = _follow(group, dossier, text_of)
            for annotation in group:
                placed[annotation.id] = place(annotation, text_of(home)) if home else orphan(annotation)
    return [placed[a.id] for a in annotations]


def _unmoved(target: Target, article: Article) -> bool:
    """The quote of a one-paragraph annotation is where it was (no article text to build)."""
    if target.paragraph != target.end_paragraph or target.paragraph >= len(article.paragraphs):
        return False
    text = article.paragraphs[target.paragraph].text
    return target.end == target.start + len(target.quote) and text.startswith(target.quote, target.start)


def _follow(group: list[Annotation], dossier: Dossier, text_of) -> Article | None:
    """The article a renamed or moved file now is: same text digest, else the one holding most of
    the group's quotes exactly (ties: none, rather than a guess)."""
    digests = {a.target.digest for a in group}
    for article in dossier.articles:
        if text_of(article).digest in digests:
            return article
    counts: dict[str, int] = {}
    for annotation in group:
        quote = annotation.target.quote
        for article in dossier.articles:
            if quote in text_of(article).text:
                counts[article.id] = counts.get(article.id, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return dossier.get(ranked[0][0])


def follow_renamed(store: AnnotationStore, dossier: Dossier) -> None:
    """Read state and flags kept under an article id that is gone (a renamed or moved file) go to
    the article with the text digest they were recorded with, as annotations do (one article with
    that text, not a guess between duplicates)."""
    lost = {a: s.digest for a, s in store.states.items() if s.digest and dossier.get(a) is None}
    if not lost:
        return
    by_digest: dict[str, list[str]] = {}
    for article in dossier.articles:
        by_digest.setdefault(ArticleText(article).digest, []).append(article.id)
    renamed = {old: by_digest[d][0] for old, d in lost.items() if len(by_digest.get(d, ())) == 1}
    if renamed:
        store.follow(renamed)


def _placed(annotation: Annotation, text: ArticleText, state: State, first: int, last: int) -> Placed:
    paragraph, start = text.position(first)
    end_paragraph, end = text.position(last, end=True)
    if (end_paragraph, end) < (paragraph, start):
        end_paragraph, end = paragraph, start
    return Placed(annotation, text.article.id, state, paragraph, start, end_paragraph, end)


def _exact(target: Target, text: ArticleText, old: int) -> int | None:
    """Offset of the best exact occurrence of the quote, or None."""
    quote, haystack = target.quote, text.text
    if not quote:
        return None
    if haystack.startswith(quote, old):
        return old  # still where it was: the nearest occurrence
    found: list[int] = []
    position = haystack.find(quote)
    while position >= 0 and len(found) < _MAX_OCCURRENCES:
        found.append(position)
        position = haystack.find(quote, position + 1)
    if len(found) <= 1:
        return found[0] if found else None
    return max(found, key=lambda at: (_context_match(target, haystack, at, at + len(quote)), -abs(at - old)))


def _context_match(target: Target, haystack: str, first: int, last: int) -> int:
    """Characters of the stored prefix and suffix that agree with the text around an occurrence."""
    before = haystack[max(0, first - len(target.prefix)) : first]
    after = haystack[last : last + len(target.suffix)]
    agree = 0
    for a, b in zip(reversed(before), reversed(target.prefix), strict=False):
        if a != b:
            break
        agree += 1
    for a, b in zip(after, target.suffix, strict=False):
        if a != b:
            break
        agree += 1
    return agree


def _fuzzy(target: Target, text: ArticleText) -> tuple[int, int] | None:
    """(first, last) offsets of an approximate match of the quote, or None when none is close enough."""
    from rapidfuzz import fuzz

    quote, haystack = target.quote, text.text
    if not quote.strip() or not haystack:
        return None
    if len(quote) > len(haystack):
        # The article got shorter than the passage: the best we can say is how much of it is left.
        score = fuzz.ratio(quote, haystack)
        return (0, len(haystack)) if score >= CLOSE else None
    alignment = fuzz.partial_ratio_alignment(quote, haystack, score_cutoff=NEAR)
    if alignment is None:
        return None
    first, last = _refine(target, haystack, alignment.dest_start, alignment.dest_end)
    score = fuzz.ratio(quote, haystack[first:last])
    if score >= CLOSE:
        return first, last
    if score >= NEAR and _context_score(target, haystack, first, last) >= CONTEXT_AGREES:
        return first, last
    return None


def _refine(target: Target, haystack: str, first: int, last: int) -> tuple[int, int]:
    """Move the ends of an alignment to where the quote and its context match best (a word put in
    or taken out changes the length, which partial alignment keeps fixed). An end that was at a
    word boundary stays at one."""
    from rapidfuzz import fuzz

    quote, prefix, suffix = target.quote, target.prefix, target.suffix
    slack = max(4, len(quote) // 5)
    start_at_word = not prefix or not (prefix[-1].isalnum() and quote[0].isalnum())
    end_at_word = not suffix or not (suffix[0].isalnum() and quote[-1].isalnum())

    def boundary(at: int) -> bool:
        return at <= 0 or at >= len(haystack) or not (haystack[at - 1].isalnum() and haystack[at].isalnum())

    def pick(candidates: list[int], score, fallback: int) -> int:
        candidates = candidates or [fallback]
        return max(candidates, key=lambda c: (score(c), -abs(c - fallback)))

    ends = [e for e in range(max(first + 1, last - slack), min(len(haystack), last + slack) + 1) if not end_at_word or boundary(e)]
    last = pick(ends, lambda e: fuzz.ratio(quote + suffix, haystack[first : e + len(suffix)]), last)
    starts = [b for b in range(max(0, first - slack), min(last - 1, first + slack) + 1) if not start_at_word or boundary(b)]
    first = pick(starts, lambda b: fuzz.ratio(prefix + quote, haystack[max(0, b - len(prefix)) : last]), first)
    return first, last


def _context_score(target: Target, haystack: str, first: int, last: int) -> float:
    from rapidfuzz import fuzz

    scores = []
    if target.prefix:
        scores.append(fuzz.ratio(target.prefix, haystack[max(0, first - len(target.prefix)) : first]))
    if target.suffix:
        scores.append(fuzz.ratio(target.suffix, haystack[last : last + len(target.suffix)]))
    return sum(scores) / len(scores) if scores else 0.0


def placed_json(placed: Placed) -> dict:
    """The CLI's and the JSON export's view of a placed annotation (positions null when orphaned)."""
    a = placed.annotation
    found = placed.state != State.ORPHANED
    return {
        "id": a.id,
        "article": placed.article,
        "paragraph": placed.paragraph if found else None,
        "start": placed.start if found else None,
        "end_paragraph": placed.end_paragraph if found else None,
        "end": placed.end if found else None,
        "quote": a.target.quote,
        "note": a.note,
        "tags": list(a.tags),
        "label": a.label,
        "state": str(placed.state),
        "created": a.created,
        "updated": a.updated,
        "author": a.author or None,
        "author_name": a.author_name or None,
        "private": a.private,
    }
