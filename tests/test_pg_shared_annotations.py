"""Shared annotations on a real PostgreSQL server: authors, private notes (row-level security),
per-user read state, shared flags, access by GRANT, and notes kept locally while the server is away."""

from __future__ import annotations

import psycopg
import pytest

from dossier_tui.annotations import AnnotationStoreError, Target
from dossier_tui.annotations.records import Annotation, new_id, now
from dossier_tui.backends.postgres import access
from dossier_tui.backends.postgres.outbox import Outbox
from dossier_tui.backends.postgres.shared_annotations import SharedAnnotationStore
from dossier_tui.backends.postgres.team_schema import create_team_tables

SCHEMA = "dossier_belarus"


def _note(text: str, article: str = "a1", paragraph: int = 2, private: bool = False) -> Annotation:
    stamp = now()
    target = Target(article, paragraph, 0, paragraph, 12, "the protests", digest="d1")
    return Annotation(new_id(), target, text, ("army",), "key", stamp, stamp, private=private)


def _setup(url: str, schema: str = SCHEMA) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        create_team_tables(conn, schema)


def _grant(owner_url: str, role: str, publish: bool = False, schema: str = SCHEMA) -> None:
    with psycopg.connect(owner_url) as conn:
        access.run_statements(conn, access.grant_statements(schema, role, publish))


def _store(url: str, tmp_path, name: str, schema: str = SCHEMA) -> SharedAnnotationStore:
    return SharedAnnotationStore(lambda: psycopg.connect(url, connect_timeout=3), schema, Outbox(tmp_path / f"{name}.jsonl"))


@pytest.fixture
def team(pg_db, tmp_path):
    """An owner who published the dossier's schema, and two analysts it was granted to."""
    owner = pg_db.role("owner")
    with pg_db.connect() as conn:
        conn.execute(f'GRANT CREATE ON DATABASE "{pg_db.name}" TO "{owner.name}"')
    _setup(owner.url)
    alice, bob = pg_db.role("alice"), pg_db.role("bob")
    _grant(owner.url, alice.name)
    _grant(owner.url, bob.name)
    return owner, alice, bob


def test_two_analysts_notes_on_one_paragraph_both_survive_with_their_authors(team, tmp_path):
    _, alice, bob = team
    a, b = _store(alice.url, tmp_path, "a"), _store(bob.url, tmp_path, "b")
    first, second = a.put(_note("Alice: check the date")), b.put(_note("Bob: a second source says so"))
    a.reload(), b.reload()
    assert a.down is None and b.down is None, (a.down, b.down)
    for store in (a, b):
        assert {n.id: (n.author, n.note) for n in store.notes.values()} == {
            first.id: (alice.name, "Alice: check the date"),
            second.id: (bob.name, "Bob: a second source says so"),
        }


def test_a_private_note_is_invisible_to_another_role_through_sql_and_the_store(team, tmp_path):
    _, alice, bob = team
    a = _store(alice.url, tmp_path, "a")
    secret = a.put(_note("my source's name is in here", private=True))
    public = a.put(_note("shared observation"))
    b = _store(bob.url, tmp_path, "b")
    assert set(b.notes) == {public.id}
    with psycopg.connect(bob.url) as conn:
        rows = conn.execute(f'SELECT id, note FROM "{SCHEMA}".notes').fetchall()
        assert rows == [(public.id, "shared observation")]
        assert conn.execute(f"SELECT count(*) FROM \"{SCHEMA}\".notes WHERE id = %s", (secret.id,)).fetchone() == (0,)
        # Nor can bob change or remove it by id, blind.
        conn.execute(f'UPDATE "{SCHEMA}".notes SET note = %s WHERE id = %s', ("taken", secret.id))
        conn.execute(f'DELETE FROM "{SCHEMA}".notes WHERE id = %s', (secret.id,))
    a.reload()
    assert a.notes[secret.id].note == "my source's name is in here" and a.notes[secret.id].private


def test_the_dossier_owner_cannot_read_a_private_note_either(team, tmp_path):
    owner, alice, _ = team
    secret = _store(alice.url, tmp_path, "a").put(_note("only mine", private=True))
    with psycopg.connect(owner.url) as conn:
        assert conn.execute(f'SELECT count(*) FROM "{SCHEMA}".notes WHERE id = %s', (secret.id,)).fetchone() == (0,)


def test_only_its_author_changes_or_removes_a_shared_note(team, tmp_path):
    _, alice, bob = team
    a, b = _store(alice.url, tmp_path, "a"), _store(bob.url, tmp_path, "b")
    note = a.put(_note("Alice's reading"))
    b.reload()
    with pytest.raises(AnnotationStoreError, match="only its author"):
        b.put(b.notes[note.id].edited(note="Bob rewrote it"))
    with pytest.raises(AnnotationStoreError, match="only its author"):
        b.delete(note.id)
    # Claiming to be the author does not help: the server decides who is writing.
    forged = b.notes[note.id].edited(note="forged")
    b.role = alice.name
    with pytest.raises(AnnotationStoreError):
        b.put(forged)
    a.reload()
    assert a.notes[note.id].note == "Alice's reading"
    a.delete(note.id)
    b.reload()
    assert note.id not in b.notes


def test_read_state_is_each_users_own_and_flags_are_shared(team, tmp_path):
    _, alice, bob = team
    a, b = _store(alice.url, tmp_path, "a"), _store(bob.url, tmp_path, "b")
    assert a.set_read(["a1", "a2"]) == 2
    assert a.set_flag("a1", "dubious")
    b.reload()
    assert not b.is_read("a1") and b.flags("a1") == {"dubious"}
    b.set_read(["a2"])
    b.set_flag("a1", "dubious", on=False)
    a.reload()
    assert a.is_read("a1") and a.is_read("a2") and a.flags("a1") == set()
    a.set_read(["a2"], read=False)
    b.reload()
    assert b.is_read("a2")  # alice marking it unread is hers alone


