"""Loading: real exports into clean articles (bar: the 3,824 NewsArticles CSV under 5 s).

Each figure has a baseline measured in the same run: the bare parse of the same bytes with the
standard library, i.e. what loading costs before normalising, classifying furniture, cutting flow
passages and hashing. Loads are cold (load cache emptied) unless the metric says otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import time

from benchmarks import corpora
from dossier_tui.corpus import load_dossier
from dossier_tui.locations import dossier_cache


def _cold(path):
    """Load with the dossier's load cache emptied first: every file parsed."""
    shutil.rmtree(dossier_cache(path) / "corpus", ignore_errors=True)
    return load_dossier(path)


def _timed(work):
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def run(ctx) -> None:
    # The CSV export, one file of 3,824 records.
    path = ctx.news_csv
    rows, baseline = _timed(lambda: list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))))
    dossier, elapsed = _timed(lambda: _cold(path))
    ctx.report(
        f"load NewsArticles CSV ({len(dossier.articles):,} articles of {len(rows):,} rows; baseline csv.DictReader)",
        elapsed, "s", baseline, "< 5 s",
    )
    _, elapsed = _timed(lambda: load_dossier(path))
    ctx.report("  again, unchanged (from the load cache)", elapsed, "s", baseline)
    flow = sum(p.flow for a in dossier.articles for p in a.paragraphs)
    ctx.report("  flow passages cut from text without paragraph breaks", flow, "paragraphs")

    # The same articles as a folder of Markdown files with front matter.
    folder = ctx.news_folder
    files = sorted(folder.glob("*.md"))
    _, baseline = _timed(lambda: [f.read_text(encoding="utf-8") for f in files])
    dossier, elapsed = _timed(lambda: _cold(folder))
    ctx.report(
        f"load NewsArticles folder ({len(files):,} .md files with front matter; baseline read_text of each)",
        elapsed, "s", baseline,
    )
    _, elapsed = _timed(lambda: load_dossier(folder))
    ctx.report("  again, unchanged (from the load cache)", elapsed, "s", baseline)

    # A 50 MB JSON Lines export (the set four times over): big files load, they are not refused.
    big = ctx.workdir / "news-50mb" / "export.jsonl"
    big.parent.mkdir(parents=True, exist_ok=True)
    records = corpora.news_articles()
    with big.open("w", encoding="utf-8") as handle:
        for copy in range(4):
            for row in records:
                handle.write(json.dumps({**row, "article_id": f"{copy}-{row['article_id']}"}, ensure_ascii=False) + "\n")
    size_mb = big.stat().st_size / 1024 / 1024
    _, baseline = _timed(lambda: [json.loads(line) for line in big.read_text(encoding="utf-8").splitlines()])
    dossier, elapsed = _timed(lambda: _cold(big))
    ctx.report(f"load a {size_mb:.0f} MB JSON Lines export ({len(dossier.articles):,} articles; baseline json.loads per line)", elapsed, "s", baseline)

    # The built-in dossier, as the reader opens it.
    dossier, elapsed = _timed(lambda: _cold(ctx.seeds))
    ctx.report(f"load the built-in dossier ({len(dossier.articles)} articles)", elapsed * 1000, "ms")
