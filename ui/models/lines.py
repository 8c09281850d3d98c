"""A read-only list of lines (headings and items), for views that only show, like the projector."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui.marks import CURRENT_BACKGROUND, OVERRUN, bold


class LineKind(Enum):
    HEADING = "heading"
    ITEM = "item"
    CURRENT = "current"
    WARNING = "warning"


@dataclass(frozen=True)
class Line:
    text: str
    kind: LineKind = LineKind.ITEM


class LinesModel(QAbstractListModel):
    """Lines to show; headings bold, the current line bold on a tint, warnings bold dark red.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[Line] = []

    def set_lines(self, lines: list[Line]) -> None:
        if lines == self._lines:
            return
        if len(lines) == len(self._lines):
            self._lines = lines
            if lines:
                self.dataChanged.emit(self.index(0), self.index(len(lines) - 1))
            return
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[Line]:
        return list(self._lines)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return line.text
        if role == Qt.ItemDataRole.FontRole and line.kind is not LineKind.ITEM:
            return bold()
        if role == Qt.ItemDataRole.ForegroundRole and line.kind is LineKind.WARNING:
            return OVERRUN
        if role == Qt.ItemDataRole.BackgroundRole and line.kind is LineKind.CURRENT:
            return CURRENT_BACKGROUND
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags
