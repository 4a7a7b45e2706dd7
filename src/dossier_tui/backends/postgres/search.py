"""One search, one round trip: the hits, their count, and what marking their matched words needs
(their paragraphs that have a word to mark, the mentions of the entities the query names, the
stems the word being typed stood for), all from one statement; the offsets are then computed by the same code as the local
search (`index.highlights`), so the JSON is the local `dossier search`'s."""

from __future__ import annotations

from psycopg import errors, sql

from dossier_tui.analysis.records import EntityType, Mention
from dossier_tui.analysis.transliteration import fold
from dossier_tui.backends.postgres.failures import translated
from dossier_tui.backends.postgres.query import compile_query
from dossier_tui.backends.postgres.rows import CHAMPIONS
from dossier_tui.backends.postgres.schema import FIELD_PREFIX, SCORED_FIELDS
from dossier_tui.index import highlights
from dossier_tui.index import query_parser as q
from dossier_tui.index.results import Hit, SearchResult
from dossier_tui.model import Article, Kind, Paragraph

# How many matches are counted exactly; past it, the result says "more than".
COUNT_CAP = 1000
# Up to SMALL matches, every match is a candidate; past it, the champions of the query's terms
# (`rows.CHAMPIONS` per frequent term, schema.py) and the articles of its rare terms are.
SMALL = 200
CANDIDATES = 200  # of the candidates, those BM25 ranks: the best by ts_rank
K1, B = 1.2, 0.75
# A term's frequency in an article without unnesting its vector: for one lexeme, weights all 1
# and no normalisation, ts_rank is H2(tf) / zeta(2) (H2: the sum of 1/j^2 for j <= tf), which
# 1 / (zeta(2) * (1 - rank)) - 1/2 inverts to within 0.01 up to PostgreSQL's 256 positions.
# With weights {0,0,0,1}, the same counts the title's (weight A) positions, which come first.
ZETA_2 = 1.6449340668

