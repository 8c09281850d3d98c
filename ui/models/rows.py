"""A table model over rows read from the store; edits in place become undoable operations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from facilitator.store import Row
from ui.marks import TEAM_ONLY_TIP, team_only_icon, with_team_only
from ui.session import Session

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole
_DISPLAY = int(ItemRole.DisplayRole.value)
_ACCESSIBLE = int(ItemRole.AccessibleTextRole.value)
_EDIT = int(ItemRole.EditRole.value)
_TOOLTIP = int(ItemRole.ToolTipRole.value)
_DECORATION = int(ItemRole.DecorationRole.value)
_ALIGNMENT = int(ItemRole.TextAlignmentRole.value)
_UNUSED = frozenset(
    int(r.value)
    for r in (
        ItemRole.SizeHintRole, ItemRole.StatusTipRole, ItemRole.WhatsThisRole,
        ItemRole.AccessibleDescriptionRole,
    )
)  # fmt: skip
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_TOP_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value)
_TOP_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop).value)


class Column(NamedTuple):
    """One column: its header, how a row reads in it, and the stored column edited in place."""

    title: str
    display: Callable[[Row], str]
    edits: str | None = None  # the store's column this cell edits (None: read-only)
    align_right: bool = False
    tip: Callable[[Row], str] | None = None


def text_column(title: str = "Text", field: str = "text") -> Column:
    """The item's own words; team-only items say so (and carry the padlock)."""
    return Column(title, lambda r: with_team_only(r[field], r.get("team_only")), edits=field)


def column_title(
    titles: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """A table's `headerData`: the column's title across the top, nothing else."""
    horizontal = orientation == Qt.Orientation.Horizontal
    if role == ItemRole.DisplayRole and horizontal and 0 <= section < len(titles):
        return titles[section]
    return None


class RowsModel(QAbstractTableModel):
    """Rows of one query, one per item; `reload()` reads them again from the store.

    A reload that keeps the same items in the same order only repaints, so selection, the current
    index and any open editor survive (the tracker reloads every second).

    Emits only the item-model signals (dataChanged, modelReset).
    """

    columns: tuple[Column, ...] = ()
    key = "id"
    # Rows of wrapped text that can be taller than their table: every cell starts at the top, so
    # a row's number and status stay beside the first line of its text, in sight.
    align_top = False

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._rows: list[Row] = []
        self._cells: list[list[str]] = []  # what each cell reads, worked out once per reload
        self._titles = tuple(column.title for column in self.columns)  # headers ask on each paint

    # -- reading the store -----------------------------------------------------------------------

    def fetch(self) -> list[Row]:
        """The rows to show, for the open meeting (never called without one)."""
        raise NotImplementedError

    def reload(self) -> None:
        rows = self.fetch() if self.session.meeting_id is not None else []
        self._show(rows)

    def _show(self, rows: list[Row]) -> None:
        cells = [[column.display(row) for column in self.columns] for row in rows]
        if [r[self.key] for r in rows] == [r[self.key] for r in self._rows]:
            changed = [
                n for n, (old, new) in enumerate(zip(self._rows, rows, strict=True)) if old != new
            ]
            self._rows, self._cells = rows, cells
            if changed:  # repaint only the rows that changed
                self.dataChanged.emit(
                    self.index(changed[0], 0), self.index(changed[-1], len(self.columns) - 1)
                )
            return
        self.beginResetModel()
        self._rows, self._cells = rows, cells
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def id_at(self, row: int) -> int | None:
        found = self.row_at(row)
        return None if found is None else int(found[self.key])

    def row_of(self, item_id: int | None) -> int:
        for number, row in enumerate(self._rows):
            if row[self.key] == item_id:
                return number
        return -1

    def rows(self) -> list[Row]:
        return list(self._rows)

    # -- edits -------------------------------------------------------------------------------------

    def edit(self, row: Row, field: str, value: str) -> bool:
        """Change one stored column of one item; True if the store took it."""
        return False

    # -- QAbstractItemModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell on every paint: plain int comparisons keep it cheap.
        number = index.row()
        if number < 0 or number >= len(self._rows) or role in _UNUSED:
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._cells[number][index.column()]
        row = self._rows[number]
        column = self.columns[index.column()]
        if role == _EDIT:  # the stored value (an empty one is "", never "None")
            if column.edits:
                stored = row[column.edits]
                return "" if stored is None else str(stored)
            return self._cells[number][index.column()]
        if role == _TOOLTIP:
            if column.tip is not None:
                return column.tip(row)
            if index.column() == 0 and row.get("team_only"):
                return TEAM_ONLY_TIP
            return None
        if role == _DECORATION:
            return team_only_icon() if index.column() == 0 and row.get("team_only") else None
        if role == _ALIGNMENT:
            if self.align_top:
                return _TOP_RIGHT if column.align_right else _TOP_LEFT
            return _RIGHT if column.align_right else None
        return self.style(row, index.column(), role)

    def style(self, row: Row, column: int, role: int) -> QFont | QColor | None:
        """Fonts and colours for a cell; every one of them repeats something said in words."""
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ItemRole.DisplayRole
    ) -> Any:
        return column_title(self._titles, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].edits:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = ItemRole.EditRole) -> bool:
        if not index.isValid() or role != ItemRole.EditRole:
            return False
        field = self.columns[index.column()].edits
        row = self.row_at(index.row())
        if field is None or row is None:
            return False
        return self.edit(row, field, str(value))
