"""Preparing meetings: from a template, back into a template, what to carry forward, whether
the agenda fits its time, and the federal deadlines of a resolution meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import meetings
from facilitator.clock import timestamp_ms
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import CaseId, ConcernId, MeetingId, MeetingKind, is_team_only
from facilitator.store import Change, Row, Workspace

if TYPE_CHECKING:  # the templates package (TOML, checks) loads when a template is made or read
    from facilitator.templates.model import AgendaTemplate

SUB_ITEM_MARK = "- "


def meeting_from_template(
    ws: Workspace,
    *,
    case_id: CaseId,
    template: AgendaTemplate,
    title: str | None = None,
    scheduled_start: str | None = None,
    planned_end: str | None = None,
    location: str = "",
    participants: Sequence[NewParticipant] = (),
) -> Change:
    """A planned meeting with the template's kind, purpose, outcomes, rules and agenda."""
    agenda = [
        NewAgendaItem(
            item.title,
            item.minutes,
            prompts="\n".join([*item.prompts, *(SUB_ITEM_MARK + s for s in item.sub_items)]),
            team_only=item.team_only,
        )
        for item in template.items
    ]
    return meetings.create_meeting(
        ws,
        case_id=case_id,
        kind=template.kind,
        title=title or template.title,
        scheduled_start=scheduled_start,
        planned_end=planned_end,
        location=location,
        makes_decisions=template.makes_decisions,
        purpose=template.purpose,
        desired_outcomes="\n".join(template.desired_outcomes),
        ground_rules="\n".join(template.ground_rules),
        template=template.name,
        team_only=template.team_only,
        participants=participants,
        agenda=agenda,
    )


