"""The facilitator's notes: team only unless unticked."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator import board, live
from facilitator.model import MeetingId
from facilitator.store import Change, Workspace
from ui.models.board_items import NotesModel
from ui.panels.item_list import ItemListPanel
from ui.session import Session
from ui.widgets import QuickAdd


class NotesPanel(ItemListPanel):
    """Notes, newest last, tied to the agenda item under way. Signals: none of its own."""

    TITLE = "Notes"
    TABLES = frozenset({"notes"})
    ADDING = "Add note"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        quick_add = QuickAdd("note", placeholder="New note (team only by default)", team_only=True)
        super().__init__(session, NotesModel(session), quick_add, parent)

    def add_item(
        self, ws: Workspace, meeting_id: MeetingId, *, text: str, team_only: bool
    ) -> Change:
        item = live.current_item_id(ws, meeting_id)
        return board.add_note(
            ws, meeting_id=meeting_id, text=text, team_only=team_only, agenda_item_id=item
        )
