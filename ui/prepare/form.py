"""File > New meeting from a template…: the form for a meeting that does not exist yet.

The form holds only what is typed before the meeting exists; "Create and prepare" makes the case
(when it is a new one) and the planned meeting, and the window opens it in prepare mode.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import meetings
from facilitator.errors import FacilitatorError, InvalidInput
from facilitator.model import CaseId, MeetingId, MeetingKind
from facilitator.preparation import meeting_from_template
from facilitator.templates import AgendaTemplate, Catalog, load_catalog
from facilitator.text import required_text
from ui.enter_adds import EnterAdds
from ui.prepare.times import END_EXAMPLE, START_EXAMPLE, DateTimeField, TimeField, from_local
from ui.session import Session
from ui.spoken import label_for
from ui.widgets import title_font

DEFAULT_TEMPLATE = "facilitated_iep_meeting"


def template_label(template: AgendaTemplate, *, yours: bool) -> str:
    owner = ", yours" if yours else ""
    return f"{template.title} ({len(template.items)} items, {template.total_minutes} min{owner})"


class NewMeetingForm(QWidget):
    """Template, case (new or existing), kind, title, date and time, planned end, location.

    Signals:
        created(int): the planned meeting was made (its id).
        cancelled(): "Cancel" was clicked.
    """

    created = Signal(int)
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("NewMeetingForm")
        self.setAccessibleName("New meeting")
        self.catalog: Catalog | None = None
        self._end_touched = False
        self.heading = QLabel("New meeting from a template")
        self.template = QComboBox()
        self.template.setAccessibleName("Agenda template")
        self.template_notes = QLabel()
        self.template_notes.setWordWrap(True)
        self.case = QComboBox()
        self.case.setEditable(True)
        self.case.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.case.setAccessibleName("Case: pick one, or type a new one")
        self.case_text = self.case.lineEdit()
        assert self.case_text is not None  # an editable combo has its line edit
        self.case_text.setPlaceholderText("Student and case, e.g. Maya R., grade 4")
        self.case_text.setAccessibleName("Case: pick one, or type a new one")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of meeting")
        for kind in MeetingKind:
            self.kind.addItem(kind.label, kind.value)
        self.title = QLineEdit()
        self.title.setAccessibleName("Meeting title")
        self.start = DateTimeField()
        self.start.setAccessibleName("Date and start time")
        self.end = TimeField()
        self.end.setAccessibleName("Planned end time")
        self.location = QLineEdit()
        self.location.setAccessibleName("Location")
        self.location.setPlaceholderText("School and room, or how to join")
        self.create_button = QPushButton("Create and prepare")
        self.create_button.setAccessibleName("Create the meeting and prepare it")
        self.create_button.setDefault(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel the new meeting")
        self.cancel.setAutoDefault(True)  # Enter on Cancel cancels, as in a dialog
        form = QFormLayout()
        form.addRow("Template", self.template)
        form.addRow(self.template_notes)
        form.addRow("Case", self.case)
        form.addRow("Kind", self.kind)
        form.addRow("Title", self.title)
        starts = QHBoxLayout()
        starts.setSpacing(6)
        starts.addWidget(self.start, 1)
        starts.addWidget(self.start.weekday)  # beside the field, out of the way of typing
        form.addRow(label_for(self.start, "Starts"), starts)
        form.addRow("Planned end", self.end)
        form.addRow("Location", self.location)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.heading)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addStretch(1)
        layout = QHBoxLayout(self)  # a readable width, not the whole screen's
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(column, 3)
        layout.addStretch(2)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.start.textChanged.connect(self._follow_start)
        self.end.textEdited.connect(self._end_edited)
        self.create_button.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.cancelled)
        fields = (self.template, self.case, self.kind, self.title, self.start, self.end)
        EnterAdds(self.submit, (*fields, self.location), self)
        self.fit_to_font()

    def fit_to_font(self) -> None:
        """The heading half as large again as the form's text (again when the text size changes)."""
        self.heading.setFont(title_font(self.font(), 1.5))

    # -- filling in ----------------------------------------------------------------------------

    def reset(self, case_id: int | None = None) -> None:
        """Fresh values: the templates on disk now, the cases in the workspace, tomorrow 9:00."""
        self.catalog = load_catalog()
        self.template.blockSignals(True)
        self.template.clear()
        for entry in self.catalog.entries:
            label = template_label(entry.template, yours=entry.source == "user")
            self.template.addItem(label, entry.template.name)
        self.template.blockSignals(False)
        self.case.clear()
        for case in self.session.ws.rows("SELECT id, label FROM cases ORDER BY label, id"):
            self.case.addItem(case["label"], case["id"])
        self.case.setCurrentIndex(self.case.findData(case_id) if case_id is not None else -1)
        if case_id is None:
            self.case.setEditText("")
        self.title.clear()
        self.location.clear()
        tomorrow = self.session.ws.clock.now().astimezone().date() + timedelta(days=1)
        day = QDate(tomorrow.year, tomorrow.month, tomorrow.day)
        self.start.setDateTime(QDateTime(day, QTime(9, 0)))
        self._end_touched = False
        self.template.setCurrentIndex(max(0, self.template.findData(DEFAULT_TEMPLATE)))
        self._template_chosen()
        problems = self.catalog.problems
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.template_notes.setText(
                self.template_notes.text() + f"\n⚠ Not offered: {problems[0]}{more}"
            )

    def focus_first(self) -> None:
        self.template.setFocus()

    def chosen_template(self) -> AgendaTemplate | None:
        name = self.template.currentData()
        return None if self.catalog is None or name is None else self.catalog.get(str(name))

    def _template_chosen(self) -> None:
        template = self.chosen_template()
        if template is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(template.kind.value)))
        self.title.setPlaceholderText(template.title)
        decides = "makes decisions" if template.makes_decisions else "makes no decisions"
        self.template_notes.setText(f"{template.purpose.strip()} This meeting {decides}.")
        self._end_touched = False
        self._follow_start()

    def _follow_start(self) -> None:
        """The planned end follows the start and the agenda's length, until it is edited."""
        template = self.chosen_template()
        if template is None or self._end_touched:
            return
        try:
            start = self.start.dateTime()
        except FacilitatorError:
            return  # not a time yet (still being typed): the end waits for one
        if start is not None:
            self.end.setTime(start.time().addSecs(template.total_minutes * 60))

    def _end_edited(self) -> None:
        self._end_touched = True

    # -- creating ------------------------------------------------------------------------------

    def submit(self) -> MeetingId | None:
        template = self.chosen_template()
        if template is None:
            self.session.report("choose an agenda template")
            return None
        kind = MeetingKind(self.kind.currentData())
        if kind is not template.kind:
            template = dataclasses.replace(template, kind=kind)
        ws = self.session.ws
        try:
            start, end = self._times()
            label = required_text(self.case.currentText(), "The case (e.g. the student's name)")
            case_id = self._existing_case(label)
            if case_id is None:
                case_id = CaseId(meetings.create_case(ws, label=label).created_id or 0)
            change = meeting_from_template(
                ws, case_id=case_id, template=template, title=self.title.text().strip() or None,
                scheduled_start=from_local(start), planned_end=from_local(end),
                location=self.location.text(),
            )  # fmt: skip
        except FacilitatorError as error:
            self.session.report(error)
            return None
        meeting_id = MeetingId(change.created_id or 0)
        self.created.emit(meeting_id)
        return meeting_id

    def _times(self) -> tuple[QDateTime, QDateTime]:
        """The start and the planned end typed; InvalidInput if either is missing or wrong."""
        start = self.start.dateTime()
        if start is None:
            raise InvalidInput(f"type the date and start time, e.g. {START_EXAMPLE}")
        end_time = self.end.time()
        if end_time is None:
            raise InvalidInput(f"type the planned end time, e.g. {END_EXAMPLE}")
        end = QDateTime(start.date(), end_time)
        if end <= start:
            raise InvalidInput("the planned end must come after the start")
        return start, end

    def _existing_case(self, label: str) -> CaseId | None:
        index = self.case.currentIndex()
        if index >= 0 and self.case.itemText(index).strip() == label:
            return CaseId(int(self.case.itemData(index)))
        found = self.case.findText(label)
        return CaseId(int(self.case.itemData(found))) if found >= 0 else None
