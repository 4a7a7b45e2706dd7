"""`dossier publish FOLDER --db URL`: the local pipeline's results written into the dossier's schema.

Only what changed is written: every row's content digest (`rows.py`) is compared with the one in
the database. Readers never see a half-published dossier: everything is written in one
transaction, so until COMMIT every reader's snapshot shows the previous version, and after it the
new one (PostgreSQL's MVCC; no reader waits for the publisher). One publisher at a time per
dossier: a session advisory lock keyed on the schema, taken without waiting; a second publisher is
told who holds it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from psycopg import sql
from psycopg.types.json import Jsonb

from dossier_tui.backends.postgres import schema as tables
from dossier_tui.backends.postgres.connection import connect, describe
from dossier_tui.backends.postgres.failures import translated
from dossier_tui.backends.postgres.rows import Rows, build_rows, publish_stamp
from dossier_tui.model import DossierError

# The first key of our advisory locks ("dstr"), so they cannot collide with another application's.
LOCK_SPACE = 0x64737472


@dataclass(slots=True)
class PublishReport:
    name: str
    version: int
    articles: int
    added: int
    changed: int
    deleted: int
    rows_written: int
    seconds: float

    @property
    def unchanged(self) -> bool:
        return self.rows_written == 0

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


def default_name(folder: str | Path) -> str:
    """A published name from the folder's name: `News Articles` -> `news-articles`."""
    name = re.sub(r"[^a-z0-9_-]+", "-", Path(folder).resolve().name.lower()).strip("-_")[:47]
    if not name:
        raise DossierError(f"cannot make a dossier name from {str(folder)!r}: give one with --name")
    return name


def publish(folder: str | Path, url: str, name: str | None = None, *, follow_links: bool = False,
            on_progress: Callable[[str, int, int], None] | None = None,
            on_notice: Callable[[str], None] | None = None) -> PublishReport:
    from dossier_tui.pipeline import Workspace

    name = tables.check_name(name if name is not None else default_name(folder))
    if not Path(folder).is_dir():
        raise DossierError(f"{folder}: not a dossier folder")
    started = time.monotonic()
    workspace = Workspace(folder, follow_links=follow_links, on_notice=on_notice).open_all(on_progress)
    stamp = publish_stamp(workspace)
    where = f"the database server ({describe(url)})"
    conn = connect(url)
    try:
        with translated(where):
            schema = tables.schema_for(name)
            _lock(conn, schema, name)
            published = _published_stamp(conn, schema)
            if published is not None and published[0] == stamp:
                return PublishReport(name, published[1], published[2], 0, 0, 0, 0, time.monotonic() - started)
            rows = build_rows(workspace, on_progress)
            with conn.transaction():
                report = _write(conn, name, schema, rows, str(Path(folder).resolve()), stamp)
            report.seconds = time.monotonic() - started
            if not report.unchanged:
                conn.execute(sql.SQL("UPDATE {}.versions SET seconds = %s WHERE version = %s").format(sql.Identifier(schema)),
                             (report.seconds, report.version))
                conn.commit()
        return report
    finally:
        conn.close()  # also releases the advisory lock


def _lock(conn, schema: str, name: str) -> None:
    key = conn.execute("SELECT hashtext(%s)", (schema,)).fetchone()[0]
    if conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_SPACE, key)).fetchone()[0]:
        conn.commit()
        return
    holder = conn.execute(
        "SELECT a.usename, a.pid FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
        "WHERE l.locktype = 'advisory' AND l.classid = %s::bigint::oid AND l.objid = (%s::bigint & 4294967295)::oid "
        "AND l.objsubid = 2 AND l.granted",
        (LOCK_SPACE, key),
    ).fetchone()
    who = f" by {holder[0]} (server process {holder[1]})" if holder else ""
    raise DossierError(f"dossier {name!r} is being published{who}; try again when that publish has finished")


def _published_stamp(conn, schema: str) -> tuple[str, int, int] | None:
    """(stamp, version, articles) of the published version, None when there is none to compare."""
    if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is None:
        conn.commit()
        return None
    row = conn.execute(sql.SQL("SELECT inputs->>'stamp', version, articles, schema_version FROM {}.dossier").format(sql.Identifier(schema))).fetchone()
    conn.commit()
    if row is None or row[3] != tables.SCHEMA_VERSION or row[0] is None:
        return None
    return row[0], row[1], row[2]


