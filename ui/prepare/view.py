"""Prepare mode: everything about a planned meeting on one screen, and the button that starts it.

Reached for a planned meeting (it opens here) and from run mode until the meeting starts
(Ctrl+Shift+P). Starting the meeting switches the window to run mode.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import MeetingKind, MeetingStatus
from ui.actions import make_action
from ui.keymap import BY_NAME, display_keys
from ui.panels.base import Panel
from ui.panels.case import CasePanel
from ui.prepare.agenda import AgendaEditor
from ui.prepare.details import MeetingDetails
from ui.prepare.preloaded import PreloadedItems
from ui.prepare.purpose import PurposeAndOutcomes
from ui.prepare.roster import RosterEditor
from ui.session import Session
from ui.widgets import ScrollingColumn, title_font


def _keys(name: str) -> str:
    return " or ".join(display_keys(BY_NAME[name]))


class PrepareView(Panel):
    """The meeting's details, its purpose and outcomes, and its case on the left, roster and
    agenda in the middle, what is known before the meeting on the right; Start meeting at the top.

    Signals:
        start_requested(): "Start meeting" was clicked.
        run_mode_requested(): "Run mode" was clicked (look at the meeting screen without starting).
        save_template_requested(): "Save agenda as template…" was clicked.
    """

    TITLE = "Prepare the meeting"
    TABLES = frozenset({"meetings", "cases"})
    start_requested = Signal()
    run_mode_requested = Signal()
    save_template_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.details = MeetingDetails(session)
        self.purpose = PurposeAndOutcomes(session)
        self.roster = RosterEditor(session)
        self.agenda = AgendaEditor(session)
        self.preloaded = PreloadedItems(session)
        self.case = CasePanel(session)
        self.heading = QLabel()
        self.heading.setWordWrap(True)  # a long title at large text: two lines, not a wider window
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.save_template = QPushButton("Save agenda as template…")
        self.save_template.setAccessibleName("Save this agenda as a template")
        self.run_mode = QPushButton("Run mode")
        self.run_mode.setAccessibleName("Show the meeting screen without starting")
        self.run_mode.setToolTip(f"The meeting screen, not started yet ({_keys('prepare_mode')})")
        self.start = QPushButton("Start meeting ▶")
        self.start.setAccessibleName("Start the meeting and switch to run mode")
        self.start.setToolTip(
            f"Starts the clock and the first agenda item ({_keys('start_meeting')})"
        )
        font = self.start.font()
        font.setBold(True)
        self.start.setFont(font)
        self._layout()
        self._actions()
        self.save_template.clicked.connect(self.save_template_requested)
        self.run_mode.clicked.connect(self.run_mode_requested)
        self.start.clicked.connect(self.start_requested)
        self.fit_to_font()

    def fit_to_font(self) -> None:
        """The heading larger than the view's text, the lists' columns and rows measured for it
        (again when the text size changes)."""
        self.heading.setFont(title_font(self.font(), 1.3))
        self.preloaded.fit_to_font()
        self.roster.fit_to_font()

    def _layout(self) -> None:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.hint)
        header.addLayout(titles, 1)
        for button in (self.save_template, self.run_mode, self.start):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.setChildrenCollapsible(False)
        # The meeting over its case, each as tall as its text needs at the window's width: the
        # column scrolls when the window is too short (not a splitter, which squeezes wrapped
        # notes to a line and cuts them off).
        meeting_and_case = QWidget()
        stack = QVBoxLayout(meeting_and_case)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.purpose)  # its line heads the column; opened, the fields show under it
        stack.addWidget(self.details)
        stack.addWidget(self.case, 1)
        columns.addWidget(ScrollingColumn(meeting_and_case, "Meeting and case"))
        people_and_agenda = QSplitter(Qt.Orientation.Vertical)
        people_and_agenda.setChildrenCollapsible(False)
        people_and_agenda.addWidget(self.roster)
        people_and_agenda.addWidget(self.agenda)
        people_and_agenda.setStretchFactor(0, 2)
        people_and_agenda.setStretchFactor(1, 3)
        columns.addWidget(people_and_agenda)
        columns.addWidget(self.preloaded)
        columns.setSizes([400, 540, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 2)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(columns, 1)

    def _actions(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for name, handler in (
            ("add_participant", self.roster.focus_add),
            ("add_agenda_item", self.agenda.focus_add),
        ):
            action = make_action(self, BY_NAME[name], context=context)
            action.triggered.connect(handler)

    @property
    def panels(self) -> list[Panel]:
        """Everything here that refreshes from the store (this view's header included)."""
        return [
            self,
            self.details,
            self.purpose,
            self.roster,
            self.agenda,
            self.preloaded,
            self.case,
        ]

    def focus_first(self) -> None:
        """Where preparing usually goes on: adding who comes."""
        self.roster.focus_add()

    def focus_add(self, kind: str) -> bool:
        """Ctrl+Shift+C, B and O while preparing: the quick-add of the pre-loaded lists."""
        return self.preloaded.focus_add(kind)

    def reload(self) -> None:
        meeting = self.session.meeting()
        if meeting is None:
            self.heading.clear()
            self.hint.clear()
            return
        kind = MeetingKind(meeting["kind"]).label
        self.heading.setText(f"Preparing: {meeting['title']}")
        planned = meeting["status"] == MeetingStatus.PLANNED
        self.hint.setText(
            f"{kind}, not started. Every change is saved as you make it."
            f" Start meeting ({_keys('start_meeting')}) starts the clock."
            if planned
            else f"{kind}, {MeetingStatus(meeting['status']).label.lower()}."
        )
        self.start.setEnabled(planned)
        self.run_mode.setEnabled(True)
