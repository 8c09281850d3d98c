"""What the group says and decides: concerns, non-negotiables, candidate solutions, agreements,
action items and notes.

Each function is one operation (one transaction, one audit event, an undoable `Change`). Every item
carries `team_only`: such an item never reaches a parent copy of the minutes nor the projector.
Team-only keeps an item out of the parent copy; it is not a promise of secrecy (parents may inspect
education records, FERPA 34 CFR 99.3, IDEA 300.613).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from facilitator.errors import InvalidInput, NotFound
from facilitator.model import (
    ActionItemId,
    ActionStatus,
    AgendaItemId,
    ConcernId,
    ConcernStatus,
    HeldBy,
    MeetingId,
    ParticipantId,
    SolutionId,
    SolutionStatus,
)
from facilitator.store import Change, Row, Workspace
from facilitator.text import clean_text, required_text, typed_date
from facilitator.timing import meeting_day


class ItemKind(StrEnum):
    """The kinds of item on the board, named by the table that holds them."""

    CONCERN = "concerns"
    NON_NEGOTIABLE = "non_negotiables"
    SOLUTION = "solutions"
    AGREEMENT = "agreements"
    ACTION_ITEM = "action_items"
    NOTE = "notes"

    @property
    def noun(self) -> str:
        return {
            "concerns": "concern",
            "non_negotiables": "non-negotiable",
            "solutions": "option",
            "agreements": "agreement",
            "action_items": "action item",
            "notes": "note",
        }[self.value]


# Columns a person may edit after the fact, per kind (status changes have their own operations).
_EDITABLE: dict[ItemKind, set[str]] = {
    ItemKind.CONCERN: {"text", "raised_by", "team_only", "agenda_item_id"},
    ItemKind.NON_NEGOTIABLE: {"text", "basis", "held_by", "team_only"},
    ItemKind.SOLUTION: {"text", "proposed_by", "team_only", "reason"},
    ItemKind.AGREEMENT: {"text", "team_only", "solution_id"},
    ItemKind.ACTION_ITEM: {"text", "owner", "owner_participant_id", "due_date", "team_only"},
    ItemKind.NOTE: {"text", "team_only", "agenda_item_id"},
}


def add_concern(
    ws: Workspace,
    *,
    meeting_id: MeetingId,
    text: str,
    raised_by: ParticipantId | None = None,
    team_only: bool = False,
    status: ConcernStatus = ConcernStatus.RAISED,
    agenda_item_id: AgendaItemId | None = None,
) -> Change:
    text = required_text(text, "A concern")
    with ws.operation("concern.add", meeting_id=meeting_id, summary={"text": text}) as op:
        position = ws.scalar(
            "SELECT coalesce(max(position) + 1, 0) FROM concerns WHERE meeting_id = ?",
            (meeting_id,),
        )
        op.insert(
            "concerns",
            {
                "meeting_id": meeting_id,
                "text": text,
                "raised_by": raised_by,
                "status": ConcernStatus(status).value,
                "team_only": int(team_only),
                "position": position,
                "agenda_item_id": agenda_item_id,
                "created_at": op.at,
            },
        )
    return op.change


def set_concern_status(ws: Workspace, *, concern_id: ConcernId, status: ConcernStatus) -> Change:
    concern = _item(ws, ItemKind.CONCERN, concern_id)
    with ws.operation(
        "concern.status",
        meeting_id=concern["meeting_id"],
        summary={"id": concern_id, "status": ConcernStatus(status).value},
    ) as op:
        op.update("concerns", concern_id, {"status": ConcernStatus(status).value})
    return op.change


def move_concern(
    ws: Workspace, *, concern_id: ConcernId, status: ConcernStatus, position: int
) -> Change:
    """Drop a concern card into a column at `position` (0-based among that column's cards)."""
    concern = _item(ws, ItemKind.CONCERN, concern_id)
    status = ConcernStatus(status)
    column = [
        r["id"]
        for r in ws.rows(
            "SELECT id FROM concerns WHERE meeting_id = ? AND status = ? AND id != ?"
            " ORDER BY position, id",
            (concern["meeting_id"], status.value, concern_id),
        )
    ]
    column.insert(max(0, min(position, len(column))), concern_id)
    with ws.operation(
        "concern.move",
        meeting_id=concern["meeting_id"],
        summary={"id": concern_id, "status": status.value, "position": position},
    ) as op:
        op.update("concerns", concern_id, {"status": status.value})
        for index, each in enumerate(column):
            op.update("concerns", each, {"position": index})
    return op.change


def add_non_negotiable(
    ws: Workspace,
    *,
    meeting_id: MeetingId,
    text: str,
    held_by: HeldBy,
    basis: str = "",
    team_only: bool = False,
) -> Change:
    text = required_text(text, "A non-negotiable")
    with ws.operation("non_negotiable.add", meeting_id=meeting_id, summary={"text": text}) as op:
        op.insert(
            "non_negotiables",
            {
                "meeting_id": meeting_id,
                "text": text,
                "basis": clean_text(basis).strip(),
                "held_by": HeldBy(held_by).value,
                "team_only": int(team_only),
                "created_at": op.at,
            },
        )
    return op.change


def add_solution(
    ws: Workspace,
    *,
    meeting_id: MeetingId,
    text: str,
    proposed_by: ParticipantId | None = None,
    addresses: Iterable[ConcernId] = (),
    team_only: bool = False,
) -> Change:
    """A candidate solution (an option), linked to the concerns it addresses."""
    text = required_text(text, "An option")
    with ws.operation("solution.add", meeting_id=meeting_id, summary={"text": text}) as op:
        solution_id = op.insert(
            "solutions",
            {
                "meeting_id": meeting_id,
                "text": text,
                "proposed_by": proposed_by,
                "status": SolutionStatus.PROPOSED.value,
                "team_only": int(team_only),
                "created_at": op.at,
            },
        )
        for concern_id in dict.fromkeys(addresses):
            _same_meeting(ws, ItemKind.CONCERN, concern_id, meeting_id)
            op.insert("solution_concerns", {"solution_id": solution_id, "concern_id": concern_id})
    return op.change


def link_solution(
    ws: Workspace, *, solution_id: SolutionId, concern_id: ConcernId, linked: bool = True
) -> Change | None:
    """Say that an option addresses a concern (or no longer does). None if already so."""
    solution = _item(ws, ItemKind.SOLUTION, solution_id)
    _same_meeting(ws, ItemKind.CONCERN, concern_id, solution["meeting_id"])
    key = {"solution_id": solution_id, "concern_id": concern_id}
    exists = ws.scalar(
        "SELECT 1 FROM solution_concerns WHERE solution_id = ? AND concern_id = ?",
        (solution_id, concern_id),
    )
    if bool(exists) == linked:
        return None
    with ws.operation(
        "solution.link" if linked else "solution.unlink",
        meeting_id=solution["meeting_id"],
        summary=key,
    ) as op:
        if linked:
            op.insert("solution_concerns", key)
        else:
            op.delete("solution_concerns", key)
    return op.change


def decide_solution(
    ws: Workspace, *, solution_id: SolutionId, status: SolutionStatus, reason: str = ""
) -> Change:
    """Record an option's outcome. An option not agreed needs its reason: the prior written
    notice must give "other options considered and the reasons why those options were rejected"
    (34 CFR 300.503(b)(6))."""
    solution = _item(ws, ItemKind.SOLUTION, solution_id)
    status = SolutionStatus(status)
    reason = clean_text(reason).strip()
    if status is SolutionStatus.NOT_AGREED and not reason:
        raise InvalidInput("say why the option was not agreed: the minutes must give the reason")
    with ws.operation(
        "solution.decide",
        meeting_id=solution["meeting_id"],
        summary={"id": solution_id, "status": status.value, "reason": reason},
    ) as op:
        decided = None if status is SolutionStatus.PROPOSED else op.at
        op.update(
            "solutions",
            solution_id,
            {"status": status.value, "reason": reason or solution["reason"], "decided_at": decided},
        )
    return op.change


def add_agreement(
    ws: Workspace,
    *,
    meeting_id: MeetingId,
    text: str,
    team_only: bool = False,
    solution_id: SolutionId | None = None,
) -> Change:
    text = required_text(text, "An agreement")
    with ws.operation("agreement.add", meeting_id=meeting_id, summary={"text": text}) as op:
        op.insert(
            "agreements",
            {
                "meeting_id": meeting_id,
                "text": text,
                "team_only": int(team_only),
                "solution_id": solution_id,
                "created_at": op.at,
            },
        )
    return op.change


def add_action_item(
    ws: Workspace,
    *,
    meeting_id: MeetingId,
    text: str,
    owner: str = "",
    owner_participant_id: ParticipantId | None = None,
    due_date: str | None = None,
    team_only: bool = False,
    tz: dt.tzinfo | None = None,
) -> Change:
    """Who does what by when. `owner` defaults to the named participant's name.

    `due_date` is typed as `YYYY-MM-DD` or `MM/DD/YYYY` and stored as `YYYY-MM-DD`; it may not
    fall before the meeting's day (`timing.meeting_day`, local in `tz`).
    """
    text = required_text(text, "An action item")
    due = _due_date(ws, meeting_id, due_date, tz)
    if owner_participant_id is not None and not owner:
        owner = ws.scalar("SELECT name FROM participants WHERE id = ?", (owner_participant_id,))
        if owner is None:
            raise NotFound(f"participant {owner_participant_id} does not exist")
    with ws.operation("action.add", meeting_id=meeting_id, summary={"text": text}) as op:
        op.insert(
            "action_items",
            {
                "meeting_id": meeting_id,
                "text": text,
                "owner": clean_text(owner).strip(),
                "owner_participant_id": owner_participant_id,
                "due_date": due,
                "status": ActionStatus.OPEN.value,
                "team_only": int(team_only),
                "created_at": op.at,
            },
        )
    return op.change


def set_action_status(ws: Workspace, *, action_id: ActionItemId, status: ActionStatus) -> Change:
    action = _item(ws, ItemKind.ACTION_ITEM, action_id)
    status = ActionStatus(status)
    with ws.operation(
        "action.status",
        meeting_id=action["meeting_id"],
        summary={"id": action_id, "status": status.value},
    ) as op:
        done_at = op.at if status is ActionStatus.DONE else None
        op.update("action_items", action_id, {"status": status.value, "done_at": done_at})
    return op.change


def add_note(
    ws: Workspace,
    *,
    meeting_id: MeetingId,
    text: str,
    team_only: bool = True,
    agenda_item_id: AgendaItemId | None = None,
) -> Change:
    """A facilitator's note: team-only unless said otherwise."""
    text = required_text(text, "A note")
    with ws.operation("note.add", meeting_id=meeting_id, summary={"text": text}) as op:
        op.insert(
            "notes",
            {
                "meeting_id": meeting_id,
                "agenda_item_id": agenda_item_id,
                "text": text,
                "team_only": int(team_only),
                "created_at": op.at,
            },
        )
    return op.change


def edit_item(
    ws: Workspace, *, kind: ItemKind, item_id: int, tz: dt.tzinfo | None = None, **values: Any
) -> Change | None:
    """Change what an item says (text, who, basis, due date, team-only ...). None if unchanged.

    A due date follows the rules of `add_action_item`, except that the date the item already has
    is always accepted (an item recorded before the rule existed stays editable).
    """
    unknown = set(values) - _EDITABLE[kind]
    if unknown:
        raise InvalidInput(f"cannot change {', '.join(sorted(unknown))} of a {kind.noun}")
    item = _item(ws, kind, item_id)
    cleaned: dict[str, Any] = {}
    for column, value in values.items():
        if column == "text":
            value = required_text(value, f"A {kind.noun}")
        elif column == "team_only":
            value = int(bool(value))
        elif column == "held_by":
            value = HeldBy(value).value
        elif column == "due_date":
            value = _due_date(ws, item["meeting_id"], value, tz, had=item["due_date"])
        elif isinstance(value, str):
            value = clean_text(value).strip()
        cleaned[column] = value
    if (
        kind is ItemKind.SOLUTION
        and item["status"] == SolutionStatus.NOT_AGREED
        and cleaned.get("reason", item["reason"]) == ""
    ):
        raise InvalidInput("an option that was not agreed keeps its reason")
    if all(item[c] == v for c, v in cleaned.items()):
        return None
    with ws.operation(
        f"{kind.noun.replace(' ', '_').replace('-', '_')}.edit",
        meeting_id=item["meeting_id"],
        summary={"id": item_id, **cleaned},
    ) as op:
        op.update(kind.value, item_id, cleaned)
    return op.change


def remove_item(ws: Workspace, *, kind: ItemKind, item_id: int) -> Change:
    """Take an item off the board (undoable; the audit log keeps that it was there)."""
    item = _item(ws, kind, item_id)
    with ws.operation(
        f"{kind.noun.replace(' ', '_').replace('-', '_')}.remove",
        meeting_id=item["meeting_id"],
        summary={"id": item_id},
    ) as op:
        if kind in (ItemKind.CONCERN, ItemKind.SOLUTION):
            column = "concern_id" if kind is ItemKind.CONCERN else "solution_id"
            for link in ws.rows(f"SELECT * FROM solution_concerns WHERE {column} = ?", (item_id,)):
                op.delete("solution_concerns", link)
        if kind is ItemKind.SOLUTION:
            for ref in ws.rows("SELECT id FROM agreements WHERE solution_id = ?", (item_id,)):
                op.update("agreements", ref["id"], {"solution_id": None})
        op.delete(kind.value, item_id)
    return op.change


def _item(ws: Workspace, kind: ItemKind, item_id: int) -> Row:
    item = ws.row(f"SELECT * FROM {kind.value} WHERE id = ?", (item_id,))
    if item is None:
        raise NotFound(f"{kind.noun} {item_id} does not exist")
    return item


def _same_meeting(ws: Workspace, kind: ItemKind, item_id: int, meeting_id: int) -> None:
    if _item(ws, kind, item_id)["meeting_id"] != meeting_id:
        raise InvalidInput(f"{kind.noun} {item_id} belongs to another meeting")


def _due_date(
    ws: Workspace,
    meeting_id: int,
    value: str | None,
    tz: dt.tzinfo | None,
    *,
    had: str | None = None,
) -> str | None:
    # A due date before the meeting is a typo (2025 for 2026) that would reach the family in the
    # minutes; the meeting's own day is fine ("by the end of today"). The date an item already
    # `had` stays acceptable, so items recorded before this rule can still be edited.
    day = typed_date(None if value is None else str(value))
    if day is None:
        return None
    held = meeting_day(ws, MeetingId(meeting_id), tz)
    if day < held and day.isoformat() != had:
        raise InvalidInput(f"due date {day.isoformat()} is before the meeting ({held.isoformat()})")
    return day.isoformat()
