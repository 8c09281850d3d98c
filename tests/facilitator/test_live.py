"""Running a meeting: the agenda's current item, speaking turns, hands, time left and overrun."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from facilitator import live, meetings
from facilitator.clock import FakeClock
from facilitator.errors import InvalidInput
from facilitator.history import undo_event
from facilitator.model import MeetingId, MeetingStatus, Side
from facilitator.store import Workspace
from facilitator.talk_time import speaking_balance
from facilitator.timing import meeting_timing, planned_end_at_start
from tests.facilitator.helpers import small_meeting


def test_starting_opens_the_first_item(fresh_ws: Workspace, clock: FakeClock) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    meeting = fresh_ws.row("SELECT * FROM meetings WHERE id = ?", (meeting_id,)) or {}
    assert meeting["status"] == MeetingStatus.LIVE
    assert meeting["started_at"] == "2026-11-29T15:00:00.000Z"
    first = fresh_ws.row("SELECT * FROM agenda_items WHERE position = 0") or {}
    assert live.current_item_id(fresh_ws, meeting_id) == first["id"]
    assert first["started_at"] == "2026-11-29T15:00:00.000Z"


def test_the_first_speaker_starts_a_forgotten_meeting(fresh_ws: Workspace) -> None:
    meeting_id, people = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=people[0])
    assert fresh_ws.scalar("SELECT status FROM meetings") == "live"


def test_switching_speaker_closes_the_previous_turn(fresh_ws: Workspace, clock: FakeClock) -> None:
    meeting_id, (ana, priya, *_) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=30)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=priya)
    turns = fresh_ws.rows("SELECT * FROM speaking_turns ORDER BY id")
    assert [(t["participant_id"], t["started_at"], t["ended_at"]) for t in turns] == [
        (ana, "2026-11-29T15:00:00.000Z", "2026-11-29T15:00:30.000Z"),
        (priya, "2026-11-29T15:00:30.000Z", None),
    ]
    assert all(t["agenda_item_id"] == live.current_item_id(fresh_ws, meeting_id) for t in turns)


def test_the_same_key_twice_changes_nothing(fresh_ws: Workspace) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    assert live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana) is None
    assert fresh_ws.scalar("SELECT count(*) FROM speaking_turns") == 1


def test_pause_is_silence(fresh_ws: Workspace, clock: FakeClock) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=10)
    live.pause(fresh_ws, meeting_id=meeting_id)
    clock.advance(seconds=50)
    assert live.current_speaker_id(fresh_ws, meeting_id) is None
    assert speaking_balance(fresh_ws, meeting_id).people[0].talk_ms == 10_000
    assert live.pause(fresh_ws, meeting_id=meeting_id) is None


def test_next_previous_and_jump_keep_each_items_actual_time(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    items = [r["id"] for r in fresh_ws.rows("SELECT id FROM agenda_items ORDER BY position")]
    clock.advance(minutes=4)
    live.next_item(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=6)
    live.previous_item(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=1)
    live.jump_to_item(fresh_ws, meeting_id=meeting_id, item_id=items[2])
    clock.advance(minutes=12)
    timing = meeting_timing(fresh_ws, meeting_id)
    assert [i.actual_ms for i in timing.items] == [5 * 60_000, 6 * 60_000, 12 * 60_000]
    assert timing.current is not None and timing.current.item_id == items[2]
    assert timing.current.overrun_ms == 2 * 60_000
    assert live.next_item(fresh_ws, meeting_id=meeting_id) is None


def test_items_paged_past_on_the_way_are_not_covered(fresh_ws: Workspace, clock: FakeClock) -> None:
    """PgDown three times to reach the item the room wanted marked every item on the way as done,
    "took 0:00", and the minutes said they were covered."""
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=3)
    live.next_item(fresh_ws, meeting_id=meeting_id)
    clock.advance(seconds=2)
    live.next_item(fresh_ws, meeting_id=meeting_id)  # the third item, where the room is
    clock.advance(seconds=5)
    first, second, third = meeting_timing(fresh_ws, meeting_id).items
    assert (first.visited, second.visited, third.visited) == (True, False, True)
    assert second.actual_ms == 2_000  # the time itself is kept
    assert meeting_timing(fresh_ws, meeting_id).agenda_left_ms == 10 * 60_000 - 5_000 + 10 * 60_000


def test_a_turn_across_an_agenda_change_is_split_but_counts_once(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(seconds=40)
    live.next_item(fresh_ws, meeting_id=meeting_id)
    clock.advance(seconds=20)
    items = [r["id"] for r in fresh_ws.rows("SELECT id FROM agenda_items ORDER BY position")]
    whole = speaking_balance(fresh_ws, meeting_id).people[0]
    assert (whole.talk_ms, whole.turns) == (60_000, 1)
    first = speaking_balance(fresh_ws, meeting_id, agenda_item_id=items[0]).people[0]
    assert first.talk_ms == 40_000


def test_time_left_in_the_meeting_follows_the_planned_end(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=25)
    timing = meeting_timing(fresh_ws, meeting_id)
    assert timing.remaining_ms == 5 * 60_000  # three 10-minute items
    assert timing.agenda_left_ms == 20 * 60_000  # item 1 is over its box; two items untouched
    clock.advance(minutes=10)
    assert meeting_timing(fresh_ws, meeting_id).remaining_ms == -5 * 60_000


# The fake clock says 2026-11-29T15:00Z, which is 09:00 on Sunday 29 November in Chicago.
CHICAGO = dt.timezone(dt.timedelta(hours=-6), "CST")


def scheduled(ws: Workspace, start: str | None, end: str | None) -> MeetingId:
    """A small meeting prepared for `start` to `end` (stored UTC times)."""
    meeting_id, _ = small_meeting(ws)
    meetings.update_meeting(ws, meeting_id=meeting_id, scheduled_start=start, planned_end=end)
    return meeting_id


def planned_end(ws: Workspace, meeting_id: MeetingId) -> str | None:
    return ws.scalar("SELECT planned_end FROM meetings WHERE id = ?", (meeting_id,))


def test_a_late_start_on_the_scheduled_day_keeps_the_planned_end(fresh_ws: Workspace) -> None:
    # 08:50 to 10:30 in Chicago, started at 09:00: ending on time is a ground rule.
    meeting_id = scheduled(fresh_ws, "2026-11-29T14:50:00.000Z", "2026-11-29T16:30:00.000Z")
    live.start_meeting(fresh_ws, meeting_id=meeting_id, tz=CHICAGO)
    assert planned_end(fresh_ws, meeting_id) == "2026-11-29T16:30:00.000Z"
    assert meeting_timing(fresh_ws, meeting_id).remaining_ms == 90 * 60_000


def test_a_start_a_day_early_keeps_the_planned_length(fresh_ws: Workspace) -> None:
    # Prepared for tomorrow 09:00 to 10:40 (the New meeting form's default), held today at 09:00.
    meeting_id = scheduled(fresh_ws, "2026-11-30T15:00:00.000Z", "2026-11-30T16:40:00.000Z")
    change = live.start_meeting(fresh_ws, meeting_id=meeting_id, tz=CHICAGO)
    assert planned_end(fresh_ws, meeting_id) == "2026-11-29T16:40:00.000Z"
    assert meeting_timing(fresh_ws, meeting_id).remaining_ms == 100 * 60_000  # not 25:40:00
    payload = json.loads(
        fresh_ws.scalar("SELECT payload FROM events WHERE id = ?", (change.event_id,))
    )
    moved = [c for c in payload["changes"] if c["table"] == "meetings"]
    assert [(c["before"]["planned_end"], c["after"]["planned_end"]) for c in moved] == [
        ("2026-11-30T16:40:00.000Z", "2026-11-29T16:40:00.000Z")
    ]


def test_undoing_the_start_puts_the_planned_end_back(fresh_ws: Workspace) -> None:
    meeting_id = scheduled(fresh_ws, "2026-11-30T15:00:00.000Z", "2026-11-30T16:40:00.000Z")
    change = live.start_meeting(fresh_ws, meeting_id=meeting_id, tz=CHICAGO)
    undo_event(fresh_ws, change.event_id)
    meeting = fresh_ws.row("SELECT * FROM meetings WHERE id = ?", (meeting_id,)) or {}
    assert (meeting["status"], meeting["started_at"], meeting["planned_end"]) == (
        MeetingStatus.PLANNED,
        None,
        "2026-11-30T16:40:00.000Z",
    )


def test_a_meeting_without_a_planned_end_counts_its_agenda_from_any_start(
    fresh_ws: Workspace,
) -> None:
    meeting_id = scheduled(fresh_ws, "2026-11-30T15:00:00.000Z", None)
    live.start_meeting(fresh_ws, meeting_id=meeting_id, tz=CHICAGO)
    assert planned_end(fresh_ws, meeting_id) is None
    assert meeting_timing(fresh_ws, meeting_id).remaining_ms == 30 * 60_000  # three 10-minute items


def test_the_day_of_the_start_is_the_local_day_not_the_utc_day() -> None:
    # 17:00 to 18:40 in Chicago on the 29th is 23:00Z on the 29th to 00:40Z on the 30th.
    plan = {
        "scheduled_start": "2026-11-29T23:00:00.000Z",
        "planned_end": "2026-11-30T00:40:00.000Z",
    }
    late = "2026-11-30T00:30:00.000Z"  # 18:30 in Chicago, still the 29th there
    assert planned_end_at_start(started_at=late, tz=CHICAGO, **plan) == plan["planned_end"]
    # Read in UTC it would be another day, and the end would move to 100 minutes after 00:30.
    assert planned_end_at_start(started_at=late, tz=dt.UTC, **plan) == "2026-11-30T02:10:00.000Z"


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("2026-11-30T16:40:00.000Z", "2026-11-29T16:40:00.000Z"),  # 10:40 tomorrow: 10:40 today
        ("2026-11-30T14:30:00.000Z", None),  # 08:30 has passed at a 09:00 start: no planned end
        ("2026-11-29T16:40:00.000Z", "2026-11-29T16:40:00.000Z"),  # today already: as planned
    ],
)
def test_without_a_scheduled_start_the_planned_end_keeps_its_clock_time(
    fresh_ws: Workspace, end: str, expected: str | None
) -> None:
    meeting_id = scheduled(fresh_ws, None, end)
    live.start_meeting(fresh_ws, meeting_id=meeting_id, tz=CHICAGO)
    assert planned_end(fresh_ws, meeting_id) == expected


def test_the_first_speaker_moves_the_planned_end_of_a_meeting_started_early(
    fresh_ws: Workspace,
) -> None:
    # Exactly a day early is another day in every time zone, this computer's included.
    meeting_id = scheduled(fresh_ws, "2026-11-30T15:00:00.000Z", "2026-11-30T16:40:00.000Z")
    ana = fresh_ws.scalar("SELECT min(id) FROM participants WHERE meeting_id = ?", (meeting_id,))
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    assert planned_end(fresh_ws, meeting_id) == "2026-11-29T16:40:00.000Z"


def test_raised_hands_queue_in_order_and_clear_when_called(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, priya, tom, _) = small_meeting(fresh_ws)
    live.raise_hand(fresh_ws, meeting_id=meeting_id, participant_id=tom)
    clock.advance(seconds=1)
    live.raise_hand(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    assert live.raise_hand(fresh_ws, meeting_id=meeting_id, participant_id=tom) is None
    assert live.hand_queue(fresh_ws, meeting_id) == [tom, ana]
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=tom)
    assert live.hand_queue(fresh_ws, meeting_id) == [ana]
    live.lower_hand(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    assert live.hand_queue(fresh_ws, meeting_id) == []


def test_ending_closes_everything_and_refuses_more_turns(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    live.next_item(fresh_ws, meeting_id=meeting_id)
    clock.advance(minutes=3)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    assert fresh_ws.scalar("SELECT count(*) FROM speaking_turns WHERE ended_at IS NULL") == 0
    assert fresh_ws.scalar("SELECT count(*) FROM agenda_visits WHERE ended_at IS NULL") == 0
    with pytest.raises(InvalidInput, match="ended"):
        live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)


def test_who_has_not_spoken_and_who_has_been_quiet(fresh_ws: Workspace, clock: FakeClock) -> None:
    meeting_id, (ana, priya, tom, sam) = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    start_ms = speaking_balance(fresh_ws, meeting_id).now_ms
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    clock.advance(minutes=1)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=priya)
    clock.advance(minutes=6)
    balance = speaking_balance(fresh_ws, meeting_id)
    assert {p.participant_id for p in balance.not_heard_yet()} == {tom, sam}
    assert {p.participant_id for p in balance.quiet_for(5, since_ms=start_ms)} == {ana, tom, sam}


def test_a_three_hour_meeting_of_2000_turns_adds_up_to_the_millisecond(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    meeting_id, people = small_meeting(fresh_ws, items=10)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    rng = random.Random(2026)
    expected = dict.fromkeys(people, 0)
    speaker = None
    for turn in range(2000):
        choice = rng.choice([p for p in people if p != speaker])
        live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=choice)
        speaker = choice
        ms = rng.randint(300, 10_500)
        clock.advance(ms=ms)
        expected[choice] += ms
        if turn % 200 == 199:
            live.next_item(fresh_ws, meeting_id=meeting_id)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    balance = speaking_balance(fresh_ws, meeting_id)
    assert {p.participant_id: p.talk_ms for p in balance.people} == expected
    assert balance.total_ms == sum(expected.values())
    family = balance.sides[Side.FAMILY]
    assert family.talk_ms == expected[people[0]]
    assert sum(p.turns for p in balance.people) == 2000
