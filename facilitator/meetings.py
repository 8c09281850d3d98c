"""Preparing a meeting: cases, meetings, participants and the agenda.

Every function here is one operation: one transaction, one audit event, an undoable `Change`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from facilitator.errors import InvalidInput, NotFound
from facilitator.model import (
    AgendaItemId,
    Attendance,
    CaseId,
    MeetingId,
    MeetingKind,
    ParticipantId,
    Role,
    Side,
)
from facilitator.store import Change, Operation, Workspace
from facilitator.text import clean_text, required_text

HOTKEYS = "123456789abcdefghijklmnopqrstuvwxyz"


class NewParticipant(NamedTuple):
    name: str
    role: Role
    side: Side | None = None
    language: str = ""
    hotkey: str = ""


class NewAgendaItem(NamedTuple):
    title: str
    planned_minutes: int
    prompts: str = ""
    team_only: bool = False


def create_case(ws: Workspace, *, label: str, complaint_received_on: str | None = None) -> Change:
    label = required_text(label, "A case label")
    with ws.operation("case.create", meeting_id=None, summary={"label": label}) as op:
        op.insert(
            "cases",
            {"label": label, "created_at": op.at, "complaint_received_on": complaint_received_on},
        )
    return op.change


def set_complaint_received(ws: Workspace, *, case_id: CaseId, on: dt.date | None) -> Change | None:
    """Record (or clear, with None) the day the district received the parents' due-process
    complaint: the resolution timelines count from it (34 CFR 300.510). None if unchanged."""
    current = ws.row("SELECT complaint_received_on FROM cases WHERE id = ?", (case_id,))
    if current is None:
        raise NotFound(f"case {case_id} does not exist")
    value = on.isoformat() if on is not None else None
    if current["complaint_received_on"] == value:
        return None
    with ws.operation(
        "case.complaint_received", meeting_id=None, summary={"case_id": case_id, "on": value}
    ) as op:
        op.update("cases", case_id, {"complaint_received_on": value})
    return op.change


def create_meeting(
    ws: Workspace,
    *,
    case_id: CaseId,
    kind: MeetingKind,
    title: str,
    scheduled_start: str | None = None,
    planned_end: str | None = None,
    location: str = "",
    makes_decisions: bool | None = None,
    purpose: str = "",
    desired_outcomes: str = "",
    ground_rules: str = "",
    template: str = "",
    team_only: bool = False,
    participants: Sequence[NewParticipant] = (),
    agenda: Sequence[NewAgendaItem] = (),
) -> Change:
    """A planned meeting, with its roster and agenda, in one operation. `team_only`: the whole
    meeting is the school team's (see `model.is_team_only`); an internal review always is."""
    title = required_text(title, "A meeting title")
    kind = MeetingKind(kind)
    if ws.scalar("SELECT 1 FROM cases WHERE id = ?", (case_id,)) is None:
        raise NotFound(f"case {case_id} does not exist")
    decides = kind.makes_decisions_by_default if makes_decisions is None else makes_decisions
    with ws.operation("meeting.create", meeting_id=None, summary={"title": title}) as op:
        meeting_id = op.insert(
            "meetings",
            {
                "case_id": case_id,
                "kind": kind.value,
                "title": title,
                "status": "planned",
                "scheduled_start": scheduled_start,
                "planned_end": planned_end,
                "location": clean_text(location),
                "makes_decisions": int(decides),
                "purpose": clean_text(purpose),
                "desired_outcomes": clean_text(desired_outcomes),
                "ground_rules": clean_text(ground_rules),
                "template": template,
                "team_only": int(team_only or kind is MeetingKind.INTERNAL_REVIEW),
                "created_at": op.at,
            },
        )
        op.meeting_id = meeting_id
        for person in participants:
            _insert_participant(op, MeetingId(meeting_id), person)
        for item in agenda:
            _insert_agenda_item(op, MeetingId(meeting_id), item)
    return op.change


def update_meeting(ws: Workspace, *, meeting_id: MeetingId, **values: Any) -> Change:
    """Change the meeting's details (title, location, kind, times, purpose, team_only ...).
    An internal review stays team-only: making a meeting one marks it so."""
    allowed = {
        "title", "kind", "scheduled_start", "planned_end", "location", "makes_decisions",
        "purpose", "desired_outcomes", "ground_rules", "team_only",
    }  # fmt: skip
    unknown = set(values) - allowed
    if unknown:
        raise InvalidInput(f"cannot change {', '.join(sorted(unknown))} of a meeting")
    cleaned = {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}
    if "title" in cleaned:
        cleaned["title"] = required_text(cleaned["title"], "A meeting title")
    if "kind" in cleaned:
        cleaned["kind"] = MeetingKind(cleaned["kind"]).value
    if "makes_decisions" in cleaned:
        cleaned["makes_decisions"] = int(bool(cleaned["makes_decisions"]))
    if "team_only" in cleaned:
        cleaned["team_only"] = int(bool(cleaned["team_only"]))
    if "kind" in cleaned or "team_only" in cleaned:
        kind = cleaned.get("kind") or ws.scalar(
            "SELECT kind FROM meetings WHERE id = ?", (meeting_id,)
        )
        if kind == MeetingKind.INTERNAL_REVIEW:
            cleaned["team_only"] = 1
    with ws.operation("meeting.update", meeting_id=meeting_id, summary=cleaned) as op:
        op.update("meetings", meeting_id, cleaned)
    return op.change


