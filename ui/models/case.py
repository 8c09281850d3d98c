"""Models of the open meeting's case: its meetings in order, and what earlier meetings left open."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtGui import QColor, QFont

from facilitator.actions import carried_over
from facilitator.cases import case_meetings
from facilitator.clock import parse_timestamp
from facilitator.model import CaseId, MeetingKind, MeetingStatus
from facilitator.preparation import open_from_earlier_meetings
from facilitator.store import Row
from ui.marks import (
    CURRENT,
    CURRENT_BACKGROUND,
    NO_DATE,
    NOT_ASSIGNED,
    bold,
    unsettled,
    with_team_only,
)
from ui.models.rows import Column, ItemRole, RowsModel

THIS_MEETING = f"{CURRENT} this meeting"


def day(timestamp: str | None) -> str:
    """A stored timestamp as the local day: '2026-11-17'."""
    return parse_timestamp(timestamp).astimezone().strftime("%Y-%m-%d") if timestamp else ""


def when(timestamp: str | None) -> str:
    """A stored timestamp as the local day and time: 'Tue 2026-11-17 14:00'."""
    if not timestamp:
        return ""
    return parse_timestamp(timestamp).astimezone().strftime("%a %Y-%m-%d %H:%M")


class CaseMeetingsModel(RowsModel):
    """The case's meetings, earliest first; the open one is marked in words and in bold.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    columns = (
        Column("When", lambda r: day(r["held_on"]), tip=lambda r: when(r["held_on"])),
        Column("Kind", lambda r: MeetingKind(r["kind"]).label),
        Column(
            "Meeting",
            lambda r: f"{r['title']} ({THIS_MEETING})" if r["this"] else r["title"],
            tip=lambda r: r["title"],
        ),
        Column("Status", lambda r: MeetingStatus(r["status"]).label),
    )

    def fetch(self) -> list[Row]:
        ws, meeting_id = self.session.ws, self.session.meeting_id
        case_id = ws.scalar("SELECT case_id FROM meetings WHERE id = ?", (meeting_id,))
        if case_id is None:
            return []
        rows = case_meetings(ws, CaseId(case_id))
        for row in rows:
            row["this"] = row["id"] == meeting_id
        return rows

    def style(self, row: Row, column: int, role: int) -> QFont | QColor | None:
        if role == ItemRole.FontRole and row["this"]:
            return bold()
        if role == ItemRole.BackgroundRole and row["this"]:
            return CURRENT_BACKGROUND
        return None


class CarriedActionsModel(RowsModel):
    """Action items still open from earlier meetings of the case (the minutes carry them over).

    Emits only the item-model signals (dataChanged, modelReset).
    """

    columns = (
        Column(
            "Open action item",
            lambda r: with_team_only(r["text"], r["team_only"]),
            tip=lambda r: f"{r['text']}\nFrom: {r['meeting_title']}",
        ),
        Column("Who", lambda r: r["owner"] or NOT_ASSIGNED),
        Column("By", lambda r: r["due_date"] or NO_DATE),
    )

    def fetch(self) -> list[Row]:
        meeting_id = self.session.require_meeting()
        return [asdict(line) for line in carried_over(self.session.ws, meeting_id)]

    def style(self, row: Row, column: int, role: int) -> QFont | QColor | None:
        if role == ItemRole.FontRole and column in (1, 2):  # "Not assigned", "No date"
            return unsettled(row["owner"], row["due_date"], who=column == 1)
        return None


class ParkedConcernsModel(RowsModel):
    """Concerns parked in earlier meetings of the case and not yet on this meeting's board.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    columns = (
        Column(
            "Parked concern",
            lambda r: with_team_only(r["text"], r["team_only"]),
            tip=lambda r: f"{r['text']}\nParked in: {r['meeting_title']}",
        ),
    )

    def fetch(self) -> list[Row]:
        meeting_id = self.session.require_meeting()
        return open_from_earlier_meetings(self.session.ws, meeting_id)
