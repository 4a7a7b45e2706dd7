"""The team's tables in a published dossier's schema: shared notes, shared flags, per-user read state.

Who sees what is the database's job, not ours: row-level security (forced, so it binds the dossier's
owner too; only a superuser bypasses it) lets every role with access to the dossier read the notes
and flags, but a private note only its author, read state only its reader, and a note changed or
removed only by its author. Access to the dossier itself is the schema's GRANTs (see access.py).
"""

from __future__ import annotations

from psycopg import sql

TEAM_TABLES = ("notes", "flags", "reads")

# Author and reader are the database role (current_user): the client cannot claim to be someone
# else. `author_name` is the display name the analyst configured (DOSSIER_AUTHOR), shown beside it.
_TABLES = """
CREATE TABLE IF NOT EXISTS {s}.notes (
    id text PRIMARY KEY,
    author text NOT NULL DEFAULT current_user,
    author_name text NOT NULL DEFAULT '',
    private boolean NOT NULL DEFAULT false,
    article text NOT NULL,
    paragraph integer NOT NULL,
    start_offset integer NOT NULL,
    end_paragraph integer NOT NULL,
    end_offset integer NOT NULL,
    quote text NOT NULL,
    prefix text NOT NULL DEFAULT '',
    suffix text NOT NULL DEFAULT '',
    digest text NOT NULL DEFAULT '',
    note text NOT NULL DEFAULT '',
    tags text[] NOT NULL DEFAULT '{{}}',
    label text NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notes_article ON {s}.notes (article);
CREATE TABLE IF NOT EXISTS {s}.flags (
    article text NOT NULL,
    flag text NOT NULL,
    author text NOT NULL DEFAULT current_user,
    digest text NOT NULL DEFAULT '',
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article, flag)
);
CREATE TABLE IF NOT EXISTS {s}.reads (
    reader text NOT NULL DEFAULT current_user,
    article text NOT NULL,
    digest text NOT NULL DEFAULT '',
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (reader, article)
);
ALTER TABLE {s}.notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE {s}.notes FORCE ROW LEVEL SECURITY;
ALTER TABLE {s}.flags ENABLE ROW LEVEL SECURITY;
ALTER TABLE {s}.flags FORCE ROW LEVEL SECURITY;
ALTER TABLE {s}.reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE {s}.reads FORCE ROW LEVEL SECURITY;
"""

# (table, policy, command, USING, WITH CHECK); created when missing, so a re-run changes nothing.
POLICIES = (
    ("notes", "notes_visible", "SELECT", "NOT private OR author = current_user", None),
    ("notes", "notes_add_own", "INSERT", None, "author = current_user"),
    ("notes", "notes_change_own", "UPDATE", "author = current_user", "author = current_user"),
    ("notes", "notes_remove_own", "DELETE", "author = current_user", None),
    ("flags", "flags_shared", "ALL", "true", "author = current_user"),
    ("reads", "reads_own", "ALL", "reader = current_user", "reader = current_user"),
)


def create_team_tables(conn, schema: str) -> None:
    """Create the notes, flags and reads tables with their policies in SCHEMA (idempotent)."""
    s = sql.Identifier(schema)
    conn.execute(sql.SQL(_TABLES).format(s=s))
    existing = {
        (table, name)
        for table, name in conn.execute(
            "SELECT tablename, policyname FROM pg_policies WHERE schemaname = %s", (schema,)
        )
    }
    for table, name, command, using, check in POLICIES:
        if (table, name) in existing:
            continue
        statement = sql.SQL("CREATE POLICY {} ON {}.{} FOR {}").format(
            sql.Identifier(name), s, sql.Identifier(table), sql.SQL(command)
        )
        if using:
            statement += sql.SQL(" USING ({})").format(sql.SQL(using))
        if check:
            statement += sql.SQL(" WITH CHECK ({})").format(sql.SQL(check))
        conn.execute(statement)
