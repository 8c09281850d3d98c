"""What one copy of the minutes is built from, gathered from the workspace for one audience.

This is where the team-only rule is applied, once: a parent copy gets `record.shared_only()`,
only the agenda items that record still holds, carried-over items that are not team-only, and no
speaking balance; a meeting that is the team's as a whole (`model.is_team_only`) has no parent
copy at all. Everything after this point works only from what it was given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from facilitator.actions import ActionLine, carried_over
from facilitator.errors import FacilitatorError
from facilitator.minutes.document import Audience
from facilitator.model import MeetingId, MeetingKind, is_team_only
from facilitator.record import MeetingRecord, load_meeting
from facilitator.store import Workspace
from facilitator.talk_time import SpeakingBalance, speaking_balance
from facilitator.timing import ItemTiming, meeting_timing


@dataclass(frozen=True)
class Sources:
    """Everything one copy is built from, already reduced to what its audience may see."""

    record: MeetingRecord
    audience: Audience
    timing: Sequence[ItemTiming]
    carried: Sequence[ActionLine]
    balance: SpeakingBalance | None
    next_meeting: dict[str, Any] | None
    exported_at: datetime
    tz: tzinfo | None = None  # None: this computer's time zone


def gather(
    ws: Workspace,
    meeting_id: int,
    *,
    audience: Audience,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> Sources:
    """Read one meeting for `audience` ("parent" or "team"); raises `NotFound` for a bad id."""
    record = visible_record(ws, meeting_id, audience=audience)
    shown = {item["id"] for item in record["agenda_items"]}
    timing = [t for t in meeting_timing(ws, MeetingId(meeting_id)).items if t.item_id in shown]
    carried = visible_carried(ws, meeting_id, audience=audience)
    balance = speaking_balance(ws, MeetingId(meeting_id)) if audience == "team" else None
    exported_at = (now or datetime.now(UTC)).astimezone(UTC)
    return Sources(
        record=record,
        audience=audience,
        timing=timing,
        carried=carried,
        balance=balance,
        next_meeting=_next_meeting(ws, record.meeting, audience),
        exported_at=exported_at,
        tz=tz,
    )


class TeamOnlyMeeting(FacilitatorError):
    """A parent copy was asked for of a meeting that is the school team's only."""


def visible_record(ws: Workspace, meeting_id: int, *, audience: Audience) -> MeetingRecord:
    """The meeting as `audience` may see it: every row for the team, shared rows for parents.
    Raises `TeamOnlyMeeting` for a parent copy of a team-only meeting."""
    if audience not in ("parent", "team"):
        raise ValueError(f"unknown audience {audience!r}: use 'parent' or 'team'")
    full = load_meeting(ws, meeting_id)
    if audience == "team":
        return full
    if is_team_only(full.meeting):
        raise TeamOnlyMeeting(
            f"meeting {meeting_id} is for the school team only: it has no parent copy (write a"
            " team copy)"
        )
    return full.shared_only()


def visible_carried(ws: Workspace, meeting_id: int, *, audience: Audience) -> list[ActionLine]:
    """Open action items from the case's earlier meetings that `audience` may see. Parents see
    nothing from a team-only meeting (an internal review, a mediation's preparation), and,
    outside a mediation, nothing from one: what is said in mediation stays confidential
    (34 CFR 300.506(b)(8)), so it is not repeated in another meeting's minutes."""
    lines = carried_over(ws, MeetingId(meeting_id))
    if audience == "team":
        return lines
    here = ws.row("SELECT kind FROM meetings WHERE id = ?", (meeting_id,))
    in_mediation = here is not None and here["kind"] == MeetingKind.MEDIATION
    kept_back = {
        r["id"]
        for r in ws.rows("SELECT id, kind, team_only FROM meetings")
        if is_team_only(r) or (r["kind"] == MeetingKind.MEDIATION and not in_mediation)
    }
    return [line for line in lines if not line.team_only and line.meeting_id not in kept_back]


def _next_meeting(
    ws: Workspace, meeting: dict[str, Any], audience: Audience
) -> dict[str, Any] | None:
    """The case's next meeting: the first one held or scheduled after this one (for parents,
    never a team-only one)."""
    held = meeting["started_at"] or meeting["scheduled_start"] or meeting["created_at"]
    for later in ws.rows(
        "SELECT *, coalesce(started_at, scheduled_start) AS held FROM meetings"
        " WHERE case_id = ? AND id != ? AND coalesce(started_at, scheduled_start) > ?"
        " ORDER BY held, id",
        (meeting["case_id"], meeting["id"], held),
    ):
        if audience == "team" or not is_team_only(later):
            return later
    return None
