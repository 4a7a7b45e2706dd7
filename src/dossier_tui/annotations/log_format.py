"""The lines of `annotations.jsonl`: one JSON object per line, each a change, the last one wins.

    {"format": "dossier-tui annotations", "version": 1}
    {"op": "note", "id": "3f0a9c12be", "article": "…", "paragraph": 4, "start": 10, "end_paragraph": 4,
     "end": 52, "quote": "…", "prefix": "…", "suffix": "…", "digest": "…", "note": "…",
     "tags": ["army"], "label": "key", "created": "2026-11-23T20:01:02Z", "updated": "…"}
    {"op": "delete", "id": "3f0a9c12be", "at": "…"}
    {"op": "read", "article": "…", "read": true, "digest": "…", "at": "…"}
    {"op": "flag", "article": "…", "flag": "dubious", "set": true, "digest": "…", "at": "…"}

(`digest`, the article's text digest, lets read state and flags follow a renamed file; optional.
A shared dossier's note kept on this machine while its server is unreachable also has `author`,
`author_name` and `private`; see backends/postgres/outbox.py.)

Parsing is strict: a line that is not one of these raises FormatProblem with what is wrong, and
the store reports it with the file and line and leaves the file alone.
"""

from __future__ import annotations

import json
import re

from dossier_tui.annotations.records import Annotation, Target, check_label, check_note, clean_tags

FORMAT = "dossier-tui annotations"
VERSION = 1
HEADER = {"format": FORMAT, "version": VERSION}

_TARGET_INTS = ("paragraph", "start", "end_paragraph", "end")
_TARGET_TEXTS = ("quote", "prefix", "suffix", "digest")
# A shared dossier's notes also carry these (written only when set, so local logs stay as they were).
_SHARED_KEYS = ("author", "author_name", "private")
_NOTE_KEYS = frozenset({"op", "id", "article", *_TARGET_INTS, *_TARGET_TEXTS, "note", "tags", "label", "created", "updated", *_SHARED_KEYS})


class FormatProblem(ValueError):
    """A line that is not a record of this version; `newer` when it comes from a later version."""

    def __init__(self, message: str, *, newer: bool = False) -> None:
        super().__init__(message)
        self.newer = newer


# Readable UTF-8 lines, but a lone surrogate (a JSON "\ud800" read back) stays an escape: it has no UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def dump(record: dict) -> str:
    text = json.dumps(record, ensure_ascii=False, separators=(", ", ": "))
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def note_record(annotation: Annotation) -> dict:
    t = annotation.target
    record = {
        "op": "note",
        "id": annotation.id,
        "article": t.article,
        "paragraph": t.paragraph,
        "start": t.start,
        "end_paragraph": t.end_paragraph,
        "end": t.end,
        "quote": t.quote,
        "prefix": t.prefix,
        "suffix": t.suffix,
        "digest": t.digest,
        "note": annotation.note,
        "tags": list(annotation.tags),
        "label": annotation.label,
        "created": annotation.created,
        "updated": annotation.updated,
    }
    record.update(annotation.extra)
    for key in _SHARED_KEYS:
        if getattr(annotation, key):
            record[key] = getattr(annotation, key)
    return record


def parse(line: str) -> dict:
    """One line -> its record (a dict with "op", or the header); FormatProblem when it is not one.
    A note's record is {"op": "note", "annotation": Annotation}."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise FormatProblem(f"not JSON ({error.msg} at column {error.colno})") from None
    except (ValueError, RecursionError) as error:  # 5,000-digit integers, nesting thousands deep
        raise FormatProblem(f"not JSON ({type(error).__name__})") from None
    if not isinstance(record, dict):
        raise FormatProblem("expected a JSON object")
    if "format" in record:
        if record.get("format") != FORMAT:
            raise FormatProblem(f"not a dossier-tui annotations file (format {record.get('format')!r})")
        version = record.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise FormatProblem("version must be a number")
        if version > VERSION:
            raise FormatProblem(f"written by a newer dossier-tui (format version {version}, this one reads {VERSION})", newer=True)
        return record
    op = record.get("op")
    if op == "note":
        return {"op": "note", "annotation": note_from(record)}
    if op == "delete":
        _text(record, "id")
    elif op == "read":
        _text(record, "article")
        _bool(record, "read")
        _optional_text(record, "digest")
    elif op == "flag":
        _text(record, "article")
        _text(record, "flag")
        _bool(record, "set")
        _optional_text(record, "digest")
    else:
        raise FormatProblem(f"unknown op {op!r} (expected note, delete, read or flag)", newer=isinstance(op, str))
    return record


def note_from(record: dict) -> Annotation:
    for key in ("id", "article", "quote"):
        _text(record, key)
    ints = {}
    for key in _TARGET_INTS:
        value = record.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise FormatProblem(f"{key} must be a whole number ≥ 0")
        ints[key] = value
    if (ints["end_paragraph"], ints["end"]) < (ints["paragraph"], ints["start"]):
        raise FormatProblem("the range ends before it starts")
    texts = {}
    for key in ("prefix", "suffix", "digest", "note", "created", "updated", "author", "author_name"):
        value = record.get(key, "")
        if not isinstance(value, str):
            raise FormatProblem(f"{key} must be text")
        texts[key] = value
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise FormatProblem("tags must be a list of text")
    try:
        tags = clean_tags(tags)
        label = check_label(record.get("label", "highlight"))
        check_note(texts["note"])
    except ValueError as error:
        raise FormatProblem(str(error)) from None
    target = Target(record["article"], ints["paragraph"], ints["start"], ints["end_paragraph"], ints["end"],
                    record["quote"], texts["prefix"], texts["suffix"], texts["digest"])
    private = record.get("private", False)
    if not isinstance(private, bool):
        raise FormatProblem("private must be true or false")
    extra = tuple((k, v) for k, v in record.items() if k not in _NOTE_KEYS)
    return Annotation(record["id"], target, texts["note"], tags, label, texts["created"], texts["updated"], extra,
                      author=texts["author"], author_name=texts["author_name"], private=private)


def _text(record: dict, key: str) -> None:
    value = record.get(key)
    if not isinstance(value, str) or not value:
        raise FormatProblem(f"{key} must be non-empty text")


def _optional_text(record: dict, key: str) -> None:
    if not isinstance(record.get(key, ""), str):
        raise FormatProblem(f"{key} must be text")


def _bool(record: dict, key: str) -> None:
    if not isinstance(record.get(key), bool):
        raise FormatProblem(f"{key} must be true or false")
