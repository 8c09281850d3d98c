"""The facilitator's notes: team only unless unticked."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator import board, live
from ui.models.board_items import NotesModel
from ui.panels.base import Panel
from ui.session import Session
from ui.widgets import QuickAdd, list_view


class NotesPanel(Panel):
    """Notes, newest last, tied to the agenda item under way. Signals: none of its own."""

    TITLE = "Notes"
    TABLES = frozenset({"notes"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = NotesModel(session, self)
        self.view = list_view("Notes")
        self.view.setModel(self.model)
        self.quick_add = QuickAdd(
            "note", placeholder="New note (team only by default)", team_only=True
        )
        self.stack(self.view, self.quick_add)
        self.quick_add.submitted.connect(self.add)

    def add(self, text: str, team_only: bool) -> None:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        item = live.current_item_id(ws, meeting_id)
        change = self.session.run(
            "Add note",
            lambda: board.add_note(
                ws, meeting_id=meeting_id, text=text, team_only=team_only, agenda_item_id=item
            ),
        )
        if change is not None:
            self.quick_add.accept()

    def focus_quick_add(self) -> None:
        self.quick_add.focus()

    def reload(self) -> None:
        self.model.reload()
