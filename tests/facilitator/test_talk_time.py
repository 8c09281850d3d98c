"""The tracker's running tally of talk time gives `speaking_balance`'s answer, to the millisecond,
after any sequence of operations, and reads only the newest turns to give it."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator import live
from facilitator.clock import FakeClock
from facilitator.deletion import delete_meeting
from facilitator.errors import UndoConflict
from facilitator.history import redo_event, undo_event
from facilitator.model import MeetingId
from facilitator.store import Workspace
from facilitator.talk_time import TalkTimeTally, speaking_balance
from tests.facilitator.helpers import small_meeting

Step = tuple[str, int, int]  # what, who (index), milliseconds to wait after
KINDS = ["speak"] * 3 + ["pause", "next", "previous", "undo", "undo an old one", "redo", "resume"]
STEPS = st.lists(
    st.tuples(
        st.sampled_from([*KINDS, "elsewhere"]),
        st.integers(0, 3),
        # 0: the same millisecond, on purpose; negative: the system clock was set back.
        st.sampled_from([0, 0, 1, 999, 1500, 60_000, -2500]),
    ),
    max_size=40,
)


def step(ws: Workspace, meeting_id: MeetingId, what: str, who: int, events: list[int]) -> None:
    """Do one thing to the meeting; `events` collects the undoable events so far."""
    people = [r["id"] for r in ws.rows("SELECT id FROM participants ORDER BY position")]
    change = None
    if what == "speak":
        change = live.switch_speaker(ws, meeting_id=meeting_id, participant_id=people[who])
    elif what == "pause":
        change = live.pause(ws, meeting_id=meeting_id)
    elif what == "next":
        change = live.next_item(ws, meeting_id=meeting_id)
    elif what == "previous":
        change = live.previous_item(ws, meeting_id=meeting_id)
    elif what == "resume":
        live.resume_meeting(ws, meeting_id=meeting_id)
    elif what == "elsewhere":  # another connection to the same file gives someone the floor
        with Workspace.open(ws.path, clock=ws.clock) as other:
            live.switch_speaker(other, meeting_id=meeting_id, participant_id=people[who])
    elif events and what in ("undo", "undo an old one", "redo"):
        event = events[-1] if what != "undo an old one" else events[max(0, len(events) - 1 - who)]
        with contextlib.suppress(UndoConflict):  # the record moved on since: refused
            (redo_event if what == "redo" else undo_event)(ws, event)
    if change is not None:
        events.append(change.event_id)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_the_tally_gives_the_balance_after_every_step(
    tmp_path_factory: pytest.TempPathFactory, steps: list[Step]
) -> None:
    clock = FakeClock("2026-11-29T15:00:00.000Z")
    path = tmp_path_factory.mktemp("talk") / "w.sqlite3"
    with Workspace.open(path, clock=clock) as ws:
        meeting_id, _ = small_meeting(ws)
        tally = TalkTimeTally(ws)
        events: list[int] = []
        for what, who, wait in steps:
            step(ws, meeting_id, what, who, events)
            assert tally.balance(meeting_id) == speaking_balance(ws, meeting_id), what
            clock.advance(ms=wait)
            assert tally.balance(meeting_id) == speaking_balance(ws, meeting_id), "later"


def test_the_tally_keeps_every_ended_turn_and_reads_only_the_open_one(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    tally = TalkTimeTally(fresh_ws)
    for n in range(50):
        live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=people[n % 4])
        clock.advance(seconds=7)
        tally.balance(meeting_id)  # as the tracker does after every key
    kept_until = fresh_ws.row(
        "SELECT started_at FROM speaking_turns WHERE ended_at IS NOT NULL"
        " ORDER BY started_at DESC, id DESC LIMIT 1"
    )
    assert kept_until is not None
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=people[0])
    clock.advance(seconds=7)
    statements: list[str] = []
    fresh_ws.conn.set_trace_callback(statements.append)
    balance = tally.balance(meeting_id)
    fresh_ws.conn.set_trace_callback(None)
    assert balance == speaking_balance(fresh_ws, meeting_id)
    # Only the turns after the last one that had ended were read (the trace shows bound values).
    assert any(f"started_at >= '{kept_until['started_at']}'" in s for s in statements)


def test_undoing_a_turn_from_long_ago_is_counted_again(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, priya, tom, _) = small_meeting(fresh_ws)
    tally = TalkTimeTally(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=60)
    mis_tap = live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=tom)
    assert mis_tap is not None
    clock.advance(seconds=5)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=priya)
    clock.advance(seconds=5)
    assert tally.balance(meeting_id).people[2].talk_ms == 5_000  # Tom, kept as ended
    live.pause(fresh_ws, meeting_id=meeting_id)
    with pytest.raises(UndoConflict):  # Tom's turn was closed since: undo refuses, nothing moves
        undo_event(fresh_ws, mis_tap.event_id)
    assert tally.balance(meeting_id) == speaking_balance(fresh_ws, meeting_id)


def test_a_deleted_meeting_leaves_nothing_in_the_tally(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, priya, *_) = small_meeting(fresh_ws)
    tally = TalkTimeTally(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=30)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=priya)
    assert tally.balance(meeting_id).total_ms == 30_000
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    delete_meeting(fresh_ws, meeting_id)  # the turns go by cascade
    gone = tally.balance(meeting_id)
    assert gone.people == [] and gone.total_ms == 0 and gone.current_speaker is None


def test_a_read_only_workspace_is_counted_in_full_every_time(
    db_path: Path, fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, priya, *_) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=30)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=priya)
    with Workspace.open(db_path, clock=clock, read_only=True) as reader:
        tally = TalkTimeTally(reader)
        assert tally.balance(meeting_id) == speaking_balance(reader, meeting_id)
        clock.advance(seconds=10)
        live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
        clock.advance(seconds=10)
        assert tally.balance(meeting_id) == speaking_balance(reader, meeting_id)
        assert tally.balance(meeting_id).people[1].talk_ms == 10_000


def test_a_turn_read_inside_a_write_that_is_rolled_back_is_not_kept(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, priya, tom, _) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)  # 15:00:00
    clock.advance(seconds=10)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=priya)  # 15:00:10
    tally = TalkTimeTally(fresh_ws)
    tally.balance(meeting_id)  # keeps Ana's ended turn
    with pytest.raises(RuntimeError), fresh_ws.operation("test", meeting_id=meeting_id) as op:
        op.insert("speaking_turns", {
            "meeting_id": meeting_id, "participant_id": tom,
            "started_at": "2026-11-29T15:00:01.000Z", "ended_at": "2026-11-29T15:00:02.000Z",
        })  # fmt: skip
        assert tally.balance(meeting_id).people[2].talk_ms == 1_000  # Tom, not yet rolled back
        raise RuntimeError("the write fails")
    clock.advance(seconds=10)
    assert tally.balance(meeting_id) == speaking_balance(fresh_ws, meeting_id)
