"""Reaching the server the way every PostgreSQL client does: libpq decides.

`--db URL` (or `DOSSIER_DB`) is a libpq connection string, URL (`postgresql://user@host/db`) or
`key=value` form; an empty one means libpq's defaults. Whatever it leaves out comes from the
`PG*` variables (PGHOST, PGUSER, PGPASSWORD, PGSERVICE, ...), `~/.pgpass` and the service files
(`service=name`): psycopg hands the string to libpq untouched, so all of that works as in psql.
A password is never printed, logged or stored by us: `describe` shows where we connect without it,
and failures are said by `failures.explain`, which names no password either.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from dossier_tui.backends.postgres.failures import translated
from dossier_tui.model import DossierError

if TYPE_CHECKING:
    from psycopg import Connection

ENV = "DOSSIER_DB"
APPLICATION = "dossier"


def database_url(given: str | None) -> str | None:
    """`--db` when given, else DOSSIER_DB, else None (a local folder)."""
    if given is not None:
        return given
    return os.environ.get(ENV) or None


def describe(url: str) -> str:
    """Where URL connects, for messages: user@host/dbname, never the password."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(url)
    except Exception:  # a malformed string: libpq says why when connecting
        return "the database server"
    host = str(params.get("host") or os.environ.get("PGHOST") or "local socket")
    user = str(params.get("user") or os.environ.get("PGUSER") or "")
    dbname = str(params.get("dbname") or os.environ.get("PGDATABASE") or "")
    service = params.get("service") or os.environ.get("PGSERVICE")
    where = f"service {service}" if service and not params.get("host") else host
    return f"{user + '@' if user else ''}{where}/{dbname}".rstrip("/")


def connect(url: str, *, autocommit: bool = False) -> Connection:
    """A connection as libpq makes it from URL (plus the environment, ~/.pgpass and service
    files), waiting at most 10 s for the server, with TCP keepalives so that a cut network is
    noticed in about 30 s rather than hanging a worker (the URL's own settings win)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        given = conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        raise DossierError(f"--db: not a PostgreSQL connection string: {error}") from None
    defaults: dict[str, Any] = {"connect_timeout": 10, "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
                "application_name": APPLICATION}
    with translated(f"the database server ({describe(url)})"):
        return psycopg.connect(url, autocommit=autocommit, **{k: v for k, v in defaults.items() if k not in given})
