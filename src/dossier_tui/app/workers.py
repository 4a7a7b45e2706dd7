"""The main screen's background work: opening the dossier in stages, searching, related look-ups.

Each runs in a thread worker and posts typed messages (messages.py) stamped with the generation
the session handed out when the work was asked for; the screen drops answers that are no longer
current. A mixin of MainScreen, kept apart so the screen file holds layout and keys only.
"""

from __future__ import annotations

import gc
import threading
import time

from textual import work
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from dossier_tui import store
from dossier_tui.model import DossierError
from dossier_tui.app import messages
from dossier_tui.app.screen_parts import ScreenParts
from dossier_tui.provenance import UNKNOWN_SOURCE, display_source

if TYPE_CHECKING:
    from dossier_tui.backends.staged import StagedBackend
    from dossier_tui.pipeline import Workspace

_PROGRESS_EVERY = 0.1  # seconds between progress messages from a stage
# While the user searches (and the index answers), the stages wait: each reads a cache of 14-19 MB
# at 3,824 articles in one unpickling that holds the interpreter (GIL) for 0.1-0.4 s.
TYPING_PAUSE = 0.6  # seconds without a keystroke (or out of the search bar) before the next stage starts
TYPING_WAIT_MAX = 10.0  # the stages wait at most this long in all