def test_a_role_without_a_grant_cannot_read_the_dossier_at_all(team, pg_db, tmp_path):
    _, alice, _ = team
    _store(alice.url, tmp_path, "a").put(_note("shared with the team"))
    mallory = pg_db.role("mallory")
    with psycopg.connect(mallory.url) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f'SELECT * FROM "{SCHEMA}".notes')
    with pytest.raises(Exception, match="permission denied for schema"):
        _store(mallory.url, tmp_path, "m")


def test_revoke_takes_access_back(team, tmp_path):
    owner, alice, _ = team
    with psycopg.connect(owner.url) as conn:
        access.run_statements(conn, access.revoke_statements(SCHEMA, alice.name, publish_only=False))
    with psycopg.connect(alice.url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f'SELECT * FROM "{SCHEMA}".notes')


def test_sql_injection_through_notes_tags_flags_and_ids_is_stored_as_text(team, tmp_path):
    _, alice, bob = team
    a = _store(alice.url, tmp_path, "a")
    hostile = "'); DROP TABLE notes; --"
    note = _note(hostile, article="a1' OR '1'='1")
    note = Annotation(f"x'; DELETE FROM {SCHEMA}.notes; --", note.target, hostile, ('"; DROP SCHEMA x; --',), "key", note.created, note.updated)
    a.put(note)
    a.set_flag("a1\"; DROP TABLE flags; --", "'; TRUNCATE reads; --")
    a.set_read(["a'); DELETE FROM reads; --"])
    b = _store(bob.url, tmp_path, "b")
    assert b.notes[note.id].note == hostile and b.notes[note.id].target.article == "a1' OR '1'='1"
    assert b.notes[note.id].tags == ('"; DROP SCHEMA x; --',)
    assert b.flags("a1\"; DROP TABLE flags; --") == {"'; TRUNCATE reads; --"}
    a.reload()
    assert a.is_read("a'); DELETE FROM reads; --")


def test_a_note_written_while_the_server_is_down_is_kept_locally_and_sent_when_it_is_back(pg_own_cluster, tmp_path):
    _setup(pg_own_cluster.url())
    store = _store(pg_own_cluster.url(), tmp_path, "s")
    pg_own_cluster.stop()
    note = store.put(_note("written on the train"))
    store.set_flag("a1", "key source")
    assert "cannot reach" in store.down
    assert "2 change(s) kept on this machine" in store.elsewhere
    assert note.id in store.notes  # shown as made meanwhile
    # Another process of the same user, started while the server is still down, sees it too.
    assert note.id in _store(pg_own_cluster.url(), tmp_path, "s").notes
    pg_own_cluster.start()
    store.reload()
    assert store.sent == 2 and store.elsewhere is None and store.down is None
    with pg_own_cluster.connect() as conn:
        assert conn.execute(f'SELECT note FROM "{SCHEMA}".notes').fetchall() == [("written on the train",)]
        assert conn.execute(f'SELECT flag FROM "{SCHEMA}".flags').fetchall() == [("key source",)]


def test_a_terminated_connection_is_replaced_without_losing_the_change(team, pg_db, tmp_path):
    _, alice, _ = team
    store = _store(alice.url, tmp_path, "a")
    backend = store._conn.info.backend_pid
    with pg_db.connect() as conn:
        assert conn.execute("SELECT pg_terminate_backend(%s)", (backend,)).fetchone() == (True,)
    note = store.put(_note("after the cut"))
    assert store.down is None and store._conn.info.backend_pid != backend
    assert note.id in _store(alice.url, tmp_path, "a2").notes


def test_a_statement_timeout_keeps_the_note_locally_until_the_table_is_free(team, pg_db, tmp_path):
    _, alice, _ = team
    url = alice.url + "&options=-c%20statement_timeout%3D300"
    store = _store(url, tmp_path, "a")
    with pg_db.connect() as locker:
        locker.execute("BEGIN")
        locker.execute(f'LOCK TABLE "{SCHEMA}".notes IN ACCESS EXCLUSIVE MODE')
        note = store.put(_note("while the table was locked"))
        assert "statement_timeout" in store.down and store.elsewhere
        locker.execute("COMMIT")
    store.reload()
    assert store.sent == 1 and store.elsewhere is None
    assert note.id in _store(alice.url, tmp_path, "a2").notes


def test_the_readers_annotations_place_shared_notes_in_the_text_and_keep_private_ones_private(team, tmp_path):
    from dossier_tui.annotations.dossier_annotations import DossierAnnotations
    from dossier_tui.corpus import load_dossier
    from dossier_tui.locations import builtin_dossier

    _, alice, bob = team
    dossier = load_dossier(builtin_dossier())
    article = dossier.articles[0]
    mine = DossierAnnotations(dossier, store=_store(alice.url, tmp_path, "a"))
    shared = mine.add(article.id, 1, 0, 1, 20, note="shared", tags=["army"])
    secret = mine.add(article.id, 1, 5, 1, 30, note="for me", private=True)
    assert shared.annotation.author == alice.name and secret.annotation.private
    theirs = DossierAnnotations(dossier, store=_store(bob.url, tmp_path, "b"))
    assert [p.id for p in theirs.for_article(article.id)] == [shared.id]
    assert theirs.for_article(article.id)[0].state == "anchored"
    mine.update(secret.id, private=False)
    assert theirs.reload() and {p.id for p in theirs.for_article(article.id)} == {shared.id, secret.id}
