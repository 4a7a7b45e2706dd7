"""Warm CLI commands on the 3,824 NewsArticles (one .txt per article), whole process, median of 5,
after one cold open: what a user waits for when nothing changed (issue 12). Baseline: `grep -ril`
for the search, the same command's cold first open for the others.

Taken on whatever machine runs it; ours is a shared 2-core box, so figures move with its load.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from benchmarks import corpora

RUNS = 5


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900, check=False)
    return time.perf_counter() - started


def _median(command: list[str]) -> float:
    return statistics.median(_timed(command) for _ in range(RUNS))


def run(ctx) -> None:
    folder = ctx.workdir / "news-txt"
    if not folder.exists():
        corpora.write_news_texts(folder, corpora.news_articles())
    ids = sorted(p.stem for p in folder.glob("*.txt"))
    dossier = [sys.executable, "-m", "dossier_tui"]
    commands = {
        "search \"north korea\"": [*dossier, "search", "-d", str(folder), "north korea"],
        "related ID": [*dossier, "related", "-d", str(folder), ids[0]],
        "list": [*dossier, "list", "-d", str(folder)],
        "entities": [*dossier, "entities", "-d", str(folder)],
        "quotes": [*dossier, "quotes", "-d", str(folder)],
    }
    grep = _median(["grep", "-ril", "north korea", str(folder)])
    for name, command in commands.items():
        cold = _timed(command)
        warm = _median(command)
        baseline, what = (grep, "grep -ril") if name.startswith("search") else (cold, "its cold first open")
        bar = "≤ 0.3 s" if name.startswith(("search", "related")) else "≤ 0.5 s"
        ctx.report(f"warm `dossier {name}`, whole process, 3,824 articles (baseline {what})", warm, "s", baseline, bar)
