"""Related passages on the 3,824 NewsArticles: cold linking against the cold search index build
(bar: linking adds <= 30%), reopen, relinking after one article changes, per-paragraph lookup
latency (bar: p95 <= 20 ms), and how well "same text" finds the other outlet's copy of a quote,
against the issue's method (word 3-shingles scored by Jaccard / containment) in the same run.
"""

from __future__ import annotations

import gc
import random
import re
import shutil
import statistics
import time
from collections import Counter

from dossier_tui.corpus import load_dossier
from dossier_tui.locations import dossier_cache
from dossier_tui.related import RelatedIndex
from dossier_tui.related.normalise import fold
from dossier_tui.related.outlets import outlet

QUOTE = re.compile(r'"([^"]{40,400})"')
QUOTE_WORDS = 10  # a quote this long in two outlets is the same passage, not a stock phrase
LOOKUPS = 1000


def run(ctx) -> None:
    from dossier_tui.analysis import analyze
    from dossier_tui.index import DossierIndex

    folder = ctx.news_folder
    dossier = load_dossier(folder)
    analysis = analyze(dossier)
    n = len(dossier.articles)
    paragraphs = sum(len(a.body) for a in dossier.articles)

    index = DossierIndex.open(folder)
    shutil.rmtree(index.folder, ignore_errors=True)
    index = DossierIndex.open(folder)
    wall, cpu = _timed(lambda: index.update(dossier, analysis))
    index.close()
    ctx.report(f"cold search index build, {n:,} articles (CPU {cpu:,.1f} s)", wall, "s")

    cache = dossier_cache(dossier.root) / "related"
    shutil.rmtree(cache, ignore_errors=True)
    holder = {}
    link_wall, link_cpu = _timed(lambda: holder.setdefault("index", RelatedIndex.build(dossier, analysis, cache)))
    related = holder["index"]
    ctx.report(f"cold linking, {related.recomputed:,} passages from {paragraphs:,} body paragraphs (CPU {link_cpu:,.1f} s)", link_wall, "s")
    ctx.report("linking added to the cold index build (CPU time)", 100 * link_cpu / cpu, "%", bar="<= 30 %")
    ctx.report("linking added to the cold index build (wall time)", 100 * link_wall / wall, "%", bar="<= 30 %")
    pairs = Counter(kind for links in related._pairs.values() for _, _, kind in links)
    ctx.report("stored links per passage (same text)", pairs["same"] / related.recomputed, "links")
    ctx.report("stored links per passage (similar)", pairs["similar"] / related.recomputed, "links")
    del related

    holder.clear()
    gc.collect()  # the cold build's garbage is not the reopen's cost
    reopen, _ = _timed(lambda: holder.update(index=RelatedIndex.build(dossier, analysis, cache)))
    ctx.report("reopen unchanged (nothing relinked)", reopen, "s", bar="<= 1 s")
    _lookups(ctx, dossier, holder["index"])

    changed = dossier.articles[len(dossier.articles) // 2]
    original = changed.paragraphs[-1].text
    changed.paragraphs[-1].text += " " + dossier.articles[0].body[0].text
    update, _ = _timed(lambda: holder.update(index=RelatedIndex.build(dossier, analysis, cache)))
    ctx.report(f"relink after one article changed ({holder['index'].recomputed} passages relinked)", update, "s")
    changed.paragraphs[-1].text = original  # leave the cache matching the files for later sections
    holder.update(index=RelatedIndex.build(dossier, analysis, cache))

    _quote_partners(ctx, load_dossier(folder), holder["index"])


def _timed(action) -> tuple[float, float]:
    started, started_cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - started, time.process_time() - started_cpu


def _lookups(ctx, dossier, related) -> None:
    """Per-paragraph lookups as the panel makes them, on a freshly opened index (cold caches)."""
    body = [(a.id, p.index) for a in dossier.articles for p in a.body]
    random.Random(5).shuffle(body)
    times = []
    for article_id, paragraph in body[:LOOKUPS]:
        started = time.perf_counter()
        related.links(article_id, paragraph, 10)
        times.append((time.perf_counter() - started) * 1000)
    ctx.report(f"lookup p50 ({LOOKUPS} random paragraphs, top 10 with highlight ranges)", statistics.median(times), "ms")
    ctx.report("lookup p95", statistics.quantiles(times, n=20)[-1], "ms", bar="<= 20 ms")


def _quote_partners(ctx, dossier, related) -> None:
    """Quotes of 10+ words carried by two or more outlets: does the paragraph quoting it in one
    outlet get another outlet's paragraph with the same quote as its first link?"""
    carriers: dict[tuple[str, ...], set[tuple[str, int]]] = {}
    for article in dossier.articles:
        for paragraph in article.body:
            for match in QUOTE.finditer(paragraph.text):
                words = tuple(fold(w) for w in re.findall(r"\w+", match.group(1)))
                if len(words) >= QUOTE_WORDS:
                    carriers.setdefault(words, set()).add((article.id, paragraph.index))
    articles = {a.id: a for a in dossier.articles}
    texts = {(a.id, p.index): " ".join(fold(w) for w in re.findall(r"\w+", p.text)) for a in articles.values() for p in a.body}
    queries = []
    for words, found in carriers.items():
        phrase = " ".join(words)
        holders = {key for key, text in texts.items() if phrase in text} if len({outlet(articles[a]) for a, _ in found}) > 1 else set()
        for key in found:
            partners = {k for k in holders if outlet(articles[k[0]]) != outlet(articles[key[0]])}
            if partners:
                queries.append((key, partners))
    baseline = _ShingleBaseline(texts)
    scores = {"related index": [], "baseline Jaccard": [], "baseline containment": []}
    for key, partners in queries:
        ranked = [(l.article_id, l.paragraph) for l in related.links(*key, 10) if outlet(articles[l.article_id]) != outlet(articles[key[0]])]
        scores["related index"].append(_rank(ranked, partners))
        for name, ranked in baseline.rankings(key, lambda k: outlet(articles[k[0]]) != outlet(articles[key[0]])).items():
            scores[f"baseline {name}"].append(_rank(ranked, partners))
    ctx.report("cross-outlet quote queries (paragraph quoting 10+ words another outlet also quotes)", len(queries), "queries")
    for name, ranks in scores.items():
        first = 100 * sum(r == 1 for r in ranks) / len(ranks)
        top5 = 100 * sum(1 <= r <= 5 for r in ranks) / len(ranks)
        ctx.report(f"{name}: other outlet's quoting paragraph first", first, "%", bar=">= 82 % (issue's measure)" if name == "related index" else None)
        ctx.report(f"{name}: in the top 5", top5, "%", bar=">= 99 %" if name == "related index" else None)


def _rank(ranked, partners) -> int:
    return next((n for n, key in enumerate(ranked, 1) if key in partners), 0)


class _ShingleBaseline:
    """The issue's guidance: word 3-shingles of whole paragraphs, ranked by Jaccard or containment."""

    def __init__(self, texts: dict[tuple[str, int], str]) -> None:
        self.sets = {}
        self.postings: dict[tuple[str, ...], list] = {}
        for key, text in texts.items():
            words = text.split()
            shingles = set(zip(words, words[1:], words[2:]))
            self.sets[key] = shingles
            for shingle in shingles:
                self.postings.setdefault(shingle, []).append(key)

    def rankings(self, key, accept) -> dict[str, list]:
        mine = self.sets[key]
        shared = Counter(k for s in mine for k in self.postings[s] if k[0] != key[0] and accept(k))
        jaccard = sorted(shared, key=lambda k: shared[k] / (len(mine) + len(self.sets[k]) - shared[k]), reverse=True)
        containment = sorted(shared, key=lambda k: shared[k] / min(len(mine), len(self.sets[k])), reverse=True)
        return {"Jaccard": jaccard[:10], "containment": containment[:10]}
