"""Who may read, annotate and publish a dossier: GRANTs on the dossier's schema, run by its owner.

A role without USAGE on the schema cannot read a single row of the dossier: the server refuses it.
Only the schema's owner (the role that published it first) or a superuser can grant, so `dossier
grant` needs no privilege of ours: the database decides. The statements are plain SQL (the README
shows them), one transaction, so a grant is whole or not at all.
"""

from __future__ import annotations

from psycopg import sql

from dossier_tui.backends.postgres.team_schema import TEAM_TABLES

# Read and annotate: see every table, write the team's tables (row-level security decides which rows).
_READ = (
    "GRANT USAGE ON SCHEMA {schema} TO {role}",
    "GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON {team} TO {role}",
)
# Publish: write the published tables too (never TRUNCATE, which would skip row-level security).
_PUBLISH = (
    "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
)
_REVOKE_PUBLISH = (
    "REVOKE INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} FROM {role}",
    "REVOKE USAGE ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}",
)
_REVOKE_ALL = (
    "REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}",
    "REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}",
    "REVOKE ALL ON SCHEMA {schema} FROM {role}",
)


def grant_statements(schema: str, role: str, publish: bool) -> list[sql.Composed]:
    return _compose((*_READ, *(_PUBLISH if publish else ())), schema, role)


def revoke_statements(schema: str, role: str, publish_only: bool) -> list[sql.Composed]:
    """Take publishing back (PUBLISH_ONLY: reading and annotating stay), or every right on the dossier.
    Taking publishing back restores the team tables' rights a reader keeps."""
    if publish_only:
        return _compose((*_REVOKE_PUBLISH, _READ[2]), schema, role)
    return _compose(_REVOKE_ALL, schema, role)


def _compose(templates, schema: str, role: str) -> list[sql.Composed]:
    s = sql.Identifier(schema)
    team = sql.SQL(", ").join(sql.SQL("{}.{}").format(s, sql.Identifier(t)) for t in TEAM_TABLES)
    return [sql.SQL(t).format(schema=s, role=sql.Identifier(role), team=team) for t in templates]


def run_statements(conn, statements: list[sql.Composed]) -> None:
    with conn.transaction():
        for statement in statements:
            conn.execute(statement)
