"""The main screen's annotation work: reading and placing the dossier's annotations off the UI
thread, marking them in the text, the note editor, flags, read state and the notes view.

A mixin of MainScreen (like BackgroundWork), so the screen file keeps layout and reading. Its
handlers are named `on_...` (a mixin's @on decorators are not collected by Textual).
"""

from __future__ import annotations

from textual import work
from textual.timer import Timer

from dossier_tui.annotations import AnnotationStoreError, State
from dossier_tui.annotations.anchoring import Placed
from dossier_tui.app import messages
from dossier_tui.app.screen_parts import ScreenParts
from dossier_tui.app.reader_lines import Mark
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.model import Article, DossierError

READ_AFTER = 3.0  # seconds an article is open in the reading view before it counts as read
SYNC_EVERY = 10.0  # seconds between a published dossier's reloads (the team's notes in, ours out)
NOTE_LINES = 3  # lines of a note shown under its paragraph
LABEL_MARKS = {"highlight": "✎", "key": "★", "evidence": "§", "question": "?", "doubt": "!"}


class AnnotationWork(ScreenParts):

    def _init_annotating(self) -> None:
        self._read_timer: Timer | None = None
        self._reattaching: str | None = None  # an annotation waiting for its new passage
        self._told_elsewhere = False  # said once that a read-only dossier's changes go to the data dir
        self._sync_timer: Timer | None = None  # a published dossier's: reload and send every SYNC_EVERY

    @property
    def notes(self):
        return self.session.annotations

    # -- reading the store ---------------------------------------------------------------------

    def load_annotations(self) -> None:
        self._read_annotations(self.session.next_generation("annotations"), self.session.dossier)

    # A description of its own: Textual's default is the repr of the arguments, and the repr of a
    # 3,824-article dossier froze the reader for 0.3 s on the UI thread.
    @work(thread=True, exclusive=True, group="annotations", exit_on_error=False, description="read the annotations")
    def _read_annotations(self, generation: int, dossier) -> None:
        from dossier_tui.annotations.dossier_annotations import DossierAnnotations

        shared = getattr(self.workspace, "annotations", None)  # a published dossier's, on its server
        try:
            annotations = shared() if shared is not None else DossierAnnotations(dossier)
        except DossierError as error:
            self.post_message(messages.Notice(f"annotations: {error}"))
            return
        self.post_message(messages.AnnotationsReady(generation, annotations))

    # -- a published dossier's: the team's notes come in, ours go out -------------------------

    def _sync(self) -> None:
        if self.notes is not None:
            self._sync_worker(self.session.next_generation("annotations"), self.notes)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync_worker(self, generation: int, annotations) -> None:
        """Send what waits on this machine, take in the others' notes; say when the server comes
        and goes (the notes stay on screen and keep working meanwhile)."""
        store = annotations.store
        was_down = store.down
        try:
            changed = annotations.reload()
        except DossierError as error:
            self.post_message(messages.Notice(f"annotations: {error}"))
            return
        if store.down and not was_down:
            self.post_message(messages.Notice(f"{store.down}: notes are kept on this machine until it is back"))
        elif was_down and not store.down:
            sent = f", {store.sent} kept change(s) sent" if store.sent else ""
            self.post_message(messages.Notice(f"the server is back{sent}"))
        if changed:
            self.post_message(messages.AnnotationsReady(generation, annotations))

    def on_annotations_ready(self, message: messages.AnnotationsReady) -> None:
        if not self.session.is_current("annotations", message.generation):
            return
        self.session.annotations = message.annotations
        if self.session.remote is not None and self._sync_timer is None:
            self._sync_timer = self.set_interval(SYNC_EVERY, self._sync)
        self.articles.set_states(message.annotations)
        self.session.states_changed()
        self.show_list(keep=self.session.cursor)
        if self.reader.article is not None:
            self.show_annotations(self.reader.article)
        if message.annotations.problem:
            self.status.set_notice(f"annotations read-only: {message.annotations.problem}")
        else:
            self._tell_elsewhere()

    def _states_changed(self) -> None:
        self.session.states_changed()
        self.articles.set_states(self.notes)
        self.show_list(keep=self.session.cursor)
        self._tell_elsewhere()

    def _tell_elsewhere(self) -> None:
        elsewhere = self.notes.store.elsewhere
        if elsewhere and not self._told_elsewhere:
            self._told_elsewhere = True
            self.app.notify(elsewhere, timeout=8)

    # -- in the text ---------------------------------------------------------------------------

    def show_annotations(self, article: Article) -> None:
        """Mark the open article's annotations in the text, their notes under their paragraphs."""
        if self.notes is None:
            return
        placed = self.notes.for_article(article.id)
        marks: list[Mark] = []
        lines: dict[int, list[str]] = {}
        for p in placed:
            if p.state == State.ORPHANED:
                continue
            for paragraph in range(p.paragraph, p.end_paragraph + 1):
                if paragraph < len(article.paragraphs):
                    start, end = p.span_in(paragraph, len(article.paragraphs[paragraph].text))
                    marks.append(Mark(paragraph, start, end, "annotation"))
            lines.setdefault(p.end_paragraph, []).extend(_note_lines(p))
        self.reader.set_notes(marks, {k: tuple(v) for k, v in lines.items()})
        lost = sum(p.state == State.ORPHANED for p in placed)
        if lost:
            self.status.set_notice(f"{lost} annotation{'s' * (lost != 1)} of this article could not be placed: M lists them")

    def start_read_timer(self, article: Article) -> None:
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.set_timer(READ_AFTER, lambda: self._read_long_enough(article.id))

    def _read_long_enough(self, article_id: str) -> None:
        reader = self.reader
        if reader.article is not None and reader.article.id == article_id and reader.has_focus:
            self._set_read([article_id], True, quiet=True)

    def on_reading_view_scrolled_through(self, message: ReadingView.ScrolledThrough) -> None:
        self._set_read([message.article.id], True, quiet=True)

    def _set_read(self, article_ids: list[str], read: bool, *, quiet: bool = False) -> None:
        if self.notes is None:
            return
        try:
            changed = self.notes.set_read(article_ids, read)
        except AnnotationStoreError as error:
            if not quiet:
                self.app.notify(str(error), severity="error", timeout=6)
            return
        if changed:
            self._states_changed()
        if not quiet:
            what = "read" if read else "unread"
            self.status.set_notice(f"{changed:,} marked {what}" if len(article_ids) > 1 else f"marked {what}")

    # -- annotating ----------------------------------------------------------------------------

    def on_reading_view_annotate_requested(self, message: ReadingView.AnnotateRequested) -> None:
        if self.notes is None:
            self.app.notify("annotations are still being read", timeout=3)
            return
        (first, start, _), (last, _, end) = message.spans[0], message.spans[-1]
        if self._reattaching is not None:
            note_id, self._reattaching = self._reattaching, None
            try:
                self.notes.reattach(note_id, message.article.id, first, start, last, end)
            except (AnnotationStoreError, ValueError, KeyError) as error:
                self.app.notify(str(error), severity="error", timeout=6)
                return
            self._annotations_changed()
            self.status.set_notice("annotation re-attached")
            return
        if message.paragraph_only:
            existing = next((p for p in self.notes.for_article(message.article.id) if p.covers(first)), None)
            if existing is not None:
                self._edit(existing)
                return
        if message.how == "highlight":
            self._add(message.article, first, start, last, end, {})
            return
        from dossier_tui.app.note_editor import NoteEditor

        quote = "\n\n".join(message.article.paragraphs[p].text[s:e] for p, s, e in message.spans)

        def add_note(fields: dict | None) -> None:
            if fields is not None:
                self._add(message.article, first, start, last, end, fields)

        self.app.push_screen(NoteEditor(quote), add_note)

    def _add(self, article: Article, first: int, start: int, last: int, end: int, fields: dict) -> None:
        try:
            self.notes.add(article.id, first, start, last, end, **fields)
        except (AnnotationStoreError, ValueError) as error:
            self.app.notify(str(error), severity="error", timeout=6)
            return
        self._annotations_changed()
        self.status.set_notice("note added" if fields.get("note", "").strip() else "highlighted")

    def _edit(self, placed: Placed) -> None:
        from dossier_tui.app.note_editor import NoteEditor

        a = placed.annotation

        def save(result: dict | None) -> None:
            if result is None:
                return
            try:
                self.notes.update(a.id, **result)
            except (AnnotationStoreError, ValueError) as error:
                self.app.notify(str(error), severity="error", timeout=6)
                return
            self._annotations_changed()
            self.status.set_notice("note saved")

        self.app.push_screen(NoteEditor(a.target.quote, note=a.note, tags=a.tags, label=a.label, title="Edit note"), save)

    def _annotations_changed(self) -> None:
        if self.reader.article is not None:
            self.show_annotations(self.reader.article)
        self._states_changed()

    # -- flags and read state ------------------------------------------------------------------

    def on_reading_view_state_requested(self, message: ReadingView.StateRequested) -> None:
        if message.what == "read":
            self._toggle_read(message.article)
        else:
            self._flag(message.article)

    def _toggle_read(self, article: Article | None) -> None:
        if article is not None and self.notes is not None:
            self._set_read([article.id], not self.notes.is_read(article.id))

    def _flag(self, article: Article | None) -> None:
        if article is None or self.notes is None:
            return
        from dossier_tui.app.note_editor import FlagPrompt

        def chosen(name: str | None) -> None:
            if not name:
                return
            try:
                on = self.notes.toggle_flag(article.id, name)
            except AnnotationStoreError as error:
                self.app.notify(str(error), severity="error", timeout=6)
                return
            self._states_changed()
            self.status.set_notice(f"flag {name!r} {'set' if on else 'cleared'}")

        self.app.push_screen(FlagPrompt(article.title, self.notes.flags(article.id), self.notes.all_flags()), chosen)

    def action_toggle_read(self) -> None:
        self._toggle_read(self.articles.highlighted_article)

    def action_mark_all_read(self) -> None:
        """Every article the list shows, read."""
        self._set_read([row.article.id for row in self.articles.rows], True)

    def action_flag_article(self) -> None:
        self._flag(self.articles.highlighted_article)

    def action_filter_state(self) -> None:
        if self.notes is None:
            self.app.notify("read state is still being read", timeout=3)
            return
        self.session.next_state_filter()
        self.show_list(top=True)

    # -- the notes view ------------------------------------------------------------------------

    def action_notes(self) -> None:
        if self.notes is None:
            self.app.notify("annotations are still being read", timeout=3)
            return
        from dossier_tui.app.notes_screen import NotesScreen

        self.notes.reload()  # what another reader or a script wrote meanwhile
        self.app.push_screen(NotesScreen(self.notes), self._note_chosen)

    def _note_chosen(self, target: tuple[str, int | None, str | None] | None) -> None:
        self._annotations_changed()
        if target is None:
            return
        article_id, paragraph, reattach = target
        if self.session.article(article_id) is not None:
            self.open_article(article_id, paragraph)
        self._reattaching = reattach
        if reattach is not None:
            self.status.set_notice("re-attach: select the passage (v, then enter) or press a on a paragraph; escape in the list cancels")


def _note_lines(placed: Placed) -> list[str]:
    """What shows under the paragraph where an annotation ends: its mark, label, tags and note."""
    a = placed.annotation
    if a.is_highlight and not a.tags and a.label == "highlight" and placed.state == State.ANCHORED:
        return []
    head = f"{LABEL_MARKS.get(a.label, '✎')} {a.label}"
    if a.tags:
        head += "  " + " ".join(f"#{t}" for t in a.tags)
    if placed.state == State.MOVED:
        head += "  (moved: the text changed)"
    note = [line for line in a.note.strip().splitlines() if line.strip()]
    if len(note) > NOTE_LINES:
        note = note[: NOTE_LINES - 1] + [note[NOTE_LINES - 1] + " …"]
    if note:
        return [f"{head} — {note[0]}", *(f"  {line}" for line in note[1:])]
    return [head]
