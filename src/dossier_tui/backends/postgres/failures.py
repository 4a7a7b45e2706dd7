"""What went wrong with the database server, said in one line: never a traceback, never a password.

`explain(error)` turns a psycopg error into the sentence the CLI prints (exit 2) and the reader
shows as a notice; `ServerError` carries it through the faces as a DossierError. `retry` tells a
passing failure (server down, cut off, restarting, a statement cancelled by statement_timeout: try
again later, keep the user's note meanwhile) from a refusal (wrong password, no access, a bad
request: retrying will not help).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from dossier_tui.model import DossierError

# SQLSTATE classes and codes of a server that is gone or going: 08 connection exception,
# 57P01-57P03 admin shutdown, crash shutdown, cannot connect now.
_GONE_STATES = ("57P01", "57P02", "57P03")
# libpq's own words when there is no server answer at all (no SQLSTATE then).
_GONE_WORDS = (
    "connection refused",
    "no such file or directory",
    "server closed the connection",
    "consuming input failed",
    "connection is lost",
    "the connection is closed",
    "could not receive data",
    "could not send data",
    "connection timeout expired",
    "timeout expired",
    "could not translate host name",
    "no route to host",
    "network is unreachable",
    "terminating connection",
    "the database system is",
    "is bad",
)


class ServerError(DossierError):
    """A database failure in one line; `retry` when trying again later may succeed."""

    def __init__(self, message: str, *, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


def can_retry(error: BaseException) -> bool:
    """The server is unreachable, or cancelled the statement (timeout, lock wait): a passing state."""
    from psycopg import errors

    return isinstance(error, (errors.QueryCanceled, errors.LockNotAvailable)) or is_unreachable(error)


def is_unreachable(error: BaseException) -> bool:
    import psycopg

    if not isinstance(error, psycopg.OperationalError):
        return False
    state = getattr(error, "sqlstate", None) or ""
    if state.startswith("08") or state in _GONE_STATES:
        return True
    text = str(error).lower()
    return not state and any(words in text for words in _GONE_WORDS)


def explain(error: BaseException, where: str = "the database server") -> str:
    """One line for ERROR (a psycopg error): what happened and what to do, without the password."""
    import psycopg
    from psycopg import errors

    if isinstance(error, ServerError):
        return str(error)
    text = _first_line(error)
    if isinstance(error, errors.QueryCanceled):
        return f"{where} cancelled the query: it ran past statement_timeout ({text})"
    if isinstance(error, errors.InsufficientPrivilege):
        return f"{where} refused: {text} (the dossier's owner can give access with `dossier grant`)"
    lowered = text.lower()
    if "password authentication failed" in lowered or isinstance(error, errors.InvalidPassword):
        return f"{where} refused the password: {text} (check PGPASSWORD, ~/.pgpass or the URL)"
    if "no password supplied" in lowered:
        return f"{where} asks for a password and none was given (PGPASSWORD, ~/.pgpass or the URL)"
    if is_unreachable(error):
        if isinstance(error, errors.AdminShutdown) or "terminating connection" in lowered or "closed the connection" in lowered:
            return f"lost the connection to {where}: {text}"
        return f"cannot reach {where}: {text}"
    if isinstance(error, psycopg.Error):
        return f"{where}: {text}"
    return f"{where}: {type(error).__name__}: {text}"


def _first_line(error: BaseException) -> str:
    """The server's primary message when there is one (no DETAIL, no CONTEXT), else libpq's last
    meaningful line ("connection to server on socket ... failed: FATAL: ..." reduced to its cause)."""
    diag = getattr(error, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    if primary:
        return " ".join(primary.split())
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    if "failed: " in text:
        text = text.rsplit("failed: ", 1)[1]
    for prefix in ("FATAL:", "ERROR:"):
        text = text.removeprefix(prefix).strip()
    return text


@contextlib.contextmanager
def translated(where: str = "the database server") -> Iterator[None]:
    """Run database calls; a psycopg error leaves as a ServerError with its one line."""
    import psycopg

    try:
        yield
    except psycopg.Error as error:
        raise ServerError(explain(error, where), retry=can_retry(error)) from None
