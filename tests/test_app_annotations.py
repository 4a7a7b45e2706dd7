"""Annotating in the reader (Pilot): select and note a passage, edit, highlight, flags, read state,
the notes view and its orphans; what the reader writes is what `dossier notes` reads."""

from __future__ import annotations

import pytest

from dossier_tui.annotations import AnnotationStore, State
from dossier_tui.annotations.dossier_annotations import DossierAnnotations
from dossier_tui.app import DossierApp, annotating
from dossier_tui.app.note_editor import FlagPrompt, NoteEditor
from dossier_tui.app.notes_screen import NotesScreen
from dossier_tui.corpus import load_dossier

GULEVICH = "000_037e540408ff3126"
SIZE = (100, 30)


async def _ready(pilot) -> None:
    """Every stage done and the annotations read (their worker starts once the list is loaded)."""
    app = pilot.app
    for _ in range(200):  # at most 10 s
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.main.session.annotations is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("annotations never read")


async def _open(pilot, paragraph: int | None = 2) -> None:
    app = pilot.app
    await _ready(pilot)
    app.main.open_article(GULEVICH, paragraph)
    await pilot.pause()


def _notes(folder):
    return list(AnnotationStore(folder).notes.values())


async def test_select_extend_and_annotate_a_passage(dossier_copy):
    app = DossierApp(dossier_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        reader = app.main.reader
        assert reader.paragraph == 2
        await pilot.press("v", "w", "w")
        assert reader.selection.text() == "In a statement"
        await pilot.press("right_parenthesis")  # to the end of the sentence
        assert reader.selection.text().endswith("did not yield results.")
        await pilot.press("o", "w")  # the start moves one word on
        assert reader.selection.text().startswith("a statement addressed")
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Key *evidence*", "enter", *"second line", "tab", *"letter, army")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.main and reader.selection is None
        [note] = _notes(dossier_copy)
        assert note.target.quote.startswith("a statement addressed") and note.target.quote.endswith("yield results.")
        assert (note.note, note.tags, note.target.paragraph) == ("Key *evidence*\nsecond line", ("letter", "army"), 2)
        shown = reader._block_text(reader.blocks[reader.cursor], {}).plain
        assert "#letter #army — Key *evidence*" in shown  # the note under its paragraph
        assert app.main.articles.states.count(GULEVICH) == 1


async def test_enter_highlights_and_a_edits_the_paragraphs_annotation(dossier_copy):
    app = DossierApp(dossier_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("v", "right_curly_bracket", "enter")  # the whole paragraph, highlighted
        [highlight] = _notes(dossier_copy)
        paragraph = load_dossier(dossier_copy).get(GULEVICH).paragraphs[2].text
        assert highlight.target.quote == paragraph and highlight.is_highlight
        await pilot.press("a")  # the paragraph has an annotation: edit it
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"now a note", "ctrl+s")
        await pilot.pause()
        [edited] = _notes(dossier_copy)
        assert (edited.id, edited.note) == (highlight.id, "now a note")
        await pilot.press("a", "escape")  # cancel keeps it as it was
        assert _notes(dossier_copy)[0].note == "now a note"


async def test_escape_leaves_selection_mode_before_the_reader(dossier_copy):
    app = DossierApp(dossier_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("v")
        assert app.main.reader.selection is not None
        await pilot.press("escape")
        assert app.main.reader.selection is None and app.main.reader.has_focus
        assert _notes(dossier_copy) == []


async def test_read_state_flags_and_filters_from_the_list(dossier_copy):
    app = DossierApp(dossier_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        main = app.main
        articles = main.articles
        assert "5 unread" in articles.border_title
        await pilot.press("u")  # the first article read
        store = AnnotationStore(dossier_copy)
        first = articles.rows[0].article.id
        assert store.is_read(first) and "4 unread" in articles.border_title
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, FlagPrompt)
        await pilot.press("ctrl+a", "ctrl+k", *"dubious", "enter")
        await pilot.pause()
        assert AnnotationStore(dossier_copy).flags(first) == {"dubious"} and "1 flagged" in articles.border_title
        await pilot.press("F")  # unread only
        assert len(articles.rows) == 4 and "unread only" in articles.border_title
        await pilot.press("F")  # flagged only
        assert [r.article.id for r in articles.rows] == [first]
        await pilot.press("escape", "A")  # every article read
        assert "0 unread" in articles.border_title
        assert all(AnnotationStore(dossier_copy).is_read(r.article.id) for r in articles.rows)


async def test_an_article_open_a_few_seconds_counts_as_read(dossier_copy, monkeypatch):
    monkeypatch.setattr(annotating, "READ_AFTER", 0.05)
    app = DossierApp(dossier_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, None)
        await pilot.pause(0.2)
        assert AnnotationStore(dossier_copy).is_read(GULEVICH)
        await pilot.press("u")  # and by hand, back to unread
        assert not AnnotationStore(dossier_copy).is_read(GULEVICH)


@pytest.fixture
def annotated_copy(dossier_copy):
    """Three annotations on the Gulevich article; the passage of the third is then cut (orphaned)."""
    notes = DossierAnnotations(load_dossier(dossier_copy))
    article = load_dossier(dossier_copy).get(GULEVICH)
    text = article.paragraphs[2].text
    start = text.index("conducting")
    notes.add(GULEVICH, 2, start, 2, start + len("conducting explanatory work"), note="The letter", tags=["letter"], label="evidence")
    notes.add(GULEVICH, 1, note="", tags=["army"], label="key")
    third = article.paragraphs[3].text
    begin = third.index("Oleksiy Arestovych")
    notes.add(GULEVICH, 3, begin, 3, begin + len("Oleksiy Arestovych, a Ukrainian presidential adviser"), note="who is he?")
    path = dossier_copy / f"{GULEVICH}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Oleksiy Arestovych, a Ukrainian presidential adviser, indicated", "He indicated"), encoding="utf-8")
    return dossier_copy


