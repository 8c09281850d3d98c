"""Action items across every meeting: who owes what, by when, for which case; overdue ones say
so in words and colour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from facilitator import board
from facilitator.actions import ActionLine, list_actions
from facilitator.model import ActionStatus
from facilitator.store import Change
from ui.marks import (
    MUTED,
    NO_DATE,
    NOT_ASSIGNED,
    OVERRUN,
    TEAM_ONLY_TIP,
    bold,
    team_only_icon,
    unsettled,
    with_team_only,
)
from ui.models.rows import Index, ItemRole, column_title
from ui.session import Session

SORT_ROLE = int(ItemRole.UserRole.value) + 1  # what the columns sort by (dates as ISO text)
OVERDUE = "Overdue"


@dataclass(frozen=True)
class Column:
    title: str
    display: Callable[[ActionLine, bool], str]  # (line, overdue) -> text
    sort: Callable[[ActionLine, bool], str]


def _due(line: ActionLine, overdue: bool) -> str:
    if line.due_date is None:
        return NO_DATE
    return f"{line.due_date} ({OVERDUE.lower()})" if overdue else line.due_date


def _status(line: ActionLine, overdue: bool) -> str:
    return OVERDUE if overdue else line.status.label


def _meeting(line: ActionLine, overdue: bool) -> str:
    held = f" ({line.meeting_date[:10]})" if line.meeting_date else ""
    return f"{line.meeting_title}{held}"


COLUMNS = (
    Column("Case", lambda a, _o: a.case_label, lambda a, _o: a.case_label.casefold()),
    Column(
        "What", lambda a, _o: with_team_only(a.text, a.team_only), lambda a, _o: a.text.casefold()
    ),
    Column("Who", lambda a, _o: a.owner or NOT_ASSIGNED, lambda a, _o: a.owner.casefold()),
    Column("Due", _due, lambda a, _o: a.due_date or "9999-99-99"),  # undated last
    Column("Status", _status, lambda a, o: "0" if o else f"1{a.status.value}"),
    Column("Meeting", _meeting, lambda a, _o: a.meeting_date or ""),
)
TITLES = tuple(column.title for column in COLUMNS)
CASE, WHAT, WHO, DUE, STATUS, MEETING = range(6)


class ActionsAcrossModel(QAbstractTableModel):
    """Every action item of every meeting (open ones only unless `show_done`), by due date.

    Overdue items say "Overdue" in words and are dark red and bold; team-only items say
    "[Team only]" and carry the padlock; done items are grey and say "Done".

    Emits only the item-model signals (dataChanged, modelReset).
    """

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.show_done = False
        self._lines: list[ActionLine] = []
        self._overdue: list[bool] = []

    # -- reading the store -----------------------------------------------------------------------

    def today(self) -> dt.date:
        return self.session.ws.clock.now().astimezone().date()

    def reload(self) -> None:
        lines = list_actions(self.session.ws, open_only=not self.show_done)
        today = self.today()
        overdue = [line.is_overdue(today) for line in lines]
        if [a.id for a in lines] == [a.id for a in self._lines]:
            changed = [
                n
                for n, (old, new) in enumerate(zip(self._lines, lines, strict=True))
                if old != new or overdue[n] != self._overdue[n]
            ]
            self._lines, self._overdue = lines, overdue
            if changed:
                last = len(COLUMNS) - 1
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last))
            return
        self.beginResetModel()
        self._lines, self._overdue = lines, overdue
        self.endResetModel()

    def on_change(self, change: Change) -> None:
        if change.tables & {"action_items", "meetings", "cases"}:
            self.reload()

    def line_at(self, row: int) -> ActionLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, action_id: int) -> int:
        return next((n for n, a in enumerate(self._lines) if a.id == action_id), -1)

    def is_overdue(self, row: int) -> bool:
        return 0 <= row < len(self._overdue) and self._overdue[row]

    # -- changing the store ----------------------------------------------------------------------

    def toggle_done(self, row: int) -> Change | None:
        """Mark the item done (or open again, if it was done), as one step for Ctrl+Z."""
        line = self.line_at(row)
        if line is None:
            return None
        status = ActionStatus.OPEN if line.status is ActionStatus.DONE else ActionStatus.DONE
        return self.session.run(
            f"Mark “{line.text}” {status.label.lower()}",
            lambda: board.set_action_status(self.session.ws, action_id=line.id, status=status),
            any_meeting=True,
        )

    # -- QAbstractItemModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> Any:
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        overdue, column = self._overdue[index.row()], index.column()
        if role in (ItemRole.DisplayRole, ItemRole.AccessibleTextRole):
            return COLUMNS[column].display(line, overdue)
        if role == SORT_ROLE:
            return COLUMNS[column].sort(line, overdue)
        if role == ItemRole.DecorationRole and column == WHAT and line.team_only:
            return team_only_icon()
        if role == ItemRole.ToolTipRole and column == WHAT and line.team_only:
            return TEAM_ONLY_TIP
        if role == ItemRole.ForegroundRole:
            if overdue and column in (DUE, STATUS):
                return OVERRUN
            if line.status is ActionStatus.DONE:
                return MUTED
        if role == ItemRole.FontRole and overdue and column in (DUE, STATUS):
            return bold()
        if role == ItemRole.FontRole and column in (WHO, DUE):  # "Not assigned", "No date"
            return unsettled(line.owner, line.due_date, who=column == WHO)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ItemRole.DisplayRole
    ) -> Any:
        return column_title(TITLES, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