def add_participant(ws: Workspace, *, meeting_id: MeetingId, person: NewParticipant) -> Change:
    with ws.operation(
        "participant.add", meeting_id=meeting_id, summary={"name": person.name}
    ) as op:
        _insert_participant(op, meeting_id, person)
    return op.change


def update_participant(ws: Workspace, *, participant_id: ParticipantId, **values: Any) -> Change:
    """Change a participant's name, role, side, hotkey, language or attendance."""
    allowed = {"name", "role", "side", "hotkey", "language", "attendance", "position"}
    unknown = set(values) - allowed
    if unknown:
        raise InvalidInput(f"cannot change {', '.join(sorted(unknown))} of a participant")
    person = _participant(ws, participant_id)
    cleaned: dict[str, Any] = dict(values)
    if "name" in cleaned:
        cleaned["name"] = required_text(cleaned["name"], "A participant's name")
    if "role" in cleaned:
        cleaned["role"] = Role(cleaned["role"]).value
    if "side" in cleaned:
        cleaned["side"] = Side(cleaned["side"]).value
    if "attendance" in cleaned:
        cleaned["attendance"] = Attendance(cleaned["attendance"]).value
    if cleaned.get("hotkey"):
        cleaned["hotkey"] = _free_hotkey(
            ws, person["meeting_id"], cleaned["hotkey"], participant_id
        )
    with ws.operation(
        "participant.update", meeting_id=person["meeting_id"], summary={"id": participant_id}
    ) as op:
        op.update("participants", participant_id, cleaned)
    return op.change


def mark_attendance(
    ws: Workspace, *, participant_id: ParticipantId, attendance: Attendance
) -> Change:
    """Record arrival or departure; arriving late and leaving early keep their time."""
    person = _participant(ws, participant_id)
    with ws.operation(
        "participant.attendance",
        meeting_id=person["meeting_id"],
        summary={"id": participant_id, "attendance": attendance.value},
    ) as op:
        values: dict[str, Any] = {"attendance": attendance.value}
        if attendance is Attendance.ARRIVED_LATE:
            values["arrived_at"] = op.at
        elif attendance is Attendance.LEFT_EARLY:
            values["left_at"] = op.at
        op.update("participants", participant_id, values)
    return op.change


def remove_participant(ws: Workspace, *, participant_id: ParticipantId) -> Change:
    person = _participant(ws, participant_id)
    if ws.scalar("SELECT 1 FROM speaking_turns WHERE participant_id = ?", (participant_id,)):
        raise InvalidInput(
            f"{person['name']} has spoken in this meeting; mark them absent or left early instead"
        )
    with ws.operation(
        "participant.remove", meeting_id=person["meeting_id"], summary={"id": participant_id}
    ) as op:
        for table, column in (
            ("concerns", "raised_by"),
            ("solutions", "proposed_by"),
            ("action_items", "owner_participant_id"),
        ):
            for ref in ws.rows(f"SELECT id FROM {table} WHERE {column} = ?", (participant_id,)):
                op.update(table, ref["id"], {column: None})
        for hand in ws.rows(
            "SELECT id FROM raised_hands WHERE participant_id = ?", (participant_id,)
        ):
            op.delete("raised_hands", hand["id"])
        op.delete("participants", participant_id)
    return op.change


def add_agenda_item(
    ws: Workspace, *, meeting_id: MeetingId, item: NewAgendaItem, position: int | None = None
) -> Change:
    with ws.operation("agenda.add", meeting_id=meeting_id, summary={"title": item.title}) as op:
        new_id = _insert_agenda_item(op, meeting_id, item)
        if position is not None:
            _reorder(op, ws, meeting_id, AgendaItemId(new_id), position)
    return op.change


def update_agenda_item(ws: Workspace, *, item_id: AgendaItemId, **values: Any) -> Change:
    allowed = {"title", "planned_minutes", "prompts", "team_only"}
    unknown = set(values) - allowed
    if unknown:
        raise InvalidInput(f"cannot change {', '.join(sorted(unknown))} of an agenda item")
    item = _agenda_item(ws, item_id)
    cleaned: dict[str, Any] = dict(values)
    if "title" in cleaned:
        cleaned["title"] = required_text(cleaned["title"], "An agenda item's title")
    if "planned_minutes" in cleaned:
        cleaned["planned_minutes"] = _minutes(cleaned["planned_minutes"])
    if "prompts" in cleaned:
        cleaned["prompts"] = clean_text(cleaned["prompts"])
    if "team_only" in cleaned:
        cleaned["team_only"] = int(bool(cleaned["team_only"]))
    with ws.operation(
        "agenda.update", meeting_id=item["meeting_id"], summary={"id": item_id}
    ) as op:
        op.update("agenda_items", item_id, cleaned)
    return op.change


