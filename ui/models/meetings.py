"""Every case and meeting in the workspace, for opening one."""

from __future__ import annotations

from facilitator.model import MeetingKind, MeetingStatus
from facilitator.store import Row
from ui.marks import local_time
from ui.models.rows import Column, RowsModel


def _when(row: Row) -> str:
    stamp = row["started_at"] or row["scheduled_start"] or row["created_at"]
    if not stamp:
        return ""
    return f"{stamp[:10]} {local_time(stamp, seconds=False)}"


CASE, MEETING, KIND, WHEN, STATUS = range(5)  # the columns below


class MeetingsListModel(RowsModel):
    """Meetings newest first, with their case; read whether or not a meeting is open.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    columns = (
        Column("Case", lambda r: r["case_label"]),
        Column("Meeting", lambda r: r["title"]),
        Column("Kind", lambda r: MeetingKind(r["kind"]).label),
        Column("When", _when),
        Column("Status", lambda r: MeetingStatus(r["status"]).label),
    )

    def reload(self) -> None:
        self._show(self.fetch())

    def fetch(self) -> list[Row]:
        return self.session.ws.rows(
            "SELECT m.id, m.title, m.kind, m.status, m.scheduled_start, m.started_at,"
            " m.created_at, c.label AS case_label FROM meetings m JOIN cases c ON c.id = m.case_id"
            " ORDER BY coalesce(m.started_at, m.scheduled_start, m.created_at) DESC, m.id DESC"
        )