def _write(conn, name: str, schema: str, rows: Rows, root: str, stamp: str) -> PublishReport:
    s = sql.Identifier(schema)
    found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
    if found is None:
        tables.create(conn, name)
    else:
        version = conn.execute(sql.SQL("SELECT schema_version FROM {}.dossier").format(s)).fetchone()[0]
        if version != tables.SCHEMA_VERSION:
            raise DossierError(f"dossier {name!r} was published by another version of dossier-tui (tables v{version}, "
                               f"this one writes v{tables.SCHEMA_VERSION}): drop schema {schema} and publish again")
    writer = _Writer(conn, s)
    existing = {r[0]: (r[1], r[2]) for r in conn.execute(sql.SQL("SELECT id, position, hash FROM {}.articles").format(s))}
    added = sum(1 for key in rows.articles if key not in existing)
    deleted = sum(1 for key in existing if key not in rows.articles)
    parts = {r[0]: (r[1], r[2]) for r in conn.execute(sql.SQL("SELECT article_id, paragraphs_hash, analysis_hash FROM {}.article_parts").format(s))}
    changed = sum(
        1 for key, row in rows.articles.items()
        if key in existing and (existing[key][1] != row[-1] or parts.get(key) != (rows.paragraphs[key][1], rows.analysis[key][2]))
    )
    # Articles, with their list position (kept out of the digest, updated on its own).
    writer.sync("articles", ("id",), ("text",), {k: (k, rows.positions[k], *row[1:]) for k, row in rows.articles.items()},
                {k: v[1] for k, v in existing.items()},
                ("id", "position", "path", "title", "source", "display_source", "date", "url", "author", "digest",
                 "paragraph_count", "quote_count", "shared_count", "body", "lengths", "hash"))
    writer.positions("articles", "id", {k: v[0] for k, v in existing.items()}, rows.positions)
    # Paragraphs, mentions and quotes: replaced per article when their digest changed.
    new_paragraphs = [k for k in rows.articles if parts.get(k, ("", ""))[0] != rows.paragraphs[k][1]]
    new_analysis = [k for k in rows.articles if parts.get(k, ("", ""))[1] != rows.analysis[k][2]]
    gone = [k for k in parts if k not in rows.articles]
    writer.replace("paragraphs", [*new_paragraphs, *gone], ("article_id", "index", "kind", "text", "flow", "stems"),
                   [row for k in new_paragraphs for row in rows.paragraphs[k][0]])
    writer.replace("mentions", [*new_analysis, *gone],
                   ("article_id", "position", "paragraph", "start_offset", "end_offset", "surface", "entity", "type", "role"),
                   [row for k in new_analysis for row in rows.analysis[k][0]])
    writer.replace("quotes", [*new_analysis, *gone],
                   ("article_id", "position", "paragraph", "start_offset", "end_offset", "text", "speaker", "cue", "kind", "spans"),
                   [row for k in new_analysis for row in rows.analysis[k][1]])
    part_rows = {k: (k, rows.paragraphs[k][1], rows.analysis[k][2]) for k in rows.articles}
    writer.sync("article_parts", ("article_id",), ("text",), {k: (*row, row[1] + row[2]) for k, row in part_rows.items()},
                {k: v[0] + v[1] for k, v in parts.items()}, ("article_id", "paragraphs_hash", "analysis_hash"), hashed=False)
    # Dossier-wide tables.
    entity_existing = {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(sql.SQL("SELECT type, name, position, hash FROM {}.entities").format(s))}
    writer.sync("entities", ("type", "name"), ("text", "text"),
                {k: (*row[:2], rows.entity_positions[k], *row[2:]) for k, row in rows.entities.items()},
                {k: v[1] for k, v in entity_existing.items()}, ("type", "name", "position", "count", "aliases", "articles", "hash"))
    writer.positions("entities", ("type", "name"), {k: v[0] for k, v in entity_existing.items()}, rows.entity_positions)
    writer.sync_hashed("aliases", ("key",), ("text",), rows.aliases, ("key", "type", "name", "name_words", "bridge", "hash"))
    writer.sync_hashed("links", ("article_id", "paragraph"), ("text", "integer"), rows.links,
                       ("article_id", "paragraph", "links", "corroboration", "hash"))
    writer.sync_hashed("quote_clusters", ("position",), ("integer",), rows.clusters, ("position", "data", "hash"))
    writer.sync_values("passage_terms", "term", "df", rows.passage_terms)
    writer.sync_values("vocabulary", "word", "stem", rows.vocabulary)
    writer.sync_values("stems", "stem", "df", rows.stems)
    writer.sync("impacts", ("term", "article_id"), ("text", "text"), rows.impacts,
                {(r[0], r[1]): f"{r[2]}:{r[3]}" for r in conn.execute(sql.SQL("SELECT term, article_id, tf, length FROM {}.impacts").format(s))},
                ("term", "article_id", "tf", "length"), hashed=False)
    version = conn.execute(sql.SQL("SELECT version FROM {}.dossier").format(s)).fetchone()[0]
    if writer.written:
        version += 1
        conn.execute(
            sql.SQL("UPDATE {}.dossier SET version = %s, published_at = now(), publisher = current_user, root = %s, "
                    "articles = %s, entities = %s, quotes = %s, passage_count = %s, average_lengths = %s, inputs = %s").format(s),
            (version, root, rows.counts["articles"], rows.counts["entities"], rows.counts["quotes"], rows.passage_count,
             rows.average_lengths, Jsonb({"stamp": stamp})),
        )
        conn.execute(
            sql.SQL("INSERT INTO {}.versions (version, added, changed, deleted, rows_written, seconds) VALUES (%s, %s, %s, %s, %s, 0)").format(s),
            (version, added, changed, deleted, writer.written),
        )
    else:  # the same rows from other inputs (a code change): the next publish need not rebuild them
        conn.execute(sql.SQL("UPDATE {}.dossier SET inputs = %s").format(s), (Jsonb({"stamp": stamp}),))
    return PublishReport(name, version, rows.counts["articles"], added, changed, deleted, writer.written, 0.0)


