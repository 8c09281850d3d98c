"""Preparing a meeting: roster, hotkeys, attendance and the agenda."""

from __future__ import annotations

import pytest

from facilitator import live, meetings
from facilitator.clock import FakeClock
from facilitator.errors import InvalidInput
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import AgendaItemId, Attendance, ParticipantId, Role, Side
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting


def test_people_get_hotkeys_and_their_roles_usual_side(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    roster = fresh_ws.rows("SELECT name, hotkey, side FROM participants ORDER BY position")
    assert [(p["name"], p["hotkey"], p["side"]) for p in roster] == [
        ("Ana", "1", "family"),
        ("Priya", "2", "school"),
        ("Tom", "3", "school"),
        ("Sam", "4", "neutral"),
    ]
    meetings.add_participant(
        fresh_ws, meeting_id=meeting_id,
        person=NewParticipant("Carmen", Role.INTERPRETER, language="Spanish", hotkey="1"),
    )  # fmt: skip
    carmen = fresh_ws.row("SELECT * FROM participants WHERE name = 'Carmen'") or {}
    assert carmen["hotkey"] == "5" and carmen["language"] == "Spanish"
    assert carmen["side"] == Side.NEUTRAL


def test_a_hotkey_belongs_to_one_person(fresh_ws: Workspace) -> None:
    _, (ana, priya, *_) = small_meeting(fresh_ws)
    with pytest.raises(InvalidInput, match="already belongs to Ana"):
        meetings.update_participant(fresh_ws, participant_id=priya, hotkey="1")
    meetings.update_participant(fresh_ws, participant_id=priya, hotkey="p")
    assert fresh_ws.scalar("SELECT hotkey FROM participants WHERE id = ?", (priya,)) == "p"


def test_late_arrival_and_early_departure_keep_their_time(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    _, (ana, priya, *_) = small_meeting(fresh_ws)
    meetings.mark_attendance(fresh_ws, participant_id=ana, attendance=Attendance.ARRIVED_LATE)
    clock.advance(minutes=30)
    meetings.mark_attendance(fresh_ws, participant_id=priya, attendance=Attendance.LEFT_EARLY)
    rows = fresh_ws.rows("SELECT attendance, arrived_at, left_at FROM participants ORDER BY id")
    assert rows[0]["arrived_at"] == "2026-11-29T15:00:00.000Z"
    assert rows[1]["left_at"] == "2026-11-29T15:30:00.000Z"
    assert rows[1]["attendance"] == "left_early"


def test_someone_who_spoke_stays_on_the_record(fresh_ws: Workspace) -> None:
    meeting_id, (ana, _, tom, _) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    with pytest.raises(InvalidInput, match="mark them absent"):
        meetings.remove_participant(fresh_ws, participant_id=ana)
    meetings.remove_participant(fresh_ws, participant_id=ParticipantId(tom))
    assert fresh_ws.scalar("SELECT count(*) FROM participants") == 3


def test_the_agenda_can_be_edited_and_reordered(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    meetings.add_agenda_item(
        fresh_ws, meeting_id=meeting_id, item=NewAgendaItem("Transition", 15), position=0
    )

    def titles() -> list[str]:
        rows = fresh_ws.rows("SELECT title FROM agenda_items ORDER BY position")
        return [r["title"] for r in rows]

    assert titles() == ["Transition", "Item 1", "Item 2", "Item 3"]
    first = AgendaItemId(fresh_ws.scalar("SELECT id FROM agenda_items WHERE title = 'Transition'"))
    meetings.move_agenda_item(fresh_ws, item_id=first, position=3)
    assert titles() == ["Item 1", "Item 2", "Item 3", "Transition"]
    meetings.update_agenda_item(
        fresh_ws, item_id=first, planned_minutes=20, title="Transition plan"
    )
    with pytest.raises(InvalidInput, match="whole number of minutes"):
        meetings.update_agenda_item(fresh_ws, item_id=first, planned_minutes=0)
    meetings.remove_agenda_item(fresh_ws, item_id=first)
    assert titles() == ["Item 1", "Item 2", "Item 3"]


def test_an_item_already_discussed_cannot_be_removed(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    item = AgendaItemId(fresh_ws.scalar("SELECT id FROM agenda_items WHERE position = 0"))
    with pytest.raises(InvalidInput, match="stays on the record"):
        meetings.remove_agenda_item(fresh_ws, item_id=item)
