"""Agreements: what the team agreed, captured as it is said."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator import board
from facilitator.model import MeetingId
from facilitator.store import Change, Workspace
from ui.models.board_items import AgreementsModel
from ui.panels.item_list import ItemListPanel
from ui.session import Session
from ui.widgets import QuickAdd


class AgreementsPanel(ItemListPanel):
    """The agreements, edited in place. Signals: none of its own."""

    TITLE = "Agreements"
    TABLES = frozenset({"agreements"})
    ADDING = "Add agreement"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        quick_add = QuickAdd("agreement", placeholder="New agreement, as the team said it")
        super().__init__(session, AgreementsModel(session), quick_add, parent)

    def add_item(
        self, ws: Workspace, meeting_id: MeetingId, *, text: str, team_only: bool
    ) -> Change:
        return board.add_agreement(ws, meeting_id=meeting_id, text=text, team_only=team_only)
