"""PostgreSQL backend (#15): publish throughput beside the local first open, keystroke search and
related lookups on a local socket, database size per 1,000 articles.

A throwaway server (tests/pg_cluster.py: initdb in /tmp, Unix socket, fsync off as a test server
runs) is started for the section. Each dossier is opened cold twice in fresh cache dirs: once by
the local pipeline (`Workspace.open_all`, the reader's first open), once by `publish` (the same
pipeline, then rows and writes). 100,000 articles: the 10,000 dossier published, then its rows
copied nine times in SQL under new ids (the search and its tables as at 100,000; the texts repeat
ten times, where `corpora.generated_articles(100_000)` would give new ones, at hours of publishing
on this machine).
Figures are taken on a shared 2-core machine: say the load average beside them.

Bars: keystroke search p95 <= 30 ms at 100,000 articles on a local socket.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from psycopg import sql

TYPED = ["trump administration", "north korea missile", "tillerson", "putin -russia", '"white house" sanctions', "person:trump"]


def run(ctx) -> None:
    from tests.pg_cluster import PostgresCluster

    cluster = PostgresCluster()
    cluster.start()
    try:
        url = cluster.create_database("bench")
        _dossier(ctx, url, "3,824", "n3824", ctx.news_folder)
        _dossier(ctx, url, "10,000", "n10000", ctx.news_10k)
        _hundred_thousand(ctx, url)
    finally:
        cluster.remove()


def _fresh_cache(ctx) -> None:
    """Empty cache dirs: the next open is a first open."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="xdg-cache-", dir=ctx.workdir)


def _dossier(ctx, url: str, label: str, name: str, folder: Path) -> None:
    from dossier_tui.backends.postgres.backend import PostgresBackend
    from dossier_tui.backends.postgres.publish import publish
    from dossier_tui.pipeline import Workspace

    _fresh_cache(ctx)
    started = time.perf_counter()
    workspace = Workspace(folder).open_all()
    local = time.perf_counter() - started
    count = len(workspace.dossier.articles)
    del workspace
    _fresh_cache(ctx)
    started = time.perf_counter()
    report = publish(folder, url, name)
    cold = time.perf_counter() - started
    ctx.report(f"{label}: local first open (load, analysis, index, links)", count / local, "articles/s")
    ctx.report(f"{label}: publish, cold (the same pipeline, then rows and writes)", count / cold, "articles/s",
               baseline=count / local)
    # The pipeline's caches now warm: what building the rows and writing them costs.
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier("dossier_" + name)))
    started = time.perf_counter()
    publish(folder, url, name)
    ctx.report(f"{label}: publish with the local caches warm (rows and writes only)", time.perf_counter() - started, "s")
    started = time.perf_counter()
    again = publish(folder, url, name)
    ctx.report(f"{label}: publish again, nothing changed", time.perf_counter() - started, "s")
    assert again.unchanged and report.rows_written
    backend = PostgresBackend(url, name)
    _keystrokes(ctx, label, backend)
    _related(ctx, label, backend)
    _size(ctx, url, label, name, count)
    backend.close()


def _keystrokes(ctx, label: str, backend, bar: str | None = None) -> None:
    times = []
    for text in TYPED:
        for end in range(1, len(text) + 1):
            started = time.perf_counter()
            backend.search(text[:end], 50)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    ctx.report(f"{label}: keystroke search p50 ({len(times)} keys, 50 hits with offsets)", statistics.median(times), "ms")
    ctx.report(f"{label}: keystroke search p95", times[int(len(times) * 0.95)], "ms", bar=bar)


def _related(ctx, label: str, backend) -> None:
    rows = backend._rows("SELECT article_id, paragraph FROM {s}.links ORDER BY article_id, paragraph")
    some = random.Random(7).sample(rows, min(300, len(rows)))
    times = []
    for article_id, paragraph in some:
        started = time.perf_counter()
        backend.related(article_id, paragraph)
        backend.corroboration(article_id, paragraph)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    ctx.report(f"{label}: related passages + corroboration p95 ({len(times)} paragraphs)", times[int(len(times) * 0.95)], "ms")


def _size(ctx, url: str, label: str, name: str, count: int) -> None:
    import psycopg

    with psycopg.connect(url) as conn:
        size = conn.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind IN ('r', 'm')", ("dossier_" + name,)).fetchone()[0]
    ctx.report(f"{label}: database size per 1,000 articles (tables, indexes, TOAST)", size / count * 1000 / 2**20, "MB")


def _hundred_thousand(ctx, url: str) -> None:
    """The 10,000 dossier's rows copied nine times under new ids: 100,000 articles."""
    import psycopg

    from dossier_tui.backends.postgres.backend import PostgresBackend

    with psycopg.connect(url) as conn:
        conn.execute("CREATE SCHEMA dossier_n100000")
        for table in ("dossier", "articles", "paragraphs", "mentions", "aliases", "vocabulary", "stems", "entities", "quotes", "links",
                      "passage_terms", "article_parts", "quote_clusters", "versions", "impacts"):
            conn.execute(f"CREATE TABLE dossier_n100000.{table} (LIKE dossier_n10000.{table} INCLUDING ALL)")
        conn.execute("INSERT INTO dossier_n100000.dossier SELECT * FROM dossier_n10000.dossier")
        conn.execute("UPDATE dossier_n100000.dossier SET articles = articles * 10, name = 'n100000'")
        columns = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'dossier_n10000' AND table_name = 'articles'"
            " ORDER BY ordinal_position")]
        chosen = ", ".join("a.id || CASE WHEN k = 0 THEN '' ELSE '~' || k END" if c == "id" else
                           "a.position + k * 10000" if c == "position" else f"a.{c}" for c in columns)
        conn.execute(f"INSERT INTO dossier_n100000.articles SELECT {chosen} FROM dossier_n10000.articles a, generate_series(0, 9) k")
        conn.execute("INSERT INTO dossier_n100000.paragraphs SELECT p.article_id || CASE WHEN k = 0 THEN '' ELSE '~' || k END,"
                     " p.index, p.kind, p.text, p.flow, p.stems FROM dossier_n10000.paragraphs p, generate_series(0, 9) k")
        conn.execute("INSERT INTO dossier_n100000.mentions SELECT m.article_id || CASE WHEN k = 0 THEN '' ELSE '~' || k END,"
                     " m.position, m.paragraph, m.start_offset, m.end_offset, m.surface, m.entity, m.type, m.role"
                     " FROM dossier_n10000.mentions m, generate_series(0, 9) k")
        # Champion lists: a copy weighs what its original does, so the originals stay the champions.
        for table in ("aliases", "vocabulary", "links", "impacts"):
            conn.execute(f"INSERT INTO dossier_n100000.{table} SELECT * FROM dossier_n10000.{table}")
        conn.execute("INSERT INTO dossier_n100000.stems SELECT stem, df * 10 FROM dossier_n10000.stems")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE dossier_n100000.articles")
        conn.execute("ANALYZE dossier_n100000.paragraphs")
        conn.execute("ANALYZE dossier_n100000.mentions")
    backend = PostgresBackend(url, "n100000")
    backend.search("warm up", 20)
    _keystrokes(ctx, "100,000", backend, bar="p95 <= 30 ms")
    backend.close()