_STATEMENT = """
WITH {ctes}
terms AS MATERIALIZED (
 SELECT r.lexeme, r.field, st.df, ln(d.articles::float8 / (st.df + 1)) + 1 AS idf, quote_literal(r.lexeme)::tsquery AS q,
  (CASE WHEN r.field = 2 THEN '{{0, 0, 0, 1}}' ELSE '{{1, 1, 1, 1}}' END)::float4[] AS weights
 FROM (SELECT * FROM unnest(%s::text[], %s::int[]) AS r(lexeme, field){expanded}) r
 JOIN {s}.stems st ON st.stem = r.lexeme CROSS JOIN {s}.dossier d),
counted AS MATERIALIZED (SELECT count(*) AS n FROM (SELECT 1 FROM {s}.articles a WHERE {where} LIMIT {cap}) x),
pool AS MATERIALIZED (
 -- (the LIMIT keeps the planner from hashing the whole table: one index scan per term)
 SELECT i.article_id AS id FROM terms t CROSS JOIN LATERAL (SELECT article_id FROM {s}.impacts WHERE term = t.lexeme LIMIT {champions}) i
  WHERE (SELECT n FROM counted) > {small} AND t.df > {champions}
 UNION
 SELECT a.id FROM {s}.articles a WHERE (SELECT n FROM counted) > {small}
  AND a.body @@ (SELECT coalesce(string_agg(DISTINCT quote_literal(lexeme), ' | '), quote_literal('!'))::tsquery
                 FROM terms WHERE df <= {champions})),
candidates AS MATERIALIZED (
 (SELECT a.id, a.position, a.body, a.lengths, {rank} AS pre FROM {s}.articles a WHERE (SELECT n FROM counted) <= {small} AND {where})
 UNION ALL
 (SELECT a.id, a.position, a.body, a.lengths, {rank} AS pre FROM {s}.articles a WHERE a.id IN (SELECT id FROM pool) AND {where})),
best AS (SELECT * FROM candidates ORDER BY pre DESC, position LIMIT {candidates}),
scored AS MATERIALIZED (
 SELECT c.id, c.position, c.pre, coalesce((
   SELECT sum(t.idf * f.tf * ({k1} + 1) / (f.tf + {k1} * (1 - {b} + {b} * c.lengths[t.field] / d.average_lengths[t.field])))
   FROM terms t CROSS JOIN LATERAL (SELECT round(1 / ({zeta} * (1 - ts_rank(t.weights, c.body, t.q, 0))) - 0.5) AS tf) f
   WHERE f.tf > 0), 0) AS score
 FROM best c, {s}.dossier d),
filler AS (
 SELECT a.id, a.position, 0::real AS pre, 0::float8 AS score FROM {s}.articles a
 WHERE (SELECT count(*) FROM scored) < %s AND (SELECT n FROM counted) > {small} AND a.id NOT IN (SELECT id FROM scored) AND {where}
 ORDER BY a.position LIMIT %s),
top AS (
 SELECT id, position, score FROM (SELECT id, position, pre, score, 0 AS tier FROM scored UNION ALL SELECT id, position, pre, score, 1 FROM filler) u
 ORDER BY tier, score DESC, pre DESC, position LIMIT %s)
SELECT
 (SELECT n FROM counted),
 (SELECT json_agg(json_build_array(a.id, a.path, a.title, a.source, a.date, a.url, a.author, a.digest, t.score) ORDER BY t.score DESC, t.position)
   FROM top t JOIN {s}.articles a ON a.id = t.id),
 (SELECT json_agg(json_build_array(p.article_id, p.index, p.kind, p.text, p.flow) ORDER BY p.article_id, p.index)
   FROM {s}.paragraphs p WHERE p.article_id IN (SELECT id FROM top) AND (
    p.stems @@ (SELECT coalesce(string_agg(quote_literal(w), ' | '), quote_literal('!'))::tsquery FROM (SELECT unnest(%s::text[]) AS w{marked}) z)
    OR p.index = (SELECT min(f.index) FROM {s}.paragraphs f WHERE f.article_id = p.article_id AND f.kind = 'body')
    OR EXISTS (SELECT 1 FROM {s}.mentions m WHERE m.article_id = p.article_id AND m.paragraph = p.index
               AND m.entity IN (SELECT name FROM {s}.aliases WHERE key = ANY(%s))))),
 (SELECT json_agg(json_build_array(m.article_id, m.paragraph, m.start_offset, m.end_offset, m.surface, m.entity, m.type) ORDER BY m.article_id, m.position)
   FROM {s}.mentions m WHERE m.article_id IN (SELECT id FROM top)
   AND m.entity IN (SELECT name FROM {s}.aliases WHERE key = ANY(%s))),
 (SELECT json_object_agg(key, name) FROM {s}.aliases WHERE key = ANY(%s)),
 json_build_array({expansions})
"""


class _Named:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class _Lookup:
    """What `highlights.plan` and `highlights.mark` ask an analysis, answered from the statement."""

    def __init__(self, names: dict[str, str], mentions: dict[str, list[Mention]]) -> None:
        self._names, self._mentions = names, mentions

    def entity(self, text: str) -> _Named | None:
        name = self._names.get(fold(text))
        return _Named(name) if name is not None else None

    def mentions_in(self, article_id: str) -> list[Mention]:
        return self._mentions.get(article_id, [])


def _alias_terms(schema: sql.Identifier, key: str, field: int, bridge: bool) -> sql.Composable:
    """The words of the canonical name KEY spells, in its field, as terms BM25 scores."""
    prefix: sql.Composable
    number: sql.Composable
    if field:
        prefix, number = sql.Literal(FIELD_PREFIX[SCORED_FIELDS[field - 1]]), sql.Literal(field)
    else:
        prefix = sql.SQL("(CASE al.type WHEN 'PERSON' THEN {} WHEN 'PLACE' THEN {} ELSE {} END)").format(
            *(sql.Literal(FIELD_PREFIX[f]) for f in ("person", "place", "org")))
        number = sql.SQL("(CASE al.type WHEN 'PERSON' THEN {} WHEN 'PLACE' THEN {} ELSE {} END)").format(
            *(sql.Literal(SCORED_FIELDS.index(f) + 1) for f in ("person", "place", "org")))
    return sql.SQL(" UNION SELECT {} || w, {} FROM {}.aliases al, unnest(al.name_words) w WHERE al.key = {}{}").format(
        prefix, number, schema, sql.Literal(key), sql.SQL(" AND al.bridge") if bridge else sql.SQL(""))


