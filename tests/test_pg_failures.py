"""Each way a database server fails, said in one line without the password (real server)."""

from __future__ import annotations

import psycopg
import pytest

from dossier_tui.backends.postgres.failures import ServerError, translated


def _failure(url: str, statement: str = "SELECT 1") -> ServerError:
    with pytest.raises(ServerError) as caught, translated("the server"):
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute(statement)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return caught.value


def test_a_wrong_password_is_one_line_that_never_shows_it(pg_db):
    analyst = pg_db.role("analyst", password="correct-horse")
    url = analyst.url.replace("correct-horse", "battery-staple")
    error = _failure(url)
    assert str(error).startswith("the server refused the password: password authentication failed for user")
    assert "battery-staple" not in str(error) and "correct-horse" not in str(error)
    assert not error.retry


def test_a_server_that_is_down_is_unreachable_and_worth_retrying(pg_own_cluster):
    pg_own_cluster.stop()
    error = _failure(pg_own_cluster.url())
    assert str(error).startswith("cannot reach the server:") and error.retry


def test_a_terminated_session_is_a_lost_connection(pg_db):
    with pytest.raises(ServerError) as caught, translated("the server"):
        with psycopg.connect(pg_db.url, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    assert str(caught.value).startswith("lost the connection to the server:") and caught.value.retry


def test_a_statement_timeout_names_it(pg_db):
    error = _failure(pg_db.url + "&options=-c%20statement_timeout%3D100", "SELECT pg_sleep(2)")
    assert "statement_timeout" in str(error) and error.retry


def test_no_access_says_who_can_give_it(pg_db):
    with pg_db.connect() as conn:
        conn.execute("CREATE SCHEMA private_stuff")
        conn.execute("CREATE TABLE private_stuff.t (x int)")
    error = _failure(pg_db.role("outsider").url, "SELECT * FROM private_stuff.t")
    assert "permission denied for schema private_stuff" in str(error) and "dossier grant" in str(error)
    assert not error.retry
