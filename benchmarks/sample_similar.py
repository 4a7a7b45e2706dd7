"""Print 30 random `[similar]` links on the 3,824 NewsArticles, for reading by hand: is the
linked passage on the same topic as the paragraph it is linked from?

    DOSSIER_WHEELS=/work/data/wheels python -m benchmarks.sample_similar [N] [SEED]

A paragraph is drawn at random among the body paragraphs that have a similar link, and its first
similar link is shown with both texts, the shared words in [[double brackets]], and the count
of similar links over the whole dossier (fewer, better links is the aim).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

from benchmarks import corpora
from benchmarks.report_related import marked


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 30
    seed = int(argv[1]) if len(argv) > 1 else 13
    with tempfile.TemporaryDirectory(prefix="dossier-similar-") as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        from dossier_tui.analysis import analyze
        from dossier_tui.corpus import load_dossier
        from dossier_tui.related import RelatedIndex

        folder = corpora.write_news_folder(Path(tmp) / "news-3824")
        dossier = load_dossier(folder)
        analysis = analyze(dossier)
        related = RelatedIndex.build(dossier, analysis, Path(tmp) / "related")
        linked, total = [], 0
        for article in dossier.articles:
            for paragraph in article.paragraphs:
                similar = [link for link in related.links(article.id, paragraph.index, 50) if link.kind == "similar"]
                total += len(similar)
                if similar:
                    linked.append((article, paragraph, similar[0]))
        print(f"{total:,} similar links from {len(linked):,} paragraphs\n")
        for n, (article, paragraph, link) in enumerate(random.Random(seed).sample(linked, min(count, len(linked))), 1):
            print(f"#{n}  {article.id} ¶{paragraph.index} ({article.source}) -> {link.article_id} ¶{link.paragraph} "
                  f"({link.source}), score {link.score:.2f}")
            print(f"  FROM: {marked(paragraph.text, link.own_shared)[:600]}")
            print(f"  TO:   {marked(link.text, link.shared)[:600]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
