"""Action items across meetings: who owes what, by when, and what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from facilitator.model import ActionItemId, ActionStatus, CaseId, MeetingId
from facilitator.store import Workspace


@dataclass(frozen=True)
class ActionLine:
    """One action item with the case and meeting it came from."""

    id: ActionItemId
    text: str
    owner: str
    due_date: str | None
    status: ActionStatus
    team_only: bool
    meeting_id: MeetingId
    meeting_title: str
    meeting_date: str | None
    case_id: CaseId
    case_label: str

    def is_overdue(self, today: dt.date) -> bool:
        return (
            self.status is ActionStatus.OPEN
            and self.due_date is not None
            and dt.date.fromisoformat(self.due_date) < today
        )


_SELECT = """
SELECT a.id, a.text, a.owner, a.due_date, a.status,
       a.team_only OR m.team_only OR m.kind = 'internal_review' AS team_only, m.id AS meeting_id,
       m.title AS meeting_title, coalesce(m.started_at, m.scheduled_start) AS meeting_date,
       c.id AS case_id, c.label AS case_label
FROM action_items a JOIN meetings m ON m.id = a.meeting_id JOIN cases c ON c.id = m.case_id
"""


def list_actions(
    ws: Workspace,
    *,
    open_only: bool = False,
    case_id: CaseId | None = None,
    owner: str | None = None,
) -> list[ActionLine]:
    """Action items ordered by due date (undated last), then case and owner."""
    where: list[str] = []
    params: list[object] = []
    if open_only:
        where.append("a.status = 'open'")
    if case_id is not None:
        where.append("m.case_id = ?")
        params.append(case_id)
    if owner:
        where.append("a.owner = ?")
        params.append(owner)
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY a.due_date IS NULL, a.due_date, c.label, a.owner, a.id"
    return [_line(r) for r in ws.rows(sql, params)]


def carried_over(ws: Workspace, meeting_id: MeetingId) -> list[ActionLine]:
    """Open action items from earlier meetings of the same case: the minutes list them as
    carried over. "Earlier" is by when the meetings were held or scheduled."""
    meeting = ws.row(
        "SELECT case_id, coalesce(started_at, scheduled_start, created_at) AS held"
        " FROM meetings WHERE id = ?",
        (meeting_id,),
    )
    if meeting is None:
        return []
    rows = ws.rows(
        _SELECT + " WHERE m.case_id = ? AND m.id != ? AND a.status = 'open'"
        " AND coalesce(m.started_at, m.scheduled_start, m.created_at) < ?"
        " ORDER BY a.due_date IS NULL, a.due_date, a.id",
        (meeting["case_id"], meeting_id, meeting["held"]),
    )
    return [_line(r) for r in rows]


def _line(r: dict[str, object]) -> ActionLine:
    return ActionLine(
        id=ActionItemId(int(str(r["id"]))),
        text=str(r["text"]),
        owner=str(r["owner"]),
        due_date=str(r["due_date"]) if r["due_date"] else None,
        status=ActionStatus(str(r["status"])),
        team_only=bool(r["team_only"]),
        meeting_id=MeetingId(int(str(r["meeting_id"]))),
        meeting_title=str(r["meeting_title"]),
        meeting_date=str(r["meeting_date"]) if r["meeting_date"] else None,
        case_id=CaseId(int(str(r["case_id"]))),
        case_label=str(r["case_label"]),
    )
