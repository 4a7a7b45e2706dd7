"""Making annotations from what a user points at: a paragraph, a quote in it, or a range."""

from __future__ import annotations

from dossier_tui.annotations.anchoring import ArticleText, make_target
from dossier_tui.annotations.records import DEFAULT_LABEL, Annotation, check_label, check_note, clean_tags, new_id, now
from dossier_tui.model import Article


def new_annotation(
    article: Article,
    paragraph: int,
    start: int = 0,
    end_paragraph: int | None = None,
    end: int | None = None,
    *,
    note: str = "",
    tags=(),
    label: str = DEFAULT_LABEL,
    text: ArticleText | None = None,
) -> Annotation:
    """An annotation of paragraph `paragraph` from `start` to `end_paragraph`:`end` (default: the
    whole paragraph). ValueError with a user-facing message when the range or a field is invalid."""
    target = make_target(text or ArticleText(article), paragraph, start, end_paragraph, end)
    stamp = now()
    return Annotation(new_id(), target, check_note(note), clean_tags(tags), check_label(label), stamp, stamp)


def quote_range(article: Article, paragraph: int, quote: str) -> tuple[int, int]:
    """Where QUOTE is in the paragraph (its first occurrence); ValueError when it is not there.

    Runs of spaces in the quote match runs of spaces in the text, so a quote copied from a
    wrapped terminal line still matches."""
    if not 0 <= paragraph < len(article.paragraphs):
        raise ValueError(f"{article.id} has no paragraph {paragraph} (it has 0 to {len(article.paragraphs) - 1})")
    text = article.paragraphs[paragraph].text
    words = quote.split()
    if not words:
        raise ValueError("the quote is empty")
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    import re

    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    if match is None:
        raise ValueError(f"quote not found in paragraph {paragraph} of {article.id}")
    return match.span()
