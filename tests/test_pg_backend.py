"""The PostgreSQL backend against the local one (#15), on a real throwaway server (tests/pg_cluster.py):
the same articles and top hit for the local tests' queries, with the same offsets and snippets;
entities, quotes, related passages, corroboration, compare and quote clusters identical; an
incremental publish; one publisher at a time; hostile queries, ids and names do nothing."""

from __future__ import annotations

import json
import shutil
import threading
import time

import psycopg
import pytest

from dossier_tui.backends.local import LocalBackend
from dossier_tui.backends.postgres.backend import PostgresBackend, published
from dossier_tui.backends.postgres.publish import LOCK_SPACE, publish
from dossier_tui.backends.protocol import DossierBackend
from dossier_tui.locations import builtin_dossier
from dossier_tui.model import DossierError
from tests.cli_run import cli

# The queries of tests/test_search_queries.py and tests/test_search_entities.py, on the seeds.
SEED_QUERIES = [
    "Gulevich", "Gulev", '"letter of resignation"', "resign ", "Gulevich -Khrenin ", "Gulevich NOT Khrenin ", "-Kyiv ",
    "Kavaleuski OR Gulevich ", "Kavaleuski OR Gulevich battalion ", "staging -Minsk ", "date:2023",
    "date:2023-03-01..2023-04 Lukashenko", 'source:"real news"', "source:nv", "title:Lukashenko ", "Tsikhanouskaya ",
    "Tikhanovskaya ", "person:Tsikhanouskaya", "territory", "territory of", "the of ", "Gulevich resignation ",
    "lukashenko", "belarus", "be",
]
# Real news: words, prefixes being typed, phrases, fields, dates, operators.
NEWS_QUERIES = [
    "trump", "north korea", "trump adm", '"white house"', "putin -russia", "title:china", "date:2017-03..2017-04 trump",
    "person:trump", "kim jong", "missile OR nuclear", "obama", "election", "refugees", "syria", "police shooting",
    "immigration ban", "france election", "le pen", "korea missile", "merkel", "place:london", "org:fbi",
]


@pytest.fixture(scope="module")
def server(pg_cluster):
    name = "t_pg_backend_" + str(time.monotonic_ns())[-6:]
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)


