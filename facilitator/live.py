"""Running a meeting: start and end, the agenda's current item, speaking turns and raised hands.

A meeting that is still `planned` starts itself on the first live action, because facilitators
forget to start timers. Times come from the workspace's clock; durations are always computed later
from the stored timestamps.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from facilitator.clock import timestamp_ms
from facilitator.errors import InvalidInput, NotFound, WorkspaceError
from facilitator.model import AgendaItemId, MeetingId, MeetingStatus, ParticipantId
from facilitator.store import Change, Operation, Row, Workspace
from facilitator.timing import planned_end_at_start


def start_meeting(ws: Workspace, *, meeting_id: MeetingId, tz: dt.tzinfo | None = None) -> Change:
    """Start the meeting and its first agenda item.

    A meeting started on another day than scheduled keeps its planned length rather than its
    planned end (see `timing.planned_end_at_start`; days are local in `tz`, default this
    computer's time zone). The moved end is part of this operation, so undo puts it back.
    """
    meeting = _meeting(ws, meeting_id)
    if meeting["status"] != MeetingStatus.PLANNED:
        raise InvalidInput(f"'{meeting['title']}' has already {_status_phrase(meeting['status'])}")
    with ws.operation("meeting.start", meeting_id=meeting_id) as op:
        _begin(op, meeting, tz)
        first = _item_at(op.conn, meeting_id, offset=0, current=None)
        if first is not None:
            _open_visit(op, meeting_id, first)
    return op.change


def end_meeting(ws: Workspace, *, meeting_id: MeetingId) -> Change:
    """End the meeting: closes the open turn, the current item and any raised hands."""
    meeting = _meeting(ws, meeting_id)
    if meeting["status"] != MeetingStatus.LIVE:
        raise InvalidInput(f"'{meeting['title']}' is not running")
    with ws.operation("meeting.end", meeting_id=meeting_id) as op:
        _close_turn(op, meeting_id)
        _close_visit(op, meeting_id)
        for hand in _open_hands(op, meeting_id):
            op.update("raised_hands", hand["id"], {"lowered_at": op.at})
        op.update("meetings", meeting_id, {"status": MeetingStatus.ENDED.value, "ended_at": op.at})
    return op.change


def next_item(ws: Workspace, *, meeting_id: MeetingId) -> Change | None:
    """Move on to the next agenda item; None when the current item is the last one."""
    return _step(ws, meeting_id, offset=1, kind="agenda.next")


def previous_item(ws: Workspace, *, meeting_id: MeetingId) -> Change | None:
    return _step(ws, meeting_id, offset=-1, kind="agenda.previous")


def jump_to_item(ws: Workspace, *, meeting_id: MeetingId, item_id: AgendaItemId) -> Change | None:
    meeting = _live_or_startable(ws, meeting_id)
    target = ws.row(
        "SELECT * FROM agenda_items WHERE id = ? AND meeting_id = ?", (item_id, meeting_id)
    )
    if target is None:
        raise NotFound(f"agenda item {item_id} is not on this meeting's agenda")
    if _current_visit(ws.conn, meeting_id, item_id=item_id):
        return None
    with ws.operation("agenda.jump", meeting_id=meeting_id, summary={"to": item_id}) as op:
        _move_to(op, meeting, target)
    return op.change


def switch_speaker(
    ws: Workspace, *, meeting_id: MeetingId, participant_id: ParticipantId
) -> Change | None:
    """Make someone the current speaker, closing the previous turn; None if they already are."""
    meeting = _live_or_startable(ws, meeting_id)
    person = ws.row(
        "SELECT id, name FROM participants WHERE id = ? AND meeting_id = ?",
        (participant_id, meeting_id),
    )
    if person is None:
        raise NotFound(f"participant {participant_id} is not in this meeting")
    open_turn = _open_turn(ws.conn, meeting_id)
    if open_turn is not None and open_turn["participant_id"] == participant_id:
        return None
    with ws.operation(
        "speaker.switch", meeting_id=meeting_id, summary={"participant_id": participant_id}
    ) as op:
        if meeting["status"] == MeetingStatus.PLANNED:
            _begin(op, meeting)
            first = _item_at(op.conn, meeting_id, offset=0, current=None)
            if first is not None:
                _open_visit(op, meeting_id, first)
        _close_turn(op, meeting_id)
        visit = _current_visit(op.conn, meeting_id)
        op.insert(
            "speaking_turns",
            {
                "meeting_id": meeting_id,
                "participant_id": participant_id,
                "agenda_item_id": visit["agenda_item_id"] if visit else None,
                "started_at": op.at,
            },
        )
        for hand in _open_hands(op, meeting_id, participant_id=participant_id):
            op.update("raised_hands", hand["id"], {"lowered_at": op.at})
    return op.change


def pause(ws: Workspace, *, meeting_id: MeetingId) -> Change | None:
    """Silence: close the open turn without opening another. None if nobody was speaking."""
    _meeting(ws, meeting_id)
    if _open_turn(ws.conn, meeting_id) is None:
        return None
    with ws.operation("speaker.pause", meeting_id=meeting_id) as op:
        _close_turn(op, meeting_id)
    return op.change


def raise_hand(
    ws: Workspace, *, meeting_id: MeetingId, participant_id: ParticipantId
) -> Change | None:
    """Put someone in the queue to speak; None if their hand is already up."""
    if (
        ws.scalar(
            "SELECT 1 FROM participants WHERE id = ? AND meeting_id = ?",
            (participant_id, meeting_id),
        )
        is None
    ):
        raise NotFound(f"participant {participant_id} is not in this meeting")
    if _open_hands(ws, meeting_id, participant_id=participant_id):
        return None
    with ws.operation(
        "hand.raise", meeting_id=meeting_id, summary={"participant_id": participant_id}
    ) as op:
        op.insert(
            "raised_hands",
            {"meeting_id": meeting_id, "participant_id": participant_id, "raised_at": op.at},
        )
    return op.change


def lower_hand(
    ws: Workspace, *, meeting_id: MeetingId, participant_id: ParticipantId
) -> Change | None:
    hands = _open_hands(ws, meeting_id, participant_id=participant_id)
    if not hands:
        return None
    with ws.operation(
        "hand.lower", meeting_id=meeting_id, summary={"participant_id": participant_id}
    ) as op:
        for hand in hands:
            op.update("raised_hands", hand["id"], {"lowered_at": op.at})
    return op.change


def mark_alive(ws: Workspace, *, meeting_id: MeetingId) -> None:
    """Note that the app is still recording this meeting (a heartbeat, not an audited change).

    After a crash, the last heartbeat tells when the record stopped, so the gap is not counted as
    speech. This is the only write that bypasses the audit log; it holds no meeting content.
    """
    try:
        ws.conn.execute(
            "INSERT INTO liveness (meeting_id, alive_at) VALUES (?, ?)"
            " ON CONFLICT (meeting_id) DO UPDATE SET alive_at = excluded.alive_at",
            (meeting_id, ws.now()),
        )
    except sqlite3.Error as error:
        raise WorkspaceError(
            f"not recorded: the heartbeat could not be written ({error})"
        ) from None


def stopped_unnoticed(ws: Workspace, meeting_id: MeetingId) -> str | None:
    """When the record of a live meeting last stopped, if nothing has been recorded in it since
    it was picked up again (a meeting left open overnight, or forgotten when the room emptied):
    then it can still be ended at that moment (`end_when_stopped`). None otherwise."""
    resumed = ws.scalar(
        "SELECT max(id) FROM events WHERE meeting_id = ? AND kind = 'meeting.resume'",
        (meeting_id,),
    )
    if resumed is None or not is_live(ws, meeting_id):
        return None
    later = ws.scalar(
        "SELECT 1 FROM events WHERE meeting_id = ? AND id > ? LIMIT 1", (meeting_id, resumed)
    )
    if later is not None:
        return None
    stopped = ws.scalar(
        "SELECT stopped_at FROM interruptions WHERE meeting_id = ? ORDER BY id DESC LIMIT 1",
        (meeting_id,),
    )
    return None if stopped is None else str(stopped)


def end_when_stopped(ws: Workspace, *, meeting_id: MeetingId) -> Change:
    """End a meeting at the moment its record last stopped (see `stopped_unnoticed`), as if it had
    been ended then: what the resumption reopened is taken back, and the gap with it."""
    stopped_at = stopped_unnoticed(ws, meeting_id)
    if stopped_at is None:
        meeting = _meeting(ws, meeting_id)
        raise InvalidInput(
            f"'{meeting['title']}' cannot end when its recording stopped: it is not running, or"
            " something has been recorded since; end it now instead"
        )
    with ws.operation("meeting.end", meeting_id=meeting_id, summary={"at": stopped_at}) as op:
        gap = op.conn.execute(
            "SELECT id, resumed_at FROM interruptions WHERE meeting_id = ? ORDER BY id DESC"
            " LIMIT 1",
            (meeting_id,),
        ).fetchone()
        for table in ("speaking_turns", "agenda_visits"):  # what the resumption reopened
            for row in op.conn.execute(
                f"SELECT id FROM {table} WHERE meeting_id = ? AND started_at >= ?"
                " AND ended_at IS NULL",
                (meeting_id, gap[1]),
            ).fetchall():
                op.delete(table, row[0])
        op.delete("interruptions", gap[0])
        last_visit = op.conn.execute(
            "SELECT agenda_item_id FROM agenda_visits WHERE meeting_id = ? AND ended_at = ?"
            " ORDER BY id DESC LIMIT 1",
            (meeting_id, stopped_at),
        ).fetchone()
        if last_visit is not None:
            op.update("agenda_items", last_visit[0], {"ended_at": stopped_at})
        for hand in _open_hands(op, meeting_id):
            op.update(
                "raised_hands", hand["id"], {"lowered_at": max(stopped_at, hand["raised_at"])}
            )
        op.update(
            "meetings", meeting_id, {"status": MeetingStatus.ENDED.value, "ended_at": stopped_at}
        )
    return op.change


def is_live(ws: Workspace, meeting_id: MeetingId) -> bool:
    status = ws.scalar("SELECT status FROM meetings WHERE id = ?", (meeting_id,))
    return bool(status == MeetingStatus.LIVE)


def silent_for_ms(ws: Workspace, meeting_id: MeetingId) -> int:
    """How long since the last heartbeat of `meeting_id` (0 when it has none yet)."""
    alive_at = ws.scalar("SELECT alive_at FROM liveness WHERE meeting_id = ?", (meeting_id,))
    return 0 if alive_at is None else timestamp_ms(ws.now()) - timestamp_ms(alive_at)


LONG_GAP_MS = 10 * 60_000


def resume_meeting(ws: Workspace, *, meeting_id: MeetingId) -> Change | None:
    """Pick a live meeting up again after the app stopped (crash, kill, dead battery, quit).

    The open turn and current item are closed when the record stopped (the last heartbeat or event)
    and reopened now; the gap is kept as an interruption and never counted as speech. After a gap
    longer than `LONG_GAP_MS` (a laptop left asleep over lunch, a meeting left open overnight)
    nobody is still speaking: the turn is closed and not reopened. None when the meeting is not
    live, or when no time has passed since the record last moved.
    """
    meeting = _meeting(ws, meeting_id)
    if meeting["status"] != MeetingStatus.LIVE:
        return None
    stopped_at = max(
        filter(None, [
            ws.scalar("SELECT alive_at FROM liveness WHERE meeting_id = ?", (meeting_id,)),
            ws.scalar("SELECT max(at) FROM events WHERE meeting_id = ?", (meeting_id,)),
            meeting["started_at"],
        ])
    )  # fmt: skip
    if ws.now() <= stopped_at:  # no time has passed since: nothing stopped
        return None
    with ws.operation(
        "meeting.resume", meeting_id=meeting_id, summary={"stopped_at": stopped_at}
    ) as op:
        op.undoable = False
        resumed_at = max(op.at, stopped_at)
        long_gap = timestamp_ms(resumed_at) - timestamp_ms(stopped_at) > LONG_GAP_MS
        turn = _open_turn(op.conn, meeting_id)
        if turn is not None:
            op.update(
                "speaking_turns", turn["id"], {"ended_at": max(stopped_at, turn["started_at"])}
            )
        if turn is not None and not long_gap:
            op.insert(
                "speaking_turns",
                {
                    "meeting_id": meeting_id,
                    "participant_id": turn["participant_id"],
                    "agenda_item_id": turn["agenda_item_id"],
                    "started_at": resumed_at,
                },
            )
        visit = _current_visit(op.conn, meeting_id)
        if visit is not None:
            op.update(
                "agenda_visits", visit["id"], {"ended_at": max(stopped_at, visit["started_at"])}
            )
            op.insert(
                "agenda_visits",
                {
                    "meeting_id": meeting_id,
                    "agenda_item_id": visit["agenda_item_id"],
                    "started_at": resumed_at,
                },
            )
        op.insert(
            "interruptions",
            {"meeting_id": meeting_id, "stopped_at": stopped_at, "resumed_at": resumed_at},
        )
    mark_alive(ws, meeting_id=meeting_id)
    return op.change


# -- reading the live state -----------------------------------------------------------------------


def current_item_id(ws: Workspace, meeting_id: MeetingId) -> AgendaItemId | None:
    visit = _current_visit(ws.conn, meeting_id)
    return AgendaItemId(visit["agenda_item_id"]) if visit else None


def current_speaker_id(ws: Workspace, meeting_id: MeetingId) -> ParticipantId | None:
    turn = _open_turn(ws.conn, meeting_id)
    return ParticipantId(turn["participant_id"]) if turn else None


def hand_queue(ws: Workspace, meeting_id: MeetingId) -> list[ParticipantId]:
    """Who is waiting to speak, first raised first."""
    return [ParticipantId(h["participant_id"]) for h in _open_hands(ws, meeting_id)]


# -- helpers --------------------------------------------------------------------------------------


def _step(ws: Workspace, meeting_id: MeetingId, *, offset: int, kind: str) -> Change | None:
    meeting = _live_or_startable(ws, meeting_id)
    visit = _current_visit(ws.conn, meeting_id)
    current = visit["agenda_item_id"] if visit else None
    target = _item_at(ws.conn, meeting_id, offset=offset, current=current)
    if target is None:
        return None
    item = ws.row("SELECT * FROM agenda_items WHERE id = ?", (target,)) or {}
    with ws.operation(kind, meeting_id=meeting_id, summary={"to": target}) as op:
        _move_to(op, meeting, item)
    return op.change


def _move_to(op: Operation, meeting: Row, target: Row) -> None:
    meeting_id = meeting["id"]
    if meeting["status"] == MeetingStatus.PLANNED:
        _begin(op, meeting)
    _close_visit(op, meeting_id)
    _open_visit(op, meeting_id, target["id"])
    # A turn that runs across items is split, so talk time is attributed to each item.
    turn = _open_turn(op.conn, meeting_id)
    if turn is not None:
        op.update("speaking_turns", turn["id"], {"ended_at": _not_before(op.at, turn)})
        op.insert(
            "speaking_turns",
            {
                "meeting_id": meeting_id,
                "participant_id": turn["participant_id"],
                "agenda_item_id": target["id"],
                "started_at": op.at,
            },
        )


def _begin(op: Operation, meeting: Row, tz: dt.tzinfo | None = None) -> None:
    """Make the meeting live now; every way a meeting starts (its first live action too) ends here,
    so the planned end follows a start on another day whichever key started it."""
    planned_end = planned_end_at_start(
        started_at=op.at,
        scheduled_start=meeting["scheduled_start"],
        planned_end=meeting["planned_end"],
        tz=tz,
    )
    op.update(
        "meetings",
        meeting["id"],
        {"status": MeetingStatus.LIVE.value, "started_at": op.at, "planned_end": planned_end},
    )


def _item_at(conn: Any, meeting_id: int, *, offset: int, current: int | None) -> int | None:
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,)
    )]  # fmt: skip
    if not ids:
        return None
    if current is None:
        # Before any item has started, "next" starts the first one not yet discussed.
        started = {r[0] for r in conn.execute(
            "SELECT DISTINCT agenda_item_id FROM agenda_visits WHERE meeting_id = ?", (meeting_id,)
        )}  # fmt: skip
        fresh = [i for i in ids if i not in started]
        if offset >= 0:
            return fresh[0] if fresh else None
        return ids[-1] if started else None
    index = ids.index(current) + offset
    return ids[index] if 0 <= index < len(ids) else None


def _open_visit(op: Operation, meeting_id: int, item_id: int) -> None:
    op.insert(
        "agenda_visits", {"meeting_id": meeting_id, "agenda_item_id": item_id, "started_at": op.at}
    )
    item = op.fetch("agenda_items", item_id) or {}
    values: dict[str, Any] = {"ended_at": None}
    if item.get("started_at") is None:
        values["started_at"] = op.at
    op.update("agenda_items", item_id, values)


def _close_visit(op: Operation, meeting_id: int) -> None:
    visit = _current_visit(op.conn, meeting_id)
    if visit is not None:
        ended_at = _not_before(op.at, visit)
        op.update("agenda_visits", visit["id"], {"ended_at": ended_at})
        op.update("agenda_items", visit["agenda_item_id"], {"ended_at": ended_at})


def _close_turn(op: Operation, meeting_id: int) -> None:
    turn = _open_turn(op.conn, meeting_id)
    if turn is not None:
        op.update("speaking_turns", turn["id"], {"ended_at": _not_before(op.at, turn)})


def _not_before(at: str, started: Row) -> str:
    """`at`, or the row's start if that is later: a turn or visit never ends before it began,
    whatever the computer's clock did since (a clock set back between two runs of the app)."""
    return max(at, str(started["started_at"]))


def _open_turn(conn: Any, meeting_id: int) -> Row | None:
    return _one(conn, "SELECT * FROM speaking_turns WHERE meeting_id = ? AND ended_at IS NULL"
                " ORDER BY id DESC LIMIT 1", (meeting_id,))  # fmt: skip


def _current_visit(conn: Any, meeting_id: int, *, item_id: int | None = None) -> Row | None:
    sql = "SELECT * FROM agenda_visits WHERE meeting_id = ? AND ended_at IS NULL"
    params: tuple[int, ...] = (meeting_id,)
    if item_id is not None:
        sql += " AND agenda_item_id = ?"
        params += (item_id,)
    return _one(conn, sql + " ORDER BY id DESC LIMIT 1", params)


def _open_hands(
    source: Workspace | Operation, meeting_id: int, *, participant_id: int | None = None
) -> list[Row]:
    sql = "SELECT * FROM raised_hands WHERE meeting_id = ? AND lowered_at IS NULL"
    params: tuple[int, ...] = (meeting_id,)
    if participant_id is not None:
        sql += " AND participant_id = ?"
        params += (participant_id,)
    cursor = source.conn.execute(sql + " ORDER BY raised_at, id", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _one(conn: Any, sql: str, params: tuple[Any, ...]) -> Row | None:
    cursor = conn.execute(sql, params)
    row = cursor.fetchone()
    return None if row is None else {d[0]: v for d, v in zip(cursor.description, row, strict=True)}


def _meeting(ws: Workspace, meeting_id: int) -> Row:
    meeting = ws.row("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
    if meeting is None:
        raise NotFound(f"meeting {meeting_id} does not exist")
    return meeting


def _live_or_startable(ws: Workspace, meeting_id: int) -> Row:
    meeting = _meeting(ws, meeting_id)
    if meeting["status"] == MeetingStatus.ENDED:
        raise InvalidInput(f"'{meeting['title']}' has ended")
    return meeting


def _status_phrase(status: str) -> str:
    return "started" if status == MeetingStatus.LIVE else "ended"
