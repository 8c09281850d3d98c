"""The roster while preparing: who comes, in what role and on which side, in what language, and
the key that will give each of them the floor."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
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
from facilitator.team import team_gaps
from ui.actions import edit_in_place, make_action
from ui.cards import viewport_width
from ui.delegates import ChoiceDelegate
from ui.enter_adds import EnterAdds
from ui.keymap import BY_NAME
from ui.models.prepare import RosterModel
from ui.panels.base import Panel
from ui.session import Session
from ui.spoken import label_for
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
        role_label = label_for(self.role, "Role:")  # read as the drop-down's label, not shown
        role_label.hide()
        row.addWidget(self.name, 4)
        row.addWidget(role_label)
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
    TABLES = frozenset({"participants", "meetings"})  # the meeting's kind says whom it needs

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
        # Names take the spare width, roles as much of it as their words need (`_fit_roles`);
        # the other columns fit their contents.
        header.setSectionResizeMode(RosterModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RosterModel.ROLE, QHeaderView.ResizeMode.Interactive)
        self._roles_later = QTimer(self)
        self._roles_later.setSingleShot(True)
        self._roles_later.setInterval(0)
        self._roles_later.timeout.connect(self._fit_roles)
        header.sectionResized.connect(lambda *_resized: self._roles_later.start())
        self.model.modelReset.connect(self._roles_later.start)
        self.model.dataChanged.connect(lambda *_changed: self._roles_later.start())
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for column, name, choices in (
            (RosterModel.ROLE, "Role", [(r.label, r.value) for r in Role]),
            (RosterModel.SIDE, "Side", [(s.label, s.value) for s in Side]),
            (RosterModel.ATTENDANCE, "Attendance", [(a.label, a.value) for a in Attendance]),
        ):
            self.view.setItemDelegateForColumn(column, ChoiceDelegate(name, choices, self.view))
        edit_in_place(self.view)
        remove = make_action(
            self.view, BY_NAME["remove_item"], context=Qt.ShortcutContext.WidgetShortcut
        )
        remove.triggered.connect(self._remove_current)
        self.title = heading("Participants", self.view)
        self.new = NewParticipantRow(self)
        self.hint = QLabel("Each person's key gives them the floor in the meeting (F1 lists them).")
        self.hint.setWordWrap(True)
        # For an IEP meeting, the members 34 CFR 300.321(a) names that the roster does not give
        # it: a reminder while preparing, never a refusal (`facilitator.team`).
        self.team_note = QLabel()
        self.team_note.setObjectName("TeamNote")
        self.team_note.setWordWrap(True)
        self.team_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.team_note)
        layout.addWidget(self.new)
        layout.addWidget(self.hint)
        self.fit_to_font()

    def fit_to_font(self) -> None:
        """Rows one line of the text size tall, the roles measured again."""
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        self._roles_later.start()

    def _fit_roles(self) -> None:
        """The roles as wide as the longest ("Special education teacher" was cut to "Special
        education te…" when names and roles shared the room), while the names keep room for the
        longest of them, or half the room when there is too little for both (large text). What
        is cut ends in "…", and its tooltip has it whole."""
        view, header = self.view, self.view.horizontalHeader()
        fixed = (RosterModel.KEY, RosterModel.SIDE, RosterModel.LANGUAGE, RosterModel.ATTENDANCE)
        room = viewport_width(view) - sum(header.sectionSize(column) for column in fixed)
        names = min(view.sizeHintForColumn(RosterModel.NAME), room // 2)
        roles = min(view.sizeHintForColumn(RosterModel.ROLE), room - names)
        roles = max(roles, header.minimumSectionSize())
        if header.sectionSize(RosterModel.ROLE) != roles:
            header.resizeSection(RosterModel.ROLE, roles)

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
        meeting = self.session.meeting()
        gaps = team_gaps(meeting["kind"] if meeting else "", self.model.rows())
        self.team_note.setText("\n".join(gap.sentence() for gap in gaps))
        self.team_note.setVisible(bool(gaps))
