"""The agenda against its time boxes: planned and actual minutes, the current item, overruns."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont

from facilitator.store import Row
from facilitator.talk_time import format_duration
from facilitator.timing import MeetingTiming, meeting_timing
from ui.marks import CURRENT, CURRENT_BACKGROUND, OVERRUN, bold, with_team_only
from ui.models.rows import Column, ItemRole, RowsModel
from ui.session import Session


def overrun_text(overrun_ms: int) -> str:
    return f"{format_duration(overrun_ms)} over"


def times(row: Row) -> str:
    """'15 min planned', '5 min, took 6:27, 1:27 over', '15 min, 12:48 so far, 2:12 left'."""
    planned = f"{row['planned_ms'] // 60_000} min"
    if not row["visited"]:
        return f"{planned} planned"
    actual = format_duration(row["actual_ms"])
    text = f"{planned}, {actual} so far" if row["current"] else f"{planned}, took {actual}"
    if row["overrun_ms"] > 0:
        return f"{text}, ⚠ {overrun_text(row['overrun_ms'])}"
    if row["current"]:
        return f"{text}, {format_duration(row['remaining_ms'])} left"
    return text


def _item(row: Row) -> str:
    title = with_team_only(row["title"], row["team_only"])
    if not row["visited"]:
        return f"{row['number']}. {title} ({row['planned_ms'] // 60_000} min)"
    mark = f"{CURRENT} " if row["current"] else "✓ "
    return f"{mark}{row['number']}. {title}\n      {times(row)}"


class AgendaModel(RowsModel):
    """Each agenda item with its time box, the time it has taken, and where the meeting is.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    columns = (Column("Agenda item", _item),)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self.timing: MeetingTiming | None = None

    def fetch(self) -> list[Row]:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        timing = meeting_timing(ws, meeting_id)
        self.timing = timing
        team_only = {
            r["id"]: r["team_only"]
            for r in ws.rows(
                "SELECT id, team_only FROM agenda_items WHERE meeting_id = ?", (meeting_id,)
            )
        }
        return [
            {
                "id": item.item_id,
                "number": n,
                "title": item.title,
                "team_only": team_only.get(item.item_id, 0),
                "planned_ms": item.planned_ms,
                "actual_ms": item.actual_ms,
                "remaining_ms": item.remaining_ms,
                "overrun_ms": item.overrun_ms,
                "current": item.is_current,
                "visited": item.visited,
            }
            for n, item in enumerate(timing.items, start=1)
        ]

    def style(self, row: Row, column: int, role: int) -> QFont | QColor | None:
        if role == ItemRole.FontRole and row["current"]:
            return bold()
        if role == ItemRole.ForegroundRole and row["overrun_ms"]:
            return OVERRUN
        if role == ItemRole.BackgroundRole and row["current"]:
            return CURRENT_BACKGROUND
        return None
