"""Minutes of a meeting as Word (.docx), and its action items as CSV, for parents or the team.

A parent copy is what may leave the building: it never holds a team-only item, in any part of
the file. A team copy adds team-only items (labelled "Team only"), facilitator notes and the
speaking balance. Minutes can be exported at any time; before a meeting has ended they say
"Draft". python-docx is imported only when a .docx is written, so importing this is cheap.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from facilitator.minutes.files import safe_file_name, write_atomically
from facilitator.minutes.wording import _

if TYPE_CHECKING:
    from facilitator.store import Workspace

__all__ = ["default_file_name", "safe_file_name", "write_actions_csv", "write_minutes"]

Audience = Literal["parent", "team"]


def write_minutes(
    ws: Workspace,
    meeting_id: int,
    out: Path,
    *,
    audience: Audience = "parent",
    author: str = "",
    now: datetime | None = None,
) -> Path:
    """Write the minutes of one meeting to `out` (replaced in one step) and return it.

    `author` goes into the document's author fields (empty by default: never the computer's user
    name); `now` is the export time (default: the current time). The meeting is not changed.
    Raises `NotFound` for an unknown meeting and `FacilitatorError` when `out` cannot be written.
    """
    from facilitator.minutes.content import build_minutes
    from facilitator.minutes.docx_writer import render
    from facilitator.minutes.sources import gather

    src = gather(ws, meeting_id, audience=audience, now=now)
    minutes = build_minutes(src)
    if audience == "parent" and minutes.has_team_only:
        raise RuntimeError("a team-only item reached the parent copy; nothing was written")
    data = render(minutes, author=author, exported_at=src.exported_at)
    return write_atomically(Path(out), data)


def write_actions_csv(
    ws: Workspace, meeting_id: int, out: Path, *, audience: Audience = "parent"
) -> Path:
    """Write the meeting's action items (and those carried over) as CSV to `out`."""
    from facilitator.minutes.csv_export import write_actions_csv as write

    return write(ws, meeting_id, Path(out), audience=audience)


def default_file_name(
    ws: Workspace, meeting_id: int, *, audience: Audience = "parent", suffix: str = ".docx"
) -> str:
    """A name to offer in a save dialog, e.g. "2026-11-22 Annual IEP meeting - parent copy.docx"
    (the meeting's local date; ".csv" names the action items)."""
    from facilitator.minutes.wording import local

    meeting = ws.row(
        "SELECT title, coalesce(started_at, scheduled_start, created_at) AS held"
        " FROM meetings WHERE id = ?",
        (meeting_id,),
    )
    if meeting is None:
        from facilitator.errors import NotFound

        raise NotFound(f"meeting {meeting_id} does not exist")
    day = local(meeting["held"], None).date().isoformat()
    copy = _("parent copy") if audience == "parent" else _("team copy")
    if suffix == ".csv":
        copy = _("action items ({copy})").format(copy=copy)
    return safe_file_name(f"{day} {meeting['title']} - {copy}{suffix}")
