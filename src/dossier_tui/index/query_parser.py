"""The query language, parsed once into a small tree that the index and the scan both answer.

As-you-type semantics: completed words are terms; the word being typed (the last one, when the
query does not end in a space) is a prefix once it has 3 characters, and below that a whole word or
the start of a title word. Quoted phrases, AND/OR/NOT, `-word`, `title:`, `source:`, `date:` ranges
(`date:2017-02..2017-03`, `date:>2017-03-01`, `date:2017`), `person:`, `place:`, `org:`,
`speaker:`. OR binds tighter than AND, as in web search: `trump OR obama administration`.
Anything malformed falls back to plain terms, with a notice saying so; an impossible date is
left out with a notice; repeated clauses count once and a query keeps its first MAX_CLAUSES
clauses (a thousand ANDed words nest a thousand matchers deep in Whoosh: RecursionError).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from dossier_tui.index.schema import ENTITY_FIELDS, STOP, stem, words

FIELDS = ("title", "source", "date", *ENTITY_FIELDS)
PREFIX_MIN = 3
MAX_CLAUSES = 64
MAX_PHRASE_WORDS = 64


@dataclass(slots=True, frozen=True)
class Word:
    text: str  # lowercased token
    field: str | None = None  # None: body, title and entity names
    prefix: bool = False  # the word being typed, 3+ characters
    short: bool = False  # the word being typed, 1-2 characters


@dataclass(slots=True, frozen=True)
class Phrase:
    words: tuple[str, ...]
    field: str | None = None


@dataclass(slots=True, frozen=True)
class DateRange:
    start: str | None  # ISO date prefixes, compared as strings
    end: str | None
    start_exclusive: bool = False
    end_exclusive: bool = False

    def bounds(self) -> tuple[str | None, str | None]:
        """Inclusive string bounds on stored dates: `2017-03` as an end takes all of March."""
        low = self.start and (self.start + "\uffff" if self.start_exclusive else self.start)
        high = self.end and (self.end if self.end_exclusive else self.end + "\uffff")
        return low, high

    def contains(self, date: str | None) -> bool:
        low, high = self.bounds()
        if date is None:
            return False
        if self.end_exclusive and high is not None and date >= high:
            return False
        return (low is None or date >= low) and (high is None or date <= high)


@dataclass(slots=True, frozen=True)
class Not:
    node: Node


@dataclass(slots=True, frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(slots=True, frozen=True)
class Or:
    nodes: tuple[Node, ...]


Node = Word | Phrase | DateRange | Not | And | Or


@dataclass(slots=True, frozen=True)
class ParsedQuery:
    root: Node | None  # None: nothing searchable (empty or only stop characters)
    notice: str | None = None


class _Malformed(Exception):
    pass


class _BadDate(Exception):
    """A date clause that names no day (`date:2023-13-45`, a range that ends before it starts)."""


_TOKEN = re.compile(r'\s+|(-?)(?:(\w+):)?("[^"]*"?|[^\s"]+)')
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def parse(text: str) -> ParsedQuery:
    """Parse a query as typed; never raises."""
    typing = bool(text) and not text[-1].isspace()
    notices: list[str] = []
    try:
        root = _parse(text, typing, notices)
    except _Malformed as error:
        plain = " ".join(w for w in text.replace('"', " ").split() if w not in ("AND", "OR", "NOT"))
        plain = " ".join(words(plain))
        root = _plain(plain, typing and bool(plain) and text.rstrip()[-1:].isalnum())
        notices = [f"{error}; searched for the words: {_short(plain)}" if plain else str(error)]
    root = _bounded(root, notices)
    return ParsedQuery(root, "; ".join(dict.fromkeys(notices)) or None)


def _short(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _bounded(node: Node | None, notices: list[str]) -> Node | None:
    """NODE with repeated clauses once, at most MAX_CLAUSES of them, phrases of MAX_PHRASE_WORDS."""
    if isinstance(node, Phrase) and len(node.words) > MAX_PHRASE_WORDS:
        notices.append(f"a phrase is searched for by its first {MAX_PHRASE_WORDS} words")
        return Phrase(node.words[:MAX_PHRASE_WORDS], node.field)
    if isinstance(node, Not):
        return Not(_bounded(node.node, notices) or node.node)
    if not isinstance(node, (And, Or)):
        return node
    members = [_bounded(member, notices) for member in dict.fromkeys(node.nodes)]
    if len(members) > MAX_CLAUSES:
        notices.append(f"the query was cut to its first {MAX_CLAUSES} terms")
        members = members[:MAX_CLAUSES]
    return _combine(type(node), members)


def _plain(text: str, typing: bool) -> Node | None:
    tokens = text.split()
    last = len(tokens) - 1
    nodes: list[Node] = [_word(t, None, typing and i == last) for i, t in enumerate(tokens) if (typing and i == last) or stem(t)]
    return _combine(And, _without_typed_stop_word(nodes))


def _word(token: str, field: str | None, last: bool) -> Word:
    return Word(token, field, prefix=last and len(token) >= PREFIX_MIN, short=last and len(token) < PREFIX_MIN)


def _combine(kind, nodes: list) -> Node | None:
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else kind(tuple(nodes))


def _lex(text: str) -> list[tuple[str, str | None, str, bool]]:
    """(sign, field, value, quoted) per token; a quote left open is an error."""
    out = []
    for match in _TOKEN.finditer(text):  # every character starts a token (a space, a quote or a word)
        if match.group(3) is None:
            continue
        sign, field, value = match.group(1), match.group(2), match.group(3)
        quoted = value.startswith('"')
        if quoted:
            if len(value) < 2 or not value.endswith('"'):
                raise _Malformed("unbalanced quote")
            value = value[1:-1]
        elif '"' in value:
            raise _Malformed("unbalanced quote")
        if field is not None and field.lower() not in FIELDS:
            value, field = f"{field} {value}", None  # "Note: this" is text, not a field
        out.append((sign, field.lower() if field else None, value, quoted))
    return out


def _parse(text: str, typing: bool, notices: list[str]) -> Node | None:
    tokens = _lex(text)
    nodes: list[Node] = []  # ANDed; an OR folds into the node before it
    pending_not = False
    pending_or = False
    for i, (sign, field, value, quoted) in enumerate(tokens):
        last = typing and i == len(tokens) - 1
        if not quoted and field is None and not sign and value in ("AND", "OR", "NOT"):
            if (i == 0 and value != "NOT") or i == len(tokens) - 1 or pending_not or pending_or:
                raise _Malformed(f"{value} needs a word on each side")
            if value == "OR":
                pending_or = True
            elif value == "NOT":
                pending_not = True
            continue
        if value.startswith("*") and not quoted:
            raise _Malformed("a word cannot start with *")
        try:
            node = _clause(field, value, quoted, last)
        except _BadDate as error:
            notices.append(f"date:{value} {error}; left out of the search")
            node = None
        if node is None:
            if pending_not or pending_or:
                raise _Malformed("nothing to search after an operator")
            continue
        if sign == "-" or pending_not:
            node = Not(node)
        if pending_or and nodes:
            previous = nodes.pop()
            members = previous.nodes if isinstance(previous, Or) else (previous,)
            node = Or((*members, node))
        nodes.append(node)
        pending_not = pending_or = False
    return _combine(And, _without_typed_stop_word(nodes))


def _without_typed_stop_word(nodes: list[Node]) -> list[Node]:
    # "territory of": the index holds no stop word, so a short one being typed after other words
    # would narrow the list to titles starting with "of" until the next letter; it narrows nothing.
    last = nodes[-1] if nodes else None
    if len(nodes) > 1 and isinstance(last, Word) and last.short and last.field is None and last.text in STOP:
        return nodes[:-1]
    return nodes


def _clause(field: str | None, value: str, quoted: bool, last: bool) -> Node | None:
    if field == "date":
        return _date(value)
    tokens = words(value.rstrip("*"))
    if not tokens:
        return None
    if quoted or len(tokens) > 1:
        return Phrase(tuple(tokens), field) if len(tokens) > 1 else Word(tokens[0], field)
    if value.endswith("*"):
        return Word(tokens[0], field, prefix=True)
    if field is None and not last and stem(tokens[0]) is None:
        return None  # a completed stop word: the index does not hold it
    return _word(tokens[0], field, last)


def _date(value: str) -> DateRange:
    value = value.strip('"')
    if ".." in value:
        start, _, end = value.partition("..")
        if start and end and _iso(end) < _iso(start)[: len(end)]:
            raise _BadDate("ends before it starts")
        return DateRange(_iso(start) if start else None, _iso(end) if end else None)
    for op, kind in ((">=", "ge"), ("<=", "le"), (">", "gt"), ("<", "lt")):
        if value.startswith(op):
            day = _iso(value[len(op):])
            if kind in ("ge", "gt"):
                return DateRange(day, None, start_exclusive=kind == "gt")
            return DateRange(None, day, end_exclusive=kind == "lt")
    day = _iso(value)
    return DateRange(day, day)


def _iso(value: str) -> str:
    if not _DATE.match(value):
        raise _Malformed(f"date:{value} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise _BadDate(f"is not a day of the calendar ({value})") from None
    return value
