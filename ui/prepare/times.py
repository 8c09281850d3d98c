"""Stored UTC timestamps to and from the local date and time the preparation form edits, and the
fields a date and a time are typed in.

The fields are plain text, read when the person is done: "12/03/2026 1:30 PM" and
"2026-12-03 13:30" are the same start. Qt's date editors were typed in section by section: the
cursor began in the weekday, where typing did nothing, and a space or a slash between two numbers
left the field, so the rest of a date landed in the next field and a later space pressed a button.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QWidget

from facilitator.clock import format_timestamp, parse_timestamp
from facilitator.errors import InvalidInput
from facilitator.text import typed_date

SHOWN_DATE_TIME = "yyyy-MM-dd HH:mm"  # how a start reads once typed (the app's dates read so)
SHOWN_TIME = "HH:mm"
START_EXAMPLE = "12/03/2026 1:30 PM or 2026-12-03 13:30"
END_EXAMPLE = "3:00 PM or 15:00"
_DATE_THEN_TIME = re.compile(r"(?P<date>[0-9]+[-/][0-9]+[-/][0-9]+)(?:[\sT,]+(?P<time>.*))?")
_CLOCK = re.compile(
    r"(?P<hour>[0-9]{1,2})(?:[:.h]?(?P<minute>[0-9]{2}))?\s*(?:(?P<half>[ap])\.?\s*m?\.?)?",
    re.IGNORECASE,
)


def to_local(timestamp: str) -> QDateTime:
    """A stored timestamp as a local date and time, to the minute."""
    when = parse_timestamp(timestamp).astimezone()
    return QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))


def from_local(when: QDateTime) -> str:
    """A local date and time as a stored timestamp."""
    date, time = when.date(), when.time()
    local = datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
    return format_timestamp(local.astimezone())


def clock_text(timestamp: str | None) -> str:
    """'14:30', local time, or '' for no time."""
    return parse_timestamp(timestamp).astimezone().strftime("%H:%M") if timestamp else ""


def typed_clock(text: str) -> QTime:
    """A time of day as typed: "13:30", "1:30 PM", "1:30pm", "1 pm", "9.30", "0930".

    A bare hour ("1") is refused rather than guessed: one in the morning or the afternoon?"""
    typed = text.strip()
    found = _CLOCK.fullmatch(typed)
    if found is None:
        raise InvalidInput(f"'{typed}' is not a time (type it as {END_EXAMPLE})")
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    half = (found["half"] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise InvalidInput(f"'{typed}': with AM or PM the hour is 1 to 12")
        hour = hour % 12 + (12 if half == "p" else 0)
    elif found["minute"] is None:
        raise InvalidInput(f"'{typed}': say which {hour}, e.g. {hour}:00 or {hour} PM")
    if hour > 23 or minute > 59:
        raise InvalidInput(f"'{typed}' is not a time of day")
    return QTime(hour, minute)


def typed_date_time(text: str) -> QDateTime:
    """A day and a time as typed: the day as MM/DD/YYYY or YYYY-MM-DD, then the time
    (`typed_clock`): "12/03/2026 1:30 PM", "2026-12-03 13:30"."""
    typed = " ".join(text.split())
    found = _DATE_THEN_TIME.fullmatch(typed)
    if found is None:
        raise InvalidInput(f"'{typed}' is not a date and time (type it as {START_EXAMPLE})")
    day = typed_date(found["date"])
    assert day is not None  # the pattern found a date
    if not found["time"]:
        raise InvalidInput(f"'{typed}': type the time too, e.g. {found['date']} 1:30 PM")
    return QDateTime(QDate(day.year, day.month, day.day), typed_clock(found["time"]))


def calendar_icon(ink: QColor, size: int = 16) -> QIcon:
    """A small page of a calendar, drawn in `ink`: the date field's button."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(ink)
    painter.drawRect(1, 2, size - 3, size - 4)
    painter.fillRect(1, 2, size - 2, 4, ink)
    for row in range(2):
        for column in range(3):
            painter.fillRect(4 + 3 * column, 8 + 3 * row, 2, 2, ink)
    painter.end()
    return QIcon(pixmap)


