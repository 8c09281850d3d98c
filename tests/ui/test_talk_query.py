"""The tracker's one-query balance of voices gives the core's answer, to the millisecond."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator import live, meetings
from facilitator.clock import FakeClock
from facilitator.errors import UndoConflict
from facilitator.history import undo_event
from facilitator.meetings import NewAgendaItem, NewParticipant
from facilitator.model import CaseId, MeetingId, MeetingKind, Role
from facilitator.store import Workspace
from facilitator.talk_time import speaking_balance as core_balance
from ui.models.talk_query import speaking_balance

Step = tuple[str, int, int]  # what, who (index), milliseconds to wait after
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["speak", "speak", "speak", "pause", "next", "previous", "undo", "resume"]),
        st.integers(0, 3),
        st.sampled_from([0, 0, 1, 999, 1500, 60_000]),  # 0: the same millisecond, on purpose
    ),
    max_size=40,
)


def run(ws: Workspace, clock: FakeClock, steps: list[Step]) -> MeetingId:
    case = meetings.create_case(ws, label="case")
    meeting_id = MeetingId(
        meetings.create_meeting(
            ws,
            case_id=CaseId(case.created_id or 0),
            kind=MeetingKind.FACILITATED_IEP,
            title="m",
            participants=[
                NewParticipant(f"P{n}", r)
                for n, r in enumerate(
                    [Role.PARENT, Role.ADVOCATE, Role.GENERAL_ED_TEACHER, Role.FACILITATOR]
                )
            ],
            agenda=[NewAgendaItem("a", 5), NewAgendaItem("b", 5), NewAgendaItem("c", 5)],
        ).created_id
        or 0
    )
    people = [r["id"] for r in ws.rows("SELECT id FROM participants ORDER BY position")]
    last_event: int | None = None
    for what, who, wait in steps:
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
        elif what == "undo" and last_event is not None:
            with contextlib.suppress(UndoConflict):  # the record moved on since: refused
                undo_event(ws, last_event)
            last_event = None
        if change is not None:
            last_event = change.event_id
        clock.advance(ms=wait)
    return meeting_id


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_the_query_matches_the_core_for_any_meeting(tmp_path_factory, steps: list[Step]) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock("2026-11-29T15:00:00.000Z")
    path = tmp_path_factory.mktemp("talk") / "w.sqlite3"
    with Workspace.open(path, clock=clock) as ws:
        meeting_id = run(ws, clock, steps)
        assert speaking_balance(ws, meeting_id) == core_balance(ws, meeting_id)
