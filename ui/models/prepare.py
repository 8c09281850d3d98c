"""Models for preparing a meeting: the roster, the agenda with its time boxes, and the items
loaded before the meeting (concerns, non-negotiables). Every edit is one undoable operation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from facilitator import meetings
from facilitator.board import ItemKind
from facilitator.clock import parse_timestamp
from facilitator.model import (
    AgendaItemId,
    Attendance,
    ConcernStatus,
    HeldBy,
    ParticipantId,
    Role,
    Side,
)
from facilitator.store import Row
from ui.models.board_items import BoardItemsModel
from ui.models.drag import MoveByDrag
from ui.models.rows import Column, RowsModel, text_column

AGENDA_MIME = "application/x-facilitator-agenda-item"


def _label(enum: type[Role] | type[Side] | type[Attendance] | type[HeldBy], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


class RosterModel(RowsModel):
    """Who comes: key, name, role, side, language and attendance, each edited in place.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    KEY, NAME, ROLE, SIDE, LANGUAGE, ATTENDANCE = range(6)
    columns = (
        Column("Key", lambda r: str(r["hotkey"]).upper(), edits="hotkey"),
        Column("Name", lambda r: r["name"], edits="name"),
        Column("Role", lambda r: _label(Role, r["role"]), edits="role"),
        Column("Side", lambda r: _label(Side, r["side"]), edits="side"),
        Column("Language", lambda r: r["language"], edits="language"),
        Column("Attendance", lambda r: _label(Attendance, r["attendance"]), edits="attendance"),
    )

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT id, name, role, side, hotkey, language, attendance FROM participants"
            " WHERE meeting_id = ? ORDER BY position, id",
            (self.session.meeting_id,),
        )

    def edit(self, row: Row, field: str, value: str) -> bool:
        if str(row[field]) == value:
            return False
        values: dict[str, Any] = {field: value}
        if field == "role":
            # A side that simply followed the old role follows the new one.
            try:
                if row["side"] == Role(row["role"]).usual_side:
                    values["side"] = Role(value).usual_side.value
            except ValueError:
                pass
        person = ParticipantId(int(row["id"]))
        change = self.session.run(
            f"Change {row['name']}'s {self.columns[self._column(field)].title.lower()}",
            lambda: meetings.update_participant(self.session.ws, participant_id=person, **values),
        )
        return change is not None

    def remove(self, row: int) -> None:
        found = self.row_at(row)
        if found is None:
            return
        person = ParticipantId(int(found["id"]))
        self.session.run(
            f"Remove {found['name']}",
            lambda: meetings.remove_participant(self.session.ws, participant_id=person),
        )

    def _column(self, field: str) -> int:
        return next(n for n, c in enumerate(self.columns) if c.edits == field)


class AgendaEditorModel(MoveByDrag, RowsModel):
    """The agenda being prepared: title and time box edited in place, items dragged or moved with
    Ctrl+Up/Down, and the clock time each item starts if the meeting keeps time.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    MIME = AGENDA_MIME

    NUMBER, TITLE, MINUTES, STARTS = range(4)
    columns = (
        Column("#", lambda r: str(r["number"]), align_right=True),
        text_column("Agenda item", "title"),
        Column(
            "Minutes",
            lambda r: str(r["planned_minutes"]),
            edits="planned_minutes",
            align_right=True,
        ),
        Column("Starts", lambda r: r["starts"], align_right=True),
    )

    def fetch(self) -> list[Row]:
        ws, meeting_id = self.session.ws, self.session.meeting_id
        start = ws.scalar("SELECT scheduled_start FROM meetings WHERE id = ?", (meeting_id,))
        rows = ws.rows(
            "SELECT id, title, planned_minutes, team_only, started_at FROM agenda_items"
            " WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,),
        )
        when = parse_timestamp(start).astimezone() if start else None
        for number, row in enumerate(rows, start=1):
            row["number"] = number
            row["starts"] = when.strftime("%H:%M") if when is not None else ""
            if when is not None:
                when += timedelta(minutes=row["planned_minutes"])
        return rows

    def edit(self, row: Row, field: str, value: str) -> bool:
        values: dict[str, Any] = {field: value}
        if field == "planned_minutes":
            try:
                values[field] = int(value)
            except ValueError:
                self.session.report(f"a time box is a whole number of minutes, not {value!r}")
                return False
        if row.get(field) == values[field]:
            return False
        item_id = AgendaItemId(int(row["id"]))
        what = "time box" if field == "planned_minutes" else field.replace("_", " ")
        change = self.session.run(
            f"Change the {what} of '{row['title']}'",
            lambda: meetings.update_agenda_item(self.session.ws, item_id=item_id, **values),
        )
        return change is not None

    def move(self, item_id: int, position: int) -> bool:
        """Put an item at `position` (0-based) of the agenda."""
        source = self.row_of(item_id)
        if source < 0 or position == source or not 0 <= position < self.rowCount():
            return False
        change = self.session.run(
            "Move agenda item",
            lambda: meetings.move_agenda_item(
                self.session.ws, item_id=AgendaItemId(item_id), position=position
            ),
        )
        return change is not None

    def remove(self, row: int) -> None:
        found = self.row_at(row)
        if found is None:
            return
        item_id = AgendaItemId(int(found["id"]))
        self.session.run(
            f"Remove '{found['title']}'",
            lambda: meetings.remove_agenda_item(self.session.ws, item_id=item_id),
        )

    def toggle_team_only(self, row: int) -> None:
        found = self.row_at(row)
        if found is None:
            return
        item_id = AgendaItemId(int(found["id"]))
        shared = bool(found["team_only"])
        self.session.run(
            "Mark agenda item shared" if shared else "Mark agenda item team only",
            lambda: meetings.update_agenda_item(
                self.session.ws, item_id=item_id, team_only=not shared
            ),
        )

    # -- drag and drop -----------------------------------------------------------------------------

    def dragged_ids(self, rows: list[int]) -> list[int]:
        item = self.id_at(rows[0]) if rows else None
        return [item] if item is not None else []

    def drop_ids(self, ids: list[int], row: int) -> bool:
        item_id = ids[0]
        source = self.row_of(item_id)
        # Dropped below itself: the rows after it move up by one once it is taken out.
        position = row - 1 if 0 <= source < row else row
        return self.move(item_id, min(position, self.rowCount() - 1))


class PreparedConcernsModel(BoardItemsModel):
    """The concerns already on the board before the meeting (say from the parents' letter).

    Emits only the item-model signals (dataChanged, modelReset).
    """

    kind = ItemKind.CONCERN
    columns = (
        text_column("Concern"),
        Column("Status", lambda r: ConcernStatus(r["status"]).label),
    )

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT * FROM concerns WHERE meeting_id = ? ORDER BY position, id",
            (self.session.meeting_id,),
        )


class PreparedNonNegotiablesModel(BoardItemsModel):
    """Both sides' non-negotiables in one table, with the basis of each.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    kind = ItemKind.NON_NEGOTIABLE
    columns = (
        text_column("Non-negotiable"),
        Column("Basis", lambda r: r["basis"], edits="basis"),
        Column("Held by", lambda r: _label(HeldBy, r["held_by"]), edits="held_by"),
    )

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT * FROM non_negotiables WHERE meeting_id = ? ORDER BY id",
            (self.session.meeting_id,),
        )
