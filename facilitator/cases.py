"""A case across its meetings: the meetings in the order they were held, and the federal timelines
that run once the district receives the parents' due-process complaint (34 CFR 300.510)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.clock import parse_timestamp
from facilitator.model import CaseId, MeetingId, MeetingKind, MeetingStatus
from facilitator.preparation import resolution_deadlines, void_window_ends
from facilitator.store import Row, Workspace

VOID_BUSINESS_DAYS = 3  # 34 CFR 300.510(e)

# When a meeting happens, for ordering: held, else scheduled, else when it was prepared.
_WHEN = "coalesce(m.started_at, m.scheduled_start, m.created_at)"


def case_of(ws: Workspace, meeting_id: MeetingId) -> Row | None:
    """The case a meeting belongs to."""
    return ws.row(
        "SELECT c.* FROM cases c JOIN meetings m ON m.case_id = c.id WHERE m.id = ?",
        (meeting_id,),
    )


def case_meetings(ws: Workspace, case_id: CaseId) -> list[Row]:
    """The case's meetings, earliest first, each with `held_on` (held, else scheduled, else
    prepared: a timestamp)."""
    return ws.rows(
        f"SELECT m.id, m.kind, m.title, m.status, m.scheduled_start, m.started_at, m.ended_at,"
        f" {_WHEN} AS held_on FROM meetings m WHERE m.case_id = ? ORDER BY {_WHEN}, m.id",
        (case_id,),
    )


@dataclass(frozen=True)
class ResolutionTimeline:
    """Where a case stands against the resolution timelines.

    `meeting_*` describe the resolution meeting the timeline is shown for (the one asked about if
    it is a resolution meeting, else the case's latest). The agreement counts as signed on the day
    that meeting ended with at least one agreement recorded: the written agreement is signed at
    the close of the resolution meeting.
    """

    complaint_received: dt.date
    meeting_due: dt.date  # within 15 days, 300.510(a)(1)
    resolution_period_ends: dt.date  # 30 days, 300.510(b)(1)
    meeting_id: MeetingId | None
    meeting_on: dt.date | None  # held, else scheduled
    signed_on: dt.date | None
    void_until: dt.date | None  # the last day either party may void it, 300.510(e)
    holidays_skipped: tuple[dt.date, ...] = ()

    @property
    def meeting_in_time(self) -> bool | None:
        """Whether the resolution meeting is (or was) held by the 15-day deadline."""
        return None if self.meeting_on is None else self.meeting_on <= self.meeting_due


def resolution_timeline(
    ws: Workspace,
    meeting_id: MeetingId,
    *,
    holidays: Iterable[dt.date] = (),
    tz: dt.tzinfo | None = None,
) -> ResolutionTimeline | None:
    """The timeline for the meeting's case; None while the case has no complaint date.

    Days are calendar days in the time zone `tz` (default: this computer's), except the void
    window, which counts business days and skips weekends and `holidays`.
    """
    case = case_of(ws, meeting_id)
    if case is None or not case["complaint_received_on"]:
        return None
    deadlines = resolution_deadlines(dt.date.fromisoformat(case["complaint_received_on"]))
    meeting = _resolution_meeting(ws, meeting_id, case["id"])
    if meeting is None:
        return ResolutionTimeline(
            deadlines.complaint_received, deadlines.meeting_due,
            deadlines.resolution_period_ends, None, None, None, None,
        )  # fmt: skip
    when = meeting["started_at"] or meeting["scheduled_start"]
    meeting_on = _local_date(when, tz) if when else None
    signed_on = void_until = None
    skipped: tuple[dt.date, ...] = ()
    agreed = ws.scalar("SELECT count(*) FROM agreements WHERE meeting_id = ?", (meeting["id"],))
    if meeting["status"] == MeetingStatus.ENDED and meeting["ended_at"] and agreed:
        signed_on = _local_date(meeting["ended_at"], tz)
        closed = set(holidays)
        void_until = void_window_ends(signed_on, closed)
        skipped = tuple(sorted(d for d in closed if signed_on < d <= void_until))
    return ResolutionTimeline(
        complaint_received=deadlines.complaint_received,
        meeting_due=deadlines.meeting_due,
        resolution_period_ends=deadlines.resolution_period_ends,
        meeting_id=MeetingId(meeting["id"]),
        meeting_on=meeting_on,
        signed_on=signed_on,
        void_until=void_until,
        holidays_skipped=skipped,
    )


def has_resolution_meeting(ws: Workspace, case_id: CaseId) -> bool:
    return bool(
        ws.scalar(
            "SELECT 1 FROM meetings WHERE case_id = ? AND kind = ?",
            (case_id, MeetingKind.RESOLUTION.value),
        )
    )


def _resolution_meeting(ws: Workspace, meeting_id: MeetingId, case_id: int) -> Row | None:
    this = ws.row("SELECT * FROM meetings WHERE id = ? AND kind = ?", (meeting_id, "resolution"))
    if this is not None:
        return this
    return ws.row(
        f"SELECT m.* FROM meetings m WHERE m.case_id = ? AND m.kind = 'resolution'"
        f" ORDER BY {_WHEN} DESC, m.id DESC LIMIT 1",
        (case_id,),
    )


def _local_date(timestamp: str, tz: dt.tzinfo | None) -> dt.date:
    return parse_timestamp(timestamp).astimezone(tz).date()