class TimeField(QLineEdit):
    """A time of day, typed as "15:30" or "3:30 PM"; empty means none. Read with `time()` when the
    person is done (Enter, or leaving the field); it then reads as "15:30". Tab leaves it, and no
    key typed in it goes anywhere else.

    Signals: QLineEdit's own.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(f"e.g. {END_EXAMPLE}")
        self.editingFinished.connect(self._tidy)

    def time(self) -> QTime | None:
        """The time typed; None when the field is empty. Raises InvalidInput for text that is
        not a time."""
        return typed_clock(self.text()) if self.text().strip() else None

    def setTime(self, time: QTime | None) -> None:
        self.setText(time.toString(SHOWN_TIME) if time is not None else "")
        self.setCursorPosition(0)  # longer than the field (large text): its start shows

    def _tidy(self) -> None:
        # Text that is not a time stays as typed, to correct; whoever reads it says what is wrong.
        with contextlib.suppress(InvalidInput):
            self.setTime(self.time())


class DateTimeField(QLineEdit):
    """A day and a start time typed in one go, as "12/03/2026 1:30 PM" or "2026-12-03 13:30";
    empty means none. Read with `dateTime()` when the person is done; it then reads as
    "2026-12-03 13:30". Its `weekday` label (to lay out beside it) names the day as soon as the
    date is typed. F4 or Alt+Down (or the field's calendar button) chooses the day on a calendar.
    Tab leaves it, and no key typed in it goes anywhere else.

    Signals: QLineEdit's own (`editingFinished` also when a day is chosen on the calendar).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(f"e.g. {START_EXAMPLE}")
        self.weekday = QLabel()
        self.weekday.setMinimumWidth(self.weekday.fontMetrics().horizontalAdvance("Wednesday"))
        self._calendar: QCalendarWidget | None = None
        ink = self.palette().color(QPalette.ColorRole.Text)
        pick = QAction(calendar_icon(ink), "Choose the day on a calendar", self)
        pick.setToolTip("Choose the day on a calendar (F4)")
        pick.triggered.connect(self.show_calendar)
        self.addAction(pick, QLineEdit.ActionPosition.TrailingPosition)
        self.textChanged.connect(self._name_the_day)
        self.editingFinished.connect(self._tidy)

    def dateTime(self) -> QDateTime | None:
        """The day and time typed; None when the field is empty. Raises InvalidInput for text
        that is not a day and a time."""
        return typed_date_time(self.text()) if self.text().strip() else None

    def setDateTime(self, when: QDateTime | None) -> None:
        self.setText(when.toString(SHOWN_DATE_TIME) if when is not None else "")
        self.setCursorPosition(0)  # longer than the field (large text): the day shows

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if event.key() == Qt.Key.Key_F4 or (alt and event.key() == Qt.Key.Key_Down):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    # -- the calendar ------------------------------------------------------------------------------

    def show_calendar(self) -> None:
        calendar = self._calendar
        if calendar is None:
            calendar = self._calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setAccessibleName("Choose the day")
            calendar.setGridVisible(True)
            calendar.activated.connect(self._chosen)
            calendar.clicked.connect(self._chosen)
        day = self._typed_day()
        if day is not None:
            calendar.setSelectedDate(day)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _chosen(self, day: QDate) -> None:
        """A day chosen on the calendar: the time typed stays (else 9:00)."""
        try:
            typed = self.dateTime()
        except InvalidInput:
            typed = None
        time = typed.time() if typed is not None else QTime(9, 0)
        if self._calendar is not None:
            self._calendar.close()
        self.setDateTime(QDateTime(day, time))
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.editingFinished.emit()

    # -- reading what is typed ---------------------------------------------------------------------

    def _typed_day(self) -> QDate | None:
        """The day typed so far, if it reads as one (the time may not be typed yet)."""
        found = _DATE_THEN_TIME.match(" ".join(self.text().split()))
        if found is None:
            return None
        try:
            day = typed_date(found["date"])
        except InvalidInput:
            return None
        return QDate(day.year, day.month, day.day) if day is not None else None

    def _name_the_day(self) -> None:
        day = self._typed_day()
        name = day.toString("dddd") if day is not None else ""
        self.weekday.setText(name)
        self.setAccessibleDescription(name)

    def _tidy(self) -> None:
        # Text that is not a date and time stays as typed, to correct (see `TimeField._tidy`).
        with contextlib.suppress(InvalidInput):
            self.setDateTime(self.dateTime())