class BackgroundWork(ScreenParts):

    def _init_background(self) -> None:
        self.workspace: Workspace | StagedBackend | None = None
        self.first_frame = threading.Event()
        self.list_painted = threading.Event()
        self.listed: list[tuple] = []  # the remembered list shown at start, rewritten only on change
        self._search_lock = threading.Lock()
        self._searching = False
        self._wanted: tuple[int, str, int] = (0, "", 0)  # (generation, query, limit)
        self.last_keystroke = 0.0  # time.monotonic() of the last query typed
        self.in_search_bar = False  # set by the screen as focus moves

    # -- opening the dossier in stages ---------------------------------------------------------

    def open_dossier(self) -> None:
        self._open_stages(self.session.next_generation("open"))

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_stages(self, generation: int) -> None:
        from dossier_tui.pipeline import Workspace

        # The stages wait for the first frame: their thread would slow the first paint (GIL).
        self.first_frame.wait(timeout=1)
        workspace: Workspace | StagedBackend
        if self.session.remote is not None:  # a published dossier: the same stages, asked of its server
            try:
                workspace = self.session.remote()
            except DossierError as error:
                self.post_message(messages.StageFailed(generation, "load", str(error)))
                return
        else:
            workspace = Workspace(self.session.path, follow_links=self.session.follow_links)
        # A dossier unchanged since its index was built is searched from the index at once (a
        # stat of each file), before its articles are loaded: the first keys need no stage.
        warm = isinstance(workspace, Workspace) and workspace.open_warm()
        self.workspace = workspace
        if warm and isinstance(workspace, Workspace):
            self.post_message(messages.StageDone(generation, "warm", workspace.search_index))
        waited_until = time.monotonic() + TYPING_WAIT_MAX
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= _PROGRESS_EVERY or done >= total:
                last[0] = now
                self.post_message(messages.Progress(stage, done, total))

        shown = 0
        for stage in workspace.STAGES:
            while warm and self._searching_now() and time.monotonic() < waited_until:
                time.sleep(0.05)
            try:
                result = getattr(workspace, stage)(progress)
            except Exception as error:  # a failed stage leaves the earlier ones usable
                said = str(error) if isinstance(error, DossierError) else f"{type(error).__name__}: {error}"
                self.post_message(messages.StageFailed(generation, stage, said))
                if stage == "load":
                    return
                continue
            self.post_message(messages.StageDone(generation, stage, result))
            if stage == "load":
                # The entities view names each entity's sources: 3,824 look-ups (~90 ms) done here.
                self.post_message(messages.SourceNames(generation, {a.id: display_source(a) or UNKNOWN_SOURCE for a in result.articles}))
                # Let the list paint before the next stages take the interpreter (GIL) for seconds.
                self.list_painted.wait(timeout=2)
                if [(a.id, a.title, a.source, a.date) for a in result.articles] != self.listed:
                    store.save_listing(self.session.path, result.articles)
            elif stage == "index":
                self._warm_search(workspace)
            elif stage == "relate":
                # Every article's count at once (about 20 ms at 3,824): a row paints with its count
                # in the same frame as its title, never a moment later.
                try:
                    counts = {a.id: len(result.same_text_paragraphs(a.id)) for a in workspace.load().articles}
                except DossierError as error:  # a published dossier's server failed: no counts
                    self.post_message(messages.Notice(str(error)))
                else:
                    self.post_message(messages.LinkCounts(generation, counts))
            for notice in workspace.notices[shown:]:
                self.post_message(messages.Notice(notice))
            shown = len(workspace.notices)
        # The dossier's millions of objects live as long as it is open: full collections skip them
        # from now on (each took 270-600 ms on 3,824 articles, freezing the entities and quotes views).
        gc.freeze()

    def _searching_now(self) -> bool:
        return self.in_search_bar or time.monotonic() - self.last_keystroke < TYPING_PAUSE

    @staticmethod
    def _warm_search(workspace) -> None:
        """One search before the user's first key: the index's readers and caches load now, not then."""
        try:
            workspace.search("the", limit=1)
        except Exception:  # warming is a courtesy; the user's own search reports any problem
            pass

    # -- search: one thread, always on the newest query ----------------------------------------

    def search(self, query: str, limit: int) -> None:
        """Search for the latest query. One search thread at a time: when it finishes it takes the
        newest query typed meanwhile, so fast typing never piles up stale searches."""
        generation = self.session.next_generation("search")
        with self._search_lock:
            self._wanted = (generation, query, limit)
            if self._searching:
                # A server's search in flight is stopped (one round trip per keystroke); the
                # thread then takes this query. A local search just finishes (milliseconds).
                cancel = getattr(self.workspace, "cancel", None)
                if cancel is not None:
                    cancel()
                return
            self._searching = True
        self._search_latest()

    @work(thread=True, group="search", exit_on_error=False)
    def _search_latest(self) -> None:
        try:
            while True:
                wanted = generation, query, limit = self._wanted
                try:
                    result = self._run_search(query, limit)
                except DossierError as error:  # the server failed: say so, keep the list shown
                    self.post_message(messages.Notice(str(error)))
                else:
                    self.post_message(messages.SearchDone(generation, query, result, self._articles_of(result)))
                with self._search_lock:
                    if self._wanted == wanted:
                        self._searching = False
                        return
        except BaseException:
            with self._search_lock:
                self._searching = False
            raise

    def _run_search(self, query: str, limit: int):
        workspace = self.workspace
        if not query.strip() or workspace is None:
            return None
        if self.session.dossier is None and not self.session.search_ready:
            return None  # nothing to scan yet: the search runs again when the articles are loaded
        # The index once ready (or warm); until then a scan of the loaded articles.
        return workspace.search(query, limit=limit)

    def _articles_of(self, result) -> dict:
        """The hits' articles from the index's stored records, while the dossier is not loaded."""
        from dossier_tui.pipeline import Workspace

        workspace = self.workspace
        if result is None or not isinstance(workspace, Workspace) or self.session.dossier is not None:
            return {}
        return {hit.article_id: a for hit in result.hits if (a := workspace.article(hit.article_id)) is not None}

    # -- related passages ----------------------------------------------------------------------

    def lookup_links(self, article_id: str, paragraph: int) -> None:
        self._links(self.session.next_generation("links"), article_id, paragraph)

    @work(thread=True, exclusive=True, group="links", exit_on_error=False)
    def _links(self, generation: int, article_id: str, paragraph: int) -> None:
        related = self.session.related
        if related is None:  # asked for before the links were computed
            return
        try:
            links = related.links(article_id, paragraph, limit=10)
            corroboration = related.corroboration(article_id, paragraph)
        except DossierError as error:  # a published dossier's server failed
            self.post_message(messages.Notice(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(messages.LinksReady(generation, article_id, paragraph, links, corroboration))
