"""The balance of voices: who has spoken, for how long, how often, and who has not been heard.

All durations are integer milliseconds computed from stored timestamps; an open turn counts up to
`now`. Interruptions (when the app was not recording) are never counted as speech.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable
from typing import NamedTuple

from facilitator.clock import timestamp_ms
from facilitator.model import MeetingId, ParticipantId, Side
from facilitator.store import Workspace


class PersonBalance(NamedTuple):
    participant_id: ParticipantId
    name: str
    role: str
    side: Side
    talk_ms: int
    turns: int
    share: float  # of all talk time in the meeting, 0..1
    last_spoke_ms: int | None  # when their last turn ended (now, if speaking)

    @property
    def has_spoken(self) -> bool:
        return self.turns > 0


class SideBalance(NamedTuple):
    side: Side
    talk_ms: int
    turns: int
    share: float
    people: int


class SpeakingBalance(NamedTuple):
    """Per person and per side, at one moment (`now_ms`)."""

    now_ms: int
    people: list[PersonBalance]
    sides: dict[Side, SideBalance]
    total_ms: int
    current_speaker: ParticipantId | None

    def not_heard_yet(self) -> list[PersonBalance]:
        return [p for p in self.people if not p.has_spoken]

    def quiet_for(self, minutes: float, *, since_ms: int) -> list[PersonBalance]:
        """People who have not spoken for longer than `minutes` (counting from `since_ms`,
        usually the meeting's start, for those who have not spoken at all)."""
        limit = int(minutes * 60_000)
        return [
            p
            for p in self.people
            if p.participant_id != self.current_speaker
            and self.now_ms - (p.last_spoke_ms if p.last_spoke_ms is not None else since_ms) > limit
        ]


def speaking_balance(
    ws: Workspace, meeting_id: MeetingId, *, agenda_item_id: int | None = None
) -> SpeakingBalance:
    """Talk time per person and per side; for one agenda item when `agenda_item_id` is given."""
    now_ms = timestamp_ms(ws.now())
    sql = "SELECT participant_id, started_at, ended_at FROM speaking_turns WHERE meeting_id = ?"
    params: tuple[int, ...] = (meeting_id,)
    if agenda_item_id is not None:
        sql += " AND agenda_item_id = ?"
        params += (agenda_item_id,)
    fold = _Fold()
    resumed = _resumed_at(ws, meeting_id)
    for participant_id, started_at, ended_at in ws.conn.execute(sql + _IN_ORDER, params):
        fold.add(participant_id, started_at, ended_at, now_ms=now_ms, resumed=resumed)
    return _balance(ws, meeting_id, fold, now_ms)


class TalkTimeTally:
    """The balance of voices, remembered between calls: a repaint reads only the newest turns.

    It folds the same turns in the same order as `speaking_balance`, so it gives the same answer
    to the millisecond (tests check this after any sequence of operations, undo included). Turns
    that have ended are folded once and kept; the turns after them (normally just the open one)
    are added at each call, the open one up to now. A write on this connection that touches a turn
    or an interruption at or before the last kept turn (an undo, a deletion, a resume) makes the
    next call start again from the first turn: temp triggers report every such row, including
    rows removed by a cascade. They live in this connection only; nothing is added to the file.
    A commit by another connection (`PRAGMA data_version`) starts it again too. Where the triggers
    cannot be made (a workspace opened read-only), every call counts from the first turn.
    """

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._kept: dict[int, _Kept] = {}
        self._earliest_touched: dict[int, str] = {}  # per meeting, since its last call
        self._data_version: int | None = None
        self._watching: bool | None = None  # None: the triggers are made on first use

    def balance(self, meeting_id: MeetingId) -> SpeakingBalance:
        """Talk time per person and per side in the whole meeting, as of the workspace's now."""
        if self._watching is None:
            self._watching = _watch(self.ws.conn, self._touched)
        now_ms = timestamp_ms(self.ws.now())
        kept = self._kept_for(meeting_id)
        # Inside a write transaction a turn may yet be rolled back, which no trigger reports.
        keep = self._watching and not self.ws.conn.in_transaction
        resumed = _resumed_at(self.ws, meeting_id)
        running: _Fold | None = None
        for turn_id, participant_id, started_at, ended_at in self._turns_after(meeting_id, kept):
            if running is None and ended_at is not None and keep:
                kept.fold.add(participant_id, started_at, ended_at, now_ms=now_ms, resumed=resumed)
                kept.last = (started_at, turn_id)
                continue
            if running is None:  # from the first open turn on, count up to now without keeping
                running = kept.fold.copy()
            running.add(participant_id, started_at, ended_at, now_ms=now_ms, resumed=resumed)
        return _balance(self.ws, meeting_id, running or kept.fold, now_ms)

    def _kept_for(self, meeting_id: int) -> _Kept:
        version = self.ws.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:  # another connection wrote: nothing kept can be trusted
            self._data_version = version
            self._kept.clear()
            self._earliest_touched.clear()
        kept = self._kept.get(meeting_id)
        touched = self._earliest_touched.pop(meeting_id, None)
        if kept is None or (
            touched is not None and kept.last is not None and touched <= kept.last[0]
        ):
            kept = self._kept[meeting_id] = _Kept()
        return kept

    def _turns_after(self, meeting_id: int, kept: _Kept) -> sqlite3.Cursor:
        columns = "SELECT id, participant_id, started_at, ended_at FROM speaking_turns"
        if kept.last is None:
            return self.ws.conn.execute(f"{columns} WHERE meeting_id = ?{_IN_ORDER}", (meeting_id,))
        started_at, turn_id = kept.last
        return self.ws.conn.execute(
            f"{columns} WHERE meeting_id = ? AND started_at >= ? AND (started_at > ? OR id > ?)"
            + _IN_ORDER,
            (meeting_id, started_at, started_at, turn_id),
        )

    def _touched(self, meeting_id: object, at: object) -> None:
        """A trigger saw a turn or interruption of `meeting_id` at `at` change. Never raises: an
        exception here would fail the write that fired it."""
        if not isinstance(meeting_id, int):
            return
        when = at if isinstance(at, str) else ""  # unknown: as early as can be
        earliest = self._earliest_touched.get(meeting_id)
        if earliest is None or when < earliest:
            self._earliest_touched[meeting_id] = when


_IN_ORDER = " ORDER BY started_at, id"
# Rows whose change can alter a kept fold: turns by when they started, interruptions by when the
# record resumed (a turn starting then continues the one before it).
_WATCHED = (
    ("speaking_turns", "started_at"),
    ("interruptions", "resumed_at"),
)


def _watch(conn: sqlite3.Connection, touched: Callable[[object, object], None]) -> bool:
    """Make temp triggers that call `touched(meeting_id, at)` for every row written to the watched
    tables; False if this connection cannot (read-only)."""
    owner = weakref.WeakMethod(touched)

    def report(meeting_id: object, at: object) -> None:
        method = owner()
        if method is not None:
            method(meeting_id, at)

    name = f"talk_time_touched_{id(owner):x}"
    try:
        conn.create_function(name, 2, report)
        for table, column in _WATCHED:
            for event, images in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")),
                                  ("DELETE", ("OLD",))):  # fmt: skip
                calls = " ".join(f"SELECT {name}({i}.meeting_id, {i}.{column});" for i in images)
                trigger = f"{name}_{table}_{event.lower()}"
                conn.execute(
                    f"CREATE TEMP TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON main.{table}"
                    f" BEGIN {calls} END"
                )
    except sqlite3.Error:
        return False
    return True


