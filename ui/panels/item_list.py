"""A list of items in the team's own words with a quick-add line under it: agreements, notes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator.model import MeetingId
from facilitator.store import Change, Workspace
from ui.models.board_items import BoardItemsModel
from ui.panels.base import Panel
from ui.session import Session
from ui.style import ring
from ui.widgets import QuickAdd, list_view


class ItemListPanel(Panel):
    """The items, edited in place, and one line to add the next (Enter adds; Ctrl+Z takes back).

    Subclasses give the model, the quick-add line, `ADDING` (the undo step's name) and `add_item`.
    Signals: none of its own.
    """

    ADDING = ""

    def __init__(
        self,
        session: Session,
        model: BoardItemsModel,
        quick_add: QuickAdd,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.model = model
        model.setParent(self)
        self.view = list_view(self.TITLE)
        ring(self.view)  # an empty list, too, shows that it has the keyboard
        self.view.setModel(model)
        self.quick_add = quick_add
        self.stack(self.view, quick_add)
        quick_add.submitted.connect(self.add)

    def add(self, text: str, team_only: bool) -> None:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        self.quick_add.record(
            self.session,
            self.ADDING,
            lambda: self.add_item(ws, meeting_id, text=text, team_only=team_only),
        )

    def add_item(
        self, ws: Workspace, meeting_id: MeetingId, *, text: str, team_only: bool
    ) -> Change:
        raise NotImplementedError

    def focus_quick_add(self) -> None:
        self.quick_add.focus()

    def reload(self) -> None:
        self.model.reload()