def move_agenda_item(ws: Workspace, *, item_id: AgendaItemId, position: int) -> Change:
    """Move an item to `position` (0-based) in its meeting's agenda."""
    item = _agenda_item(ws, item_id)
    with ws.operation(
        "agenda.move", meeting_id=item["meeting_id"], summary={"id": item_id, "to": position}
    ) as op:
        _reorder(op, ws, item["meeting_id"], item_id, position)
    return op.change


def remove_agenda_item(ws: Workspace, *, item_id: AgendaItemId) -> Change:
    item = _agenda_item(ws, item_id)
    if item["started_at"] is not None:
        raise InvalidInput(f"'{item['title']}' has already been discussed and stays on the record")
    with ws.operation(
        "agenda.remove", meeting_id=item["meeting_id"], summary={"id": item_id}
    ) as op:
        for table in ("concerns", "notes"):
            for ref in ws.rows(f"SELECT id FROM {table} WHERE agenda_item_id = ?", (item_id,)):
                op.update(table, ref["id"], {"agenda_item_id": None})
        op.delete("agenda_items", item_id)
        _renumber(op, ws, item["meeting_id"])
    return op.change


# -- helpers --------------------------------------------------------------------------------------


def _insert_participant(op: Operation, meeting_id: MeetingId, person: NewParticipant) -> int:
    role = Role(person.role)
    taken = {
        r[0]
        for r in op.conn.execute(
            "SELECT hotkey FROM participants WHERE meeting_id = ?", (meeting_id,)
        )
    }
    hotkey = person.hotkey.lower()[:1]
    if not hotkey or hotkey in taken:
        hotkey = next((k for k in HOTKEYS if k not in taken), "")
    position = op.conn.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM participants WHERE meeting_id = ?",
        (meeting_id,),
    ).fetchone()[0]
    return op.insert(
        "participants",
        {
            "meeting_id": meeting_id,
            "position": position,
            "name": required_text(person.name, "A participant's name"),
            "role": role.value,
            "side": (person.side or role.usual_side).value,
            "attendance": Attendance.PRESENT.value,
            "hotkey": hotkey,
            "language": clean_text(person.language).strip(),
        },
    )


def _insert_agenda_item(op: Operation, meeting_id: MeetingId, item: NewAgendaItem) -> int:
    position = op.conn.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM agenda_items WHERE meeting_id = ?",
        (meeting_id,),
    ).fetchone()[0]
    return op.insert(
        "agenda_items",
        {
            "meeting_id": meeting_id,
            "position": position,
            "title": required_text(item.title, "An agenda item's title"),
            "planned_minutes": _minutes(item.planned_minutes),
            "prompts": clean_text(item.prompts),
            "team_only": int(bool(item.team_only)),
        },
    )


def _minutes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidInput(
            f"a time box must be a whole number of minutes above zero, not {value!r}"
        )
    return value


def _reorder(
    op: Operation, ws: Workspace, meeting_id: int, item_id: AgendaItemId, position: int
) -> None:
    ids = [r["id"] for r in ws.rows(
        "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,)
    )]  # fmt: skip
    ids.remove(item_id)
    ids.insert(max(0, min(position, len(ids))), item_id)
    for index, each in enumerate(ids):
        op.update("agenda_items", each, {"position": index})


def _renumber(op: Operation, ws: Workspace, meeting_id: int) -> None:
    rows = ws.rows(
        "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,)
    )
    for index, each in enumerate(rows):
        op.update("agenda_items", each["id"], {"position": index})


def _free_hotkey(ws: Workspace, meeting_id: int, hotkey: str, participant_id: int) -> str:
    hotkey = hotkey.lower()[:1]
    if hotkey not in HOTKEYS:
        raise InvalidInput(f"'{hotkey}' cannot be a speaker key; use a digit or a letter")
    holder = ws.row(
        "SELECT name FROM participants WHERE meeting_id = ? AND hotkey = ? AND id != ?",
        (meeting_id, hotkey, participant_id),
    )
    if holder:
        raise InvalidInput(f"key {hotkey} already belongs to {holder['name']}")
    return hotkey


def _participant(ws: Workspace, participant_id: int) -> Mapping[str, Any]:
    person = ws.row("SELECT * FROM participants WHERE id = ?", (participant_id,))
    if person is None:
        raise NotFound(f"participant {participant_id} does not exist")
    return person


def _agenda_item(ws: Workspace, item_id: int) -> Mapping[str, Any]:
    item = ws.row("SELECT * FROM agenda_items WHERE id = ?", (item_id,))
    if item is None:
        raise NotFound(f"agenda item {item_id} does not exist")
    return item
