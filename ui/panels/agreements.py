"""Agreements: what the team agreed, captured as it is said."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator import board
from ui.models.board_items import AgreementsModel
from ui.panels.base import Panel
from ui.session import Session
from ui.widgets import QuickAdd, list_view


class AgreementsPanel(Panel):
    """The agreements, edited in place. Signals: none of its own."""

    TITLE = "Agreements"
    TABLES = frozenset({"agreements"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = AgreementsModel(session, self)
        self.view = list_view("Agreements")
        self.view.setModel(self.model)
        self.quick_add = QuickAdd("agreement", placeholder="New agreement, as the team said it")
        self.stack(self.view, self.quick_add)
        self.quick_add.submitted.connect(self.add)

    def add(self, text: str, team_only: bool) -> None:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        change = self.session.run(
            "Add agreement",
            lambda: board.add_agreement(ws, meeting_id=meeting_id, text=text, team_only=team_only),
        )
        if change is not None:
            self.quick_add.accept()

    def focus_quick_add(self) -> None:
        self.quick_add.focus()

    def reload(self) -> None:
        self.model.reload()
