"""One search, one round trip: the hits, their count, and what marking their matched words needs
(their paragraphs, the mentions of the entities the query names, the stems the word being typed
stood for), all from one statement; the offsets are then computed by the same code as the local
search (`index.highlights`), so the JSON is the local `dossier search`'s."""

from __future__ import annotations

from psycopg import errors, sql

from dossier_tui.analysis.records import EntityType, Mention
from dossier_tui.analysis.transliteration import fold
from dossier_tui.backends.postgres.failures import translated
from dossier_tui.backends.postgres.query import compile_query
from dossier_tui.backends.postgres.schema import FIELD_PREFIX, SCORED_FIELDS
from dossier_tui.index import highlights
from dossier_tui.index import query_parser as q
from dossier_tui.index.results import Hit, SearchResult
from dossier_tui.model import Article, Kind, Paragraph

# Articles ranked by BM25 among the best by ts_rank (query.py says why).
CANDIDATES = 200
K1, B = 1.2, 0.75

_STATEMENT = """
WITH {ctes}
terms AS MATERIALIZED (
 SELECT r.lexeme, r.field, ln(d.articles::float8 / (st.df + 1)) + 1 AS idf
 FROM (SELECT * FROM unnest(%s::text[], %s::int[]) AS r(lexeme, field){expanded}) r
 JOIN {s}.stems st ON st.stem = r.lexeme CROSS JOIN {s}.dossier d),
matched AS (SELECT a.id, a.position, a.body, a.lengths, {rank} AS pre FROM {s}.articles a WHERE {where}),
candidates AS (SELECT * FROM matched ORDER BY pre DESC, position LIMIT {candidates}),
top AS (
 SELECT c.id, c.position, coalesce((
   SELECT sum(t.idf * f.tf * ({k1} + 1) / (f.tf + {k1} * (1 - {b} + {b} * c.lengths[t.field] / d.average_lengths[t.field])))
   FROM unnest(c.body) u JOIN terms t ON t.lexeme = u.lexeme
   CROSS JOIN LATERAL (SELECT CASE WHEN t.field = 2 THEN (SELECT count(*) FROM unnest(u.weights) w WHERE w = 'A')
                       ELSE cardinality(u.positions) END AS tf) f), 0) AS score
 FROM candidates c, {s}.dossier d ORDER BY score DESC, c.pre DESC, c.position LIMIT %s)
SELECT
 (SELECT count(*) FROM matched),
 (SELECT json_agg(json_build_array(a.id, a.path, a.title, a.source, a.date, a.url, a.author, a.digest, t.score) ORDER BY t.score DESC, t.position)
   FROM top t JOIN {s}.articles a ON a.id = t.id),
 (SELECT json_agg(json_build_array(p.article_id, p.index, p.kind, p.text, p.flow) ORDER BY p.article_id, p.index)
   FROM {s}.paragraphs p WHERE p.article_id IN (SELECT id FROM top)),
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
    statement = sql.SQL(_STATEMENT).format(
        ctes=sql.SQL("").join(cte + sql.SQL(",\n") for cte in compiled.ctes), expanded=expanded,
        rank=compiled.rank, s=schema, where=compiled.where, expansions=expansions, candidates=sql.Literal(CANDIDATES),
        k1=sql.Literal(K1), b=sql.Literal(B),
    )
    params = [*compiled.cte_params, [t for t, _ in compiled.rank_terms], [f for _, f in compiled.rank_terms], *compiled.rank_params, *compiled.where_params, limit, compiled.alias_keys, compiled.alias_keys]
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
    return SearchResult(found, parsed.notice, total)
