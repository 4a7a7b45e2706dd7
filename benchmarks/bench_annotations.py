"""Annotations on the 3,824-article dossier: reading the store, re-anchoring 2,000 annotations on
open, and adding a note.

Baselines in the same run: loading the dossier warm (what the reader does before it can place
annotations), and the reader's warm launch to first paint without the annotations file. Bars:
first paint with 2,000 annotations at most 10% slower; adding a note < 20 ms.
"""

from __future__ import annotations

import random
import statistics
import time

COUNT = 2_000
ADDS = 200
LAUNCHES = 5


def run(ctx) -> None:
    from dossier_tui.annotations import AnnotationStore, place_all
    from dossier_tui.annotations.editing import new_annotation
    from dossier_tui.corpus import load_dossier

    folder = ctx.news_folder
    load_dossier(folder)  # warm the load cache
    started = time.perf_counter()
    dossier = load_dossier(folder)
    warm_load = time.perf_counter() - started
    ctx.report("warm load of the 3,824-article dossier (baseline)", warm_load, "s")

    rng = random.Random(11)
    annotations = []
    candidates = [a for a in dossier.articles if a.body]
    for number in range(COUNT):
        article = rng.choice(candidates)
        paragraph = rng.choice(article.body)
        words = paragraph.text.split(" ")
        first = rng.randrange(len(words))
        last = min(len(words), first + rng.randint(3, 25))
        start = len(" ".join(words[:first])) + (1 if first else 0)
        end = len(" ".join(words[:last]))
        try:
            annotations.append(new_annotation(article, paragraph.index, start, paragraph.index, end, note=f"note {number}", tags=[f"t{number % 7}"]))
        except ValueError:
            continue
    store = AnnotationStore(folder)
    for annotation in annotations:
        store.put(annotation)

    reads = []
    for _ in range(5):
        started = time.perf_counter()
        store = AnnotationStore(folder)
        reads.append(time.perf_counter() - started)
    ctx.report(f"read the store of {len(store.notes):,} annotations (median of 5)", statistics.median(reads) * 1000, "ms")

    timings = []
    for _ in range(5):
        started = time.perf_counter()
        placed = place_all(store.notes.values(), dossier)
        timings.append(time.perf_counter() - started)
    unchanged = statistics.median(timings)
    ctx.report("re-anchor 2,000 annotations, files unchanged (median of 5)", unchanged * 1000, "ms")
    ctx.report("read + re-anchor, as a share of the warm load", 100 * (unchanged + statistics.median(reads)) / warm_load, "%")

    # Every annotated file edited since (the quotes are no longer where they were): each is searched for.
    edited = [_shifted(a, start=a.target.start + 7, end=a.target.end + 7, digest="edited") for a in store.notes.values()]
    started = time.perf_counter()
    placed = place_all(edited, dossier)
    ctx.report("re-anchor 2,000 annotations, every file edited (exact search)", (time.perf_counter() - started) * 1000, "ms")
    assert all(p.state == "anchored" for p in placed)
    # A word changed inside each quote: every annotation needs the fuzzy match.
    fuzzy = [_shifted(a, digest="edited", quote=a.target.quote[:-3] + "xyz") for a in list(store.notes.values())[:200]]
    started = time.perf_counter()
    placed = place_all(fuzzy, dossier)
    spent = time.perf_counter() - started
    ctx.report("re-anchor by fuzzy match, per annotation (200 edited quotes)", spent / len(fuzzy) * 1000, "ms")

    adds = []
    article = candidates[0]
    for number in range(ADDS):
        started = time.perf_counter()
        store.put(new_annotation(article, article.body[0].index, note=f"added {number}"))
        adds.append(time.perf_counter() - started)
    adds.sort()
    ctx.report(f"add a note to a store of {COUNT:,} (p50 of {ADDS})", statistics.median(adds) * 1000, "ms", bar="< 20 ms")
    ctx.report(f"add a note (p95 of {ADDS})", adds[int(0.95 * len(adds))] * 1000, "ms", bar="< 20 ms")
    _first_paint(ctx, folder, dossier.articles[0].title, store.path)


def _first_paint(ctx, folder, title: str, log) -> None:
    """The reader's warm launch to first paint, without and with the 2,000 annotations (tmux)."""
    import os
    import shutil
    import subprocess
    import sys

    from benchmarks import bench_startup

    if not shutil.which("tmux"):
        return
    # Every stage once, as a returning reader did (index, analysis, links and the list on disk).
    subprocess.run(
        [sys.executable, "-c", "import asyncio, sys; from benchmarks.bench_startup import _open_once; asyncio.run(_open_once(sys.argv[1]))", str(folder)],
        check=True, capture_output=True, env={**os.environ, "PYTHONPATH": f"{bench_startup.ROOT}:{bench_startup.SRC}"},
    )
    aside = log.with_name(".bench-aside.jsonl")
    times: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(LAUNCHES):  # interleaved, so a busy moment of the machine hits both
        log.rename(aside)
        times["without"].append(bench_startup._first_paint(folder, title[:20]))
        aside.rename(log)
        times["with"].append(bench_startup._first_paint(folder, title[:20]))
    paints = {label: statistics.median(values) for label, values in times.items()}
    ctx.report(f"launch to first paint, no annotations (median of {LAUNCHES}, warm; baseline)", paints["without"], "s")
    ctx.report(f"launch to first paint, {COUNT:,} annotations (median of {LAUNCHES}, warm)", paints["with"], "s",
               baseline=paints["without"], bar="<= +10%")
    ctx.report("  first paint with annotations / without", 100 * paints["with"] / paints["without"], "%", bar="<= 110 %")


def _shifted(annotation, **changes):
    from dataclasses import replace

    return replace(annotation, target=replace(annotation.target, **changes))
