"""The speaking-turn tracker's rows, and the raised-hand queue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QFont

from facilitator import live
from facilitator.clock import timestamp_ms
from facilitator.model import Attendance, MeetingStatus, ParticipantId, Role, Side
from facilitator.store import Row
from facilitator.talk_time import SpeakingBalance, TalkTimeTally, format_duration
from ui.marks import CURRENT, SPEAKER_BACKGROUND, SPEAKING, bold, ordinal
from ui.models.rows import Column, Index, ItemRole, RowsModel
from ui.session import Session


def _person(row: Row) -> str:
    name = f"{CURRENT} {row['name']}" if row["speaking"] else row["name"]
    if row["attendance"] not in (Attendance.PRESENT, Attendance.ARRIVED_LATE):
        name += f" ({Attendance(row['attendance']).label.lower()})"
    return str(name)


def _status(row: Row) -> str:
    """Whether they are heard before their place in the queue: a narrow column cuts the end of
    the text, and the queue has its own list under the table."""
    words = []
    if row["speaking"]:
        words.append(SPEAKING)
    if row["not_heard"]:
        words.append("not heard yet")
    elif row["quiet_min"] is not None:
        words.append(f"quiet {row['quiet_min']} min")
    if row["hand"]:
        words.append(f"hand up ({ordinal(row['hand'])})")
    return ", ".join(words)


class SpeakersModel(RowsModel):
    """Every participant: their key, talk time, turns, share, raised hand and whether heard.

    The last column's checkbox is the person's raised hand; its text says the rest in words.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    HAND = 6
    columns = (
        Column("Key", lambda r: str(r["hotkey"]).upper()),
        Column("Person", _person, tip=lambda r: f"{r['name']}, {Role(r['role']).label}"),
        Column("Side", lambda r: Side(r["side"]).label),
        Column("Time", lambda r: format_duration(r["talk_ms"]), align_right=True),
        Column("Turns", lambda r: str(r["turns"]), align_right=True),
        Column("Share", lambda r: f"{round(r['share'] * 100)}%", align_right=True),
        Column("Hand, status", _status, tip=_status),
    )

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self.quiet_minutes = 10
        self.tally = TalkTimeTally(session.ws)  # a key press reads the newest turns, not all
        self.balance: SpeakingBalance | None = None
        self.quiet_names: list[tuple[str, int]] = []

    def fetch(self) -> list[Row]:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        meeting = ws.row("SELECT status, started_at FROM meetings WHERE id = ?", (meeting_id,))
        status = meeting["status"] if meeting else MeetingStatus.PLANNED
        started = meeting["started_at"] if meeting else None
        if self.tally.ws is not ws:  # a restore reopened the workspace: count on the new one
            self.tally = TalkTimeTally(ws)
        balance = self.tally.balance(meeting_id)
        self.balance = balance
        hands = {pid: n for n, pid in enumerate(live.hand_queue(ws, meeting_id), start=1)}
        quiet: dict[int, int] = {}
        if status == MeetingStatus.LIVE and started:
            since = timestamp_ms(started)
            for person in balance.quiet_for(self.quiet_minutes, since_ms=since):
                last = person.last_spoke_ms if person.last_spoke_ms is not None else since
                quiet[person.participant_id] = (balance.now_ms - last) // 60_000
        people = {
            r["id"]: r
            for r in ws.rows(
                "SELECT id, hotkey, attendance FROM participants WHERE meeting_id = ?",
                (meeting_id,),
            )
        }
        rows = []
        for person in balance.people:
            stored = people[person.participant_id]
            heard_matters = status != MeetingStatus.PLANNED and stored["attendance"] in (
                Attendance.PRESENT, Attendance.ARRIVED_LATE,
            )  # fmt: skip
            rows.append(
                {
                    "id": person.participant_id,
                    "hotkey": stored["hotkey"],
                    "name": person.name,
                    "role": person.role,
                    "side": person.side.value,
                    "attendance": stored["attendance"],
                    "talk_ms": person.talk_ms,
                    "turns": person.turns,
                    "share": person.share,
                    "speaking": person.participant_id == balance.current_speaker,
                    "hand": hands.get(person.participant_id, 0),
                    "not_heard": heard_matters and not person.has_spoken,
                    "quiet_min": quiet.get(person.participant_id) if heard_matters else None,
                }
            )
        self.quiet_names = [
            (r["name"], r["quiet_min"]) for r in rows if r["quiet_min"] is not None and r["turns"]
        ]
        return rows

    def _show(self, rows: list[Row]) -> None:
        """As every rows model does, but a speaker key repaints only the cells it changed (the two
        speakers' rows, and everyone's share), not the whole tracker."""
        before = self.rows()
        if [r["id"] for r in rows] != [r["id"] for r in before]:
            super()._show(rows)  # other people: a reset
            return
        with QSignalBlocker(self):
            super()._show(rows)  # takes the rows; its one broad dataChanged is replaced below
        last = len(self.columns) - 1
        for number, (old, new) in enumerate(zip(before, rows, strict=True)):
            if old == new:
                continue
            if old["speaking"] != new["speaking"]:  # the whole row's font and colour change
                self.dataChanged.emit(self.index(number, 0), self.index(number, last))
                continue
            # Otherwise each cell shows its text only (the check box's hand is in the text too).
            changed = [n for n, c in enumerate(self.columns) if c.display(old) != c.display(new)]
            if changed:
                first, end = self.index(number, changed[0]), self.index(number, changed[-1])
                self.dataChanged.emit(first, end)

    def participant_at(self, row: int) -> ParticipantId | None:
        found = self.id_at(row)
        return None if found is None else ParticipantId(found)

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.HAND:
            row = self.row_at(index.row())
            if row is not None and role == ItemRole.CheckStateRole:
                return Qt.CheckState.Checked if row["hand"] else Qt.CheckState.Unchecked
            if row is not None and role == ItemRole.AccessibleTextRole:
                return ("hand up" if row["hand"] else "hand down") + (
                    f", {_status(row)}" if _status(row) else ""
                )
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.HAND:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = ItemRole.EditRole) -> bool:
        if role != ItemRole.CheckStateRole or not index.isValid() or index.column() != self.HAND:
            return False
        person = self.participant_at(index.row())
        if person is None:
            return False
        raise_it = Qt.CheckState(value) == Qt.CheckState.Checked
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        if raise_it:
            change = self.session.run(
                "Raise hand",
                lambda: live.raise_hand(ws, meeting_id=meeting_id, participant_id=person),
            )
        else:
            change = self.session.run(
                "Lower hand",
                lambda: live.lower_hand(ws, meeting_id=meeting_id, participant_id=person),
            )
        return change is not None

    def style(self, row: Row, column: int, role: int) -> QFont | QColor | None:
        if not row["speaking"]:
            return None
        if role == ItemRole.FontRole:
            return bold()
        if role == ItemRole.BackgroundRole:
            return SPEAKER_BACKGROUND
        if role == ItemRole.ForegroundRole:
            return QColor("#000000")
        return None


class HandsModel(RowsModel):
    """Who is waiting to speak, first raised first, and for how long.

    Emits only the item-model signals (dataChanged, modelReset).
    """

    key = "participant_id"
    columns = (Column("Waiting to speak", lambda r: r["label"]),)

    def fetch(self) -> list[Row]:
        ws, meeting_id = self.session.ws, self.session.require_meeting()
        now_ms = timestamp_ms(ws.now())
        rows = ws.rows(
            "SELECT h.participant_id, h.raised_at, p.name FROM raised_hands h"
            " JOIN participants p ON p.id = h.participant_id"
            " WHERE h.meeting_id = ? AND h.lowered_at IS NULL ORDER BY h.raised_at, h.id",
            (meeting_id,),
        )
        for n, row in enumerate(rows, start=1):
            waited = format_duration(max(0, now_ms - timestamp_ms(row["raised_at"])))
            row["label"] = f"{n}. {row['name']} (waiting {waited})"
        return rows
