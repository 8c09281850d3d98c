"""The agenda against its time boxes, and the meeting against its planned end."""

from __future__ import annotations

from typing import NamedTuple

from facilitator.clock import timestamp_ms
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
            visited=r["id"] in actual,
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
