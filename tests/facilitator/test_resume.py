"""After a crash, the live meeting resumes with an explicit gap that is never counted as speech."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator import history, live
from facilitator.clock import FakeClock
from facilitator.errors import InvalidInput
from facilitator.store import Workspace
from facilitator.talk_time import speaking_balance
from facilitator.timing import meeting_timing
from tests.facilitator.helpers import small_meeting


def test_a_resumed_meeting_keeps_its_speaker_and_item_and_shows_the_gap(
    db_path: Path, fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=90)
    live.mark_alive(fresh_ws, meeting_id=meeting_id)  # the last heartbeat before the crash
    clock.advance(seconds=5)
    fresh_ws.close()  # the process dies here; nothing else is written

    clock.advance(minutes=3)
    with Workspace.open(db_path, clock=clock) as again:
        live.resume_meeting(again, meeting_id=meeting_id)
        gap = again.row("SELECT * FROM interruptions") or {}
        assert (gap["stopped_at"], gap["resumed_at"]) == (
            "2026-11-29T15:01:30.000Z",
            "2026-11-29T15:04:35.000Z",
        )
        assert live.current_speaker_id(again, meeting_id) == ana
        assert live.current_item_id(again, meeting_id) is not None
        clock.advance(seconds=10)
        ana_now = speaking_balance(again, meeting_id).people[0]
        assert (ana_now.talk_ms, ana_now.turns) == (100_000, 1)
        timing = meeting_timing(again, meeting_id)
        assert timing.current is not None and timing.current.actual_ms == 100_000
        assert timing.interrupted_ms == 185_000


def test_resuming_a_meeting_that_is_not_live_does_nothing(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    assert live.resume_meeting(fresh_ws, meeting_id=meeting_id) is None
    assert fresh_ws.scalar("SELECT count(*) FROM interruptions") == 0


def test_after_a_long_gap_nobody_is_still_speaking(fresh_ws: Workspace, clock: FakeClock) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(minutes=2)
    live.mark_alive(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=live.LONG_GAP_MS // 60_000 + 1)  # asleep over lunch, or overnight
    assert live.resume_meeting(fresh_ws, meeting_id=meeting_id) is not None
    assert live.current_speaker_id(fresh_ws, meeting_id) is None
    assert live.current_item_id(fresh_ws, meeting_id) is not None  # the agenda goes on
    clock.advance(minutes=5)
    assert speaking_balance(fresh_ws, meeting_id).people[0].talk_ms == 120_000


def test_a_record_that_never_stopped_needs_no_resuming(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    live.mark_alive(fresh_ws, meeting_id=meeting_id)
    assert live.resume_meeting(fresh_ws, meeting_id=meeting_id) is None
    assert fresh_ws.scalar("SELECT count(*) FROM interruptions") == 0


def test_a_clock_set_back_never_ends_a_turn_or_an_item_before_it_began(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    """The system clock never goes backwards within a run (see test_clock); across runs, a
    computer's clock set back still leaves no turn or visit ending before it started."""
    meeting_id, (ana, luis, *_) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(minutes=5)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=luis)
    clock.advance(minutes=-60)
    live.next_item(fresh_ws, meeting_id=meeting_id)
    live.pause(fresh_ws, meeting_id=meeting_id)
    for table in ("speaking_turns", "agenda_visits"):
        rows = fresh_ws.rows(f"SELECT started_at, ended_at FROM {table} WHERE ended_at IS NOT NULL")
        assert rows and all(r["ended_at"] >= r["started_at"] for r in rows), table


def test_a_meeting_left_running_overnight_ends_when_its_recording_stopped(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    live.raise_hand(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(minutes=70)
    live.mark_alive(fresh_ws, meeting_id=meeting_id)  # the laptop was closed here
    stopped = fresh_ws.now()
    clock.advance(minutes=16 * 60)
    assert live.stopped_unnoticed(fresh_ws, meeting_id) is None  # not picked up again yet
    live.resume_meeting(fresh_ws, meeting_id=meeting_id)
    assert live.stopped_unnoticed(fresh_ws, meeting_id) == stopped

    change = live.end_when_stopped(fresh_ws, meeting_id=meeting_id)
    meeting = fresh_ws.row("SELECT status, ended_at FROM meetings WHERE id = ?", (meeting_id,))
    assert meeting == {"status": "ended", "ended_at": stopped}
    assert fresh_ws.scalar("SELECT count(*) FROM interruptions") == 0
    for table in ("speaking_turns", "agenda_visits", "raised_hands"):
        ends = fresh_ws.rows(f"SELECT * FROM {table}")
        column = "lowered_at" if table == "raised_hands" else "ended_at"
        assert [r[column] for r in ends] == [stopped], table
    assert meeting_timing(fresh_ws, meeting_id).ended_ms is not None
    assert speaking_balance(fresh_ws, meeting_id).people[0].talk_ms == 70 * 60_000

    history.undo_event(fresh_ws, change.event_id)  # a mistake: it is running again, as resumed
    assert live.is_live(fresh_ws, meeting_id)
    assert fresh_ws.scalar("SELECT count(*) FROM interruptions") == 1
    assert live.current_speaker_id(fresh_ws, meeting_id) is None  # after a night, nobody speaks


def test_a_meeting_worked_on_since_it_was_picked_up_ends_now_only(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, luis, *_) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.mark_alive(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=30)
    live.resume_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=luis)
    assert live.stopped_unnoticed(fresh_ws, meeting_id) is None
    with pytest.raises(InvalidInput, match="something has been recorded since"):
        live.end_when_stopped(fresh_ws, meeting_id=meeting_id)
