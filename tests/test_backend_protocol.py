"""The core interface (#15): the local backend answers it with today's results, and the PostgreSQL
schema a published dossier lives in can be created by an unprivileged role and is private to it."""

from __future__ import annotations

import psycopg
import pytest

from dossier_tui.backends.local import LocalBackend
from dossier_tui.backends.postgres import schema
from dossier_tui.backends.protocol import Annotations, DossierBackend
from dossier_tui.model import DossierError
from dossier_tui.pipeline import Workspace


@pytest.fixture(scope="module")
def seeds():
    backend = LocalBackend()
    yield backend
    backend.close()


def test_local_backend_answers_the_protocol(seeds):
    assert isinstance(seeds, DossierBackend)
    assert isinstance(seeds.annotations(), Annotations)


def test_local_backend_gives_the_workspace_results(seeds):
    workspace = Workspace().open_all()
    assert [a.id for a in seeds.articles()] == [a.id for a in workspace.dossier.articles]
    seeds.prepare_search()
    assert [h.to_json() for h in seeds.search("lukashenko").hits] == [h.to_json() for h in workspace.search("lukashenko").hits]
    assert [e.to_json() for e in seeds.entities()] == [e.to_json() for e in workspace.analysis.entities]
    first = workspace.dossier.articles[0]
    links = [(a.id, p.index) for a in workspace.dossier.articles for p in a.paragraphs if workspace.related.links(a.id, p.index)]
    assert links, "the seeds have related passages"
    article_id, paragraph = links[0]
    assert [l.to_json() for l in seeds.related(article_id, paragraph)] == [l.to_json() for l in workspace.related.links(article_id, paragraph)]
    summary = next(s for s in seeds.summaries() if s.id == first.id)
    assert summary.paragraphs == len(first.paragraphs) and summary.quotes == len(workspace.analysis.quotes_in(first.id))


def test_local_backend_says_which_id_is_unknown(seeds):
    with pytest.raises(DossierError, match="no article with id 'nope'"):
        seeds.related("nope", 0)
    article = seeds.articles()[0]
    with pytest.raises(DossierError, match="has no paragraph 999"):
        seeds.corroboration(article.id, 999)


@pytest.mark.parametrize("name", ["", "Belarus", "a b", "x;drop", "é", "a" * 48, "-x"])
def test_a_dossier_name_is_checked(name):
    with pytest.raises(DossierError, match="is not a dossier name"):
        schema.schema_for(name)


def test_the_schema_is_created_by_its_publisher_and_private_to_it(pg_db):
    publisher = pg_db.role("publisher")
    other = pg_db.role("other")
    with pg_db.connect() as conn:
        conn.execute(f'GRANT CREATE ON DATABASE "{pg_db.name}" TO "{publisher.name}"')
    with psycopg.connect(publisher.url) as conn:
        created = schema.create(conn, "belarus")
    assert created == "dossier_belarus"
    with pg_db.connect() as conn:
        tables = {row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'dossier_belarus'")}
        owner = conn.execute("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'dossier_belarus'").fetchone()[0]
    assert set(schema.PUBLISHED_TABLES) <= tables
    assert owner == publisher.name
    with psycopg.connect(other.url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT count(*) FROM dossier_belarus.articles")
