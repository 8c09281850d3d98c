"""Models of what the group writes down: non-negotiables, options, agreements, actions, notes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont

from facilitator import board
from facilitator.board import ItemKind
from facilitator.model import ActionItemId, ActionStatus, HeldBy, SolutionStatus
from facilitator.store import Row
from ui.marks import MUTED, NO_DATE, NOT_ASSIGNED, OVERRUN, bold, unsettled
from ui.models.rows import Column, Index, ItemRole, RowsModel, text_column
from ui.session import Session


class BoardItemsModel(RowsModel):
    """Items of one kind in the open meeting; text and the like are edited in place.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    kind: ItemKind
    align_top = True

    def edit(self, row: Row, field: str, value: Any) -> bool:
        if row.get(field) == value:
            return False
        item_id = int(row["id"])
        change = self.session.run(
            f"Edit {self.kind.noun}",
            lambda: board.edit_item(
                self.session.ws, kind=self.kind, item_id=item_id, **{field: value}
            ),
        )
        return change is not None

    def toggle_team_only(self, row: int) -> None:
        found = self.row_at(row)
        if found is not None:
            self.edit(found, "team_only", not found["team_only"])

    def remove(self, row: int) -> None:
        item_id = self.id_at(row)
        if item_id is None:
            return
        self.session.run(
            f"Remove {self.kind.noun}",
            lambda: board.remove_item(self.session.ws, kind=self.kind, item_id=item_id),
        )


class NonNegotiablesModel(BoardItemsModel):
    """What one side (school or family) holds as non-negotiable, and on what basis.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    kind = ItemKind.NON_NEGOTIABLE
    columns = (
        text_column("Non-negotiable"),
        Column("Basis", lambda r: r["basis"], edits="basis"),
    )

    def __init__(self, session: Session, held_by: HeldBy, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self.held_by = held_by

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT * FROM non_negotiables WHERE meeting_id = ? AND held_by = ? ORDER BY id",
            (self.session.meeting_id, self.held_by.value),
        )


class SolutionsModel(BoardItemsModel):
    """Candidate solutions (options), the concerns each addresses, and how each ended.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    kind = ItemKind.SOLUTION
    columns = (
        Column("#", lambda r: f"O{r['number']}"),
        text_column("Option"),
        Column("For", lambda r: r["addresses"], tip=lambda r: r["addresses_tip"]),
        Column("Status", lambda r: SolutionStatus(r["status"]).label),
        Column("Reason", lambda r: r["reason"], edits="reason"),
    )
    REASON = 4

    def fetch(self) -> list[Row]:
        meeting_id = self.session.meeting_id
        ws = self.session.ws
        concerns = ws.rows(
            "SELECT id, text FROM concerns WHERE meeting_id = ? ORDER BY id", (meeting_id,)
        )
        number = {c["id"]: n for n, c in enumerate(concerns, start=1)}
        text = {c["id"]: c["text"] for c in concerns}
        links: dict[int, list[int]] = {}
        for link in ws.rows(
            "SELECT sc.solution_id, sc.concern_id FROM solution_concerns sc"
            " JOIN solutions s ON s.id = sc.solution_id WHERE s.meeting_id = ?"
            " ORDER BY sc.concern_id",
            (meeting_id,),
        ):
            links.setdefault(link["solution_id"], []).append(link["concern_id"])
        rows = ws.rows(
            "SELECT s.*, p.name AS proposed_by_name FROM solutions s"
            " LEFT JOIN participants p ON p.id = s.proposed_by"
            " WHERE s.meeting_id = ? ORDER BY s.id",
            (meeting_id,),
        )
        for n, row in enumerate(rows, start=1):
            linked = links.get(row["id"], [])
            row["number"] = n
            row["concern_ids"] = linked
            row["addresses"] = ", ".join(f"C{number[c]}" for c in linked)
            row["addresses_tip"] = "\n".join(f"C{number[c]}: {text[c]}" for c in linked)
        return rows

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> Any:
        # The option's text column carries the team-only padlock, not the number column.
        if role == ItemRole.DecorationRole:
            row = self.row_at(index.row()) if index.isValid() else None
            if row is not None and index.column() == 1 and row.get("team_only"):
                return super().data(self.index(index.row(), 0), role)
            return None
        return super().data(index, role)

    def style(self, row: Row, column: int, role: int) -> QFont | QColor | None:
        if column == 3 and role == ItemRole.FontRole and row["status"] != "proposed":
            return bold()
        if column == 3 and role == ItemRole.ForegroundRole and row["status"] == "not_agreed":
            return OVERRUN
        return None


class AgreementsModel(BoardItemsModel):
    """The agreements. Emits only the item-model signals (dataChanged, modelReset)."""

    kind = ItemKind.AGREEMENT
    columns = (text_column("Agreement"),)

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT * FROM agreements WHERE meeting_id = ? ORDER BY id", (self.session.meeting_id,)
        )


class NotesModel(BoardItemsModel):
    """The notes. Emits only the item-model signals (dataChanged, modelReset)."""

    kind = ItemKind.NOTE
    columns = (text_column("Note"),)

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT * FROM notes WHERE meeting_id = ? ORDER BY id", (self.session.meeting_id,)
        )


class ActionsModel(BoardItemsModel):
    """Who does what by when; the Done column is a checkbox.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    kind = ItemKind.ACTION_ITEM
    DONE = 3
    columns = (
        text_column("What"),
        Column("Who", lambda r: r["owner"] or NOT_ASSIGNED, edits="owner"),
        Column("By", lambda r: r["due_date"] or NO_DATE, edits="due_date"),
        Column("Done", lambda r: ActionStatus(r["status"]).label),
    )

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT * FROM action_items WHERE meeting_id = ? ORDER BY id",
            (self.session.meeting_id,),
        )

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> Any:
        if role == ItemRole.CheckStateRole and index.isValid() and index.column() == self.DONE:
            row = self.row_at(index.row())
            if row is None:
                return None
            done = row["status"] == ActionStatus.DONE
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DONE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = ItemRole.EditRole) -> bool:
        if role == ItemRole.CheckStateRole and index.isValid() and index.column() == self.DONE:
            action_id = self.id_at(index.row())
            if action_id is None:
                return False
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            status = ActionStatus.DONE if checked else ActionStatus.OPEN
            change = self.session.run(
                f"Mark action item {status.label.lower()}",
                lambda: board.set_action_status(
                    self.session.ws, action_id=ActionItemId(action_id), status=status
                ),
            )
            return change is not None
        return super().setData(index, value, role)

    def style(self, row: Row, column: int, role: int) -> QFont | QColor | None:
        if role == ItemRole.ForegroundRole and row["status"] == ActionStatus.DONE:
            return MUTED
        if role == ItemRole.FontRole and column in (1, 2):  # "Not assigned", "No date"
            return unsettled(row["owner"], row["due_date"], who=column == 1)
        return None
