"""The roster while preparing: who comes, in what role and on which side, in what language, and
the key that will give each of them the floor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import meetings
from facilitator.meetings import NewParticipant
from facilitator.model import Attendance, Role, Side
from ui.actions import make_action
from ui.delegates import ChoiceDelegate
from ui.enter_adds import EnterAdds
from ui.keymap import BY_NAME
from ui.models.prepare import RosterModel
from ui.panels.base import Panel
from ui.session import Session
from ui.widgets import heading, table_view


class NewParticipantRow(QWidget):
    """Name, role, language and Add; Enter anywhere in the row adds.

    Signals: none of its own (it calls `submit` on its roster).
    """

    def __init__(self, roster: RosterEditor) -> None:
        super().__init__()  # parented by the roster's layout, after its table: Tab order
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name (Enter adds)")
        self.name.setAccessibleName("New participant's name")
        self.name.setClearButtonEnabled(True)
        self.role = QComboBox()
        self.role.setAccessibleName("New participant's role")
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.language = QLineEdit()
        self.language.setPlaceholderText("Language, if not English")
        self.language.setAccessibleName("New participant's language, if not English")
        self.language.setToolTip(
            "The family's language, or the language an interpreter works in: minutes go to the"
            " family in their language (34 CFR 300.503(c))"
        )
        self.add = QPushButton("Add")
        self.add.setAccessibleName("Add the participant")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.name, 4)
        row.addWidget(self.role, 3)
        row.addWidget(self.language, 2)
        row.addWidget(self.add)
        EnterAdds(roster.submit, (self.name, self.role, self.language, self.add), self)
        self.add.clicked.connect(roster.submit)


class RosterEditor(Panel):
    """Participants as a table edited in place (F2), a row to add people, Del to remove.

    Keys are handed out in roster order (1-9, then a-z); edit the Key column to change one.
    Signals: none of its own.
    """

    TITLE = "Participants"
    TABLES = frozenset({"participants"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = RosterModel(session, self)
        self.view = table_view("Participants", stretch=RosterModel.NAME)
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setToolTip(
            "F2 or double-click edits a cell: key, name, role, side, language, attendance."
            " Del removes the person."
        )
        header = self.view.horizontalHeader()
        # Names and roles share the spare width; the other columns fit their contents.
        header.setSectionResizeMode(RosterModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RosterModel.ROLE, QHeaderView.ResizeMode.Stretch)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        for column, name, choices in (
            (RosterModel.ROLE, "Role", [(r.label, r.value) for r in Role]),
            (RosterModel.SIDE, "Side", [(s.label, s.value) for s in Side]),
            (RosterModel.ATTENDANCE, "Attendance", [(a.label, a.value) for a in Attendance]),
        ):
            self.view.setItemDelegateForColumn(column, ChoiceDelegate(name, choices, self.view))
        remove = make_action(
            self.view, BY_NAME["remove_item"], context=Qt.ShortcutContext.WidgetShortcut
        )
        remove.triggered.connect(self._remove_current)
        self.title = heading("Participants", self.view)
        self.new = NewParticipantRow(self)
        self.hint = QLabel("Each person's key gives them the floor in the meeting (F1 lists them).")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.new)
        layout.addWidget(self.hint)

    def focus_add(self) -> None:
        self.new.name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.new.name.selectAll()

    def submit(self) -> None:
        meeting_id = self.session.require_meeting()
        person = NewParticipant(
            self.new.name.text(),
            Role(self.new.role.currentData()),
            language=self.new.language.text(),
        )
        change = self.session.run(
            f"Add {person.name.strip()}",
            lambda: meetings.add_participant(self.session.ws, meeting_id=meeting_id, person=person),
        )
        if change is not None:
            self.new.name.clear()
            self.new.language.clear()
            self.new.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def reload(self) -> None:
        self.model.reload()
        count = self.model.rowCount()
        self.title.setText(f"Participants ({count})" if count else "Participants")
