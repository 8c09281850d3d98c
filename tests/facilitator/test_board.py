"""Concerns, non-negotiables, options, agreements, action items and notes."""

from __future__ import annotations

import datetime as dt

import pytest

from facilitator import board, live, meetings
from facilitator.board import ItemKind
from facilitator.errors import InvalidInput, NotFound
from facilitator.history import undo_event
from facilitator.model import (
    ActionItemId,
    ActionStatus,
    ConcernStatus,
    HeldBy,
    MeetingId,
    SolutionStatus,
)
from facilitator.record import load_meeting
from facilitator.store import Workspace
from tests.facilitator.helpers import small_meeting


def test_concern_cards_move_between_columns_in_order(fresh_ws: Workspace) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    ids = [
        board.add_concern(fresh_ws, meeting_id=meeting_id, text=t, raised_by=ana).created_id or 0
        for t in ("Reading", "Homework", "Recess")
    ]
    board.move_concern(fresh_ws, concern_id=ids[2], status=ConcernStatus.DISCUSSING, position=0)
    board.move_concern(fresh_ws, concern_id=ids[0], status=ConcernStatus.DISCUSSING, position=0)
    column = fresh_ws.rows(
        "SELECT text FROM concerns WHERE status = 'discussing' ORDER BY position"
    )
    assert [c["text"] for c in column] == ["Reading", "Recess"]
    board.set_concern_status(fresh_ws, concern_id=ids[1], status=ConcernStatus.PARKED)
    assert fresh_ws.scalar("SELECT status FROM concerns WHERE id = ?", (ids[1],)) == "parked"


def test_an_option_not_agreed_needs_its_reason(fresh_ws: Workspace) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    concern = board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading").created_id or 0
    option = (
        board.add_solution(
            fresh_ws, meeting_id=meeting_id, text="Pull-out group", addresses=[concern]
        ).created_id
        or 0
    )
    with pytest.raises(InvalidInput, match="why"):
        board.decide_solution(fresh_ws, solution_id=option, status=SolutionStatus.NOT_AGREED)
    board.decide_solution(
        fresh_ws, solution_id=option, status=SolutionStatus.NOT_AGREED, reason="Raises anxiety"
    )
    row = fresh_ws.row("SELECT status, reason, decided_at FROM solutions") or {}
    assert row["status"] == "not_agreed" and row["reason"] == "Raises anxiety"
    assert row["decided_at"] is not None
    assert load_meeting(fresh_ws, meeting_id).concerns_of(option)[0]["text"] == "Reading"
    with pytest.raises(InvalidInput, match="reason"):
        board.edit_item(fresh_ws, kind=ItemKind.SOLUTION, item_id=option, reason="")


