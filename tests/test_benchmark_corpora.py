"""The scale benchmarks' made-up articles (issue #12): real prose in new combinations, not copies."""

from __future__ import annotations

from benchmarks import corpora


def test_made_up_articles_are_new_combinations_of_real_prose():
    real = corpora.news_articles()
    rows = corpora.generated_articles(len(real) + 200, seed=3)
    assert len(rows) == len(real) + 200 and len({r["article_id"] for r in rows}) == len(rows)
    assert rows[: len(real)] == real  # the real articles first, unchanged
    made_up = rows[len(real):]
    originals = {r["text"] for r in real}
    assert sum(r["text"] in originals for r in made_up) < 10  # a one-block story without names may stay as it was
    assert len({r["text"] for r in made_up}) > 190
    # real sentences: most of a made-up article's words come from the corpus
    vocabulary = {w for r in real for w in r["text"].split()}
    words = [w for r in made_up for w in r["text"].split()]
    assert sum(w in vocabulary for w in words) / len(words) > 0.95
    assert corpora.generated_articles(len(real) + 200, seed=3) == rows  # seeded
