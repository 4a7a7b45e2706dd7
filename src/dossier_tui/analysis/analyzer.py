"""The analysis of a whole dossier: cached per-article extraction, then dossier-wide clusters,
the user's aliases.yaml, and quotes whose speakers carry their cluster's canonical name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from dossier_tui.analysis.alias_clusters import Cluster, build_clusters
from dossier_tui.analysis.article_analysis import ArticleAnalysis, analyze_article
from dossier_tui.analysis.cache import AnalysisCache, DossierAnalysisCache
from dossier_tui.analysis.records import Analysis, Entity, Mention, Quote, Span
from dossier_tui.analysis.alias_files import alias_files
from dossier_tui.analysis.user_aliases import apply_aliases, read_aliases
from dossier_tui.gc_pause import gc_paused
from dossier_tui.model import Dossier

# Write extracted results to the cache in batches, so an interrupted run keeps most of its work.
_BATCH = 500
# Names known to be one entity whatever the dossier (data/known_aliases.yaml).
KNOWN_ALIASES = Path(__file__).resolve().parents[1] / "data" / "known_aliases.yaml"


def analyze(dossier: Dossier, on_progress: Callable[[int, int], None] | None = None) -> Analysis:
    with gc_paused():
        return _cached_or_new(dossier, on_progress)


def _cached_or_new(dossier: Dossier, on_progress: Callable[[int, int], None] | None) -> Analysis:
    stored = DossierAnalysisCache(dossier)
    analysis = stored.load()
    if analysis is not None:
        if on_progress is not None:
            on_progress(len(dossier.articles), len(dossier.articles))
        return analysis
    analysis = _analyze(dossier, on_progress)
    stored.save(analysis)
    return analysis


def _analyze(dossier: Dossier, on_progress: Callable[[int, int], None] | None) -> Analysis:
    articles = dossier.articles
    cache = AnalysisCache()
    try:
        results = cache.get_many(sorted({a.digest for a in articles if a.digest}))
        cached = sum(1 for a in articles if a.digest in results)
        extracted = 0
        fresh: dict[str, ArticleAnalysis] = {}
        per_article: list[ArticleAnalysis] = []
        for done, article in enumerate(articles, 1):
            result = results.get(article.digest) if article.digest else None
            if result is None:
                result = analyze_article(article)
                extracted += 1
                if article.digest:
                    results[article.digest] = fresh[article.digest] = result
                    if len(fresh) >= _BATCH:
                        cache.put_many(fresh)
                        fresh = {}
            per_article.append(result)
            if on_progress is not None and (done % 100 == 0 or done == len(articles)):
                on_progress(done, len(articles))
        cache.put_many(fresh)
    finally:
        cache.close()
    return _assemble(dossier, per_article, extracted, cached)


def _assemble(dossier: Dossier, per_article: list[ArticleAnalysis], extracted: int, cached: int) -> Analysis:
    raw = [r.mentions for r in per_article]
    speakers = {(a, q.speaker) for a, r in enumerate(per_article) for q in r.quotes if q.speaker is not None}
    clusters = build_clusters(raw, speakers)
    # Built-in first: a dossier that does not mention one of its names is no problem to report.
    clusters, _ = apply_aliases(read_aliases(KNOWN_ALIASES)[0], clusters, raw, str(KNOWN_ALIASES))
    warnings: list[str] = []
    for path in alias_files(dossier.root):
        aliases, problems = read_aliases(path)
        clusters, unapplied = apply_aliases(aliases, clusters, raw, str(path))
        warnings += problems + unapplied
    ids = [a.id for a in dossier.articles]
    entities = [_entity(c, raw, ids) for c in clusters]
    entities.sort(key=lambda e: (-e.count, e.name))
    name_of = {ref: (c.name, c.type) for c in clusters for ref in c.refs}
    quotes = []
    for a, result in enumerate(per_article):
        for q in result.quotes:
            speaker = name_of.get((a, q.speaker)) if q.speaker is not None else None
            spans = [Span(p, s, e) for p, s, e in q.spans]
            quotes.append(Quote(ids[a], spans[0].paragraph, spans[0].start, spans[0].end, q.text,
                                speaker[0] if speaker else None, q.cue, q.kind, spans))
    return Analysis(entities, quotes, warnings, extracted, cached)


def _entity(cluster: Cluster, raw, ids: list[str]) -> Entity:
    refs = sorted(cluster.refs)
    mentions = []
    for a, i in refs:
        m = raw[a][i]
        mentions.append(Mention(ids[a], m.paragraph, m.start, m.end, m.surface, cluster.name, cluster.type, m.role))
    counts = Counter(m.surface for m in mentions)
    aliases = sorted(counts, key=lambda s: (-counts[s], s))
    articles = list(dict.fromkeys(ids[a] for a, _ in refs))
    return Entity(cluster.name, cluster.type, aliases, len(mentions), articles, mentions)
