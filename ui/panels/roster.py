"""Adding someone who joins the meeting: a name and a role, from the speakers panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from facilitator.model import Role
from ui.session import Session
from ui.spoken import label_for


class NewPerson(QWidget):
    """Name, role, Add: the person gets the next free speaker key. Signals: none of its own."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name of someone joining (Enter adds)")
        self.name.setAccessibleName("New participant's name")
        self.role = QComboBox()
        self.role.setAccessibleName("New participant's role")
        for role in Role:
            self.role.addItem(role.label, role.value)
        # As wide as a short role, not the longest: at 200% the row, with its label, made the
        # window wider than the screen (the list shows the long ones whole).
        self.role.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.role.setMinimumContentsLength(10)
        self.add = QPushButton("Add person")
        self.add.setAccessibleName("Add the participant")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name, 1)
        layout.addWidget(label_for(self.role, "Role:"))
        layout.addWidget(self.role)
        layout.addWidget(self.add)
        self.name.returnPressed.connect(self.submit)
        self.add.clicked.connect(self.submit)

    def open(self) -> None:
        self.show()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        from facilitator import meetings  # on first use: the window starts without it
        from facilitator.meetings import NewParticipant

        meeting_id = self.session.require_meeting()
        person = NewParticipant(self.name.text(), Role(self.role.currentData()))
        change = self.session.run(
            f"Add {person.name.strip()}",
            lambda: meetings.add_participant(self.session.ws, meeting_id=meeting_id, person=person),
        )
        if change is not None:
            self.name.clear()
