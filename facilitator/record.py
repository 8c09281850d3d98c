"""A whole meeting read at once: what exports (JSON, minutes) and summaries work from."""

from __future__ import annotations

from typing import Any

from facilitator.errors import NotFound
from facilitator.model import MeetingId
from facilitator.store import Row, Workspace

# The tables that belong to one meeting, in an order where every row's links come first.
MEETING_TABLES = (
    "participants",
    "agenda_items",
    "agenda_visits",
    "speaking_turns",
    "concerns",
    "non_negotiables",
    "solutions",
    "solution_concerns",
    "agreements",
    "action_items",
    "notes",
    "raised_hands",
    "interruptions",
)

_ORDER = {
    "participants": "position, id",
    "agenda_items": "position, id",
    "agenda_visits": "started_at, id",
    "speaking_turns": "started_at, id",
    "concerns": "position, id",
    "raised_hands": "raised_at, id",
    "interruptions": "stopped_at, id",
}


class MeetingRecord:
    """Every row of one meeting, as stored (ids are the workspace's)."""

    __slots__ = ("case", "meeting", "tables")

    def __init__(self, case: Row, meeting: Row, tables: dict[str, list[Row]] | None = None):
        self.case = case
        self.meeting = meeting
        self.tables: dict[str, list[Row]] = {} if tables is None else tables

    def __getitem__(self, table: str) -> list[Row]:
        return self.tables[table]

    def participant_name(self, participant_id: int | None) -> str:
        for person in self.tables["participants"]:
            if person["id"] == participant_id:
                return str(person["name"])
        return ""

    def concerns_of(self, solution_id: int) -> list[Row]:
        linked = {
            link["concern_id"]
            for link in self.tables["solution_concerns"]
            if link["solution_id"] == solution_id
        }
        return [c for c in self.tables["concerns"] if c["id"] in linked]

    def shared_only(self) -> MeetingRecord:
        """The same record without any team-only row (and links to them): what parents may see."""
        tables: dict[str, list[Row]] = {
            name: [r for r in rows if not r.get("team_only")] for name, rows in self.tables.items()
        }
        # Time spent on a team-only agenda item is itself team-only.
        shared_items = {i["id"] for i in tables["agenda_items"]}
        for name in ("agenda_visits", "speaking_turns"):
            tables[name] = [
                r
                for r in tables[name]
                if r["agenda_item_id"] in shared_items or not r["agenda_item_id"]
            ]
        for name in ("concerns", "notes"):
            tables[name] = [
                {
                    **r,
                    "agenda_item_id": r["agenda_item_id"]
                    if r["agenda_item_id"] in shared_items
                    else None,
                }
                for r in tables[name]
            ]
        concern_ids = {c["id"] for c in tables["concerns"]}
        solution_ids = {s["id"] for s in tables["solutions"]}
        tables["solution_concerns"] = [
            link
            for link in tables["solution_concerns"]
            if link["concern_id"] in concern_ids and link["solution_id"] in solution_ids
        ]
        tables["agreements"] = [
            {**a, "solution_id": a["solution_id"] if a["solution_id"] in solution_ids else None}
            for a in tables["agreements"]
        ]
        return MeetingRecord(self.case, self.meeting, tables)


def load_meeting(ws: Workspace, meeting_id: MeetingId | int) -> MeetingRecord:
    meeting = ws.row("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
    if meeting is None:
        raise NotFound(f"meeting {meeting_id} does not exist")
    case = ws.row("SELECT * FROM cases WHERE id = ?", (meeting["case_id"],)) or {}
    tables: dict[str, list[Row]] = {}
    for table in MEETING_TABLES:
        if table == "solution_concerns":
            tables[table] = ws.rows(
                "SELECT sc.* FROM solution_concerns sc JOIN solutions s ON s.id = sc.solution_id"
                " WHERE s.meeting_id = ? ORDER BY sc.solution_id, sc.concern_id",
                (meeting_id,),
            )
        else:
            tables[table] = ws.rows(
                f"SELECT * FROM {table} WHERE meeting_id = ? ORDER BY {_ORDER.get(table, 'id')}",
                (meeting_id,),
            )
    return MeetingRecord(case, meeting, tables)


def last_meeting_id(ws: Workspace) -> MeetingId | None:
    """The meeting last worked on: the one named by the newest audit event that names one."""
    found: Any = ws.scalar(
        "SELECT e.meeting_id FROM events e JOIN meetings m ON m.id = e.meeting_id"
        " ORDER BY e.id DESC LIMIT 1"
    )
    return MeetingId(found) if found is not None else None
