"""One column of the concerns board: the cards with one status, in their order."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QObject, Qt

from facilitator import board
from facilitator.board import ItemKind
from facilitator.model import ConcernId, ConcernStatus
from facilitator.store import Row
from ui.marks import with_team_only
from ui.models.board_items import BoardItemsModel
from ui.models.rows import Column, Index
from ui.session import Session

CONCERN_MIME = "application/x-facilitator-concern"
BOARD_ORDER = (
    ConcernStatus.RAISED,
    ConcernStatus.DISCUSSING,
    ConcernStatus.ADDRESSED,
    ConcernStatus.PARKED,
)


def card_text(row: Row) -> str:
    who = f"\n— {row['raised_by_name']}" if row.get("raised_by_name") else ""
    return with_team_only(f"C{row['number']}  {row['text']}", row.get("team_only")) + who


class ConcernColumnModel(BoardItemsModel):
    """The concerns in one column of the board. Cards are dragged by id between columns.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    kind = ItemKind.CONCERN
    columns = (Column("Concern", card_text, edits="text"),)

    def __init__(self, session: Session, status: ConcernStatus, parent: QObject | None = None):
        super().__init__(session, parent)
        self.status = status

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT * FROM (SELECT c.*, p.name AS raised_by_name,"
            " row_number() OVER (ORDER BY c.id) AS number FROM concerns c"
            " LEFT JOIN participants p ON p.id = c.raised_by WHERE c.meeting_id = ?)"
            " WHERE status = ? ORDER BY position, id",
            (self.session.meeting_id, self.status.value),
        )

    def move(self, concern_id: int, status: ConcernStatus, position: int) -> bool:
        change = self.session.run(
            f"Move concern to {status.label.lower()}",
            lambda: board.move_concern(
                self.session.ws, concern_id=ConcernId(concern_id), status=status, position=position
            ),
        )
        return change is not None

    # -- drag and drop -----------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CONCERN_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        ids = [self.id_at(i.row()) for i in indexes if i.isValid()]
        payload = ",".join(str(i) for i in ids if i is not None)
        data.setData(CONCERN_MIME, QByteArray(payload.encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(CONCERN_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(CONCERN_MIME) or action == Qt.DropAction.IgnoreAction:
            return False
        if parent.isValid():  # dropped onto a card: take its place
            row = parent.row()
        if row < 0:
            row = self.rowCount()
        ids = [int(i) for i in bytes(data.data(CONCERN_MIME).data()).decode().split(",") if i]
        moved = False
        for offset, concern_id in enumerate(ids):
            moved = self.move(concern_id, self.status, row + offset) or moved
        return moved

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # A drag's source never removes its card: the move already put it where it belongs.
        return False
