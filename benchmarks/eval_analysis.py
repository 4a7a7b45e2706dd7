"""Precision and recall of the analysis on real text no one here wrote, against hand annotations:
entities on 20 NewsArticles, quotes and speakers on 20 Lee stories (benchmarks/annotations/), and
the same on a smaller held-out set that never guided the rules, and on a blind set (10 and 10)
annotated before the rules of issue #13 changed and never used to tune them.

Run from the repository root: `python -m benchmarks.eval_analysis` (texts come from the wheels,
see benchmarks/corpora.py; the annotations hold only ids and strings, never the texts).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import yaml

from benchmarks import corpora

ANNOTATIONS = Path(__file__).resolve().parent / "annotations"


def _dossier(texts: dict[str, str]):
    from dossier_tui.model import Article, Dossier, Kind, Paragraph

    articles = [
        Article(key, key, key, paragraphs=[Paragraph(0, Kind.BODY, text)], digest=hashlib.sha1(text.encode()).hexdigest())
        for key, text in texts.items()
    ]
    return Dossier(tempfile.mkdtemp(prefix="dossier-eval-"), articles)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _report(name: str, right: int, predicted: int, gold: int) -> None:
    p, r = _ratio(right, predicted), _ratio(right, gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{name}: precision {p:.1%} ({right}/{predicted}), recall {r:.1%} ({right}/{gold}), F1 {f:.1%}")


def evaluate_entities(file: str, verbose: bool) -> None:
    from dossier_tui.analysis import analyze

    gold = yaml.safe_load((ANNOTATIONS / file).read_text(encoding="utf-8"))
    rows = {row["article_id"]: row["text"] for row in corpora.news_articles()}
    analysis = analyze(_dossier({key: rows[key] for key in gold}))
    typed = untyped = predicted_count = gold_count = 0
    for key, labels in gold.items():
        expected = {tuple(label.split(":", 1)) for label in labels}
        found = {(str(m.type), m.surface) for m in analysis.mentions_in(key)}
        typed += len(found & expected)
        untyped += len({s for _, s in found} & {s for _, s in expected})
        predicted_count += len(found)
        gold_count += len(expected)
        if verbose:
            print(f"  {key}: missed {sorted(expected - found)}\n  {key}: extra  {sorted(found - expected)}")
    print(f"Entities, {len(gold)} NewsArticles ({file}), distinct name forms per article ({gold_count} annotated):")
    _report("  with the right type", typed, predicted_count, gold_count)
    _report("  name only", untyped, predicted_count, gold_count)


def evaluate_quotes(file: str, verbose: bool) -> None:
    from dossier_tui.analysis import analyze

    gold = yaml.safe_load((ANNOTATIONS / file).read_text(encoding="utf-8"))
    stories = corpora.lee_stories()
    analysis = analyze(_dossier({key: stories[int(key)] for key in gold}))
    found_quotes = matched = speakers_right = attributed = gold_speakers = 0
    for key, quotes in gold.items():
        predicted = analysis.quotes_in(key)
        found_quotes += len(predicted)
        used = set()
        for start, speaker, _kind in quotes:
            gold_speakers += speaker is not None
            hit = next((q for q in predicted if id(q) not in used and q.text.startswith(start)), None)
            if hit is None:
                if verbose:
                    print(f"  {key}: missed quote {start!r}")
                continue
            used.add(id(hit))
            matched += 1
            attributed += hit.speaker is not None
            entity = analysis.entity(speaker) if speaker else None
            right = (hit.speaker is None) if speaker is None else (entity is not None and hit.speaker == entity.name)
            speakers_right += right and speaker is not None
            if verbose and not right:
                print(f"  {key}: {start!r} by {hit.speaker!r}, annotated {speaker!r}")
        if verbose:
            for q in predicted:
                if id(q) not in used:
                    print(f"  {key}: extra quote {q.text[:40]!r} ({q.kind}, {q.speaker})")
    total = sum(len(q) for q in gold.values())
    print(f"Quotes, {len(gold)} Lee stories ({file}, {total} annotated):")
    _report("  quotes found", matched, found_quotes, total)
    _report("  speakers (of annotated quotes with a named speaker)", speakers_right, attributed, gold_speakers)


def main(argv: list[str]) -> int:
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="dossier-eval-cache-"))
    verbose = "-v" in argv
    evaluate_entities("news_entities.yaml", verbose)
    evaluate_quotes("lee_quotes.yaml", verbose)
    evaluate_entities("news_entities_heldout.yaml", verbose)
    evaluate_quotes("lee_quotes_heldout.yaml", verbose)
    evaluate_entities("news_entities_blind.yaml", verbose)
    evaluate_quotes("lee_quotes_blind.yaml", verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
