"""Files holding many articles, one per record: JSON Lines, JSON and CSV exports of scrapers.

Each record's fields are found by name (record_fields); its id is the file's id, "/", and the
record's own id field or its row number. Problems are reported once per file and reason, with the
line of the first, so a broken export gives one line of warning, not thousands.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from dossier_tui.corpus.article_text import Metadata, build_article
from dossier_tui.corpus.normalise import clean_line, normalise
from dossier_tui.corpus.record_fields import field_names, map_fields, plain
from dossier_tui.model import Article, LoadWarning

_CONTAINERS = ("articles", "items", "records", "data", "results", "entries", "posts", "documents", "docs", "rows")
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
# A record's text past this is not an article (the same limit as for a file of one article).
RECORD_TEXT_LIMIT = 10 * 1024 * 1024


class _NotJson(ValueError):
    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


def _parse_json(text: str) -> object:
    """json.loads that fails with one reason and line on any input: nesting thousands deep is a
    RecursionError, not a JSONDecodeError; an integer of 5,000 digits stays text (no field we
    read is a number of that size, and int() refuses it)."""
    try:
        return json.loads(text, parse_int=_int)
    except json.JSONDecodeError as error:
        raise _NotJson(f"invalid JSON ({error.msg}, column {error.colno})", error.lineno) from None
    except RecursionError:
        raise _NotJson("invalid JSON (nested too deep to read)", None) from None


def _int(digits: str) -> int | str:
    return int(digits) if len(digits) < 4000 else digits


class _Problems:
    """Problems of one file, one warning per reason: where it first happened and how often."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.first: dict[str, tuple[int | None, str]] = {}
        self.count: dict[str, int] = {}

    def add(self, reason: str, line: int | None, where: str = "") -> None:
        self.first.setdefault(reason, (line, where))
        self.count[reason] = self.count.get(reason, 0) + 1

    def warnings(self) -> list[LoadWarning]:
        out = []
        for reason, (line, where) in self.first.items():
            count = self.count[reason]
            message = f"{where}: {reason}" if where else reason
            if count > 1:
                message += f" (and {count - 1} more like it)"
            out.append(LoadWarning(self.path, message, line))
        return out


def read_jsonl(text: str, path: Path, base_id: str) -> tuple[list[Article], list[LoadWarning]]:
    problems = _Problems(str(path))

    def records() -> Iterator[tuple[int, str, dict]]:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                value = _parse_json(line)
            except _NotJson as error:
                problems.add(f"{error.reason}, line skipped", number)
                continue
            if not isinstance(value, dict):
                problems.add("not a JSON object of fields, line skipped", number)
                continue
            yield number, str(number), value

    articles = _articles(records(), path, base_id, problems, "line")
    return articles, problems.warnings()


def read_json(text: str, path: Path, base_id: str) -> tuple[list[Article], list[LoadWarning]]:
    try:
        value = _parse_json(text)
    except _NotJson as error:
        return [], [LoadWarning(str(path), f"{error.reason}, skipped", error.line)]
    problems = _Problems(str(path))
    if isinstance(value, dict) and "text" not in map_fields(value):
        lists = (value[k] for k in value if str(k).casefold() in _CONTAINERS and isinstance(value[k], list))
        value = next(lists, value)
    if isinstance(value, dict):
        article = _record_article(value, map_fields(value), path, base_id, Path(base_id).name)
        if article is None:
            return [], [LoadWarning(str(path), f"no article text (no field named {_text_names()}), skipped")]
        if not article.body:
            return [article], [LoadWarning(str(path), "no text, loaded with its title only")]
        return [article], []
    if not isinstance(value, list):
        return [], [LoadWarning(str(path), "JSON holds neither a list of articles nor an article, skipped")]

    def records() -> Iterator[tuple[int | None, str, dict]]:
        for number, item in enumerate(value, start=1):
            if isinstance(item, dict):
                yield None, str(number), item
            else:
                problems.add("not an object of fields, skipped", None, f"item {number}")

    return _articles(records(), path, base_id, problems, "item"), problems.warnings()


def read_csv(text: str, path: Path, base_id: str) -> tuple[list[Article], list[LoadWarning]]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    problems = _Problems(str(path))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(text.partition("\n")[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        return [], [LoadWarning(str(path), f"malformed CSV header ({error}), skipped", reader.line_num)]
    if not header or "text" not in map_fields(header):
        return [], [LoadWarning(str(path), f"no text column (looked for {_text_names()}), skipped", 1)]

    def records() -> Iterator[tuple[int, str, dict]]:
        row_number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                problems.add(f"malformed CSV ({error}); the rest of the file skipped", reader.line_num)
                return
            if not any(cell.strip() for cell in row):
                continue
            row_number += 1
            if len(row) != len(header):
                reason = f"row has {len(row)} fields, the header {len(header)}; read as far as they go"
                problems.add(reason, reader.line_num)
            yield reader.line_num, str(row_number), dict(zip(header, row))

    return _articles(records(), path, base_id, problems, "row"), problems.warnings()


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _text_names() -> str:
    return ", ".join(field_names()["text"][:4]) + "..."


def _articles(records, path: Path, base_id: str, problems: _Problems, unit: str) -> list[Article]:
    articles: list[Article] = []
    seen: set[str] = set()
    for line, number, record in records:
        roles = map_fields(record)
        own_id = record.get(roles["id"]) if "id" in roles else None
        record_id = clean_line(normalise(str(own_id)).replace("\n", " ")) if own_id not in (None, "") else ""
        record_id = record_id or number
        if record_id in seen:
            reason = f"duplicate record id, made unique with the {unit} number"
            problems.add(reason, line, f"{unit} {number} ('{record_id}')")
            record_id = f"{record_id}-{number}"
        seen.add(record_id)
        text = record.get(roles["text"]) if "text" in roles else None
        if isinstance(text, str) and len(text) > RECORD_TEXT_LIMIT:
            size = f"{len(text) / 2**20:.1f} MB"
            problems.add(f"text too large for one article ({size}, limit 10 MB), skipped", line, f"{unit} {number}")
            continue
        article = _record_article(record, roles, path, f"{base_id}/{record_id}", f"{Path(base_id).name} {record_id}")
        if article is None:
            problems.add("neither text nor title, skipped", line, f"{unit} {number}")
            continue
        if not article.body:
            problems.add("no text, loaded with its title only", line, f"{unit} {number}")
        articles.append(article)
    return articles


def _record_article(record: dict, roles: dict[str, str], path: Path, article_id: str, fallback: str) -> Article | None:
    text = plain(record.get(roles["text"])) if "text" in roles else None
    if isinstance(text, list):
        text = "\n\n".join(text)
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    meta = Metadata(**{role: plain(record.get(name)) for role, name in roles.items() if role not in ("id", "text")})
    return build_article(article_id, str(path), text, meta, fallback)
