"""Small builders shared by the core tests."""

from __future__ import annotations

from facilitator import meetings
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import CaseId, MeetingId, MeetingKind, ParticipantId, Role
from facilitator.store import Workspace

PEOPLE = [
    NewParticipant("Ana", Role.PARENT),
    NewParticipant("Priya", Role.SPECIAL_ED_TEACHER),
    NewParticipant("Tom", Role.GENERAL_ED_TEACHER),
    NewParticipant("Sam", Role.FACILITATOR),
]


def small_meeting(
    ws: Workspace, *, kind: MeetingKind = MeetingKind.FACILITATED_IEP, items: int = 3
) -> tuple[MeetingId, list[ParticipantId]]:
    """A planned meeting with four people (family, two school, neutral) and 10-minute items."""
    case_id = CaseId(meetings.create_case(ws, label="Case A").created_id or 0)
    meeting_id = MeetingId(
        meetings.create_meeting(
            ws,
            case_id=case_id,
            kind=kind,
            title="IEP meeting",
            participants=PEOPLE,
            agenda=[NewAgendaItem(f"Item {n}", 10) for n in range(1, items + 1)],
        ).created_id
        or 0
    )
    people = [
        ParticipantId(r["id"])
        for r in ws.rows(
            "SELECT id FROM participants WHERE meeting_id = ? ORDER BY position", (meeting_id,)
        )
    ]
    return meeting_id, people
