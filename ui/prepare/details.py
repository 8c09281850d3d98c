"""The meeting's details while it is prepared: title, kind, date and times, place.

Each field writes to the store when the person leaves it (or presses Enter), as one undoable step;
the fields show whatever the store holds.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from facilitator import meetings
from facilitator.clock import format_timestamp, parse_timestamp, timestamp_ms
from facilitator.errors import InvalidInput
from facilitator.model import MeetingKind, is_team_only
from facilitator.store import Row
from ui.panels.base import Panel
from ui.prepare.times import (
    END_EXAMPLE,
    START_EXAMPLE,
    DateTimeField,
    TimeField,
    from_local,
    to_local,
)
from ui.session import Session
from ui.spoken import label_for

NOT_SET = "Not set"


class MeetingDetails(Panel):
    """Title, kind, start, planned end, location and whether the meeting decides.

    Signals: none of its own.
    """

    TITLE = "Meeting details"
    TABLES = frozenset({"meetings"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = QLineEdit()
        self.title.setAccessibleName("Meeting title")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of meeting")
        for kind in MeetingKind:
            self.kind.addItem(kind.label, kind.value)
        self.start = DateTimeField()
        self.start.setAccessibleName("Date and start time")
        self.start.setPlaceholderText(f"{NOT_SET} (e.g. {START_EXAMPLE})")
        self.end = TimeField()
        self.end.setAccessibleName("Planned end time")
        self.end.setPlaceholderText(f"{NOT_SET} (e.g. {END_EXAMPLE})")
        self.end.setToolTip(
            "State the end time at the start; what does not fit goes to a next meeting"
        )
        self.location = QLineEdit()
        self.location.setAccessibleName("Location")
        self.location.setPlaceholderText("School and room, or how to join")
        self.decides = QCheckBox("This meeting makes decisions")
        self.decides.setAccessibleName("This meeting makes decisions")
        self.decides.setToolTip(
            "A pre-IEP dialogue decides nothing, and its minutes say so; an IEP meeting decides"
        )
        self.team_only = QCheckBox("For the school team only")
        self.team_only.setAccessibleName(
            "For the school team only: no parent copy of the minutes, nothing on the projector"
        )
        self.team_only.setToolTip(
            "An internal review or the preparation for a mediation: the minutes have a team copy"
            " only, and the projector shows nothing of it. An internal review always is."
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        form = QFormLayout(self)
        form.setContentsMargins(2, 2, 2, 2)
        form.setVerticalSpacing(3)
        form.addRow("Title", self.title)
        form.addRow("Kind", self.kind)
        starts = QHBoxLayout()
        starts.setSpacing(6)
        starts.addWidget(self.start, 1)
        starts.addWidget(self.start.weekday)  # beside the field, out of the way of typing
        form.addRow(label_for(self.start, "Starts"), starts)
        form.addRow("Planned end", self.end)
        form.addRow("Location", self.location)
        form.addRow(self.decides)
        form.addRow(self.team_only)
        self.title.editingFinished.connect(self._title_edited)
        self.kind.activated.connect(self._kind_chosen)
        self.start.editingFinished.connect(self._start_edited)
        self.end.editingFinished.connect(self._end_edited)
        self.location.editingFinished.connect(
            lambda: self._update("Change the location", location=self.location.text().strip())
        )
        self.decides.clicked.connect(
            lambda on: self._update("Change whether the meeting decides", makes_decisions=on)
        )
        self.team_only.clicked.connect(
            lambda on: self._update("Change whether the meeting is the team's only", team_only=on)
        )

    def focus_first(self) -> None:
        self.title.setFocus()

    # -- edits -------------------------------------------------------------------------------------

    def _update(self, text: str, **values: Any) -> None:
        meeting = self.session.meeting()
        if meeting is None or all(meeting[k] == v for k, v in values.items()):
            return
        meeting_id = self.session.require_meeting()
        change = self.session.run(
            text, lambda: meetings.update_meeting(self.session.ws, meeting_id=meeting_id, **values)
        )
        if change is None:
            self._restore()

    def _title_edited(self) -> None:
        self._update("Change the title", title=self.title.text().strip())

    def _kind_chosen(self, index: int) -> None:
        self._update("Change the kind of meeting", kind=self.kind.itemData(index))

    def _start_edited(self) -> None:
        meeting = self.session.meeting()
        if meeting is None:
            return
        try:
            value = self.start.dateTime()
        except InvalidInput as error:
            self.session.report(error)
            self._restore()
            return
        start = None if value is None else from_local(value)
        values: dict[str, Any] = {"scheduled_start": start}
        old, end = meeting["scheduled_start"], meeting["planned_end"]
        if start and old and end:  # the meeting keeps its length
            shift = timestamp_ms(start) - timestamp_ms(old)
            values["planned_end"] = format_timestamp(
                parse_timestamp(end) + timedelta(milliseconds=shift)
            )
        self._update("Change the start", **values)

    def _end_edited(self) -> None:
        meeting = self.session.meeting()
        if meeting is None:
            return
        try:
            time = self.end.time()
        except InvalidInput as error:
            self.session.report(error)
            self._restore()
            return
        if time is None:
            self._update("Clear the planned end", planned_end=None)
            return
        if not meeting["scheduled_start"]:
            self.session.report("set the date and start time before the planned end")
            self._restore()
            return
        start = to_local(meeting["scheduled_start"])
        end = QDateTime(start.date(), time)
        if end <= start:
            self.session.report(
                f"the planned end must come after the start ({start.time().toString('HH:mm')})"
            )
            self._restore()
            return
        self._update("Change the planned end", planned_end=from_local(end))

    # -- showing the store -------------------------------------------------------------------------

    def reload(self) -> None:
        meeting = self.session.meeting()
        if meeting is None:
            return
        self._show(meeting)

    def _restore(self) -> None:
        """Refused: every field shows what the store still holds, the focused one too."""
        meeting = self.session.meeting()
        if meeting is not None:
            self._show(meeting, everything=True)

    def _show(self, meeting: Row, *, everything: bool = False) -> None:
        # A field being typed in keeps what is typed, unless the store refused it.
        for field, text in ((self.title, meeting["title"]), (self.location, meeting["location"])):
            if everything or not field.hasFocus():
                field.setText(text)
                field.setCursorPosition(0)  # a text longer than the field shows its start
        self.kind.setCurrentIndex(max(0, self.kind.findData(meeting["kind"])))
        self.decides.setChecked(bool(meeting["makes_decisions"]))
        self.team_only.setChecked(is_team_only(meeting))
        self.team_only.setEnabled(meeting["kind"] != MeetingKind.INTERNAL_REVIEW)  # always is
        if everything or not self.start.hasFocus():
            start = meeting["scheduled_start"]
            self.start.setDateTime(to_local(start) if start else None)
        if everything or not self.end.hasFocus():
            end = meeting["planned_end"]
            self.end.setTime(to_local(end).time() if end else None)
