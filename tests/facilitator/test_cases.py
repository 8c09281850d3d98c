"""A case across its meetings: their order, the complaint date, the resolution timelines, and
whether an agenda fits its meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from facilitator import board, live, meetings
from facilitator.cases import case_meetings, has_resolution_meeting, resolution_timeline
from facilitator.clock import FakeClock
from facilitator.errors import NotFound
from facilitator.history import undo_event
from facilitator.meetings import NewAgendaItem
from facilitator.model import CaseId, MeetingId, MeetingKind
from facilitator.preparation import agenda_fit
from facilitator.store import Workspace

UTC = dt.UTC


def _case(ws: Workspace) -> CaseId:
    return CaseId(meetings.create_case(ws, label="Maya R.").created_id or 0)


def _meeting(
    ws: Workspace, case_id: CaseId, kind: MeetingKind, start: str | None, end: str | None = None
) -> MeetingId:
    change = meetings.create_meeting(
        ws, case_id=case_id, kind=kind, title=kind.label, scheduled_start=start, planned_end=end,
        agenda=[NewAgendaItem("Welcome", 10), NewAgendaItem("Issues", 40)],
    )  # fmt: skip
    return MeetingId(change.created_id or 0)


def test_the_complaint_date_is_recorded_cleared_and_undone(fresh_ws: Workspace) -> None:
    case_id = _case(fresh_ws)
    change = meetings.set_complaint_received(fresh_ws, case_id=case_id, on=dt.date(2026, 11, 2))
    assert change is not None and change.tables == {"cases"}
    stored = "SELECT complaint_received_on FROM cases WHERE id = ?"
    assert fresh_ws.scalar(stored, (case_id,)) == "2026-11-02"
    again = meetings.set_complaint_received(fresh_ws, case_id=case_id, on=dt.date(2026, 11, 2))
    assert again is None  # unchanged: nothing to record or undo
    cleared = meetings.set_complaint_received(fresh_ws, case_id=case_id, on=None)
    assert cleared is not None and fresh_ws.scalar(stored, (case_id,)) is None
    undo_event(fresh_ws, cleared.event_id)
    assert fresh_ws.scalar(stored, (case_id,)) == "2026-11-02"
    with pytest.raises(NotFound):
        meetings.set_complaint_received(fresh_ws, case_id=CaseId(99), on=None)


def test_a_cases_meetings_come_in_the_order_they_are_held(fresh_ws: Workspace) -> None:
    case_id = _case(fresh_ws)
    later = _meeting(fresh_ws, case_id, MeetingKind.FACILITATED_IEP, "2026-12-10T15:00:00.000Z")
    earlier = _meeting(fresh_ws, case_id, MeetingKind.PRE_IEP_DIALOGUE, "2026-11-20T15:00:00.000Z")
    other = _case(fresh_ws)
    _meeting(fresh_ws, other, MeetingKind.MEDIATION, None)
    assert [m["id"] for m in case_meetings(fresh_ws, case_id)] == [earlier, later]
    assert not has_resolution_meeting(fresh_ws, case_id)


def test_no_timeline_without_a_complaint_date(fresh_ws: Workspace) -> None:
    case_id = _case(fresh_ws)
    meeting_id = _meeting(fresh_ws, case_id, MeetingKind.RESOLUTION, None)
    assert resolution_timeline(fresh_ws, meeting_id) is None


def test_the_resolution_timeline_counts_from_the_complaint(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    case_id = _case(fresh_ws)
    meetings.set_complaint_received(fresh_ws, case_id=case_id, on=dt.date(2026, 11, 10))
    meeting_id = _meeting(fresh_ws, case_id, MeetingKind.RESOLUTION, "2026-11-25T15:00:00.000Z")
    assert has_resolution_meeting(fresh_ws, case_id)
    timeline = resolution_timeline(fresh_ws, meeting_id, tz=UTC)
    assert timeline is not None
    assert timeline.meeting_due == dt.date(2026, 11, 25)
    assert timeline.resolution_period_ends == dt.date(2026, 12, 10)
    assert timeline.meeting_on == dt.date(2026, 11, 25) and timeline.meeting_in_time
    assert timeline.signed_on is None and timeline.void_until is None


def test_the_void_window_starts_when_the_meeting_ends_with_an_agreement(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    case_id = _case(fresh_ws)
    meetings.set_complaint_received(fresh_ws, case_id=case_id, on=dt.date(2026, 11, 10))
    meeting_id = _meeting(fresh_ws, case_id, MeetingKind.RESOLUTION, "2026-11-25T15:00:00.000Z")
    clock.set("2026-11-25T15:00:00.000Z")  # a Wednesday, the day before Thanksgiving
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    board.add_agreement(fresh_ws, meeting_id=meeting_id, text="Reading support starts Monday")
    clock.advance(minutes=80)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    thanksgiving, friday = dt.date(2026, 11, 26), dt.date(2026, 11, 27)
    timeline = resolution_timeline(
        fresh_ws, meeting_id, holidays=[thanksgiving, friday, dt.date(2027, 1, 1)], tz=UTC
    )
    assert timeline is not None
    assert timeline.signed_on == dt.date(2026, 11, 25)
    # Thursday and Friday are holidays, then a weekend: Mon, Tue, Wed are the three days.
    assert timeline.void_until == dt.date(2026, 12, 2)
    assert timeline.holidays_skipped == (thanksgiving, friday)
    # Another meeting of the case shows the same timeline, from the resolution meeting.
    follow_up = _meeting(fresh_ws, case_id, MeetingKind.FACILITATED_IEP, None)
    again = resolution_timeline(fresh_ws, follow_up, holidays=[thanksgiving, friday], tz=UTC)
    assert again is not None and again.void_until == dt.date(2026, 12, 2)


def test_a_meeting_ended_without_an_agreement_opens_no_void_window(
    fresh_ws: Workspace, clock: FakeClock
) -> None:
    case_id = _case(fresh_ws)
    meetings.set_complaint_received(fresh_ws, case_id=case_id, on=dt.date(2026, 11, 1))
    meeting_id = _meeting(fresh_ws, case_id, MeetingKind.RESOLUTION, None)
    live.start_meeting(fresh_ws, meeting_id=meeting_id)
    live.end_meeting(fresh_ws, meeting_id=meeting_id)
    timeline = resolution_timeline(fresh_ws, meeting_id, tz=UTC)
    assert timeline is not None and timeline.signed_on is None
    # Held on the clock's day, 2026-11-29: after the 15-day deadline of 2026-11-16.
    assert timeline.meeting_in_time is False


@pytest.mark.parametrize(
    ("end", "available", "fits"),
    [
        ("2026-12-01T15:50:00.000Z", 50, True),
        ("2026-12-01T15:40:00.000Z", 40, False),
        (None, None, None),
    ],
)
def test_the_agenda_fits_between_start_and_planned_end_or_not(
    fresh_ws: Workspace, end: str | None, available: int | None, fits: bool | None
) -> None:
    meeting_id = _meeting(
        fresh_ws, _case(fresh_ws), MeetingKind.FACILITATED_IEP, "2026-12-01T15:00:00.000Z", end
    )
    fit = agenda_fit(fresh_ws, meeting_id)
    assert fit.planned_minutes == 50
    assert fit.available_minutes == available
    assert fit.fits is fits
    if available is not None:
        assert fit.spare_minutes == available - 50
