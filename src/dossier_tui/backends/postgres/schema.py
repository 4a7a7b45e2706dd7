"""The tables of a published dossier: one PostgreSQL schema per dossier, `dossier_<name>`.

One schema per dossier makes access pure GRANTs on the schema (no row-level security on the
search path), partitioning by dossier free, and Citus schema-based sharding possible. The
publisher that creates it owns it; a role granted `--publish` re-publishes with DML only.

Every derived table carries `hash`, the digest of its row's content, so a re-publish compares
hashes and writes only the rows that changed (`publish.py`). Text search does not use a
PostgreSQL dictionary: the tsvectors hold our own stems (`index.schema.terms`, Porter, the stop
words of the local index), so a query means the same on both backends.

`articles.body` is the one search vector of an article (one GIN index answers every clause):
- the entity names and aliases of the article, lowercased words prefixed by their field
  (`p:` person, `l:` place, `o:` org, `s:` speaker): `person:` `place:` `org:` `speaker:`;
- `t:` the first letter and the first two letters of title words and entity names (a word of one
  or two letters being typed);
- `src:` the outlet's words (`source:`);
- the title's stems (weight A) then the body's (D): words, `title:` (`:A`), phrases (`<->` on
  consecutive stems, stop words skipped as the local index does).
`date` is compared as ISO text.

`impacts` holds champion lists: for each term in more than CHAMPIONS articles, the CHAMPIONS
articles where its BM25 weight (term frequency against length) is highest. A search matching
thousands of articles ranks the union of its terms' champions (and of its rare terms' articles)
instead of reading every matching vector: the top hit of a one-word search is exact, and the
rest as good as a champion list makes it (Manning, Raghavan, Schütze, ch. 7).
- `vocabulary` (word -> stem, and each stem's article frequency) expands the word being typed,
  as the local index expands a prefix over its own vocabulary.
"""

from __future__ import annotations

import re

from dossier_tui.backends.postgres.team_schema import create_team_tables
from dossier_tui.model import DossierError

SCHEMA_PREFIX = "dossier_"
SCHEMA_VERSION = 2  # of these tables; a dossier published by another version is to be published again
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,46}$")

# The fields BM25 scores, in the order of `articles.lengths` (1-based in SQL).
SCORED_FIELDS = ("body", "title", "person", "place", "org", "speaker")

# Prefixes of the fielded lexemes of `articles.body` (body stems have none: they hold no ':').
FIELD_PREFIX = {"person": "p:", "place": "l:", "org": "o:", "speaker": "s:", "source": "src:"}
TITLE_START = "t:"


def check_name(name: str) -> str:
    """A dossier's published name: lowercase letters, digits, '_' and '-', at most 47."""
    if not _NAME.match(name):
        raise DossierError(f"{name!r} is not a dossier name: use lowercase letters, digits, '_' and '-' (at most 47)")
    return name


def schema_for(name: str) -> str:
    """The PostgreSQL schema that holds the dossier NAME (quote it with psycopg.sql.Identifier)."""
    return SCHEMA_PREFIX + check_name(name)


def name_of(schema: str) -> str:
    return schema[len(SCHEMA_PREFIX):]


