"""`dossier grant` and `dossier revoke` on a real server: the database decides who reads, annotates
and publishes a dossier; hostile role and dossier names do nothing."""

from __future__ import annotations

import json

import psycopg
import pytest

from dossier_tui.backends.postgres import schema
from tests.cli_run import cli

NAME = "belarus"
SCHEMA = schema.schema_for(NAME)


@pytest.fixture
def published(pg_db):
    """A dossier's schema created by its owner (as `dossier publish` does first), and two analysts."""
    owner = pg_db.role("owner")
    with pg_db.connect() as conn:
        conn.execute(f'GRANT CREATE ON DATABASE "{pg_db.name}" TO "{owner.name}"')
    with psycopg.connect(owner.url) as conn:
        schema.create(conn, NAME)
    return owner, pg_db.role("alice"), pg_db.role("mallory")


def _reads(role) -> bool:
    with psycopg.connect(role.url) as conn:
        try:
            conn.execute(f'SELECT count(*) FROM "{SCHEMA}".articles')
            conn.execute(f'SELECT count(*) FROM "{SCHEMA}".notes')
        except psycopg.errors.InsufficientPrivilege:
            return False
    return True


def _publishes(role) -> bool:
    with psycopg.connect(role.url) as conn:
        try:
            conn.execute(f'UPDATE "{SCHEMA}".dossier SET version = version')
        except psycopg.errors.InsufficientPrivilege:
            return False
    return True


def test_grant_lets_a_role_read_and_annotate_and_revoke_takes_it_back(published, capsys):
    owner, alice, mallory = published
    assert not _reads(alice)
    code, out, err = cli(capsys, "grant", "--db", owner.url, "-d", NAME, alice.name)
    assert (code, err) == (0, "") and out == f"{NAME}: {alice.name} may now read, annotate\n"
    assert _reads(alice) and not _publishes(alice) and not _reads(mallory)
    with psycopg.connect(alice.url) as conn:
        conn.execute(f"INSERT INTO \"{SCHEMA}\".flags (article, flag) VALUES ('a1', 'key')")
    code, out, _ = cli(capsys, "revoke", "--db", owner.url, "-d", NAME, alice.name, "--json")
    assert code == 0 and json.loads(out) == {"dossier": NAME, "role": alice.name, "revoked": ["read", "annotate", "publish"]}
    assert not _reads(alice)


def test_grant_publish_and_revoke_publish_only(published, capsys):
    owner, alice, _ = published
    assert cli(capsys, "grant", "--db", owner.url, "-d", NAME, alice.name, "--publish")[0] == 0
    assert _publishes(alice)
    assert cli(capsys, "revoke", "--db", owner.url, "-d", NAME, alice.name, "--publish")[0] == 0
    assert _reads(alice) and not _publishes(alice)
    with psycopg.connect(alice.url) as conn:  # still annotates
        conn.execute(f"INSERT INTO \"{SCHEMA}\".reads (article) VALUES ('a1')")


def test_only_the_owner_can_grant(published, capsys):
    owner, alice, mallory = published
    cli(capsys, "grant", "--db", owner.url, "-d", NAME, alice.name)
    code, out, err = cli(capsys, "grant", "--db", alice.url, "-d", NAME, mallory.name)
    assert code == 2 and out == ""
    assert err.strip() == f"dossier: only the owner of dossier '{NAME}' ({owner.name}) can grant or revoke access to it"
    # Even bypassing the check, the server grants nothing on alice's say.
    with psycopg.connect(alice.url, autocommit=True) as conn:
        conn.execute(f'GRANT USAGE ON SCHEMA "{SCHEMA}" TO "{mallory.name}"')
    assert not _reads(mallory)


def test_no_access_and_no_such_dossier_are_one_line_each(published, capsys):
    owner, _, mallory = published
    code, _, err = cli(capsys, "grant", "--db", mallory.url, "-d", NAME, mallory.name)
    assert code == 2 and "has no access to dossier 'belarus'" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "grant", "--db", owner.url, "-d", "nowhere", mallory.name)
    assert code == 2 and "no dossier 'nowhere'" in err and err.count("\n") == 1


@pytest.mark.parametrize("role", ['x"; DROP SCHEMA dossier_belarus CASCADE; --', "alice' OR '1'='1", "PUBLIC"])
def test_hostile_role_names_are_quoted_identifiers(published, capsys, role):
    owner, _, mallory = published
    code, _, err = cli(capsys, "grant", "--db", owner.url, "-d", NAME, role)
    assert code == 2 and "does not exist" in err and err.count("\n") == 1
    assert not _reads(mallory)
    with psycopg.connect(owner.url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (SCHEMA,)).fetchone() == (1,)


def test_hostile_dossier_names_are_refused_before_any_sql(published, capsys):
    owner, _, mallory = published
    code, _, err = cli(capsys, "grant", "--db", owner.url, "-d", "belarus; DROP SCHEMA dossier_belarus CASCADE", mallory.name)
    assert code == 2 and "is not a dossier name" in err


def test_a_wrong_password_and_a_server_that_is_down_are_exit_2_with_one_line(published, pg_db, capsys):
    owner, _, mallory = published
    wrong = pg_db.cluster.url(pg_db.name, user=owner.name, password="wrong-password")
    code, out, err = cli(capsys, "grant", "--db", wrong, "-d", NAME, mallory.name)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "refused the password" in err and "wrong-password" not in err
    code, _, err = cli(capsys, "grant", "--db", "postgresql:///x?host=/nonexistent-dir", "-d", NAME, mallory.name)
    assert code == 2 and err.startswith("dossier: cannot reach the database server") and err.count("\n") == 1
