"""What an empty workspace shows, and what File > Open meeting shows: ways in, and every meeting."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import MeetingId
from ui.models.meetings import CASE, KIND, MEETING, STATUS, WHEN, MeetingsListModel
from ui.session import Session
from ui.widgets import stretch_column, table_view, title_font


class MeetingPicker(QWidget):
    """Start a meeting from a template, open the sample, or search and open any meeting.

    Signals:
        new_meeting_requested(): "New meeting from a template".
        sample_requested(): "Open the sample meeting".
        meeting_chosen(int): a meeting in the list was activated.
        back_requested(): "Back to the meeting" (only while one is open).
    """

    new_meeting_requested = Signal()
    sample_requested = Signal()
    meeting_chosen = Signal(int)
    back_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("MeetingPicker")
        self.title = QLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.new_meeting = QPushButton("New meeting from a template")
        self.new_meeting.setAccessibleName("New meeting from a template")
        self.new_meeting.setToolTip("A facilitated IEP meeting with the standard agenda")
        self.sample = QPushButton("Open the sample meeting")
        self.sample.setAccessibleName("Open the sample meeting")
        self.sample.setToolTip(
            "An invented case with a finished facilitated IEP meeting (added the first time)"
        )
        self.back = QPushButton("Back to the meeting")
        self.back.setAccessibleName("Back to the meeting")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search cases and meetings")
        self.search.setAccessibleName("Search cases and meetings")
        self.search.setClearButtonEnabled(True)
        self.model = MeetingsListModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = table_view("Cases and meetings", stretch=KIND)
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(self.list.EditTrigger.NoEditTriggers)
        self.list.setToolTip("Double-click or press Enter to open a meeting")
        self.list.setWordWrap(False)
        rows = self.list.verticalHeader()  # one line a meeting: no need to measure each row
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        stretch_column(self.list)
        # The day first and the kind last: between the side panels (File > Open meeting during a
        # meeting) the list is narrow, and what scrolls out of sight should be what the meeting's
        # title already says, not which of two "Annual IEP meeting"s is the one to open.
        header = self.list.horizontalHeader()
        for place, column in enumerate((WHEN, CASE, MEETING, STATUS, KIND)):
            header.moveSection(header.visualIndex(column), place)
        self.fit_to_font()
        # The buttons one above the other, not in a row: the picker shows between the side
        # panels, and a row wider than the board would widen the window past the screen at
        # larger text (at 150%, all three in a row did; at 200%, "Back" beside the title did).
        buttons = QVBoxLayout()
        for button in (self.back, self.new_meeting, self.sample):
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        # With no meetings the list is hidden: the welcome stays together at the top.
        layout.addStretch(0)
        self.new_meeting.clicked.connect(self.new_meeting_requested)
        self.sample.clicked.connect(self.sample_requested)
        self.back.clicked.connect(self.back_requested)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list.activated.connect(self._activated)

    def fit_to_font(self) -> None:
        """The title half as large again as the picker's text, and rows one line of it high.
        The window calls this when the text size changes."""
        self.title.setFont(title_font(self.font(), 1.5))
        self.list.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def refresh(self) -> None:
        """Read the meetings again (only when shown: a workspace may hold thousands)."""
        self.model.reload()
        empty = self.model.rowCount() == 0
        has_open = self.session.meeting_id is not None
        self.title.setText("Welcome to Facilitator" if empty else "Open a meeting")
        self.hint.setText(
            "This workspace holds no meetings yet. Start one from the facilitated IEP agenda, or"
            " look around the sample meeting first."
            if empty
            else "Search by case, meeting, kind, date or status; Enter opens the meeting."
        )
        self.back.setVisible(has_open)
        self.list.setVisible(not empty)
        self.search.setVisible(not empty)

    def focus_search(self) -> None:
        target = self.search if self.search.isVisible() else self.new_meeting
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        meeting_id = self.model.id_at(source.row())
        if meeting_id is not None:
            self.meeting_chosen.emit(MeetingId(meeting_id))
