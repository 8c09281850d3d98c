"""The sample meeting, a way in for someone trying the app (File > Open the sample meeting).

New meetings are made with the form in `ui.prepare.form`; the core modules are imported when asked
for: reading templates or building the sample is not needed to show a meeting.
"""

from __future__ import annotations

from facilitator.model import MeetingId
from facilitator.store import Workspace


def sample_meeting(ws: Workspace) -> MeetingId:
    """The sample's facilitated IEP meeting: the one the workspace holds, else a new sample case
    (so asking again opens the same sample rather than adding another)."""
    from facilitator.demo import create_demo, find_demo

    return find_demo(ws) or create_demo(ws)
