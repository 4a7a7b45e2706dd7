"""The reading view's layout rules, on the real seed text: sanitising, furniture folding, marks, labels."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from dossier_tui.app.clipboard import citation
from dossier_tui.app.reader_lines import Mark, clean, layout_blocks, paragraph_text
from dossier_tui.corpus import load_dossier
from dossier_tui.model import Article, Kind, Paragraph

STYLES = {"person": Style(bold=True), "hit": Style(reverse=True), "speaker": Style(italic=True), "speech": Style()}


def _gulevich_paragraph(seeds_dir) -> str:
    article = load_dossier(seeds_dir).articles[0]
    return next(p.text for p in article.paragraphs if "Viktor Gulevich" in p.text)


def test_clean_keeps_length_and_removes_escape_sequences():
    hostile = "Minsk\x1b]52;c;ZXZpbA==\x07 and \x1b[2J\x9b31m\u202eevil\ttab\nline"
    safe = clean(hostile)
    assert len(safe) == len(hostile)
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in safe)
    assert "\u202e" not in safe
    assert safe.startswith("Minsk\ufffd]52;c;")


def test_marks_style_exact_words(seeds_dir):
    text = _gulevich_paragraph(seeds_dir)
    start = text.index("Viktor Gulevich")
    rich = paragraph_text(text, [Mark(0, start, start + 15, "person")], STYLES)
    assert rich.plain == text
    bold = [rich.plain[span.start : span.end] for span in rich.spans if span.style == STYLES["person"]]
    assert bold == ["Viktor Gulevich"]


def test_speaker_label_is_inserted_before_the_quote(seeds_dir):
    text = _gulevich_paragraph(seeds_dir)
    quote = text.index("“claimed")
    # the quote's range starts after the opening mark; the label still goes before the mark
    rich = paragraph_text(text, [Mark(0, quote + 1, quote + 20, "speech", "Viktor Gulevich")], STYLES)
    assert "[Viktor Gulevich] “claimed" in rich.plain
    assert rich.plain.replace("[Viktor Gulevich] ", "") == text


def test_furniture_is_folded_into_markers_until_shown(seeds_dir):
    article = next(a for a in load_dossier(seeds_dir).articles if a.id.startswith("003"))
    furniture = {p.index for p in article.paragraphs if p.kind == Kind.BOILERPLATE}
    assert furniture, "the seed 003 page has date lines, outlet name and sign-up text around the story"
    hidden = layout_blocks(article, show_furniture=False)
    assert hidden[0].kind == "header"
    folded = [p for b in hidden if b.kind == "hidden" for p in b.paragraphs]
    assert sorted(folded) == sorted(furniture)
    assert all(b.kind != "furniture" for b in hidden)
    shown = layout_blocks(article, show_furniture=True)
    assert {b.paragraph for b in shown if b.kind == "furniture"} == furniture
    every = [p for b in shown for p in b.paragraphs]
    # every paragraph has its place once, in order, except the headline shown in the header
    assert every == [p.index for p in article.paragraphs if not (p.kind == Kind.HEADING and p.text == article.title)]


def test_citation_names_outlet_title_date_and_url():
    article = Article(
        "a", "a.txt", "Belarus Major General Resigns", source="The Daily Mail", date="2022-03-01",
        url="https://example.org/a", paragraphs=[Paragraph(0, Kind.BODY, "text")],
    )
    assert citation(article, " He resigned.\n") == (
        "“He resigned.”\n— The Daily Mail, “Belarus Major General Resigns”, 2022-03-01, https://example.org/a"
    )


def test_wrap_offsets_break_lines_as_rich_does(seeds_dir):
    from rich.console import Console

    from dossier_tui.app.reader_lines import wrap_offsets

    console = Console(width=200)
    texts = [clean(p.text) for article in load_dossier(seeds_dir).articles for p in article.paragraphs]
    # the general path (curly quotes, dashes) and the fast path for plain ASCII text
    texts += [text.encode("ascii", "replace").decode() for text in texts]
    for text in texts:
        for width in (20, 49, 77):
            offsets = wrap_offsets(text, width)
            lines = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
            assert all(len(line.rstrip()) <= width for line in lines)
            assert "".join(lines) == text
            assert len(lines) == len(Text(text).wrap(console, width)), (text[:40], width)


def test_shown_offset_counts_the_labels_before_it(seeds_dir):
    from dossier_tui.app.reader_lines import shown_offset

    text = _gulevich_paragraph(seeds_dir)
    quote = text.index("“claimed")
    marks = [Mark(0, quote + 1, quote + 20, "speech", "Viktor Gulevich")]
    shown = paragraph_text(text, marks, STYLES).plain
    later = text.index("tied this")
    assert shown[shown_offset(text, marks, later) :].startswith("tied this")
    assert shown_offset(text, marks, 5) == 5