def test_options_link_and_unlink_concerns(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    concern = board.add_concern(fresh_ws, meeting_id=meeting_id, text="Reading").created_id or 0
    option = board.add_solution(fresh_ws, meeting_id=meeting_id, text="Tutoring").created_id or 0
    assert board.link_solution(fresh_ws, solution_id=option, concern_id=concern) is not None
    assert board.link_solution(fresh_ws, solution_id=option, concern_id=concern) is None
    board.link_solution(fresh_ws, solution_id=option, concern_id=concern, linked=False)
    assert fresh_ws.scalar("SELECT count(*) FROM solution_concerns") == 0


def test_notes_are_team_only_unless_said_otherwise(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    board.add_note(fresh_ws, meeting_id=meeting_id, text="Dad seemed tired")
    board.add_note(fresh_ws, meeting_id=meeting_id, text="Safeguards given", team_only=False)
    assert [r[0] for r in fresh_ws.conn.execute("SELECT team_only FROM notes ORDER BY id")] == [
        1,
        0,
    ]


def test_action_items_take_the_owner_from_the_participant(fresh_ws: Workspace) -> None:
    meeting_id, (ana, priya, *_) = small_meeting(fresh_ws)
    action = board.add_action_item(
        fresh_ws, meeting_id=meeting_id, text="Schedule evaluation", owner_participant_id=priya,
        due_date="2026-12-10",
    ).created_id or 0  # fmt: skip
    assert fresh_ws.scalar("SELECT owner FROM action_items") == "Priya"
    board.set_action_status(fresh_ws, action_id=action, status=ActionStatus.DONE)
    assert fresh_ws.scalar("SELECT done_at FROM action_items") is not None
    with pytest.raises(InvalidInput, match="not a date"):
        board.add_action_item(fresh_ws, meeting_id=meeting_id, text="x", due_date="next week")


# The fake clock says 2026-11-29T15:00Z, which is 09:00 on 29 November in Chicago.
CHICAGO = dt.timezone(dt.timedelta(hours=-6), "CST")


def action_due(ws: Workspace, meeting_id: MeetingId, due: str | None) -> str | None:
    """Add an action item due `due` (as typed); the due date stored."""
    action = board.add_action_item(
        ws, meeting_id=meeting_id, text="Send the draft IEP", due_date=due, tz=CHICAGO
    )
    return ws.scalar("SELECT due_date FROM action_items WHERE id = ?", (action.created_id,))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-12-20", "2026-12-20"),
        ("12/20/2026", "2026-12-20"),
        ("1/5/2027", "2027-01-05"),
        ("", None),
    ],
)
def test_a_due_date_typed_either_way_is_stored_as_yyyy_mm_dd(
    fresh_ws: Workspace, typed: str, stored: str | None
) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    assert action_due(fresh_ws, meeting_id, typed) == stored


