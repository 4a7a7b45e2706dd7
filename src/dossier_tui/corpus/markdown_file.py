"""Markdown articles: optional YAML front matter (title, source, date, url, author), then text.

Markdown syntax is reduced to the text a reader sees: headings become their own blocks, links
their words, images and rules vanish. A line that is only a link becomes a bullet teaser
("• text"), the shape furniture rules know as a link to another article.
"""

from __future__ import annotations

import re

from dossier_tui.corpus.article_text import Metadata
from dossier_tui.corpus.record_fields import map_fields, plain
from dossier_tui.model import LoadWarning

_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_QUOTE = re.compile(r"^ {0,3}>\s?")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# Every inline pattern stops at the next bracket it would have to match again and has a length
# cap: 1 MB of unclosed "[a](x" once took 122 s, each "[" scanning to the end of the line.
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_TARGET = r"(?:\((?:[^()\[\]\n]|\([^()\[\]\n]{0,200}\)){0,2000}\)|\[[^\[\]\n]{0,500}\])"
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]" + _TARGET)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]{1,2000})>")
_ONLY_LINK = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?\[([^\[\]\n]{1,500})\]" + _TARGET + r"\s*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`+([^`]+)`+")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,1000}>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")

_META_ROLES = ("title", "source", "date", "url", "author", "subtitle")
# Front matter is a few fields; YAML past this size would take seconds to read (PyYAML in Python).
FRONT_MATTER_LIMIT = 64 * 1024
_SIMPLE_FIELD = re.compile(r"([A-Za-z_][\w-]*):(?:\s+(.*))?")
_PLAIN_VALUE = re.compile(r"""[^\s\[\]{}>|&*!%@`#'"][^#]*""")
_YAML_NULLS = frozenset({"~", "null", "Null", "NULL"})


def split_front_matter(text: str, path: str) -> tuple[Metadata, str, list[LoadWarning]]:
    """The front matter's fields, the text after it, and a warning naming the line if malformed."""
    if not (text.startswith("---\n") or text == "---"):
        return Metadata(), text, []
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        warning = LoadWarning(path, "front matter has no closing '---' line; read as text", 1)
        return Metadata(), "\n".join(lines[1:]), [warning]
    fields = _simple_fields(lines[1:end])
    if fields is None and sum(map(len, lines[1:end])) > FRONT_MATTER_LIMIT:
        warning = LoadWarning(path, f"front matter over {FRONT_MATTER_LIMIT // 1024} KB; fields ignored", 1)
        return Metadata(), "\n".join(lines[end + 1 :]), [warning]
    if fields is None:
        from dossier_tui.safe_yaml import YamlProblem, load

        try:
            fields = load("\n".join(lines[1:end]))
        except YamlProblem as error:
            line = error.line + 1 if error.line is not None else 1
            warning = LoadWarning(path, f"malformed front matter ({error.message}); fields ignored", line)
            return Metadata(), "\n".join(lines[end + 1 :]), [warning]
    body = "\n".join(lines[end + 1 :])
    if fields is None:
        return Metadata(), body, []
    if not isinstance(fields, dict):
        return Metadata(), body, [LoadWarning(path, "front matter is not a list of 'name: value' fields; ignored", 2)]
    roles = map_fields(fields)
    meta = Metadata(**{role: plain(fields[name]) for role, name in roles.items() if role in _META_ROLES})
    return meta, body, []




def _simple_fields(lines: list[str]) -> dict[str, str] | None:
    """Front matter of plain 'name: value' lines read without YAML (most files: a tenth of the time).

    None when any line needs YAML (lists, nesting, escapes, comments, block text): YAML reads it then.
    """
    fields: dict[str, str] = {}
    for line in lines:
        match = _SIMPLE_FIELD.fullmatch(line.rstrip())
        if not match:
            return None
        value = (match.group(2) or "").strip()
        if len(value) >= 2 and value[0] == value[-1] == '"' and "\\" not in value and '"' not in value[1:-1]:
            value = value[1:-1]
        elif len(value) >= 2 and value[0] == value[-1] == "'" and "'" not in value[1:-1].replace("''", ""):
            value = value[1:-1].replace("''", "'")
        elif value and (not _PLAIN_VALUE.fullmatch(value) or ": " in value or value in _YAML_NULLS):
            return None
        if value:  # "name:" alone is null in YAML: the field says nothing
            fields[match.group(1)] = value
    return fields


def markdown_to_text(text: str) -> str:
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        if _REF_DEFINITION.match(line) or _RULE.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            out.append("")  # the line above was a heading: close its block
            continue
        line = _QUOTE.sub("", line)
        heading = _HEADING.match(line)
        if heading:
            out.extend(["", _inline(heading.group(1)), ""])
            continue
        only_link = _ONLY_LINK.match(line)
        if only_link:
            out.append("• " + _inline(only_link.group(1)))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            line = "- " + line[item.end() :]
        out.append(_inline(line))
    return "\n".join(out)


def _inline(text: str) -> str:
    if not any(mark in text for mark in "[*_`<\\"):
        return text
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG.sub("", text)
    return _ESCAPE.sub(r"\1", text)
