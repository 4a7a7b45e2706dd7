"""The index schema and the one tokeniser/stemmer that indexing, querying and highlighting share.

An index built by other code (a changed field or analyser) is rebuilt on open: the manifest keeps a
stamp of this package's code (`dossier_index.index_stamp`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh import fields
from whoosh.analysis import LowercaseFilter, NgramFilter, RegexTokenizer, StemmingAnalyzer, STOP_WORDS
from whoosh.lang.porter import stem as porter_stem

# Whoosh's default token pattern: "U.S." stays one token.
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"
TOKEN = re.compile(TOKEN_PATTERN, re.UNICODE)
MIN_TOKEN = 2  # StemmingAnalyzer's minsize: shorter tokens are not indexed
STOP = frozenset(STOP_WORDS)

ENTITY_FIELDS = ("person", "place", "org", "speaker")
# analysis.EntityType -> the field its names go to (groups such as "Belarusian" are not indexed).
TYPE_FIELDS = {"PERSON": "person", "PLACE": "place", "ORG": "org"}


def type_field(entity_type) -> str | None:
    return TYPE_FIELDS.get(str(entity_type).rsplit(".", 1)[-1].upper())


@lru_cache(maxsize=None)
def stem(word: str) -> str | None:
    """The indexed term for one lowercased token, or None when the analyser drops it."""
    if len(word) < MIN_TOKEN or word in STOP:
        return None
    return porter_stem(word)


def terms(text: str) -> list[str]:
    """The stemmed terms of a piece of text, in order, as the body field indexes them."""
    return [t for t in (stem(m.group().lower()) for m in TOKEN.finditer(text)) if t]


def words(text: str) -> list[str]:
    """The lowercased, unstemmed tokens of a piece of text."""
    return [m.group().lower() for m in TOKEN.finditer(text)]


def build_schema() -> fields.Schema:
    # An unbounded stem cache and one analyser object shared by body and title: measured 1.7x
    # faster indexing than Whoosh's bounded default.
    stemming = StemmingAnalyzer(expression=TOKEN_PATTERN, cachesize=-1)
    plain = RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()
    entity = {name: fields.TEXT(analyzer=plain, stored=False) for name in ENTITY_FIELDS}
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        file=fields.ID(stored=False),
        title=fields.TEXT(analyzer=stemming, stored=True, field_boost=2.0),
        # Edge n-grams of title words and entity names: a one- or two-letter last word while typing.
        title_start=fields.TEXT(analyzer=plain | NgramFilter(1, 2, at="start"), phrase=False),
        source=fields.TEXT(analyzer=plain, stored=True),
        date=fields.ID(stored=True),
        body=fields.TEXT(analyzer=stemming),
        # The article and its entity mentions (`builder.record`): a warm search of an unchanged
        # dossier shows its hits from the index alone, without loading the dossier.
        record=fields.STORED(),
        **entity,
    )
