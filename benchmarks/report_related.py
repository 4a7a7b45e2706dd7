"""Print the 20 strongest cross-outlet "same text" links on the 3,824 NewsArticles, for reading.

    DOSSIER_WHEELS=/work/wheels PYTHONPATH=.:src python -m benchmarks.report_related [N]

Each link shows both paragraphs with the shared words in [[double brackets]], so a reader can
say whether the two outlets really carry the same text.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks import corpora
from dossier_tui.corpus import load_dossier
from dossier_tui.related import RelatedIndex
from dossier_tui.related.outlets import outlet


def marked(text: str, ranges: list[tuple[int, int]]) -> str:
    out, position = [], 0
    for start, end in ranges:
        out += [text[position:start], "[[", text[start:end], "]]"]
        position = end
    return "".join(out) + text[position:]


def main(argv: list[str]) -> int:
    limit = int(argv[0]) if argv else 20
    with tempfile.TemporaryDirectory(prefix="dossier-report-") as tmp:
        folder = corpora.write_news_folder(Path(tmp) / "news-3824")
        dossier = load_dossier(folder)
        related = RelatedIndex.build(dossier, None, Path(tmp) / "related")
        articles = {a.id: a for a in dossier.articles}
        for n, (article_id, paragraph, link) in enumerate(related.strongest(limit), 1):
            own = articles[article_id]
            own_text = next(p.text for p in own.paragraphs if p.index == paragraph)
            other = articles[link.article_id]
            print(f"#{n}  score {link.score:.2f}")
            print(f"  A {outlet(own)} {own.date} {own.id} ¶{paragraph}: {own.title}")
            print(f"    {marked(own_text, link.own_shared)}")
            print(f"  B {outlet(other)} {other.date} {other.id} ¶{link.paragraph}: {other.title}")
            print(f"    {marked(link.text, link.shared)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
