"""A meeting's action items as CSV: what, who, due, status, meeting and case.

Includes the open items carried over from the case's earlier meetings (the Meeting column says
where each came from). A parent copy leaves out team-only items; a team copy marks them. Headers
and statuses are in the copy's language(s), like the minutes; dates stay YYYY-MM-DD.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from facilitator.files import refuse_database_target
from facilitator.minutes import wording as w
from facilitator.minutes.document import Audience
from facilitator.minutes.files import write_atomically
from facilitator.minutes.language import copy_languages
from facilitator.minutes.sanitise import xml_text
from facilitator.minutes.sources import visible_carried, visible_record
from facilitator.minutes.wording import N_, Words
from facilitator.store import Workspace

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def actions_csv(
    ws: Workspace, meeting_id: int, *, audience: Audience = "parent", language: str | None = None
) -> str:
    record = visible_record(ws, meeting_id, audience=audience)
    say = Words.of(copy_languages(record, audience=audience, language=language))
    meeting = record.meeting
    held = meeting["started_at"] or meeting["scheduled_start"]
    here = _meeting_name(say, meeting["title"], held)
    case = str(record.case.get("label") or "")
    columns = [N_("What"), N_("Who"), N_("Due"), N_("Status"), N_("Meeting"), N_("Case")]
    if audience == "team":
        columns.append(N_("Team only"))
    header = [say.label(c) for c in columns]
    yes = say.label(N_("yes"))
    rows: list[list[str]] = []
    for a in sorted(record["action_items"], key=lambda a: (a["due_date"] or "9999", a["id"])):
        status = say.value(w.ACTION_STATUS, a["status"])
        rows.append([a["text"], a["owner"], a["due_date"] or "", status, here, case])
        if audience == "team":
            rows[-1].append(yes if a["team_only"] else "")
    for line in visible_carried(ws, meeting_id, audience=audience):
        status = say.value(w.ACTION_STATUS, line.status)
        origin = _meeting_name(say, line.meeting_title, line.meeting_date)
        rows.append([line.text, line.owner, line.due_date or "", status, origin, line.case_label])
        if audience == "team":
            rows[-1].append(yes if line.team_only else "")
    buffer = io.StringIO()
    table = csv.writer(buffer)
    table.writerow(header)
    table.writerows([[_cell(value) for value in row] for row in rows])
    return buffer.getvalue()


def write_actions_csv(
    ws: Workspace,
    meeting_id: int,
    out: Path,
    *,
    audience: Audience = "parent",
    language: str | None = None,
) -> Path:
    """Write the CSV (UTF-8 with a byte-order mark, so spreadsheet programs read accents); never
    over the workspace or any other database."""
    refuse_database_target(Path(out), workspace=ws.path)
    text = actions_csv(ws, meeting_id, audience=audience, language=language)
    return write_atomically(Path(out), text.encode("utf-8-sig"))


def _meeting_name(say: Words, title: str, held: str | None) -> str:
    """The meeting's title and its local date: "Pre-IEP dialogue (2026-11-01)"."""
    if not held:
        return title
    day = w.local(held, None).date().isoformat()
    return say.first._("{title} ({date})").format(title=title, date=day)


def _cell(value: str) -> str:
    text = xml_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
