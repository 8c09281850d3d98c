"""The sample case: made once, found again by what `create_demo` stores."""

from __future__ import annotations

from facilitator import deletion, meetings
from facilitator.demo import SAMPLE_CASE_LABEL, SAMPLE_MEETING_TITLE, create_demo, find_demo
from facilitator.model import CaseId, MeetingKind
from facilitator.store import Workspace


def test_a_workspace_without_the_sample_has_none_to_find(fresh_ws: Workspace) -> None:
    assert find_demo(fresh_ws) is None


def test_the_sample_made_is_the_sample_found(fresh_ws: Workspace) -> None:
    made = create_demo(fresh_ws)
    assert find_demo(fresh_ws) == made
    meeting = fresh_ws.row("SELECT kind, title, status FROM meetings WHERE id = ?", (made,))
    assert meeting == {"kind": "facilitated_iep", "title": SAMPLE_MEETING_TITLE, "status": "ended"}


def test_a_users_own_case_or_meeting_is_never_taken_for_the_sample(fresh_ws: Workspace) -> None:
    """Only the sample's case label with its meeting's kind and title, together, are the sample."""
    own = CaseId(meetings.create_case(fresh_ws, label="Maya R., grade 4").created_id or 0)
    meetings.create_meeting(
        fresh_ws, case_id=own, kind=MeetingKind.FACILITATED_IEP, title=SAMPLE_MEETING_TITLE
    )
    renamed = CaseId(meetings.create_case(fresh_ws, label=SAMPLE_CASE_LABEL).created_id or 0)
    meetings.create_meeting(
        fresh_ws, case_id=renamed, kind=MeetingKind.FACILITATED_IEP, title="Annual IEP meeting"
    )
    meetings.create_meeting(
        fresh_ws, case_id=renamed, kind=MeetingKind.OTHER, title=SAMPLE_MEETING_TITLE
    )
    assert find_demo(fresh_ws) is None


def test_a_deleted_sample_is_gone_and_can_be_made_again(fresh_ws: Workspace) -> None:
    first = create_demo(fresh_ws)
    case_id = fresh_ws.scalar("SELECT case_id FROM meetings WHERE id = ?", (first,))
    deletion.delete_case(fresh_ws, case_id)
    assert find_demo(fresh_ws) is None
    again = create_demo(fresh_ws)
    assert find_demo(fresh_ws) == again != first


def test_of_several_samples_the_first_made_is_found(fresh_ws: Workspace) -> None:
    """Earlier versions added one on every click."""
    first = create_demo(fresh_ws)
    create_demo(fresh_ws)
    assert find_demo(fresh_ws) == first
