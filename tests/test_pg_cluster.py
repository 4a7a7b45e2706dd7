"""The throwaway PostgreSQL server the PostgreSQL backend's tests run on (tests/pg_cluster.py)."""

from __future__ import annotations

import os
import pwd

import psycopg
import pytest


def test_server_listens_on_its_own_socket_only_and_runs_unprivileged(pg_cluster):
    with pg_cluster.connect() as conn:
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == ""
        assert conn.execute("SHOW unix_socket_directories").fetchone()[0] == str(pg_cluster.socket_dir)
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
        server_pid = conn.info.backend_pid
    owner = pwd.getpwuid(os.stat(f"/proc/{server_pid}").st_uid).pw_name
    assert owner != "root"


def test_a_wrong_password_is_refused(pg_cluster):
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_cluster.url(password="not-the-password"), connect_timeout=5).close()


def test_scratch_database_roles_log_in_with_their_password_and_nothing_else(pg_db):
    analyst = pg_db.role("analyst")
    with psycopg.connect(analyst.url, connect_timeout=5) as conn:
        assert conn.execute("SELECT current_user, current_database()").fetchone() == (analyst.name, pg_db.name)
        assert not conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(pg_db.cluster.url(pg_db.name, user=analyst.name, password="wrong"), connect_timeout=5).close()


def test_an_own_cluster_stops_and_starts_again(pg_own_cluster):
    pg_own_cluster.stop()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(pg_own_cluster.url(), connect_timeout=2).close()
    pg_own_cluster.start()
    with pg_own_cluster.connect() as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
