"""Stored UTC timestamps to and from the local date and time the preparation form edits."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit, QWidget

from facilitator.clock import format_timestamp, parse_timestamp


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


class DateTimeField(QDateTimeEdit):
    """A date and time that Tab and Shift+Tab leave, like every other field of a form.

    Qt's date editors spend Tab on their own sections (day, year, month, hours...): a person who
    tabbed through the form to type the location typed it into the date. Here the sections are
    reached with Left and Right, and Tab moves on. Emits only QDateTimeEdit's own signals.
    """

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class TimeField(QTimeEdit):
    """A time that Tab leaves, as `DateTimeField`. Emits only QTimeEdit's own signals."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class OptionalDateTimeEdit(DateTimeField):
    """A date and time that may be unset: its minimum shows as special text ("Not set"), and
    Tab leaves it, as `DateTimeField`. Emits only QDateTimeEdit's own signals.
    """


class OptionalTimeEdit(TimeField):
    """A time that may be unset, as `OptionalDateTimeEdit`. Emits only QTimeEdit's signals."""
