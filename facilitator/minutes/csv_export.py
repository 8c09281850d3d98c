"""A meeting's action items as CSV: what, who, due, status, meeting and case.

Includes the open items carried over from the case's earlier meetings (the Meeting column says
where each came from). A parent copy leaves out team-only items; a team copy marks them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from facilitator.minutes import wording as w
from facilitator.minutes.document import Audience
from facilitator.minutes.files import write_atomically
from facilitator.minutes.sanitise import xml_text
from facilitator.minutes.sources import visible_carried, visible_record
from facilitator.minutes.wording import _
from facilitator.model import ActionStatus
from facilitator.store import Workspace

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def actions_csv(ws: Workspace, meeting_id: int, *, audience: Audience = "parent") -> str:
    record = visible_record(ws, meeting_id, audience=audience)
    meeting = record.meeting
    held = meeting["started_at"] or meeting["scheduled_start"]
    here = _meeting_name(meeting["title"], held)
    case = str(record.case.get("label") or "")
    header = [_("What"), _("Who"), _("Due"), _("Status"), _("Meeting"), _("Case")]
    if audience == "team":
        header.append(_("Team only"))
    rows: list[list[str]] = []
    for a in sorted(record["action_items"], key=lambda a: (a["due_date"] or "9999", a["id"])):
        status = w.enum_label(ActionStatus, a["status"])
        rows.append([a["text"], a["owner"], a["due_date"] or "", status, here, case])
        if audience == "team":
            rows[-1].append(_("yes") if a["team_only"] else "")
    for line in visible_carried(ws, meeting_id, audience=audience):
        status = w.enum_label(ActionStatus, line.status)
        origin = _meeting_name(line.meeting_title, line.meeting_date)
        rows.append([line.text, line.owner, line.due_date or "", status, origin, line.case_label])
        if audience == "team":
            rows[-1].append(_("yes") if line.team_only else "")
    buffer = io.StringIO()
    table = csv.writer(buffer)
    table.writerow(header)
    table.writerows([[_cell(value) for value in row] for row in rows])
    return buffer.getvalue()


def write_actions_csv(
    ws: Workspace, meeting_id: int, out: Path, *, audience: Audience = "parent"
) -> Path:
    """Write the CSV (UTF-8 with a byte-order mark, so spreadsheet programs read accents)."""
    text = actions_csv(ws, meeting_id, audience=audience)
    return write_atomically(Path(out), text.encode("utf-8-sig"))


def _meeting_name(title: str, held: str | None) -> str:
    """The meeting's title and its local date: "Pre-IEP dialogue (2026-11-01)"."""
    if not held:
        return title
    return _("{title} ({date})").format(title=title, date=w.local(held, None).date().isoformat())


def _cell(value: str) -> str:
    text = xml_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
