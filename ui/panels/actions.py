"""Action items: who does what by when."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from facilitator import board
from facilitator.model import ParticipantId
from ui.models.board_items import ActionsModel
from ui.panels.base import Panel
from ui.session import Session
from ui.spoken import label_for
from ui.style import ring
from ui.type_ahead import NamePicker
from ui.widgets import FitRows, QuickAdd, stretch_column, table_view

NOBODY = "Who? (none)"  # an owner is optional; longer, it was cut off in its box


class ActionsPanel(Panel):
    """Action items with their owner (a participant) and due date. Signals: none of its own."""

    TITLE = "Action items"
    TABLES = frozenset({"action_items", "participants"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = ActionsModel(session, self)
        self.view = table_view("Action items", stretch=0)
        ring(self.view)
        self.view.setModel(self.model)
        stretch_column(self.view)
        self.row_heights = FitRows(self.view)
        # Chosen by typing a name ("Ms. O" for Ms. Ortiz); never "none" by typing.
        self.owner = NamePicker(first_name=1)
        self.owner.setAccessibleName("New action item: who does it")
        self.owner.setToolTip("Type a name to choose who; Space or Alt+Down lists everyone")
        # As wide as a short name, not the longest: at large text the longest widened the window.
        self.owner.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner.setMinimumContentsLength(10)
        self.due = QLineEdit()
        self.due.setPlaceholderText("By YYYY-MM-DD")
        self.due.setAccessibleName("New action item: due date, YYYY-MM-DD")
        self.due.setInputMask("")
        self.quick_add = QuickAdd(
            "action item",
            placeholder="New action item: what is to be done (Enter adds)",
            details=(label_for(self.owner, "Who:"), self.owner, self.due),
        )
        self.stack(self.view, self.quick_add)
        self.quick_add.submitted.connect(self.add)

    def add(self, text: str, team_only: bool) -> None:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        owner = self.owner.currentData()
        due = self.due.text()
        if self.quick_add.record(
            self.session,
            "Add action item",
            lambda: board.add_action_item(
                ws, meeting_id=meeting_id, text=text,
                owner_participant_id=ParticipantId(owner) if owner else None,
                due_date=due or None, team_only=team_only,
            ),
        ):  # fmt: skip
            # Ready for the next item: nobody chosen, so this owner is never carried over to it.
            self.due.clear()
            self.owner.setCurrentIndex(0)
            self.quick_add.focus()

    def fit_to_font(self) -> None:
        self.row_heights.later()

    def focus_quick_add(self) -> None:
        self.quick_add.focus()

    def reload(self) -> None:
        self.model.reload()
        chosen = self.owner.currentData()
        self.owner.clear()
        self.owner.addItem(NOBODY, 0)
        if self.session.meeting_id is not None:
            for person in self.session.ws.rows(
                "SELECT id, name FROM participants WHERE meeting_id = ? ORDER BY position, id",
                (self.session.meeting_id,),
            ):
                self.owner.addItem(person["name"], person["id"])
        self.owner.setCurrentIndex(max(0, self.owner.findData(chosen)))
