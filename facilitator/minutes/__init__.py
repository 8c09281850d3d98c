"""Minutes of a meeting as Word (.docx), and its action items as CSV, for parents or the team.

A parent copy is what may leave the building: it never holds a team-only item, in any part of
the file. A team copy adds team-only items (labelled "Team only"), facilitator notes and the
speaking balance. Minutes can be exported at any time; before a meeting has ended they say
"Draft". Each copy is in Spanish, English or both (see `language`): a parent copy is in the
family's language unless asked otherwise. python-docx and Babel are imported only when a file is
written, so importing this is cheap.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from facilitator.minutes.files import safe_file_name, write_atomically
from facilitator.minutes.language import CHOICES as LANGUAGES
from facilitator.minutes.language import family_language, translation_note

if TYPE_CHECKING:
    from facilitator.store import Workspace

__all__ = [
    "LANGUAGES",
    "default_file_name",
    "family_language",
    "safe_file_name",
    "translation_note",
    "write_actions_csv",
    "write_minutes",
]

Audience = Literal["parent", "team"]


def write_minutes(
    ws: Workspace,
    meeting_id: int,
    out: Path,
    *,
    audience: Audience = "parent",
    author: str = "",
    now: datetime | None = None,
    language: str | None = None,
) -> Path:
    """Write the minutes of one meeting to `out` (replaced in one step) and return it.

    `language` is "es", "en" or "bilingual" (the family's language first); None, the default,
    is the family's language for a parent copy (see `family_language`) and English for the team.
    `author` goes into the document's author fields (empty by default: never the computer's user
    name); `now` is the export time (default: the current time). The meeting is not changed.
    Raises `NotFound` for an unknown meeting, `ValueError` for an unknown language and
    `FacilitatorError` when `out` cannot be written or is a database (the workspace above all).
    """
    from facilitator.files import refuse_database_target
    from facilitator.minutes.content import build_minutes
    from facilitator.minutes.docx_writer import render
    from facilitator.minutes.sources import gather

    refuse_database_target(Path(out), workspace=ws.path)  # before the work of building it
    src = gather(ws, meeting_id, audience=audience, now=now)
    minutes = build_minutes(src, language)
    if audience == "parent" and minutes.has_team_only:
        raise RuntimeError("a team-only item reached the parent copy; nothing was written")
    data = render(minutes, author=author, exported_at=src.exported_at)
    return write_atomically(Path(out), data)


def write_actions_csv(
    ws: Workspace,
    meeting_id: int,
    out: Path,
    *,
    audience: Audience = "parent",
    language: str | None = None,
) -> Path:
    """Write the meeting's action items (and those carried over) as CSV to `out`; `language` as
    for `write_minutes` (it words the column headers and statuses)."""
    from facilitator.minutes.csv_export import write_actions_csv as write

    return write(ws, meeting_id, Path(out), audience=audience, language=language)


def default_file_name(
    ws: Workspace,
    meeting_id: int,
    *,
    audience: Audience = "parent",
    suffix: str = ".docx",
    language: str | None = None,
) -> str:
    """A name to offer in a save dialog, e.g. "2026-11-22 Annual IEP meeting - parent copy.docx"
    (the meeting's local date; ".csv" names the action items), in the copy's first language."""
    from facilitator.minutes.language import copy_languages
    from facilitator.minutes.wording import Wording, local
    from facilitator.record import load_meeting

    record = load_meeting(ws, meeting_id)  # raises NotFound
    meeting = record.meeting
    held = meeting["started_at"] or meeting["scheduled_start"] or meeting["created_at"]
    day = local(held, None).date().isoformat()
    one = Wording.of(copy_languages(record, audience=audience, language=language)[0])
    copy = one._("parent copy") if audience == "parent" else one._("team copy")
    if suffix == ".csv":
        copy = one._("action items ({copy})").format(copy=copy)
    return safe_file_name(f"{day} {meeting['title']} - {copy}{suffix}")
