"""A published dossier's annotations on its PostgreSQL server: the team's notes, flags and read state.

The same surface as the local AnnotationStore (`notes`, `states`, `reload`, `find`, `put`,
`delete`, `set_read`, `set_flag`, `is_read`, `flags`, `problem`, `elsewhere`), so the reader and
the CLI place, show and change them the same way. What differs is decided by the server, never
by us: every note carries its author (the database role), a private note is readable by its
author only, a note is changed or removed by its author only, and read state is each user's own
(row-level security, see team_schema.py).

When the server cannot be reached, a change is not lost: it is kept on this machine (outbox.py),
shown as made, and sent the next time the server answers (`reload`, or any later change); the
store says so in `elsewhere`. The first failure marks the server down, so later changes go
straight to the outbox instead of waiting on a dead connection each time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from psycopg import Connection, sql

from dossier_tui.annotations.records import Annotation, ArticleState, Target, now
from dossier_tui.annotations.store import AnnotationQueries, AnnotationStoreError
from dossier_tui.backends.postgres.failures import ServerError, can_retry, explain, is_unreachable
from dossier_tui.backends.postgres.outbox import Outbox

_STAMP = """to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
_NOTE_COLUMNS = (
    "id, author, author_name, private, article, paragraph, start_offset, end_paragraph, end_offset, "
    "quote, prefix, suffix, digest, note, tags, label, "
    + _STAMP.format("created") + ", " + _STAMP.format("updated")
)


