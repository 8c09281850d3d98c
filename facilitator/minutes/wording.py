"""How the minutes say dates, times, durations and statuses, in plain English.

Every phrase a reader sees goes through `_`, so a later issue can swap it for gettext without
touching the code that uses it. Month and day names are ours, not the C library's: the window's
process may have a different locale, and the minutes must not change with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Protocol

from facilitator.clock import parse_timestamp
from facilitator.model import Attendance, ConcernStatus, Role, Side, SolutionStatus
from facilitator.record import MeetingRecord


def _(text: str) -> str:
    """Translate a phrase (identity until the app ships translations)."""
    return text


def N_(text: str) -> str:
    """Mark a phrase in a table for translation; `_` translates it where it is used, so a
    table built at import time still follows the language chosen later."""
    return text


MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
MONTHS_SHORT = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
    N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip
WEEKDAYS = (
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
    N_("Sunday"),
)  # fmt: skip

CONCERN_STATUS = {
    ConcernStatus.RAISED: N_("Raised, not yet discussed"),
    ConcernStatus.DISCUSSING: N_("Still being discussed"),
    ConcernStatus.ADDRESSED: N_("Addressed"),
    ConcernStatus.PARKED: N_("Parked for a later meeting"),
}
SIDE = {Side.FAMILY: N_("Family"), Side.SCHOOL: N_("School"), Side.NEUTRAL: N_("Neutral")}


def local(timestamp: str, tz: tzinfo | None) -> datetime:
    """A stored UTC timestamp in the reader's time zone (None: this computer's)."""
    return parse_timestamp(timestamp).astimezone(tz)


def long_date(day: date) -> str:
    return _("{weekday}, {month} {day}, {year}").format(
        weekday=_(WEEKDAYS[day.weekday()]),
        month=_(MONTHS[day.month - 1]),
        day=day.day,
        year=day.year,
    )


def short_date(day: date) -> str:
    return _("{month} {day}, {year}").format(
        month=_(MONTHS[day.month - 1]), day=day.day, year=day.year
    )


def table_date(day: date) -> str:
    """A date short enough for a table column: "Nov 27, 2026"."""
    return _("{month} {day}, {year}").format(
        month=_(MONTHS_SHORT[day.month - 1]), day=day.day, year=day.year
    )


def due_date(text: str | None, *, short: bool = False) -> str:
    if not text:
        return _("No date set")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    return table_date(day) if short else short_date(day)


def sentence(text: str) -> str:
    """`text` ending with a full stop (or the mark it already ends with)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…:;)\"”'" else text + "."


def clock_time(when: datetime) -> str:
    hour = when.hour % 12 or 12
    return (_("{hour}:{minute:02d} AM") if when.hour < 12 else _("{hour}:{minute:02d} PM")).format(
        hour=hour, minute=when.minute
    )


def minutes(ms: int) -> str:
    """A duration in whole minutes, as an agenda table shows it."""
    if ms <= 0:
        return _("0 min")
    if ms < 30_000:
        return _("under 1 min")
    return _("{n} min").format(n=(ms + 30_000) // 60_000)


def percent(share: float) -> str:
    return _("{n}%").format(n=round(share * 100))


class _Labelled(Protocol):
    @property
    def label(self) -> str: ...


def enum_label(kind: Callable[[str], _Labelled], value: object) -> str:
    """The label of a stored enum value; an unknown value is shown as stored, never dropped."""
    try:
        return kind(str(value)).label
    except ValueError:
        return str(value).replace("_", " ")


def role(value: object) -> str:
    return enum_label(Role, value)


def side(value: object) -> str:
    try:
        return _(SIDE[Side(str(value))])
    except ValueError:
        return str(value)


def attendance(person: dict[str, object], tz: tzinfo | None) -> str:
    status = str(person.get("attendance") or "present")
    arrived, left = person.get("arrived_at"), person.get("left_at")
    if status == Attendance.ARRIVED_LATE and arrived:
        return _("Arrived late, at {time}").format(time=clock_time(local(str(arrived), tz)))
    if status == Attendance.LEFT_EARLY and left:
        return _("Left early, at {time}").format(time=clock_time(local(str(left), tz)))
    return enum_label(Attendance, status)


def concern_status(value: object) -> str:
    try:
        return _(CONCERN_STATUS[ConcernStatus(str(value))])
    except (ValueError, KeyError):
        return str(value)


def solution_status(value: object) -> SolutionStatus | None:
    try:
        return SolutionStatus(str(value))
    except ValueError:
        return None


def person(record: MeetingRecord, participant_id: int | None) -> str:
    """A participant as the minutes name them: "Ana Rodríguez (Parent)"."""
    for found in record["participants"]:
        if found["id"] == participant_id:
            return _("{name} ({role})").format(name=found["name"], role=role(found["role"]))
    return _("Not recorded")
