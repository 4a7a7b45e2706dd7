"""Our parsed query (`index.query_parser`) as one SQL statement: the same tree the local index
answers, translated clause by clause to a tsquery over `articles.body` (see schema.py).

- a word: its Porter stem (`'presid'`), `title:` restricts it to the title's weight (`:A`);
- the word being typed (3+ letters): the stems of the dossier's words that start with it, the
  most frequent first, cut as the local index cuts them (`index.searcher.expand`), chosen by a
  sub-select in the same statement (one round trip per keystroke); 1-2 letters: also the start
  of a title word or entity name (`'t:xy':*`);
- a phrase: stems in a row (`<->`), as the local index skips stop words;
- `person:` `place:` `org:` `speaker:` `source:`: the field's own lexemes (`'p:lukashenko'`), or
  the canonical name's words when the word is a known alias (alias-aware, `aliases` table), and a
  plain word that is one spelling of a name also finds the others' articles (`aliases.bridge`);
- AND/OR/NOT, `-word`: tsquery's `&&`, `||`, `!!`; `date:` ranges compare `articles.date`.

Every value reaches the server as a parameter; lexemes are quoted by `rows.quote_lexeme`.

Ranking is the local index's: BM25 (K1 1.2, B 0.75, idf log(N / (df + 1)) + 1, as Whoosh) per
field for the query's positive words: the body field (title twice, then the body), `title:`
(weighted twice, as its field boost), the name fields; term frequencies are the tsvector's
positions, field lengths `articles.lengths` (`search.py`). It runs on the CANDIDATES best by `ts_rank` (title weight 1.0,
body 0.1, length-normalised), so a search matching tens of thousands of articles reads only a few
hundred vectors; `source:` and dates select but do not score. Ties: list order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from psycopg import sql

from dossier_tui.analysis.transliteration import fold
from dossier_tui.backends.postgres.rows import quote_lexeme
from dossier_tui.backends.postgres.schema import FIELD_PREFIX, SCORED_FIELDS, TITLE_START
from dossier_tui.index import query_parser as q
from dossier_tui.index.schema import ENTITY_FIELDS, stem

MAX_EXPANSIONS = 16  # as index.searcher
POSTING_BUDGET = 2500
RARE_SHARE = 50
NOTHING = quote_lexeme("!")  # a lexeme no article has (ours hold word characters only)
TYPE_PREFIX = {"PERSON": FIELD_PREFIX["person"], "PLACE": FIELD_PREFIX["place"], "ORG": FIELD_PREFIX["org"]}
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D (body), C, B (names), A (title)
RANK_NORMALISATION = 1  # divided by 1 + log(length)


@dataclass
class Compiled:
    """The parts of the search statement; `where` and `rank` are SQL over `a` (articles)."""

    where: sql.Composable
    rank: sql.Composable
    where_params: list = field(default_factory=list)
    rank_params: list = field(default_factory=list)
    ctes: list[sql.Composable] = field(default_factory=list)
    cte_params: list = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)  # words being typed, in `ctes` order
    # What BM25 scores: (lexeme, field number in SCORED_FIELDS from 1), and (CTE number, field
    # number) for the expansions of the words being typed.
    rank_terms: list[tuple[str, int]] = field(default_factory=list)
    rank_prefixes: list[tuple[int, int]] = field(default_factory=list)
    rank_name_prefixes: list[tuple[str, int]] = field(default_factory=list)  # ('p:luk', 3): p:luk*
    # (folded spelling, field number, bridge only): the words of the canonical name it spells
    # (field 0: the field of the entity's type).
    rank_aliases: list[tuple[str, int, bool]] = field(default_factory=list)
    alias_keys: list[str] = field(default_factory=list)  # folded spellings whose entity is marked


class _Compiler:
    def __init__(self, schema: sql.Identifier) -> None:
        self.s = schema
        self.ctes: list[sql.Composable] = []
        self.cte_params: list = []
        self.prefixes: list[str] = []
        self.alias_keys: list[str] = []

    # A clause is ("tsq", sql, params) when tsquery operators can carry it, else ("bool", sql, params).

    def node(self, node) -> tuple[str, sql.Composable, list] | None:
        if isinstance(node, q.And):
            return self._and([self.node(child) for child in node.nodes])
        if isinstance(node, q.Or):
            return self._or([self.node(child) for child in node.nodes])
        if isinstance(node, q.Not):
            inner = self.node(node.node)
            if inner is None:
                return None
            kind, expr, params = inner
            if kind == "tsq":
                return "tsq", sql.SQL("(!! {})").format(expr), params
            return "bool", sql.SQL("(NOT coalesce({}, false))").format(expr), params
        if isinstance(node, q.DateRange):
            return self._date(node)
        if isinstance(node, q.Phrase):
            return self._phrase(node)
        return self._word(node)

    def _and(self, parts) -> tuple[str, sql.Composable, list] | None:
        parts = [p for p in parts if p is not None]  # a clause with nothing to search is left out
        if not parts:
            return None
        tsq = [p for p in parts if p[0] == "tsq"]
        bools = [p for p in parts if p[0] == "bool"]
        joined = _join(tsq, " && ") if tsq else None
        if not bools:
            return joined
        conditions = ([_matches(joined)] if joined else []) + bools
        return _join(conditions, " AND ", "bool")

    def _or(self, parts) -> tuple[str, sql.Composable, list] | None:
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        if all(p[0] == "tsq" for p in parts):
            return _join(parts, " || ")
        return _join([_matches(p) if p[0] == "tsq" else p for p in parts], " OR ", "bool")

    def _date(self, node: q.DateRange):
        low, high = node.bounds()
        conditions, params = [], []
        if low is not None:
            conditions.append(sql.SQL("a.date >= %s"))
            params.append(low)
        if high is not None:
            conditions.append(sql.SQL("a.date < %s" if node.end_exclusive else "a.date <= %s"))
            params.append(high)
        if not conditions:
            return None
        return "bool", sql.SQL("({})").format(sql.SQL(" AND ").join(conditions)), params

    def _literal(self, text: str):
        return "tsq", sql.SQL("%s::tsquery"), [text]

    def _word(self, node: q.Word):
        text, field_name = node.text, node.field
        if field_name == "source" or field_name in ENTITY_FIELDS:
            prefix = FIELD_PREFIX[field_name]  # type: ignore[index]
            own = quote_lexeme(prefix + text) + (":*" if node.prefix else "")
            if field_name == "source":
                return self._literal(own)
            self.alias_keys.append(fold(text))
            if node.prefix:  # not searched, but its body words are marked, as the local search marks them
                self._expansion(text, "")
            return self._with_alias(own, text, sql.Literal(prefix), bridge=False)
        weight = ":A" if field_name == "title" else ""
        if field_name is None:
            self.alias_keys.append(fold(text))
        if node.prefix:
            expansion = self._expansion(text, weight)
            if field_name is None:
                return self._bridged(expansion, text)
            return expansion
        parts = []
        term = stem(text)
        if term is not None:
            parts.append(quote_lexeme(term) + weight)
        if node.short and field_name is None:
            parts.append(quote_lexeme(TITLE_START + text))
        if not parts:
            return None
        own = " | ".join(parts)
        return self._bridged(self._literal(own), text) if field_name is None else self._literal(own)

    def _phrase(self, node: q.Phrase):
        if node.field == "source" or node.field in ENTITY_FIELDS:
            prefix = FIELD_PREFIX[node.field]  # type: ignore[index]
            own = " <-> ".join(quote_lexeme(prefix + w) for w in node.words)
            if node.field == "source":
                return self._literal(own)
            text = " ".join(node.words)
            self.alias_keys.append(fold(text))
            return self._with_alias(own, text, sql.Literal(prefix), bridge=False)
        weight = ":A" if node.field == "title" else ""
        stems = [s for s in map(stem, node.words) if s]
        if not stems:
            return None
        return self._literal(" <-> ".join(quote_lexeme(s) + weight for s in stems))

    def _with_alias(self, own: str, text: str, prefix: sql.Composable, *, bridge: bool):
        """OWN, or the words of the canonical name of the entity TEXT is a spelling of."""
        name = self._alias_phrase(prefix, bridge)
        return "tsq", sql.SQL("(%s::tsquery || coalesce({}, %s::tsquery))").format(name), [own, fold(text), own]

    def _bridged(self, clause, text: str):
        """A plain word that is one spelling of a person, place or organisation whose other
        spellings lack it: also the articles naming that entity (`aliases.bridge`)."""
        kind, expr, params = clause
        prefix = sql.SQL("(CASE al.type WHEN 'PERSON' THEN {} WHEN 'PLACE' THEN {} ELSE {} END)").format(
            *(sql.Literal(TYPE_PREFIX[t]) for t in ("PERSON", "PLACE", "ORG")))
        name = self._alias_phrase(prefix, bridge=True)
        return "tsq", sql.SQL("({0} || coalesce({1}, {0}))").format(expr, name), [*params, fold(text), *params]

    def _alias_phrase(self, prefix: sql.Composable, bridge: bool) -> sql.Composable:
        condition = sql.SQL(" AND al.bridge") if bridge else sql.SQL("")
        return sql.SQL(
            "(SELECT (SELECT string_agg(quote_literal({p} || w), ' <-> ' ORDER BY n) FROM unnest(al.name_words) WITH ORDINALITY u(w, n))::tsquery"
            " FROM {s}.aliases al WHERE al.key = %s{c})"
        ).format(p=prefix, s=self.s, c=condition)

    def _expansion(self, prefix: str, weight: str):
        """The stems the word being typed stands for, chosen on the server (a CTE)."""
        expr = sql.SQL("(SELECT coalesce(string_agg(quote_literal(stem) || %s, ' | '), %s)::tsquery FROM {})")
        if prefix in self.prefixes:  # compiled again for the rank: one CTE per word
            return "tsq", expr.format(sql.Identifier(f"x{self.prefixes.index(prefix)}")), [weight, NOTHING]
        name = sql.Identifier(f"x{len(self.prefixes)}")
        self.prefixes.append(prefix)
        self.ctes.append(sql.SQL(
            "{x} AS MATERIALIZED (SELECT stem FROM ("
            "SELECT st.stem, st.df, row_number() OVER w AS rn, sum(st.df) OVER w AS cum, first_value(st.df) OVER w AS top"
            " FROM (SELECT DISTINCT v.stem FROM {s}.vocabulary v WHERE v.word >= %s AND v.word < %s) d"
            " JOIN {s}.stems st ON st.stem = d.stem"
            " WINDOW w AS (ORDER BY st.df DESC, st.stem) ORDER BY st.df DESC, st.stem LIMIT {m}) r"
            " WHERE rn = 1 OR (cum <= {b} AND df * {r} >= top))"
        ).format(x=name, s=self.s, m=sql.Literal(MAX_EXPANSIONS), b=sql.Literal(POSTING_BUDGET), r=sql.Literal(RARE_SHARE)))
        self.cte_params += [prefix, prefix + "\uffff"]
        return "tsq", expr.format(name), [weight, NOTHING]


def _join(parts, operator: str, kind: str = "tsq"):
    exprs = [p[1] for p in parts]
    params = [value for p in parts for value in p[2]]
    if len(exprs) == 1:
        return kind, exprs[0], params
    return kind, sql.SQL("(") + sql.SQL(operator).join(exprs) + sql.SQL(")"), params


def _matches(clause):
    kind, expr, params = clause
    return "bool", sql.SQL("a.body @@ {}").format(expr), params


def _positive(node) -> list:
    """The clauses that can rank an article: everything not under a NOT, dates aside."""
    if isinstance(node, (q.And, q.Or)):
        return [leaf for child in node.nodes for leaf in _positive(child)]
    if isinstance(node, (q.Not, q.DateRange)):
        return []
    return [node]


def compile_query(parsed: q.ParsedQuery, schema: sql.Identifier) -> Compiled | None:
    """The WHERE and rank of a search, or None when nothing in the query can match."""
    compiler = _Compiler(schema)
    clause = compiler.node(parsed.root)
    if clause is None:
        return None
    where = _matches(clause) if clause[0] == "tsq" else clause
    ranked = compiler._or([compiler.node(leaf) for leaf in _positive(parsed.root)]) if clause[0] == "bool" else clause
    rank: sql.Composable
    if ranked is None:
        rank, rank_params = sql.SQL("0::real"), []
    else:
        rank = sql.SQL("ts_rank({w}, a.body, {q}, {n})").format(w=sql.Literal(RANK_WEIGHTS), q=ranked[1], n=sql.Literal(RANK_NORMALISATION))
        rank_params = ranked[2]
    terms: list[tuple[str, int]] = []
    prefixes: list[tuple[int, int]] = []
    name_prefixes: list[tuple[str, int]] = []
    aliases: list[tuple[str, int, bool]] = []
    for leaf in _positive(parsed.root):
        if isinstance(leaf, q.Word) and leaf.field is None:
            aliases.append((fold(leaf.text), 0, True))
        elif leaf.field in ENTITY_FIELDS:
            text = leaf.text if isinstance(leaf, q.Word) else " ".join(leaf.words)
            aliases.append((fold(text), SCORED_FIELDS.index(leaf.field) + 1, False))
        scored = SCORED_FIELDS.index(leaf.field or "body") + 1 if (leaf.field or "body") in SCORED_FIELDS else None
        if scored is None:
            continue
        if isinstance(leaf, q.Word) and leaf.field in (None, "title"):
            if leaf.prefix:
                prefixes.append((compiler.prefixes.index(leaf.text), scored))
            elif (term := stem(leaf.text)) is not None:
                terms.append((term, scored))
        elif isinstance(leaf, q.Phrase) and leaf.field in (None, "title"):
            terms += [(s, scored) for s in map(stem, leaf.words) if s]
        elif isinstance(leaf, q.Word) and leaf.prefix:  # a name field: every name word it starts
            name_prefixes.append((FIELD_PREFIX[leaf.field] + leaf.text, scored))  # type: ignore[index]
        elif isinstance(leaf, q.Word):
            terms.append((FIELD_PREFIX[leaf.field] + leaf.text, scored))  # type: ignore[index]
        elif isinstance(leaf, q.Phrase):
            terms += [(FIELD_PREFIX[leaf.field] + w, scored) for w in leaf.words]  # type: ignore[index]
    return Compiled(where[1], rank, where[2], rank_params, compiler.ctes, compiler.cte_params, compiler.prefixes,
                    terms, prefixes, name_prefixes, aliases, list(dict.fromkeys(compiler.alias_keys)))