class SharedAnnotationStore(AnnotationQueries):
    def __init__(self, connect: Callable[[], Connection], schema: str, outbox: Outbox, *, author_name: str = "", where: str = "the database server") -> None:
        """CONNECT opens a psycopg connection (libpq conventions); SCHEMA is the dossier's."""
        self._connect = connect
        self._conn: Connection | None = None
        self.schema = sql.Identifier(schema)
        self.outbox = outbox
        self.author_name = author_name
        self.where = where
        self.notes: dict[str, Annotation] = {}
        self.states: dict[str, ArticleState] = {}
        self.role = ""  # the database role we are, once connected
        self.down: str | None = None  # one line while the server is unreachable
        self.sent = 0  # changes sent from the outbox by the last reload or change
        self.reload()

    # -- reading -------------------------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        return None  # a failure never makes the store read-only: changes wait in the outbox

    @property
    def read_only(self) -> bool:
        return False

    @property
    def elsewhere(self) -> str | None:
        """Says so while changes wait on this machine for the server."""
        waiting = len(self.outbox.pending())
        if not waiting:
            return None
        return (f"{self.down or 'the server has not taken them yet'}: {waiting} change(s) kept on this machine "
                f"in {self.outbox.path}, sent when the server answers again")

    def reload(self) -> bool:
        """Send what waits in the outbox, then read the notes, flags and read state anew; True when
        anything changed. The server unreachable: keep what we have, say so in `down`."""
        try:
            self._send_waiting()
            notes, states = self._query(self._read_all)
        except ServerError as error:
            if not error.retry:
                raise
            self._apply_waiting()
            return False
        changed = notes != self.notes or states != self.states
        self.notes, self.states = notes, states
        self._apply_waiting()
        return changed

    def _read_all(self, conn):
        s = self.schema
        notes = {}
        for row in conn.execute(sql.SQL("SELECT " + _NOTE_COLUMNS + " FROM {}.notes").format(s)):
            notes[row[0]] = _annotation(row)
        states: dict[str, ArticleState] = {}
        for article, flag in conn.execute(sql.SQL("SELECT article, flag FROM {}.flags").format(s)):
            states.setdefault(article, ArticleState()).flags.add(flag)
        for (article,) in conn.execute(sql.SQL("SELECT article FROM {}.reads").format(s)):
            states.setdefault(article, ArticleState()).read = True
        return notes, states

    # -- changes -------------------------------------------------------------------------------

    def put(self, annotation: Annotation) -> Annotation:
        """Add a note, or change one of ours (another author's: AnnotationStoreError)."""
        if annotation.author and self.role and annotation.author != self.role:
            raise AnnotationStoreError(f"note {annotation.id} is {annotation.author}'s: only its author can change it")
        annotation = replace(annotation, author=annotation.author or self.role, author_name=annotation.author_name or self.author_name)
        self._change({"op": "note", "annotation": annotation})
        self.notes[annotation.id] = annotation
        return annotation

    def delete(self, note_id: str) -> None:
        note = self.notes.get(note_id)
        if note is not None and note.author and self.role and note.author != self.role:
            raise AnnotationStoreError(f"note {note_id} is {note.author}'s: only its author can remove it")
        self._change({"op": "delete", "id": note_id, "at": now()})
        self.notes.pop(note_id, None)

    def set_read(self, article_ids: Iterable[str], read: bool = True, digests: Mapping[str, str] | None = None) -> int:
        digests = digests or {}
        changed = [a for a in dict.fromkeys(article_ids) if self.is_read(a) != read]
        if changed:
            at = now()
            self._change(*({"op": "read", "article": a, "read": read, "digest": digests.get(a, ""), "at": at} for a in changed))
            for a in changed:
                self.states.setdefault(a, ArticleState()).read = read
        return len(changed)

    def set_flag(self, article_id: str, flag: str, on: bool = True, digest: str | None = None) -> bool:
        flag = self.flag_name(flag)
        if (flag in self.flags(article_id)) == on:
            return False
        self._change({"op": "flag", "article": article_id, "flag": flag, "set": on, "digest": digest or "", "at": now()})
        state = self.states.setdefault(article_id, ArticleState())
        (state.flags.add if on else state.flags.discard)(flag)
        return True

    def _change(self, *records: dict) -> None:
        """Send RECORDS (after anything still waiting), or keep them in the outbox when the server
        is unreachable. A refusal (not the author, no access) raises AnnotationStoreError."""
        if self.down is None:
            try:
                self._send_waiting()
                self._query(lambda conn: self._deliver_all(conn, records))
                return
            except ServerError as error:
                if not error.retry:
                    raise AnnotationStoreError(str(error)) from None
        try:
            self.outbox.add(list(records))
        except OSError as error:
            raise AnnotationStoreError(f"{self.down or 'the server did not take the change'}; it could not be kept on this machine either "
                                       f"({error}): it was NOT saved") from None

    # -- the server ----------------------------------------------------------------------------

    def _query(self, work):
        """Run WORK(conn) in one transaction; a failure leaves as ServerError. A connection found
        dead (the server restarted, the backend was terminated) is replaced and WORK run once more:
        every change we send is idempotent (upserts and deletes by key). Unreachable: `down` says
        why until a call succeeds; a cancelled statement (statement_timeout) also sets it."""
        import psycopg

        for attempt in (1, 2):
            conn = self._conn
            fresh = conn is None or conn.closed
            try:
                if conn is None or conn.closed:
                    conn = self._conn = self._connect()
                    conn.autocommit = True  # each transaction() below is a real transaction
                    self.role = conn.execute("SELECT current_user").fetchone()[0]  # type: ignore[index]
                with conn.transaction():
                    result = work(conn)
            except psycopg.Error as error:
                message = explain(error, self.where)
                if is_unreachable(error):
                    self._close()
                    if not fresh and attempt == 1:
                        continue
                if can_retry(error):
                    self.down = message
                    raise ServerError(message, retry=True) from None
                raise ServerError(message) from None
            self.down = None
            return result
        raise AssertionError("unreachable")  # the loop returns or raises

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # a broken connection may fail even to close; it is gone either way
                pass
        self._conn = None

    def close(self) -> None:
        self._close()

    def _send_waiting(self) -> None:
        """Deliver the outbox, one transaction per change; a change the server refuses (another
        author's note, access taken away) cannot be sent ever: it is dropped and reported."""
        refused: list[str] = []

        def deliver(record: dict) -> None:
            try:
                self._query(lambda conn: self._deliver(conn, record))
            except ServerError as error:
                if error.retry:
                    raise
                refused.append(str(error))
            except AnnotationStoreError as error:
                refused.append(str(error))

        self.sent = self.outbox.send(deliver)
        if refused:
            raise AnnotationStoreError(f"{len(refused)} change(s) kept while offline were refused by the server and dropped: {refused[0]}")

    def _apply_waiting(self) -> None:
        """Show changes still waiting in the outbox as made (the user made them)."""
        for record in self.outbox.pending():
            op = record["op"]
            if op == "note":
                self.notes[record["annotation"].id] = record["annotation"]
            elif op == "delete":
                self.notes.pop(record["id"], None)
            elif op == "read":
                self.states.setdefault(record["article"], ArticleState()).read = record["read"]
            else:
                state = self.states.setdefault(record["article"], ArticleState())
                (state.flags.add if record["set"] else state.flags.discard)(record["flag"])

    def _deliver_all(self, conn: Connection, records) -> None:
        for record in records:
            self._deliver(conn, record)

    def _deliver(self, conn: Connection, record: dict) -> None:
        s, op = self.schema, record["op"]
        if op == "note":
            a: Annotation = record["annotation"]
            t = a.target
            row = conn.execute(
                sql.SQL(
                    "INSERT INTO {}.notes (id, author_name, private, article, paragraph, start_offset, end_paragraph,"
                    " end_offset, quote, prefix, suffix, digest, note, tags, label, created, updated)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                    " coalesce(%s::timestamptz, now()), coalesce(%s::timestamptz, now()))"
                    " ON CONFLICT (id) DO UPDATE SET author_name = EXCLUDED.author_name, private = EXCLUDED.private,"
                    " article = EXCLUDED.article, paragraph = EXCLUDED.paragraph, start_offset = EXCLUDED.start_offset,"
                    " end_paragraph = EXCLUDED.end_paragraph, end_offset = EXCLUDED.end_offset, quote = EXCLUDED.quote,"
                    " prefix = EXCLUDED.prefix, suffix = EXCLUDED.suffix, digest = EXCLUDED.digest, note = EXCLUDED.note,"
                    " tags = EXCLUDED.tags, label = EXCLUDED.label, updated = EXCLUDED.updated"
                    " RETURNING author"
                ).format(s),
                (a.id, a.author_name, a.private, t.article, t.paragraph, t.start, t.end_paragraph, t.end, t.quote,
                 t.prefix, t.suffix, t.digest, a.note, list(a.tags), a.label, a.created or None, a.updated or None),
            ).fetchone()
            if row is None:
                raise AnnotationStoreError(f"note {a.id} was not saved")
        elif op == "delete":
            gone = conn.execute(sql.SQL("DELETE FROM {}.notes WHERE id = %s RETURNING id").format(s), (record["id"],)).fetchone()
            author = conn.execute(sql.SQL("SELECT author FROM {}.notes WHERE id = %s").format(s), (record["id"],)).fetchone()
            if gone is None and author is not None:
                raise AnnotationStoreError(f"note {record['id']} is {author[0]}'s: only its author can remove it")
        elif op == "read":
            if record["read"]:
                conn.execute(
                    sql.SQL("INSERT INTO {}.reads (article, digest) VALUES (%s, %s)"
                            " ON CONFLICT (reader, article) DO UPDATE SET at = now(), digest = EXCLUDED.digest").format(s),
                    (record["article"], record.get("digest") or ""),
                )
            else:
                conn.execute(sql.SQL("DELETE FROM {}.reads WHERE article = %s").format(s), (record["article"],))
        elif record["set"]:
            conn.execute(
                sql.SQL("INSERT INTO {}.flags (article, flag, digest) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING").format(s),
                (record["article"], record["flag"], record.get("digest") or ""),
            )
        else:
            conn.execute(sql.SQL("DELETE FROM {}.flags WHERE article = %s AND flag = %s").format(s), (record["article"], record["flag"]))


def _annotation(row) -> Annotation:
    (id_, author, author_name, private, article, paragraph, start, end_paragraph, end, quote, prefix, suffix,
     digest, note, tags, label, created, updated) = row
    target = Target(article, paragraph, start, end_paragraph, end, quote, prefix, suffix, digest)
    return Annotation(id_, target, note, tuple(tags), label, created, updated, author=author, author_name=author_name, private=private)

