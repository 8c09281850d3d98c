"""Undo and redo: every operation is its own inverse, and history is never erased."""

from __future__ import annotations

import pytest

from facilitator import board, live
from facilitator.clock import FakeClock
from facilitator.errors import UndoConflict
from facilitator.history import UndoHistory, redo_event, undo_event
from facilitator.integrity import verify
from facilitator.store import Workspace
from facilitator.talk_time import speaking_balance
from tests.facilitator.helpers import small_meeting


def talk(ws: Workspace, meeting_id: int) -> dict[int, int]:
    return {p.participant_id: p.talk_ms for p in speaking_balance(ws, meeting_id).people}  # type: ignore[arg-type]


def test_undoing_a_mis_tap_gives_the_time_back_to_the_speaker(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, priya, tom, _) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=60)
    mis_tap = live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=tom)
    clock.advance(seconds=5)
    assert mis_tap is not None
    undo_event(fresh_ws, mis_tap.event_id)
    assert live.current_speaker_id(fresh_ws, meeting_id) == ana
    assert talk(fresh_ws, meeting_id)[ana] == 65_000
    assert talk(fresh_ws, meeting_id)[tom] == 0
    clock.advance(seconds=10)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=priya)
    assert talk(fresh_ws, meeting_id)[ana] == 75_000


def test_redo_puts_the_switch_back(fresh_ws: Workspace, clock: FakeClock) -> None:
    meeting_id, (ana, _, tom, _) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=30)
    change = live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=tom)
    assert change is not None
    undo_event(fresh_ws, change.event_id)
    redo_event(fresh_ws, change.event_id)
    clock.advance(seconds=30)
    assert talk(fresh_ws, meeting_id)[ana] == 30_000
    assert talk(fresh_ws, meeting_id)[tom] == 30_000


def test_undo_and_redo_are_events_and_the_chain_holds(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    history = UndoHistory(fresh_ws)
    history.record(board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading"))
    history.undo()
    assert fresh_ws.scalar("SELECT count(*) FROM concerns") == 0
    history.redo()
    assert fresh_ws.scalar("SELECT text FROM concerns") == "Reading"
    kinds = [
        r[0] for r in fresh_ws.conn.execute("SELECT kind FROM events ORDER BY id DESC LIMIT 3")
    ]
    assert kinds == ["redo", "undo", "concern.add"]
    assert verify(fresh_ws).ok


def test_undo_refuses_to_overwrite_later_work(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    added = board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading")
    board.edit_item(
        fresh_ws, kind=board.ItemKind.CONCERN, item_id=added.created_id or 0, text="Reading fluency"
    )
    with pytest.raises(UndoConflict):
        undo_event(fresh_ws, added.event_id)
    assert fresh_ws.scalar("SELECT text FROM concerns") == "Reading fluency"


def test_a_whole_session_undone_step_by_step_returns_to_the_start(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, priya, tom, sam) = small_meeting(fresh_ws)
    snapshot = {
        t: fresh_ws.rows(f"SELECT * FROM {t} ORDER BY 1") for t in ("meetings", "agenda_items")
    }
    history = UndoHistory(fresh_ws)
    steps = [
        lambda: live.start_meeting(fresh_ws, meeting_id=meeting_id),
        lambda: live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana),
        lambda: board.add_concern(fresh_ws, meeting_id=meeting_id, text="Homework", raised_by=ana),
        lambda: live.next_item(fresh_ws, meeting_id=meeting_id),
        lambda: live.raise_hand(fresh_ws, meeting_id=meeting_id, participant_id=tom),
        lambda: live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=tom),
        lambda: live.end_meeting(fresh_ws, meeting_id=meeting_id),
    ]
    for step in steps:
        clock.advance(seconds=17)
        history.record(step())
    while history.undo() is not None:
        pass
    assert fresh_ws.scalar("SELECT count(*) FROM speaking_turns") == 0
    assert fresh_ws.scalar("SELECT count(*) FROM concerns") == 0
    for table, rows in snapshot.items():
        assert fresh_ws.rows(f"SELECT * FROM {table} ORDER BY 1") == rows
    assert verify(fresh_ws).ok
