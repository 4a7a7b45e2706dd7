"""Analysis: entities, alias clusters, quotes and speakers on the 3,824 NewsArticles, cold
(empty cache: every article extracted) and warm (reopen: everything from the cache)."""

from __future__ import annotations

import re
import shutil
import time

from dossier_tui.analysis import analyze
from dossier_tui.analysis.cache import cache_path
from dossier_tui.corpus import load_dossier

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def run(ctx) -> None:
    dossier = load_dossier(ctx.news_csv)
    count = len(dossier.articles)
    shutil.rmtree(cache_path().parent, ignore_errors=True)

    # Baseline: a bare regex over the same paragraphs, the least any extractor must do.
    started = time.perf_counter()
    for article in dossier.articles:
        for paragraph in article.paragraphs:
            _CAPITALISED.findall(paragraph.text)
    baseline = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    cold = analyze(dossier)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    ctx.report(f"cold analysis of {count:,} articles (baseline: capitalised-word regex)", elapsed, "s", baseline)
    ctx.report("cold analysis throughput (extraction, clusters, cache writes)", count / elapsed, "articles/s")
    ctx.report("cold analysis throughput, CPU time", count / cpu, "articles/s")

    reloaded = load_dossier(ctx.news_csv)
    started = time.perf_counter()
    warm = analyze(reloaded)
    reopen = time.perf_counter() - started
    assert warm.extracted == 0, "reopening an unchanged dossier extracted articles again"
    ctx.report("reopen: analysis of the reloaded dossier (nothing extracted)", reopen, "s")
    ctx.report("warm analysis throughput", count / reopen, "articles/s")

    # Per-article extraction alone, in steady state (word lists loaded, recurring names memoised):
    # what re-reading edited articles costs.
    from dossier_tui.analysis.article_analysis import analyze_article

    started = time.process_time()
    for article in dossier.articles:
        analyze_article(article)
    extraction = time.process_time() - started
    ctx.report("per-article extraction throughput, CPU time", count / extraction, "articles/s", bar="> 1,000 articles/s")
    people = sum(1 for e in cold.entities if e.type == "PERSON")
    ctx.report("entities found (of which people)", len(cold.entities), f"({people:,} people)")
    _audit_people(ctx, cold)
    ctx.report("quotes found (speech with a speaker)", len(cold.quotes),
               f"({sum(1 for q in cold.quotes if q.speaker):,} attributed)")


def _audit_people(ctx, analysis) -> None:
    """Signs of over-merged people, for the audit (read the clusters themselves: a few, such as
    Jackson the city and the surname, are right)."""
    from dossier_tui.analysis import gazetteer
    from dossier_tui.analysis.transliteration import fold

    countries = gazetteer.countries()
    people = [e for e in analysis.entities if e.type == "PERSON"]
    ctx.report("people clusters holding a country's name (Korea in 'Patricia Currie')",
               sum(1 for e in people if any(a in countries for a in e.aliases)), "clusters")
    ctx.report("people clusters holding a one-letter or numbered form ('T', 'S-400')",
               sum(1 for e in people if any(len(fold(a)) < 2 or any(c.isdigit() for c in a) for a in e.aliases)), "clusters")
    ctx.report("most forms in one people cluster", max((len(e.aliases) for e in people), default=0), "forms")