class _Writer:
    """Deletes and COPYs rows of one schema's tables, counting the rows written."""

    def __init__(self, conn, schema: sql.Identifier) -> None:
        self.conn, self.s, self.written = conn, schema, 0

    def sync_hashed(self, table: str, keys: Sequence[str], types: Sequence[str], new: dict, columns: Sequence[str]) -> None:
        key_list = sql.SQL(", ").join(map(sql.Identifier, keys))
        query = sql.SQL("SELECT {}, hash FROM {}.{}").format(key_list, self.s, sql.Identifier(table))
        existing = {(r[:-1] if len(keys) > 1 else r[0]): r[-1] for r in self.conn.execute(query)}
        self.sync(table, keys, types, new, existing, columns)

    def sync_values(self, table: str, key: str, value: str, new: dict) -> None:
        """A two-column table whose value is its own digest."""
        query = sql.SQL("SELECT {}, {} FROM {}.{}").format(sql.Identifier(key), sql.Identifier(value), self.s, sql.Identifier(table))
        existing = {r[0]: r[1] for r in self.conn.execute(query)}
        self.sync(table, (key,), ("text",), {k: (*row, row[1]) for k, row in new.items()}, existing, (key, value), hashed=False)

    def sync(self, table: str, keys: Sequence[str], types: Sequence[str], new: dict, existing: dict, columns: Sequence[str],
             hashed: bool = True) -> None:
        """Make TABLE hold the rows of NEW (key -> row, its digest last): rows whose key is gone or
        whose digest changed are deleted, new and changed ones copied in. Without `hashed`, the
        digest ending each row is not a column of the table."""
        stale = [k for k, h in existing.items() if k not in new or new[k][-1] != h]
        fresh = [row if hashed else row[:-1] for k, row in new.items() if existing.get(k) != row[-1]]
        self.delete(table, keys, types, stale)
        self.copy(table, columns, fresh)

    def delete(self, table: str, keys: Sequence[str], types: Sequence[str], stale: list) -> None:
        if not stale:
            return
        columns = [list(column) for column in zip(*stale)] if len(keys) > 1 else [stale]
        unnest = sql.SQL(", ").join(sql.SQL("%s::{}[]").format(sql.SQL(t)) for t in types)
        names = sql.SQL(", ").join(map(sql.Identifier, keys))
        self.conn.execute(
            sql.SQL("DELETE FROM {s}.{t} WHERE ({k}) IN (SELECT * FROM unnest({u}))").format(s=self.s, t=sql.Identifier(table), k=names, u=unnest),
            columns,
        )
        self.written += len(stale)

    def replace(self, table: str, article_ids: list[str], columns: Sequence[str], new: list[tuple]) -> None:
        """The rows of these articles, replaced by NEW."""
        if article_ids:
            self.conn.execute(sql.SQL("DELETE FROM {}.{} WHERE article_id = ANY(%s)").format(self.s, sql.Identifier(table)), (article_ids,))
        self.written += len(article_ids)
        self.copy(table, columns, new)

    def copy(self, table: str, columns: Sequence[str], new: list[tuple]) -> None:
        if not new:
            return
        statement = sql.SQL("COPY {}.{} ({}) FROM STDIN").format(self.s, sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
        with self.conn.cursor().copy(statement) as copy:
            for row in new:
                copy.write_row(row)
        self.written += len(new)

    def positions(self, table: str, key: str | tuple[str, ...], old: dict, new: dict) -> None:
        """Set the list positions that moved (rows just copied in already have theirs)."""
        moved = [(k, p) for k, p in new.items() if k in old and old[k] != p]
        if not moved:
            return
        keys = (key,) if isinstance(key, str) else key
        columns = [[k[i] if len(keys) > 1 else k for k, _ in moved] for i in range(len(keys))]
        join = sql.SQL(" AND ").join(sql.SQL("t.{0} = d.{0}").format(sql.Identifier(k)) for k in keys)
        names = sql.SQL(", ").join(map(sql.Identifier, keys))
        unnest = sql.SQL(", ").join(sql.SQL("%s::text[]") for _ in keys)
        self.conn.execute(
            sql.SQL("UPDATE {s}.{t} t SET position = d.position FROM unnest({u}, %s::int[]) AS d({n}, position) WHERE {j}").format(
                s=self.s, t=sql.Identifier(table), u=unnest, n=names, j=join),
            [*columns, [p for _, p in moved]],
        )
        self.written += len(moved)