class _Fold:
    """Turns added one at a time in the record's order (started_at, id): what they add up to.

    A plain class rather than a dataclass: it is made once per call, and imported at start-up.
    """

    __slots__ = ("current", "last", "previous", "talk", "turns")

    def __init__(self) -> None:
        self.talk: dict[int, int] = {}
        self.turns: dict[int, int] = {}
        self.last: dict[int, int] = {}
        self.previous: tuple[int, str | None] = (0, None)  # the last turn: who, when it ended
        self.current: int | None = None

    def add(
        self,
        participant_id: int,
        started_at: str,
        ended_at: str | None,
        *,
        now_ms: int,
        resumed: set[str],
    ) -> None:
        start = timestamp_ms(started_at)
        end = timestamp_ms(ended_at) if ended_at else now_ms
        if ended_at is None:
            self.current = participant_id
        self.talk[participant_id] = self.talk.get(participant_id, 0) + max(0, end - start)
        # A turn split at an agenda change, or reopened after an interruption, is the same turn.
        continues = self.previous[0] == participant_id and (
            self.previous[1] == started_at or started_at in resumed
        )
        if not continues:
            self.turns[participant_id] = self.turns.get(participant_id, 0) + 1
        self.previous = (participant_id, ended_at)
        self.last[participant_id] = max(self.last.get(participant_id, end), end)

    def copy(self) -> _Fold:
        twin = _Fold()
        twin.talk, twin.turns, twin.last = dict(self.talk), dict(self.turns), dict(self.last)
        twin.previous, twin.current = self.previous, self.current
        return twin


class _Kept:
    """A meeting's ended turns, folded up to `last`: (started_at, id) of the last one."""

    __slots__ = ("fold", "last")

    def __init__(self) -> None:
        self.fold = _Fold()
        self.last: tuple[str, int] | None = None


def _balance(ws: Workspace, meeting_id: int, fold: _Fold, now_ms: int) -> SpeakingBalance:
    people = ws.rows(
        "SELECT id, name, role, side FROM participants WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    )
    total = sum(fold.talk.values())
    balances = [
        PersonBalance(
            participant_id=ParticipantId(p["id"]),
            name=p["name"],
            role=p["role"],
            side=Side(p["side"]),
            talk_ms=fold.talk.get(p["id"], 0),
            turns=fold.turns.get(p["id"], 0),
            share=fold.talk.get(p["id"], 0) / total if total else 0.0,
            last_spoke_ms=fold.last.get(p["id"]),
        )
        for p in people
    ]
    sides = {}
    for side in Side:
        members = [b for b in balances if b.side is side]
        side_ms = sum(b.talk_ms for b in members)
        sides[side] = SideBalance(
            side=side,
            talk_ms=side_ms,
            turns=sum(b.turns for b in members),
            share=side_ms / total if total else 0.0,
            people=len(members),
        )
    current = ParticipantId(fold.current) if fold.current is not None else None
    return SpeakingBalance(now_ms, balances, sides, total, current)


def _resumed_at(ws: Workspace, meeting_id: int) -> set[str]:
    return {
        r[0]
        for r in ws.conn.execute(
            "SELECT resumed_at FROM interruptions WHERE meeting_id = ?", (meeting_id,)
        )
    }


def format_duration(ms: int) -> str:
    """`m:ss` under an hour, `h:mm:ss` from an hour; negative durations keep their sign."""
    sign = "-" if ms < 0 else ""
    seconds = abs(ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
