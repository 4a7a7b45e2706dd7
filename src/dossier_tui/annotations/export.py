"""Reports of the annotations an analyst can hand in: Markdown, HTML, CSV, JSON, and W3C Web
Annotation JSON-LD for other annotation tools.

Every format carries, for each annotation, its quote, note, tags, label, state and a full
citation of the passage (outlet, title, author, date, url, paragraph). Groups are articles (in
dossier order) or tags (alphabetical; an annotation with two tags is in both; untagged last).
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path

from dossier_tui.annotations.anchoring import ArticleText, Placed, placed_json
from dossier_tui.annotations.records import State, now
from dossier_tui.model import Article, Dossier

FORMATS = ("md", "html", "csv", "json", "jsonld")
GROUPS = ("article", "tag")
NO_TAG = "(no tag)"
WEB_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


@dataclass(slots=True, frozen=True)
class Citation:
    outlet: str | None
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    paragraph: str | None  # "4", or "4-5" for a passage over two paragraphs; None when orphaned

    def to_json(self) -> dict:
        return {"outlet": self.outlet, "title": self.title, "author": self.author, "date": self.date, "url": self.url, "paragraph": self.paragraph}

    def line(self) -> str:
        """Author, “Title”, Outlet, date, ¶4, url: the parts known, in that order."""
        parts = [self.author, f"“{self.title}”" if self.title else None, self.outlet, self.date]
        parts += [f"¶{self.paragraph}" if self.paragraph else "passage not found in the current text", self.url]
        return ", ".join(p for p in parts if p)


@dataclass(slots=True, frozen=True)
class Entry:
    placed: Placed
    citation: Citation
    article: Article | None


def export(placed: list[Placed], dossier: Dossier, fmt: str, group: str = "article") -> str:
    """The report of PLACED (as `notes` lists them) in format FMT, grouped by GROUP."""
    entries = [_entry(p, dossier) for p in placed]
    groups = _grouped(entries, dossier, group)
    title = f"Annotations: {Path(dossier.root).name or dossier.root}"
    return {"md": _markdown, "html": _html, "csv": _csv, "json": _json, "jsonld": _jsonld}[fmt](groups, title, dossier, group)


def _entry(p: Placed, dossier: Dossier) -> Entry:
    article = dossier.get(p.article)
    if p.state == State.ORPHANED:
        where = None
    elif p.end_paragraph != p.paragraph:
        where = f"{p.paragraph}-{p.end_paragraph}"
    else:
        where = str(p.paragraph)
    if article is None:
        return Entry(p, Citation(None, None, None, None, None, where), None)
    return Entry(p, Citation(article.source, article.title, article.author, article.date, article.url, where), article)


def _grouped(entries: list[Entry], dossier: Dossier, group: str) -> list[tuple[str, list[Entry]]]:
    if group == "tag":
        tags = sorted({t for e in entries for t in e.placed.annotation.tags}, key=str.casefold)
        out = [(tag, [e for e in entries if tag in e.placed.annotation.tags]) for tag in tags]
        untagged = [e for e in entries if not e.placed.annotation.tags]
        return out + ([(NO_TAG, untagged)] if untagged else [])
    by_article: dict[str, list[Entry]] = {}
    for entry in entries:
        by_article.setdefault(entry.placed.article, []).append(entry)
    return list(by_article.items())


def _group_heading(key: str, entries: list[Entry], group: str) -> str:
    if group == "tag":
        return key
    article = entries[0].article
    return article.title if article is not None else f"{key} (article not found)"


# -- Markdown ---------------------------------------------------------------------------------


def _markdown(groups, title: str, dossier: Dossier, group: str) -> str:
    count = sum(len(entries) for _, entries in groups)
    out = [f"# {_md_inline(title)}", "", f"Exported {now()} · {count} annotation{'s' * (count != 1)}, grouped by {group}", ""]
    for key, entries in groups:
        out += [f"## {_md_inline(_group_heading(key, entries, group))}", ""]
        if group == "article" and (head := _citation_head(entries[0].citation)):
            out += [_md_inline(head), ""]
        for entry in entries:
            a = entry.placed.annotation
            out += ["> " + _md_inline(line) if line.strip() else ">" for line in a.target.quote.splitlines()]
            out.append("")
            if a.note.strip():
                out += [a.note.strip(), ""]
            facts = [f"label: {a.label}"] + ([f"tags: {', '.join(a.tags)}"] if a.tags else [])
            if entry.placed.state != State.ANCHORED:
                facts.append(f"state: {entry.placed.state}")
            out += [f"— {_md_inline(entry.citation.line())}  ", f"<sub>{_md_inline(' · '.join(facts))} · id {a.id}</sub>", ""]
    return "\n".join(out)


def _citation_head(c: Citation) -> str:
    return " · ".join(p for p in (c.outlet, c.author, c.date, c.url) if p)


def _md_inline(text: str) -> str:
    """Text placed in a Markdown line as itself: no line breaks, no HTML, no emphasis by accident."""
    text = " ".join(text.split())
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


# -- HTML -------------------------------------------------------------------------------------

_CSS = """
body { font: 16px/1.5 Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
blockquote { margin: 1em 0; padding: .2em 1em; border-left: 4px solid #888; background: #f6f6f2; }
.cite, .facts { font-size: .9em; color: #555; } .facts { font-family: sans-serif; }
.state-moved .facts::after { content: " · moved: the text around it changed"; }
.state-orphaned blockquote { border-left-style: dashed; }
""".strip()


def _html(groups, title: str, dossier: Dossier, group: str) -> str:
    from markdown_it import MarkdownIt

    # CommonMark with raw HTML off: a note cannot inject markup or scripts into the report.
    markdown = MarkdownIt("commonmark", {"html": False})
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p class=\"facts\">Exported {e(now())}, grouped by {e(group)}</p>",
    ]
    for key, entries in groups:
        out.append(f"<section><h2>{e(_group_heading(key, entries, group))}</h2>")
        for entry in entries:
            a, c = entry.placed.annotation, entry.citation
            out.append(f'<article class="annotation state-{e(str(entry.placed.state))}" id="note-{e(a.id)}">')
            quote = "<br>".join(e(line) for line in a.target.quote.splitlines())
            out.append(f"<blockquote>{quote}</blockquote>")
            if a.note.strip():
                out.append(f'<div class="note">{markdown.render(a.note)}</div>')
            cite = e(c.line())
            if c.url and c.url.startswith(("http://", "https://")):
                cite = cite.replace(e(c.url), f'<a href="{e(c.url)}">{e(c.url)}</a>')
            out.append(f'<p class="cite">— {cite}</p>')
            facts = [f"label: {a.label}"] + ([f"tags: {', '.join(a.tags)}"] if a.tags else []) + [f"state: {entry.placed.state}", f"id {a.id}"]
            out.append(f'<p class="facts">{e(" · ".join(facts))}</p></article>')
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# -- CSV and JSON -----------------------------------------------------------------------------

CSV_COLUMNS = ("group", "id", "article", "title", "outlet", "author", "date", "url", "paragraph", "start", "end_paragraph", "end",
               "quote", "note", "tags", "label", "state", "created", "updated")


def _csv(groups, title: str, dossier: Dossier, group: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for key, entries in groups:
        for entry in entries:
            row = placed_json(entry.placed) | entry.citation.to_json() | {"group": key}
            row["tags"] = "; ".join(row["tags"])
            writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return buffer.getvalue()


def _json(groups, title: str, dossier: Dossier, group: str) -> str:
    data = {
        "dossier": dossier.root,
        "exported": now(),
        "grouped_by": group,
        "groups": [{"key": key, "annotations": [placed_json(e.placed) | {"citation": e.citation.to_json()} for e in entries]} for key, entries in groups],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- W3C Web Annotation JSON-LD ---------------------------------------------------------------


def _jsonld(groups, title: str, dossier: Dossier, group: str) -> str:
    """An AnnotationCollection (https://www.w3.org/TR/annotation-model/), each annotation once."""
    seen: set[str] = set()
    items = []
    texts: dict[str, ArticleText] = {}
    for _, entries in groups:
        for entry in entries:
            if entry.placed.id not in seen:
                seen.add(entry.placed.id)
                items.append(_web_annotation(entry, texts))
    data = {
        "@context": WEB_ANNOTATION_CONTEXT,
        "id": f"urn:dossier-tui:collection:{_urn_part(dossier.root)}",
        "type": "AnnotationCollection",
        "label": title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _web_annotation(entry: Entry, texts: dict[str, ArticleText]) -> dict:
    p, a = entry.placed, entry.placed.annotation
    bodies: list[dict] = []
    if a.note.strip():
        bodies.append({"type": "TextualBody", "value": a.note, "format": "text/markdown", "purpose": "commenting"})
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in a.tags]
    bodies.append({"type": "TextualBody", "value": a.label, "purpose": "classifying"})
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": a.target.quote, "prefix": a.target.prefix, "suffix": a.target.suffix}]
    if p.state != State.ORPHANED and entry.article is not None:
        # Offsets in the article's text as the reader has it: its paragraphs joined by a blank line.
        text = texts.get(entry.article.id) or texts.setdefault(entry.article.id, ArticleText(entry.article))
        selectors.append({"type": "TextPositionSelector", "start": text.offset(p.paragraph, p.start), "end": text.offset(p.end_paragraph, p.end)})
    source = entry.citation.url or f"urn:dossier-tui:article:{_urn_part(p.article)}"
    annotation: dict = {
        "id": f"urn:dossier-tui:annotation:{a.id}",
        "type": "Annotation",
        "motivation": "commenting" if a.note.strip() else "highlighting",
        "created": a.created,
        "modified": a.updated,
        "body": bodies,
        "target": {"source": source, "selector": selectors},
    }
    return {key: value for key, value in annotation.items() if value != ""}


def _urn_part(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/:-._~")
