"""A dossier published into PostgreSQL, read through the core interface (`backends.protocol`).

Each method is one statement (compare: two), read in autocommit so that it sees the version
committed last, whole (`publish` writes in one transaction). Searches run on a connection of
their own so that `cancel` (the next keystroke) stops only them.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from psycopg import sql

from dossier_tui.backends.postgres import schema as tables
from dossier_tui.backends.postgres.connection import connect, describe
from dossier_tui.backends.postgres.failures import translated
from dossier_tui.backends.protocol import ArticleSummary, DossierInfo
from dossier_tui.model import Article, DossierError, Kind, Paragraph

if TYPE_CHECKING:
    from psycopg import Connection

    from dossier_tui.annotations.dossier_annotations import DossierAnnotations


class PostgresBackend:
    def __init__(self, url: str, name: str) -> None:
        self.url = url
        self._name = tables.check_name(name)
        self.schema = tables.schema_for(name)
        self.where = f"the database server ({describe(url)})"
        self.s = sql.Identifier(self.schema)
        self._conn = connect(url, autocommit=True)
        self._search_conn: Connection | None = None
        self._search_lock = threading.Lock()
        self._annotations: DossierAnnotations | None = None
        with translated(self.where):
            found = self._conn.execute(
                "SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = %s", (self.schema,)).fetchone()
        if found is None:
            self._conn.close()
            raise DossierError(f"no dossier named {name!r} in {describe(url)} (see `dossier dossiers --db ...`)")
        if not found[0]:
            self._conn.close()
            raise DossierError(f"no access to dossier {name!r} in {describe(url)}: its owner can give it with `dossier grant`")

    @property
    def name(self) -> str:
        return self._name

    def _rows(self, query: str, params=(), conn=None) -> list[tuple]:
        with translated(self.where):
            return (conn or self._conn).execute(sql.SQL(query).format(s=self.s), params).fetchall()

    def info(self) -> DossierInfo:
        row = self._rows("SELECT name, articles, version, published_at, entities, quotes FROM {s}.dossier")[0]
        return DossierInfo(row[0], row[1], row[2], row[3].isoformat() if row[3] else None, row[4], row[5])

    # -- articles -------------------------------------------------------------------------------

    def summaries(self) -> list[ArticleSummary]:
        return [ArticleSummary(*row) for row in self._rows(
            "SELECT id, title, display_source, date, url, author, paragraph_count, quote_count, shared_count"
            " FROM {s}.articles ORDER BY position")]

    def articles(self) -> list[Article]:
        rows = self._rows(
            "SELECT a.id, a.path, a.title, a.source, a.date, a.url, a.author, a.digest,"
            " (SELECT json_agg(json_build_array(p.index, p.kind, p.text, p.flow) ORDER BY p.index) FROM {s}.paragraphs p WHERE p.article_id = a.id)"
            " FROM {s}.articles a ORDER BY a.position")
        return [_article(row[:8], row[8] or []) for row in rows]

    def article(self, article_id: str) -> Article | None:
        rows = self._rows(
            "SELECT a.id, a.path, a.title, a.source, a.date, a.url, a.author, a.digest,"
            " (SELECT json_agg(json_build_array(p.index, p.kind, p.text, p.flow) ORDER BY p.index) FROM {s}.paragraphs p WHERE p.article_id = a.id)"
            " FROM {s}.articles a WHERE a.id = %s", (article_id,))
        return _article(rows[0][:8], rows[0][8] or []) if rows else None

    # -- search ---------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20):
        from dossier_tui.backends.postgres.search import run_search

        with self._search_lock:
            if self._search_conn is None:
                self._search_conn = connect(self.url, autocommit=True)
                # The BM25 sub-select's estimates are high: JIT compiling the plan costs 100+ ms a
                # keystroke for a statement that runs in a few.
                with translated(self.where):
                    self._search_conn.execute("SET jit = off")
            return run_search(self._search_conn, self.s, query, limit, self.where)

    def cancel(self) -> None:
        conn = self._search_conn
        if conn is not None and self._search_lock.locked():
            conn.cancel_safe(timeout=1.0)

    # -- analysis -------------------------------------------------------------------------------

    def entities(self):
        return self._entities("TRUE", ())

    def entity(self, name_or_alias: str):
        from dossier_tui.analysis.transliteration import fold

        found = self._entities("(e.type, e.name) IN (SELECT type, name FROM {s}.aliases WHERE key = %s)", (fold(name_or_alias),))
        return found[0] if found else None

    def _entities(self, where: str, params):
        from dossier_tui.analysis.records import Entity, EntityType, Mention

        rows = self._rows(
            "SELECT e.type, e.name, e.aliases, e.count, e.articles,"
            " (SELECT json_agg(json_build_array(m.article_id, m.paragraph, m.start_offset, m.end_offset, m.surface, m.role)"
            "   ORDER BY a.position, m.position) FROM {s}.mentions m JOIN {s}.articles a ON a.id = m.article_id"
            "   WHERE m.type = e.type AND m.entity = e.name)"
            " FROM {s}.entities e WHERE " + where + " ORDER BY e.position", params)
        out = []
        for kind, name, aliases, count, articles, mentions in rows:
            entity_type = EntityType(kind)
            out.append(Entity(name, entity_type, aliases, count, articles,
                              [Mention(m[0], m[1], m[2], m[3], m[4], name, entity_type, m[5]) for m in mentions or []]))
        return out

    def quotes(self, article_id: str | None = None):
        from dossier_tui.analysis.records import Quote, Span

        where, params = ("WHERE q.article_id = %s", (article_id,)) if article_id is not None else ("", ())
        rows = self._rows(
            "SELECT q.article_id, q.paragraph, q.start_offset, q.end_offset, q.text, q.speaker, q.cue, q.kind, q.spans"
            " FROM {s}.quotes q JOIN {s}.articles a ON a.id = q.article_id " + where + " ORDER BY a.position, q.position", params)
        return [
            Quote(aid, paragraph, start, end, text, speaker, cue, kind, [Span(s["paragraph"], s["start"], s["end"]) for s in spans])
            for aid, paragraph, start, end, text, speaker, cue, kind, spans in rows
        ]

    def quote_clusters(self):
        from dossier_tui.related import QuoteCluster, QuoteMember

        return [
            QuoteCluster(d["text"], [QuoteMember(**m) for m in d["members"]], d["sources"], d["speakers"], d["conflict"], d["first"])
            for (d,) in self._rows("SELECT data FROM {s}.quote_clusters ORDER BY position")
        ]

    # -- related passages -----------------------------------------------------------------------

    def _links_row(self, article_id: str, paragraph: int):
        rows = self._rows(
            "SELECT a.paragraph_count, l.links, l.corroboration FROM {s}.articles a"
            " LEFT JOIN {s}.links l ON l.article_id = a.id AND l.paragraph = %s WHERE a.id = %s", (paragraph, article_id))
        if not rows:
            raise DossierError(f"no article with id {article_id!r} (see `dossier list`)")
        count, links, corroboration = rows[0]
        if not 0 <= paragraph < count:
            raise DossierError(f"{article_id} has no paragraph {paragraph} (it has 0 to {count - 1})")
        return links or [], corroboration

    def related(self, article_id: str, paragraph: int, limit: int = 10):
        from dossier_tui.related import Link

        links, _ = self._links_row(article_id, paragraph)
        return [
            Link(d["id"], d["paragraph"], d["score"], d["kind"], d["text"], d["title"], d["source"],
                 [(r["start"], r["end"]) for r in d["shared"]], [(r["start"], r["end"]) for r in d["own_shared"]])
            for d in links[:limit]
        ]

    def corroboration(self, article_id: str, paragraph: int):
        from dossier_tui.related import Corroboration

        _, found = self._links_row(article_id, paragraph)
        return Corroboration(found["sources"], found["first"]) if found else Corroboration([], None)

    def compare(self, id_a: str, id_b: str):
        """Aligned by the same code as the local backend, from the two articles, their mentions
        and the passage frequencies of their words."""
        from dossier_tui.related.compare import align
        from dossier_tui.related.normalise import term
        from dossier_tui.related.passages import article_passages

        articles = []
        for article_id in (id_a, id_b):
            article = self.article(article_id)
            if article is None:
                raise DossierError(f"no article with id {article_id!r} (see `dossier list`)")
            articles.append(article)
        mentions = {
            aid: [(m[1], m[2], m[3], m[4]) for m in rows if m[0] == aid]
            for aid, rows in [(a.id, self._rows(
                "SELECT article_id, paragraph, start_offset, end_offset, entity FROM {s}.mentions WHERE article_id = %s ORDER BY position",
                (a.id,))) for a in articles]
        }
        passages = [article_passages(a) for a in articles]
        terms = sorted({t for group in passages for p in group for t in map(term, p.texts) if t is not None})
        df = dict(self._rows("SELECT term, df FROM {s}.passage_terms WHERE term = ANY(%s)", (terms,)))
        count = self._rows("SELECT passage_count FROM {s}.dossier")[0][0]
        a, b = articles
        return align(a, b, passages[0], passages[1], mentions[a.id], mentions[b.id], df, count)

    # -- annotations ----------------------------------------------------------------------------

    def annotations(self):
        """The team's annotations (`shared_annotations`), placed in the published text: on their
        own connection, which they reopen after a cut; changes made while the server is away
        wait in an outbox (the author's display name: $DOSSIER_AUTHOR)."""
        if self._annotations is None:
            import os

            from dossier_tui.annotations.dossier_annotations import DossierAnnotations
            from dossier_tui.backends.postgres.outbox import Outbox, outbox_path
            from dossier_tui.backends.postgres.shared_annotations import SharedAnnotationStore
            from dossier_tui.model import Dossier

            store = SharedAnnotationStore(
                lambda: connect(self.url, autocommit=True), self.schema, Outbox(outbox_path(describe(self.url), self._name)),
                author_name=" ".join(os.environ.get("DOSSIER_AUTHOR", "").split()), where=self.where,
            )
            self._annotations = DossierAnnotations(Dossier(self._name, self.articles()), store=store)
        return self._annotations

    def close(self) -> None:
        for conn in (self._conn, self._search_conn):
            if conn is not None:
                conn.close()


def _article(row, paragraphs) -> Article:
    article_id, path, title, source, date, url, author, digest = row
    return Article(article_id, path, title, source, date, url, author,
                   [Paragraph(p[0], Kind(p[1]), p[2], p[3]) for p in paragraphs], digest)


def published(url: str) -> list[DossierInfo]:
    """The dossiers of the database that the connected role can read, by name."""
    conn = connect(url, autocommit=True)
    where = f"the database server ({describe(url)})"
    try:
        with translated(where):
            schemas = [row[0] for row in conn.execute(
                "SELECT n.nspname FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = 'dossier'"
                " WHERE n.nspname LIKE %s AND has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT')"
                " ORDER BY n.nspname", (tables.SCHEMA_PREFIX.replace("_", "\\_") + "%",))]
            if not schemas:
                return []
            union = sql.SQL(" UNION ALL ").join(
                sql.SQL("SELECT name, articles, version, published_at, entities, quotes FROM {}.dossier").format(sql.Identifier(s))
                for s in schemas)
            rows = conn.execute(sql.SQL("SELECT * FROM ({}) d ORDER BY name").format(union)).fetchall()
    finally:
        conn.close()
    return [DossierInfo(r[0], r[1], r[2], r[3].isoformat() if r[3] else None, r[4], r[5]) for r in rows]