# {s} is the schema, formatted with psycopg.sql.Identifier. "C" collation: prefix ranges on
# words compare by code point whatever the database's locale.
TABLES = """
CREATE TABLE {s}.dossier (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    name text NOT NULL,
    schema_version integer NOT NULL,
    version integer NOT NULL DEFAULT 0,
    published_at timestamptz,
    publisher text,
    root text,
    articles integer NOT NULL DEFAULT 0,
    entities integer NOT NULL DEFAULT 0,
    quotes integer NOT NULL DEFAULT 0,
    passage_count integer NOT NULL DEFAULT 0,
    average_lengths real[] NOT NULL DEFAULT '{{}}',
    inputs jsonb NOT NULL DEFAULT '{{}}'
);
CREATE TABLE {s}.versions (
    version integer PRIMARY KEY,
    published_at timestamptz NOT NULL DEFAULT now(),
    publisher text NOT NULL DEFAULT current_user,
    added integer NOT NULL,
    changed integer NOT NULL,
    deleted integer NOT NULL,
    rows_written integer NOT NULL,
    seconds real NOT NULL
);
CREATE TABLE {s}.articles (
    id text PRIMARY KEY,
    position integer NOT NULL,
    path text NOT NULL,
    title text NOT NULL,
    source text,
    display_source text,
    date text COLLATE "C",
    url text,
    author text,
    digest text NOT NULL,
    paragraph_count integer NOT NULL,
    quote_count integer NOT NULL,
    shared_count integer NOT NULL,
    body tsvector NOT NULL,
    lengths integer[] NOT NULL,
    hash text NOT NULL
);
CREATE INDEX articles_body ON {s}.articles USING gin (body);
CREATE INDEX articles_date ON {s}.articles (date);
CREATE INDEX articles_position ON {s}.articles (position);
CREATE TABLE {s}.paragraphs (
    article_id text NOT NULL,
    index integer NOT NULL,
    kind text NOT NULL,
    text text NOT NULL,
    flow boolean NOT NULL,
    stems tsvector NOT NULL,
    PRIMARY KEY (article_id, index)
);
CREATE INDEX paragraphs_stems ON {s}.paragraphs USING gin (stems);
CREATE TABLE {s}.entities (
    type text NOT NULL,
    name text NOT NULL,
    position integer NOT NULL,
    count integer NOT NULL,
    aliases text[] NOT NULL,
    articles text[] NOT NULL,
    hash text NOT NULL,
    PRIMARY KEY (type, name)
);
CREATE INDEX entities_position ON {s}.entities (position);
CREATE TABLE {s}.aliases (
    key text PRIMARY KEY,
    type text NOT NULL,
    name text NOT NULL,
    name_words text[] NOT NULL,
    bridge boolean NOT NULL,
    hash text NOT NULL
);
CREATE TABLE {s}.mentions (
    article_id text NOT NULL,
    position integer NOT NULL,
    paragraph integer NOT NULL,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL,
    surface text NOT NULL,
    entity text NOT NULL,
    type text NOT NULL,
    role text,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX mentions_entity ON {s}.mentions (type, entity);
CREATE TABLE {s}.quotes (
    article_id text NOT NULL,
    position integer NOT NULL,
    paragraph integer NOT NULL,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL,
    text text NOT NULL,
    speaker text,
    cue text,
    kind text NOT NULL,
    spans jsonb NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker ON {s}.quotes (speaker);
CREATE TABLE {s}.article_parts (
    article_id text PRIMARY KEY,
    paragraphs_hash text NOT NULL,
    analysis_hash text NOT NULL
);
CREATE TABLE {s}.links (
    article_id text NOT NULL,
    paragraph integer NOT NULL,
    links jsonb NOT NULL,
    corroboration jsonb NOT NULL,
    hash text NOT NULL,
    PRIMARY KEY (article_id, paragraph)
);
CREATE TABLE {s}.quote_clusters (
    position integer PRIMARY KEY,
    data jsonb NOT NULL,
    hash text NOT NULL
);
CREATE TABLE {s}.passage_terms (
    term text PRIMARY KEY,
    df integer NOT NULL
);
CREATE TABLE {s}.vocabulary (
    word text COLLATE "C" PRIMARY KEY,
    stem text NOT NULL
);
CREATE TABLE {s}.impacts (
    term text COLLATE "C" NOT NULL,
    article_id text NOT NULL,
    tf integer NOT NULL,
    length integer NOT NULL,
    PRIMARY KEY (term, article_id)
);
CREATE TABLE {s}.stems (
    stem text COLLATE "C" PRIMARY KEY,
    df integer NOT NULL
);
"""

# What the publisher's schema lets nobody else see until `dossier grant`.
PRIVATE = "REVOKE ALL ON SCHEMA {s} FROM PUBLIC"

# The tables `publish` writes (a role granted --publish needs INSERT/UPDATE/DELETE on them).
PUBLISHED_TABLES = (
    "dossier", "versions", "articles", "paragraphs", "entities", "aliases", "mentions", "quotes",
    "article_parts", "links", "quote_clusters", "passage_terms", "vocabulary", "stems", "impacts",
)


def create(conn, name: str) -> str:
    """Create the dossier's schema and tables, private to their owner (the connected role), in
    the caller's transaction; the schema's name."""
    from psycopg import sql

    schema = schema_for(name)
    s = sql.Identifier(schema)
    conn.execute(sql.SQL("CREATE SCHEMA {s}").format(s=s))
    conn.execute(sql.SQL(PRIVATE).format(s=s))
    conn.execute(sql.SQL(TABLES).format(s=s))
    create_team_tables(conn, schema)  # the team's notes, flags and read state (team_schema.py)
    conn.execute(sql.SQL("INSERT INTO {s}.dossier (name, schema_version) VALUES (%s, %s)").format(s=s), (name, SCHEMA_VERSION))
    return schema
