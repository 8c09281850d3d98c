"""Models for preparing a meeting: the roster, the agenda with its time boxes, and the items
loaded before the meeting (concerns, non-negotiables, options). Every edit is one undoable
operation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from facilitator import board, meetings
from facilitator.board import ItemKind
from facilitator.clock import parse_timestamp
from facilitator.errors import InvalidInput
from facilitator.model import (
    AgendaItemId,
    Attendance,
    ConcernId,
    ConcernStatus,
    HeldBy,
    ParticipantId,
    Role,
    Side,
    SolutionId,
)
from facilitator.store import Change, Row, Workspace
from ui.models.board_items import BoardItemsModel, SolutionsModel
from ui.models.concerns import typed_concerns
from ui.models.drag import MoveByDrag
from ui.models.rows import Column, Index, ItemRole, RowsModel, text_column
from ui.session import Session

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
        # A name or role longer than its column ends in "…": the tooltip has it whole.
        Column("Name", lambda r: r["name"], edits="name", tip=lambda r: r["name"]),
        Column(
            "Role",
            lambda r: _label(Role, r["role"]),
            edits="role",
            tip=lambda r: _label(Role, r["role"]),
        ),
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
    """The concerns already on the board before the meeting (say from the parents' letter): their
    numbers (C1 the first raised, as the board shows them), who raised each (edited in place, a
    name or nobody) and their status.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    kind = ItemKind.CONCERN
    NUMBER, TEXT, RAISED_BY, STATUS = range(4)
    columns = (
        Column("#", lambda r: f"C{r['number']}"),
        text_column("Concern"),
        Column("Raised by", lambda r: r["raised_by_name"] or "", edits="raised_by"),
        Column("Status", lambda r: ConcernStatus(r["status"]).label),
    )

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT c.*, p.name AS raised_by_name,"
            " row_number() OVER (ORDER BY c.id) AS number FROM concerns c"
            " LEFT JOIN participants p ON p.id = c.raised_by"
            " WHERE c.meeting_id = ? ORDER BY c.position, c.id",
            (self.session.meeting_id,),
        )

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> Any:
        # The padlock goes with the concern's words, not with its number.
        if role == ItemRole.DecorationRole:
            row = self.row_at(index.row()) if index.isValid() else None
            if row is not None and index.column() == self.TEXT and row.get("team_only"):
                return super().data(self.index(index.row(), 0), role)
            return None
        return super().data(index, role)

    def edit(self, row: Row, field: str, value: Any) -> bool:
        if field == "raised_by":  # a participant's id, or nobody ("0" from an editor)
            value = ParticipantId(int(value)) if str(value) not in ("", "0", "None") else None
        return super().edit(row, field, value)


_NUMBER, _OPTION, _FOR, _STATUS, _REASON = SolutionsModel.columns


class PreparedOptionsModel(SolutionsModel):
    """The options to bring, as in the meeting (`SolutionsModel`), and the concerns each
    addresses edited in place: "C1 C3" in the For column.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    FOR = 2
    columns = (_NUMBER, _OPTION, _FOR._replace(edits="addresses"), _STATUS, _REASON)

    def edit(self, row: Row, field: str, value: Any) -> bool:
        if field != "addresses":
            return super().edit(row, field, value)
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        try:
            wanted = typed_concerns(ws, meeting_id, str(value))
        except InvalidInput as error:
            self.session.report(error)
            return False
        return link_concerns(self.session, SolutionId(row["id"]), row["concern_ids"], wanted)


def link_concerns(
    session: Session, option_id: SolutionId, linked: Sequence[int], wanted: Sequence[ConcernId]
) -> bool:
    """Link the option to the `wanted` concerns and unlink it from the others it was `linked`
    to: one step for Ctrl+Z. False if nothing changed."""
    changes = [(c, True) for c in wanted if c not in linked]
    changes += [(ConcernId(c), False) for c in linked if c not in wanted]
    if not changes:
        return False
    with session.macro("Change the concerns an option addresses"):
        for concern_id, link in changes:
            session.run(
                "Link option to concern" if link else "Unlink option from concern",
                _linking(session.ws, option_id, concern_id, linked=link),
            )
    return True


def _linking(
    ws: Workspace, option_id: SolutionId, concern_id: ConcernId, *, linked: bool
) -> Callable[[], Change | None]:
    return lambda: board.link_solution(
        ws, solution_id=option_id, concern_id=concern_id, linked=linked
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
