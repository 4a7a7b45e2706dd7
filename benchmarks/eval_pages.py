"""Saved pages on real news sites: how much of each page's article dossier-tui keeps, beside
trafilatura's own text of the same pages, in the same run.

The pages and their expected texts are the peer projects' test fixtures in `../shared/peer-html`
(see its README; the expected texts lean towards their extractor's idea of an article). For each
page, tokens of three texts are compared with the expected text (bag of tokens: precision, recall
and F1, micro-averaged over the pages of a group):

- `trafilatura`: trafilatura's text of the page (what dossier-tui started from),
- `body`: the paragraphs dossier-tui classifies as body (what search and links read),
- `shown`: what the reader shows with furniture folded (body, crossheads, captions).

Tokens are words, except in languages written without spaces (Chinese, Japanese, Thai), where
they are characters. Titles are checked against the expected title: `site name left` counts
titles that still carry more than the headline after a separator ("… | CNN Politics").

Run from the repository root: `python -m benchmarks.eval_pages [-v]` (-v lists each page).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PEER_HTML = Path(__file__).resolve().parents[1].parent / "shared" / "peer-html"
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"\s+[|»«·•:—–-]\s+|\s*[|»]\s*")


def groups(text: str) -> str:
    """The page's language group: Chinese/Japanese/Thai, other non-Latin scripts, or Latin."""
    letters = [c for c in text[:3000] if c.isalpha()]
    if not letters:
        return "latin"
    if sum(bool(_UNSPACED.match(c)) for c in letters) > 0.3 * len(letters):
        return "cjk-thai"
    return "latin" if sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters) > 0.7 * len(letters) else "other-script"


def tokens(text: str) -> Counter:
    found: Counter = Counter()
    for word in _WORD.findall(text.casefold()):
        if _UNSPACED.search(word):
            found.update(c for c in word if c.isalnum())
        else:
            found[word] += 1
    return found


@dataclass
class Score:
    right: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, predicted: Counter, expected: Counter) -> None:
        self.right += sum((predicted & expected).values())
        self.predicted += sum(predicted.values())
        self.expected += sum(expected.values())

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Group:
    pages: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ("trafilatura", "body", "shown")})
    site_name_left: int = 0
    entity_left: int = 0
    headline_twice: int = 0


def _key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def site_name_left(title: str, expected: str, site_names: list[str]) -> bool:
    """The title holds more than the headline beyond a separator: the expected headline and more
    ("… | CNN Politics"), or a first or last part naming the site (its name, or its host's)."""
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return False
    if expected and _key(title) != _key(expected) and any(_key(expected) in _key(p) for p in parts):
        return True
    sites = {_key(name) for name in site_names if len(_key(name)) > 2}
    return any(_key(edge) in site or any(site in _key(edge) for site in sites) for edge in (parts[0], parts[-1]) for site in sites)


def trafilatura_text(html: str) -> str:
    """trafilatura's text, with the options dossier-tui started from."""
    from dossier_tui.corpus.html_page import _trafilatura

    document = _trafilatura().bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
    )
    return (document.text or "") if document is not None else ""


def evaluate(verbose: bool = False) -> dict[str, Group]:
    from dossier_tui.corpus.loader import load_file
    from dossier_tui.model import Kind

    rows = [json.loads(line) for line in (PEER_HTML / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()]
    results: dict[str, Group] = {}
    for row in rows:
        page = PEER_HTML / "pages" / f"{row['id']}.html"
        html = page.read_bytes().decode("utf-8", errors="replace")
        articles, _ = load_file(page, page.parent)
        article = articles[0] if articles else None
        body = shown = ""
        title = ""
        if article is not None:
            title = article.title
            body = "\n".join(p.text for p in article.paragraphs if p.kind == Kind.BODY)
            headline = [p for p in article.paragraphs if p.kind == Kind.HEADING and _key(p.text) == _key(title)]
            shown = "\n".join(p.text for p in article.paragraphs if p.kind != Kind.BOILERPLATE and p not in headline[1:])
            group_twice = len(headline) > 1
        else:
            group_twice = False
        expected = tokens(row["text"])
        group = results.setdefault(groups(row["text"]), Group())
        group.pages += 1
        group.scores["trafilatura"].add(tokens(trafilatura_text(html)), expected)
        group.scores["body"].add(tokens(body), expected)
        group.scores["shown"].add(tokens(shown), expected)
        host = re.sub(r"^www\.", "", re.sub(r"^\w+://", "", row.get("url") or "")).split("/")[0].split(".")[0]
        sites = [name for name in (host, article.source if article else None) if name]
        left = site_name_left(title, row.get("title") or "", sites)
        group.site_name_left += left
        group.entity_left += bool(re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", title, re.I))
        group.headline_twice += group_twice
        if verbose:
            page_body, page_traf = Score(), Score()
            page_body.add(tokens(body), expected)
            page_traf.add(tokens(trafilatura_text(html)), expected)
            print(f"  {row['id']}: body F1 {page_body.f1:.3f} (P {page_body.precision:.3f} R {page_body.recall:.3f}),"
                  f" trafilatura F1 {page_traf.f1:.3f}; title {title!r}" + (" [site name left]" if left else ""))
    return results


def main(argv: list[str]) -> int:
    if not PEER_HTML.is_dir():
        print(f"{PEER_HTML}: missing (the peer pages live in shared/ beside the repository)", file=sys.stderr)
        return 1
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="dossier-pages-cache-"))
    results = evaluate("-v" in argv)
    total = Group()
    for group in results.values():
        total.pages += group.pages
        for name, score in group.scores.items():
            mine = total.scores[name]
            mine.right, mine.predicted, mine.expected = (mine.right + score.right, mine.predicted + score.predicted,
                                                         mine.expected + score.expected)
        total.site_name_left += group.site_name_left
        total.entity_left += group.entity_left
        total.headline_twice += group.headline_twice
    print("| group | pages | text | precision | recall | F1 |\n|---|---|---|---|---|---|")
    for name, group in sorted(results.items()) + [("all", total)]:
        for text, score in group.scores.items():
            print(f"| {name} | {group.pages} | {text} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} |")
    body, shown, base = total.scores["body"], total.scores["shown"], total.scores["trafilatura"]
    print(f"\nbody F1 {body.f1:.3f} vs trafilatura {base.f1:.3f} (bar: at least trafilatura's)")
    print(f"shown recall {shown.recall:.3f} = {shown.recall / base.recall:.3f} of trafilatura's {base.recall:.3f} (bar: >= 0.98)")
    print(f"titles with the site name left: {total.site_name_left}/{total.pages} ({total.site_name_left / total.pages:.1%}, bar: <= 3%)")
    print(f"titles with an HTML entity left: {total.entity_left}; headline shown twice: {total.headline_twice}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