def test_a_due_date_with_a_two_digit_year_is_refused(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    with pytest.raises(InvalidInput, match=r"^'1/2/26' needs the year in full \(MM/DD/YYYY\)$"):
        action_due(fresh_ws, meeting_id, "1/2/26")
    assert fresh_ws.scalar("SELECT count(*) FROM action_items") == 0


def test_a_due_date_before_the_scheduled_meeting_is_refused(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    meetings.update_meeting(
        fresh_ws, meeting_id=meeting_id, scheduled_start="2026-11-30T15:00:00.000Z"
    )
    with pytest.raises(InvalidInput) as refused:
        action_due(fresh_ws, meeting_id, "2025-01-05")
    assert str(refused.value) == "due date 2025-01-05 is before the meeting (2026-11-30)"
    with pytest.raises(InvalidInput, match="before the meeting"):
        action_due(fresh_ws, meeting_id, "11/29/2026")
    assert fresh_ws.scalar("SELECT count(*) FROM action_items") == 0
    assert action_due(fresh_ws, meeting_id, "11/30/2026") == "2026-11-30"  # the meeting's own day


def test_a_started_meeting_is_held_the_day_it_started(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    meetings.update_meeting(
        fresh_ws, meeting_id=meeting_id, scheduled_start="2026-12-02T15:00:00.000Z"
    )
    live.start_meeting(fresh_ws, meeting_id=meeting_id, tz=CHICAGO)  # early, on the 29th
    assert action_due(fresh_ws, meeting_id, "2026-11-29") == "2026-11-29"
    with pytest.raises(
        InvalidInput, match=r"^due date 2026-11-28 is before the meeting \(2026-11-29\)$"
    ):
        action_due(fresh_ws, meeting_id, "2026-11-28")


def test_an_undated_meeting_is_held_today(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    assert action_due(fresh_ws, meeting_id, "2026-11-29") == "2026-11-29"
    with pytest.raises(InvalidInput, match=r"\(2026-11-29\)$"):
        action_due(fresh_ws, meeting_id, "11/28/2026")


def test_a_due_date_edited_in_place_follows_the_same_rules(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    action = ActionItemId(
        board.add_action_item(fresh_ws, meeting_id=meeting_id, text="Call the family").created_id
        or 0
    )

    def edit(due: str | None) -> None:
        board.edit_item(
            fresh_ws, kind=ItemKind.ACTION_ITEM, item_id=action, due_date=due, tz=CHICAGO
        )

    def due() -> str | None:
        return fresh_ws.scalar("SELECT due_date FROM action_items WHERE id = ?", (action,))

    edit("12/20/2026")
    assert due() == "2026-12-20"
    with pytest.raises(InvalidInput, match="is before the meeting"):
        edit("2025-12-20")
    with pytest.raises(InvalidInput, match="not a date"):
        edit("20/12/2026")
    assert due() == "2026-12-20"  # a refusal changes nothing
    edit(None)
    assert due() is None


def test_an_item_already_due_before_the_meeting_can_still_be_edited(fresh_ws: Workspace) -> None:
    # Recorded on the 29th for an undated meeting, which was then scheduled for December.
    meeting_id, _ = small_meeting(fresh_ws)
    action_due(fresh_ws, meeting_id, "2026-12-01")
    meetings.update_meeting(
        fresh_ws, meeting_id=meeting_id, scheduled_start="2026-12-10T15:00:00.000Z"
    )
    action = ActionItemId(fresh_ws.scalar("SELECT id FROM action_items"))
    board.edit_item(fresh_ws, kind=ItemKind.ACTION_ITEM, item_id=action, text="Call the family")
    assert (
        board.edit_item(
            fresh_ws, kind=ItemKind.ACTION_ITEM, item_id=action, due_date="12/01/2026", tz=CHICAGO
        )
        is None
    )
    with pytest.raises(InvalidInput, match="before the meeting"):
        board.edit_item(
            fresh_ws, kind=ItemKind.ACTION_ITEM, item_id=action, due_date="2026-12-02", tz=CHICAGO
        )


def test_shared_only_drops_team_only_rows_and_their_links(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    secret = (
        board.add_concern(
            fresh_ws, meeting_id=meeting_id, text="Staffing gap", team_only=True
        ).created_id
        or 0
    )
    option = (
        board.add_solution(
            fresh_ws, meeting_id=meeting_id, text="Contract OT", addresses=[secret]
        ).created_id
        or 0
    )
    board.add_non_negotiable(
        fresh_ws, meeting_id=meeting_id, text="No aide", held_by=HeldBy.SCHOOL, team_only=True
    )
    shared = load_meeting(fresh_ws, meeting_id).shared_only()
    assert shared["concerns"] == [] and shared["non_negotiables"] == []
    assert shared["solution_concerns"] == []
    assert [s["id"] for s in shared["solutions"]] == [option]


def test_edit_and_remove_are_undoable(fresh_ws: Workspace) -> None:
    meeting_id, _ = small_meeting(fresh_ws)
    agreement = board.add_agreement(fresh_ws, meeting_id=meeting_id, text="Weekly notebook")
    item_id = agreement.created_id or 0
    assert (
        board.edit_item(fresh_ws, kind=ItemKind.AGREEMENT, item_id=item_id, text="Weekly notebook")
        is None
    )
    edit = board.edit_item(fresh_ws, kind=ItemKind.AGREEMENT, item_id=item_id, team_only=True)
    assert edit is not None and fresh_ws.scalar("SELECT team_only FROM agreements") == 1
    removal = board.remove_item(fresh_ws, kind=ItemKind.AGREEMENT, item_id=item_id)
    assert fresh_ws.scalar("SELECT count(*) FROM agreements") == 0
    undo_event(fresh_ws, removal.event_id)
    assert fresh_ws.scalar("SELECT team_only FROM agreements") == 1
    with pytest.raises(InvalidInput, match="cannot change"):
        board.edit_item(fresh_ws, kind=ItemKind.AGREEMENT, item_id=item_id, meeting_id=5)
    with pytest.raises(NotFound):
        board.remove_item(fresh_ws, kind=ItemKind.NOTE, item_id=999)


def test_items_of_a_live_meeting_follow_the_speaker_only_when_asked(fresh_ws: Workspace) -> None:
    meeting_id, (ana, *_) = small_meeting(fresh_ws)
    live.switch_speaker(fresh_ws, meeting_id=meeting_id, participant_id=ana)
    board.add_concern(fresh_ws, meeting_id=meeting_id, text="Unattributed")
    assert fresh_ws.scalar("SELECT raised_by FROM concerns") is None
