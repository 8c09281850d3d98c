"""The agenda against its time boxes, and the meeting against its planned end."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from facilitator.clock import format_timestamp, parse_timestamp, timestamp_ms
from facilitator.errors import NotFound
from facilitator.model import AgendaItemId, MeetingId
from facilitator.store import Workspace


class ItemTiming(NamedTuple):
    item_id: AgendaItemId
    position: int
    title: str
    planned_ms: int
    actual_ms: int
    is_current: bool
    visited: bool

    @property
    def remaining_ms(self) -> int:
        """Negative once the time box is overrun."""
        return self.planned_ms - self.actual_ms

    @property
    def overrun_ms(self) -> int:
        return max(0, -self.remaining_ms)


class MeetingTiming(NamedTuple):
    now_ms: int
    items: list[ItemTiming]
    started_ms: int | None
    ended_ms: int | None
    planned_end_ms: int | None
    interrupted_ms: int

    @property
    def current(self) -> ItemTiming | None:
        return next((i for i in self.items if i.is_current), None)

    @property
    def planned_ms(self) -> int:
        return sum(i.planned_ms for i in self.items)

    @property
    def elapsed_ms(self) -> int:
        """Wall time since the start (to the end, once ended), interruptions included."""
        if self.started_ms is None:
            return 0
        return (self.ended_ms or self.now_ms) - self.started_ms

    @property
    def end_ms(self) -> int | None:
        """When the meeting should end: the planned end, else start plus the agenda's time boxes."""
        if self.planned_end_ms is not None:
            return self.planned_end_ms
        if self.started_ms is not None:
            return self.started_ms + self.planned_ms
        return None

    @property
    def remaining_ms(self) -> int | None:
        """Time left to the planned end; negative when the meeting runs over."""
        end = self.end_ms
        return None if end is None else end - (self.ended_ms or self.now_ms)

    @property
    def agenda_left_ms(self) -> int:
        """Planned time still needed: the rest of the current box plus every item not yet begun."""
        left = sum(i.planned_ms for i in self.items if not i.visited)
        current = self.current
        if current is not None:
            left += max(0, current.remaining_ms)
        return left


def local_day(timestamp: str, tz: dt.tzinfo | None = None) -> dt.date:
    """The calendar day a stored UTC timestamp falls on in the time zone `tz`.

    None means this computer's time zone, as everywhere else in the core (case deadlines, minutes):
    the facilitator's days are the days of the laptop the meeting runs on, and the preparation form
    turns the start and end typed there into stored UTC times in that same zone.
    """
    return parse_timestamp(timestamp).astimezone(tz).date()


def meeting_day(ws: Workspace, meeting_id: MeetingId, tz: dt.tzinfo | None = None) -> dt.date:
    """The day a meeting is held, local in `tz`: the day it started, else the day it is scheduled
    for, else today by the workspace's clock."""
    meeting = ws.row("SELECT started_at, scheduled_start FROM meetings WHERE id = ?", (meeting_id,))
    if meeting is None:
        raise NotFound(f"meeting {meeting_id} does not exist")
    when = meeting["started_at"] or meeting["scheduled_start"]
    return local_day(when, tz) if when else ws.clock.now().astimezone(tz).date()


def planned_end_at_start(
    *,
    started_at: str,
    scheduled_start: str | None,
    planned_end: str | None,
    tz: dt.tzinfo | None = None,
) -> str | None:
    """The planned end a meeting keeps when it starts at `started_at` (days are local, in `tz`).

    A start on the scheduled day keeps the planned end: starting late does not push the end, because
    ending on time is a ground rule. A start on another day (prepared for tomorrow, held today)
    keeps the planned length instead: the end moves to `started_at + (planned_end -
    scheduled_start)`. Without a scheduled start the length is unknown, so a planned end on another
    day than the start keeps its clock time on the start's day; if that time is not after the start,
    there is no planned end (None), and the agenda's time boxes tell when the meeting should end.
    """
    if not planned_end:
        return planned_end
    start_day = local_day(started_at, tz)
    if scheduled_start:
        if local_day(scheduled_start, tz) == start_day:
            return planned_end
        length = parse_timestamp(planned_end) - parse_timestamp(scheduled_start)
        return format_timestamp(parse_timestamp(started_at) + length)
    if local_day(planned_end, tz) == start_day:
        return planned_end
    begins = parse_timestamp(started_at).astimezone(tz)
    planned = parse_timestamp(planned_end).astimezone(tz)
    ends = begins.replace(
        hour=planned.hour,
        minute=planned.minute,
        second=planned.second,
        microsecond=planned.microsecond,
    )
    return format_timestamp(ends) if ends > begins else None


PASSED_BY_MS = 10_000  # shorter stays on an item, all told, are the facilitator paging past it


def meeting_timing(ws: Workspace, meeting_id: MeetingId) -> MeetingTiming:
    now_ms = timestamp_ms(ws.now())
    meeting = ws.row(
        "SELECT started_at, ended_at, planned_end FROM meetings WHERE id = ?", (meeting_id,)
    )
    actual: dict[int, int] = {}
    current: int | None = None
    for item_id, started_at, ended_at in ws.conn.execute(
        "SELECT agenda_item_id, started_at, ended_at FROM agenda_visits WHERE meeting_id = ?",
        (meeting_id,),
    ):
        end = timestamp_ms(ended_at) if ended_at else now_ms
        if ended_at is None:
            current = item_id
        actual[item_id] = actual.get(item_id, 0) + max(0, end - timestamp_ms(started_at))
    items = [
        ItemTiming(
            item_id=AgendaItemId(r["id"]),
            position=r["position"],
            title=r["title"],
            planned_ms=r["planned_minutes"] * 60_000,
            actual_ms=actual.get(r["id"], 0),
            is_current=r["id"] == current,
            # Paged past on the way to another item, it is not covered yet (the minutes say
            # "not reached", the time left counts it): only a stay of PASSED_BY_MS or more is.
            visited=r["id"] == current or actual.get(r["id"], -1) >= PASSED_BY_MS,
        )
        for r in ws.rows(
            "SELECT id, position, title, planned_minutes FROM agenda_items WHERE meeting_id = ?"
            " ORDER BY position, id",
            (meeting_id,),
        )
    ]
    interrupted = sum(
        timestamp_ms(r[1]) - timestamp_ms(r[0])
        for r in ws.conn.execute(
            "SELECT stopped_at, resumed_at FROM interruptions WHERE meeting_id = ?", (meeting_id,)
        )
    )

    def ms(text: str | None) -> int | None:
        return timestamp_ms(text) if text else None

    return MeetingTiming(
        now_ms=now_ms,
        items=items,
        started_ms=ms(meeting["started_at"]) if meeting else None,
        ended_ms=ms(meeting["ended_at"]) if meeting else None,
        planned_end_ms=ms(meeting["planned_end"]) if meeting else None,
        interrupted_ms=interrupted,
    )
