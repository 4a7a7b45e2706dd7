"""Run the project's benchmark: `python -m benchmarks.run [SECTION ...]` from the repository root.

Each section is a module `benchmarks/bench_<name>.py` with `run(ctx) -> None` that records
figures with `ctx.report(metric, value, unit, baseline=None, bar=None)`. Everything is measured in
this run, baselines included, and printed as one table at the end.
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from benchmarks import corpora

SECTIONS = ["loading", "analysis", "search", "related", "startup", "views", "annotations", "warm", "pg"]


@dataclass
class Row:
    section: str
    metric: str
    value: float
    unit: str
    baseline: float | None = None
    bar: str | None = None


@dataclass
class Context:
    workdir: Path
    rows: list[Row] = field(default_factory=list)
    section: str = ""

    @property
    def seeds(self) -> Path:
        from dossier_tui.locations import builtin_dossier

        return builtin_dossier()

    @cached_property
    def news_csv(self) -> Path:
        """The 3,824 NewsArticles as one CSV file (a scraper's export)."""
        return corpora.write_news_csv(self.workdir / "news-csv")

    @cached_property
    def news_folder(self) -> Path:
        """The 3,824 NewsArticles as a folder of Markdown files, one per article."""
        return corpora.write_news_folder(self.workdir / "news-3824")

    @cached_property
    def news_10k(self) -> Path:
        """10,000 articles: the 3,824 NewsArticles and made-up ones from them (`corpora.generated_articles`)."""
        return corpora.write_news_folder(self.workdir / "news-10k", corpora.generated_articles(10_000))

    def report(self, metric: str, value: float, unit: str, baseline: float | None = None, bar: str | None = None):
        row = Row(self.section, metric, value, unit, baseline, bar)
        self.rows.append(row)
        print(f"  {metric}: {value:,.3f} {unit}" + (f"  (baseline {baseline:,.3f})" if baseline is not None else ""), flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _print_table(rows: list[Row]) -> None:
    print("\n| section | metric | value | baseline | ratio | bar |\n|---|---|---|---|---|---|")
    for r in rows:
        base = f"{r.baseline:,.3f}" if r.baseline is not None else ""
        ratio = f"{r.baseline / r.value:,.1f}x" if r.baseline and r.value else ""
        print(f"| {r.section} | {r.metric} | {r.value:,.3f} {r.unit} | {base} | {ratio} | {r.bar or ''} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=f"any of {', '.join(SECTIONS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        # The benchmark's index and caches live in its own throwaway XDG dirs.
        for name in ("CACHE", "CONFIG", "DATA"):
            os.environ[f"XDG_{name}_HOME"] = str(Path(tmp) / f"xdg-{name.lower()}")
        ctx = Context(Path(tmp))
        started = time.perf_counter()
        for section in args.sections or SECTIONS:
            try:
                module = importlib.import_module(f"benchmarks.bench_{section}")
            except ModuleNotFoundError as error:
                if error.name != f"benchmarks.bench_{section}":
                    raise
                continue
            print(f"[{section}]", flush=True)
            ctx.section = section
            module.run(ctx)
        ctx.section = "all"
        ctx.report("peak RSS of the benchmark process", peak_rss_mb(), "MB")
        ctx.report("total benchmark time", time.perf_counter() - started, "s")
        _print_table(ctx.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