def run_search(conn, schema: sql.Identifier, text: str, limit: int, where: str) -> SearchResult:
    parsed = q.parse(text)
    compiled = compile_query(parsed, schema) if parsed.root is not None else None
    if compiled is None:
        return SearchResult([], parsed.notice, 0)
    expansions = sql.SQL(", ").join(
        sql.SQL("(SELECT coalesce(json_agg(stem), '[]') FROM {})").format(sql.Identifier(f"x{n}"))
        for n in range(len(compiled.prefixes))
    )
    expanded = sql.SQL("").join([
        *(sql.SQL(" UNION SELECT stem, {} FROM {}").format(sql.Literal(field), sql.Identifier(f"x{n}")) for n, field in compiled.rank_prefixes),
        *(sql.SQL(" UNION SELECT stem, {} FROM {}.stems WHERE stem >= {} AND stem < {}").format(
            sql.Literal(field), schema, sql.Literal(prefix), sql.Literal(prefix + "\uffff")) for prefix, field in compiled.rank_name_prefixes),
        *(_alias_terms(schema, key, field, bridge) for key, field, bridge in compiled.rank_aliases),
    ])
    # Only the paragraphs with a word to mark, one the query names, or the first (the snippet
    # of an article matched by its metadata alone) are sent.
    typed = sql.SQL("").join(sql.SQL(" UNION SELECT stem FROM {}").format(sql.Identifier(f"x{n}")) for n in range(len(compiled.prefixes)))
    words = [t for t, _ in compiled.rank_terms if ":" not in t]
    statement = sql.SQL(_STATEMENT).format(marked=typed,
        ctes=sql.SQL("").join(cte + sql.SQL(",\n") for cte in compiled.ctes), expanded=expanded,
        rank=compiled.rank, s=schema, where=compiled.where, expansions=expansions, candidates=sql.Literal(CANDIDATES),
        k1=sql.Literal(K1), b=sql.Literal(B), zeta=sql.Literal(ZETA_2), cap=sql.Literal(COUNT_CAP), small=sql.Literal(SMALL),
        champions=sql.Literal(CHAMPIONS),
    )
    where_params, rank_params = compiled.where_params, compiled.rank_params
    params = [*compiled.cte_params, [t for t, _ in compiled.rank_terms], [f for _, f in compiled.rank_terms], *where_params,
              *rank_params, *where_params, *rank_params, *where_params, limit, *where_params, limit, limit,
              words, compiled.alias_keys, compiled.alias_keys, compiled.alias_keys]
    with translated(where):
        try:
            row = conn.execute(statement, params).fetchone()
        except errors.QueryCanceled as error:
            if "user request" not in (error.diag.message_primary or ""):
                raise  # statement_timeout: said as such by `translated`
            return SearchResult([], parsed.notice, 0)  # cancelled by the next keystroke: stale, dropped
    total, hits, paragraphs, mentions, names, expanded = row
    by_article: dict[str, list[Paragraph]] = {}
    for article_id, index, kind, body, flow in paragraphs or []:
        by_article.setdefault(article_id, []).append(Paragraph(index, Kind(kind), body, flow))
    mentioned: dict[str, list[Mention]] = {}
    for article_id, paragraph, start, end, surface, entity, kind in mentions or []:
        mentioned.setdefault(article_id, []).append(Mention(article_id, paragraph, start, end, surface, entity, EntityType(kind)))
    lookup = _Lookup(names or {}, mentioned)
    stems = dict(zip(compiled.prefixes, expanded))
    marks = highlights.plan(parsed, lambda prefix: stems.get(prefix, []), lookup)
    found = []
    for article_id, path, title, source, date, url, author, digest, score in hits or []:
        article = Article(article_id, path, title, source, date, url, author, by_article.get(article_id, []), digest)
        marked = highlights.mark(article, marks, lookup)
        found.append(Hit(article_id, title, source, date, float(score), highlights.snippet(article, marked), marked))
    notice = parsed.notice
    if total >= COUNT_CAP:
        more = f"more than {COUNT_CAP:,} articles match: the best are shown"
        notice = f"{notice}; {more}" if notice else more
    return SearchResult(found, notice, total)
