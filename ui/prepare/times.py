"""Stored UTC timestamps to and from the local date and time the preparation form edits."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit, QWidget

from facilitator.clock import format_timestamp, parse_timestamp

_TABS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


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


class OptionalDateTimeEdit(QDateTimeEdit):
    """A date and time that may be unset: its minimum shows as special text ("Not set").

    Qt's editor keeps Tab while it shows that text, which would trap the keyboard; here Tab and
    Shift+Tab always move on. Emits only QDateTimeEdit's own signals.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _TABS and self.dateTime() == self.minimumDateTime():
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab and not shift)
            return
        super().keyPressEvent(event)


class OptionalTimeEdit(QTimeEdit):
    """A time that may be unset, as `OptionalDateTimeEdit`. Emits only QTimeEdit's signals."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _TABS and self.time() == self.minimumTime():
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab and not shift)
            return
        super().keyPressEvent(event)
