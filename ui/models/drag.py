"""Drag to reorder: the drag-and-drop half of a list model whose rows move by a core operation.

A model mixes this in ahead of its base class, sets `MIME`, and says which ids a drag carries
(`dragged_ids`) and what dropping them at a row does (`drop_ids`, one undoable operation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

from ui.models.rows import Index

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel as _Model
else:
    _Model = object


class MoveByDrag(_Model):
    MIME: str

    def dragged_ids(self, rows: list[int]) -> list[int]:
        raise NotImplementedError

    def drop_ids(self, ids: list[int], row: int) -> bool:
        raise NotImplementedError

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        ids = self.dragged_ids(sorted({i.row() for i in indexes if i.isValid()}))
        data.setData(self.MIME, QByteArray(",".join(str(i) for i in ids).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(self.MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(self.MIME) or action == Qt.DropAction.IgnoreAction:
            return False
        parts = bytes(data.data(self.MIME).data()).decode().split(",")
        if not parts or not all(p.isdigit() for p in parts):
            return False
        if parent.isValid():  # dropped onto a row: take its place
            row = parent.row()
        if row < 0:
            row = self.rowCount()
        return self.drop_ids([int(p) for p in parts], row)

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return False  # a drag's source never removes its row: the move already put it in place
