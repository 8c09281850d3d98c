"""The current agenda item against its time box, and the meeting against its planned end."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from facilitator import live
from facilitator.model import MeetingStatus
from facilitator.store import Change
from facilitator.talk_time import format_duration
from facilitator.timing import MeetingTiming, meeting_timing
from ui.marks import CURRENT, OVERRUN, local_time_ms, with_team_only
from ui.panels.base import Panel
from ui.panels.readout import Readout
from ui.session import Session
from ui.spoken import show_named
from ui.widgets import click_keeps_focus, title_font


def item_clock(timing: MeetingTiming) -> tuple[str, bool]:
    """'12:48 of 15:00, 2:12 left' (or '3:12 over'), and whether the box is overrun."""
    current = timing.current
    if current is None:
        return "", False
    spent = f"{format_duration(current.actual_ms)} of {format_duration(current.planned_ms)}"
    if current.overrun_ms:
        return f"⚠ {spent}, {format_duration(current.overrun_ms)} over", True
    return f"{spent}, {format_duration(current.remaining_ms)} left", False


def meeting_clock(timing: MeetingTiming) -> tuple[str, bool]:
    """'Meeting 1:02:13, ends 16:30, 28:00 left' (or 'over'), and whether it runs over."""
    if timing.started_ms is None:
        planned = format_duration(timing.planned_ms)
        return f"Not started; agenda planned for {planned}", False
    text = f"Meeting {format_duration(timing.elapsed_ms)}"
    end, remaining = timing.end_ms, timing.remaining_ms
    if end is None or remaining is None:
        return text, False
    text += f", planned end {local_time_ms(end)}"
    if timing.ended_ms is not None:
        return text + (
            f", ended {format_duration(-remaining)} late" if remaining < 0 else ""
        ), False
    if remaining < 0:
        return f"⚠ {text}, {format_duration(-remaining)} over", True
    return f"{text}, {format_duration(remaining)} left", False


PAUSED = "‖ Paused"
STATUS = "Meeting status"
ITEM = "Current agenda item"
PAUSE_TIP = "Pause: nobody is speaking (Space or Ctrl+Space)"
PAUSED_TIP = (
    "Paused: nobody has the floor, and no one's talk time counts. The meeting clock runs on;"
    " a speaker's key, or a click on their name, gives someone the floor again."
)


class AgendaTimerPanel(Panel):
    """Where the meeting is now, and the buttons that move it on.

    Besides the meeting's status it says, in words, when the meeting is paused: live, someone has
    spoken, and nobody has the floor now. A pause only ends the open turn (`live.pause`): there is
    no paused state to resume from, and whoever speaks next is given the floor with their key.

    Signals:
        previous_requested(), next_requested(), pause_requested(), start_requested(),
        end_requested(): the facilitator clicked the button of that name.
    """

    TITLE = "Now"
    TABLES = frozenset({"meetings", "agenda_items", "agenda_visits", "interruptions"})
    previous_requested = Signal()
    next_requested = Signal()
    pause_requested = Signal()
    start_requested = Signal()
    end_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # A screen reader reads these labels' words: "Meeting status: ● LIVE", "‖ Paused" (it says
        # what it is), "Current agenda item: ▶ 1 of 4: Welcome" (`ui.spoken`).
        self.status = QLabel()
        show_named(self.status, STATUS, "")
        self.floor = QLabel()
        self.item = QLabel()
        show_named(self.item, ITEM, "")
        self.item.setWordWrap(True)
        self.item.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # The clocks change every second: readouts repaint in place, where labels would relayout.
        self.item_time = Readout("Time on this item", sample="⚠ 1:12:48 of 1:15:00, 12:12 over")
        self.meeting_time = Readout(
            "Meeting clock", sample="⚠ Meeting 1:02:13, planned end 16:30, 1:28:00 over"
        )
        self.previous = self._button("◀ Previous item", "Previous agenda item")
        self.next = self._button("Next item ▶", "Next agenda item")
        self.pause = self._button("Pause ‖", "Pause: nobody is speaking")
        self.pause.setToolTip(PAUSE_TIP)
        self.start_end = self._button("Start meeting", "Start or end the meeting")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.status, 0, 0)
        grid.addWidget(self.floor, 1, 0)
        grid.addWidget(self.item, 0, 1, 1, 2)
        grid.addWidget(self.previous, 0, 3)
        grid.addWidget(self.next, 0, 4)
        grid.addWidget(self.item_time, 1, 1)
        grid.addWidget(self.meeting_time, 1, 2)
        grid.addWidget(self.pause, 1, 3)
        grid.addWidget(self.start_end, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.previous.clicked.connect(self.previous_requested)
        self.next.clicked.connect(self.next_requested)
        self.pause.clicked.connect(self.pause_requested)
        self.start_end.clicked.connect(self._start_or_end)
        self.fit_to_font()

    def fit_to_font(self) -> None:
        """The current item's title larger than the panel's text, and the status and "Paused"
        in bold at its size, at any text size (a style sheet kept the size it was polished at:
        "LIVE" stayed small at 150%). Room for "Paused" whether it shows or not, so a pause never
        moves the rest of the panel."""
        self.item.setFont(title_font(self.font(), 1.35))
        self.floor.setFont(title_font(self.font(), 1.0))
        self.floor.setMinimumWidth(self.floor.fontMetrics().horizontalAdvance(PAUSED) + 4)
        self._style_status(running=self.status.font().bold())

    def _style_status(self, *, running: bool) -> None:
        """A live meeting's status in bold dark red (its words say it too), any other plain."""
        font = QFont(self.font())
        font.setBold(running)
        if self.status.font() != font:
            self.status.setFont(font)
        palette = self.palette()
        if running:
            palette.setColor(QPalette.ColorRole.WindowText, OVERRUN)
        if self.status.palette() != palette:
            self.status.setPalette(palette)

    def _button(self, text: str, name: str) -> QPushButton:
        button = click_keeps_focus(QPushButton(text))
        button.setAccessibleName(name)
        return button

    def _start_or_end(self) -> None:
        meeting = self.session.meeting()
        if meeting and meeting["status"] == MeetingStatus.PLANNED:
            self.start_requested.emit()
        elif meeting and meeting["status"] == MeetingStatus.LIVE:
            self.end_requested.emit()

    def on_change(self, change: Change) -> None:
        if change.meeting_id not in (None, self.session.meeting_id):
            return
        if change.tables & self.TABLES:
            self.reload()
        elif "speaking_turns" in change.tables:  # a speaker's key or a pause: the floor only
            self._show_floor()

    def _show_floor(self) -> None:
        meeting_id = self.session.meeting_id
        paused = (
            meeting_id is not None
            and self.session.is_live()
            and live.current_speaker_id(self.session.ws, meeting_id) is None
            and self.session.ws.scalar(
                "SELECT 1 FROM speaking_turns WHERE meeting_id = ? LIMIT 1", (meeting_id,)
            )
            is not None
        )
        text = PAUSED if paused else ""
        if self.floor.text() != text:
            self.floor.setText(text)
            self.floor.setToolTip(PAUSED_TIP if paused else "")
            self.pause.setToolTip(PAUSED_TIP if paused else PAUSE_TIP)

    def reload(self) -> None:
        meeting = self.session.meeting()
        self._show_floor()
        if meeting is None:
            show_named(self.status, STATUS, "")
            show_named(self.item, ITEM, "")
            for readout in (self.item_time, self.meeting_time):
                readout.clear()
            return
        status = MeetingStatus(meeting["status"])
        show_named(
            self.status,
            STATUS,
            {"planned": "○ Planned", "live": "● LIVE", "ended": "■ Ended"}[status],
        )
        self._style_status(running=status == MeetingStatus.LIVE)
        self.start_end.setText("End meeting" if status == MeetingStatus.LIVE else "Start meeting")
        self.start_end.setEnabled(status != MeetingStatus.ENDED)
        for button in (self.previous, self.next, self.pause):
            button.setEnabled(status != MeetingStatus.ENDED)
        self.on_tick()

    def on_tick(self) -> None:
        meeting_id = self.session.meeting_id
        if meeting_id is None:
            return
        timing = meeting_timing(self.session.ws, meeting_id)
        current = timing.current
        if current is not None:
            number = timing.items.index(current) + 1
            team_only = self.session.ws.scalar(
                "SELECT team_only FROM agenda_items WHERE id = ?", (current.item_id,)
            )
            title = with_team_only(current.title, team_only)
            text = f"{CURRENT} {number} of {len(timing.items)}: {title}"
        elif timing.started_ms is None:
            text = "Not started: press a speaker's key or Start meeting"
        elif timing.ended_ms is not None:
            text = "The meeting has ended"
        else:
            text = "Between agenda items"
        show_named(self.item, ITEM, text)
        text, over = item_clock(timing)
        self.item_time.setText(text)
        self.item_time.set_alert(OVERRUN if over else None)
        text, over = meeting_clock(timing)
        self.meeting_time.setText(text)
        self.meeting_time.set_alert(OVERRUN if over else None)
