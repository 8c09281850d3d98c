"""After a crash, the live meeting resumes with an explicit gap that is never counted as speech."""

from __future__ import annotations

from pathlib import Path

from facilitator import live
from facilitator.clock import FakeClock
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
