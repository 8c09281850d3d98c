"""Starting points for a workspace: a meeting from the default agenda, or the sample meeting.

The core modules are imported when asked for: reading templates is not needed to show a meeting.
"""

from __future__ import annotations

from datetime import timedelta

from facilitator import meetings
from facilitator.clock import format_timestamp
from facilitator.model import CaseId, MeetingId
from facilitator.store import Workspace

DEFAULT_TEMPLATE = "facilitated_iep_meeting"


def meeting_from_template(ws: Workspace, name: str = DEFAULT_TEMPLATE) -> MeetingId:
    """A new case and a planned meeting with the template's agenda (participants come later)."""
    from facilitator.preparation import meeting_from_template as prepare
    from facilitator.templates.loading import find_template

    template = find_template(name)
    now = ws.clock.now()
    today = now.astimezone().strftime("%Y-%m-%d")
    case = meetings.create_case(ws, label=f"New case ({today})")
    change = prepare(
        ws,
        case_id=CaseId(case.created_id or 0),
        template=template,
        title=f"{template.title} ({today})",
        scheduled_start=format_timestamp(now),
        planned_end=format_timestamp(now + timedelta(minutes=template.total_minutes)),
    )
    return MeetingId(change.created_id or 0)


def sample_meeting(ws: Workspace) -> MeetingId:
    from facilitator.demo import create_demo

    return create_demo(ws)