@pytest.fixture(scope="module")
def seeds(server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(builtin_dossier(), folder)
    publish(folder, server, "seeds")
    pair = (LocalBackend(folder), PostgresBackend(server, "seeds"))
    pair[0].prepare_search()
    yield pair
    for backend in pair:
        backend.close()


@pytest.fixture(scope="module")
def news(server, news_dossier):
    folder = news_dossier(300, "md")
    publish(folder, server, "news")
    pair = (LocalBackend(folder), PostgresBackend(server, "news"))
    pair[0].prepare_search()
    yield pair
    for backend in pair:
        backend.close()


def _same_search(local, remote, query: str) -> None:
    """Every matching article found (the ranks below the top may differ: BM25 over candidates)."""
    mine, theirs = remote.search(query, limit=1000), local.search(query, limit=1000)
    assert mine.total == theirs.total, query
    assert {h.article_id for h in mine.hits} == {h.article_id for h in theirs.hits}, query
    if theirs.hits:
        assert mine.hits[0].article_id == theirs.hits[0].article_id, query
    expected = {h.article_id: (h.to_json()["highlights"], h.snippet, h.title, h.source, h.date) for h in theirs.hits}
    for hit in mine.hits:
        assert (hit.to_json()["highlights"], hit.snippet, hit.title, hit.source, hit.date) == expected[hit.article_id], query


@pytest.mark.parametrize("query", SEED_QUERIES)
def test_seeds_search_the_same(seeds, query):
    _same_search(*seeds, query)


@pytest.mark.parametrize("query", NEWS_QUERIES)
def test_real_news_search_the_same(news, query):
    _same_search(*news, query)


def test_the_postgres_backend_answers_the_protocol(seeds):
    assert isinstance(seeds[1], DossierBackend)


@pytest.mark.parametrize("which", ["seeds", "news"])
def test_analysis_and_links_are_identical(which, request):
    local, remote = request.getfixturevalue(which)
    assert [a.to_json() for a in remote.articles()] == [a.to_json() for a in local.articles()]
    assert remote.summaries() == local.summaries()
    assert [e.to_json() for e in remote.entities()] == [e.to_json() for e in local.entities()]
    assert [q.to_json() for q in remote.quotes()] == [q.to_json() for q in local.quotes()]
    assert [c.to_json() for c in remote.quote_clusters()] == [c.to_json() for c in local.quote_clusters()]
    for name in ("Lukashenko", "Trump", "tsikhanouskaya"):
        found, expected = remote.entity(name), local.entity(name)
        assert (found and found.to_json()) == (expected and expected.to_json())
    linked = []
    for article in local.articles()[:60]:
        for paragraph in article.paragraphs:
            links = local.related(article.id, paragraph.index)
            assert [l.to_json() for l in remote.related(article.id, paragraph.index)] == [l.to_json() for l in links]
            assert remote.corroboration(article.id, paragraph.index) == local.corroboration(article.id, paragraph.index)
            linked += [(article.id, link.article_id) for link in links]
    assert linked, "some passages are related"
    for a, b in linked[:15]:
        assert remote.compare(a, b).to_json() == local.compare(a, b).to_json()


def test_unknown_ids_and_paragraphs_are_one_line(seeds):
    local, remote = seeds
    article = local.articles()[0]
    for backend in seeds:
        with pytest.raises(DossierError, match="no article with id"):
            backend.related("nope", 0)
        with pytest.raises(DossierError, match="has no paragraph 999"):
            backend.corroboration(article.id, 999)
        with pytest.raises(DossierError, match="no article with id"):
            backend.compare(article.id, "nope")
    assert remote.article("nope") is None


def test_the_cli_prints_the_same_json(seeds, server, monkeypatch, capsys):
    local, _ = seeds
    article = local.articles()[0].id
    for args in (["search", "Gulevich"], ["entities", "--type", "person"], ["quotes"], ["related", article], ["list"],
                 ["compare", article, local.articles()[2].id]):
        code, mine, err = cli(capsys, *args, "--db", server, "-d", "seeds", "--json")
        expected_code, theirs, _ = cli(capsys, *args, "-d", local.name, "--json")
        assert code == expected_code == 0, err
        assert _unscored(json.loads(mine)) == _unscored(json.loads(theirs))
    monkeypatch.setenv("DOSSIER_DB", server)  # no --db: the URL from the environment
    code, listed, _ = cli(capsys, "dossiers", "--json")
    assert code == 0 and {d["name"]: d["articles"] for d in json.loads(listed)}["seeds"] == 5
    from_environment = cli(capsys, "search", "-d", "seeds", "Gulevich", "--json")
    assert from_environment[0] == 0 and from_environment[1] == cli(capsys, "search", "--db", server, "-d", "seeds", "Gulevich", "--json")[1]


def _unscored(data):
    """A search's JSON without its scores: both are BM25, but Whoosh keeps field lengths in a byte."""
    if isinstance(data, list) and data and "score" in data[0]:
        return [{k: v for k, v in hit.items() if k != "score"} for hit in data]
    return data


def test_a_password_is_never_printed(server, capsys):
    wrong = server.replace("postgres:", "postgres:Sekrit-", 1)
    code, out, err = cli(capsys, "search", "--db", wrong, "-d", "seeds", "x")
    assert code == 2 and "Sekrit" not in out + err
    assert len(err.strip().splitlines()) == 1


def test_publish_again_writes_only_what_changed(server, tmp_path):
    folder = tmp_path / "dossier"
    shutil.copytree(builtin_dossier(), folder)
    first = publish(folder, server, "incremental")
    assert (first.version, first.added, first.deleted) == (1, 5, 0)
    again = publish(folder, server, "incremental")
    assert again.unchanged and again.version == 1
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    files[0].unlink()
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\n\nA new closing paragraph about Zorblax.\n", encoding="utf-8")
    (folder / "extra.txt").write_text("Zorblax arrives\n\nZorblax arrived in Minsk on Tuesday.\n", encoding="utf-8")
    third = publish(folder, server, "incremental")
    assert (third.version, third.added, third.deleted) == (2, 1, 1)
    assert third.changed >= 1
    assert third.rows_written < first.rows_written
    local, remote = LocalBackend(folder), PostgresBackend(server, "incremental")
    local.prepare_search()
    for query in ("zorblax", "Gulevich", "lukashenko"):
        _same_search(local, remote, query)
    assert [e.to_json() for e in remote.entities()] == [e.to_json() for e in local.entities()]
    assert [a.id for a in remote.articles()] == [a.id for a in local.articles()]
    with psycopg.connect(server) as conn:
        versions = conn.execute("SELECT version, added, deleted FROM dossier_incremental.versions ORDER BY version").fetchall()
    assert versions == [(1, 5, 0), (2, 1, 1)]
    remote.close()


def test_a_second_publisher_is_told_and_waits_for_nothing(server, tmp_path):
    folder = tmp_path / "dossier"
    shutil.copytree(builtin_dossier(), folder)
    publish(folder, server, "locked")
    with psycopg.connect(server, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s, hashtext('dossier_locked'))", (LOCK_SPACE,))
        started = time.monotonic()
        with pytest.raises(DossierError, match=r"dossier 'locked' is being published by postgres \(server process \d+\)"):
            publish(folder, server, "locked")
        assert time.monotonic() - started < 30
    assert publish(folder, server, "locked").unchanged  # released with the holder's session


def test_readers_keep_the_old_version_until_the_publish_commits(server, tmp_path):
    folder = tmp_path / "dossier"
    shutil.copytree(builtin_dossier(), folder)
    publish(folder, server, "switch")
    reader = PostgresBackend(server, "switch")
    before = reader.search("Gulevich").total
    with psycopg.connect(server) as writer:  # a publish in flight: rows gone, not committed
        writer.execute("DELETE FROM dossier_switch.articles")
        assert reader.search("Gulevich").total == before
        assert len(reader.articles()) == 5
    reader.close()


def test_the_next_keystroke_cancels_a_search_in_flight(seeds, server):
    _, remote = seeds
    found = []
    with psycopg.connect(server) as blocker:  # holds the table: the search waits on its lock
        blocker.execute("LOCK TABLE dossier_seeds.articles IN ACCESS EXCLUSIVE MODE")
        worker = threading.Thread(target=lambda: found.append(remote.search("Gulevich")))
        worker.start()
        deadline = time.monotonic() + 10
        while not remote._search_lock.locked() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        remote.cancel()
        worker.join(10)
        assert not worker.is_alive()
    assert found and found[0].hits == []
    assert remote.search("Gulevich").total == 2  # the connection serves the next keystroke


HOSTILE = [
    "'; DROP TABLE dossier_seeds.articles; --", '"); DROP SCHEMA dossier_seeds CASCADE; --', "title:'x' OR 1=1",
    "person:\"o'brien\\\"", "source:\\' OR ''='", "date:2023' OR '1'='1", "a' | 'b':* & !c", "\x00nul", "x" * 5000,
    "ab\\", "'''", "':*", "!!!", "<->", "&", "robert'); DROP TABLE students;--",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_do_nothing(seeds, server, query):
    _, remote = seeds
    try:
        remote.search(query)
    except DossierError as error:  # one line, never a server-side effect
        assert "\n" not in str(error)
    with psycopg.connect(server) as conn:
        assert conn.execute("SELECT count(*) FROM dossier_seeds.articles").fetchone()[0] == 5


@pytest.mark.parametrize("value", ["x'; DROP TABLE dossier_seeds.articles; --", "000_037e540408ff3126' OR '1'='1", "\\x00"])
def test_hostile_ids_and_names_do_nothing(seeds, server, value):
    _, remote = seeds
    assert remote.article(value) is None
    with pytest.raises(DossierError):
        remote.related(value, 0)
    with pytest.raises(DossierError):
        remote.compare(value, value)
    assert remote.entity(value) is None
    assert remote.quotes(value) == []
    with pytest.raises(DossierError, match="is not a dossier name"):
        PostgresBackend(server, value)
    with psycopg.connect(server) as conn:
        assert conn.execute("SELECT count(*) FROM dossier_seeds.articles").fetchone()[0] == 5
    assert {d.name for d in published(server)} >= {"seeds"}


def test_a_search_matching_many_articles_ranks_the_champions(server, news, monkeypatch):
    """Past SMALL matches only the champions of the query's terms are ranked (schema.py): a
    one-word search still has the local top hit, and any search shows a full page."""
    from dossier_tui.backends.postgres import rows, search

    local, _ = news
    monkeypatch.setattr(rows, "CHAMPIONS", 10)
    monkeypatch.setattr(search, "CHAMPIONS", 10)
    publish(local.workspace.path, server, "champions")
    monkeypatch.setattr(search, "SMALL", 0)
    remote = PostgresBackend(server, "champions")
    with psycopg.connect(server) as conn:
        assert conn.execute("SELECT count(DISTINCT term), max(n) FROM (SELECT term, count(*) OVER (PARTITION BY term) AS n"
                            " FROM dossier_champions.impacts) x").fetchone()[1] == 10
    for query in ("trump ", "said ", "president ", "russia ", "trump OR obama ", "north korea ", "trump adm"):
        mine, theirs = remote.search(query, limit=20), local.search(query, limit=20)
        assert len(mine.hits) == min(20, theirs.total), query
        if " " not in query.strip():
            assert mine.hits[0].article_id == theirs.hits[0].article_id, query
    remote.close()
