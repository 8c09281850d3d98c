"""One column of the concerns board: the cards with one status, in their order."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject

from facilitator import board
from facilitator.board import ItemKind
from facilitator.errors import InvalidInput
from facilitator.model import ConcernId, ConcernStatus, MeetingId
from facilitator.store import Row, Workspace
from ui.marks import with_team_only
from ui.models.board_items import BoardItemsModel
from ui.models.drag import MoveByDrag
from ui.models.rows import Column
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


class ConcernColumnModel(MoveByDrag, BoardItemsModel):
    """The concerns in one column of the board. Cards are dragged by id between columns.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    MIME = CONCERN_MIME

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

    def dragged_ids(self, rows: list[int]) -> list[int]:
        return [i for i in (self.id_at(r) for r in rows) if i is not None]

    def drop_ids(self, ids: list[int], row: int) -> bool:
        moved = False
        for offset, concern_id in enumerate(ids):
            moved = self.move(concern_id, self.status, row + offset) or moved
        return moved


def typed_concerns(ws: Workspace, meeting_id: MeetingId, typed: str) -> list[ConcernId]:
    """The concerns typed as "C1 C3" (or "1, 3"), by the numbers the board and the lists show
    them with (C1 the first raised). InvalidInput names a number there is no concern for."""
    ids = [
        ConcernId(r["id"])
        for r in ws.rows("SELECT id FROM concerns WHERE meeting_id = ? ORDER BY id", (meeting_id,))
    ]
    found: list[ConcernId] = []
    for number in re.findall(r"[0-9]+", typed):
        n = int(number)
        if not 1 <= n <= len(ids):
            raise InvalidInput(f"there is no concern C{n}")
        found.append(ids[n - 1])
    return list(dict.fromkeys(found))
