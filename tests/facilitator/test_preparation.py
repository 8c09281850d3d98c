"""Preparing meetings from templates, saving them back, carrying items forward, deadlines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from facilitator import meetings
from facilitator.model import CaseId, ConcernStatus, MeetingId, MeetingKind
from facilitator.preparation import (
    add_business_days,
    carry_concerns,
    meeting_from_template,
    open_from_earlier_meetings,
    resolution_deadlines,
    template_from_meeting,
    void_window_ends,
)
from facilitator.store import Workspace
from facilitator.templates.loading import find_template, parse_template
from facilitator.templates.saving import save_user_template, template_to_toml


def test_a_meeting_from_a_shipped_template_has_its_agenda(fresh_ws: Workspace) -> None:
    template = find_template("pre_iep_dialogue")
    case_id = CaseId(meetings.create_case(fresh_ws, label="Case").created_id or 0)
    meeting_id = meeting_from_template(fresh_ws, case_id=case_id, template=template).created_id
    meeting = fresh_ws.row("SELECT * FROM meetings WHERE id = ?", (meeting_id,)) or {}
    assert meeting["kind"] == MeetingKind.PRE_IEP_DIALOGUE
    assert meeting["makes_decisions"] == 0
    items = fresh_ws.rows("SELECT title, planned_minutes FROM agenda_items ORDER BY position")
    assert [(i["title"], i["planned_minutes"]) for i in items] == [
        (i.title, i.minutes) for i in template.items
    ]


def test_a_meeting_saved_as_a_template_round_trips(fresh_ws: Workspace, tmp_path: Path) -> None:
    template = find_template("facilitated_iep_meeting")
    case_id = CaseId(meetings.create_case(fresh_ws, label="Case").created_id or 0)
    meeting_id = MeetingId(
        meeting_from_template(fresh_ws, case_id=case_id, template=template).created_id or 0
    )
    saved = template_from_meeting(fresh_ws, meeting_id, name="our_iep")
    assert [(i.title, i.minutes, i.prompts, i.sub_items) for i in saved.items] == [
        (i.title, i.minutes, i.prompts, i.sub_items) for i in template.items
    ]
    path = save_user_template(saved, tmp_path)
    again = parse_template(path.read_text(encoding="utf-8"), path=path)
    assert template_to_toml(again) == template_to_toml(saved)


def test_parked_concerns_of_earlier_meetings_are_offered_and_carried(demo_ws: Workspace) -> None:
    offered = open_from_earlier_meetings(demo_ws, MeetingId(2))
    assert [c["text"] for c in offered] == ["Maya is two grade levels behind in reading fluency"]
    carry_concerns(demo_ws, meeting_id=MeetingId(2), concern_ids=[offered[0]["id"]])
    carried = demo_ws.row("SELECT * FROM concerns WHERE meeting_id = 2 ORDER BY id DESC") or {}
    assert carried["text"] == offered[0]["text"] and carried["status"] == ConcernStatus.RAISED
    assert open_from_earlier_meetings(demo_ws, MeetingId(2)) == []


def test_resolution_deadlines_count_calendar_days() -> None:
    deadlines = resolution_deadlines(dt.date(2026, 11, 2))
    assert deadlines.meeting_due == dt.date(2026, 11, 17)
    assert deadlines.resolution_period_ends == dt.date(2026, 12, 2)


def test_the_void_window_skips_weekends_and_holidays() -> None:
    wednesday = dt.date(2026, 11, 25)
    thanksgiving, friday_after = dt.date(2026, 11, 26), dt.date(2026, 11, 27)
    assert void_window_ends(wednesday) == dt.date(2026, 11, 30)
    assert void_window_ends(wednesday, [thanksgiving, friday_after]) == dt.date(2026, 12, 2)
    assert add_business_days(dt.date(2026, 11, 27), 1) == dt.date(2026, 11, 30)
