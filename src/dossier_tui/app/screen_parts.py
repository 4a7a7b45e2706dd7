"""What the main screen's pieces of work (BackgroundWork, AnnotationWork) reach on the screen.

MainScreen is assembled from its own file and those two mixins; they inherit this Screen subclass
so that every attribute they use on the screen (the panes, the session, the screen's own list and
open methods) is declared once and checked by mypy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from dossier_tui.app.article_list import ArticleList
from dossier_tui.app.reading_view import ReadingView
from dossier_tui.app.status_line import StatusLine
from dossier_tui.session import ReadingSession

if TYPE_CHECKING:
    from dossier_tui.backends.staged import StagedBackend
    from dossier_tui.pipeline import Workspace


class ScreenParts(Screen):
    session: ReadingSession
    workspace: Workspace | StagedBackend | None  # BackgroundWork's: what the stages run on
    # MainScreen's own methods, named here for the mixins that call them.
    show_list: Callable[..., None]
    open_article: Callable[..., None]

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReadingView:
        return self.query_one(ReadingView)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)
