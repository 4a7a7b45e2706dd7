"""What the commands on a published dossier share: `--db URL` (or DOSSIER_DB), `-d NAME`, and a
connection whose every failure is one line (exit 2).

The URL is anything libpq takes (`postgresql://user@host/db`, `host=... dbname=...`, `service=...`);
what it leaves out comes from the PG* variables, ~/.pgpass and service files, as in psql. A
password is never printed: messages name the server by host and database only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator

from dossier_tui.model import DossierError


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None, help="the PostgreSQL server (libpq URL or conninfo; default $DOSSIER_DB)")
    parser.add_argument("-d", "--dossier", metavar="NAME", required=True, help="the published dossier's name")


def database_url(args: argparse.Namespace) -> str:
    url = args.db if args.db is not None else os.environ.get("DOSSIER_DB")
    if url is None:
        raise DossierError("no database given: use --db URL or set DOSSIER_DB")
    return url


def server_name(url: str) -> str:
    """The server as messages name it: host (or socket folder) and database, never the password."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:  # a malformed URL: psycopg says why when connecting
        return "the database server"
    host = parts.get("host") or os.environ.get("PGHOST") or "the local socket"
    dbname = parts.get("dbname") or os.environ.get("PGDATABASE") or parts.get("user") or "default"
    return f"the database server ({host}, database {dbname})"


def connect(url: str, **options):
    """A psycopg connection (autocommit: each command opens its own transactions), waiting at
    most 10 s for the server, with TCP keepalives so a cut network is noticed in about 30 s."""
    import psycopg

    return psycopg.connect(
        url,
        autocommit=True,
        connect_timeout=options.pop("connect_timeout", 10),
        keepalives=1,
        keepalives_idle=10,
        keepalives_interval=5,
        keepalives_count=3,
        application_name="dossier-tui",
        **options,
    )


@contextlib.contextmanager
def connected(args: argparse.Namespace) -> Iterator:
    """A connection to --db; any database failure inside leaves as one line (ServerError)."""
    from dossier_tui.backends.postgres.failures import translated

    url = database_url(args)
    with translated(server_name(url)):
        conn = connect(url)
        try:
            yield conn
        finally:
            conn.close()


def dossier_schema(conn, name: str) -> str:
    """The schema of the published dossier NAME, checked to exist and to be readable by us."""
    from dossier_tui.backends.postgres.schema import schema_for

    schema = schema_for(name)
    row = conn.execute(
        "SELECT has_schema_privilege(n.oid, 'USAGE'), current_user FROM pg_namespace n WHERE n.nspname = %s", (schema,)
    ).fetchone()
    if row is None:
        raise DossierError(f"no dossier {name!r} on this server (see `dossier dossiers`)")
    if not row[0]:
        raise DossierError(f"role {row[1]} has no access to dossier {name!r}: its owner can run `dossier grant -d {name} {row[1]}`")
    return schema


def check_owner(conn, schema: str, name: str) -> None:
    """Only the dossier's owner (or a superuser) may grant: say so, rather than let the server
    answer a GRANT from someone else with a mere warning and nothing granted."""
    owner, allowed = conn.execute(
        "SELECT pg_get_userbyid(nspowner), pg_has_role(current_user, nspowner, 'USAGE')"
        " OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) FROM pg_namespace WHERE nspname = %s",
        (schema,),
    ).fetchone()
    if not allowed:
        raise DossierError(f"only the owner of dossier {name!r} ({owner}) can grant or revoke access to it")
