"""The 150 most mentioned entities of the 3,824 NewsArticles with their aliases and types, as a
Markdown table to read, with the hand verdicts of benchmarks/annotations/entity_audit.yaml.

    DOSSIER_WHEELS=/work/data/wheels python -m benchmarks.audit_entities [LABEL] > table.md

LABEL picks the verdicts ("before" or "after", default "after"). The dossier is the headline-and-
text copy (/work/data/news-txt shape: no metadata), written from the wheel. Verdicts: `junk` (not
an entity, or a wrong span of one), `split` (a second row of an entity already listed),
`mistyped`; `duplicated` (a name form listed under two rows) is counted here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from benchmarks import corpora

VERDICTS = Path(__file__).resolve().parent / "annotations" / "entity_audit.yaml"
TOP = 150


def main(argv: list[str]) -> int:
    label = argv[0] if argv else "after"
    verdicts = (yaml.safe_load(VERDICTS.read_text(encoding="utf-8")) or {}).get(label) or {}
    with tempfile.TemporaryDirectory(prefix="dossier-audit-") as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        from dossier_tui.analysis import analyze
        from dossier_tui.corpus import load_dossier

        folder = corpora.write_news_texts(Path(tmp) / "news-txt")
        entities = analyze(load_dossier(folder)).entities[:TOP]
    holders = Counter(alias for e in entities for alias in set(e.aliases))
    counts: Counter = Counter()
    print(f"| # | entity | type | mentions | aliases | verdict |\n|---|---|---|---|---|---|")
    for rank, e in enumerate(entities, 1):
        found = list(verdicts.get(f"{e.type}:{e.name}", []))
        if any(holders[a] > 1 for a in e.aliases):
            found.append("duplicated")
        counts.update(found)
        aliases = ", ".join(e.aliases[:8]) + (" …" if len(e.aliases) > 8 else "")
        print(f"| {rank} | {e.name} | {e.type} | {e.count:,} | {aliases} | {', '.join(found)} |")
    print(f"\n{label}: " + ", ".join(f"{kind} {counts[kind]}" for kind in ("junk", "split", "duplicated", "mistyped"))
          + f" (of {len(entities)}; an entity may have several verdicts)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
