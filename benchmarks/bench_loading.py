"""Loading: the 3,824 NewsArticles CSV into clean articles (bar: under 5 s)."""

from __future__ import annotations

import csv
import io
import time

from dossier_tui.corpus import load_dossier


def run(ctx) -> None:
    path = ctx.news_csv
    started = time.perf_counter()
    raw = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    dossier = load_dossier(path)
    elapsed = time.perf_counter() - started
    ctx.report(f"load NewsArticles CSV ({len(dossier.articles):,} articles, baseline: csv.DictReader of {len(rows):,} rows)", elapsed, "s", baseline, "< 5 s")
