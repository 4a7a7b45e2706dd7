"""One article's text -> numbered paragraphs with kinds, its headline, and the hints the page gives.

Every format ends here: a reader hands over the raw text plus whatever metadata its file had.
The text is cut into blocks at blank lines, and blocks into lines where a line is a paragraph of
its own (a scraper's one paragraph per line, a headline over its text) or furniture; then each
unit is classified by what it is and where it stands:

- above the first paragraph of prose (the top): furniture, a masthead or byline (boilerplate), the
  headline (the first headline-like line, or the line equal to the metadata title: `heading`),
  then headline-like lines of five words or more are the titles of the picture or video placed
  under the headline (`caption`), shorter ones labels (boilerplate);
- between the first and last paragraphs of prose: furniture (boilerplate), short unpunctuated
  lines are crossheads (`heading`), the rest `body`;
- after the last paragraph of prose (the bottom): furniture and lines without sentence
  punctuation are boilerplate, sentences stay body.

Body text without paragraph breaks is cut into passages of a few sentences (`flow=True`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from dossier_tui.corpus import furniture
from dossier_tui.corpus.dates import parse_date
from dossier_tui.corpus.normalise import clean_line, normalise
from dossier_tui.corpus.sentences import split_passages
from dossier_tui.model import Article, Kind, Paragraph
from dossier_tui.provenance import outlet_from_url

PROSE_WORDS = 3  # a sentence this long or longer is article text ("He declined to comment.")
CROSSHEAD_WORDS = 12  # an unpunctuated line between paragraphs up to this long is a crosshead
CAPTION_WORDS = 5  # an unpunctuated line under the headline this long or longer is a caption
LABEL_WORDS = 4  # a page's paragraph this short and unpunctuated after the article's text is a label
LONG_BLOCK_CHARS = 3000  # a body block longer than this is cut into passages even among others
_LIST_MARKERS = ("- ", "* ", "+ ", "• ", "· ")

LineBreaks = Literal["paragraph", "soft", "guess"]


@dataclass(slots=True)
class Metadata:
    """What a file says about its article besides the text; None where it says nothing."""

    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    subtitle: str | None = None


@dataclass(slots=True)
class _Unit:
    text: str
    furniture: bool
    kind: Kind = Kind.BODY
    tag: str | None = None  # the page element it came from ("p", "head", "list", ...), when known


@dataclass(slots=True)
class _Hints:
    title: str | None = None
    date: str | None = None
    masthead: str | None = None
    republisher: str | None = None
    author: str | None = None


def build_article(
    article_id: str,
    path: str,
    text: str,
    meta: Metadata,
    fallback_title: str,
    lines_are: LineBreaks = "guess",
    block_tags: list[str] | None = None,
) -> Article | None:
    """The article in TEXT, or None when there is neither text nor a title.

    LINES_ARE says what a single line break means: "paragraph" (extracted page text), "soft"
    (Markdown: the lines of one paragraph), or "guess": lines of prose wrapped at a fixed width
    are joined, other lines are paragraphs (plain text, records).

    BLOCK_TAGS, for a page's structure: TEXT's blocks (between blank lines) are the page's
    elements, these ("p", "head", "list", "quote", "table"), and a line break inside one is the
    page's own. Only "head" blocks are crossheads then; lists, quotes and tables are text.
    """
    if block_tags is not None:
        lines_are = "paragraph"
    units = _units(normalise(text), lines_are, block_tags)
    meta = _clean_metadata(meta)
    if not units and not meta.title and not meta.subtitle:
        return None
    hints = _classify(units, meta.title)
    lead = []
    if meta.subtitle:
        # A record's standfirst: the article's own words, unless it is a notice.
        kind = Kind.BOILERPLATE if furniture.is_line_furniture(meta.subtitle) else Kind.BODY
        lead.append(Paragraph(0, kind, meta.subtitle))
    article = Article(
        id=article_id,
        path=path,
        title=meta.title or hints.title or fallback_title,
        source=meta.source or hints.republisher or hints.masthead or outlet_from_url(meta.url),
        date=(parse_date(meta.date) if meta.date is not None else None) or hints.date,
        url=meta.url,
        author=meta.author or hints.author,
        paragraphs=_paragraphs(units, lead),
    )
    article.digest = digest(article)
    return article


def digest(article: Article) -> str:
    content = json.dumps(
        [article.id, article.title, article.source, article.date, article.url, article.author,
         [[str(p.kind), p.text, p.flow] for p in article.paragraphs]],
        ensure_ascii=False,
    )
    return hashlib.sha1(content.encode("utf-8")).hexdigest()


def _clean_metadata(meta: Metadata) -> Metadata:
    def clean(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value if v)
        text = clean_line(normalise(str(value)).replace("\n", " "))
        return text or None

    return Metadata(
        title=clean(meta.title),
        source=clean(meta.source),
        date=meta.date if not isinstance(meta.date, str) else clean(meta.date),
        url=clean(meta.url),
        author=clean(meta.author),
        subtitle=clean(meta.subtitle),
    )


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = clean_line(raw)
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _units(text: str, lines_are: LineBreaks, block_tags: list[str] | None) -> list[_Unit]:
    units: list[_Unit] = []
    blocks = _blocks(text)
    # normalising never empties a page's block, so the tags stay aligned; if it did, no tags
    tags: list[str | None] = [None] * len(blocks)
    if block_tags is not None and len(block_tags) == len(blocks):
        tags = list(block_tags)
    for lines, tag in zip(blocks, tags):
        start = len(units)
        _block_units(lines, lines_are, units)
        for unit in units[start:]:
            unit.tag = tag
            if tag is not None and unit.furniture and _schedule(unit.text):
                unit.furniture = False
    return units


def _schedule(text: str) -> bool:
    """Two or more date lines in one element of a page: a list of meetings or showings, the
    article's own text (a lone date line is the page's)."""
    lines = text.split("\n")
    return len(lines) > 1 and all(furniture.date_in_line(line) or furniture.is_date_line(line.split(" at ")[0]) for line in lines)


def _block_units(lines: list[str], lines_are: LineBreaks, units: list[_Unit]) -> None:
    if furniture.is_link_list(lines):
        units.append(_Unit("\n".join(lines), True))
        return
    run: list[str] = []
    run_is_furniture = False
    for line in lines:
        is_furniture = furniture.is_line_furniture(line)
        if run and is_furniture != run_is_furniture:
            units.extend(_join(run, run_is_furniture, lines_are))
            run = []
        run.append(line)
        run_is_furniture = is_furniture
    if run:
        units.extend(_join(run, run_is_furniture, lines_are))


def _join(lines: list[str], is_furniture: bool, lines_are: LineBreaks) -> list[_Unit]:
    if is_furniture or all(line.startswith(_LIST_MARKERS) for line in lines):
        return [_Unit("\n".join(lines), is_furniture)]
    if lines_are == "soft" or (lines_are == "guess" and _hard_wrapped(lines)):
        return [_Unit(_unwrap(lines), False)]
    return [_Unit(line, False) for line in lines]


def _unwrap(lines: list[str]) -> str:
    # A line broken after a word's hyphen ("draft-" / "age") joins without a space.
    text = lines[0]
    for line in lines[1:]:
        hyphenated = len(text) > 1 and text[-1] == "-" and text[-2].isalpha() and line[:1].isalpha()
        text += line if hyphenated else " " + line
    return text


def _hard_wrapped(lines: list[str]) -> bool:
    """Prose wrapped at a fixed width: no line over 100 characters, all but the last near the longest.

    Otherwise each line is a paragraph, as scrapers write them (or a headline over its text).
    """
    width = max(len(line) for line in lines)
    return width <= 100 and all(len(line) >= 0.6 * width for line in lines[:-1])


def _is_prose(unit: _Unit) -> bool:
    """A paragraph of the article itself: sentences, or a long run of words."""
    words = furniture.word_count(unit.text)
    return not unit.furniture and (words >= 25 or (words >= PROSE_WORDS and furniture.ends_sentence(unit.text)))


def _is_question_headline(unit: _Unit) -> bool:
    text = unit.text
    return "\n" not in text and text.rstrip("\"”’' ").endswith(("?", "!")) and furniture.word_count(text) <= 20


def _same_title(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return "".join(c for c in s.casefold() if c.isalnum())

    return key(a) == key(b)


def _classify(units: list[_Unit], meta_title: str | None) -> _Hints:
    hints = _Hints()
    prose = [i for i, unit in enumerate(units) if _is_prose(unit)]
    opening = next((i for i, unit in enumerate(units) if not unit.furniture), None)
    if meta_title is None and len(prose) > 1 and prose[0] == opening and _is_question_headline(units[opening]):
        prose.pop(0)  # "Will Belarus join the war?" above the text is its headline, not its first line
    first, last = (prose[0], prose[-1]) if prose else (len(units), len(units))
    for i, unit in enumerate(units):
        if i < first and not hints.date:
            hints.date = furniture.date_in_line(unit.text) if "\n" not in unit.text else None
        if unit.furniture:
            unit.kind = Kind.BOILERPLATE
            hints.republisher = hints.republisher or furniture.republisher(unit.text)
        elif i < first:
            unit.kind = _top_kind(unit, meta_title, hints)
        elif unit.tag is not None:
            # the page says what the block is: only its headings are crossheads, and text after
            # the last sentence (a list of products, meeting dates, prices) is still text
            heading = unit.tag == "head" and furniture.is_headline_like(unit.text, CROSSHEAD_WORDS)
            label = i > last and unit.tag == "p" and furniture.is_headline_like(unit.text, LABEL_WORDS)
            unit.kind = Kind.HEADING if heading else Kind.BOILERPLATE if label else Kind.BODY
        elif i > last:
            unit.kind = Kind.BOILERPLATE if furniture.is_headline_like(unit.text) else Kind.BODY
        elif furniture.is_headline_like(unit.text, CROSSHEAD_WORDS):
            unit.kind = Kind.HEADING
        else:
            unit.kind = Kind.BODY
    if not prose:
        # Only short lines (a note, a stub): after the headline, what is not furniture is the text.
        for unit in units:
            by_position = unit.kind in (Kind.CAPTION, Kind.BOILERPLATE) and not unit.furniture
            if by_position and not furniture.masthead(unit.text):
                unit.kind = Kind.BODY
    return hints


def _top_kind(unit: _Unit, meta_title: str | None, hints: _Hints) -> Kind:
    name = furniture.masthead(unit.text)
    if name and not (meta_title and _same_title(unit.text, meta_title)):
        hints.masthead = hints.masthead or name
        return Kind.BOILERPLATE
    author = furniture.byline(unit.text)
    if author:
        hints.author = hints.author or author
        return Kind.BOILERPLATE
    if meta_title is not None:
        if _same_title(unit.text, meta_title):
            return Kind.HEADING
    elif hints.title is None and (furniture.is_headline_like(unit.text, 30) or _is_question_headline(unit)):
        hints.title = unit.text
        return Kind.HEADING
    return Kind.CAPTION if furniture.word_count(unit.text) >= CAPTION_WORDS else Kind.BOILERPLATE


def _paragraphs(units: list[_Unit], lead: list[Paragraph]) -> list[Paragraph]:
    body = [unit for unit in units if unit.kind == Kind.BODY]
    unbroken = len(body) == 1
    paragraphs = list(lead)
    for unit in units:
        if unit.kind != Kind.BODY or not (unbroken or len(unit.text) > LONG_BLOCK_CHARS):
            paragraphs.append(Paragraph(len(paragraphs), unit.kind, unit.text, False))
            continue
        for piece, is_furniture in furniture.inline_furniture(unit.text):
            if is_furniture:
                paragraphs.append(Paragraph(len(paragraphs), Kind.BOILERPLATE, piece, True))
                continue
            passages = split_passages(piece)
            flow = len(passages) > 1
            for text in passages:
                paragraphs.append(Paragraph(len(paragraphs), unit.kind, text, flow))
    return paragraphs
