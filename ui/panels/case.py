"""The open meeting's case: its meetings in order, what earlier meetings left open, and the
deadlines that run from a due-process complaint (34 CFR 300.510)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator import meetings
from facilitator.cases import ResolutionTimeline, has_resolution_meeting, resolution_timeline
from facilitator.errors import InvalidInput
from facilitator.model import CaseId, ConcernId, MeetingId, MeetingStatus
from facilitator.preparation import carry_concerns
from facilitator.store import Change
from facilitator.text import typed_date
from ui.marks import OVERRUN
from ui.models.case import CarriedActionsModel, CaseMeetingsModel, ParkedConcernsModel
from ui.models.rows import RowsModel
from ui.panels.base import Panel
from ui.session import Session
from ui.style import ring
from ui.widgets import heading, stretch_column, table_view

# How a deadline line looks: a missed or late one in dark red (and "⚠"), an open one in bold.
STYLES = {
    "": "",
    "open": "font-weight: bold;",
    "late": f"color: {OVERRUN.name()}; font-weight: bold;",
}


def _day(day: dt.date) -> str:
    return day.strftime("%a %Y-%m-%d")


def timeline_lines(timeline: ResolutionTimeline, today: dt.date) -> list[tuple[str, str]]:
    """The timeline in sentences, each with its style: "late" (said with ⚠ too), "open" or ""."""
    lines = [(f"Due-process complaint received {_day(timeline.complaint_received)}.", "")]
    due = f"Resolution meeting due by {_day(timeline.meeting_due)} (15 days, 34 CFR 300.510(a)(1))"
    if timeline.meeting_on is not None:
        held = f"{_day(timeline.meeting_on)}"
        if timeline.meeting_in_time:
            lines.append((f"{due}: ✓ set for {held}.", ""))
        else:
            lines.append((f"⚠ {due}: set for {held}, after the deadline.", "late"))
    elif today > timeline.meeting_due:
        lines.append((f"⚠ {due}: the day has passed.", "late"))
    else:
        lines.append((f"{due}: {(timeline.meeting_due - today).days} days from today.", "open"))
    lines.append(
        (
            f"Resolution period ends {_day(timeline.resolution_period_ends)} (30 days,"
            " 300.510(b)); then the hearing may go ahead.",
            "",
        )
    )
    if timeline.signed_on is None or timeline.void_until is None:
        lines.append(
            (
                "Once the meeting ends with a written agreement, either party may void it within"
                " 3 business days (300.510(e)); the last day will show here.",
                "",
            )
        )
        return lines
    skipped = ", ".join(d.isoformat() for d in timeline.holidays_skipped)
    rule = "3 business days, 300.510(e); weekends skipped" + (
        f", and the holidays {skipped}" if skipped else ""
    )
    signed = f"Agreement signed {_day(timeline.signed_on)} (the day the meeting ended). "
    if today > timeline.void_until:
        ended = f"The time to void it ended {_day(timeline.void_until)}"
        lines.append((f"{signed}{ended} ({rule}).", ""))
    else:
        until = f"Either party may void it until the end of {_day(timeline.void_until)}"
        lines.append((f"{signed}{until} ({rule}).", "open"))
    return lines


class CasePanel(Panel):
    """The case behind the open meeting.

    Signals:
        meeting_chosen(int): a meeting of the case was activated (to open it).
        next_meeting_requested(int): "Prepare the next meeting" for this case (a case id).
    """

    TITLE = "Case"
    TABLES = frozenset({"meetings", "cases", "concerns", "action_items", "agreements"})
    meeting_chosen = Signal(int)
    next_meeting_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.holidays: tuple[dt.date, ...] = ()
        self.label = heading("")
        self.label.setWordWrap(True)
        self.meetings_model = CaseMeetingsModel(session, self)
        self.meetings = self._table("Meetings of this case", self.meetings_model, 2)
        self.meetings.setToolTip("Double-click or press Enter to open a meeting")
        self.meetings.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.actions_model = CarriedActionsModel(session, self)
        self.action_items = self._table(
            "Open action items from earlier meetings", self.actions_model, 0
        )
        self.action_items.setToolTip("The minutes of this meeting list them as carried over")
        self.parked_model = ParkedConcernsModel(session, self)
        self.parked = self._table("Parked concerns from earlier meetings", self.parked_model, 0)
        self.carry = QPushButton("Add them to the board")
        self.carry.setAccessibleName("Put the parked concerns of earlier meetings on this board")
        self.nothing_open = QLabel("Nothing open from earlier meetings of this case.")
        self.nothing_open.setWordWrap(True)
        self.complaint = QLineEdit()
        self.complaint.setAccessibleName("Day the district received the due-process complaint")
        self.complaint.setPlaceholderText("YYYY-MM-DD")
        self.complaint.setToolTip("The resolution timelines count from this day (300.510)")
        self.complaint_row = QWidget()
        row = QHBoxLayout(self.complaint_row)
        row.setContentsMargins(0, 0, 0, 0)
        complaint_label = QLabel("Complaint received")
        complaint_label.setBuddy(self.complaint)
        row.addWidget(complaint_label)
        row.addWidget(self.complaint, 1)
        self.deadlines: list[QLabel] = []
        self.deadline_box = QVBoxLayout()
        self.deadline_box.setSpacing(2)
        self.next_meeting = QPushButton("Prepare the next meeting…")  # short: see `carry`
        self.next_meeting.setAccessibleName("Prepare the next meeting in this case")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addWidget(self.meetings)
        layout.addWidget(self.action_items)
        layout.addWidget(self.parked)
        layout.addWidget(self.carry)
        layout.addWidget(self.nothing_open)
        layout.addWidget(self.complaint_row)
        layout.addLayout(self.deadline_box)
        layout.addStretch(1)  # the tables are as tall as their rows; the room left goes here
        layout.addWidget(self.next_meeting)
        self.meetings.activated.connect(self._activated)
        self.carry.clicked.connect(self.carry_parked)
        self.complaint.editingFinished.connect(self._complaint_edited)
        self.next_meeting.clicked.connect(self._next_meeting)

    def _table(self, name: str, model: RowsModel, stretch: int) -> QTableView:
        view = table_view(name, stretch=stretch)
        ring(view)
        view.setModel(model)
        view.setWordWrap(False)
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 6)
        stretch_column(view)
        return view

    @staticmethod
    def _fit(view: QTableView, rows: int, most: int) -> None:
        """As tall as its rows (up to `most`): short lists leave the room to the deadlines."""
        shown = max(1, min(rows, most))
        view.setMaximumHeight(
            view.horizontalHeader().sizeHint().height()
            + shown * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth()
            + 2
        )

    def on_change(self, change: Change) -> None:
        """Any meeting of the case may change what is shown (an earlier action item marked done
        elsewhere, say): every change to these tables reloads, whichever meeting it was in."""
        if change.tables & self.TABLES:
            self.reload()

    def set_holidays(self, holidays: Iterable[dt.date]) -> None:
        holidays = tuple(holidays)
        if holidays != self.holidays:
            self.holidays = holidays
            self.reload()

    # -- actions -----------------------------------------------------------------------------------

    def carry_parked(self) -> None:
        meeting_id = self.session.require_meeting()
        ids = [ConcernId(int(r["id"])) for r in self.parked_model.rows()]
        if not ids:
            return
        self.session.run(
            f"Carry {len(ids)} parked concern{'s' if len(ids) > 1 else ''} over",
            lambda: carry_concerns(self.session.ws, meeting_id=meeting_id, concern_ids=ids),
        )

    def _complaint_edited(self) -> None:
        case_id = self._case_id()
        if case_id is None:
            return
        try:
            day = typed_date(self.complaint.text())
        except InvalidInput as refused:
            # No reload: the field keeps what was typed, to be corrected rather than typed again.
            self.session.report(refused)
            return
        self.session.run(
            "Set the day the complaint was received" if day else "Clear the complaint date",
            lambda: meetings.set_complaint_received(self.session.ws, case_id=case_id, on=day),
        )

    def _activated(self, index: QModelIndex) -> None:
        meeting_id = self.meetings_model.id_at(index.row())
        if meeting_id is not None and meeting_id != self.session.meeting_id:
            self.meeting_chosen.emit(MeetingId(meeting_id))

    def _next_meeting(self) -> None:
        case_id = self._case_id()
        if case_id is not None:
            self.next_meeting_requested.emit(case_id)

    def _case_id(self) -> CaseId | None:
        meeting = self.session.meeting()
        return None if meeting is None else CaseId(meeting["case_id"])

    # -- showing the store -------------------------------------------------------------------------

    def reload(self) -> None:
        for model in (self.meetings_model, self.actions_model, self.parked_model):
            model.reload()
        meeting = self.session.meeting()
        case = None
        if meeting is not None:
            case = self.session.ws.row("SELECT * FROM cases WHERE id = ?", (meeting["case_id"],))
        self.label.setText(f"Case: {case['label']}" if case else "Case")
        actions, parked = self.actions_model.rowCount(), self.parked_model.rowCount()
        self._fit(self.meetings, self.meetings_model.rowCount(), 6)
        self._fit(self.action_items, actions, 4)
        self._fit(self.parked, parked, 4)
        self.action_items.setVisible(actions > 0)
        self.parked.setVisible(parked > 0)
        self.carry.setVisible(parked > 0)
        self.carry.setEnabled(meeting is not None and meeting["status"] != MeetingStatus.ENDED)
        # Short labels: at large text the case panel is a narrow column, and a button is as
        # wide as its label (the table above says which concerns).
        which = "it" if parked == 1 else "both" if parked == 2 else f"all {parked}"
        self.carry.setText(f"Add {which} to the board")
        self.nothing_open.setVisible(meeting is not None and not actions and not parked)
        self._show_deadlines(case)

    def _show_deadlines(self, case: dict[str, object] | None) -> None:
        meeting_id = self.session.meeting_id
        wanted = case is not None and (
            bool(case["complaint_received_on"])
            or has_resolution_meeting(self.session.ws, CaseId(int(str(case["id"]))))
        )
        self.complaint_row.setVisible(wanted)
        if case is not None and not self.complaint.hasFocus():
            self.complaint.setText(str(case["complaint_received_on"] or ""))
        lines: list[tuple[str, str]] = []
        if wanted and meeting_id is not None:
            timeline = resolution_timeline(self.session.ws, meeting_id, holidays=self.holidays)
            if timeline is not None:
                today = self.session.ws.clock.now().astimezone().date()
                lines = timeline_lines(timeline, today)
            else:
                lines = [("Enter the day the complaint was received to see the deadlines.", "")]
        while len(self.deadlines) < len(lines):
            label = QLabel()
            label.setWordWrap(True)
            label.setAccessibleName("Deadline")
            self.deadline_box.addWidget(label)
            self.deadlines.append(label)
        for label, (text, style) in zip(self.deadlines, lines, strict=False):
            label.setText(text)
            label.setStyleSheet(STYLES[style])
            label.show()
        for label in self.deadlines[len(lines) :]:
            label.hide()