async def test_notes_view_lists_jumps_and_deletes(annotated_copy):
    app = DossierApp(annotated_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("M")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert screen.query_one("#notes-box").border_title == "Notes · 3"
        current = screen._current()
        assert current.annotation.tags == ("army",)  # text order: paragraph 1 first
        await pilot.press("j")
        assert screen._current().annotation.note == "The letter"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main and app.main.reader.paragraph == 2
        assert "1 annotation of this article could not be placed" in str(app.main.status.render())
        await pilot.press("M", "t")  # by tag
        assert screen is not app.screen and app.screen.by_tag
        await pilot.press("j", "j")
        orphan = app.screen._current()
        assert orphan.state == State.ORPHANED and orphan.annotation.note == "who is he?"
        await pilot.press("d")
        assert len(AnnotationStore(annotated_copy).notes) == 3  # asks first
        await pilot.press("d")
        assert len(AnnotationStore(annotated_copy).notes) == 2
        await pilot.press("f", *"letter")
        assert app.screen.query_one("#notes-box").border_title == "Notes · 1 of 2"


async def test_an_orphan_is_reattached_to_the_passage_selected_next(annotated_copy):
    app = DossierApp(annotated_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("M", "j", "j")
        orphan = app.screen._current()
        assert orphan.state == State.ORPHANED
        await pilot.press("R")
        await pilot.pause()
        assert app.screen is app.main and app.main.reader.article.id == GULEVICH
        app.main.reader.move_cursor(app.main.reader._block_of(1))
        await pilot.press("a")  # the paragraph under the cursor becomes its passage
        await pilot.pause()
        moved = AnnotationStore(annotated_copy).notes[orphan.id]
        assert (moved.note, moved.target.paragraph) == ("who is he?", 1)  # its annotation there stays too
        assert app.main.notes.placed[orphan.id].state == State.ANCHORED


async def test_a_note_another_process_wrote_shows_in_the_notes_view(dossier_copy):
    app = DossierApp(dossier_copy)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        DossierAnnotations(load_dossier(dossier_copy)).add(GULEVICH, 2, note="from a script")
        await pilot.press("M")
        assert app.screen.query_one("#notes-box").border_title == "Notes · 1"


async def _reader_with_annotations(pilot) -> None:
    await _open(pilot, 1)
    await pilot.press("j")  # the cursor off the annotated paragraph: its margin bar and note show plainly
    await pilot.pause()


async def _notes_view(pilot) -> None:
    await _ready(pilot)
    await pilot.press("M")
    await pilot.pause()


def test_snapshot_reader_with_annotations(snap_compare, annotated_copy):
    # Underlined tinted passages with a bar in the margin, notes under their paragraphs, the list
    # row's status letters, and the status line saying one annotation could not be placed.
    assert snap_compare(DossierApp(annotated_copy), terminal_size=(80, 24), run_before=_reader_with_annotations)


def test_snapshot_notes_view(snap_compare, annotated_copy):
    assert snap_compare(DossierApp(annotated_copy), terminal_size=(80, 24), run_before=_notes_view)