def template_from_meeting(ws: Workspace, meeting_id: MeetingId, *, name: str) -> AgendaTemplate:
    """The meeting's agenda as a template (save it with `save_user_template`)."""
    from facilitator.templates.model import AgendaTemplate, TemplateItem

    meeting = ws.row("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
    if meeting is None:
        from facilitator.errors import NotFound

        raise NotFound(f"meeting {meeting_id} does not exist")
    items = []
    for row in ws.rows(
        "SELECT title, planned_minutes, prompts, team_only FROM agenda_items WHERE meeting_id = ?"
        " ORDER BY position, id",
        (meeting_id,),
    ):
        lines = [line for line in row["prompts"].splitlines() if line.strip()]
        items.append(
            TemplateItem(
                title=row["title"],
                minutes=row["planned_minutes"],
                prompts=tuple(x for x in lines if not x.startswith(SUB_ITEM_MARK)),
                sub_items=tuple(
                    x[len(SUB_ITEM_MARK) :] for x in lines if x.startswith(SUB_ITEM_MARK)
                ),
                team_only=bool(row["team_only"]),
            )
        )
    roles = dict.fromkeys(
        r["role"]
        for r in ws.rows(
            "SELECT role FROM participants WHERE meeting_id = ? ORDER BY position", (meeting_id,)
        )
    )
    kind = MeetingKind(meeting["kind"])
    return AgendaTemplate(
        name=name,
        path=Path(f"{name}.toml"),
        kind=kind,
        title=meeting["title"],
        purpose=meeting["purpose"],
        makes_decisions=bool(meeting["makes_decisions"]),
        items=tuple(items),
        team_only=is_team_only(meeting),
        desired_outcomes=tuple(_lines(meeting["desired_outcomes"])),
        ground_rules=tuple(_lines(meeting["ground_rules"])),
        suggested_roles=tuple(roles),
    )


def open_from_earlier_meetings(ws: Workspace, meeting_id: MeetingId) -> list[Row]:
    """Parked concerns of earlier meetings of the same case, to offer for this one.

    (Open action items from earlier meetings are `facilitator.actions.carried_over`.)
    """
    meeting = ws.row("SELECT case_id, created_at FROM meetings WHERE id = ?", (meeting_id,))
    if meeting is None:
        return []
    return ws.rows(
        "SELECT c.*, m.title AS meeting_title FROM concerns c"
        " JOIN meetings m ON m.id = c.meeting_id"
        " WHERE m.case_id = ? AND m.id != ? AND c.status = 'parked'"
        " AND m.created_at <= ?"
        " AND c.text NOT IN (SELECT text FROM concerns WHERE meeting_id = ?)"
        " ORDER BY m.created_at, c.position",
        (meeting["case_id"], meeting_id, meeting["created_at"], meeting_id),
    )


def carry_concerns(
    ws: Workspace, *, meeting_id: MeetingId, concern_ids: Iterable[ConcernId]
) -> Change:
    """Put earlier parked concerns on this meeting's board, as raised, in one operation. One from
    a team-only meeting (see `model.is_team_only`), or from a mediation into another kind of
    meeting (mediation is confidential, 34 CFR 300.506(b)(8)), starts team-only here: the
    facilitator may share it, deliberately."""
    here = ws.row("SELECT kind FROM meetings WHERE id = ?", (meeting_id,))
    in_mediation = here is not None and here["kind"] == MeetingKind.MEDIATION
    with ws.operation("concern.carry", meeting_id=meeting_id) as op:
        position = ws.scalar(
            "SELECT coalesce(max(position) + 1, 0) FROM concerns WHERE meeting_id = ?",
            (meeting_id,),
        )
        for concern_id in concern_ids:
            source = op.fetch("concerns", concern_id)
            if source is None:
                continue
            origin = ws.row(
                "SELECT kind, team_only FROM meetings WHERE id = ?", (source["meeting_id"],)
            )
            kept_back = origin is not None and (
                is_team_only(origin)
                or (origin["kind"] == MeetingKind.MEDIATION and not in_mediation)
            )
            op.insert(
                "concerns",
                {
                    "meeting_id": meeting_id,
                    "text": source["text"],
                    "raised_by": None,
                    "status": "raised",
                    "team_only": int(bool(source["team_only"]) or kept_back),
                    "position": position,
                    "created_at": op.at,
                },
            )
            position += 1
    return op.change


@dataclass(frozen=True)
class AgendaFit:
    """The agenda's time boxes against the time between the start and the planned end."""

    planned_minutes: int
    available_minutes: int | None  # None: the start or the planned end is not set

    @property
    def spare_minutes(self) -> int | None:
        """Minutes left over (negative: the agenda does not fit)."""
        if self.available_minutes is None:
            return None
        return self.available_minutes - self.planned_minutes

    @property
    def fits(self) -> bool | None:
        spare = self.spare_minutes
        return None if spare is None else spare >= 0


def agenda_fit(ws: Workspace, meeting_id: MeetingId) -> AgendaFit:
    """Whether the agenda fits between the scheduled start and the planned end."""
    meeting = ws.row(
        "SELECT scheduled_start, planned_end FROM meetings WHERE id = ?", (meeting_id,)
    )
    planned = ws.scalar(
        "SELECT coalesce(sum(planned_minutes), 0) FROM agenda_items WHERE meeting_id = ?",
        (meeting_id,),
    )
    available = None
    if meeting and meeting["scheduled_start"] and meeting["planned_end"]:
        span = timestamp_ms(meeting["planned_end"]) - timestamp_ms(meeting["scheduled_start"])
        available = span // 60_000
    return AgendaFit(planned_minutes=int(planned or 0), available_minutes=available)


@dataclass(frozen=True)
class ResolutionDeadlines:
    """Federal timelines after a due-process complaint (34 CFR 300.510)."""

    complaint_received: dt.date
    meeting_due: dt.date  # within 15 days of receiving the complaint, 300.510(a)(1)
    resolution_period_ends: dt.date  # 30 days, 300.510(b)(1)


def resolution_deadlines(complaint_received: dt.date) -> ResolutionDeadlines:
    """Calendar days, as the regulation counts them."""
    return ResolutionDeadlines(
        complaint_received=complaint_received,
        meeting_due=complaint_received + dt.timedelta(days=15),
        resolution_period_ends=complaint_received + dt.timedelta(days=30),
    )


def void_window_ends(signed: dt.date, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The last day either party may void a signed resolution agreement: 3 business days
    (300.510(e)), skipping weekends and the given holidays."""
    return add_business_days(signed, 3, holidays)


def add_business_days(start: dt.date, days: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    closed = set(holidays)
    current = start
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in closed:
            days -= 1
    return current


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
