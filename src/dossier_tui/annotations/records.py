"""What the user keeps about a dossier: annotations on passages, and flags and read state per article.

Plain data. An annotation's `Target` is a W3C-Web-Annotation-style anchor: the exact quote, some
text before and after it, its position (paragraph and character offsets, possibly running over
several consecutive paragraphs) and the digest of the article's text when it was made, so it can
be found again after the file changes (see anchoring).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

# A small fixed set, each shown with a word and a margin mark, never by colour alone.
LABELS = ("highlight", "key", "evidence", "question", "doubt")
DEFAULT_LABEL = LABELS[0]
# Bounds on what one record may hold: a note is prose, not a dump (the log stays readable).
NOTE_LIMIT = 100_000
TAG_LIMIT = 64
TAGS_PER_NOTE = 32
CONTEXT = 32  # characters of text kept before and after a quote
# Lone surrogates (from undecodable bytes in a command line) cannot be written as UTF-8.
_SURROGATES = re.compile("[\ud800-\udfff]")


class State(StrEnum):
    ANCHORED = "anchored"  # the quote is where it was, or found exactly elsewhere in the article
    MOVED = "moved"  # only an approximate match of the quote (the text around it was edited)
    ORPHANED = "orphaned"  # not found: kept, listed apart, to re-attach or delete


@dataclass(slots=True, frozen=True)
class Target:
    """Where an annotation points: `paragraph`:`start` to `end_paragraph`:`end` (end exclusive)."""

    article: str
    paragraph: int
    start: int
    end_paragraph: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    digest: str = ""


@dataclass(slots=True, frozen=True)
class Annotation:
    id: str
    target: Target
    note: str = ""
    tags: tuple[str, ...] = ()
    label: str = DEFAULT_LABEL
    created: str = ""
    updated: str = ""
    # Keys of the record this version does not know, kept so a rewrite of the log loses nothing.
    extra: tuple[tuple[str, object], ...] = ()
    # A shared dossier's (PostgreSQL): who wrote it (database role, and the name they configured),
    # and whether only they can read it. Empty and False in a local dossier.
    author: str = ""
    author_name: str = ""
    private: bool = False

    @property
    def is_highlight(self) -> bool:
        return not self.note.strip()

    def edited(self, **changes) -> Annotation:
        return replace(self, **changes, updated=now())


@dataclass(slots=True)
class ArticleState:
    read: bool = False
    flags: set[str] = field(default_factory=set)
    digest: str = ""  # the article's text digest at the last change: a renamed file is followed by it


def new_id() -> str:
    # Random, not sequential: two readers adding notes at once never pick the same id.
    return secrets.token_hex(5)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_tags(tags) -> tuple[str, ...]:
    """Tags as given, trimmed, without empties or repeats; ValueError for one that cannot be a tag."""
    out: list[str] = []
    for tag in tags:
        tag = " ".join(_SURROGATES.sub("\ufffd", str(tag)).split())
        if not tag:
            continue
        if len(tag) > TAG_LIMIT:
            raise ValueError(f"tag longer than {TAG_LIMIT} characters: {tag[:20]}…")
        if tag not in out:
            out.append(tag)
    if len(out) > TAGS_PER_NOTE:
        raise ValueError(f"more than {TAGS_PER_NOTE} tags on one note")
    return tuple(out)


def check_note(note: str) -> str:
    if len(note) > NOTE_LIMIT:
        raise ValueError(f"note longer than {NOTE_LIMIT:,} characters")
    return _SURROGATES.sub("\ufffd", note)


def check_label(label: str) -> str:
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r} (one of {', '.join(LABELS)})")
    return label
